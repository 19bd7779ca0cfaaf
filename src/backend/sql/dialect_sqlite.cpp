// SQLite: datetimes are INTEGER ticks, dynamic values JSON text, and KQL's semantics come from
// the kql_* functions that run/sqlite_functions registers on the connection.
#include <charconv>
#include <cmath>
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

class SqliteDialect : public Dialect {
 public:
  DialectKind kind() const override { return DialectKind::Sqlite; }
  const char* name() const override { return "sqlite"; }
  std::string helper(std::string_view fn) const override { return std::string(fn); }
  std::string bool_literal(bool v) const override { return v ? "1" : "0"; }
  std::string real_literal(double v) const override {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    std::string s(buf, r.ptr);
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
    return s;
  }
  std::string dynamic_literal(const std::string& json) const override { return quote(json); }
  std::string typed_null(KType) const override { return "NULL"; }
  std::string cast(const std::string& x, KType t) const override {
    switch (t) {
      case KType::Real:
      case KType::Decimal:
        return "CAST(" + x + " AS REAL)";
      case KType::String:
      case KType::Guid:
      case KType::Dynamic:
        return "CAST(" + x + " AS TEXT)";
      default:
        return "CAST(" + x + " AS INTEGER)";
    }
  }
  std::string ordinal(const std::string& x) const override { return x; }  // BINARY is ordinal
  std::string to_dynamic(const std::string& x, KType t) const override {
    switch (t) {
      case KType::Dynamic:
        return x;
      case KType::Bool:
        return "(CASE " + x + " WHEN 1 THEN 'true' WHEN 0 THEN 'false' ELSE NULL END)";
      case KType::DateTime:
        return "json_quote(kql_dt_str(" + x + "))";
      case KType::TimeSpan:
        return "json_quote(kql_ts_str(" + x + "))";
      case KType::Real:  // json_quote keeps only 15 significant digits
        return "kql_real_json(" + x + ")";
      default:
        return "json_quote(" + x + ")";
    }
  }
  // SQLite (3.40) aggregates take rows in the order its subquery yields them: no ORDER BY here.
  std::string make_list(const std::string& dyn, bool distinct,
                        const std::string& /*order*/) const override {
    return std::string(distinct ? "kql_make_set(" : "kql_make_list(") + dyn + ")";
  }
  std::string expand_from(const std::string& dyn, const std::string& alias) const override {
    // json_each may reference the tables before it in the FROM clause.
    return "json_each(kql_mv_items(" + dyn + ")) AS " + alias;
  }
  std::string expand_value(const std::string& a) const override {
    // json_each gives SQL values for scalars; turn them back into JSON text.
    return "(CASE " + a +
           ".type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' "
           "THEN 'null' WHEN 'text' THEN json_quote(" +
           a + ".value) ELSE CAST(" + a + ".value AS TEXT) END)";
  }
  std::string expand_index(const std::string& a) const override { return a + ".key"; }
  std::string sum(const std::string& x, KType) const override { return "SUM(" + x + ")"; }
};

}  // namespace

const Dialect& sqlite_dialect() {
  static const SqliteDialect d;
  return d;
}

}  // namespace kql::sql
