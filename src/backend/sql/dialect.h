#pragma once
// What differs between the SQL targets. The generator writes generic SQL and asks the dialect
// only for these few spellings (the sqlglot idea: one generator, small overrides).
#include <cstdint>
#include <string>
#include <string_view>

#include "backend/sql/kql_type.h"

namespace kql::sql {

enum class DialectKind { Sqlite, Postgres };

class Dialect {
 public:
  virtual ~Dialect() = default;
  virtual DialectKind kind() const = 0;
  virtual const char* name() const = 0;

  // A call of one of our kql_* helper functions (registered in SQLite, pg_temp on PostgreSQL).
  virtual std::string helper(std::string_view fn) const = 0;
  virtual std::string bool_literal(bool v) const = 0;
  virtual std::string real_literal(double v) const = 0;
  virtual std::string dynamic_literal(const std::string& json) const = 0;
  // A typed NULL (PostgreSQL needs the type in UNION / VALUES positions).
  virtual std::string typed_null(KType t) const = 0;
  // CAST(x AS <stored type of t>)
  virtual std::string cast(const std::string& x, KType t) const = 0;
  // Byte-wise (ordinal) collation for string comparisons that order.
  virtual std::string ordinal(const std::string& x) const = 0;
  // A SQL value of type t converted to dynamic (JSON text / jsonb).
  virtual std::string to_dynamic(const std::string& x, KType t) const = 0;
  // JSON aggregate of dynamic values: make_list / make_set (distinct), nulls skipped.
  // `order`, when not empty, is the input's row order (make_list after sort keeps it).
  virtual std::string make_list(const std::string& dyn, bool distinct,
                                const std::string& order = "") const = 0;
  // mv-expand: a FROM-clause item (after the input table, which it may reference) yielding the
  // items of kql_mv_items(dyn), and the expressions for one item (dynamic) and its 0-based index.
  virtual std::string expand_from(const std::string& dyn, const std::string& alias) const = 0;
  virtual std::string expand_value(const std::string& alias) const = 0;
  virtual std::string expand_index(const std::string& alias) const = 0;
  // Aggregate results whose SQL type differs from KQL's (PostgreSQL SUM(bigint) is numeric).
  virtual std::string sum(const std::string& x, KType t) const = 0;
};

const Dialect& sqlite_dialect();
const Dialect& postgres_dialect();

// The CREATE FUNCTION pg_temp.kql_* statements the PostgreSQL output needs.
std::string postgres_prelude();
// The statements of postgres_prelude() that `query` needs (the helpers it calls, transitively).
std::string postgres_prelude_for(const std::string& query);

}  // namespace kql::sql
