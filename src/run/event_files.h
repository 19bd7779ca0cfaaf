#pragma once
// Event files for offline runs: JSON Lines (one object per line) or CSV with a header row.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "backend/sql/generator.h"

namespace kql::run {

// Reads events; CSV cells become JSON strings (empty cells null) and are converted to the
// column types when loaded. Errors name the file and line.
bool read_event_file(const std::string& path, std::vector<nlohmann::json>& rows,
                     std::string& error);
bool parse_jsonl(const std::string& text, const std::string& origin,
                 std::vector<nlohmann::json>& rows, std::string& error);
bool parse_csv(const std::string& text, const std::string& origin,
               std::vector<nlohmann::json>& rows, std::string& error);

// Columns for a table the schema does not know, from the events themselves: keys in first-seen
// order; JSON integers -> long, other numbers -> real, booleans -> bool, objects and arrays ->
// dynamic, strings -> string.
std::vector<sql::SqlColumn> infer_columns(const std::vector<nlohmann::json>& rows);

}  // namespace kql::run
