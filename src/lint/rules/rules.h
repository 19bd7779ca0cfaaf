#pragma once
// The one list of implemented rules: each rules/<name>.cpp defines its make_<name>() factory,
// and add_all_rules() (rules.cpp) calls them all. Static libraries drop self-registering
// objects, so the list is explicit.
#include <memory>
#include <vector>

#include "lint/rule.h"

namespace kql::lint {

std::unique_ptr<Rule> make_unknown_table();
std::unique_ptr<Rule> make_unknown_column();
std::unique_ptr<Rule> make_unknown_function();
std::unique_ptr<Rule> make_wrong_argument_count();
std::unique_ptr<Rule> make_type_mismatch();
std::unique_ptr<Rule> make_deprecated_function();

void add_all_rules(std::vector<std::unique_ptr<Rule>>& out);

}  // namespace kql::lint
