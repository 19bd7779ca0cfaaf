#pragma once
// Internal: turns one `[tables.NAME]` TOML entry (embedded data or a user extension file)
// into a Table for a profile, and merges entries into existing tables.
#include <string_view>

#include "schema/schema.h"
#include "schema/toml_reader.h"

namespace kql::schema::detail {

// Reads the entry, applying its `[tables.NAME.sentinel]` section when profile is Sentinel.
// Returns false when the table does not exist in that profile (sentinel.present = false).
bool read_table(TomlReader& r, const toml::table& node, std::string_view name, Profile profile,
                Table& out);

// Adds `extra`'s columns, ActionTypes, AdditionalFields keys and value lists to `into`.
// A column redeclared with another type is an error reported where `node` declares it.
void merge_table(TomlReader& r, const toml::table& node, Table& into, Table&& extra);

}  // namespace kql::schema::detail
