// Function family 'dynamic' (see families.h).
#include "backend/sql/functions/families.h"

namespace kql::sql {

namespace {}  // namespace

std::span<const SqlFunction> dynamic_functions() {
  static const SqlFunction kFunctions[] = {
      {"", nullptr},  // placeholder: the family is being filled in
  };
  return std::span(kFunctions).subspan(1);
}

std::string_view dynamic_functions_postgres() { return ""; }

}  // namespace kql::sql
