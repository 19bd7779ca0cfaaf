#pragma once
// Internal to src/sema: the Binder walks one syntax tree and fills a SemanticModel.
// bind_query.cpp: statements, scopes, tabular sources and user functions;
// bind_operators.cpp: each operator's output row schema; bind_scalar.cpp: expression types
// and calls; bind_facts.cpp: ActionType filters, AdditionalFields reads, comparisons.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sema/semantic_model.h"

namespace kql::sema {

// The rows a scalar expression is evaluated against.
struct RowContext {
  const RowSchema* rows = nullptr;  // null: no row scope (let scalars, print)
  int stage = -1;                   // the stage the expression belongs to
  const RowSchema* left = nullptr;  // join/lookup `on`: $left and $right
  const RowSchema* right = nullptr;
  std::string_view op_name;  // "project", "where" ... for messages
};

struct Tabular {
  const RowSchema* rows = nullptr;
  int stage = -1;
};

class Binder {
 public:
  Binder(const schema::Schema& schema, SemanticModel& model);
  void bind_tree(const ast::SyntaxTree& tree);

  // --- bind_query.cpp ---
  Tabular bind_tabular(const ast::Expr* e, Tabular implicit = {});
  Tabular bind_source_name(const ast::Name& n);
  Tabular bind_tabular_call(const ast::Call& c, const RowContext& ctx);
  Tabular call_user_function(const ast::Call& c, const ast::FunctionDecl& fn,
                             const RowContext& ctx);
  void bind_let(const ast::LetStatement& let);
  const RowSchema* open_rows();
  const RowSchema* table_rows(const schema::Table& t);
  void report_unknown_table(std::string_view name, Span span);

  // --- bind_operators.cpp ---
  Tabular bind_operator(const ast::Operator* op, Tabular in, const ast::Expr* pipe);

  bool is_aggregate(std::string_view name) const;

  // --- bind_scalar.cpp ---
  Type bind_scalar(const ast::Expr* e, const RowContext& ctx);
  Type bind_name(const ast::Name& n, const RowContext& ctx);
  Type bind_call(const ast::Call& c, const RowContext& ctx);
  Type bind_binary(const ast::Binary& b, const RowContext& ctx);
  Type bind_member(const ast::Expr& e, const RowContext& ctx);
  const Column* lookup_column(std::string_view name, Span span, const RowContext& ctx, bool report);

  // --- bind_facts.cpp ---
  // The ActionTypes a where-predicate keeps, nullopt when it does not restrict them.
  std::optional<std::vector<bool>> action_type_filter(const ast::Expr* p, const RowContext& ctx,
                                                      const schema::Table& t);
  void record_comparison(const ast::Expr& e, const ast::Expr* subject,
                         const std::vector<const ast::Expr*>& values, std::string op,
                         const RowContext& ctx);
  // When `e` reads a key of AdditionalFields, records it and returns the key.
  std::string_view record_af_read(const ast::Expr& e, const RowContext& ctx);
  AfRole af_role_of(const ast::Expr* e, const RowContext& ctx, std::string_view* via = nullptr);
  std::string_view af_key_of(const ast::Expr* e) const;

  // --- helpers ---
  void problem(ResolutionProblem p);
  void set_type(const ast::Expr* e, Type t) {
    if (!quiet_) model_.set_type(e, t);
  }
  int new_stage(const ast::Expr* expr, const ast::Operator* op, Tabular in,
                const schema::Table* table);
  std::string_view unique_name(const RowSchema& rows, std::string_view wanted);
  std::string_view column_n(const RowSchema& rows);

  const schema::Schema& schema_;
  SemanticModel& model_;
  bool sentinel_;
  // Let scopes: a stack of (name, binding); lookups scan from the back (shadowing).
  struct Binding {
    std::string_view name;
    Symbol symbol;
    Type type = Type::Unknown;
    Tabular tab;
    const ast::FunctionDecl* fn = nullptr;
    const ast::Expr* value = nullptr;  // let scalar value (for literal lists)
  };
  std::vector<Binding> scope_;
  const Binding* lookup(std::string_view name) const;
  // > 0 while re-binding a function body at a call site: nothing is recorded.
  int quiet_ = 0;
  int call_depth_ = 0;
  // > 0 inside operators the binder does not model in detail (make-series, scan ...):
  // names there may be new columns or keywords, so unknown columns are not reported.
  int lenient_ = 0;
  // > 0 inside the legs of `union isfuzzy=true`: missing tables are recorded as such.
  int fuzzy_union_ = 0;
  // The type of the last expression bind_tabular found to be scalar (a scalar function body).
  Type last_scalar_type_ = Type::Unknown;
  const RowSchema* open_ = nullptr;
  std::vector<std::pair<const schema::Table*, const RowSchema*>> table_cache_;
  std::unordered_map<const ast::Expr*, std::string_view> af_key_by_expr_;
};

// Peels parentheses.
inline const ast::Expr* peel(const ast::Expr* e) {
  while (e && e->kind == ast::NodeKind::Paren) e = static_cast<const ast::Paren*>(e)->inner;
  return e;
}

}  // namespace kql::sema
