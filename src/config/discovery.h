#pragma once
// Which config applies to a checked file: the nearest `kqlint.toml` or `.kqlint.toml` in the
// file's directory or above it (kqlint.toml first when a directory has both), unless
// `--config FILE` names one for every file. Nearest wins whole: configs do not merge.
// Without any, the defaults apply (config.h).
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "config/load_config.h"

namespace kql {

// The config file for `directory`, searching it and its parents; nullopt when there is none.
std::optional<std::filesystem::path> find_config_file(const std::filesystem::path& directory);

// Loads each config file once and remembers which directory uses which config, so checking
// a large tree costs one directory walk per directory.
class ConfigResolver {
 public:
  // `rules`: the known rules, for warnings about unknown names. `explicit_config`: --config.
  ConfigResolver(std::vector<RuleDescriptor> rules,
                 std::optional<std::filesystem::path> explicit_config = std::nullopt);

  // The config for the file at `file` (need not exist: stdin uses --stdin-filename). The
  // diagnostics of a config file are appended to `diags` the first time it is loaded.
  const Config& for_file(const std::filesystem::path& file, std::vector<Diagnostic>& diags);

  // False once a config with an error has been loaded (the CLI then exits 2).
  bool ok() const { return ok_; }

 private:
  const Config& load(const std::filesystem::path& config_file, std::vector<Diagnostic>& diags);

  std::vector<RuleDescriptor> rules_;
  std::optional<std::filesystem::path> explicit_;
  std::unique_ptr<Config> defaults_;
  std::map<std::filesystem::path, std::unique_ptr<Config>> by_file_;  // config path -> config
  std::map<std::filesystem::path, const Config*> by_directory_;       // checked dir -> config
  bool ok_ = true;
};

}  // namespace kql
