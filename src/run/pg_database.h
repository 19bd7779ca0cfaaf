#pragma once
// A PostgreSQL session (libpq) that loads event rows into temporary tables and runs translated
// scripts, returning the same typed ResultTable as the SQLite runner.
#include <string>
#include <vector>

#include "run/result_table.h"
#include "run/sqlite_database.h"

struct pg_conn;

namespace kql::run {

class PgDatabase {
 public:
  // `conninfo` is a libpq connection string, e.g. "host=/tmp/x port=5432 dbname=postgres".
  explicit PgDatabase(const std::string& conninfo);
  ~PgDatabase();
  PgDatabase(const PgDatabase&) = delete;
  PgDatabase& operator=(const PgDatabase&) = delete;

  bool ok() const { return ok_; }
  const std::string& error() const { return error_; }

  bool create_table(const TableSchema& schema, std::string& error);  // CREATE TEMP TABLE
  bool insert_rows(const TableSchema& schema, const std::vector<nlohmann::json>& rows,
                   std::string& error);
  // Runs a script (several statements; the result is the last statement's). The temporary
  // tables and pg_temp functions live as long as this session.
  bool query(const std::string& script, const std::vector<ResultColumn>& types, ResultTable& out,
             std::string& error);

 private:
  pg_conn* conn_ = nullptr;
  bool ok_ = false;
  std::string error_;
};

}  // namespace kql::run
