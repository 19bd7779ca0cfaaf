#pragma once
// The text inside `dynamic(...)` is KQL, not JSON: strings may be single-quoted or verbatim
// (@'...'), and values may be datetime()/timespan literals. This turns it into JSON, or
// nullopt when it holds something else (the caller rejects the literal then).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace kql::sql {

std::optional<nlohmann::json> parse_dynamic_literal(std::string_view text);

}  // namespace kql::sql
