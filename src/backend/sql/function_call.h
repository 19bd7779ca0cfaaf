#pragma once
// One scalar function call being translated, as every function family sees it: the translator,
// the call node, its already translated arguments, and the checks all families share (argument
// count, argument types, rejection by name). Families live in functions/<family>.cpp, each a
// table of {KQL name, translation}; translate_functions.cpp asks the table before its own
// built-in cases.
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "backend/sql/translator.h"

namespace kql::sql {

class FunctionCall {
 public:
  FunctionCall(Translator& t, const ast::Call* call, std::vector<SqlExpr> args)
      : t(t), call(call), a(std::move(args)) {}

  Translator& t;
  const ast::Call* call;
  std::vector<SqlExpr> a;       // translated arguments, one per call argument
  const RowCtx* row = nullptr;  // the input row (pack_all reads its columns)

  const std::string& name() const { return call->callee; }
  size_t n() const { return a.size(); }
  const Dialect& d() const { return t.d(); }
  bool postgres() const { return t.d().kind() == DialectKind::Postgres; }

  // False (after reporting unsupported-construct) unless lo <= argument count <= hi.
  bool nargs(size_t lo, size_t hi);
  // Rejects the call by name (unsupported-function), with an optional reason.
  std::nullopt_t unsupported(const std::string& why = "");
  // Rejects argument i: "<f>() expects <want>, found <type>" (untranslatable-types).
  std::nullopt_t type_err(size_t i, const char* want);
  // Argument i as a KQL string (tostring semantics), or a type error.
  std::optional<SqlExpr> str_arg(size_t i);
  // The string literal written as argument i, or nullptr when it is anything else.
  const ast::Literal* string_literal(size_t i) const;
  // A call of one of our kql_* helpers (registered on SQLite, pg_temp on PostgreSQL).
  std::string helper(std::string_view fn, std::initializer_list<std::string> args) const;
  std::string lit(const std::string& s) const { return t.lit(s); }
};

using FunctionTranslation = std::optional<SqlExpr> (*)(FunctionCall&);
struct SqlFunction {
  std::string_view name;
  FunctionTranslation translate;
};

// The translation of KQL scalar function `name` from any family, or nullptr.
FunctionTranslation find_sql_function(std::string_view name);

}  // namespace kql::sql
