#include "schema/table_reader.h"

#include <fmt/format.h>

#include <algorithm>

namespace kql::schema::detail {
namespace {

Type read_type(TomlReader& r, const toml::table& t, std::string_view what) {
  std::string name = r.string(t, "type", true);
  if (name.empty()) return Type::Unknown;
  if (auto ty = parse_type(name)) return *ty;
  r.error(*t.get("type"), fmt::format("unknown type `{}` for {} (expected bool, int, long, real, "
                                      "decimal, string, datetime, timespan, dynamic or guid)",
                                      name, what));
  return Type::Unknown;
}

std::optional<Column> read_column(TomlReader& r, const toml::node& n) {
  const toml::table* t = r.as_table(n, "a column");
  if (!t) return std::nullopt;
  r.check_keys(*t, {"name", "type", "description", "sources"}, "a column");
  Column c;
  c.name = r.string(*t, "name", true);
  c.type = read_type(r, *t, c.name.empty() ? "a column" : fmt::format("column `{}`", c.name));
  c.description = r.string(*t, "description");
  c.sources = r.strings(*t, "sources");
  if (c.name.empty()) return std::nullopt;
  return c;
}

std::vector<Column> read_columns(TomlReader& r, const toml::table& t, std::string_view key) {
  std::vector<Column> out;
  if (const toml::array* a = r.array(t, key)) {
    for (const auto& e : *a) {
      if (auto c = read_column(r, e)) out.push_back(std::move(*c));
    }
  }
  return out;
}

std::vector<AdditionalField> read_fields(TomlReader& r, const toml::table& t,
                                         std::string_view key) {
  std::vector<AdditionalField> out;
  const toml::array* a = r.array(t, key);
  if (!a) return out;
  for (const auto& e : *a) {
    const toml::table* f = r.as_table(e, "an AdditionalFields key");
    if (!f) continue;
    r.check_keys(*f, {"key", "json_type", "zeek_field", "status", "sources"},
                 "an AdditionalFields key");
    AdditionalField af;
    af.key = r.string(*f, "key", true);
    af.json_type = r.string(*f, "json_type");
    af.zeek_field = r.string(*f, "zeek_field");
    af.status = r.string(*f, "status");
    af.sources = r.strings(*f, "sources");
    if (!af.key.empty()) out.push_back(std::move(af));
  }
  return out;
}

ActionType read_action_type(TomlReader& r, const toml::table& t, std::string_view name) {
  r.check_keys(t, {"description", "status", "layer", "sources", "zeek_log", "additional_fields"},
               "an ActionType");
  ActionType at;
  at.name = std::string(name);
  at.description = r.string(t, "description");
  at.status = r.string(t, "status");
  at.layer = r.string(t, "layer");
  at.sources = r.strings(t, "sources");
  at.zeek_log = r.string(t, "zeek_log");
  at.additional_fields = read_fields(r, t, "additional_fields");
  return at;
}

// Rewrites the table as its Log Analytics (Sentinel) copy. Returns false when absent there.
bool apply_sentinel(TomlReader& r, const toml::table& s, Table& t) {
  r.check_keys(
      s, {"present", "time_column", "add_columns", "remove_columns", "retype", "source", "note"},
      "a sentinel section");
  if (!r.boolean(s, "present", true)) return false;
  for (const std::string& gone : r.strings(s, "remove_columns")) {
    std::erase_if(t.columns, [&](const Column& c) { return c.name == gone; });
  }
  if (const toml::table* retype = r.table(s, "retype")) {
    for (const auto& [col, ty] : *retype) {
      auto parsed = ty.is_string() ? parse_type(ty.as_string()->get()) : std::nullopt;
      if (!parsed) {
        r.error(ty, fmt::format("retype of `{}` must name a KQL type", col.str()));
        continue;
      }
      for (Column& c : t.columns) {
        if (c.name == col.str()) c.type = *parsed;
      }
    }
  }
  for (Column& c : read_columns(r, s, "add_columns")) {
    if (!t.find_column(c.name)) t.columns.push_back(std::move(c));
  }
  std::string time = r.string(s, "time_column");
  if (!time.empty()) t.time_column = time;
  return true;
}

}  // namespace

bool read_table(TomlReader& r, const toml::table& node, std::string_view name, Profile profile,
                Table& out) {
  r.check_keys(node,
               {"group", "time_column", "sources", "caveats", "columns", "action_types",
                "action_types_open_ended", "action_types_note", "unverified_action_types",
                "unfiltered_additional_fields", "sentinel"},
               "a table");
  out.name = std::string(name);
  out.group = r.string(node, "group");
  out.time_column = r.string(node, "time_column");
  out.sources = r.strings(node, "sources");
  out.caveat_ids = r.strings(node, "caveats");
  out.action_types_open_ended = r.boolean(node, "action_types_open_ended");
  out.unverified_action_types = r.strings(node, "unverified_action_types");
  out.unfiltered_additional_fields = read_fields(r, node, "unfiltered_additional_fields");
  out.columns = read_columns(r, node, "columns");
  for (Column& c : out.columns) {
    if (c.sources.empty()) c.sources = out.sources;  // the table's column list source
  }
  if (const toml::table* ats = r.table(node, "action_types")) {
    for (const auto& [at_name, at_node] : *ats) {
      if (const toml::table* at = r.as_table(at_node, "an ActionType")) {
        out.action_types.push_back(read_action_type(r, *at, at_name.str()));
      }
    }
  }
  if (profile == Profile::Sentinel) {
    if (const toml::table* s = r.table(node, "sentinel")) return apply_sentinel(r, *s, out);
  }
  return true;
}

namespace {

// The entry of `columns` that declares `name`, so a clash is reported where it is written.
const toml::node& column_node(const toml::table& node, std::string_view name) {
  if (const toml::array* cols = node["columns"].as_array()) {
    for (const auto& e : *cols) {
      if (const toml::table* t = e.as_table();
          t && (*t)["name"].value_or(std::string_view()) == name) {
        return e;
      }
    }
  }
  return node;
}

}  // namespace

void merge_table(TomlReader& r, const toml::table& node, Table& into, Table&& extra) {
  for (Column& c : extra.columns) {
    if (const Column* old = into.find_column(c.name)) {
      if (old->type != c.type) {
        r.error(column_node(node, c.name),
                fmt::format("column `{}.{}` is already {} in the schema; cannot redeclare it "
                            "as {}",
                            into.name, c.name, type_name(old->type), type_name(c.type)));
      }
      continue;
    }
    into.columns.push_back(std::move(c));
  }
  for (ActionType& a : extra.action_types) {
    auto it = std::find_if(into.action_types.begin(), into.action_types.end(),
                           [&](const ActionType& o) { return o.name == a.name; });
    if (it == into.action_types.end()) {
      into.action_types.push_back(std::move(a));
      continue;
    }
    for (AdditionalField& f : a.additional_fields) {
      if (!it->find_field(f.key)) it->additional_fields.push_back(std::move(f));
    }
    if (it->description.empty()) it->description = std::move(a.description);
  }
  for (AdditionalField& f : extra.unfiltered_additional_fields) {
    into.unfiltered_additional_fields.push_back(std::move(f));
  }
  for (std::string& c : extra.caveat_ids) into.caveat_ids.push_back(std::move(c));
  into.action_types_open_ended = into.action_types_open_ended || extra.action_types_open_ended;
}

}  // namespace kql::schema::detail
