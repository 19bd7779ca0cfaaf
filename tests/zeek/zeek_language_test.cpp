// Checks that tie the generated scripts to facts of Zeek's own source (the scanner, the parser
// and the NEWS file), found while reviewing the backend against it; each has a regression case.
#include <doctest/doctest.h>

#include <map>
#include <regex>
#include <sstream>

#include "golden_support.h"

using namespace kql;

namespace {

const char* kSplitFront = R"(DeviceNetworkEvents
| where ActionType == "DnsConnectionInspected"
| extend Label = tostring(split(tostring(AdditionalFields.query), ".")[0])
| where Label == "www"
| project Timestamp, Label
)";

const char* kSplitBack = R"(DeviceNetworkEvents
| where ActionType == "DnsConnectionInspected"
| extend Tld = tostring(split(tostring(AdditionalFields.query), ".")[-1])
| where Tld == "zip"
| project Timestamp, Tld
)";

const char* kSimple = R"(DeviceNetworkEvents
| where ActionType == "SshConnectionInspected"
| project Timestamp, RemoteIP
)";

// Names of the functions the script defines (`function name(`), each with the number of times
// the name is followed by `(` anywhere in the script, its definition included.
std::map<std::string, int> defined_functions(const std::string& script) {
  std::map<std::string, int> out;
  std::regex def(R"((?:^|\n)function ([A-Za-z_][A-Za-z_0-9]*)\()");
  for (std::sregex_iterator it(script.begin(), script.end(), def), end; it != end; ++it)
    out[(*it)[1]] = 0;
  for (auto& [name, uses] : out) {
    std::regex call("(^|[^A-Za-z_0-9$])" + name + R"(\()");
    uses = static_cast<int>(std::distance(std::sregex_iterator(script.begin(), script.end(), call),
                                          std::sregex_iterator()));
  }
  return out;
}

std::string module_of(const std::string& script) {
  std::smatch m;
  std::regex mod(R"(\nmodule ([A-Za-z_0-9]+);)");
  return std::regex_search(script, m, mod) ? m[1].str() : "";
}

}  // namespace

// Zeek 5.0 and later warn about a non-exported function that nothing calls (NEWS 5.0: "Zeek now
// automatically warns about unused functions, hooks, and event handlers"); the helpers live in
// the rule's module, unexported, so each must be called. Regression: a rule that indexes split()
// from the front only also got split_piece_from_end(), and the other way round.
TEST_CASE("a helper function is written only when the script calls it") {
  auto front = test::translate_text("split_front.kql", kSplitFront);
  REQUIRE(front.translation.ok);
  CHECK(front.translation.script.find("function split_piece(") != std::string::npos);
  CHECK(front.translation.script.find("function split_piece_from_end(") == std::string::npos);

  auto back = test::translate_text("split_back.kql", kSplitBack);
  REQUIRE(back.translation.ok);
  CHECK(back.translation.script.find("function split_piece(") == std::string::npos);
  CHECK(back.translation.script.find("function split_piece_from_end(") != std::string::npos);

  // Every golden script and every bundled rule that translates: no function without a caller.
  std::vector<std::filesystem::path> rules;
  for (auto& e : std::filesystem::directory_iterator(test::zeek_fixtures()))
    if (e.path().extension() == ".kql") rules.push_back(e.path());
  for (auto& e : std::filesystem::recursive_directory_iterator(
           std::filesystem::path(KQ_SOURCE_DIR) / "rules"))
    if (e.path().extension() == ".kql") rules.push_back(e.path());
  int scripts = 0;
  for (auto& rule : rules) {
    auto out = test::translate_text(rule.filename().string(), test::read_file(rule));
    if (!out.translation.ok) continue;
    ++scripts;
    for (auto& [name, uses] : defined_functions(out.translation.script)) {
      CAPTURE(rule.filename().string());
      CAPTURE(name);
      CHECK(uses >= 2);  // the definition and at least one call
    }
  }
  CHECK(scripts >= 35);
}

// `module file;` does not parse: `file` is a keyword of Zeek's scanner (src/scan.l), as are
// `option`, `union`, `timer`, `as`, `is` ... (the %token list of src/parse.y), and T and F are
// bool constants. Regression: the reserved list missed copy, fallthrough, file, list, opaque,
// timeout, timer, union, option, as, is (and assert, Zeek 6.1).
TEST_CASE("a rule named like a Zeek keyword gets a module name Zeek can parse") {
  for (std::string name : {"file", "option", "union", "timer", "timeout", "list", "opaque", "copy",
                           "fallthrough", "as", "is", "assert", "count", "T", "F", "event"}) {
    CAPTURE(name);
    auto out = test::translate_text(name + ".kql", kSimple);
    REQUIRE(out.translation.ok);
    CHECK(module_of(out.translation.script) == "Rule_" + name);
  }
  // Ordinary names are kept as they are.
  auto out = test::translate_text("files_seen.kql", kSimple);
  REQUIRE(out.translation.ok);
  CHECK(module_of(out.translation.script) == "files_seen");
}

namespace {

// Lines of the script that Zeek reads as code and that begin with `text` (after indentation).
std::vector<std::string> code_lines_starting_with(const std::string& script,
                                                  const std::string& text) {
  std::vector<std::string> out;
  std::istringstream lines(script);
  std::string line;
  while (std::getline(lines, line)) {
    auto start = line.find_first_not_of(" \t");
    if (start != std::string::npos && line.compare(start, text.size(), text) == 0)
      out.push_back(line);
  }
  return out;
}

}  // namespace

// Zeek's scanner ends a comment at the newline (src/scan.l: `#.*`), so text written into a
// comment must not contain one. Regression: a YAML rule name spanning lines (`name: |`) and a
// bracketed column name with "\n" (['a\nprint 1;']) were copied into `#` and `##` comments as
// they were, and their second line became a statement of the script.
TEST_CASE("rule and column names with line breaks stay inside their comments") {
  SourceFile file("multi_line.kql", R"(DeviceNetworkEvents
| where ActionType == "SshConnectionInspected"
| summarize ['a\nprint 1;'] = count(), Hosts = dcount(RemoteIP) by LocalIP
)");
  Query query = Query::whole_file(file);
  std::vector<Diagnostic> raw;
  QueryDiagnostics diags(query, raw);
  zeek::ZeekOptions options;
  options.version = "test";
  options.rule_name = "Line one\nprint \"x\";\r\nredef Site::local_nets += { 0.0.0.0/0 };";
  auto out = zeek::translate_query_to_zeek(query, options, diags);
  REQUIRE(out.ok);
  CHECK(code_lines_starting_with(out.script, "print").empty());
  CHECK(code_lines_starting_with(out.script, "redef Site").empty());
  CHECK(out.script.find("## Line one print \"x\";  redef Site::local_nets") != std::string::npos);
  CHECK(out.script.find("\t# a print 1; = count()\n") != std::string::npos);
  // The stream name keeps the column's bytes, escaped inside its string literal.
  CHECK(out.script.find(".a\\x0aprint 1;\", $apply=") != std::string::npos);
}
