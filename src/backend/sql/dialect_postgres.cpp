// PostgreSQL: datetimes are bigint ticks, dynamic values jsonb, and KQL's semantics come from
// pg_temp.kql_* functions that the translated script creates first (postgres_prelude.sql,
// embedded below) so that it runs on a stock server without installing anything.
#include <charconv>
#include <string>

#include "backend/sql/dialect.h"

namespace kql::sql {
namespace {

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

const char* pg_type(KType t) {
  switch (t) {
    case KType::Bool:
      return "boolean";
    case KType::Real:
    case KType::Decimal:
      return "double precision";
    case KType::String:
    case KType::Guid:
      return "text";
    case KType::Dynamic:
      return "jsonb";
    default:
      return "bigint";
  }
}

class PostgresDialect : public Dialect {
 public:
  DialectKind kind() const override { return DialectKind::Postgres; }
  const char* name() const override { return "postgres"; }
  std::string helper(std::string_view fn) const override { return "pg_temp." + std::string(fn); }
  std::string bool_literal(bool v) const override { return v ? "TRUE" : "FALSE"; }
  std::string real_literal(double v) const override {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    return "CAST(" + quote(std::string(buf, r.ptr)) + " AS double precision)";
  }
  std::string dynamic_literal(const std::string& json) const override {
    return "CAST(" + quote(json) + " AS jsonb)";
  }
  std::string typed_null(KType t) const override {
    return std::string("CAST(NULL AS ") + pg_type(t) + ")";
  }
  std::string cast(const std::string& x, KType t) const override {
    return "CAST(" + x + " AS " + pg_type(t) + ")";
  }
  std::string ordinal(const std::string& x) const override { return "(" + x + ") COLLATE \"C\""; }
  std::string to_dynamic(const std::string& x, KType t) const override {
    switch (t) {
      case KType::Dynamic:
        return x;
      case KType::DateTime:
        return "to_jsonb(pg_temp.kql_dt_str(" + x + "))";
      case KType::TimeSpan:
        return "to_jsonb(pg_temp.kql_ts_str(" + x + "))";
      case KType::Unknown:
        return "to_jsonb(" + x + ")";
      case KType::Real:  // 1.0 stays a real (to_jsonb writes 1), as on SQLite
        return "pg_temp.kql_real_json(" + cast(x, t) + ")";
      default:  // typed: string literals are of unknown type to PostgreSQL otherwise
        return "to_jsonb(" + cast(x, t) + ")";
    }
  }
  std::string make_list(const std::string& dyn, bool distinct,
                        const std::string& order) const override {
    std::string v = "(" + dyn + ")";
    // jsonb_agg follows no order unless told: an ordered input's order is passed explicitly.
    std::string by = !distinct && !order.empty() ? " ORDER BY " + order : "";
    return std::string("COALESCE(jsonb_agg(") + (distinct ? "DISTINCT " : "") + v + by +
           ") FILTER (WHERE " + v + " IS NOT NULL AND jsonb_typeof(" + v +
           ") <> 'null'), CAST('[]' AS jsonb))";
  }
  std::string expand_from(const std::string& dyn, const std::string& alias) const override {
    return "jsonb_array_elements(pg_temp.kql_mv_items(" + dyn + ")) WITH ORDINALITY AS " + alias +
           "(value, ord)";
  }
  std::string expand_value(const std::string& a) const override { return a + ".value"; }
  std::string expand_index(const std::string& a) const override { return "(" + a + ".ord - 1)"; }
  std::string sum(const std::string& x, KType t) const override {
    return "CAST(SUM(" + x + ") AS " + pg_type(t) + ")";
  }
};

}  // namespace

const Dialect& postgres_dialect() {
  static const PostgresDialect d;
  return d;
}

}  // namespace kql::sql
