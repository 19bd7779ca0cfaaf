// The SQL generator on its own: script shape per dialect, result column types, and rejected
// constructs reported with a code, a name and the construct's span.
#include "backend/sql/generator.h"

#include <doctest/doctest.h>

#include "source/query.h"
#include "source/source_file.h"
#include "syntax/parser.h"

namespace {

struct Result {
  kql::sql::Translation t;
  std::vector<kql::Diagnostic> diags;
};

Result translate(const std::string& text, const kql::sql::Dialect& dialect) {
  static std::vector<std::unique_ptr<kql::SourceFile>> files;  // diagnostics point into them
  files.push_back(std::make_unique<kql::SourceFile>("rule.kql", text));
  kql::Query q = kql::Query::whole_file(*files.back());
  Result r;
  kql::QueryDiagnostics qd(q, r.diags);
  auto parsed = kql::parse_query(q, qd);
  REQUIRE(parsed.ok);
  kql::sql::TranslateOptions opt;
  opt.dialect = &dialect;
  opt.source_name = "rule.kql";
  opt.version = "9.9.9";
  opt.tables = [](std::string_view name) -> std::optional<std::vector<kql::sql::SqlColumn>> {
    if (name != "Events") return std::nullopt;
    return std::vector<kql::sql::SqlColumn>{{"Timestamp", kql::sql::KType::DateTime},
                                            {"Name", kql::sql::KType::String}};
  };
  r.t = kql::sql::translate_query(*parsed.tree, qd, opt);
  return r;
}

}  // namespace

TEST_CASE("the script names the rule and the version; PostgreSQL gets its pg_temp prelude") {
  auto s = translate("Events | where Name has 'x' | project Timestamp", kql::sql::sqlite_dialect());
  REQUIRE(s.t.ok);
  CHECK(s.t.script.rfind("-- Translated by kqlint 9.9.9 from rule.kql (SQL dialect: sqlite)", 0) ==
        0);
  CHECK(s.t.query.find("kql_has(") != std::string::npos);
  CHECK(s.t.tables == std::vector<std::string>{"Events"});
  REQUIRE(s.t.columns.size() == 1);
  CHECK(s.t.columns[0].type == kql::sql::KType::DateTime);

  auto p =
      translate("Events | where Name has 'x' | project Timestamp", kql::sql::postgres_dialect());
  REQUIRE(p.t.ok);
  CHECK(p.t.script.find("CREATE OR REPLACE FUNCTION pg_temp.kql_has(") != std::string::npos);
  CHECK(p.t.query.find("pg_temp.kql_has(") != std::string::npos);
}

TEST_CASE("the PostgreSQL prelude holds only the helpers the query calls, transitively") {
  auto count = [](const std::string& s, const std::string& what) {
    size_t n = 0;
    for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
    return n;
  };
  auto plain =
      translate("Events | where Name == 'x' | project Timestamp", kql::sql::postgres_dialect());
  REQUIRE(plain.t.ok);
  CHECK(count(plain.t.script, "CREATE OR REPLACE") == 0);
  CHECK(plain.t.script.find("SET TIME ZONE 'UTC';") != std::string::npos);
  // kql_has calls kql_re_escape; stdev is an aggregate over a step and a final function.
  auto p = translate("Events | where Name has 'x' | summarize stdev(strlen(Name))",
                     kql::sql::postgres_dialect());
  REQUIRE(p.t.ok);
  for (const char* def : {"FUNCTION pg_temp.kql_has(", "FUNCTION pg_temp.kql_re_escape(",
                          "AGGREGATE pg_temp.kql_stdev(", "FUNCTION pg_temp.kql_var_step(",
                          "FUNCTION pg_temp.kql_stdev_final("})
    CHECK_MESSAGE(p.t.script.find(def) != std::string::npos, def);
  CHECK(p.t.script.find("pg_temp.kql_geo_distance(") == std::string::npos);
  CHECK(count(p.t.script, "CREATE OR REPLACE") < 15);
}

TEST_CASE("sort is descending with nulls last unless told otherwise") {
  auto s = translate("Events | sort by Timestamp", kql::sql::postgres_dialect());
  REQUIRE(s.t.ok);
  CHECK(s.t.query.find("\"Timestamp\" DESC NULLS LAST") != std::string::npos);
  auto a = translate("Events | sort by Name asc", kql::sql::postgres_dialect());
  REQUIRE(a.t.ok);
  CHECK(a.t.query.find("COLLATE \"C\" ASC NULLS FIRST") != std::string::npos);
}

TEST_CASE("rejections carry a KQL3xxx code, a name and the span of the construct") {
  // dcount at accuracy 0 has no documented exact range (1 and 2 do: 1000 and 8000 values).
  const std::string text = "Events | summarize dcount(Name, 0)";
  auto r = translate(text, kql::sql::sqlite_dialect());
  CHECK_FALSE(r.t.ok);
  REQUIRE(r.diags.size() == 1);
  CHECK(r.diags[0].code == "KQL3003");
  CHECK(r.diags[0].name == "approximate-aggregate");
  CHECK(text.substr(r.diags[0].range.begin, r.diags[0].range.end - r.diags[0].range.begin) == "0");

  auto u = translate("Unknown | take 1", kql::sql::sqlite_dialect());
  CHECK_FALSE(u.t.ok);
  REQUIRE(u.diags.size() == 1);
  CHECK(u.diags[0].name == "unknown-table");
  CHECK(u.diags[0].range.begin == 0);
  CHECK(u.diags[0].range.end == 7);
}
