#include "config/file_policy.h"

#include "config/apply_config.h"
#include "config/rule_selector.h"
#include "config/suppressions.h"

namespace kql {

void apply_file_policy(const std::vector<Query>& queries, std::vector<Diagnostic>& diags,
                       const Config& config, const std::vector<RuleDescriptor>& rules) {
  apply_suppressions(queries, diags,
                     [&](std::string_view selector) { return selector_is_known(selector, rules); });
  apply_config(diags, config);
}

}  // namespace kql
