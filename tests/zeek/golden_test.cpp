// Golden tests: every fixtures/zeek/*.kql is translated; a rule with a .zeek file must
// translate to exactly that script, and its diagnostics (warnings for a translated rule, the
// rejections otherwise) must equal the .diag file. KQ_UPDATE_GOLDEN=1 rewrites the goldens
// (review the diff before committing).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>

#include "golden_support.h"

using namespace kql;

namespace {

std::vector<std::filesystem::path> fixture_rules() {
  std::vector<std::filesystem::path> out;
  for (auto& e : std::filesystem::directory_iterator(test::zeek_fixtures()))
    if (e.path().extension() == ".kql") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

void check_or_update(const std::filesystem::path& golden, const std::string& actual, bool update) {
  if (update) {
    if (actual.empty())
      std::filesystem::remove(golden);
    else
      std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  std::string expected = std::filesystem::exists(golden) ? test::read_file(golden) : "";
  CHECK_MESSAGE(actual == expected, golden.filename().string());
}

}  // namespace

TEST_CASE("every Zeek fixture translates to its golden script or its golden diagnostics") {
  bool update = std::getenv("KQ_UPDATE_GOLDEN") != nullptr;
  auto rules = fixture_rules();
  REQUIRE(rules.size() >= 20);
  for (auto& rule : rules) {
    CAPTURE(rule.filename().string());
    auto out = test::translate_text(rule.filename().string(), test::read_file(rule));
    auto script = rule;
    script.replace_extension(".zeek");
    auto diag = rule;
    diag.replace_extension(".diag");
    bool expect_script = std::filesystem::exists(script);
    bool rejected = rule.filename().string().rfind("reject_", 0) == 0;
    if (!update) CHECK(out.translation.ok == !rejected);
    if (rejected) CHECK(!out.diagnostics.empty());
    check_or_update(script, out.translation.ok ? out.translation.script : "", update);
    check_or_update(diag, out.diagnostics, update);
    if (!update) CHECK(expect_script == out.translation.ok);
  }
}
