#pragma once
// Source-table columns for the SQL backend, from the embedded schema.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "backend/sql/generator.h"

namespace kql::schema {
class Schema;
}

namespace kql::sql {

// A TableLookup over `schema` (which must outlive it). With `fold_case_duplicates` (SQLite, whose
// identifiers are case-insensitive) a column whose name differs from an earlier one only in
// letter case is left out: DeviceProcessEvents has both LogonId and LogonID, which SQLite cannot
// hold in one table nor tell apart in a query, so on SQLite a rule naming LogonID is rejected as
// an unknown name instead of silently reading LogonId.
TableLookup schema_table_lookup(const schema::Schema& schema, bool fold_case_duplicates = false);

// The columns of `table` that the lookup above leaves out with fold_case_duplicates, each with
// the earlier column it collides with ({"LogonID", "LogonId"} for DeviceProcessEvents).
std::vector<std::pair<std::string, std::string>> case_colliding_columns(
    const schema::Schema& schema, std::string_view table);

}  // namespace kql::sql
