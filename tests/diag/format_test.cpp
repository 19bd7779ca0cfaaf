// Golden and behaviour tests for the four output formats.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>

#include "diag/describe_fix.h"
#include "diag/format_github.h"
#include "diag/format_json.h"
#include "diag/format_sarif.h"
#include "diag/format_text.h"
#include "sample_report.h"

using namespace kql;
using kql::test::check_golden;
using kql::test::SampleReport;

namespace {

std::vector<RuleDescriptor> sample_rules() {
  return {
      {"KQL1003", "unknown-column", "A column that the table does not have",
       "The query reads a column that no table in the pipeline produces at that point.",
       "https://example.invalid/kqlint/rules/unknown-column", Severity::Error},
      {"KQL1010", "enum-value-case", "A case-sensitive comparison with a value in the wrong case",
       "", "", Severity::Warning},
      {"KQL1999", "never-reported", "A rule that found nothing", "", "", Severity::Info},
  };
}

std::string text_of(const std::vector<Diagnostic>& diags, bool color = false) {
  std::ostringstream out;
  write_text(out, diags, {2, 3}, {color, true});
  return out.str();
}

}  // namespace

TEST_CASE("text output matches the golden file") {
  SampleReport r;
  check_golden("report.txt", text_of(r.diags));
}

TEST_CASE("json output matches the golden file") {
  SampleReport r;
  std::ostringstream out;
  write_json(out, r.diags, {2, 3});
  check_golden("report.json", out.str());
}

TEST_CASE("sarif output matches the golden file") {
  SampleReport r;
  std::ostringstream out;
  // Relative file names are relative to the working directory, as in a real run.
  write_sarif(out, r.diags, sample_rules(),
              {"0.1.0", "https://example.invalid/kqlint", std::filesystem::current_path()});
  check_golden("report.sarif", out.str());
}

TEST_CASE("github output matches the golden file") {
  SampleReport r;
  std::ostringstream out;
  write_github(out, r.diags);
  check_golden("report.github", out.str());
}

TEST_CASE("every format is independent of the order diagnostics arrive in") {
  SampleReport r;
  std::string text = text_of(r.diags);
  std::ostringstream json1, github1;
  write_json(json1, r.diags, {2, 3});
  write_github(github1, r.diags);
  std::mt19937 rng(7);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(r.diags.begin(), r.diags.end(), rng);
    CHECK(text_of(r.diags) == text);
    std::ostringstream json2, github2;
    write_json(json2, r.diags, {2, 3});
    write_github(github2, r.diags);
    CHECK(json2.str() == json1.str());
    CHECK(github2.str() == github1.str());
  }
}

TEST_CASE("text: the caret line copies the source line's tabs") {
  SampleReport r;
  std::string text = text_of(r.diags);
  // "\t| where Protocol == " is 21 code points before "TCP"'s quote, the first one a tab.
  CHECK(text.find("5 | \t| where Protocol == \"TCP\"\n  | \t" + std::string(20, ' ') + "^" +
                  std::string(4, '~') + "\n") != std::string::npos);
}

TEST_CASE("text: columns after multi-byte characters count code points") {
  SampleReport r;
  std::string text = text_of(r.diags);
  // "| where DeviceName has \"café\" and " is 34 code points (35 bytes).
  CHECK(text.find("inspections.kql:6:35: error[KQL1003 unknown-column]") != std::string::npos);
  CHECK(text.find("  | " + std::string(34, ' ') + "^" + std::string(8, '~') + "\n") !=
        std::string::npos);
}

TEST_CASE("text: a range over several lines is underlined to the end of its first line") {
  SampleReport r;
  std::string text = text_of(r.diags);
  CHECK(text.find("7 | | join (\n  |   ^~~~~~\n") != std::string::npos);
}

TEST_CASE("text: BOM and CRLF do not shift positions or leak into the excerpt") {
  SampleReport r;
  std::string text = text_of(r.diags);
  CHECK(text.find("unterminated_crlf.kql:2:21: error[KQL0001 syntax-error]") != std::string::npos);
  CHECK(text.find("2 | | where FileName =~ \"cmd.exe\n") != std::string::npos);
}

