#include "sema/semantic_model.h"

namespace kql::sema {

std::string_view problem_kind_name(ProblemKind k) {
  switch (k) {
    case ProblemKind::UnknownTable:
      return "unknown-table";
    case ProblemKind::UnknownColumn:
      return "unknown-column";
    case ProblemKind::UnknownFunction:
      return "unknown-function";
    case ProblemKind::WrongArgumentCount:
      return "wrong-argument-count";
    case ProblemKind::TypeMismatch:
      return "type-mismatch";
  }
  return "unknown";
}

bool ActionTypeSet::contains(std::string_view name) const {
  if (all) return true;
  for (auto* a : values)
    if (a->name == name) return true;
  return false;
}

Type SemanticModel::type_of(const ast::Expr* e) const {
  auto it = types_.find(e);
  return it == types_.end() ? Type::Unknown : it->second;
}

const RowSchema* SemanticModel::rows_of(const ast::Expr* e) const {
  auto it = rows_.find(e);
  return it == rows_.end() ? nullptr : it->second;
}

const RowSchema* SemanticModel::output_of(const ast::Operator* op) const {
  auto it = op_rows_.find(op);
  return it == op_rows_.end() ? nullptr : it->second.second;
}

const RowSchema* SemanticModel::input_of(const ast::Operator* op) const {
  auto it = op_rows_.find(op);
  return it == op_rows_.end() ? nullptr : it->second.first;
}

const Symbol* SemanticModel::symbol_of(const ast::Expr* e) const {
  auto it = symbols_.find(e);
  return it == symbols_.end() ? nullptr : &it->second;
}

int SemanticModel::stage_of(const ast::Operator* op) const {
  auto it = op_stage_.find(op);
  return it == op_stage_.end() ? -1 : it->second;
}

std::string_view SemanticModel::intern(std::string s) {
  strings_.push_back(std::move(s));
  return strings_.back();
}

const RowSchema* SemanticModel::add_rows(RowSchema rows) {
  row_store_.push_back(std::move(rows));
  return &row_store_.back();
}

void SemanticModel::set_operator_rows(const ast::Operator* op, const RowSchema* in,
                                      const RowSchema* out) {
  op_rows_[op] = {in, out};
}

int SemanticModel::add_stage(Stage s) {
  stages_.push_back(std::move(s));
  int id = static_cast<int>(stages_.size()) - 1;
  if (stages_.back().op) op_stage_[stages_.back().op] = id;
  return id;
}

}  // namespace kql::sema
