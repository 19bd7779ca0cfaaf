#pragma once
// Inline suppressions, written as KQL comments in the query:
//   // kqlint-disable-next-line unknown-column, KQL1010 -- the column comes from a function
//   // kqlint-disable-file missing-time-filter -- this file holds detections
// "next-line" covers findings that start on the next line holding code (blank and comment-only
// lines in between are skipped, so several directives can stack); "file" covers the whole
// file, from whichever of its queries the comment is in. Rules are named as in the config
// (rule_selector.h). `//` inside string literals ("..", '..', @"..", ```..```) is not a comment.
// A directive that silenced nothing is reported as `unused-suppression` (KQL1900), with a safe
// fix removing it; one naming no rule or an unknown rule as `invalid-suppression` (KQL1901).
// Input, syntax and config diagnostics (KQL00xx) cannot be suppressed.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "source/query.h"

namespace kql {

struct Suppression {
  enum class Scope { NextLine, File };
  Scope scope = Scope::NextLine;
  struct Rule {
    std::string selector;
    FileRange range;  // where the name is written
  };
  std::vector<Rule> rules;
  std::string reason;  // after "--", may be empty
  const SourceFile* file = nullptr;
  FileRange comment;         // from "//" to the end of the comment
  FileRange names;           // the comma-separated list of names
  uint32_t target_line = 0;  // NextLine: the file line it covers (0: no code follows)
  std::string problem;       // non-empty when the directive itself is malformed
};

// The kqlint directives in one query's comments, in file coordinates.
std::vector<Suppression> find_suppressions(const Query& query);

using RuleNamePredicate = std::function<bool(std::string_view selector)>;

// Removes from `diags` the findings of `queries`' file that a directive covers, then appends
// unused-suppression and invalid-suppression warnings. Run it on the raw findings of one
// file, before apply_config(). Diagnostics of other files are left alone.
void apply_suppressions(const std::vector<Query>& queries, std::vector<Diagnostic>& diags,
                        const RuleNamePredicate& is_known_rule);

}  // namespace kql