TEST_CASE("text: colour only when asked, and then around the severity") {
  SampleReport r;
  std::string plain = text_of(r.diags, false);
  std::string colored = text_of(r.diags, true);
  CHECK(plain.find('\x1b') == std::string::npos);
  CHECK(colored.find("\x1b[1;31merror[KQL1003 unknown-column]\x1b[0m") != std::string::npos);
  CHECK(colored.find("\x1b[1;35mwarning[KQL1010 enum-value-case]\x1b[0m") != std::string::npos);
}

TEST_CASE("text: control characters in a source line are shown as U+FFFD") {
  SourceFile f("ctl.kql", std::string("print x = \"a\x1b[2Jb\"\n"));
  Diagnostic d;
  d.code = "KQL0001";
  d.name = "syntax-error";
  d.message = "m";
  d.file = &f;
  d.range = {11, 12};
  std::string text = text_of({d});
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find("\xEF\xBF\xBD[2Jb") != std::string::npos);
}

TEST_CASE("summary line counts severities with the right plurals") {
  SampleReport r;
  CHECK(summary_line(r.diags, {2, 3}) ==
        "2 errors, 3 warnings, 1 info in 2 files (3 queries); 2 fixable with --fix");
  std::vector<Diagnostic> one(r.diags.begin(), r.diags.begin() + 1);
  CHECK(summary_line(one, {1, 1}) == "1 error in 1 file (1 query)");
  CHECK(summary_line({}, {14, 40}) == "no problems in 14 files (40 queries)");
}

TEST_CASE("json: exactly the contract's keys, positions in code points") {
  SampleReport r;
  nlohmann::json doc = nlohmann::json::parse([&] {
    std::ostringstream out;
    write_json(out, r.diags, {2, 3});
    return out.str();
  }());
  CHECK(doc["version"] == 1);
  CHECK(doc["files"] == 2);
  CHECK(doc["queries"] == 3);
  REQUIRE(doc["diagnostics"].size() == r.diags.size());
  const std::set<std::string> allowed = {"file",       "line", "column", "end_line",
                                         "end_column", "code", "name",   "severity",
                                         "message",    "help", "fix"};
  for (const auto& d : doc["diagnostics"])
    for (const auto& [key, value] : d.items()) CHECK_MESSAGE(allowed.count(key), key);
  const auto& column = doc["diagnostics"][2];  // by file, then position: the third is "TCP"
  CHECK(column["code"] == "KQL1010");
  CHECK(column["line"] == 5);
  CHECK(column["column"] == 22);
  CHECK(column["end_column"] == 27);
  CHECK(column["fix"]["description"] == "replace `\"TCP\"` with `\"Tcp\"`");
  CHECK(column["fix"]["edits"][0]["replacement"] == "\"Tcp\"");
}

