#pragma once
// Reading one kqlint.toml. Problems become diagnostics at their place in the file (toml++
// source regions): a malformed file or a bad value is a `config-error` (the CLI exits 2),
// an unknown key or a selector matching no rule is a warning and the rest still applies.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "diag/rule_descriptor.h"

namespace kql {

struct LoadedConfig {
  std::unique_ptr<Config> config;  // never null: the defaults plus whatever could be read
  bool ok = true;                  // false when an error-severity problem was reported
};

// `path` names the file in diagnostics and sets the config's directory. The diagnostics point
// into the returned config's text (Config::source): keep the config alive while they are used.
LoadedConfig parse_config(const std::filesystem::path& path, std::string text,
                          const std::vector<RuleDescriptor>& rules, std::vector<Diagnostic>& diags);

// Reads and parses `path`; an unreadable file is a config-error naming it.
LoadedConfig load_config(const std::filesystem::path& path,
                         const std::vector<RuleDescriptor>& rules, std::vector<Diagnostic>& diags);

}  // namespace kql
