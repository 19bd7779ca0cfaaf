// Golden test: for each fixtures/sema/queries/*.kql (the seed blog's queries and operator
// mixes), the result schema must equal the one Microsoft's binder computes (*.expected,
// written by fixtures/sema/regen_expected.sh), and binding reports no problem.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sema_test_util.h"

namespace {
std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST_CASE("result schemas agree with Microsoft's binder on the fixture queries") {
  std::filesystem::path dir = std::filesystem::path(KQ_SOURCE_DIR) / "fixtures/sema/queries";
  int checked = 0;
  for (auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".kql") continue;
    auto expected_path = e.path();
    expected_path.replace_extension(".expected");
    std::string expected = slurp(expected_path);
    while (!expected.empty() && (expected.back() == '\n' || expected.back() == '\r'))
      expected.pop_back();
    auto b = kql::test::bind_text(slurp(e.path()));
    CAPTURE(e.path().filename().string());
    CHECK(b->syntax.empty());
    CHECK(b->problems().empty());
    CHECK(b->result() == expected);
    ++checked;
  }
  CHECK(checked >= 13);
}
