#pragma once
// The effective settings for a checked file, from the nearest kqlint.toml / .kqlint.toml
// (see discovery.h) or the defaults. Keys of the file:
//   platform = "mde" | "sentinel"            split = "auto" | "blank-lines" | "never"
//   select = ["KQL1", "zeek"]                ignore = ["join-without-kind"]
//   fail-on = "error" | "warning"            detections = ["detections/**/*.yaml"]
//   schema = ["schema/custom_tables.toml"]   (extension schema files, relative to the config)
//   [severity]                               unknown-action-type = "error" | "warning" | "info" |
//   "off"
//   [[per-file-ignores]]                     glob = "legacy/**"  rules = ["missing-time-filter"]
// Rules are named by selectors (rule_selector.h); globs are relative to the config's
// directory (glob.h).
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.h"

namespace kql {

struct SeveritySetting {
  std::string selector;
  std::optional<Severity> severity;  // nullopt: "off"
};

struct PerFileIgnore {
  std::string glob;
  std::vector<std::string> rules;
};

struct Config {
  std::filesystem::path path;       // the config file; empty for the built-in defaults
  std::filesystem::path directory;  // absolute; globs and schema paths are relative to it

  std::string platform = "mde";
  std::string split = "auto";
  std::optional<std::vector<std::string>> select;  // absent: every rule
  std::vector<std::string> ignore;
  std::vector<SeveritySetting> severity;
  std::vector<PerFileIgnore> per_file_ignores;
  std::vector<std::string> detections;        // globs
  std::vector<std::filesystem::path> schema;  // absolute paths
  Severity fail_on = Severity::Error;

  // The config's own text: its diagnostics point into it, so it lives as long as the config.
  std::shared_ptr<const SourceFile> source;
};

// `file` relative to the config's directory with '/' separators, as globs see it.
std::string path_for_globs(const Config& config, const std::filesystem::path& file);

// Whether `file` is listed by `detections` (its rules are custom detections).
bool is_detection(const Config& config, const std::filesystem::path& file);

}  // namespace kql
