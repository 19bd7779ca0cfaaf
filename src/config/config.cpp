#include "config/config.h"

#include <algorithm>

#include "config/glob.h"

namespace kql {

std::string path_for_globs(const Config& config, const std::filesystem::path& file) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path abs = fs::absolute(file, ec).lexically_normal();
  fs::path base = config.directory.empty() ? fs::current_path(ec) : config.directory;
  fs::path rel = abs.lexically_relative(base);
  // A file outside the config's directory keeps its absolute path: anchored globs cannot
  // match it by accident, name-only globs ("*.yaml") still do.
  std::string text = rel.generic_string();
  if (rel.empty() || text == ".." || text.rfind("../", 0) == 0) return abs.generic_string();
  return text;
}

bool is_detection(const Config& config, const std::filesystem::path& file) {
  std::string path = path_for_globs(config, file);
  return std::any_of(config.detections.begin(), config.detections.end(),
                     [&](const std::string& glob) { return glob_match(glob, path); });
}

}  // namespace kql
