#include "backend/sql/function_call.h"

#include "backend/sql/translator.h"

namespace kql::sql {

bool FunctionCall::nargs(size_t lo, size_t hi) {
  if (a.size() >= lo && a.size() <= hi) return true;
  t.fail(codes::kUnsupportedSyntax, "unsupported-construct", call->span,
         name() + "() called with " + std::to_string(a.size()) + " arguments");
  return false;
}

std::nullopt_t FunctionCall::unsupported(const std::string& why) {
  t.fail(codes::kUnsupportedFunction, "unsupported-function", call->callee_span,
         "function " + name() + "() is not translated to SQL" + (why.empty() ? "" : ": " + why));
  return std::nullopt;
}

std::nullopt_t FunctionCall::type_err(size_t i, const char* want) {
  t.fail(codes::kUntypedExpression, "untranslatable-types", call->args[i]->span,
         name() + "() expects " + want + ", found " + ktype_name(a[i].type));
  return std::nullopt;
}

std::optional<SqlExpr> FunctionCall::str_arg(size_t i) {
  auto s = t.as_string(a[i]);
  if (!s) type_err(i, "a string");
  return s;
}

const ast::Literal* FunctionCall::string_literal(size_t i) const {
  if (i >= call->args.size() || call->args[i]->kind != ast::NodeKind::Literal) return nullptr;
  auto* l = static_cast<const ast::Literal*>(call->args[i]);
  return l->literal_kind == ast::LiteralKind::String ? l : nullptr;
}

std::string FunctionCall::helper(std::string_view fn,
                                 std::initializer_list<std::string> args) const {
  std::string s = t.helper(fn) + "(";
  bool first = true;
  for (const auto& x : args) {
    s += (first ? "" : ", ") + x;
    first = false;
  }
  return s + ")";
}

}  // namespace kql::sql
