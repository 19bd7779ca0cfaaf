#include "input/walk.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "input/extract.h"

namespace fs = std::filesystem;

namespace kql {

bool is_rule_file_name(const std::string& path) {
  return file_kind_for_path(path) != FileKind::Unknown;
}

bool is_skipped_directory_name(const std::string& name) {
  if (name.empty() || name == "." || name == "..") return false;
  if (name[0] == '.') return true;
  if (name == "node_modules" || name == "build" || name == "out") return true;
  return name.rfind("build-", 0) == 0 || name.rfind("cmake-build-", 0) == 0;
}

namespace {

void walk_directory(const fs::path& dir, std::vector<std::string>& files,
                    std::vector<PathError>& errors) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  if (ec) {
    errors.push_back({dir.string(), ec.message()});
    return;
  }
  std::vector<fs::directory_entry> entries;
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    entries.push_back(*it);
  }
  if (ec) errors.push_back({dir.string(), ec.message()});
  // Sorted by name so that output is the same on every machine and file system.
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
  for (const auto& entry : entries) {
    std::error_code kind_ec;
    // Symbolic links to directories are not followed: they can form cycles.
    if (entry.is_directory(kind_ec) && !entry.is_symlink(kind_ec)) {
      if (!is_skipped_directory_name(entry.path().filename().string()))
        walk_directory(entry.path(), files, errors);
    } else if (entry.is_regular_file(kind_ec) && is_rule_file_name(entry.path().string())) {
      files.push_back(entry.path().string());
    }
  }
}

}  // namespace

WalkResult collect_rule_files(const std::vector<std::string>& paths) {
  WalkResult result;
  std::vector<std::string> found;
  for (const auto& path : paths) {
    if (path == "-") {
      found.push_back(path);
      continue;
    }
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      result.errors.push_back({path, "no such file or directory"});
    } else if (fs::is_directory(status)) {
      walk_directory(fs::path(path), found, result.errors);
    } else {
      found.push_back(path);
    }
  }
  // Drop repeats (a file given twice, or also inside a given directory), keeping first places.
  std::set<std::string> seen;
  for (auto& f : found) {
    std::error_code ec;
    std::string key = f == "-" ? f : fs::weakly_canonical(f, ec).string();
    if (ec) key = f;
    if (seen.insert(key).second) result.files.push_back(std::move(f));
  }
  return result;
}

}  // namespace kql
