#include "backend/sql/schema_tables.h"

#include "schema/schema.h"

namespace kql::sql {

TableLookup schema_table_lookup(const schema::Schema& schema) {
  return [&schema](std::string_view name) -> std::optional<std::vector<SqlColumn>> {
    const schema::Table* t = schema.find_table(name);
    if (!t) return std::nullopt;
    std::vector<SqlColumn> cols;
    for (auto& c : t->columns) {
      auto k = ktype_from_name(schema::type_name(c.type));
      cols.push_back({c.name, k ? *k : KType::Unknown});
    }
    return cols;
  };
}

}  // namespace kql::sql
