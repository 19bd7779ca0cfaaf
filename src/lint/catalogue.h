#pragma once
// The lint catalogue: one documentation file per rule (src/lint/docs/<name>.toml, embedded in
// the binary) with its stable code, kebab-case name, default severity, summary, rationale,
// evidence and bad/good examples. `kqlint rules` and `kqlint rule NAME` print it; SARIF output
// takes its rule descriptors from it. Rule behaviour lives beside it in src/lint/rules/<name>.cpp.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"

namespace kql::lint {

struct RuleDoc {
  std::string code;  // e.g. "KQL1002"
  std::string name;  // e.g. "unknown-column"
  Severity severity = Severity::Warning;
  std::string category;  // "names", "mde-data", "zeek", "style", "detection", ...
  std::string summary;   // one line
  std::string rationale;
  std::string evidence;  // where the facts behind the finding come from
  std::string bad;       // example that triggers the rule
  std::string good;      // the fixed example
  bool fixable = false;
  bool detection_only = false;  // only for rules marked as custom detections
  bool hunting_only = false;    // off for custom detections
};

// All documented rules, sorted by code. Parsed once from the embedded TOML.
const std::vector<RuleDoc>& catalogue();
// Lookup by name or code; nullptr when unknown.
const RuleDoc* find_rule(std::string_view name_or_code);

}  // namespace kql::lint
