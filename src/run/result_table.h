#pragma once
// A query result as the runner returns it, typed by KQL type, and its output formats
// (DESIGN.md `run` contract): aligned text, CSV, and JSON
// `{"columns": [{"name", "type"}], "rows": [[...]]}` with Kusto's canonical value forms.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

#include "backend/sql/kql_type.h"

namespace kql::run {

// A stored value exactly as the database returned it (ticks for datetimes, 0/1 for bools,
// JSON text for dynamic); its meaning comes from the column's KType.
using Cell = std::variant<std::monostate, int64_t, double, std::string>;

struct ResultColumn {
  std::string name;
  sql::KType type = sql::KType::Unknown;
};

struct ResultTable {
  std::vector<ResultColumn> columns;
  std::vector<std::vector<Cell>> rows;
};

// One cell in Kusto's canonical JSON form (null, number, bool, "2023-...Z", "1.02:03:04", JSON).
nlohmann::json cell_to_json(const Cell& cell, sql::KType type);
// One cell as text, as Kusto prints it in a table ("" for null).
std::string cell_to_text(const Cell& cell, sql::KType type);

nlohmann::json to_json(const ResultTable& table);
std::string to_csv(const ResultTable& table);
std::string to_text(const ResultTable& table);

}  // namespace kql::run
