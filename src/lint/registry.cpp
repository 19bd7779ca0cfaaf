#include <stdexcept>

#include "lint/rule.h"
#include "lint/rules/rules.h"

namespace kql::lint {

Rule::Rule(std::string_view name) : doc_(find_rule(name)) {
  // Every rule must be documented; a missing doc is a programming error caught by the tests.
  if (!doc_) throw std::logic_error("lint rule without documentation: " + std::string(name));
}

const std::vector<std::unique_ptr<Rule>>& all_rules() {
  static const std::vector<std::unique_ptr<Rule>> rules = [] {
    std::vector<std::unique_ptr<Rule>> v;
    add_all_rules(v);
    return v;
  }();
  return rules;
}

void run_lints(const LintContext& ctx) {
  for (const auto& rule : all_rules()) {
    const RuleDoc& d = rule->doc();
    if (d.detection_only && !ctx.settings.detection) continue;
    if (d.hunting_only && ctx.settings.detection) continue;
    rule->check(ctx);
  }
}

}  // namespace kql::lint
