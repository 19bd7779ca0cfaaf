#include "run/sqlite_database.h"

#include <sqlite3.h>

#include <stdexcept>

#include "backend/sql/ticks.h"
#include "run/sqlite_functions.h"

namespace kql::run {

using nlohmann::json;
using sql::KType;

namespace {

const char* stored_type(KType t) {
  switch (t) {
    case KType::Bool:
    case KType::Int:
    case KType::Long:
    case KType::DateTime:
    case KType::TimeSpan:
      return "INTEGER";
    case KType::Real:
    case KType::Decimal:
      return "REAL";
    default:
      return "TEXT";
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

}  // namespace

std::optional<Cell> json_to_cell(const json& v, KType type, std::string& error) {
  auto bad = [&](const char* what) -> std::optional<Cell> {
    error = "value " + v.dump() + " is not a valid " + what;
    return std::nullopt;
  };
  if (v.is_null()) {
    if (type == KType::String) return Cell(std::string());
    return Cell(std::monostate{});
  }
  switch (type) {
    case KType::Bool:
      if (v.is_boolean()) return Cell(int64_t(v.get<bool>() ? 1 : 0));
      if (v.is_string()) {
        auto s = v.get<std::string>();
        if (s == "true" || s == "True" || s == "1") return Cell(int64_t(1));
        if (s == "false" || s == "False" || s == "0") return Cell(int64_t(0));
        if (s.empty()) return Cell(std::monostate{});
      }
      if (v.is_number_integer()) return Cell(int64_t(v.get<int64_t>() != 0));
      return bad("bool");
    case KType::Int:
    case KType::Long:
      if (v.is_number_integer()) return Cell(v.get<int64_t>());
      if (v.is_string()) {
        auto s = v.get<std::string>();
        if (s.empty()) return Cell(std::monostate{});
        char* end = nullptr;
        long long x = std::strtoll(s.c_str(), &end, 10);
        if (*end == '\0') return Cell(int64_t(x));
      }
      return bad("long");
    case KType::Real:
    case KType::Decimal:
      if (v.is_number()) return Cell(v.get<double>());
      if (v.is_string()) {
        auto s = v.get<std::string>();
        if (s.empty()) return Cell(std::monostate{});
        char* end = nullptr;
        double x = std::strtod(s.c_str(), &end);
        if (*end == '\0') return Cell(x);
      }
      return bad("real");
    case KType::DateTime:
      if (v.is_string()) {
        if (v.get<std::string>().empty()) return Cell(std::monostate{});
        if (auto t = sql::parse_datetime(v.get<std::string>())) return Cell(*t);
      }
      return bad("datetime");
    case KType::TimeSpan:
      if (v.is_string()) {
        if (v.get<std::string>().empty()) return Cell(std::monostate{});
        if (auto t = sql::parse_timespan(v.get<std::string>())) return Cell(*t);
      }
      if (v.is_number_integer()) return Cell(v.get<int64_t>());  // ticks
      return bad("timespan");
    case KType::String:
    case KType::Guid:
      if (v.is_string()) return Cell(v.get<std::string>());
      return Cell(v.dump());
    case KType::Dynamic:
      // A string that holds JSON (as AdditionalFields often does in exports) stays a string:
      // KQL keeps it a string until todynamic()/parse_json() is applied.
      return Cell(v.dump());
    case KType::Unknown:
      break;
  }
  if (v.is_number_integer()) return Cell(v.get<int64_t>());
  if (v.is_number()) return Cell(v.get<double>());
  if (v.is_string()) return Cell(v.get<std::string>());
  return Cell(v.dump());
}

SqliteDatabase::SqliteDatabase() {
  if (sqlite3_open(":memory:", &db_) != SQLITE_OK)
    throw std::runtime_error("cannot open an in-memory SQLite database");
  if (!register_kql_functions(db_))
    throw std::runtime_error(std::string("cannot register KQL functions: ") + sqlite3_errmsg(db_));
}

SqliteDatabase::~SqliteDatabase() { sqlite3_close(db_); }

bool SqliteDatabase::create_table(const TableSchema& schema, std::string& error) {
  std::string sql = "CREATE TABLE " + quote_ident(schema.name) + " (";
  for (size_t i = 0; i < schema.columns.size(); ++i) {
    if (i) sql += ", ";
    sql += quote_ident(schema.columns[i].name) + " " + stored_type(schema.columns[i].type);
  }
  sql += ")";
  char* msg = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
    error = msg ? msg : "CREATE TABLE failed";
    sqlite3_free(msg);
    return false;
  }
  return true;
}

bool SqliteDatabase::insert_rows(const TableSchema& schema, const std::vector<json>& rows,
                                 std::string& error) {
  std::string sql = "INSERT INTO " + quote_ident(schema.name) + " VALUES (";
  for (size_t i = 0; i < schema.columns.size(); ++i) sql += i ? ", ?" : "?";
  sql += ")";
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    error = sqlite3_errmsg(db_);
    return false;
  }
  sqlite3_exec(db_, "BEGIN", nullptr, nullptr, nullptr);
  bool ok = true;
  for (size_t r = 0; r < rows.size() && ok; ++r) {
    const json& row = rows[r];
    if (!row.is_object()) {
      error = "row " + std::to_string(r + 1) + " is not a JSON object";
      ok = false;
      break;
    }
    for (size_t i = 0; i < schema.columns.size(); ++i) {
      const auto& col = schema.columns[i];
      auto it = row.find(col.name);
      std::string why;
      auto cell = json_to_cell(it == row.end() ? json() : *it, col.type, why);
      if (!cell) {
        error = "row " + std::to_string(r + 1) + ", column " + col.name + ": " + why;
        ok = false;
        break;
      }
      int idx = static_cast<int>(i + 1);
      if (auto* iv = std::get_if<int64_t>(&*cell))
        sqlite3_bind_int64(stmt, idx, *iv);
      else if (auto* dv = std::get_if<double>(&*cell))
        sqlite3_bind_double(stmt, idx, *dv);
      else if (auto* sv = std::get_if<std::string>(&*cell))
        sqlite3_bind_text(stmt, idx, sv->data(), static_cast<int>(sv->size()), SQLITE_TRANSIENT);
      else
        sqlite3_bind_null(stmt, idx);
    }
    if (ok && sqlite3_step(stmt) != SQLITE_DONE) {
      error = sqlite3_errmsg(db_);
      ok = false;
    }
    sqlite3_reset(stmt);
  }
  sqlite3_exec(db_, ok ? "COMMIT" : "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_finalize(stmt);
  return ok;
}

bool SqliteDatabase::query(const std::string& sql, const std::vector<ResultColumn>& types,
                           ResultTable& out, std::string& error) {
  out = ResultTable{};
  const char* tail = sql.c_str();
  while (tail && *tail) {
    sqlite3_stmt* stmt = nullptr;
    const char* next = nullptr;
    if (sqlite3_prepare_v2(db_, tail, -1, &stmt, &next) != SQLITE_OK) {
      error = sqlite3_errmsg(db_);
      return false;
    }
    tail = next;
    if (!stmt) continue;  // whitespace or a comment
    ResultTable table;
    int n = sqlite3_column_count(stmt);
    for (int i = 0; i < n; ++i) {
      ResultColumn c{sqlite3_column_name(stmt, i), sql::KType::Unknown};
      if (static_cast<size_t>(i) < types.size()) c.type = types[i].type;
      table.columns.push_back(c);
    }
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      auto& row = table.rows.emplace_back();
      for (int i = 0; i < n; ++i) {
        switch (sqlite3_column_type(stmt, i)) {
          case SQLITE_INTEGER:
            row.emplace_back(int64_t(sqlite3_column_int64(stmt, i)));
            break;
          case SQLITE_FLOAT:
            row.emplace_back(sqlite3_column_double(stmt, i));
            break;
          case SQLITE_NULL:
            row.emplace_back(std::monostate{});
            break;
          default:
            row.emplace_back(
                std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, i)),
                            static_cast<size_t>(sqlite3_column_bytes(stmt, i))));
        }
      }
    }
    if (rc != SQLITE_DONE) {
      error = sqlite3_errmsg(db_);
      sqlite3_finalize(stmt);
      return false;
    }
    sqlite3_finalize(stmt);
    if (n > 0) out = std::move(table);
  }
  return true;
}

}  // namespace kql::run
