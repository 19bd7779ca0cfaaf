// The list of function families and the name lookup over all of them.
#include <map>

#include "backend/sql/functions/families.h"

namespace kql::sql {

std::span<const FunctionFamily> function_families() {
  static const FunctionFamily kFamilies[] = {
      {"strings", string_functions, string_functions_postgres},
      {"ip", ip_functions, ip_functions_postgres},
      {"dynamic", dynamic_functions, dynamic_functions_postgres},
      {"series", series_functions, series_functions_postgres},
      {"math", math_functions, math_functions_postgres},
      {"parse", parse_functions, parse_functions_postgres},
      {"geo_sphere", geo_sphere_functions, geo_sphere_functions_postgres},
      {"geo_shapes", geo_shapes_functions, geo_shapes_functions_postgres},
      {"geo_s2", geo_s2_functions, geo_s2_functions_postgres},
      {"geo_geohash", geo_geohash_functions, geo_geohash_functions_postgres},
      {"punycode", punycode_functions, punycode_functions_postgres},
      {"geo_lines", geo_lines_functions, geo_lines_functions_postgres},
      {"json_text", json_text_functions, json_text_functions_postgres},
  };
  return kFamilies;
}

FunctionTranslation find_sql_function(std::string_view name) {
  static const auto* index = [] {
    auto* m = new std::map<std::string_view, FunctionTranslation>;
    for (const auto& family : function_families())
      for (const auto& f : family.functions()) m->emplace(f.name, f.translate);
    return m;
  }();
  auto it = index->find(name);
  return it == index->end() ? nullptr : it->second;
}

}  // namespace kql::sql
