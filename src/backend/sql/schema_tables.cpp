#include "backend/sql/schema_tables.h"

#include <cctype>
#include <map>
#include <set>
#include <string>

#include "schema/schema.h"

namespace kql::sql {

TableLookup schema_table_lookup(const schema::Schema& schema, bool fold_case_duplicates) {
  return [&schema,
          fold_case_duplicates](std::string_view name) -> std::optional<std::vector<SqlColumn>> {
    const schema::Table* t = schema.find_table(name);
    if (!t) return std::nullopt;
    std::vector<SqlColumn> cols;
    std::set<std::string> folded;
    for (auto& c : t->columns) {
      if (fold_case_duplicates) {
        std::string lower = c.name;
        for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (!folded.insert(lower).second) continue;
      }
      auto k = ktype_from_name(schema::type_name(c.type));
      cols.push_back({c.name, k ? *k : KType::Unknown});
    }
    return cols;
  };
}

std::vector<std::pair<std::string, std::string>> case_colliding_columns(
    const schema::Schema& schema, std::string_view table) {
  std::vector<std::pair<std::string, std::string>> out;
  const schema::Table* t = schema.find_table(table);
  if (!t) return out;
  std::map<std::string, std::string> first;  // folded name -> the column kept
  for (auto& c : t->columns) {
    std::string lower = c.name;
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    auto [it, inserted] = first.emplace(lower, c.name);
    if (!inserted) out.emplace_back(c.name, it->second);
  }
  return out;
}

}  // namespace kql::sql
