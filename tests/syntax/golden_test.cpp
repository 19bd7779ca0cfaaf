// Golden syntax trees: every fixtures/syntax/golden/NAME.kql must parse without diagnostics
// and print exactly NAME.ast. Set KQ_UPDATE_GOLDEN=1 to rewrite the .ast files (then review
// the diff: a golden file is only as good as the reading it got).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "syntax_test_util.h"

namespace fs = std::filesystem;
using kql::test::parse;
using kql::test::read_file;

TEST_CASE("golden syntax trees") {
  fs::path dir = fs::path(KQ_SOURCE_DIR) / "fixtures/syntax/golden";
  std::vector<fs::path> inputs;
  for (auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".kql") inputs.push_back(e.path());
  std::sort(inputs.begin(), inputs.end());
  REQUIRE(inputs.size() >= 10);
  bool update = std::getenv("KQ_UPDATE_GOLDEN") != nullptr;
  for (auto& in : inputs) {
    CAPTURE(in.filename().string());
    auto p = parse(read_file(in.string()), in.string());
    CHECK_MESSAGE(p->ok(), p->first_message());
    fs::path expected_path = in;
    expected_path.replace_extension(".ast");
    std::string actual = p->tree();
    if (update) {
      std::ofstream(expected_path, std::ios::binary) << actual;
      continue;
    }
    REQUIRE_MESSAGE(fs::exists(expected_path), "missing " << expected_path.string());
    CHECK(actual == read_file(expected_path.string()));
  }
}

TEST_CASE("every query of the seed parses") {
  fs::path dir = fs::path(KQ_SOURCE_DIR) / "fixtures/syntax/seed";
  int count = 0;
  for (auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".kql") continue;
    CAPTURE(e.path().filename().string());
    auto p = parse(read_file(e.path().string()), e.path().string());
    CHECK_MESSAGE(p->ok(), p->first_message());
    CHECK(!p->result.tree->statements.empty());
    ++count;
  }
  CHECK(count == 11);
}
