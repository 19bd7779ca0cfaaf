#pragma once
// Applying a file's config to its final diagnostics: select / ignore (most specific selector
// wins, ignore wins a tie), per-file-ignores by glob, then [severity] overrides ("off"
// drops). Input, syntax and config diagnostics (KQL00xx) always pass unchanged.
// Suppression comments (suppressions.h) are applied before this, to the raw findings, so a
// suppression of a rule the config turns off still counts as used.
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "config/config.h"

namespace kql {

// Whether a rule reports on `file` at all; the checker may skip disabled rules' work.
bool rule_enabled(const Config& config, std::string_view code, std::string_view name,
                  const std::filesystem::path& file);

// The severity a rule's findings get under `config` (nullopt: "off").
std::optional<Severity> effective_severity(const Config& config, std::string_view code,
                                           std::string_view name, Severity reported);

// Filters and re-grades `diags` in place. Every diagnostic is judged by the config of its own
// file, so callers pass one file's diagnostics with that file's config.
void apply_config(std::vector<Diagnostic>& diags, const Config& config);

// Whether a finding fails the run (exit 1) under `fail-on`.
bool fails_run(const Diagnostic& diag, Severity fail_on);

}  // namespace kql
