// Scalar expressions: literals, names, operators. Function calls are in translate_functions.
#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "backend/sql/dynamic_literal.h"
#include "backend/sql/ticks.h"
#include "backend/sql/translator.h"

namespace kql::sql {

using namespace ast;

std::string quote_ident(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Translator::lit(const std::string& s) const {
  std::string out = "'";
  bool parts = false;
  for (char c : s) {
    if (c == '\0') {
      // A NUL byte would end the statement's text ('\u0000' in KQL): spliced in as a function
      // call instead. PostgreSQL's chr(0) fails at run time: its text cannot hold U+0000.
      out += std::string("' || ") + (d_.kind() == DialectKind::Postgres ? "chr(0)" : "char(0)") +
             " || '";
      parts = true;
      continue;
    }
    if (c == '\'') out += '\'';
    out += c;
  }
  out += "'";
  return parts ? "(" + out + ")" : out;
}

std::string Translator::col(const std::string& a, const std::string& name) const {
  return a.empty() ? quote_ident(name) : a + "." + quote_ident(name);
}

bool Translator::fail(const char* code, const char* name, Span span, std::string message) {
  auto& dg = diags_.report(code, name, Severity::Error, span, std::move(message));
  dg.help = "the SQL backend translates only what it can reproduce exactly";
  return false;
}

std::string Translator::now_sql() const {
  if (opt_.now_ticks) return std::to_string(*opt_.now_ticks);
  return helper("kql_now") + "()";
}

namespace {

bool is_string_like(KType t) { return t == KType::String || t == KType::Guid; }

// The binary operators that take strings, with their helper and flags.
struct StringOpInfo {
  const char* helper;
  bool negated;
  bool cs;
};
std::optional<StringOpInfo> string_op(BinaryOp op) {
  switch (op) {
    case BinaryOp::Contains:
      return StringOpInfo{"kql_contains", false, false};
    case BinaryOp::NotContains:
      return StringOpInfo{"kql_contains", true, false};
    case BinaryOp::ContainsCs:
      return StringOpInfo{"kql_contains", false, true};
    case BinaryOp::NotContainsCs:
      return StringOpInfo{"kql_contains", true, true};
    case BinaryOp::Has:
      return StringOpInfo{"kql_has", false, false};
    case BinaryOp::NotHas:
      return StringOpInfo{"kql_has", true, false};
    case BinaryOp::HasCs:
      return StringOpInfo{"kql_has", false, true};
    case BinaryOp::NotHasCs:
      return StringOpInfo{"kql_has", true, true};
    case BinaryOp::HasPrefix:
      return StringOpInfo{"kql_hasprefix", false, false};
    case BinaryOp::NotHasPrefix:
      return StringOpInfo{"kql_hasprefix", true, false};
    case BinaryOp::HasPrefixCs:
      return StringOpInfo{"kql_hasprefix", false, true};
    case BinaryOp::NotHasPrefixCs:
      return StringOpInfo{"kql_hasprefix", true, true};
    case BinaryOp::HasSuffix:
      return StringOpInfo{"kql_hassuffix", false, false};
    case BinaryOp::NotHasSuffix:
      return StringOpInfo{"kql_hassuffix", true, false};
    case BinaryOp::HasSuffixCs:
      return StringOpInfo{"kql_hassuffix", false, true};
    case BinaryOp::NotHasSuffixCs:
      return StringOpInfo{"kql_hassuffix", true, true};
    case BinaryOp::StartsWith:
      return StringOpInfo{"kql_startswith", false, false};
    case BinaryOp::NotStartsWith:
      return StringOpInfo{"kql_startswith", true, false};
    case BinaryOp::StartsWithCs:
      return StringOpInfo{"kql_startswith", false, true};
    case BinaryOp::NotStartsWithCs:
      return StringOpInfo{"kql_startswith", true, true};
    case BinaryOp::EndsWith:
      return StringOpInfo{"kql_endswith", false, false};
    case BinaryOp::NotEndsWith:
      return StringOpInfo{"kql_endswith", true, false};
    case BinaryOp::EndsWithCs:
      return StringOpInfo{"kql_endswith", false, true};
    case BinaryOp::NotEndsWithCs:
      return StringOpInfo{"kql_endswith", true, true};
    default:
      return std::nullopt;
  }
}

KType arith_numeric(KType a, KType b) {
  if (a == KType::Real || b == KType::Real || a == KType::Decimal || b == KType::Decimal)
    return KType::Real;
  if (a == KType::Int && b == KType::Int) return KType::Int;
  return KType::Long;
}

}  // namespace

std::optional<SqlExpr> Translator::as_string(const SqlExpr& e) {
  switch (e.type) {
    case KType::String:
    case KType::Guid:
      return SqlExpr{e.sql, KType::String};
    case KType::Dynamic:
      return SqlExpr{helper("kql_dyn_tostring") + "(" + e.sql + ")", KType::String};
    case KType::DateTime:
      return SqlExpr{helper("kql_dt_str") + "(" + e.sql + ")", KType::String};
    case KType::TimeSpan:
      return SqlExpr{helper("kql_ts_str") + "(" + e.sql + ")", KType::String};
    case KType::Real:
      return SqlExpr{helper("kql_real_str") + "(" + e.sql + ")", KType::String};
    case KType::Bool:
      return SqlExpr{
          "(CASE WHEN " + e.sql + " THEN 'true' WHEN NOT " + e.sql + " THEN 'false' ELSE '' END)",
          KType::String};
    case KType::Int:
    case KType::Long:
      return SqlExpr{"COALESCE(" + d_.cast(e.sql, KType::String) + ", '')", KType::String};
    default:
      return std::nullopt;
  }
}

std::optional<SqlExpr> Translator::as_bool(const SqlExpr& e, const Expr* at) {
  if (e.type == KType::Bool) return e;
  if (e.type == KType::Dynamic)
    return SqlExpr{helper("kql_dyn_tobool") + "(" + e.sql + ")", KType::Bool};
  fail(codes::kUntypedExpression, "untranslatable-types", at->span,
       std::string("expected a bool here, found ") + ktype_name(e.type));
  return std::nullopt;
}

namespace {
// "123", "-123" or either in parentheses (a let-bound scalar is inlined so): how a long, int or
// timespan literal reaches the SQL text.
bool is_integer_literal(std::string_view sql) {
  while (sql.size() >= 2 && sql.front() == '(' && sql.back() == ')')
    sql = sql.substr(1, sql.size() - 2);
  size_t i = !sql.empty() && sql[0] == '-' ? 1 : 0;
  if (i == sql.size()) return false;
  for (; i < sql.size(); ++i)
    if (sql[i] < '0' || sql[i] > '9') return false;
  return true;
}
// datetime(2025, 6, 14): the year, month and day. Not in the datetime type's reference, but
// the endofweek() reference's example writes its dates so and shows them as 2025-06-14 and so
// on; other comma forms (with a time of day) are not documented and stay rejected.
std::optional<int64_t> comma_date(const std::string& text) {
  long long part[3];
  size_t i = 0;
  for (int k = 0; k < 3; ++k) {
    while (i < text.size() && text[i] == ' ') ++i;
    size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == start || i - start > 4) return std::nullopt;
    part[k] = std::stoll(text.substr(start, i - start));
    while (i < text.size() && text[i] == ' ') ++i;
    if (k < 2 && (i >= text.size() || text[i++] != ',')) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  char iso[32];
  std::snprintf(iso, sizeof iso, "%04lld-%02lld-%02lld", part[0], part[1], part[2]);
  return parse_datetime(iso);  // checks the month and day
}
}  // namespace

// x has_any (list) / x has_all (list) where the list is a dynamic array computed at run time
// (a let bound to pack_array(...), a column of arrays). Its string elements are the terms. A
// list that is not an array, a non-string element (how Kusto converts it is not documented),
// more distinct values than the documented 10,000 (has_any) or 256 (has_all), and has_all over
// an empty list fail the query.
std::optional<SqlExpr> Translator::has_over_array(const SqlExpr& x, const SqlExpr& list, bool any,
                                                  bool cs) {
  auto xs = as_string(x);
  if (!xs) return std::nullopt;
  const char* op = any ? "has_any" : "has_all";
  auto elements = [&](const std::string& j) { return " FROM " + d_.expand_from(list.sql, j); };
  auto str = [&](const std::string& j) {
    return helper("kql_dyn_str") + "(" + d_.expand_value(j) + ")";
  };
  auto fail_with = [&](const std::string& why) {
    return helper("kql_fail_bool") + "('" + op + ": " + why + "')";
  };
  std::string a = alias(), b = alias(), c = alias();
  std::string term =
      helper("kql_has") + "(" + xs->sql + ", " + str(a) + ", " + (cs ? "1" : "0") + ")";
  std::string test = any ? "EXISTS (SELECT 1" + elements(a) + " WHERE " + term + ")"
                         : "NOT EXISTS (SELECT 1" + elements(a) + " WHERE NOT " + term + ")";
  std::string distinct = "(SELECT count(DISTINCT " + str(c) + ")" + elements(c) + ")";
  std::string limit = any ? "10000" : "256";
  return SqlExpr{
      "(CASE WHEN " + helper("kql_array_length") + "(" + list.sql + ") IS NULL THEN " +
          fail_with("the list is not a dynamic array") + " WHEN EXISTS (SELECT 1" + elements(b) +
          " WHERE " + str(b) + " IS NULL) THEN " +
          fail_with("a list element that is not a string (its conversion is not documented)") +
          " WHEN " + distinct + " > " + limit + (any ? "" : " OR " + distinct + " = 0") + " THEN " +
          fail_with("no values, or more than " + limit + " distinct ones (not documented)") +
          " ELSE " + test + " END)",
      KType::Bool};
}

std::optional<SqlExpr> Translator::expr(const Expr* e, const RowCtx& row, const ScopePtr& scope) {
  if (!e) return std::nullopt;
  switch (e->kind) {
    case NodeKind::Paren: {
      auto inner = expr(static_cast<const Paren*>(e)->inner, row, scope);
      if (!inner) return std::nullopt;
      return SqlExpr{"(" + inner->sql + ")", inner->type};
    }
    case NodeKind::Literal: {
      auto* l = static_cast<const Literal*>(e);
      switch (l->literal_kind) {
        case LiteralKind::Bool:
          return SqlExpr{d_.bool_literal(l->int_value != 0), KType::Bool};
        case LiteralKind::Int:
          return SqlExpr{std::to_string(l->int_value), KType::Int};
        case LiteralKind::Long:
          return SqlExpr{std::to_string(l->int_value), KType::Long};
        case LiteralKind::Real:
          return SqlExpr{d_.real_literal(l->real_value), KType::Real};
        case LiteralKind::String:
          return SqlExpr{lit(l->value), KType::String};
        case LiteralKind::TimeSpan:
          return SqlExpr{std::to_string(l->timespan_ticks), KType::TimeSpan};
        case LiteralKind::DateTime: {
          std::string dv = l->value;  // datetime("2015-01-01") holds a quoted string
          if (dv.size() >= 2 && (dv.front() == '"' || dv.front() == '\'') &&
              dv.back() == dv.front())
            dv = dv.substr(1, dv.size() - 2);
          auto t = parse_datetime(dv);
          if (!t) t = comma_date(dv);
          if (!t) {
            fail(
                codes::kUnsupportedLiteral, "unsupported-literal", e->span,
                "datetime literal '" + l->value + "' is not in an ISO 8601 form the backend reads");
            return std::nullopt;
          }
          return SqlExpr{std::to_string(*t), KType::DateTime};
        }
        case LiteralKind::Guid: {
          std::string g = l->value;
          for (auto& c : g) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          return SqlExpr{lit(g), KType::Guid};
        }
        case LiteralKind::Dynamic: {
          auto parsed = parse_dynamic_literal(l->value);
          if (!parsed) {
            fail(codes::kUnsupportedLiteral, "unsupported-literal", e->span,
                 "this dynamic literal holds values the SQL backend cannot represent");
            return std::nullopt;
          }
          const nlohmann::json& j = *parsed;
          if (j.is_null()) return SqlExpr{d_.typed_null(KType::Dynamic), KType::Dynamic};
          return SqlExpr{d_.dynamic_literal(j.dump()), KType::Dynamic};
        }
        case LiteralKind::TypedNull: {
          auto t = ktype_from_name(l->value);
          if (!t) break;
          if (*t == KType::String) return SqlExpr{"''", KType::String};
          return SqlExpr{d_.typed_null(*t), *t};
        }
        case LiteralKind::Null:
        case LiteralKind::Decimal:
          break;
      }
      fail(codes::kUnsupportedLiteral, "unsupported-literal", e->span,
           "this literal has no exact SQL form");
      return std::nullopt;
    }
    case NodeKind::Name: {
      auto* n = static_cast<const Name*>(e);
      if (row.pending) {
        auto it = row.pending->find(n->name);
        if (it != row.pending->end()) return SqlExpr{"(" + it->second.sql + ")", it->second.type};
      }
      if (row.cols)
        for (auto& c : *row.cols)
          if (c.name == n->name) return SqlExpr{col(row.alias, c.name), c.type};
      if (auto* b = scope->find(n->name)) {
        if (b->kind == Binding::Kind::Scalar)
          return SqlExpr{"(" + b->scalar.sql + ")", b->scalar.type};
        fail(codes::kUnsupportedSyntax, "unsupported-construct", e->span,
             "'" + n->name + "' is tabular or a function; it cannot be used as a value here");
        return std::nullopt;
      }
      fail(codes::kUnknownName, "unknown-name", e->span,
           "no column or let binding named '" + n->name + "'");
      return std::nullopt;
    }
    case NodeKind::Unary: {
      auto* u = static_cast<const Unary*>(e);
      auto x = expr(u->operand, row, scope);
      if (!x) return std::nullopt;
      if (!is_numeric(x->type) && x->type != KType::TimeSpan) {
        fail(codes::kUntypedExpression, "untranslatable-types", e->span,
             std::string("unary minus on ") + ktype_name(x->type));
        return std::nullopt;
      }
      return SqlExpr{u->op == '-' ? "(-" + x->sql + ")" : x->sql, x->type};
    }
    case NodeKind::Binary: {
      auto* b = static_cast<const Binary*>(e);
      auto l = expr(b->left, row, scope);
      if (!l) return std::nullopt;
      auto r = expr(b->right, row, scope);
      if (!r) return std::nullopt;
      auto type_error = [&]() -> std::optional<SqlExpr> {
        fail(codes::kUntypedExpression, "untranslatable-types", b->op_span,
             std::string("operator ") + binary_op_text(b->op) + " on " + ktype_name(l->type) +
                 " and " + ktype_name(r->type) + " has no exact translation");
        return std::nullopt;
      };
      // Untyped null on one side takes the other side's type.
      if (l->type == KType::Unknown) l->type = r->type;
      if (r->type == KType::Unknown) r->type = l->type;
      switch (b->op) {
        case BinaryOp::Add:
        case BinaryOp::Sub:
        case BinaryOp::Mul:
        case BinaryOp::Div:
        case BinaryOp::Mod: {
          const char* sym = b->op == BinaryOp::Add   ? "+"
                            : b->op == BinaryOp::Sub ? "-"
                            : b->op == BinaryOp::Mul ? "*"
                            : b->op == BinaryOp::Div ? "/"
                                                     : "%";
          KType lt = l->type, rt = r->type;
          // PostgreSQL types a bare integer literal as int4, whose arithmetic fails past 2^31
          // where KQL's long does not (100000 * 100000): a literal left operand is widened,
          // which makes the whole operation bigint.
          if (d_.kind() == DialectKind::Postgres && is_integer_literal(l->sql))
            l->sql = "CAST(" + l->sql + " AS bigint)";
          else if (d_.kind() == DialectKind::Postgres && is_integer_literal(r->sql))
            r->sql = "CAST(" + r->sql + " AS bigint)";
          auto bin = [&](KType t) {
            return SqlExpr{"(" + l->sql + " " + sym + " " + r->sql + ")", t};
          };
          if (is_numeric(lt) && is_numeric(rt)) {
            KType t = arith_numeric(lt, rt);
            if (b->op == BinaryOp::Mod && t == KType::Real) return type_error();
            if (b->op == BinaryOp::Div && t != KType::Real) {
              // Integer division truncates toward zero in KQL, SQLite and PostgreSQL alike. A
              // zero divisor is an error in KQL: the query fails here too (SQLite would give
              // null, PostgreSQL its own error).
              return SqlExpr{"(CASE WHEN " + r->sql + " = 0 THEN " + helper("kql_fail_long") +
                                 "('division by zero') ELSE " + l->sql + " / " + r->sql + " END)",
                             t};
            }
            if (b->op == BinaryOp::Div) {
              // Real division by zero is +/-infinity in KQL (IEEE); 0/0 is NaN, which PostgreSQL
              // holds and SQLite cannot (it stores NaN as null): the query fails there instead.
              std::string inf =
                  d_.kind() == DialectKind::Postgres ? "CAST('Infinity' AS float8)" : "9e999";
              std::string nan = d_.kind() == DialectKind::Postgres
                                    ? std::string("CAST('NaN' AS float8)")
                                    : helper("kql_fail_real") + "('0.0 / 0.0 is NaN')";
              std::string x = d_.cast(l->sql, KType::Real);
              return SqlExpr{"(CASE WHEN " + r->sql + " = 0 THEN (CASE WHEN " + x + " > 0 THEN " +
                                 inf + " WHEN " + x + " < 0 THEN -" + inf + " ELSE " + nan +
                                 " END) ELSE " + x + " / " + r->sql + " END)",
                             t};
            }
            return bin(t);
          }
          if (lt == KType::DateTime && rt == KType::TimeSpan &&
              (b->op == BinaryOp::Add || b->op == BinaryOp::Sub))
            return bin(KType::DateTime);
          if (lt == KType::TimeSpan && rt == KType::DateTime && b->op == BinaryOp::Add)
            return bin(KType::DateTime);
          if (lt == KType::DateTime && rt == KType::DateTime && b->op == BinaryOp::Sub)
            return bin(KType::TimeSpan);
          if (lt == KType::TimeSpan && rt == KType::TimeSpan) {
            if (b->op == BinaryOp::Add || b->op == BinaryOp::Sub) return bin(KType::TimeSpan);
            if (b->op == BinaryOp::Div)
              return SqlExpr{"(" + d_.cast(l->sql, KType::Real) + " / " + r->sql + ")",
                             KType::Real};
            if (b->op == BinaryOp::Mod) return bin(KType::TimeSpan);
          }
          if (lt == KType::TimeSpan && is_integral(rt) &&
              (b->op == BinaryOp::Mul || b->op == BinaryOp::Div))
            return bin(KType::TimeSpan);
          if (is_integral(lt) && rt == KType::TimeSpan && b->op == BinaryOp::Mul)
            return bin(KType::TimeSpan);
          // timespan * real, real * timespan and timespan / real (lookupWindow / 2.0): exact
          // when the result is a whole number of ticks. How Kusto rounds a fraction of a tick is
          // not documented, so the query fails there (and on a zero divisor, and on spans too
          // long for a double to hold exactly).
          bool scaled = (lt == KType::TimeSpan && rt == KType::Real &&
                         (b->op == BinaryOp::Mul || b->op == BinaryOp::Div)) ||
                        (lt == KType::Real && rt == KType::TimeSpan && b->op == BinaryOp::Mul);
          if (scaled) {
            const std::string& span = lt == KType::TimeSpan ? l->sql : r->sql;
            const std::string& factor = lt == KType::TimeSpan ? r->sql : l->sql;
            std::string q = "(" + d_.cast(span, KType::Real) + " " + sym + " " + factor + ")";
            std::string fail_with =
                helper("kql_fail_long") +
                "('timespan scaled by a real: not a whole number of ticks, and how Kusto rounds "
                "it is not documented')";
            std::string zero = b->op == BinaryOp::Div ? " WHEN " + factor + " = 0 THEN " + fail_with
                                                      : std::string();
            return SqlExpr{"(CASE" + zero + " WHEN abs(" + span + ") > 9007199254740992 OR " + q +
                               " <> " + helper("kql_floor") + "(" + q + ") OR abs(" + q +
                               ") >= 9.2e18 THEN " + fail_with + " ELSE " +
                               d_.cast(q, KType::Long) + " END)",
                           KType::TimeSpan};
          }
          return type_error();
        }
        case BinaryOp::Eq:
        case BinaryOp::Ne:
        case BinaryOp::Lt:
        case BinaryOp::Le:
        case BinaryOp::Gt:
        case BinaryOp::Ge: {
          const char* sym = b->op == BinaryOp::Eq   ? "="
                            : b->op == BinaryOp::Ne ? "<>"
                            : b->op == BinaryOp::Lt ? "<"
                            : b->op == BinaryOp::Le ? "<="
                            : b->op == BinaryOp::Gt ? ">"
                                                    : ">=";
          bool ordering = b->op != BinaryOp::Eq && b->op != BinaryOp::Ne;
          std::string ls = l->sql, rs = r->sql;
          KType lt = l->type, rt = r->type;
          // dynamic against a scalar: compare only a JSON value of that kind.
          if (lt == KType::Dynamic && rt != KType::Dynamic) {
            if (is_string_like(rt))
              ls = helper("kql_dyn_str") + "(" + ls + ")", lt = rt;
            else if (is_numeric(rt))
              ls = helper("kql_dyn_num") + "(" + ls + ")", lt = rt;
            else
              return type_error();
          } else if (rt == KType::Dynamic && lt != KType::Dynamic) {
            if (is_string_like(lt))
              rs = helper("kql_dyn_str") + "(" + rs + ")", rt = lt;
            else if (is_numeric(lt))
              rs = helper("kql_dyn_num") + "(" + rs + ")", rt = lt;
            else
              return type_error();
          } else if (lt == KType::Dynamic && rt == KType::Dynamic) {
            if (ordering) return type_error();
            std::string eq = helper("kql_dyn_eq") + "(" + ls + ", " + rs + ")";
            return SqlExpr{b->op == BinaryOp::Eq ? eq : "(NOT " + eq + ")", KType::Bool};
          }
          // A bool against the integer literal 0 or 1 (`IsCompliant == 0`, common in hunting
          // rules): the reference of the bool type names its values true (1) and false (0), so
          // the literal stands for that bool. Other integers, and integers that are not
          // literals, stay rejected: how Kusto compares true with 2 is not documented.
          if (!ordering) {
            auto bool_digit = [](const Expr* x) -> std::optional<bool> {
              while (x->kind == NodeKind::Paren) x = static_cast<const Paren*>(x)->inner;
              if (x->kind != NodeKind::Literal) return std::nullopt;
              auto* lit = static_cast<const Literal*>(x);
              bool integer =
                  lit->literal_kind == LiteralKind::Int || lit->literal_kind == LiteralKind::Long;
              if (!integer || (lit->int_value != 0 && lit->int_value != 1)) return std::nullopt;
              return lit->int_value == 1;
            };
            if (lt == KType::Bool && is_integral(rt))
              if (auto v = bool_digit(b->right)) rs = d_.bool_literal(*v), rt = KType::Bool;
            if (rt == KType::Bool && is_integral(lt))
              if (auto v = bool_digit(b->left)) ls = d_.bool_literal(*v), lt = KType::Bool;
          }
          bool ok = (is_numeric(lt) && is_numeric(rt)) ||
                    (is_string_like(lt) && is_string_like(rt)) || lt == rt;
          if (!ok) return type_error();
          if (is_string_like(lt) && ordering) ls = d_.ordinal(ls), rs = d_.ordinal(rs);
          std::string cmp = "(" + ls + " " + sym + " " + rs + ")";
          // KQL: null == x is false and null != x is true when x is not null; null against
          // null stays null. Plain strings are never null, so they need no guard.
          bool plain_strings = is_string_like(l->type) && is_string_like(r->type);
          if (ordering || plain_strings) return SqlExpr{cmp, KType::Bool};
          auto non_null_literal = [](const Expr* x) {
            while (x->kind == NodeKind::Paren) x = static_cast<const Paren*>(x)->inner;
            if (x->kind == NodeKind::Unary) x = static_cast<const Unary*>(x)->operand;
            if (x->kind != NodeKind::Literal) return false;
            auto k = static_cast<const Literal*>(x)->literal_kind;
            return k != LiteralKind::Null && k != LiteralKind::TypedNull &&
                   k != LiteralKind::Dynamic;
          };
          bool eq = b->op == BinaryOp::Eq;
          if (non_null_literal(b->left) || non_null_literal(b->right))
            return SqlExpr{"COALESCE(" + cmp + ", " + d_.bool_literal(!eq) + ")", KType::Bool};
          return SqlExpr{"(CASE WHEN " + ls + " IS NULL AND " + rs + " IS NULL THEN NULL WHEN " +
                             ls + " IS NULL OR " + rs + " IS NULL THEN " + d_.bool_literal(!eq) +
                             " ELSE " + cmp + " END)",
                         KType::Bool};
        }
        case BinaryOp::EqTilde:
        case BinaryOp::NeTilde: {
          auto ls = as_string(*l), rs = as_string(*r);
          if (!ls || !rs || !is_string_like(l->type == KType::Dynamic ? KType::String : l->type))
            return type_error();
          std::string eq = helper("kql_eq_ci") + "(" + ls->sql + ", " + rs->sql + ")";
          return SqlExpr{b->op == BinaryOp::EqTilde ? eq : "(NOT " + eq + ")", KType::Bool};
        }
        case BinaryOp::And:
        case BinaryOp::Or: {
          auto lb = as_bool(*l, b->left);
          if (!lb) return std::nullopt;
          auto rb = as_bool(*r, b->right);
          if (!rb) return std::nullopt;
          return SqlExpr{
              "(" + lb->sql + (b->op == BinaryOp::And ? " AND " : " OR ") + rb->sql + ")",
              KType::Bool};
        }
        case BinaryOp::MatchesRegex: {
          auto ls = as_string(*l);
          if (!ls || !is_string_like(r->type)) return type_error();
          auto pattern = regex_pattern(b->right, *r, false, scope.get());
          if (!pattern) return std::nullopt;
          return SqlExpr{helper("kql_regex_match") + "(" + ls->sql + ", " + *pattern + ")",
                         KType::Bool};
        }
        default:
          break;
      }
      if (auto info = string_op(b->op)) {
        auto ls = as_string(*l), rs = as_string(*r);
        if (!ls || !rs) return type_error();
        std::string call = helper(info->helper) + "(" + ls->sql + ", " + rs->sql + ", " +
                           (info->cs ? "1" : "0") + ")";
        return SqlExpr{info->negated ? "(NOT " + call + ")" : call, KType::Bool};
      }
      fail(codes::kUnsupportedSyntax, "unsupported-construct", b->op_span,
           std::string("operator ") + binary_op_text(b->op) + " is not translated to SQL");
      return std::nullopt;
    }
    case NodeKind::Between: {
      auto* bt = static_cast<const Between*>(e);
      auto x = expr(bt->operand, row, scope);
      auto lo = x ? expr(bt->low, row, scope) : std::nullopt;
      auto hi = lo ? expr(bt->high, row, scope) : std::nullopt;
      if (!hi) return std::nullopt;
      std::string hs = hi->sql;
      if (x->type == KType::DateTime && hi->type == KType::TimeSpan)
        hs = "(" + lo->sql + " + " + hs + ")";
      else if (!((is_numeric(x->type) && is_numeric(lo->type) && is_numeric(hi->type)) ||
                 (x->type == lo->type && x->type == hi->type &&
                  (x->type == KType::DateTime || x->type == KType::TimeSpan)))) {
        fail(codes::kUntypedExpression, "untranslatable-types", e->span,
             "between needs numbers, datetimes or timespans");
        return std::nullopt;
      }
      std::string s = "(" + x->sql + " >= " + lo->sql + " AND " + x->sql + " <= " + hs + ")";
      return SqlExpr{bt->negated ? "(NOT " + s + ")" : s, KType::Bool};
    }
    case NodeKind::InList: {
      auto* in = static_cast<const InList*>(e);
      auto x = expr(in->operand, row, scope);
      if (!x) return std::nullopt;
      bool ci = in->op == InOp::InCi || in->op == InOp::NotInCi;
      bool negated = in->op == InOp::NotIn || in->op == InOp::NotInCi;
      bool has_any = in->op == InOp::HasAny || in->op == InOp::HasAnyCs;
      bool has_all = in->op == InOp::HasAll || in->op == InOp::HasAllCs;
      bool cs = in->op == InOp::HasAnyCs || in->op == InOp::HasAllCs;
      // A single tabular item: the first column of its result.
      if (in->items.size() == 1 && is_tabular(in->items[0], scope) && !has_any && !has_all) {
        auto rel = tabular(in->items[0], scope);
        if (!rel) return std::nullopt;
        if (rel->cols.empty()) return std::nullopt;
        std::string a = alias();
        std::string c = col(a, rel->cols[0].name);
        std::string from = "(" + rel->sql + ") AS " + a;
        if (rel->cols[0].type == KType::Dynamic) {
          // `x in (T | summarize make_set(y))`, the usual way hunting rules build a list: the
          // arrays are flattened and x meets their string (or numeric) elements ("nested arrays
          // are flattened into a single list of values", the in operator's reference). An
          // array nested deeper fails the query rather than being skipped.
          std::string j = alias();
          std::string item = d_.expand_value(j);
          if (is_string_like(x->type))
            c = helper("kql_dyn_str") + "(" + item + ")";
          else if (is_numeric(x->type))
            c = helper("kql_dyn_num") + "(" + item + ")";
          else {
            fail(codes::kUntypedExpression, "untranslatable-types", in->items[0]->span,
                 "in over a column of dynamic arrays is translated for strings and numbers");
            return std::nullopt;
          }
          from += ", " + d_.expand_from(col(a, rel->cols[0].name), j);
          KType ct = is_string_like(x->type) ? KType::String : KType::Real;
          c = "(CASE WHEN " + helper("kql_array_length") + "(" + item + ") IS NOT NULL THEN " +
              d_.cast(helper("kql_fail_real") +
                          "('in: an array nested in an array of the list is not translated')",
                      ct) +
              " ELSE " + c + " END)";
        }
        std::string lhs = x->sql;
        if (ci) {
          c = helper("kql_toupper") + "(" + c + ")";
          lhs = helper("kql_toupper") + "(" + lhs + ")";
        }
        std::string sub = "SELECT " + c + " FROM " + from + " WHERE " + c + " IS NOT NULL";
        return SqlExpr{"(" + lhs + (negated ? " NOT IN (" : " IN (") + sub + "))", KType::Bool};
      }
      // has_any / has_all over a tabular expression: "the first column is used", and "the
      // search will consider up to 10,000 distinct values" (has_any; 256 for has_all). Which
      // values a larger set keeps is not documented, so the query fails there, as has_all does
      // over no values at all. A column of dynamic values (make_set results) is rejected:
      // unlike in's reference, these do not say that arrays are flattened.
      if (in->items.size() == 1 && is_tabular(in->items[0], scope)) {
        const char* op = has_any ? "has_any" : "has_all";
        auto rel = tabular(in->items[0], scope);
        if (!rel || rel->cols.empty()) return std::nullopt;
        if (!is_string_like(rel->cols[0].type)) {
          fail(codes::kUntypedExpression, "untranslatable-types", in->items[0]->span,
               std::string(op) +
                   " over a tabular expression is translated when its first column holds "
                   "strings; this one holds " +
                   ktype_name(rel->cols[0].type));
          return std::nullopt;
        }
        auto xs = as_string(*x);
        if (!xs) return std::nullopt;
        std::string a = alias();
        std::string from = "(" + rel->sql + ") AS " + a;
        std::string term = helper("kql_has") + "(" + xs->sql + ", " + col(a, rel->cols[0].name) +
                           ", " + (cs ? "1" : "0") + ")";
        // has_any: some value is a term of x; has_all: no value fails to be one.
        std::string test = has_any
                               ? "EXISTS (SELECT 1 FROM " + from + " WHERE " + term + ")"
                               : "NOT EXISTS (SELECT 1 FROM " + from + " WHERE NOT " + term + ")";
        std::string b = alias();
        std::string distinct = "(SELECT count(DISTINCT " + col(b, rel->cols[0].name) + ") FROM (" +
                               rel->sql + ") AS " + b + ")";
        std::string limit = has_any ? "10000" : "256";
        std::string undocumented =
            distinct + " > " + limit + (has_all ? " OR " + distinct + " = 0" : "");
        return SqlExpr{"(CASE WHEN " + undocumented + " THEN " + helper("kql_fail_bool") + "('" +
                           op + ": no values, or more than " + limit +
                           " distinct ones; what Kusto does then is not documented') ELSE " + test +
                           " END)",
                       KType::Bool};
      }
      // Scalar items; a dynamic-array literal (or a let bound to one) contributes its elements.
      std::vector<SqlExpr> items;
      for (const Expr* item : in->items) {
        const Literal* l = nullptr;
        if (item->kind == NodeKind::Literal) l = static_cast<const Literal*>(item);
        if (item->kind == NodeKind::Name) {
          auto* n = static_cast<const Name*>(item);
          bool is_col = false;
          if (row.cols)
            for (auto& c : *row.cols) is_col |= c.name == n->name;
          if (!is_col)
            if (auto* bnd = scope->find(n->name)) l = bnd->literal;
        }
        if (l && l->literal_kind == LiteralKind::Dynamic) {
          auto parsed = parse_dynamic_literal(l->value);
          nlohmann::json j = parsed ? *parsed : nlohmann::json();
          if (!parsed || !j.is_array()) {
            fail(codes::kUnsupportedLiteral, "unsupported-literal", item->span,
                 "expected a dynamic array of scalars");
            return std::nullopt;
          }
          for (auto& el : j) {
            if (el.is_string())
              items.push_back({lit(el.get<std::string>()), KType::String});
            else if (el.is_number_integer())
              items.push_back({std::to_string(el.get<int64_t>()), KType::Long});
            else if (el.is_number())
              items.push_back({d_.real_literal(el.get<double>()), KType::Real});
            else if (el.is_boolean())
              items.push_back({d_.bool_literal(el.get<bool>()), KType::Bool});
            else {
              fail(codes::kUnsupportedLiteral, "unsupported-literal", item->span,
                   "only scalar elements are supported in an in-list");
              return std::nullopt;
            }
          }
          continue;
        }
        auto v = expr(item, row, scope);
        if (!v) return std::nullopt;
        if (v->type == KType::Dynamic && (has_any || has_all) && in->items.size() == 1)
          return has_over_array(*x, *v, has_any, cs);
        if (v->type == KType::Dynamic) {
          if (has_any || has_all) {
            fail(codes::kUnsupportedSyntax, "unsupported-construct", item->span,
                 "a computed dynamic list is supported here only as the only item");
            return std::nullopt;
          }
          if (ci) {
            // in~ over an array computed at run time (a let bound to pack_array): its string
            // elements compared case-insensitively, as in~ compares the items it lists; other
            // elements equal no string, as with in.
            if (!is_string_like(x->type)) {
              fail(codes::kUntypedExpression, "untranslatable-types", in->operand->span,
                   "in~ over a computed list is translated for a string operand");
              return std::nullopt;
            }
            auto xs = as_string(*x);
            if (!xs) return std::nullopt;
            std::string j = alias();
            std::string c = "(" + helper("kql_array_length") + "(" + v->sql +
                            ") IS NOT NULL AND EXISTS (SELECT 1 FROM " + d_.expand_from(v->sql, j) +
                            " WHERE " + helper("kql_toupper") + "(" + helper("kql_dyn_str") + "(" +
                            d_.expand_value(j) + ")) = " + helper("kql_toupper") + "(" + xs->sql +
                            ")))";
            items.push_back({c, KType::Dynamic});  // marker: a containment test, not a value
            continue;
          }
          auto xd = d_.to_dynamic(x->sql, x->type);
          std::string c = helper("kql_array_contains") + "(" + v->sql + ", " + xd + ")";
          items.push_back({c, KType::Dynamic});  // marker: a containment test, not a value
          continue;
        }
        items.push_back(*v);
      }
      if (has_any || has_all) {
        auto xs = as_string(*x);
        if (!xs) return std::nullopt;
        std::string s;
        for (auto& it : items) {
          auto is = as_string(it);
          if (!is) return std::nullopt;
          if (!s.empty()) s += has_any ? " OR " : " AND ";
          s += helper("kql_has") + "(" + xs->sql + ", " + is->sql + ", " + (cs ? "1" : "0") + ")";
        }
        if (s.empty()) s = has_any ? d_.bool_literal(false) : d_.bool_literal(true);
        return SqlExpr{"(" + s + ")", KType::Bool};
      }
      std::string lhs = x->sql;
      if (ci) {
        auto xs = as_string(*x);
        if (!xs) return std::nullopt;
        lhs = helper("kql_toupper") + "(" + xs->sql + ")";
      }
      std::string values, contains;
      for (auto& it : items) {
        if (it.type == KType::Dynamic) {
          contains += (contains.empty() ? "" : " OR ") + it.sql;
          continue;
        }
        bool ok = (is_numeric(x->type) && is_numeric(it.type)) ||
                  (is_string_like(x->type) && is_string_like(it.type)) || x->type == it.type ||
                  (ci && it.type == KType::String);
        if (!ok) {
          fail(codes::kUntypedExpression, "untranslatable-types", in->op_span,
               std::string("in-list element of type ") + ktype_name(it.type) + " against " +
                   ktype_name(x->type));
          return std::nullopt;
        }
        values += (values.empty() ? "" : ", ") +
                  (ci ? helper("kql_toupper") + "(" + it.sql + ")" : it.sql);
      }
      std::string test;
      if (!values.empty()) test = lhs + " IN (" + values + ")";
      if (!contains.empty()) test += (test.empty() ? "" : " OR ") + contains;
      if (test.empty()) test = d_.bool_literal(false);
      return SqlExpr{negated ? "(NOT (" + test + "))" : "(" + test + ")", KType::Bool};
    }
    case NodeKind::Call:
      return call(static_cast<const Call*>(e), row, scope);
    case NodeKind::Member: {
      auto* m = static_cast<const Member*>(e);
      if (row.qualified && m->object->kind == NodeKind::Name) {
        auto it = row.qualified->find(static_cast<const Name*>(m->object)->name + "." + m->member);
        if (it != row.qualified->end()) return it->second;
      }
      auto o = expr(m->object, row, scope);
      if (!o) return std::nullopt;
      if (o->type != KType::Dynamic) {
        fail(codes::kUntypedExpression, "untranslatable-types", e->span,
             std::string("member access on a ") + ktype_name(o->type) + " value");
        return std::nullopt;
      }
      return SqlExpr{helper("kql_dyn_get") + "(" + o->sql + ", " + lit(m->member) + ")",
                     KType::Dynamic};
    }
    case NodeKind::Index: {
      auto* ix = static_cast<const Index*>(e);
      const Call* saved = indexed_call;
      indexed_call =
          ix->object->kind == NodeKind::Call ? static_cast<const Call*>(ix->object) : nullptr;
      auto o = expr(ix->object, row, scope);
      indexed_call = saved;
      if (!o) return std::nullopt;
      auto k = expr(ix->index, row, scope);
      if (!k) return std::nullopt;
      if (o->type != KType::Dynamic) {
        fail(codes::kUntypedExpression, "untranslatable-types", e->span,
             std::string("indexing a ") + ktype_name(o->type) + " value");
        return std::nullopt;
      }
      if (is_integral(k->type))
        return SqlExpr{helper("kql_dyn_at") + "(" + o->sql + ", " + k->sql + ")", KType::Dynamic};
      if (k->type == KType::String)
        return SqlExpr{helper("kql_dyn_get") + "(" + o->sql + ", " + k->sql + ")", KType::Dynamic};
      fail(codes::kUntypedExpression, "untranslatable-types", ix->index->span,
           "index must be a long or a string");
      return std::nullopt;
    }
    default:
      break;
  }
  fail(codes::kUnsupportedSyntax, "unsupported-construct", e->span,
       "this expression is not translated to SQL");
  return std::nullopt;
}

}  // namespace kql::sql
