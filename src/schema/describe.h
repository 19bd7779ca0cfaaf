#pragma once
// Text for `kqlint schema [TABLE]`.
#include <optional>
#include <string>
#include <string_view>

#include "schema/schema.h"

namespace kql::schema {

// Without a table: every table with its column and ActionType counts. With one: its columns
// and types, ActionTypes and each one's AdditionalFields keys, caveats. An unknown table
// yields nullopt (the caller reports it, with did_you_mean over table_names()).
std::optional<std::string> describe(const Schema& schema, std::string_view table = {});

}  // namespace kql::schema
