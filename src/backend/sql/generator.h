#pragma once
// KQL -> SQL. One generic generator over our syntax tree, with the target's spellings from a
// Dialect. It keeps KQL's exact semantics or refuses: anything it cannot translate exactly is a
// KQL3xxx diagnostic on the construct's span, and the translation is not ok.
//
// Types: the generator types every expression itself (KType), from the table schema it is
// given, literals and the function signatures it knows; an expression whose type it cannot
// tell is rejected rather than guessed.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backend/sql/dialect.h"
#include "backend/sql/kql_type.h"
#include "diag/diagnostic.h"
#include "syntax/ast.h"

namespace kql::sql {

struct SqlColumn {
  std::string name;
  KType type = KType::Unknown;
};

// The columns of a source table, or nullopt when the table is unknown.
using TableLookup = std::function<std::optional<std::vector<SqlColumn>>(std::string_view name)>;

struct TranslateOptions {
  const Dialect* dialect = &sqlite_dialect();
  std::optional<int64_t> now_ticks;  // ago()/now() reference; unset: the database's clock
  std::string source_name;           // named in the header comment
  std::string version;               // kqlint version, named in the header comment
  TableLookup tables;                // may be empty: then every table name is unknown
};

struct Translation {
  bool ok = false;
  std::string script;               // header comment, the dialect's prelude, then the query and ';'
  std::string query;                // the SELECT statement alone
  std::vector<SqlColumn> columns;   // the result's columns with their KQL types
  std::vector<std::string> tables;  // source tables the query reads, in first-use order
};

Translation translate_query(const ast::SyntaxTree& tree, QueryDiagnostics& diags,
                            const TranslateOptions& options);

// Diagnostic codes and names of the SQL backend (KQL3xxx).
namespace codes {
inline constexpr const char* kUnsupportedOperator = "KQL3001";   // unsupported-operator
inline constexpr const char* kUnsupportedFunction = "KQL3002";   // unsupported-function
inline constexpr const char* kApproximateAggregate = "KQL3003";  // approximate-aggregate
inline constexpr const char* kUnknownTable = "KQL3004";          // unknown-table
inline constexpr const char* kUnknownName = "KQL3005";           // unknown-name
inline constexpr const char* kUntypedExpression = "KQL3006";     // untranslatable-types
inline constexpr const char* kUnsupportedSyntax = "KQL3007";     // unsupported-construct
inline constexpr const char* kUnsupportedLiteral = "KQL3008";    // unsupported-literal
inline constexpr const char* kNondeterministic = "KQL3009";      // nondeterministic-result
inline constexpr const char* kColumnLeftOut = "KQL3010";         // column-left-out (warning)
}  // namespace codes

}  // namespace kql::sql
