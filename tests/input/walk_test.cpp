// Walking directories: sorted, rule files only, skipping .git, node_modules and build trees.
#include "input/walk.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "input/read.h"

namespace fs = std::filesystem;
using namespace kql;

namespace {

struct TempTree {
  fs::path root;
  TempTree() {
    root = fs::temp_directory_path() / ("kqlint-walk-" + std::to_string(::getpid()));
    fs::remove_all(root);
    for (const char* f :
         {"z.kql", "a/b/x.csl", "a/y.kusto", "a/r.yaml", "a/s.yml", "c/readme.md", "a/notes.txt",
          ".git/h.kql", "node_modules/x/n.kql", "build/g.kql", "build-asan/g.kql", "A.KQL"}) {
      fs::create_directories((root / f).parent_path());
      std::ofstream(root / f) << "DeviceInfo | take 1\n";
    }
  }
  ~TempTree() { fs::remove_all(root); }
  std::string rel(const std::string& p) const { return fs::relative(p, root).string(); }
};

}  // namespace

TEST_CASE("a directory walk is sorted and skips what is not a rule") {
  TempTree t;
  auto r = collect_rule_files({t.root.string()});
  CHECK(r.errors.empty());
  std::vector<std::string> rel;
  for (const auto& f : r.files) rel.push_back(t.rel(f));
  CHECK(rel == std::vector<std::string>{"A.KQL", "a/b/x.csl", "a/r.yaml", "a/s.yml", "a/y.kusto",
                                        "c/readme.md", "z.kql"});
}

TEST_CASE("explicit files are taken whatever their extension; repeats are dropped") {
  TempTree t;
  std::string txt = (t.root / "a/notes.txt").string();
  std::string z = (t.root / "z.kql").string();
  auto r = collect_rule_files({txt, z, t.root.string(), "-"});
  CHECK(r.errors.empty());
  REQUIRE(r.files.size() == 9);
  CHECK(r.files[0] == txt);
  CHECK(r.files[1] == z);
  CHECK(r.files[8] == "-");
}

TEST_CASE("a missing path is an error, the others are still walked") {
  TempTree t;
  auto r = collect_rule_files({(t.root / "nope").string(), (t.root / "z.kql").string()});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].path == (t.root / "nope").string());
  CHECK(r.errors[0].message == "no such file or directory");
  CHECK(r.files.size() == 1);
}

TEST_CASE("reading files and streams") {
  TempTree t;
  auto ok = read_source_file((t.root / "z.kql").string());
  REQUIRE(ok.file);
  CHECK(ok.file->text() == "DeviceInfo | take 1\n");
  auto dir = read_source_file(t.root.string());
  CHECK_FALSE(dir.file);
  CHECK(dir.error.find("is a directory") != std::string::npos);
  auto missing = read_source_file((t.root / "missing.kql").string());
  CHECK_FALSE(missing.file);
  CHECK(missing.error.find("missing.kql") != std::string::npos);
  std::istringstream in("T | take 1");
  auto stdin_file = read_source_stream(in, "<stdin>");
  REQUIRE(stdin_file.file);
  CHECK(stdin_file.file->path() == "<stdin>");
  CHECK(stdin_file.file->text() == "T | take 1");
}
