// SQLite side of function family 'ip' (backend/sql/functions/ip.cpp translates the calls).
#include "run/sqlite_value.h"

namespace kql::run {

namespace {}  // namespace

std::span<const SqliteScalar> sqlite_ip_functions() {
  static const SqliteScalar kFunctions[] = {
      {"", 0, nullptr},  // placeholder: the family is being filled in
  };
  return std::span(kFunctions).subspan(1);
}

}  // namespace kql::run
