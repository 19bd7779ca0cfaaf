// Measures the Auto policy on the shared corpus. Each corpus file was taken as one query block
// from its source; the ones Kusto.Language parses without a syntax error are certainly one
// query, so Auto splitting any of them is a false split. The corpus files Kusto rejects as one
// query (fixtures/input/corpus_syntax_rejected.txt, from the oracle's --syntax-only run) are
// mostly several queries or prose: splitting those is expected.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "input/kql_blocks.h"

namespace fs = std::filesystem;
using namespace kql;

TEST_CASE("Auto never splits a corpus query that Kusto parses as one query") {
  fs::path corpus = fs::path(KQ_SOURCE_DIR) / ".." / "shared" / "corpus" / "queries";
  if (!fs::exists(corpus)) {
    MESSAGE("corpus not found at " << corpus << "; skipped");
    return;
  }
  std::set<std::string> rejected;
  std::ifstream list(std::string(KQ_SOURCE_DIR) + "/fixtures/input/corpus_syntax_rejected.txt");
  for (std::string line; std::getline(list, line);)
    if (!line.empty()) rejected.insert(line);
  REQUIRE(rejected.size() > 100);

  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(corpus))
    if (e.is_regular_file() && e.path().extension() == ".kql") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  size_t auto_false = 0, auto_other = 0, blank_false = 0, blank_other = 0;
  std::string false_splits;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    bool one_query = !rejected.count(fs::relative(f, corpus).string());
    if (split_blocks(text, SplitMode::Auto).size() > 1) {
      (one_query ? auto_false : auto_other)++;
      if (one_query) false_splits += "  " + fs::relative(f, corpus).string() + "\n";
    }
    if (split_blocks(text, SplitMode::BlankLines).size() > 1)
      (one_query ? blank_false : blank_other)++;
  }
  MESSAGE(files.size() << " corpus files, " << files.size() - rejected.size()
                       << " parse as one query.\n  Auto: " << auto_false << " false splits, "
                       << auto_other << " splits of files Kusto rejects as one query\n"
                       << "  BlankLines: " << blank_false << " false splits, " << blank_other
                       << " splits of files Kusto rejects as one query\n"
                       << false_splits);
  CHECK(files.size() == 2681);
  CHECK(auto_false == 0);
  CHECK(blank_false >= auto_false);
}

TEST_CASE("BlankLines finds the blocks Kusto.Language's CodeScript finds") {
  fs::path corpus = fs::path(KQ_SOURCE_DIR) / ".." / "shared" / "corpus" / "queries";
  if (!fs::exists(corpus)) {
    MESSAGE("corpus not found at " << corpus << "; skipped");
    return;
  }
  std::map<std::string, size_t> expected;  // files not listed have one block
  std::ifstream list(std::string(KQ_SOURCE_DIR) + "/fixtures/input/corpus_codescript_blocks.tsv");
  for (std::string line; std::getline(list, line);) {
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    expected[line.substr(0, tab)] = std::stoul(line.substr(tab + 1));
  }
  REQUIRE(expected.size() > 50);
  size_t files = 0, blocks = 0, disagreements = 0;
  for (const auto& e : fs::recursive_directory_iterator(corpus)) {
    if (!e.is_regular_file() || e.path().extension() != ".kql") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    size_t ours = split_blocks(ss.str(), SplitMode::BlankLines).size();
    std::string id = fs::relative(e.path(), corpus).string();
    size_t theirs = expected.count(id) ? expected[id] : 1;
    ++files;
    blocks += ours;
    if (ours != theirs) {
      ++disagreements;
      MESSAGE(id << ": " << ours << " blocks, CodeScript " << theirs);
    }
  }
  CHECK(files == 2681);
  CHECK(blocks == 3092);
  CHECK(disagreements == 0);
}
