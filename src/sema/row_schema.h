#pragma once
// The row schema of a tabular expression: its ordered, typed columns. Column names are
// string_views into the schema, the syntax tree or the SemanticModel's string store, so a
// row schema is cheap to copy (no per-query copies of the embedded tables' strings).
#include <string>
#include <string_view>
#include <vector>

#include "schema/schema.h"

namespace kql::sema {

using Type = schema::Type;  // Unknown doubles as the "error" type that stops cascades

// What a column holds with respect to a table's AdditionalFields.
enum class AfRole : uint8_t {
  None,
  Raw,     // the table's own AdditionalFields column (a JSON string on mde, dynamic on sentinel)
  Parsed,  // todynamic(AdditionalFields) / parse_json(AdditionalFields), or an alias of it
};

struct Column {
  Column() = default;
  Column(std::string_view n, Type t, const schema::Table* o = nullptr, AfRole role = AfRole::None,
         std::string_view key = {})
      : name(n), type(t), origin(o), af_role(role), af_key(key) {}
  std::string_view name;
  Type type = Type::Unknown;
  // The table whose column this is, unchanged since it was read; null once recomputed.
  const schema::Table* origin = nullptr;
  AfRole af_role = AfRole::None;
  // When the column's value is a key read from AdditionalFields (e.g. ConnectionUid =
  // tostring(AF.uid)), that key; empty otherwise. Kept through project/summarize-by.
  std::string_view af_key;
};

struct RowSchema {
  std::vector<Column> columns;
  // Open: more columns may exist than listed (unknown table, unmodelled operator, `T:(*)`),
  // so an unresolved column name is not an error.
  bool open = false;
  // The table whose rows flow here (kept through filters and projections), null when mixed.
  const schema::Table* table = nullptr;

  const Column* find(std::string_view name) const;
  int index_of(std::string_view name) const;  // -1 when absent
  // "(A:string, B:long)" like Microsoft's binder prints result types; "(A:string, *)" when open.
  std::string to_string() const;
};

}  // namespace kql::sema
