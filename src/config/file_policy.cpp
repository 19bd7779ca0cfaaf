#include "config/file_policy.h"

#include "config/apply_config.h"
#include "config/rule_selector.h"
#include "config/suppressions.h"

namespace kql {

void apply_file_policy(const SourceFile& file, const std::vector<Query>& queries,
                       std::vector<Diagnostic>& diags, const Config& config,
                       const std::vector<RuleDescriptor>& rules) {
  // Take this file's diagnostics out, keeping the others in order.
  std::vector<Diagnostic> own;
  size_t kept = 0;
  for (size_t i = 0; i < diags.size(); ++i) {
    if (diags[i].file == &file)
      own.push_back(std::move(diags[i]));
    else if (kept++ != i)
      diags[kept - 1] = std::move(diags[i]);
  }
  diags.resize(kept);

  apply_suppressions(queries, own,
                     [&](std::string_view selector) { return selector_is_known(selector, rules); });
  apply_config(own, config);
  std::move(own.begin(), own.end(), std::back_inserter(diags));
}

}  // namespace kql
