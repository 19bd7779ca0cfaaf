#include "config/config_diagnostics.h"

namespace kql {

const std::vector<RuleDescriptor>& config_rule_descriptors() {
  static const std::vector<RuleDescriptor> rules = {
      {config_codes::kConfigError, "config-error", "The kqlint config file cannot be used",
       "The config file is not valid TOML, or a key has a value of the wrong type or outside its "
       "allowed values. kqlint stops with exit code 2 rather than check with settings the author "
       "did not mean.",
       "", Severity::Error},
      {config_codes::kUnknownConfigKey, "unknown-config-key", "A config key kqlint does not know",
       "The key is ignored. It is usually a misspelling (per_file_ignores for per-file-ignores) "
       "or a key from a newer kqlint.",
       "", Severity::Warning},
      {config_codes::kUnknownRuleName, "unknown-rule-name",
       "A rule name or code in the config matches no rule",
       "select, ignore, [severity] and per-file-ignores name rules by code, name or prefix. A "
       "selector that matches no rule has no effect, which is rarely what was meant.",
       "", Severity::Warning},
      {config_codes::kUnusedSuppression, "unused-suppression",
       "A kqlint-disable comment that silenced nothing",
       "The finding it was written for is gone (the query was fixed, or the rule changed). A "
       "stale suppression would hide the next real finding on that line, so remove it.",
       "", Severity::Warning},
      {config_codes::kInvalidSuppression, "invalid-suppression",
       "A kqlint-disable comment kqlint cannot read",
       "The comment names no rule, or a rule that does not exist, so it suppresses nothing. "
       "Write `// kqlint-disable-next-line RULE[, RULE] -- reason` or "
       "`// kqlint-disable-file RULE`.",
       "", Severity::Warning},
  };
  return rules;
}

}  // namespace kql
