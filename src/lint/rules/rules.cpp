#include "lint/rules/rules.h"

namespace kql::lint {

void add_all_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(make_unknown_table());
  out.push_back(make_unknown_column());
  out.push_back(make_unknown_function());
  out.push_back(make_wrong_argument_count());
  out.push_back(make_type_mismatch());
  out.push_back(make_deprecated_function());
}

}  // namespace kql::lint
