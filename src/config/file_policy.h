#pragma once
// One file's findings as its author and its config want them, in the one order that makes
// sense: inline suppressions judge the raw findings (so a suppression of a rule the config
// turns off still counts as used), then the config's select / ignore / per-file-ignores /
// [severity] apply, to the suppression warnings too.
#include <vector>

#include "config/config.h"
#include "diag/rule_descriptor.h"
#include "source/query.h"

namespace kql {

// Settles the diagnostics of `file` inside `diags`, which may hold other files' diagnostics
// too (they are left as they are, in place). `queries`: the file's extracted queries (may be
// empty); `rules`: every known rule, i.e. the lint catalogue plus config_rule_descriptors().
void apply_file_policy(const SourceFile& file, const std::vector<Query>& queries,
                       std::vector<Diagnostic>& diags, const Config& config,
                       const std::vector<RuleDescriptor>& rules);

}  // namespace kql
