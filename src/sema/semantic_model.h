#pragma once
// The semantic model of one query, computed by bind() (sema/binder.h) and read by the lint
// rules and both backends. The syntax tree stays untouched; the model maps its nodes to
// types, row schemas, symbols and stages. The tree and the schema must outlive the model
// (names are string_views into them).
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "schema/schema.h"
#include "sema/facts.h"
#include "sema/problems.h"
#include "sema/row_schema.h"
#include "syntax/ast.h"

namespace kql::sema {

// What a name or call resolved to.
struct Symbol {
  enum class Kind : uint8_t {
    Column,
    Table,         // a schema table
    TabularLet,    // let T = <tabular>; or materialize()
    ScalarLet,     // let x = <scalar>;
    UserFunction,  // let f = (...) { ... }; or a schema extension function
    Parameter,     // a user function's parameter
    BuiltinFunction,
  };
  Kind kind = Kind::Column;
  const schema::Table* table = nullptr;              // Table; Column: its origin table
  const schema::BuiltinFunction* builtin = nullptr;  // BuiltinFunction
  const ast::Node* declaration = nullptr;            // let statement / function decl
};

class SemanticModel {
 public:
  explicit SemanticModel(const schema::Schema& schema) : schema_(&schema) {}
  SemanticModel(const SemanticModel&) = delete;
  SemanticModel& operator=(const SemanticModel&) = delete;
  SemanticModel(SemanticModel&&) = default;

  const schema::Schema& schema() const { return *schema_; }
  schema::Profile profile() const { return schema_->profile(); }

  // --- types and row schemas -------------------------------------------------------------
  // The scalar type of an expression; Unknown when unknown, erroneous or tabular.
  Type type_of(const ast::Expr* e) const;
  // The row schema of a tabular expression (table name, pipe, source operator, let name ...);
  // null when `e` is scalar or was not bound.
  const RowSchema* rows_of(const ast::Expr* e) const;
  // The output row schema of the whole query (its last statement); null when scalar.
  const RowSchema* result() const { return result_; }
  // The output / input row schema of one operator.
  const RowSchema* output_of(const ast::Operator* op) const;
  const RowSchema* input_of(const ast::Operator* op) const;

  // --- names -----------------------------------------------------------------------------
  const Symbol* symbol_of(const ast::Expr* e) const;  // Name, Call, Member ($left.x)

  // --- stages and facts ------------------------------------------------------------------
  const std::vector<Stage>& stages() const { return stages_; }
  int stage_of(const ast::Operator* op) const;  // -1 when unknown
  const Stage* stage(int id) const {
    return id >= 0 && id < (int)stages_.size() ? &stages_[id] : nullptr;
  }

  const std::vector<ResolutionProblem>& problems() const { return problems_; }
  const std::vector<ActionTypeFilter>& action_type_filters() const { return at_filters_; }
  const std::vector<AdditionalFieldRead>& additional_field_reads() const { return af_reads_; }
  const std::vector<Comparison>& comparisons() const { return comparisons_; }
  const std::vector<ColumnRef>& column_refs() const { return column_refs_; }

  // --- recording (used by the binder) -----------------------------------------------------
  std::string_view intern(std::string s);  // stable storage for generated names
  const RowSchema* add_rows(RowSchema rows);
  void set_type(const ast::Expr* e, Type t) { types_[e] = t; }
  void set_rows(const ast::Expr* e, const RowSchema* r) { rows_[e] = r; }
  void set_symbol(const ast::Expr* e, Symbol s) { symbols_[e] = s; }
  void set_operator_rows(const ast::Operator* op, const RowSchema* in, const RowSchema* out);
  int add_stage(Stage s);
  void set_result(const RowSchema* r) { result_ = r; }
  std::vector<Stage>& mutable_stages() { return stages_; }
  std::vector<ResolutionProblem>& mutable_problems() { return problems_; }
  std::vector<ActionTypeFilter>& mutable_action_type_filters() { return at_filters_; }
  std::vector<AdditionalFieldRead>& mutable_additional_field_reads() { return af_reads_; }
  std::vector<Comparison>& mutable_comparisons() { return comparisons_; }
  std::vector<ColumnRef>& mutable_column_refs() { return column_refs_; }

 private:
  const schema::Schema* schema_;
  std::deque<std::string> strings_;
  std::deque<RowSchema> row_store_;
  std::unordered_map<const ast::Expr*, Type> types_;
  std::unordered_map<const ast::Expr*, const RowSchema*> rows_;
  std::unordered_map<const ast::Expr*, Symbol> symbols_;
  std::unordered_map<const ast::Operator*, std::pair<const RowSchema*, const RowSchema*>> op_rows_;
  std::unordered_map<const ast::Operator*, int> op_stage_;
  std::vector<Stage> stages_;
  std::vector<ResolutionProblem> problems_;
  std::vector<ActionTypeFilter> at_filters_;
  std::vector<AdditionalFieldRead> af_reads_;
  std::vector<Comparison> comparisons_;
  std::vector<ColumnRef> column_refs_;
  const RowSchema* result_ = nullptr;
};

}  // namespace kql::sema
