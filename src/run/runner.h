#pragma once
// Offline rule execution: parse a query, translate it for SQLite or PostgreSQL, load event
// rows into tables typed by the schema, run it, and return the typed result table.
// This is the library behind `kqlint run` and `kqlint test`; the CLI only parses arguments.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "backend/sql/generator.h"
#include "diag/diagnostic.h"
#include "run/result_table.h"
#include "source/query.h"

namespace kql::schema {
class Schema;
}

namespace kql::run {

enum class Engine { Sqlite, Postgres };

struct TableData {
  std::string table;
  std::vector<nlohmann::json> rows;
};

struct RunRequest {
  Engine engine = Engine::Sqlite;
  std::string pg_conninfo;                 // Engine::Postgres only
  std::optional<int64_t> now_ticks;        // --now; unset: the database clock
  std::vector<TableData> data;             // events per table; tables without data are empty
  const schema::Schema* schema = nullptr;  // column types of known tables (may be null)
  std::string version;                     // for the translation's header comment
};

struct RunOutcome {
  enum class Status { Ok, SyntaxError, Untranslatable, DataError, ExecutionError };
  Status status = Status::ExecutionError;
  ResultTable table;
  sql::Translation translation;
  std::string error;  // for DataError / ExecutionError: what went wrong (with file/row)
};

// Parses and translates one query for `dialect`. Syntax errors and untranslatable constructs
// are reported to `diags` (translation.ok is then false). Tables the schema does not know
// take their columns from `data` when given.
sql::Translation translate(const Query& query, std::vector<Diagnostic>& diags,
                           const sql::Dialect& dialect, std::optional<int64_t> now_ticks,
                           const schema::Schema* schema, const std::vector<TableData>& data,
                           const std::string& version, bool* syntax_error = nullptr);

RunOutcome run_query(const Query& query, std::vector<Diagnostic>& diags, const RunRequest& request);

// `TABLE=path` as given to --data: reads the file (JSONL, or CSV by extension).
bool load_data_spec(const std::string& spec, TableData& out, std::string& error);

// --now: an ISO 8601 datetime.
std::optional<int64_t> parse_now(const std::string& text);

}  // namespace kql::run
