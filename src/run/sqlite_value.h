#pragma once
// Reading arguments and writing results in the kql_* SQLite functions, shared by
// sqlite_functions.cpp and the per-family sqlite_fn_<family>.cpp files. Dynamic values are
// JSON text on SQLite; strings are never null in KQL, so a NULL string argument reads as "".
#include <sqlite3.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace kql::run {

inline std::string_view text_arg(sqlite3_value* v) {
  const unsigned char* p = sqlite3_value_text(v);
  if (!p) return {};
  return {reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_value_bytes(v))};
}
inline bool is_null(sqlite3_value* v) { return sqlite3_value_type(v) == SQLITE_NULL; }
inline void result_text(sqlite3_context* ctx, const std::string& s) {
  sqlite3_result_text(ctx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
}
inline void result_bool(sqlite3_context* ctx, bool b) { sqlite3_result_int(ctx, b ? 1 : 0); }

// A dynamic argument (JSON text), or nullopt for NULL or text that is not JSON.
inline std::optional<nlohmann::json> json_arg(sqlite3_value* v) {
  if (is_null(v)) return std::nullopt;
  auto t = text_arg(v);
  auto j = nlohmann::json::parse(t.begin(), t.end(), nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}
// A dynamic result: JSON null is SQL NULL (KQL's null dynamic).
inline void result_json(sqlite3_context* ctx, const nlohmann::json& j) {
  if (j.is_null()) return sqlite3_result_null(ctx);
  result_text(ctx, j.dump());
}

// One scalar kql_* function of a family; nargs -1 takes any number of arguments.
struct SqliteScalar {
  const char* name;
  int nargs;
  void (*fn)(sqlite3_context*, int, sqlite3_value**);
};

// The families' tables (run/sqlite_fn_<family>.cpp), registered by register_kql_functions.
std::span<const SqliteScalar> sqlite_string_functions();
std::span<const SqliteScalar> sqlite_ip_functions();
std::span<const SqliteScalar> sqlite_dynamic_functions();
std::span<const SqliteScalar> sqlite_series_functions();
std::span<const SqliteScalar> sqlite_math_functions();
std::span<const SqliteScalar> sqlite_parse_functions();  // the parse operator
std::span<const SqliteScalar> sqlite_geo_sphere_functions();
std::span<const SqliteScalar> sqlite_geo_shapes_functions();
std::span<const SqliteScalar> sqlite_geo_s2_functions();
std::span<const SqliteScalar> sqlite_geo_geohash_functions();
std::span<const SqliteScalar> sqlite_punycode_functions();
std::span<const SqliteScalar> sqlite_geo_lines_functions();

// One aggregate kql_* function: `step` per row, `final` for the result (state in
// sqlite3_aggregate_context, zero-filled by SQLite).
struct SqliteAggregate {
  const char* name;
  int nargs;
  void (*step)(sqlite3_context*, int, sqlite3_value**);
  void (*final)(sqlite3_context*);
};
std::span<const SqliteAggregate> sqlite_math_aggregates();  // run/sqlite_fn_math.cpp

}  // namespace kql::run
