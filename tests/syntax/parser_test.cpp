// What the parser accepts and rejects, and the shape of the trees it builds.
#include <doctest/doctest.h>

#include "syntax/ast.h"
#include "syntax/walk.h"
#include "syntax_test_util.h"

using namespace kql;
using kql::test::parse;

namespace {

const ast::Expr* query_expr(const test::Parsed& p, size_t i = 0) {
  REQUIRE(p.result.tree->statements.size() > i);
  auto* s = p.result.tree->statements[i];
  REQUIRE(s->kind == ast::NodeKind::QueryStatement);
  return static_cast<const ast::QueryStatement*>(s)->expr;
}

const ast::Operator* last_op(const test::Parsed& p) {
  auto* e = query_expr(p);
  REQUIRE(e->kind == ast::NodeKind::Pipe);
  return static_cast<const ast::Pipe*>(e)->op;
}

}  // namespace

TEST_CASE("simple pipelines parse into pipe chains") {
  auto p = parse("DeviceProcessEvents | where FileName == 'x.exe' | project DeviceName, A = 1");
  REQUIRE(p->ok());
  auto* top = static_cast<const ast::Pipe*>(query_expr(*p));
  CHECK(top->op->op_kind == ast::OperatorKind::Project);
  auto* inner = static_cast<const ast::Pipe*>(top->input);
  REQUIRE(inner->kind == ast::NodeKind::Pipe);
  CHECK(inner->op->op_kind == ast::OperatorKind::Where);
  auto* source = static_cast<const ast::Name*>(inner->input);
  CHECK(source->name == "DeviceProcessEvents");
  CHECK(source->span == Span{0, 19});
  auto* project = static_cast<const ast::ListOp*>(top->op);
  REQUIRE(project->items.size() == 2);
  CHECK(project->items[1]->kind == ast::NodeKind::Assignment);
}

TEST_CASE("operator precedence follows Kusto") {
  // and binds tighter than or; comparison looser than arithmetic; * before +.
  auto p = parse("T | where a or b and c == 1 + 2 * 3");
  REQUIRE(p->ok());
  auto* w = static_cast<const ast::WhereOp*>(last_op(*p));
  auto* orx = static_cast<const ast::Binary*>(w->predicate);
  REQUIRE(orx->kind == ast::NodeKind::Binary);
  CHECK(orx->op == ast::BinaryOp::Or);
  auto* andx = static_cast<const ast::Binary*>(orx->right);
  CHECK(andx->op == ast::BinaryOp::And);
  auto* eq = static_cast<const ast::Binary*>(andx->right);
  CHECK(eq->op == ast::BinaryOp::Eq);
  auto* add = static_cast<const ast::Binary*>(eq->right);
  CHECK(add->op == ast::BinaryOp::Add);
  CHECK(static_cast<const ast::Binary*>(add->right)->op == ast::BinaryOp::Mul);
}

TEST_CASE("in, between and string operators bind like comparisons") {
  auto p = parse("T | where x + 1 in (1, 2) and y !between (1 .. 5) and z !has_cs 'a'");
  REQUIRE(p->ok());
  auto* w = static_cast<const ast::WhereOp*>(last_op(*p));
  auto* and2 = static_cast<const ast::Binary*>(w->predicate);
  CHECK(static_cast<const ast::Binary*>(and2->right)->op == ast::BinaryOp::NotHasCs);
  auto* and1 = static_cast<const ast::Binary*>(and2->left);
  auto* in = static_cast<const ast::InList*>(and1->left);
  REQUIRE(in->kind == ast::NodeKind::InList);
  CHECK(in->operand->kind == ast::NodeKind::Binary);  // (x + 1) in (...)
  CHECK(in->items.size() == 2);
  auto* between = static_cast<const ast::Between*>(and1->right);
  REQUIRE(between->kind == ast::NodeKind::Between);
  CHECK(between->negated);
}

TEST_CASE("literals are decoded") {
  auto p = parse(
      R"(print a = "x\ty", b = @"C:\dir", c = 1d, d = 90m, e = datetime(2021-01-01), f = int(null), g = 0x10)");
  REQUIRE(p->ok());
  auto* print = static_cast<const ast::OperatorExpr*>(query_expr(*p));
  auto* items = &static_cast<const ast::ListOp*>(print->op)->items;
  auto lit = [&](size_t i) {
    return static_cast<const ast::Literal*>(
        static_cast<const ast::Assignment*>((*items)[i])->value);
  };
  CHECK(lit(0)->value == "x\ty");
  CHECK(lit(1)->value == "C:\\dir");
  CHECK(lit(1)->verbatim);
  CHECK(lit(2)->timespan_ticks == 864000000000LL);
  CHECK(lit(3)->timespan_ticks == 90LL * 60 * 10000000);
  CHECK(lit(4)->literal_kind == ast::LiteralKind::DateTime);
  CHECK(lit(4)->value == "2021-01-01");
  CHECK(lit(5)->literal_kind == ast::LiteralKind::TypedNull);
  CHECK(lit(5)->value == "int");
  CHECK(lit(6)->int_value == 16);
}

