#include "schema/toml_reader.h"

#include <fmt/format.h>

namespace kql::schema::detail {
namespace {

std::string_view node_kind(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "a boolean";
    default:
      return "a date/time";
  }
}

}  // namespace

void TomlReader::error(const toml::node& at, std::string message) {
  errors_.push_back({std::move(message), at.source().begin});
}

void TomlReader::check_keys(const toml::table& t, std::initializer_list<std::string_view> allowed,
                            std::string_view what) {
  for (const auto& [k, v] : t) {
    bool known = false;
    for (auto a : allowed) known = known || a == k.str();
    if (!known) {
      std::string list;
      for (auto a : allowed) list += fmt::format("{}`{}`", list.empty() ? "" : ", ", a);
      errors_.push_back(
          {fmt::format("unknown key `{}` in {} (expected one of {})", k.str(), what, list),
           k.source().begin.line ? k.source().begin : v.source().begin});
    }
  }
}

std::string TomlReader::string(const toml::table& t, std::string_view key, bool required) {
  const toml::node* n = t.get(key);
  if (!n) {
    if (required)
      errors_.push_back({fmt::format("missing required key `{}`", key), t.source().begin});
    return {};
  }
  if (auto s = n->value<std::string>(); s && n->is_string()) return *s;
  error(*n, fmt::format("`{}` must be a string, not {}", key, node_kind(*n)));
  return {};
}

bool TomlReader::boolean(const toml::table& t, std::string_view key, bool fallback) {
  const toml::node* n = t.get(key);
  if (!n) return fallback;
  if (n->is_boolean()) return n->as_boolean()->get();
  error(*n, fmt::format("`{}` must be true or false, not {}", key, node_kind(*n)));
  return fallback;
}

std::vector<std::string> TomlReader::strings(const toml::table& t, std::string_view key) {
  std::vector<std::string> out;
  const toml::array* a = array(t, key);
  if (!a) return out;
  for (const auto& e : *a) {
    if (e.is_string()) {
      out.push_back(e.as_string()->get());
    } else {
      error(e, fmt::format("`{}` must hold strings, not {}", key, node_kind(e)));
    }
  }
  return out;
}

const toml::array* TomlReader::array(const toml::table& t, std::string_view key) {
  const toml::node* n = t.get(key);
  if (!n) return nullptr;
  if (n->is_array()) return n->as_array();
  error(*n, fmt::format("`{}` must be an array, not {}", key, node_kind(*n)));
  return nullptr;
}

const toml::table* TomlReader::table(const toml::table& t, std::string_view key) {
  const toml::node* n = t.get(key);
  if (!n) return nullptr;
  if (n->is_table()) return n->as_table();
  error(*n, fmt::format("`{}` must be a table, not {}", key, node_kind(*n)));
  return nullptr;
}

const toml::table* TomlReader::as_table(const toml::node& n, std::string_view what) {
  if (n.is_table()) return n.as_table();
  error(n, fmt::format("{} must be a table such as {{ name = \"...\", ... }}, not {}", what,
                       node_kind(n)));
  return nullptr;
}

}  // namespace kql::schema::detail
