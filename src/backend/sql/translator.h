#pragma once
// Internal to the SQL backend: the state of one translation, shared by translate_*.cpp.
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "backend/sql/generator.h"

namespace kql::sql {

struct SqlExpr {
  std::string sql;
  KType type = KType::Unknown;
};

// A relation: one SELECT statement and its visible columns. When `ordered`, the statement
// also yields a hidden column "__ord" that gives KQL's row order (after sort/top), which
// order-preserving operators carry and the final SELECT orders by.
struct Rel {
  std::string sql;
  std::vector<SqlColumn> cols;
  bool ordered = false;
  // KQL's "serialized" row set (after sort/top/range/serialize, kept by order-preserving
  // operators): where prev()/next()/row_*() may be called.
  bool serialized = false;
  const SqlColumn* find(std::string_view name) const {
    for (auto& c : cols)
      if (c.name == name) return &c;
    return nullptr;
  }
};

struct Scope;
struct Binding {
  enum class Kind { Scalar, Tabular, Function } kind = Kind::Scalar;
  SqlExpr scalar;
  const ast::Literal* literal = nullptr;  // a scalar let bound to a literal (dynamic lists)
  const ast::Expr* expr = nullptr;        // tabular: the expression, translated at each use
  std::optional<Rel> rel;                 // tabular: an already translated relation (parameters)
  const ast::FunctionDecl* fn = nullptr;
  std::shared_ptr<Scope> scope;  // where `expr` / `fn` was defined
};

struct Scope {
  std::map<std::string, Binding> names;
  std::shared_ptr<Scope> parent;
  const Binding* find(const std::string& name) const {
    for (const Scope* s = this; s; s = s->parent.get()) {
      auto it = s->names.find(name);
      if (it != s->names.end()) return &it->second;
    }
    return nullptr;
  }
};
using ScopePtr = std::shared_ptr<Scope>;

// Where an expression's column references point: the input row's columns under an alias.
struct RowCtx {
  const std::vector<SqlColumn>* cols = nullptr;
  std::string alias;
  // Names assigned earlier in the same operator (extend a = .., b = a + 1): inlined.
  const std::map<std::string, SqlExpr>* pending = nullptr;
  // join `on` conditions: $left / $right row contexts.
  const RowCtx* left = nullptr;
  const RowCtx* right = nullptr;
  // scan steps: `s1.x` (step name "." member) -> the value of x in step s1's state.
  const std::map<std::string, SqlExpr>* qualified = nullptr;
  // summarize over an ordered input: its order column, so make_list keeps the row order.
  std::string order;
};

// The window functions (prev/next/row_*) of one extend/project over a serialized row set
// (translate_window.cpp): each call becomes a hidden column "__wN" computed in a layer
// `SELECT a.*, <window> AS "__wN" FROM (<previous layer>) AS a` under the operator's alias, so
// windows may nest (row_number(1, prev(x) != x)).
struct WindowCtx {
  std::string alias;
  bool serialized = false;
  bool ordered = false;
  struct Hoist {
    std::string name, sql;
    int depth;
  };
  std::vector<Hoist> hoists;
};

class Translator {
 public:
  Translator(QueryDiagnostics& diags, const TranslateOptions& options)
      : diags_(diags), opt_(options), d_(*options.dialect) {}

  Translation run(const ast::SyntaxTree& tree);

