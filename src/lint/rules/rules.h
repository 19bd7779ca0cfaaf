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
std::unique_ptr<Rule> make_unknown_action_type();
std::unique_ptr<Rule> make_action_type_substring();
std::unique_ptr<Rule> make_unknown_additional_field();
std::unique_ptr<Rule> make_additional_fields_not_parsed();
std::unique_ptr<Rule> make_enum_value_case();
std::unique_ptr<Rule> make_unknown_enum_value();
std::unique_ptr<Rule> make_missing_time_filter();
std::unique_ptr<Rule> make_lookback_beyond_retention();
std::unique_ptr<Rule> make_zeek_uid_unavailable();
std::unique_ptr<Rule> make_zeek_uid_without_localip();
std::unique_ptr<Rule> make_http_inspection_over_tls();
std::unique_ptr<Rule> make_zeek_no_initiating_process();
std::unique_ptr<Rule> make_join_without_kind();
std::unique_ptr<Rule> make_adjacent_strings();
std::unique_ptr<Rule> make_detection_missing_required_column();
std::unique_ptr<Rule> make_detection_forbidden_operator();
std::unique_ptr<Rule> make_detection_own_time_filter();

void add_all_rules(std::vector<std::unique_ptr<Rule>>& out);

}  // namespace kql::lint
