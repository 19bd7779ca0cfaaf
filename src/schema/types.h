#pragma once
// KQL scalar types as the schema and the function catalogue name them.
#include <optional>
#include <string_view>

namespace kql::schema {

enum class Type {
  Unknown,
  Bool,
  Int,
  Long,
  Real,
  Decimal,
  String,
  DateTime,
  TimeSpan,
  Dynamic,
  Guid
};

// The KQL spelling: "bool", "int", "long", "real", "decimal", "string", "datetime",
// "timespan", "dynamic", "guid"; "unknown" for Unknown.
std::string_view type_name(Type t);

// Parses a KQL type name, accepting the documented synonyms (boolean, double, date, time,
// uniqueid, uuid, int64, int32 ...). Case-sensitive like KQL. nullopt when not a type.
std::optional<Type> parse_type(std::string_view name);

// Numeric types are int, long, real and decimal (what "numeric" accepts in the catalogue).
bool is_numeric(Type t);

}  // namespace kql::schema
