#include "backend/zeek/mapping.h"

#include <toml++/toml.h>

#include <stdexcept>

#include "backend/zeek/embedded_data.h"

namespace kql::zeek {

const LogField* LogInfo::find_field(std::string_view field_name) const {
  for (auto& f : fields)
    if (f.name == field_name) return &f;
  return nullptr;
}

namespace {

std::string str(const toml::table& t, std::string_view key) {
  return t[key].value_or(std::string());
}

std::vector<std::string> str_list(const toml::table& t, std::string_view key) {
  std::vector<std::string> out;
  if (auto* arr = t[key].as_array())
    for (auto& v : *arr)
      if (auto s = v.value<std::string>()) out.push_back(*s);
  return out;
}

template <class F>
void each_table(const toml::table& root, std::string_view key, F&& f) {
  if (auto* arr = root[key].as_array())
    for (auto& v : *arr)
      if (auto* t = v.as_table()) f(*t);
}

}  // namespace

std::optional<Mapping> Mapping::parse(std::string_view toml_text, std::string& error) {
  toml::table root;
  try {
    root = toml::parse(toml_text);
  } catch (const toml::parse_error& e) {
    error = std::string(e.description());
    return std::nullopt;
  }
  Mapping m;
  each_table(root, "log", [&](const toml::table& t) {
    LogInfo log{str(t, "name"),  str(t, "record"), str(t, "load"),
                str(t, "event"), str(t, "hook"),   {}};
    each_table(t, "field", [&](const toml::table& f) {
      log.fields.push_back({str(f, "name"), str(f, "type"), f["optional"].value_or(false)});
    });
    m.logs_.push_back(std::move(log));
  });
  bool bad_view = false;
  each_table(root, "action_type", [&](const toml::table& t) {
    ActionMapping a;
    a.action_type = str(t, "name");
    a.log = str(t, "log");
    std::string view = str(t, "view");
    if (view == "direction")
      a.view = View::Direction;
    else if (view == "orig")
      a.view = View::Orig;
    else if (view == "resp")
      a.view = View::Resp;
    else
      bad_view = true;
    a.conn_states = str_list(t, "conn_states");
    a.proto = str(t, "proto");
    a.meaning = str(t, "meaning");
    m.actions_.push_back(std::move(a));
  });
  each_table(root, "unmapped_action_type", [&](const toml::table& t) {
    m.unmapped_.push_back({str(t, "name"), str(t, "reason")});
  });
  each_table(root, "package_field", [&](const toml::table& t) {
    m.package_fields_.push_back({str(t, "key"), str(t, "package")});
  });
  each_table(root, "column", [&](const toml::table& t) {
    m.columns_.push_back({str(t, "name"), str(t, "maps_to"), str(t, "reason")});
  });
  if (bad_view) {
    error = "action_type with a view other than direction, orig or resp";
    return std::nullopt;
  }
  for (auto& a : m.actions_) {
    if (!m.find_log(a.log)) {
      error = "ActionType " + a.action_type + " maps to unknown log " + a.log;
      return std::nullopt;
    }
  }
  return m;
}

const Mapping& Mapping::builtin() {
  static const Mapping mapping = [] {
    for (auto& f : embedded_files()) {
      if (f.name == "zeek_mapping.toml") {
        std::string error;
        if (auto m = parse(f.contents, error)) return std::move(*m);
        throw std::runtime_error("embedded zeek_mapping.toml: " + error);
      }
    }
    throw std::runtime_error("zeek_mapping.toml is not embedded");
  }();
  return mapping;
}

const LogInfo* Mapping::find_log(std::string_view name) const {
  for (auto& l : logs_)
    if (l.name == name) return &l;
  return nullptr;
}

const ActionMapping* Mapping::find_action(std::string_view action_type) const {
  for (auto& a : actions_)
    if (a.action_type == action_type) return &a;
  return nullptr;
}

const UnmappedActionType* Mapping::find_unmapped(std::string_view action_type) const {
  for (auto& u : unmapped_)
    if (u.action_type == action_type) return &u;
  return nullptr;
}

const PackageField* Mapping::find_package_field(std::string_view key) const {
  for (auto& p : package_fields_)
    if (p.key == key) return &p;
  return nullptr;
}

const ColumnMapping* Mapping::find_column(std::string_view name) const {
  for (auto& c : columns_)
    if (c.name == name) return &c;
  return nullptr;
}

std::vector<std::string> Mapping::all_action_types() const {
  std::vector<std::string> out;
  for (auto& a : actions_) out.push_back(a.action_type);
  for (auto& u : unmapped_) out.push_back(u.action_type);
  return out;
}

}  // namespace kql::zeek
