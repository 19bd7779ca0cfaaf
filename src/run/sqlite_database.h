#pragma once
// An in-memory SQLite database with the kql_* functions registered, that loads event files
// into tables typed by KQL column types and runs translated SQL.
#include <memory>
#include <string>
#include <vector>

#include "run/result_table.h"

struct sqlite3;

namespace kql::run {

struct TableSchema {
  std::string name;
  std::vector<ResultColumn> columns;  // KQL types decide the stored form (see kql_type.h)
};

class SqliteDatabase {
 public:
  SqliteDatabase();  // throws std::runtime_error if SQLite cannot open or register functions
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  // CREATE TABLE with the stored SQLite types of each KQL column.
  bool create_table(const TableSchema& schema, std::string& error);
  // Inserts rows given as JSON objects keyed by column name: values are converted to the
  // column's stored form (datetimes from ISO text, timespans from `d.hh:mm:ss`, dynamic as
  // JSON text, missing strings as ""). A value that does not fit its column is an error.
  bool insert_rows(const TableSchema& schema, const std::vector<nlohmann::json>& rows,
                   std::string& error);
  // Runs `sql` (one or more statements; the result is the last statement's) and types the
  // columns with `types` (by position; missing entries stay Unknown).
  bool query(const std::string& sql, const std::vector<ResultColumn>& types, ResultTable& out,
             std::string& error);

  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

// Converts one JSON event value to the stored form of a KQL type; nullopt (with `error`) when it
// does not fit. Shared by the SQLite and PostgreSQL loaders.
std::optional<Cell> json_to_cell(const nlohmann::json& value, sql::KType type, std::string& error);

}  // namespace kql::run
