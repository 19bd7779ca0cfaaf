#pragma once
// kqlint's own syntax tree. The ANTLR parse tree is turned into these nodes by
// syntax/builder.cpp; nothing after the parser sees ANTLR types.
//
// Shape (after Kusto.Language): tabular and scalar expressions share one Expr hierarchy,
// because KQL lets them nest freely (`toscalar(T | count)`, `let x = T | where ...;`,
// `join (T | where ...)`); the binder decides which is which. A query pipeline is a chain of
// PipeExpr nodes, each applying one Operator to its input. Operators that start a query
// without an input (print, range, union, datatable, externaldata, evaluate, search, find)
// appear as an OperatorExpr.
//
// Every node has a byte Span into Query::text. Nodes live in the SyntaxTree's arena and point
// at each other with raw pointers, so that destroying a deep tree never recurses.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "source/span.h"

namespace kql::ast {

enum class NodeKind : uint8_t {
  // Expressions
  Literal,
  Name,           // identifier, ['bracketed name'], $left, $right
  Star,           // `*` as an argument: count(*) is not this; arg_max(x, *) and project-away a*
  Wildcard,       // a column wildcard such as `Process*` in project-away / project-keep
  Unary,          // -x, +x
  Binary,         // arithmetic, comparison, logical and string operators
  Between,        // x between (a .. b), x !between (a .. b)
  InList,         // x in (a, b), !in, in~, !in~, has_any, has_all, has_any_cs, has_all_cs
  Call,           // f(args), including tabular functions, materialize(), toscalar()
  Member,         // a.b
  Index,          // a[e]
  Paren,          // (e)
  Assignment,     // Name = e, (A, B) = e  (in extend, project, summarize, ...)
  NamedArgument,  // name = e inside a call's argument list
  FunctionDecl,   // (params) { body } on the right of a let
  SchemaLiteral,  // (a:string, b:long) where a schema is expected
  Pipe,           // input | operator
  OperatorExpr,   // an operator that starts a query without an input
  Ordered,        // e asc|desc nulls first|last (sort, top, project-reorder)
  TypeofExpr,     // typeof(string) in mv-expand `to typeof(...)`
  // Statements
  LetStatement,
  QueryStatement,
  SetStatement,
  DeclareStatement,
  // Operators
  Operator,
};

enum class LiteralKind : uint8_t {
  Bool,
  Int,
  Long,
  Real,
  Decimal,
  String,
  DateTime,
  TimeSpan,
  Guid,
  Dynamic,
  Null,       // untyped `null`
  TypedNull,  // int(null), datetime(null), ...
};

enum class BinaryOp : uint8_t {
  // arithmetic
  Add,
  Sub,
  Mul,
  Div,
  Mod,
  // comparison
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  EqTilde,
  NeTilde,  // =~  !~
  // logical
  And,
  Or,
  // string operators; `Not...` are the `!` forms, `...Cs` the case-sensitive ones
  Contains,
  NotContains,
  ContainsCs,
  NotContainsCs,
  Has,
  NotHas,
  HasCs,
  NotHasCs,
  HasPrefix,
  NotHasPrefix,
  HasPrefixCs,
  NotHasPrefixCs,
  HasSuffix,
  NotHasSuffix,
  HasSuffixCs,
  NotHasSuffixCs,
  StartsWith,
  NotStartsWith,
  StartsWithCs,
  NotStartsWithCs,
  EndsWith,
  NotEndsWith,
  EndsWithCs,
  NotEndsWithCs,
  MatchesRegex,
  Like,
  NotLike,
  LikeCs,
  NotLikeCs,
};
const char* binary_op_text(BinaryOp op);  // the KQL spelling, e.g. "!hasprefix_cs"

enum class InOp : uint8_t { In, NotIn, InCi, NotInCi, HasAny, HasAll, HasAnyCs, HasAllCs };
// (HasAnyCs/HasAllCs are never produced: Kusto has no has_any_cs / has_all_cs operators.)
const char* in_op_text(InOp op);

enum class OperatorKind : uint8_t {
  Where,
  Extend,
  Project,
  ProjectAway,
  ProjectKeep,
  ProjectRename,
  ProjectReorder,
  Summarize,
  Distinct,
  Count,
  Take,
  Top,
  Sort,
  Join,
  Lookup,
  Union,
  MvExpand,
  MvApply,
  Parse,
  ParseWhere,
  ParseKv,
  MakeSeries,
  Render,
  As,
  Invoke,
  Serialize,
  Sample,
  SampleDistinct,
  Evaluate,
  Search,
  Find,
  GetSchema,
  TopHitters,
  TopNested,
  Facet,
  Fork,
  Partition,
  Scan,
  Print,
  Range,
  Datatable,
  Externaldata,
  Consume,
  Reduce,
  Extract,
  ProjectByNames,
  MakeGraph,
  GraphMatch,
  GraphShortestPaths,
  GraphToTable,
  GraphMarkComponents,
};
const char* operator_name(OperatorKind k);  // the KQL spelling, e.g. "project-away"

struct Node {
  NodeKind kind;
  Span span;
  explicit Node(NodeKind k) : kind(k) {}
  virtual ~Node() = default;
};

struct Expr : Node {
  using Node::Node;
};

struct Literal : Expr {
  Literal() : Expr(NodeKind::Literal) {}
  LiteralKind literal_kind = LiteralKind::Null;
  // The decoded value where it has a natural C++ form:
  //  String: the unescaped text; Bool: "true"/"false"; numbers: the source digits;
  //  DateTime/Guid/Dynamic/TimeSpan: the text inside the parentheses (or the timespan token);
  //  TypedNull: the type name ("int", "datetime", ...).
  std::string value;
  int64_t int_value = 0;       // Int, Long, Bool (0/1)
  double real_value = 0;       // Real
  int64_t timespan_ticks = 0;  // TimeSpan, in 100 ns ticks
  bool verbatim = false;       // @"..." strings
  bool obfuscated = false;     // h"..." strings
};

struct Name : Expr {
  Name() : Expr(NodeKind::Name) {}
  std::string name;  // `['Process Name']` -> "Process Name"; `$left` -> "$left"
  bool bracketed = false;
};

struct Star : Expr {
  Star() : Expr(NodeKind::Star) {}
};

struct Wildcard : Expr {
  Wildcard() : Expr(NodeKind::Wildcard) {}
  std::string pattern;  // e.g. "Initiating*"
};

struct Unary : Expr {
  Unary() : Expr(NodeKind::Unary) {}
  char op = '-';  // '-' or '+'
  Expr* operand = nullptr;
};

struct Binary : Expr {
  Binary() : Expr(NodeKind::Binary) {}
  BinaryOp op = BinaryOp::Eq;
  Span op_span;
  Expr* left = nullptr;
  Expr* right = nullptr;
};

struct Between : Expr {
  Between() : Expr(NodeKind::Between) {}
  bool negated = false;
  Expr* operand = nullptr;
  Expr* low = nullptr;
  Expr* high = nullptr;
};

struct InList : Expr {
  InList() : Expr(NodeKind::InList) {}
  InOp op = InOp::In;
  Span op_span;
  Expr* operand = nullptr;
  // The list elements; a single element may be a tabular expression or a dynamic array.
  std::vector<Expr*> items;
};

struct Call : Expr {
  Call() : Expr(NodeKind::Call) {}
  std::string callee;  // function name as written
  Span callee_span;
  std::vector<Expr*> args;  // NamedArgument nodes for `name = value`
};

struct Member : Expr {
  Member() : Expr(NodeKind::Member) {}
  Expr* object = nullptr;
  std::string member;
  Span member_span;
};

struct Index : Expr {
  Index() : Expr(NodeKind::Index) {}
  Expr* object = nullptr;
  Expr* index = nullptr;
};

struct Paren : Expr {
  Paren() : Expr(NodeKind::Paren) {}
  Expr* inner = nullptr;
};

struct Assignment : Expr {
  Assignment() : Expr(NodeKind::Assignment) {}
  std::vector<Name*> names;  // one, or several for `(A, B) = e`
  Expr* value = nullptr;
};

struct NamedArgument : Expr {
  NamedArgument() : Expr(NodeKind::NamedArgument) {}
  std::string name;
  Span name_span;
  Expr* value = nullptr;
};

// A column or parameter declaration `name: type` in a schema or a function signature.
struct ColumnDecl {
  std::string name;
  Span name_span;
  std::string type;  // as written, lower-cased: "string", "long", "dynamic", "(*)" for any table
  Span type_span;
  // For tabular parameters: the declared columns of `T:(a:string, b:long)`; empty with `(*)`.
  std::vector<ColumnDecl> columns;
  bool tabular = false;
  Expr* default_value = nullptr;  // `n:int = 5`
};

struct SchemaLiteral : Expr {
  SchemaLiteral() : Expr(NodeKind::SchemaLiteral) {}
  std::vector<ColumnDecl> columns;
  bool open = false;  // (*)
};

struct Statement;
struct FunctionDecl : Expr {
  FunctionDecl() : Expr(NodeKind::FunctionDecl) {}
  std::vector<ColumnDecl> params;
  // The body: zero or more let statements, then the result expression.
  std::vector<Statement*> body;
  Expr* result = nullptr;
};

struct Operator;
struct Pipe : Expr {
  Pipe() : Expr(NodeKind::Pipe) {}
  Expr* input = nullptr;
  Operator* op = nullptr;
};

struct OperatorExpr : Expr {
  OperatorExpr() : Expr(NodeKind::OperatorExpr) {}
  Operator* op = nullptr;
};

struct Ordered : Expr {
  Ordered() : Expr(NodeKind::Ordered) {}
  Expr* expr = nullptr;
  std::optional<bool> ascending;    // unset: the operator's default
  std::optional<bool> nulls_first;  // unset: the default for the direction
};

struct TypeofExpr : Expr {
  TypeofExpr() : Expr(NodeKind::TypeofExpr) {}
  std::string type;
};

// ---------------------------------------------------------------------------------------
// Operators

// `name=value` operator parameters: kind=inner, hint.strategy=shuffle, withsource=T,
// isfuzzy=true, bagexpansion=array, with_itemindex=i ...
struct OperatorParam {
  std::string name;  // e.g. "kind", "hint.strategy", "withsource"
  Span name_span;
  std::string value;  // the value as written (an identifier, literal or name)
  Span value_span;
};

struct Operator : Node {
  Operator(OperatorKind k) : Node(NodeKind::Operator), op_kind(k) {}
  OperatorKind op_kind;
  Span keyword_span;  // e.g. the `project-away` token
  std::vector<OperatorParam> params;
  const OperatorParam* param(std::string_view name) const {
    for (auto& p : params)
      if (p.name == name) return &p;
    return nullptr;
  }
};

// where/filter, parse-where's predicate lives in ParseOp.
struct WhereOp : Operator {
  WhereOp() : Operator(OperatorKind::Where) {}
  Expr* predicate = nullptr;
};

// extend, project, project-rename, project-reorder, project-away, project-keep, distinct,
// serialize, summarize's aggregates: a list of expressions, Assignment where named.
// `project-away` / `project-keep` items are Name or Wildcard; `project-reorder` items are
// Ordered; `project-rename` items are Assignment (new = old), or a bare expression where the
// query wrote one (Kusto's parser accepts `project-rename a`; the binder reports it).
struct ListOp : Operator {
  using Operator::Operator;
  std::vector<Expr*> items;
};

struct SummarizeOp : Operator {
  SummarizeOp() : Operator(OperatorKind::Summarize) {}
  std::vector<Expr*> aggregates;  // Call or Assignment{Call}
  std::vector<Expr*> by;          // expressions or Assignment
  Span by_span;                   // the `by` keyword, empty when absent
};

struct CountOp : Operator {
  CountOp() : Operator(OperatorKind::Count) {}
  std::optional<std::string> as_name;  // count as N
};

// take/limit n, sample n, sample-distinct n of col
struct TakeOp : Operator {
  using Operator::Operator;
  Expr* count = nullptr;
  Expr* of = nullptr;  // sample-distinct's column
};

// top n by e [asc|desc] [nulls first|last]; sort/order by e1 [asc|desc], ...
struct SortOp : Operator {
  using Operator::Operator;
  Expr* count = nullptr;  // top only
  std::vector<Ordered*> by;
};

// join kind=... hint.*=... (right) on a, $left.b == $right.c; lookup likewise.
struct JoinOp : Operator {
  using Operator::Operator;
  Expr* right = nullptr;
  std::vector<Expr*> on;  // Name, or Binary Eq of $left.x / $right.y members
  Expr* where = nullptr;  // `join ... on ... where` is not KQL; kept null. `on` may hold any
                          // boolean expression in the `where` join form.
};

// union [kind=..] [withsource=..] [isfuzzy=..] T1, (T2 | ...), T*
struct UnionOp : Operator {
  UnionOp() : Operator(OperatorKind::Union) {}
  std::vector<Expr*> tables;
};

struct MvExpandItem {
  Expr* expr = nullptr;                // Name, or Assignment for `Alias = expr`
  std::optional<std::string> to_type;  // `to typeof(string)`
};

struct MvExpandOp : Operator {
  MvExpandOp() : Operator(OperatorKind::MvExpand) {}
  std::vector<MvExpandItem> items;
  Expr* limit = nullptr;
};

struct MvApplyOp : Operator {
  MvApplyOp() : Operator(OperatorKind::MvApply) {}
  std::vector<MvExpandItem> items;
  Expr* limit = nullptr;
  std::optional<std::string> context_id;
  Expr* subquery = nullptr;  // the `on (...)` body, its input is the implicit row set
};

// parse [kind=simple|regex|relaxed] [flags=..] source with "lit" Col:type "lit" * ...
// parse-where likewise.
struct ParsePart {
  bool is_literal = false;  // a string literal to match, or a column capture, or `*`
  bool is_star = false;
  Literal* literal = nullptr;
  std::string column;
  Span column_span;
  std::string type;  // "" means string
};

struct ParseOp : Operator {
  using Operator::Operator;
  Expr* source = nullptr;
  std::vector<ParsePart> parts;
};

// render chart [with (k = v, ...)]
struct RenderOp : Operator {
  RenderOp() : Operator(OperatorKind::Render) {}
  std::string chart;
  std::vector<Expr*> with_properties;  // Assignment
};

struct AsOp : Operator {
  AsOp() : Operator(OperatorKind::As) {}
  std::string name;
};

// invoke f(args) / evaluate plugin(args)
struct CallOp : Operator {
  using Operator::Operator;
  Call* call = nullptr;
};

// print a = 1, b = 2
// range x from a to b step c
struct RangeOp : Operator {
  RangeOp() : Operator(OperatorKind::Range) {}
  std::string column;
  Span column_span;
  Expr* from = nullptr;
  Expr* to = nullptr;
  Expr* step = nullptr;
};

// datatable(a:string, b:long) [ values ]; externaldata(...) [ urls ] with (...)
struct DataTableOp : Operator {
  using Operator::Operator;
  std::vector<ColumnDecl> columns;
  std::vector<Expr*> values;  // datatable rows flattened; externaldata URLs
  std::vector<Expr*> with_properties;
};

// search [kind=..] [in (T1, T2)] predicate; find likewise.
struct SearchOp : Operator {
  using Operator::Operator;
  std::vector<Expr*> tables;
  Expr* predicate = nullptr;
};

// make-series, top-nested, top-hitters, facet, fork, partition, scan, parse-kv, getschema,
// consume, reduce, and anything else whose details the binder does not model: the child
// expressions in source order, so that rules can still walk names and calls inside them.
struct GenericOp : Operator {
  using Operator::Operator;
  std::vector<Expr*> children;
  // Subqueries (fork branches, partition/facet `( ... )` bodies), their input implicit.
  std::vector<Expr*> subqueries;
  // scan only (for the SQL backend): `declare (...)` and the steps. Their expressions are
  // separate nodes from `children` (which the binder and rules walk).
  struct ScanStep {
    std::string name;
    std::string output;  // "" when not written
    Expr* predicate = nullptr;
    std::vector<Expr*> assignments;  // Assignment (or a bare expression where written)
  };
  std::vector<ColumnDecl> scan_declare;
  std::vector<ScanStep> scan_steps;
  // make-series only (for the SQL backend): the aggregates with their `default=`, the axis and
  // its range (`from .. to .. step ..`, or `in range(start, stop, step)`), the by-list; again
  // separate nodes from `children`.
  struct SeriesAggregate {
    Expr* aggregate = nullptr;  // Assignment or a bare expression
    Expr* default_value = nullptr;
  };
  std::vector<SeriesAggregate> series_aggregates;
  Expr* series_axis = nullptr;
  Expr* series_from = nullptr;
  Expr* series_to = nullptr;
  Expr* series_step = nullptr;
  bool series_in_range = false;
  std::vector<Expr*> series_by;
};

// ---------------------------------------------------------------------------------------
// Statements

struct Statement : Node {
  using Node::Node;
};

struct LetStatement : Statement {
  LetStatement() : Statement(NodeKind::LetStatement) {}
  std::string name;
  Span name_span;
  Expr* value = nullptr;  // a scalar, a tabular expression, or a FunctionDecl
};

struct QueryStatement : Statement {
  QueryStatement() : Statement(NodeKind::QueryStatement) {}
  Expr* expr = nullptr;
};

struct SetStatement : Statement {
  SetStatement() : Statement(NodeKind::SetStatement) {}
  std::string option;
  Expr* value = nullptr;  // may be null (`set notruncation;`)
};

struct DeclareStatement : Statement {
  DeclareStatement() : Statement(NodeKind::DeclareStatement) {}
  std::vector<ColumnDecl> params;
};

// The tree of one query: its statements in order, and the arena that owns every node.
class SyntaxTree {
 public:
  std::vector<Statement*> statements;

  template <class T>
  T* make(Span span = {}) {
    auto node = std::make_unique<T>();
    node->span = span;
    T* raw = node.get();
    nodes_.push_back(std::move(node));
    return raw;
  }
  template <class T>
  T* make_op(OperatorKind k, Span span = {}) {
    auto node = std::make_unique<T>(k);
    node->span = span;
    T* raw = node.get();
    nodes_.push_back(std::move(node));
    return raw;
  }
  size_t node_count() const { return nodes_.size(); }

 private:
  std::vector<std::unique_ptr<Node>> nodes_;
};

}  // namespace kql::ast
