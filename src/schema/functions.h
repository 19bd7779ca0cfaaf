#pragma once
// The catalogue of KQL built-in functions, aggregates, tabular functions and plugins,
// loaded from src/schema/data/functions.toml (embedded). Used by the binder to check arity
// and argument types, to type calls, and by lint to suggest replacements for deprecated names.
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "schema/types.h"

namespace kql::schema {

enum class FunctionKind { Scalar, Aggregate, Tabular, Plugin };
std::string_view function_kind_name(FunctionKind k);  // "scalar" | "aggregate" | ...

// What one argument position accepts.
struct ArgSpec {
  enum class Kind {
    // `type`, widening int -> long -> real allowed, never narrowing: Microsoft's binder
    // rejects a real where a long is expected (scripts/check_function_types.py).
    Fixed,
    Any,            // anything
    Numeric,        // int, long, real, decimal
    NumericOrTime,  // numeric, datetime or timespan (sum, avg, stdev accept times too)
    StringLike,     // string or dynamic (every string parameter is written this way)
    SameAs,         // same type as argument `same_as` (0-based)
    Tabular,        // a tabular expression (toscalar, materialize, plugin inputs)
    Lambda,         // a lambda (graph functions); predicates such as countif's are Fixed bool
  };
  Kind kind = Kind::Any;
  Type type = Type::Unknown;  // for Fixed
  int same_as = -1;           // for SameAs
  std::string name;           // parameter name from the docs, for messages
};

// How the result type is obtained.
struct ResultSpec {
  enum class Kind {
    Fixed,       // `type`; Unknown when the binder must decide (toscalar, arg_max)
    SameAs,      // type of argument `arg` (0-based), e.g. max(x), iff(c, a, b) -> arg 1
    Widened,     // type of argument `arg` widened: int -> long (sum), else unchanged
    RealOrTime,  // real, but datetime/timespan when argument `arg` is one (avg)
    Tabular,     // returns a table (tabular functions, plugins)
  };
  Kind kind = Kind::Fixed;
  Type type = Type::Unknown;
  int arg = -1;
};

inline constexpr int kVariadic = -1;

struct BuiltinFunction {
  std::string name;
  FunctionKind kind = FunctionKind::Scalar;
  int min_args = 0;
  int max_args = 0;           // kVariadic: no upper bound (the last ArgSpec repeats)
  std::vector<ArgSpec> args;  // one per position; may be shorter than max_args
  ResultSpec result;
  std::string deprecated_by;  // e.g. "parse_json" for parsejson; empty when current
  bool mde_only = false;      // Defender XDR advanced hunting only (FileProfile, SeenBy ...)
  std::string summary;        // one line from the docs

  // The spec for 0-based argument `i`, repeating the last one for variadic tails.
  const ArgSpec* arg(size_t i) const;
  bool accepts_count(int n) const {
    return n >= min_args && (max_args == kVariadic || n <= max_args);
  }
};

// The catalogue keeps one TOML line per function and parses an entry on first lookup: a
// whole-file TOML parse costs milliseconds, a check needs a few dozen functions.
class FunctionCatalogue {
 public:
  // The built-in catalogue from the embedded functions.toml (indexed on first use).
  static const FunctionCatalogue& builtin();

  // Case-sensitive lookup (KQL function names are case-sensitive). Thread-safe.
  const BuiltinFunction* find(std::string_view name) const;
  // Every name, sorted, without parsing the entries (for did-you-mean).
  const std::vector<std::string>& names() const;
  // Every entry, sorted by name (parses them all).
  std::vector<const BuiltinFunction*> all() const;

  // Indexes and fully validates catalogue text; throws std::runtime_error with
  // "name:line:col: message" when malformed (the embedded file is ours: a build-time bug).
  static FunctionCatalogue parse(std::string_view toml_text, std::string_view source_name);

  FunctionCatalogue(FunctionCatalogue&&) noexcept;
  FunctionCatalogue& operator=(FunctionCatalogue&&) noexcept;
  ~FunctionCatalogue();

 private:
  struct State;
  explicit FunctionCatalogue(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace kql::schema
