#include "schema/types.h"

#include <array>
#include <utility>

namespace kql::schema {

std::string_view type_name(Type t) {
  switch (t) {
    case Type::Bool:
      return "bool";
    case Type::Int:
      return "int";
    case Type::Long:
      return "long";
    case Type::Real:
      return "real";
    case Type::Decimal:
      return "decimal";
    case Type::String:
      return "string";
    case Type::DateTime:
      return "datetime";
    case Type::TimeSpan:
      return "timespan";
    case Type::Dynamic:
      return "dynamic";
    case Type::Guid:
      return "guid";
    case Type::Unknown:
      break;
  }
  return "unknown";
}

std::optional<Type> parse_type(std::string_view name) {
  // The KQL scalar type names and their documented synonyms.
  static constexpr std::array<std::pair<std::string_view, Type>, 17> kNames{{
      {"bool", Type::Bool},
      {"boolean", Type::Bool},
      {"int", Type::Int},
      {"long", Type::Long},
      {"real", Type::Real},
      {"double", Type::Real},
      {"decimal", Type::Decimal},
      {"string", Type::String},
      {"datetime", Type::DateTime},
      {"date", Type::DateTime},
      {"timespan", Type::TimeSpan},
      {"time", Type::TimeSpan},
      {"dynamic", Type::Dynamic},
      {"guid", Type::Guid},
      {"uuid", Type::Guid},
      {"uniqueid", Type::Guid},
      {"int64", Type::Long},
  }};
  for (const auto& [n, t] : kNames) {
    if (n == name) return t;
  }
  return std::nullopt;
}

bool is_numeric(Type t) {
  return t == Type::Int || t == Type::Long || t == Type::Real || t == Type::Decimal;
}

}  // namespace kql::schema
