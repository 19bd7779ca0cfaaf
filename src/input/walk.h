#pragma once
// Turning the paths given on the command line into the list of rule files to check.
#include <string>
#include <vector>

namespace kql {

struct PathError {
  std::string path;
  std::string message;  // e.g. "no such file or directory"
};

struct WalkResult {
  // Files to check, in a deterministic order: arguments in the order given, each directory's
  // files sorted by path. "-" (stdin) is passed through. No file appears twice.
  std::vector<std::string> files;
  // Paths that do not exist or cannot be listed; the CLI reports them and exits 2.
  std::vector<PathError> errors;
};

// True for the extensions kqlint reads when walking a directory: .kql .csl .kusto .yaml .yml
// .md .markdown (case-insensitive). A file named explicitly is read whatever its extension.
bool is_rule_file_name(const std::string& path);

// True for directories a walk skips: hidden ones (.git, .github, ...), node_modules, and build
// trees (build, build-*, cmake-build-*, out).
bool is_skipped_directory_name(const std::string& name);

WalkResult collect_rule_files(const std::vector<std::string>& paths);

}  // namespace kql
