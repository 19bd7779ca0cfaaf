#include "config/discovery.h"

namespace kql {

namespace fs = std::filesystem;

namespace {

std::optional<fs::path> config_in(const fs::path& dir) {
  std::error_code ec;
  for (const char* name : {"kqlint.toml", ".kqlint.toml"}) {
    fs::path candidate = dir / name;
    if (fs::is_regular_file(candidate, ec)) return candidate;
  }
  return std::nullopt;
}

fs::path absolute_directory(const fs::path& p) {
  std::error_code ec;
  return fs::absolute(p, ec).lexically_normal();
}

}  // namespace

std::optional<fs::path> find_config_file(const fs::path& directory) {
  fs::path dir = absolute_directory(directory);
  while (true) {
    if (auto found = config_in(dir)) return found;
    fs::path parent = dir.parent_path();
    if (parent == dir || parent.empty()) return std::nullopt;
    dir = parent;
  }
}

ConfigResolver::ConfigResolver(std::vector<RuleDescriptor> rules,
                               std::optional<fs::path> explicit_config)
    : rules_(std::move(rules)), explicit_(std::move(explicit_config)) {
  defaults_ = std::make_unique<Config>();
  std::error_code ec;
  defaults_->directory = fs::current_path(ec);
}

const Config& ConfigResolver::load(const fs::path& config_file, std::vector<Diagnostic>& diags) {
  fs::path key = absolute_directory(config_file);
  auto it = by_file_.find(key);
  if (it != by_file_.end()) return *it->second;
  LoadedConfig loaded = load_config(config_file, rules_, diags);
  if (!loaded.ok) ok_ = false;
  return *by_file_.emplace(key, std::move(loaded.config)).first->second;
}

const Config& ConfigResolver::for_file(const fs::path& file, std::vector<Diagnostic>& diags) {
  if (explicit_) return load(*explicit_, diags);

  fs::path start = absolute_directory(file).parent_path();
  std::vector<fs::path> visited;
  const Config* found = defaults_.get();
  for (fs::path dir = start;; dir = dir.parent_path()) {
    if (auto known = by_directory_.find(dir); known != by_directory_.end()) {
      found = known->second;
      break;
    }
    visited.push_back(dir);
    if (auto config_file = config_in(dir)) {
      found = &load(*config_file, diags);
      break;
    }
    if (dir.parent_path() == dir || dir.parent_path().empty()) break;
  }
  for (const fs::path& dir : visited) by_directory_[dir] = found;
  return *found;
}

}  // namespace kql
