#pragma once
// The SQL functions that give translated queries KQL's exact semantics on SQLite (kql_has,
// case-insensitive contains, RE2 regexes, tick-based datetime parts, JSON member access with
// KQL's missing-member rules, ...). The SQL generator emits calls to these names; on
// PostgreSQL the same names are created as pg_temp functions (backend/sql/pg_prelude).
struct sqlite3;

namespace kql::run {

// Registers every kql_* function on `db`. Returns false (with SQLite's error) on failure.
bool register_kql_functions(sqlite3* db);

}  // namespace kql::run
