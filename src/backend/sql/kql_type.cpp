#include "backend/sql/kql_type.h"

#include <algorithm>
#include <cctype>

namespace kql::sql {

const char* ktype_name(KType t) {
  switch (t) {
    case KType::Unknown:
      return "unknown";
    case KType::Bool:
      return "bool";
    case KType::Int:
      return "int";
    case KType::Long:
      return "long";
    case KType::Real:
      return "real";
    case KType::Decimal:
      return "decimal";
    case KType::String:
      return "string";
    case KType::DateTime:
      return "datetime";
    case KType::TimeSpan:
      return "timespan";
    case KType::Guid:
      return "guid";
    case KType::Dynamic:
      return "dynamic";
  }
  return "unknown";
}

std::optional<KType> ktype_from_name(std::string_view name) {
  std::string n(name);
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return std::tolower(c); });
  if (n == "bool" || n == "boolean") return KType::Bool;
  if (n == "int" || n == "int32") return KType::Int;
  if (n == "long" || n == "int64") return KType::Long;
  if (n == "real" || n == "double") return KType::Real;
  if (n == "decimal") return KType::Decimal;
  if (n == "string") return KType::String;
  if (n == "datetime" || n == "date") return KType::DateTime;
  if (n == "timespan" || n == "time") return KType::TimeSpan;
  if (n == "guid" || n == "uniqueid") return KType::Guid;
  if (n == "dynamic") return KType::Dynamic;
  return std::nullopt;
}

}  // namespace kql::sql
