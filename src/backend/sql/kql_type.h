#pragma once
// The scalar types the SQL backend and the runner distinguish. Kept independent of the binder's
// type model so that the storage representation below is stated in one place:
//
//   KQL type   SQLite storage              PostgreSQL storage
//   bool       INTEGER 0/1 (NULL)          boolean
//   int, long  INTEGER                     bigint
//   real       REAL                        double precision
//   string     TEXT, never NULL ("")       text, never NULL
//   datetime   INTEGER ticks (100 ns) since 0001-01-01, as .NET/Kusto count them
//   timespan   INTEGER ticks (100 ns)
//   guid       TEXT (lower-case canonical) text
//   dynamic    TEXT holding JSON           jsonb
//
// Ticks keep datetime/timespan arithmetic and bin() exact (Kusto's own precision), and an epoch
// of 0001-01-01 makes bin(t, 7d) align where Kusto aligns it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kql::sql {

enum class KType : uint8_t {
  Unknown,
  Bool,
  Int,
  Long,
  Real,
  Decimal,
  String,
  DateTime,
  TimeSpan,
  Guid,
  Dynamic,
};

const char* ktype_name(KType t);  // "long", "datetime", ...
std::optional<KType> ktype_from_name(
    std::string_view name);  // accepts KQL aliases (int64, double, ...)
inline bool is_numeric(KType t) {
  return t == KType::Int || t == KType::Long || t == KType::Real || t == KType::Decimal;
}
inline bool is_integral(KType t) { return t == KType::Int || t == KType::Long; }

}  // namespace kql::sql
