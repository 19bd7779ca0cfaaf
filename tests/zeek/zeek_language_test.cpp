// Checks that tie the generated scripts to facts of Zeek's own source (the scanner, the parser
// and the NEWS file), found while reviewing the backend against it; each has a regression case.
#include <doctest/doctest.h>

#include <map>
#include <regex>

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
