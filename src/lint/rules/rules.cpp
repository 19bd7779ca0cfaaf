#include "lint/rules/rules.h"

namespace kql::lint {

void add_all_rules(std::vector<std::unique_ptr<Rule>>& out) {
  out.push_back(make_unknown_table());
  out.push_back(make_unknown_column());
  out.push_back(make_unknown_function());
  out.push_back(make_wrong_argument_count());
  out.push_back(make_type_mismatch());
  out.push_back(make_deprecated_function());
  out.push_back(make_unknown_action_type());
  out.push_back(make_action_type_substring());
  out.push_back(make_unknown_additional_field());
  out.push_back(make_additional_fields_not_parsed());
  out.push_back(make_enum_value_case());
  out.push_back(make_unknown_enum_value());
  out.push_back(make_missing_time_filter());
  out.push_back(make_lookback_beyond_retention());
  out.push_back(make_zeek_uid_unavailable());
  out.push_back(make_zeek_uid_without_localip());
  out.push_back(make_http_inspection_over_tls());
  out.push_back(make_zeek_no_initiating_process());
  out.push_back(make_join_without_kind());
  out.push_back(make_adjacent_strings());
  out.push_back(make_detection_missing_required_column());
  out.push_back(make_detection_forbidden_operator());
  out.push_back(make_detection_own_time_filter());
}

}  // namespace kql::lint