  // --- expressions (translate_expr.cpp) ---
  std::optional<SqlExpr> expr(const ast::Expr* e, const RowCtx& row, const ScopePtr& scope);
  std::optional<SqlExpr> as_string(const SqlExpr& e);  // KQL tostring()
  std::optional<SqlExpr> as_bool(const SqlExpr& e, const ast::Expr* at);
  // x has_any / has_all over a dynamic array computed at run time (translate_expr.cpp).
  std::optional<SqlExpr> has_over_array(const SqlExpr& x, const SqlExpr& list, bool any, bool cs);
  std::string lit(const std::string& s) const;  // a SQL string literal
  // A regular expression argument as the dialect runs it: on SQLite (RE2, as Kusto) the value
  // itself; on PostgreSQL the literal (or a let bound to one) rewritten as the equivalent ARE
  // (backend/sql/pg_regex.h), `positions` when match places and groups matter. Rejects (and
  // returns nullopt) what PostgreSQL would match differently.
  std::optional<std::string> regex_pattern(const ast::Expr* pattern, const SqlExpr& value,
                                           bool positions, const Scope* scope);
  // --- functions (translate_functions.cpp) ---
  std::optional<SqlExpr> call(const ast::Call* c, const RowCtx& row, const ScopePtr& scope);
  // Aggregates in summarize; `row` is the input row.
  std::optional<SqlExpr> aggregate(const ast::Call* c, const RowCtx& row, const ScopePtr& scope);
  bool is_aggregate(std::string_view name) const;
  // stdev/variance/covariance (and -p, -if), binary_all_*, make_bag/make_bag_if
  // (functions/math_aggregates.cpp): nullopt when c is none of them, else the translation
  // (itself nullopt after a reported failure).
  std::optional<std::optional<SqlExpr>> math_aggregate(const ast::Call* c, const RowCtx& row,
                                                       const ScopePtr& scope);
  // --- window functions (translate_window.cpp) ---
  static bool is_window_function(std::string_view name);
  std::optional<SqlExpr> window_call(const ast::Call* c, const RowCtx& row, const ScopePtr& scope);
  // `in_sql` with the layers that compute the hoisted windows of `w` (alias `w.alias`).
  std::string window_source(const WindowCtx& w, const std::string& in_sql) const;
  WindowCtx* window_ = nullptr;  // the extend/project being translated, if any
  // The call whose result is being indexed (f(...)[i]): functions with several results
  // (array_sort_asc(a, b)) are translated only there, as an array of their results.
  const ast::Call* indexed_call = nullptr;
  // summarize x = f(agg(..)): while set, an aggregate call is computed in the grouped SELECT
  // (over `row`) as a hidden column of `hidden`, and refers to it under `alias` outside.
  struct AggCapture {
    const RowCtx* row = nullptr;
    std::string alias;
    std::vector<std::pair<std::string, SqlExpr>> hidden;
  };
  AggCapture* agg_capture = nullptr;
  // --- tabular (translate_operators.cpp) ---
  std::optional<Rel> tabular(const ast::Expr* e, const ScopePtr& scope);
  std::optional<Rel> apply(const Rel& in, const ast::Operator* op, const ScopePtr& scope);
  bool is_tabular(const ast::Expr* e, const ScopePtr& scope) const;
  // User-defined function call: binds parameters and translates the body.
  std::optional<Rel> call_tabular_function(const Binding& b, const ast::Call* c, const RowCtx& row,
                                           const ScopePtr& scope, const Rel* piped_input);
  std::optional<SqlExpr> call_scalar_function(const Binding& b, const ast::Call* c,
                                              const RowCtx& row, const ScopePtr& scope);
  ScopePtr bind_lets(const std::vector<ast::Statement*>& stmts, ScopePtr scope);

  // --- helpers ---
  std::string alias() { return "t" + std::to_string(++alias_counter_); }
  std::string col(const std::string& alias, const std::string& name) const;
  bool fail(const char* code, const char* name, Span span, std::string message);
  const Dialect& d() const { return d_; }
  const TranslateOptions& options() const { return opt_; }
  std::string helper(std::string_view fn) const { return d_.helper(fn); }
  std::string now_sql() const;

