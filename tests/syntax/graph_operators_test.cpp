// Graph operators (Defender's exposure graph is queried with them), project-by-names, bracketed
// let names and nested dynamic literals: forms from Microsoft's KQL reference that Kusto parses.
#include <doctest/doctest.h>

#include "syntax_test_util.h"

using namespace kql;
using namespace kql::test;

namespace {

// The kind of the last operator of the query's last statement.
ast::OperatorKind last_operator(const Parsed& p) {
  auto* st = p.result.tree->statements.back();
  REQUIRE(st->kind == ast::NodeKind::QueryStatement);
  auto* e = static_cast<const ast::QueryStatement*>(st)->expr;
  REQUIRE(e->kind == ast::NodeKind::Pipe);
  return static_cast<const ast::Pipe*>(e)->op->op_kind;
}

}  // namespace

TEST_CASE("make-graph and graph-match with variable-length edges in both directions") {
  auto p = parse(
      "let employees = datatable(name:string, age:long)[\"Alice\", 32, \"Bob\", 31];\n"
      "let reports = datatable(employee:string, manager:string)[\"Bob\", \"Alice\"];\n"
      "reports\n"
      "| make-graph employee --> manager with employees on name\n"
      "| graph-match (alice)<-[reports*1..5]-(employee)-->(x)--(y)\n"
      "  where alice.name == \"Alice\" and all(inner_nodes(reports), age < 40)\n"
      "  project employee = employee.name, path = map(inner_nodes(reports), name)");
  REQUIRE_MESSAGE(p->ok(), p->first_message());
  CHECK(last_operator(*p) == ast::OperatorKind::GraphMatch);
  CHECK(p->tree().find("make-graph") != std::string::npos);
}

TEST_CASE("graph-shortest-paths, graph-to-table, graph-mark-components, partitioned-by") {
  for (const char* q :
       {"G | graph-shortest-paths output=all (start)-[connections*1..5]->(destination)\n"
        "  where start.station == \"South-West\" project from = start.station",
        "T | make-graph source --> destination with_node_id=name | graph-to-table nodes as N "
        "with_node_id=NodeId, edges as E with_source_id=S with_target_id=D",
        "T | make-graph child --> parent with_node_id=name\n"
        "| graph-mark-components with_component_id = family",
        "T | make-graph a --> b with N on id partitioned-by tenant ( graph-mark-components )"}) {
    CAPTURE(q);
    auto p = parse(q);
    CHECK_MESSAGE(p->ok(), p->first_message());
  }
}

TEST_CASE("malformed graph syntax is a syntax error, as in Kusto") {
  CHECK_FALSE(parse("T | make-graph a -> b")->ok());
  CHECK_FALSE(parse("G | graph-match (a)-[e]>(b) project a")->ok());
}

TEST_CASE("project-by-names, bracketed let names and dynamic literals inside dynamic literals") {
  auto p = parse("T | project-by-names \"Name\", \"City*\"");
  REQUIRE_MESSAGE(p->ok(), p->first_message());
  CHECK(last_operator(*p) == ast::OperatorKind::ProjectByNames);

  auto let = parse("let ['some number'] = 20;\nrange y from 0 to ['some number'] step 5");
  REQUIRE_MESSAGE(let->ok(), let->first_message());
  auto* s = static_cast<const ast::LetStatement*>(let->result.tree->statements.front());
  CHECK(s->name == "some number");

  auto dyn =
      parse("print dynamic_to_json(dynamic({'Y10': dynamic({}), 'X8': dynamic({'c3': 1})}))");
  CHECK_MESSAGE(dyn->ok(), dyn->first_message());
}
