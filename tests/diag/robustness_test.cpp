// Formatters and fix application on hostile input: ranges past the end or reversed, invalid
// UTF-8, NUL bytes, empty files. Every format must produce well-formed output, never crash.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "diag/apply_fixes.h"
#include "diag/format_github.h"
#include "diag/format_json.h"
#include "diag/format_sarif.h"
#include "diag/format_text.h"
#include "sample_report.h"

using namespace kql;

// NUL, invalid UTF-8, CRLF, tabs and a truncated multi-byte sequence at the end.
constexpr char kAwkward[] = "a\0b\nc\xff\xfe d\r\n\t\te\xe2\x82";

TEST_CASE("random ranges over awkward files never break a format") {
  std::vector<std::string> texts = {
      "",
      "\n\n\n",
      std::string(kAwkward, sizeof(kAwkward) - 1),
      kql::test::read_file(kql::test::fixture_path("inspections.kql")),
      kql::test::read_file(kql::test::fixture_path("unterminated_crlf.kql")),
  };
  std::mt19937 rng(2024);
  for (const std::string& text : texts) {
    SourceFile file("odd \"name\",%.kql", text);
    auto size = static_cast<uint32_t>(text.size());
    std::uniform_int_distribution<uint32_t> offset(0, size + 5);
    std::vector<Diagnostic> diags;
    for (int i = 0; i < 40; ++i) {
      Diagnostic d;
      d.code = "KQL10" + std::to_string(i % 7);
      d.name = "rule-" + std::to_string(i % 7);
      d.severity = static_cast<Severity>(i % 3);
      d.message = "bad byte \xff and \"quote\"\nsecond line";
      d.file = &file;
      d.range = {offset(rng), offset(rng)};  // possibly reversed or past the end
      if (i % 3 == 0) d.help = "help %0A";
      if (i % 4 == 0) d.notes.push_back({"note", FileRange{offset(rng), offset(rng)}});
      if (i % 2 == 0) d.fix = Fix{"", {{{offset(rng), offset(rng)}, "x\xff"}}, i % 5 != 0};
      diags.push_back(d);
    }
    std::ostringstream text_out, json_out, sarif_out, github_out;
    write_text(text_out, diags, {1, 1}, {true, true});
    write_json(json_out, diags, {1, 1});
    write_sarif(sarif_out, diags, {}, {"0", "", "/"});
    write_github(github_out, diags);
    CHECK_NOTHROW((void)nlohmann::json::parse(json_out.str()));
    CHECK_NOTHROW((void)nlohmann::json::parse(sarif_out.str()));
    // One annotation per diagnostic, each on its own line.
    std::string g = github_out.str();
    CHECK(std::count(g.begin(), g.end(), '\n') == static_cast<long>(diags.size()));
    FixOutcome fixed = apply_fixes(file, diags);
    CHECK(fixed.applied + fixed.skipped <= diags.size());
  }
}