 private:
  // operator implementations
  std::optional<Rel> op_where(const Rel& in, const ast::WhereOp* op, const ScopePtr& scope);
  std::optional<Rel> op_extend(const Rel& in, const ast::ListOp* op, const ScopePtr& scope);
  std::optional<Rel> op_project(const Rel& in, const ast::ListOp* op, const ScopePtr& scope);
  std::optional<Rel> op_project_away(const Rel& in, const ast::ListOp* op, bool keep);
  std::optional<Rel> op_project_rename(const Rel& in, const ast::ListOp* op);
  std::optional<Rel> op_project_reorder(const Rel& in, const ast::ListOp* op);
  std::optional<Rel> op_project_by_names(const Rel& in, const ast::GenericOp* op,
                                         const ScopePtr& scope);
  std::optional<Rel> op_summarize(const Rel& in, const ast::SummarizeOp* op, const ScopePtr& scope);
  std::optional<Rel> op_arg_extreme_with_others(const Rel& in, const ast::SummarizeOp* op,
                                                const ast::Expr* arg_item, const ScopePtr& scope);
  std::optional<Rel> op_arg_extreme(const Rel& in, const ast::SummarizeOp* op,
                                    const ast::Call* call, const std::string& result_name,
                                    const ScopePtr& scope);
  std::optional<Rel> op_distinct(const Rel& in, const ast::ListOp* op, const ScopePtr& scope);
  std::optional<Rel> op_count(const Rel& in, const ast::CountOp* op);
  std::optional<Rel> op_take(const Rel& in, const ast::TakeOp* op, const ScopePtr& scope);
  std::optional<Rel> op_sort(const Rel& in, const ast::SortOp* op, const ScopePtr& scope);
  std::optional<Rel> op_join(const Rel& in, const ast::JoinOp* op, const ScopePtr& scope);
  std::optional<Rel> op_union(const Rel* in, const ast::UnionOp* op, const ScopePtr& scope);
  std::optional<Rel> op_mv_expand(const Rel& in, const ast::MvExpandOp* op, const ScopePtr& scope);
  // parse / parse-where (translate_parse.cpp)
  std::optional<Rel> op_parse(const Rel& in, const ast::ParseOp* op, const ScopePtr& scope);
  std::optional<Rel> op_parse_kv(const Rel& in, const ast::GenericOp* op, const ScopePtr& scope);
  // mv-apply (translate_mv_apply.cpp)
  std::optional<Rel> op_mv_apply(const Rel& in, const ast::MvApplyOp* op, const ScopePtr& scope);
  std::optional<Rel> op_print(const ast::ListOp* op, const ScopePtr& scope);
  std::optional<Rel> op_range(const ast::RangeOp* op, const ScopePtr& scope);
  std::optional<Rel> op_datatable(const ast::DataTableOp* op, const ScopePtr& scope);
  std::optional<Rel> op_scan(const Rel& in, const ast::GenericOp* op, const ScopePtr& scope);
  // partition (translate_partition.cpp)
  std::optional<Rel> op_partition(const Rel& in, const ast::GenericOp* op, const ScopePtr& scope);
  // Subqueries run per value of a hidden key column (translate_per_key.cpp: mv-apply, partition).
  std::optional<std::vector<const ast::Operator*>> subquery_operators(const ast::Expr* e);
  static bool is_per_key_operator(ast::OperatorKind k);
  std::optional<Rel> apply_per_key(const Rel& in, const ast::Operator* o, const ast::Name& key,
                                   bool keep_order, const ScopePtr& scope);
  std::optional<Rel> top_per_key(const Rel& in, const std::vector<ast::Ordered*>& by,
                                 const ast::Expr* count, const std::string& key, bool keep_order,
                                 const ScopePtr& scope);
  // make-series (translate_make_series.cpp)
  std::optional<Rel> op_make_series(const Rel& in, const ast::GenericOp* op, const ScopePtr& scope);
  std::optional<std::string> order_key(const ast::Ordered* o, bool default_asc, const RowCtx& row,
                                       const ScopePtr& scope);
  // SELECT of the visible columns of `in` (and its __ord when ordered) under `a`.
  std::string passthrough_list(const Rel& in, const std::string& a) const;

  QueryDiagnostics& diags_;
  const TranslateOptions& opt_;
  const Dialect& d_;
  int alias_counter_ = 0;
  int depth_ = 0;  // user-function nesting, to stop runaway recursion

 public:
  std::vector<std::string> tables_used;
  int& depth() { return depth_; }
};

// SQL identifier quoting (double quotes, valid in SQLite and PostgreSQL).
std::string quote_ident(const std::string& name);
// KQL's default column name for an unnamed expression, or "" when KQL would number it.
std::string default_name(const ast::Expr* e);
// Makes `name` unique among `taken` the way KQL does (name, name1, name2, ...).
std::string unique_name(const std::string& name, const std::vector<SqlColumn>& taken);

}  // namespace kql::sql
