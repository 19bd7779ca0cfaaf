#pragma once
// Test helpers: run a KQL query on SQLite and on a throwaway PostgreSQL server (started once
// per test process with scripts/pg-test-server.sh, stopped at exit) and return the results in
// the `kqlint run --format json` shape.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "backend/sql/ticks.h"
#include "run/event_files.h"
#include "run/runner.h"
#include "schema/schema.h"
#include "source/query.h"
#include "source/source_file.h"

namespace kqtest {

using nlohmann::json;

class PgServer {
 public:
  static PgServer& get() {
    static PgServer s;
    return s;
  }
  bool available() const { return !conninfo_.empty(); }
  const std::string& conninfo() const { return conninfo_; }
  const std::string& why_not() const { return why_; }
  ~PgServer() {
    if (!dir_.empty()) {
      std::string cmd =
          std::string(KQ_SOURCE_DIR) + "/scripts/pg-test-server.sh stop '" + dir_ + "'";
      if (std::system(cmd.c_str()) != 0) std::fprintf(stderr, "could not stop %s\n", dir_.c_str());
    }
  }

 private:
  PgServer() {
    std::string cmd = std::string(KQ_SOURCE_DIR) + "/scripts/pg-test-server.sh start 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return;
    std::string out;
    char buf[512];
    while (fgets(buf, sizeof buf, p)) out += buf;
    int rc = pclose(p);
    if (rc != 0) {
      why_ = "PostgreSQL tests skipped: " + out;
      if (WEXITSTATUS(rc) != 77) why_ = "PostgreSQL test server failed to start: " + out;
      return;
    }
    auto nl = out.find('\n');
    dir_ = out.substr(0, nl);
    conninfo_ = out.substr(nl + 1);
    while (!conninfo_.empty() && conninfo_.back() == '\n') conninfo_.pop_back();
  }
  std::string dir_, conninfo_, why_;
};

struct Outcome {
  kql::run::RunOutcome::Status status;
  json result;                     // {"columns": [...], "rows": [...]}
  std::vector<std::string> names;  // diagnostic names, for rejections
  std::string sql;
  std::string error;
};

inline Outcome run_kql(const std::string& kql, kql::run::Engine engine,
                       const std::vector<kql::run::TableData>& data = {},
                       const std::string& now = "2024-01-15T12:00:00Z") {
  kql::SourceFile file("test.kql", kql);
  kql::Query q = kql::Query::whole_file(file);
  std::vector<kql::Diagnostic> diags;
  kql::run::RunRequest req;
  req.engine = engine;
  req.pg_conninfo = PgServer::get().conninfo();
  req.now_ticks = kql::sql::parse_datetime(now);
  req.data = data;
  req.schema = &kql::schema::Schema::builtin(kql::schema::Profile::Mde);
  req.version = "test";
  auto out = kql::run::run_query(q, diags, req);
  Outcome o;
  o.status = out.status;
  if (out.status == kql::run::RunOutcome::Status::Ok) o.result = kql::run::to_json(out.table);
  for (auto& d : diags) o.names.push_back(d.name + ": " + d.message);
  o.sql = out.translation.script;
  o.error = out.error;
  return o;
}

inline kql::run::TableData jsonl(const std::string& table, const std::string& text) {
  kql::run::TableData d;
  d.table = table;
  std::string err;
  kql::run::parse_jsonl(text, table, d.rows, err);
  return d;
}

// Runs on both databases; each result must equal `expected`: a JSON array of rows, or
// {"rows": ..} with optionally "columns": .. (then the column names and types too).
inline void expect_rows(const std::string& kql, const std::string& expected,
                        const std::vector<kql::run::TableData>& data = {}) {
  json want = json::parse(expected);
  if (want.is_array()) want = json{{"rows", want}};
  for (auto e : {kql::run::Engine::Sqlite, kql::run::Engine::Postgres}) {
    if (e == kql::run::Engine::Postgres && !PgServer::get().available()) {
      MESSAGE(PgServer::get().why_not());
      continue;
    }
    auto o = run_kql(kql, e, data);
    INFO((e == kql::run::Engine::Sqlite ? "sqlite" : "postgres"));
    INFO(kql);
    INFO(o.sql);
    INFO(o.error);
    std::string diags;
    for (auto& n : o.names) diags += n + "\n";
    INFO(diags);
    REQUIRE(o.status == kql::run::RunOutcome::Status::Ok);
    CHECK(o.result["rows"] == want["rows"]);
    if (want.contains("columns")) CHECK(o.result["columns"] == want["columns"]);
  }
}

// Refused at translation with a diagnostic of this name (whose message holds `why`, if given).
inline void expect_rejected(const std::string& kql, const std::string& name,
                            const std::string& why = "") {
  auto o = run_kql(kql, kql::run::Engine::Sqlite);
  INFO(kql);
  CHECK(o.status == kql::run::RunOutcome::Status::Untranslatable);
  bool found = false;
  std::string diags;
  for (auto& n : o.names) {
    found |= (n.rfind(name + ":", 0) == 0 || n == name) && n.find(why) != std::string::npos;
    diags += n + "\n";
  }
  INFO(diags);
  CHECK(found);
}

// Translated, but the query fails on both databases (KQL raises, or leaves the result
// undocumented); the error holds `message` when given.
inline void expect_fails(const std::string& kql, const std::string& message = "") {
  for (auto e : {kql::run::Engine::Sqlite, kql::run::Engine::Postgres}) {
    if (e == kql::run::Engine::Postgres && !PgServer::get().available()) continue;
    auto o = run_kql(kql, e);
    INFO((e == kql::run::Engine::Sqlite ? "sqlite" : "postgres"));
    INFO(kql);
    INFO(o.sql);
    INFO(o.error);
    CHECK(o.status == kql::run::RunOutcome::Status::ExecutionError);
    CHECK(o.error.find(message) != std::string::npos);
  }
}

}  // namespace kqtest
