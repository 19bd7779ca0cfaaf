#include "run/pg_database.h"

#include <libpq-fe.h>

#include "backend/sql/kql_type.h"

namespace kql::run {

using sql::KType;

namespace {

const char* pg_type(KType t) {
  switch (t) {
    case KType::Bool:
      return "boolean";
    case KType::Real:
    case KType::Decimal:
      return "double precision";
    case KType::String:
    case KType::Guid:
      return "text";
    case KType::Dynamic:
      return "jsonb";
    case KType::Unknown:
      return "text";
    default:
      return "bigint";
  }
}

std::string quote_ident(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// libpq returns text; turn it back into the stored form the formatter expects.
Cell from_text(const char* v, KType t) {
  std::string s(v);
  switch (t) {
    case KType::Bool:
      return Cell(int64_t(s == "t" ? 1 : 0));
    case KType::Int:
    case KType::Long:
    case KType::DateTime:
    case KType::TimeSpan:
      return Cell(int64_t(std::stoll(s)));
    case KType::Real:
    case KType::Decimal:
      if (s == "NaN") return Cell(std::nan(""));
      if (s == "Infinity") return Cell(HUGE_VAL);
      if (s == "-Infinity") return Cell(-HUGE_VAL);
      return Cell(std::stod(s));
    default:
      return Cell(s);
  }
}

}  // namespace

PgDatabase::PgDatabase(const std::string& conninfo) {
  conn_ = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn_) != CONNECTION_OK) {
    error_ = PQerrorMessage(conn_);
    return;
  }
  PQclear(PQexec(conn_, "SET client_min_messages = warning"));
  ok_ = true;
}

PgDatabase::~PgDatabase() {
  if (conn_) PQfinish(conn_);
}

bool PgDatabase::create_table(const TableSchema& schema, std::string& error) {
  std::string sql = "CREATE TEMP TABLE " + quote_ident(schema.name) + " (";
  for (size_t i = 0; i < schema.columns.size(); ++i)
    sql += (i ? ", " : "") + quote_ident(schema.columns[i].name) + " " +
           pg_type(schema.columns[i].type);
  sql += ")";
  PGresult* r = PQexec(conn_, sql.c_str());
  bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  if (!ok) error = PQresultErrorMessage(r);
  PQclear(r);
  return ok;
}

bool PgDatabase::insert_rows(const TableSchema& schema, const std::vector<nlohmann::json>& rows,
                             std::string& error) {
  std::string sql = "INSERT INTO " + quote_ident(schema.name) + " VALUES (";
  for (size_t i = 0; i < schema.columns.size(); ++i)
    sql += (i ? ", $" : "$") + std::to_string(i + 1) + "::" + pg_type(schema.columns[i].type);
  sql += ")";
  for (size_t r = 0; r < rows.size(); ++r) {
    std::vector<std::string> text(schema.columns.size());
    std::vector<const char*> params(schema.columns.size());
    for (size_t i = 0; i < schema.columns.size(); ++i) {
      const auto& col = schema.columns[i];
      auto it = rows[r].find(col.name);
      std::string why;
      auto cell = json_to_cell(it == rows[r].end() ? nlohmann::json() : *it, col.type, why);
      if (!cell) {
        error = "row " + std::to_string(r + 1) + ", column " + col.name + ": " + why;
        return false;
      }
      if (std::holds_alternative<std::monostate>(*cell)) {
        params[i] = nullptr;
        continue;
      }
      if (auto* iv = std::get_if<int64_t>(&*cell))
        text[i] = col.type == KType::Bool ? (*iv ? "true" : "false") : std::to_string(*iv);
      else if (auto* dv = std::get_if<double>(&*cell)) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", *dv);
        text[i] = buf;
      } else
        text[i] = std::get<std::string>(*cell);
      params[i] = text[i].c_str();
    }
    PGresult* res = PQexecParams(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr,
                                 params.data(), nullptr, nullptr, 0);
    bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    if (!ok) error = "row " + std::to_string(r + 1) + ": " + PQresultErrorMessage(res);
    PQclear(res);
    if (!ok) return false;
  }
  return true;
}

bool PgDatabase::query(const std::string& script, const std::vector<ResultColumn>& types,
                       ResultTable& out, std::string& error) {
  out = ResultTable{};
  // PQexec runs every statement of the script and returns the last result.
  PGresult* r = PQexec(conn_, script.c_str());
  ExecStatusType st = PQresultStatus(r);
  if (st != PGRES_TUPLES_OK) {
    error = st == PGRES_COMMAND_OK ? "the script returned no rows" : PQresultErrorMessage(r);
    PQclear(r);
    return false;
  }
  int nf = PQnfields(r);
  for (int i = 0; i < nf; ++i) {
    ResultColumn c{PQfname(r, i), KType::Unknown};
    if (static_cast<size_t>(i) < types.size()) c.type = types[i].type;
    out.columns.push_back(c);
  }
  for (int row = 0; row < PQntuples(r); ++row) {
    auto& cells = out.rows.emplace_back();
    for (int i = 0; i < nf; ++i)
      cells.push_back(PQgetisnull(r, row, i)
                          ? Cell(std::monostate{})
                          : from_text(PQgetvalue(r, row, i), out.columns[i].type));
  }
  PQclear(r);
  return true;
}

}  // namespace kql::run
