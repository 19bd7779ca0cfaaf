#include "schema/describe.h"

#include <fmt/format.h>

#include <algorithm>

namespace kql::schema {
namespace {

std::string list_tables(const Schema& schema) {
  std::string out;
  size_t count = 0, width = 0;
  std::vector<const Table*> tables;
  for (const std::string& name : schema.table_names()) {
    if (const Table* t = schema.find_table(name)) {
      tables.push_back(t);
      width = std::max(width, name.size());
    }
  }
  for (const Table* t : tables) {
    ++count;
    std::string extra;
    if (!t->action_types.empty()) extra = fmt::format(", {} ActionTypes", t->action_types.size());
    if (t->action_types_open_ended) extra += " (open-ended)";
    if (t->custom) extra += ", custom";
    out += fmt::format("{:<{}}  {:>3} columns{}\n", t->name, width, t->columns.size(), extra);
  }
  return fmt::format("{} tables ({} profile)\n", count, profile_name(schema.profile())) + out;
}

std::string field_line(const AdditionalField& f) {
  std::string s = f.key;
  if (!f.json_type.empty()) s += fmt::format(": {}", f.json_type);
  if (!f.zeek_field.empty() && f.zeek_field != f.key) s += fmt::format(" (zeek {})", f.zeek_field);
  if (!f.status.empty()) s += fmt::format("  [{}]", f.status);
  return s;
}

std::string describe_table(const Schema& schema, const Table& t) {
  std::string out = fmt::format("{}{} ({} profile", t.name, t.custom ? " [custom]" : "",
                                profile_name(schema.profile()));
  if (!t.time_column.empty()) out += fmt::format(", time column {}", t.time_column);
  out += ")\n";
  if (!t.sources.empty()) out += fmt::format("  sources: {}\n", fmt::join(t.sources, ", "));

  out += fmt::format("\ncolumns ({}):\n", t.columns.size());
  size_t width = 0;
  for (const Column& c : t.columns) width = std::max(width, c.name.size());
  for (const Column& c : t.columns) {
    out += fmt::format("  {:<{}}  {}", c.name, width, type_name(c.type));
    if (const Enumeration* e = schema.find_enumeration(t.name, c.name)) {
      out += fmt::format("  values: {}", fmt::join(e->values, ", "));
    }
    out += "\n";
  }

  if (!t.action_types.empty() || t.action_types_open_ended) {
    out += fmt::format("\nActionTypes ({}{}):\n", t.action_types.size(),
                       t.action_types_open_ended ? ", open-ended: other values occur" : "");
    for (const ActionType& a : t.action_types) {
      out += fmt::format("  {}", a.name);
      if (!a.zeek_log.empty()) out += fmt::format("  (Zeek {})", a.zeek_log);
      if (!a.description.empty()) out += fmt::format("  - {}", a.description);
      out += "\n";
      for (const AdditionalField& f : a.additional_fields) {
        out += fmt::format("      AdditionalFields.{}\n", field_line(f));
      }
    }
  }
  if (!t.unverified_action_types.empty()) {
    out += fmt::format("\nActionTypes seen in public queries but unconfirmed: {}\n",
                       fmt::join(t.unverified_action_types, ", "));
  }
  if (!t.unfiltered_additional_fields.empty()) {
    out += "\nAdditionalFields keys not tied to one ActionType:\n";
    for (const AdditionalField& f : t.unfiltered_additional_fields) {
      out += fmt::format("  {}\n", field_line(f));
    }
  }
  if (!t.caveat_ids.empty()) {
    out += "\ncaveats:\n";
    for (const std::string& id : t.caveat_ids) {
      if (const Caveat* c = schema.find_caveat(id)) {
        out += fmt::format("  {}: {} [{}]\n", c->id, c->text, fmt::join(c->sources, ", "));
      }
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> describe(const Schema& schema, std::string_view table) {
  if (table.empty()) return list_tables(schema);
  const Table* t = schema.find_table(table);
  if (!t) return std::nullopt;
  return describe_table(schema, *t);
}

}  // namespace kql::schema
