#include "sema/row_schema.h"

namespace kql::sema {

const Column* RowSchema::find(std::string_view name) const {
  int i = index_of(name);
  return i < 0 ? nullptr : &columns[static_cast<size_t>(i)];
}

int RowSchema::index_of(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return static_cast<int>(i);
  return -1;
}

std::string RowSchema::to_string() const {
  std::string out = "(";
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i) out += ", ";
    out += columns[i].name;
    out += ':';
    out += schema::type_name(columns[i].type);
  }
  if (open) out += columns.empty() ? "*" : ", *";
  out += ')';
  return out;
}

}  // namespace kql::sema
