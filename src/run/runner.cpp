#include "run/runner.h"

#include "backend/sql/schema_tables.h"
#include "backend/sql/ticks.h"
#include "run/event_files.h"
#include "run/pg_database.h"
#include "run/sqlite_database.h"
#include "schema/schema.h"
#include "syntax/parser.h"

namespace kql::run {

namespace {

sql::TableLookup lookup_for(const schema::Schema* schema, const std::vector<TableData>& data,
                            const sql::Dialect& dialect) {
  sql::TableLookup from_schema;
  if (schema)
    from_schema = sql::schema_table_lookup(*schema, dialect.kind() == sql::DialectKind::Sqlite);
  return [from_schema, &data](std::string_view name) -> std::optional<std::vector<sql::SqlColumn>> {
    if (from_schema)
      if (auto cols = from_schema(name)) return cols;
    for (auto& d : data)
      if (d.table == name) return infer_columns(d.rows);
    return std::nullopt;
  };
}

template <class Db>
bool load_tables(Db& db, const sql::Translation& t, const sql::TableLookup& lookup,
                 const std::vector<TableData>& data, std::string& error) {
  for (auto& name : t.tables) {
    auto cols = lookup(name);
    if (!cols) continue;  // cannot happen: the translation resolved it
    TableSchema schema{name, {}};
    for (auto& c : *cols) schema.columns.push_back({c.name, c.type});
    if (!db.create_table(schema, error)) return false;
    for (auto& d : data) {
      if (d.table != name) continue;
      std::string why;
      if (!db.insert_rows(schema, d.rows, why)) {
        error = "table " + name + ": " + why;
        return false;
      }
    }
  }
  return true;
}

std::vector<ResultColumn> result_types(const sql::Translation& t) {
  std::vector<ResultColumn> out;
  for (auto& c : t.columns) out.push_back({c.name, c.type});
  return out;
}

}  // namespace

sql::Translation translate(const Query& query, std::vector<Diagnostic>& diags,
                           const sql::Dialect& dialect, std::optional<int64_t> now_ticks,
                           const schema::Schema* schema, const std::vector<TableData>& data,
                           const std::string& version, bool* syntax_error) {
  QueryDiagnostics qd(query, diags);
  ParseResult parsed = parse_query(query, qd);
  if (syntax_error) *syntax_error = !parsed.ok;
  if (!parsed.ok) return {};
  sql::TranslateOptions opt;
  opt.dialect = &dialect;
  opt.now_ticks = now_ticks;
  opt.source_name = query.file ? query.file->path() : "<query>";
  if (query.file && query.index > 1)
    opt.source_name += " (query " + std::to_string(query.index) + ")";
  opt.version = version;
  opt.tables = lookup_for(schema, data, dialect);
  sql::Translation t = sql::translate_query(*parsed.tree, qd, opt);
  // SQLite cannot hold two columns whose names differ only in case (DeviceProcessEvents'
  // LogonId and LogonID): the later one is left out, which the user must hear about when the
  // result passes the table's columns through (it holds the other one and at least half of
  // the table's columns; a query that names its columns cannot name the left-out one).
  if (t.ok && schema && dialect.kind() == sql::DialectKind::Sqlite)
    for (auto& table : t.tables)
      for (auto& [dropped, kept] : sql::case_colliding_columns(*schema, table)) {
        const schema::Table* st = schema->find_table(table);
        size_t shared = 0;
        bool has_kept = false;
        for (auto& c : t.columns) {
          has_kept |= c.name == kept;
          for (auto& sc : st->columns) shared += sc.name == c.name;
        }
        if (!has_kept || 2 * shared < st->columns.size()) continue;
        auto& d = qd.report(
            sql::codes::kColumnLeftOut, "column-left-out", Severity::Warning, Span{0, 0},
            "SQLite leaves out column '" + dropped + "' of " + table +
                ": its identifiers ignore case and '" + kept + "' exists; the result lacks it");
        d.help = "run on PostgreSQL (--engine postgres) to keep both columns";
      }
  return t;
}

RunOutcome run_query(const Query& query, std::vector<Diagnostic>& diags, const RunRequest& req) {
  RunOutcome out;
  const sql::Dialect& dialect =
      req.engine == Engine::Postgres ? sql::postgres_dialect() : sql::sqlite_dialect();
  bool syntax_error = false;
  out.translation = translate(query, diags, dialect, req.now_ticks, req.schema, req.data,
                              req.version, &syntax_error);
  if (!out.translation.ok) {
    out.status =
        syntax_error ? RunOutcome::Status::SyntaxError : RunOutcome::Status::Untranslatable;
    return out;
  }
  auto lookup = lookup_for(req.schema, req.data, dialect);
  std::string error;
  if (req.engine == Engine::Sqlite) {
    SqliteDatabase db;
    if (!load_tables(db, out.translation, lookup, req.data, error)) {
      out.status = RunOutcome::Status::DataError;
      out.error = error;
      return out;
    }
    if (!db.query(out.translation.query, result_types(out.translation), out.table, error)) {
      out.status = RunOutcome::Status::ExecutionError;
      out.error = "SQLite: " + error;
      return out;
    }
  } else {
    PgDatabase db(req.pg_conninfo);
    if (!db.ok()) {
      out.status = RunOutcome::Status::ExecutionError;
      out.error = "PostgreSQL connection: " + db.error();
      return out;
    }
    if (!load_tables(db, out.translation, lookup, req.data, error)) {
      out.status = RunOutcome::Status::DataError;
      out.error = error;
      return out;
    }
    if (!db.query(out.translation.script, result_types(out.translation), out.table, error)) {
      out.status = RunOutcome::Status::ExecutionError;
      out.error = "PostgreSQL: " + error;
      return out;
    }
  }
  // The result's names are the translation's (SQLite reports them as written anyway).
  for (size_t i = 0; i < out.table.columns.size() && i < out.translation.columns.size(); ++i)
    out.table.columns[i].name = out.translation.columns[i].name;
  out.status = RunOutcome::Status::Ok;
  return out;
}

bool load_data_spec(const std::string& spec, TableData& out, std::string& error) {
  auto eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size()) {
    error = "--data expects TABLE=FILE, got '" + spec + "'";
    return false;
  }
  out.table = spec.substr(0, eq);
  out.rows.clear();
  return read_event_file(spec.substr(eq + 1), out.rows, error);
}

std::optional<int64_t> parse_now(const std::string& text) { return sql::parse_datetime(text); }

}  // namespace kql::run