TEST_CASE("let statements, functions and multiple statements") {
  auto p = parse("let n = 5;\nlet f = (t:(*), k:int = 3) { t | take k };\nf(T, n);\nT | count");
  REQUIRE(p->ok());
  auto& st = p->result.tree->statements;
  REQUIRE(st.size() == 4);
  auto* f = static_cast<const ast::LetStatement*>(st[1]);
  REQUIRE(f->value->kind == ast::NodeKind::FunctionDecl);
  auto* decl = static_cast<const ast::FunctionDecl*>(f->value);
  REQUIRE(decl->params.size() == 2);
  CHECK(decl->params[0].tabular);
  CHECK(decl->params[0].type == "(*)");
  CHECK(decl->params[1].type == "int");
  CHECK(decl->params[1].default_value != nullptr);
  CHECK(st[3]->kind == ast::NodeKind::QueryStatement);
}

TEST_CASE("join with $left/$right and hints") {
  auto p = parse(
      "A | join kind=inner hint.strategy=broadcast (B | where x) on $left.Id == $right.Id, Other");
  REQUIRE(p->ok());
  auto* j = static_cast<const ast::JoinOp*>(last_op(*p));
  CHECK(j->param("kind")->value == "inner");
  CHECK(j->param("hint.strategy")->value == "broadcast");
  REQUIRE(j->on.size() == 2);
  auto* eq = static_cast<const ast::Binary*>(j->on[0]);
  CHECK(static_cast<const ast::Member*>(eq->left)->member == "Id");
  CHECK(static_cast<const ast::Name*>(static_cast<const ast::Member*>(eq->left)->object)->name ==
        "$left");
}

TEST_CASE("a tabular argument extends to the closing parenthesis") {
  auto p = parse("print toscalar(T | project a, b)");
  REQUIRE(p->ok());
  auto* print = static_cast<const ast::OperatorExpr*>(query_expr(*p));
  auto* call = static_cast<const ast::Call*>(static_cast<const ast::ListOp*>(print->op)->items[0]);
  REQUIRE(call->args.size() == 1);
  auto* project = static_cast<const ast::ListOp*>(static_cast<const ast::Pipe*>(call->args[0])->op);
  CHECK(project->items.size() == 2);
}

TEST_CASE("keywords usable as names where Kusto allows them") {
  CHECK(parse("T | project count, Type, on, kind | where count > 1")->ok());
  CHECK(parse("T | extend by = 1, title = 2, to = 3")->ok());
  CHECK(parse("T | summarize count() by kind")->ok());
  // ...and not where Kusto does not.
  CHECK_FALSE(parse("T | where by == 1")->ok());
  CHECK_FALSE(parse("T | extend kind = 1")->ok());
}

TEST_CASE("Kusto's rejections are ours") {
  CHECK_FALSE(parse("T\nT2")->ok());                         // two statements need ';'
  CHECK_FALSE(parse("T | project a b")->ok());               // missing ','
  CHECK_FALSE(parse("T | where x == 'C:\\Windows'")->ok());  // \W is no escape
  CHECK_FALSE(parse("print - -1")->ok());                    // one sign only
  CHECK_FALSE(parse("T;;")->ok());                           // empty statement
  CHECK(parse("T;")->ok());
  CHECK(parse("")->ok());
  CHECK(parse("// only a comment\n")->ok());
}

TEST_CASE("tree depth and child walking") {
  auto p = parse("T | where a and b | extend c = f(x, y)");
  REQUIRE(p->ok());
  size_t nodes = 0;
  std::function<void(const ast::Node&)> count = [&](const ast::Node& n) {
    ++nodes;
    ast::for_each_child(n, count);
  };
  count(*p->result.tree->statements[0]);
  // Query, 2 Pipes, Name T, where, and, a, b, extend, c = ..., Name c, f(...), x, y
  CHECK(nodes == 14);
  CHECK(ast::tree_depth(*p->result.tree->statements[0]) == 6);
}
