// write_file_atomically: content, permissions, links, leftovers and failures.
#include "diag/atomic_write.h"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "sample_report.h"

namespace fs = std::filesystem;
using kql::write_file_atomically;
using kql::test::read_file;

namespace {

// A fresh directory under the system temp dir, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "kqlint-diag-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("replaces the content, keeps the permissions and leaves no temporary file") {
  TempDir dir;
  fs::path file = dir.path / "rule.kql";
  { std::ofstream(file) << "old text\n"; }
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  CHECK(write_file_atomically(file, "new text\nline two\n") == "");
  CHECK(read_file(file.string()) == "new text\nline two\n");
  CHECK(fs::status(file).permissions() ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
}

TEST_CASE("a symbolic link is followed: the target changes, the link stays a link") {
  TempDir dir;
  fs::path target = dir.path / "real.kql";
  fs::path link = dir.path / "link.kql";
  { std::ofstream(target) << "before\n"; }
  fs::create_symlink(target, link);
  CHECK(write_file_atomically(link, "after\n") == "");
  CHECK(fs::is_symlink(link));
  CHECK(read_file(target.string()) == "after\n");
}

TEST_CASE("an unwritable place gives a message naming the file, not an exception") {
  TempDir dir;
  fs::path file = dir.path / "missing-dir" / "rule.kql";
  std::string error = write_file_atomically(file, "x");
  CHECK(error.find(file.string()) == 0);
  CHECK(!fs::exists(file));
}
