#pragma once
// The generator nests one derived table per KQL operator (SELECT ... FROM (SELECT ... FROM (...)
// AS t2) AS t3). SQLite's parser has a fixed stack (YYSTACKDEPTH 100 in Debian's build) and
// fails with "parser stack overflow" after about ten nested SELECTs, i.e. on ordinary hunting
// rules of ten pipeline stages. hoist_derived_tables() rewrites the finished statement so each
// such derived table becomes a common table expression:
//
//   SELECT ... FROM (SELECT ... FROM (X) AS t1) AS t2
//   -> WITH t1 AS (X), t2 AS (SELECT ... FROM t1) SELECT ... FROM t2
//
// which is the same relation (a derived table in FROM cannot see the query around it) parsed at
// constant depth. Only derived tables reached from the top through other derived tables are
// hoisted: one inside a scalar subquery, after LATERAL, or inside a WITH body may refer to names
// of its surroundings and stays where it is. When two derived tables share an alias (a let table
// inlined twice) their text must be identical and they become one CTE; otherwise, and whenever
// the text cannot be read (unbalanced parentheses or quotes), the statement is returned as it was.
#include <string>

namespace kql::sql {

std::string hoist_derived_tables(const std::string& sql);

}  // namespace kql::sql
