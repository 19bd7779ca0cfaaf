#pragma once
// `--format sarif`: one SARIF 2.1.0 log that GitHub code scanning accepts. The driver lists the
// rules (id = code, name, short/full description, help URI, default level); every result
// carries ruleId/ruleIndex, level, message, a region in code-point columns
// (run.columnKind = unicodeCodePoints) and a partialFingerprints entry "kqlint/v1" that
// survives unrelated edits: hash(code, path, trimmed source line) plus an occurrence index.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "diag/rule_descriptor.h"

namespace kql {

struct SarifOptions {
  std::string tool_version = "0.0.0";
  std::string information_uri;
  // Artifact URIs are made relative to this directory (the repository root in CI).
  // Empty means the current working directory.
  std::filesystem::path base_dir;
};

nlohmann::ordered_json sarif_log(const std::vector<Diagnostic>& diags,
                                 const std::vector<RuleDescriptor>& rules,
                                 const SarifOptions& options);

void write_sarif(std::ostream& out, const std::vector<Diagnostic>& diags,
                 const std::vector<RuleDescriptor>& rules, const SarifOptions& options);

// The artifact URI for a path: relative to `base_dir` with '/' separators and percent-encoding,
// or a file:// URI when the path lies outside it.
std::string artifact_uri(const std::string& path, const std::filesystem::path& base_dir);

}  // namespace kql