TEST_CASE("github: properties and data are escaped as the runner expects") {
  CHECK(github_escape_data("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext: a,b");
  CHECK(github_escape_property("C:\\rules\\a,b.kql") == "C%3A\\rules\\a%2Cb.kql");
  SourceFile f("dir,with:odd%name.kql", "Table\n");
  Diagnostic d;
  d.code = "KQL1001";
  d.name = "unknown-table";
  d.severity = Severity::Info;
  d.message = "line one\nline two";
  d.file = &f;
  d.range = {0, 5};
  std::ostringstream out;
  write_github(out, {d});
  CHECK(out.str() ==
        "::notice file=dir%2Cwith%3Aodd%25name.kql,line=1,col=1,endLine=1,endColumn=6,"
        "title=KQL1001 unknown-table::line one%0Aline two\n");
}

TEST_CASE("sarif: artifact URIs are relative to the base directory and percent-encoded") {
  CHECK(artifact_uri("/repo/rules/a b.kql", "/repo") == "rules/a%20b.kql");
  CHECK(artifact_uri("/repo/./rules/../x.kql", "/repo/") == "x.kql");
  CHECK(artifact_uri("/elsewhere/x.kql", "/repo") == "file:///elsewhere/x.kql");
}

TEST_CASE("sarif: fingerprints survive an unrelated edit above the finding") {
  std::string body =
      "DeviceNetworkEvents\n| where Protocol == \"TCP\"\n| where Protocol == \"TCP\"\n";
  SourceFile before("rules/a.kql", body);
  SourceFile after("rules/a.kql", "// a comment added later\n\n" + body);
  auto diags_for = [](const SourceFile& f) {
    std::vector<Diagnostic> out;
    size_t at = 0;
    while ((at = f.text().find("\"TCP\"", at)) != std::string::npos) {
      Diagnostic d;
      d.code = "KQL1010";
      d.name = "enum-value-case";
      d.message = "m";
      d.file = &f;
      d.range = {static_cast<uint32_t>(at), static_cast<uint32_t>(at + 5)};
      out.push_back(d);
      at += 5;
    }
    return out;
  };
  auto before_log = sarif_log(diags_for(before), {}, {"0.1.0", "", "/"});
  auto after_log = sarif_log(diags_for(after), {}, {"0.1.0", "", "/"});
  const auto& b = before_log["runs"][0]["results"];
  const auto& a = after_log["runs"][0]["results"];
  REQUIRE(b.size() == 2);
  REQUIRE(a.size() == 2);
  for (int i = 0; i < 2; ++i) {
    CHECK(a[i]["partialFingerprints"]["kqlint/v1"] == b[i]["partialFingerprints"]["kqlint/v1"]);
    CHECK(a[i]["locations"][0]["physicalLocation"]["region"]["startLine"] ==
          b[i]["locations"][0]["physicalLocation"]["region"]["startLine"].get<int>() + 2);
  }
  // Two findings on identical lines differ by their occurrence index.
  CHECK(b[0]["partialFingerprints"]["kqlint/v1"] != b[1]["partialFingerprints"]["kqlint/v1"]);
}

TEST_CASE("sarif: every result's ruleIndex points at its rule") {
  SampleReport r;
  auto log = sarif_log(r.diags, sample_rules(), {"0.1.0", "", KQ_SOURCE_DIR});
  CHECK(log["version"] == "2.1.0");
  const auto& run = log["runs"][0];
  const auto& rules = run["tool"]["driver"]["rules"];
  for (const auto& result : run["results"]) {
    size_t index = result["ruleIndex"].get<size_t>();
    REQUIRE(index < rules.size());
    CHECK(rules[index]["id"] == result["ruleId"]);
    CHECK(!rules[index]["shortDescription"]["text"].get<std::string>().empty());
  }
  // The catalogue's rules are all listed, also those that found nothing.
  CHECK(std::any_of(rules.begin(), rules.end(),
                    [](const auto& rule) { return rule["id"] == "KQL1999"; }));
}

TEST_CASE("a fix without a description is spelled out from its edit") {
  SourceFile f("a.kql", "T | where Protocol == \"TCP\" and P == 1\n");
  auto one = [&](uint32_t b, uint32_t e, std::string r) {
    return Fix{"", {{{b, e}, std::move(r)}}, true};
  };
  CHECK(describe_fix(f, one(10, 18, "Proto")) == "replace \"Protocol\" with \"Proto\"");
  CHECK(describe_fix(f, one(22, 27, "\"Tcp\"")) == "replace `\"TCP\"` with `\"Tcp\"`");
  CHECK(describe_fix(f, one(27, 27, " // ok")) == "insert \" // ok\"");
  CHECK(describe_fix(f, one(27, 38, "")) == "remove \" and P == 1\"");
  CHECK(describe_fix(f, Fix{"", {{{0, 1}, "U"}, {{2, 3}, "?"}}, true}) == "2 edits");
  CHECK(describe_fix(f, Fix{"use the exact case", {}, true}) == "use the exact case");
}
