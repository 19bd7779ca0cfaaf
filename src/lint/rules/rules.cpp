#include "lint/rules/rules.h"

namespace kql::lint {

void add_all_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(make_deprecated_function());
}

}  // namespace kql::lint
