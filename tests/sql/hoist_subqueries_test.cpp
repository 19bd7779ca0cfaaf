// hoist_derived_tables: nested derived tables become CTEs, and nothing else moves.
#include "backend/sql/hoist_subqueries.h"

#include <doctest/doctest.h>

using kql::sql::hoist_derived_tables;

TEST_CASE("a chain of derived tables becomes a chain of CTEs, inner first") {
  CHECK(hoist_derived_tables(
            "SELECT t3.a AS a FROM (SELECT t2.a AS a FROM (SELECT 1 AS a) AS t2 WHERE t2.a > 0) AS "
            "t3") ==
        "WITH t2 AS (SELECT 1 AS a), t3 AS (SELECT t2.a AS a FROM t2 WHERE t2.a > 0) "
        "SELECT t3.a AS a FROM t3");
  // JOIN operands too.
  CHECK(
      hoist_derived_tables("SELECT * FROM (SELECT 1 AS a) AS t1 JOIN (SELECT 2 AS b) AS t2 ON 1") ==
      "WITH t1 AS (SELECT 1 AS a), t2 AS (SELECT 2 AS b) SELECT * FROM t1 JOIN t2 ON 1");
}

TEST_CASE("derived tables that may see their surroundings stay in place") {
  // Inside a scalar subquery (correlated with the outer row).
  std::string scalar =
      "SELECT (SELECT max(x.v) FROM (SELECT t1.a AS v) AS t9) AS m FROM (SELECT 1 AS a) AS t1";
  CHECK(hoist_derived_tables(scalar) ==
        "WITH t1 AS (SELECT 1 AS a) SELECT (SELECT max(x.v) FROM (SELECT t1.a AS v) AS t9) AS m "
        "FROM t1");
  // After LATERAL.
  std::string lateral = "SELECT * FROM t0 CROSS JOIN LATERAL (SELECT t0.a) AS t5";
  CHECK(hoist_derived_tables(lateral) == lateral);
  // Inside a WITH body, where the CTE names of that WITH are in scope: the WITH as a whole moves.
  CHECK(hoist_derived_tables("SELECT * FROM (WITH RECURSIVE t1(x) AS (SELECT 1) SELECT * FROM "
                             "(SELECT x FROM t1) AS t2) AS t3") ==
        "WITH t3 AS (WITH RECURSIVE t1(x) AS (SELECT 1) SELECT * FROM (SELECT x FROM t1) AS t2) "
        "SELECT * FROM t3");
}

TEST_CASE("quotes, shared aliases and text it does not understand") {
  // Parentheses inside strings and quoted identifiers are text.
  CHECK(hoist_derived_tables("SELECT * FROM (SELECT ')(' AS \"a)\", 'it''s' AS b) AS t1") ==
        "WITH t1 AS (SELECT ')(' AS \"a)\", 'it''s' AS b) SELECT * FROM t1");
  // The same relation inlined twice under one alias becomes one CTE.
  CHECK(
      hoist_derived_tables("SELECT * FROM (SELECT 1 AS a) AS t1 JOIN (SELECT 1 AS a) AS t1 ON 1") ==
      "WITH t1 AS (SELECT 1 AS a) SELECT * FROM t1 JOIN t1 ON 1");
  // One alias for two different relations: unchanged.
  std::string clash = "SELECT * FROM (SELECT 1 AS a) AS t1 JOIN (SELECT 2 AS a) AS t1 ON 1";
  CHECK(hoist_derived_tables(clash) == clash);
  // Unbalanced, unterminated or commented text: unchanged.
  for (std::string s : {"SELECT * FROM (SELECT 1 AS t1", "SELECT * FROM (SELECT 'x) AS t1",
                        "SELECT * FROM (SELECT 1 -- x\n) AS t1", "WITH a AS (SELECT 1) SELECT 1"})
    CHECK(hoist_derived_tables(s) == s);
}

TEST_CASE("an uncorrelated IN (SELECT ...) is a root: its derived tables are hoisted too") {
  CHECK(hoist_derived_tables("SELECT * FROM (SELECT 1 AS a) AS t1 WHERE t1.a IN (SELECT t3.b FROM "
                             "(SELECT t2.b FROM (SELECT 1 AS b) AS t2) AS t3)") ==
        "WITH t1 AS (SELECT 1 AS a), t2 AS (SELECT 1 AS b), t3 AS (SELECT t2.b FROM t2) "
        "SELECT * FROM t1 WHERE t1.a IN (SELECT t3.b FROM t3)");
  // Correlated (it reads t1 of the outer query): left alone.
  std::string correlated =
      "SELECT * FROM t0 AS t1 WHERE 1 IN (SELECT t3.b FROM (SELECT t1.a AS b) AS t3)";
  CHECK(hoist_derived_tables(correlated) == correlated);
}

TEST_CASE("a derived table naming nothing from outside moves from anywhere (anti-join)") {
  CHECK(hoist_derived_tables("SELECT * FROM (SELECT 1 AS a) AS t1 WHERE NOT EXISTS (SELECT 1 FROM "
                             "(SELECT t2.b FROM (SELECT 1 AS b) AS t2) AS t3 WHERE t3.b = t1.a)") ==
        "WITH t1 AS (SELECT 1 AS a), t2 AS (SELECT 1 AS b), t3 AS (SELECT t2.b FROM t2) "
        "SELECT * FROM t1 WHERE NOT EXISTS (SELECT 1 FROM t3 WHERE t3.b = t1.a)");
}
