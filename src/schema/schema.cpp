// The built-in schema (embedded TOML, parsed lazily per table) and the per-Schema overlay of
// user extension files.
#include "schema/schema.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "schema/embedded.h"
#include "schema/table_reader.h"
#include "schema/toml_reader.h"

namespace kql::schema {
namespace {

using detail::TomlError;
using detail::TomlReader;

// Embedded data files that are not tables.
constexpr std::string_view kNonTableFiles[] = {"enumerations.toml", "caveats.toml", "sources.toml",
                                               "functions.toml", "legacy_tables.toml"};

std::string describe_errors(std::string_view file, const std::vector<TomlError>& errors) {
  std::string out;
  for (const auto& e : errors) {
    out += fmt::format("{}:{}:{}: {}\n", file, e.where.line, e.where.column, e.message);
  }
  return out;
}

toml::table parse_embedded(const EmbeddedFile& f) {
  try {
    return toml::parse(f.contents, f.name);
  } catch (const toml::parse_error& e) {
    // The embedded data is ours; a parse error is a build bug, surfaced loudly.
    throw std::runtime_error(fmt::format("embedded schema {}:{}:{}: {}", f.name,
                                         e.source().begin.line, e.source().begin.column,
                                         e.description()));
  }
}

// The embedded schema of one profile. Tables are parsed on first lookup.
class Builtin {
 public:
  explicit Builtin(Profile profile) : profile_(profile) {
    for (const EmbeddedFile& f : embedded_files()) {
      if (std::find(std::begin(kNonTableFiles), std::end(kNonTableFiles), f.name) !=
              std::end(kNonTableFiles) ||
          !f.name.ends_with(".toml")) {
        continue;
      }
      files_.emplace(std::string(f.name.substr(0, f.name.size() - 5)), &f);
    }
  }

  static const Builtin& get(Profile p) {
    static const Builtin mde(Profile::Mde);
    static const Builtin sentinel(Profile::Sentinel);
    return p == Profile::Mde ? mde : sentinel;
  }

  const Table* find_table(std::string_view name) const {
    auto file = files_.find(name);
    if (file == files_.end()) return nullptr;
    std::lock_guard lock(mutex_);
    auto it = loaded_.find(name);
    if (it == loaded_.end()) {
      it = loaded_.emplace(std::string(name), load_table(*file->second, file->first)).first;
    }
    return it->second.get();
  }

  std::vector<std::string> table_names() const {
    std::vector<std::string> out;
    for (const auto& [name, f] : files_) {
      // Under Sentinel some tables do not exist; finding out needs their file.
      if (profile_ == Profile::Mde || find_table(name)) out.push_back(name);
    }
    return out;
  }

  const std::vector<Enumeration>& enumerations() const {
    std::call_once(data_once_, [this] { load_data(); });
    return enumerations_;
  }
  const std::vector<Caveat>& caveats() const {
    std::call_once(data_once_, [this] { load_data(); });
    return caveats_;
  }
  const std::vector<Source>& sources() const {
    std::call_once(data_once_, [this] { load_data(); });
    return sources_;
  }
  const std::vector<LegacyTable>& legacy_tables() const {
    std::call_once(data_once_, [this] { load_data(); });
    return legacy_;
  }

 private:
  std::unique_ptr<Table> load_table(const EmbeddedFile& f, const std::string& name) const {
    toml::table doc = parse_embedded(f);
    std::vector<TomlError> errors;
    TomlReader r(errors);
    const toml::table* tables = r.table(doc, "tables");
    const toml::table* node = tables ? r.table(*tables, name) : nullptr;
    if (!node)
      throw std::runtime_error(fmt::format("embedded schema {}: no [tables.{}]", f.name, name));
    auto table = std::make_unique<Table>();
    bool present = detail::read_table(r, *node, name, profile_, *table);
    if (!errors.empty()) throw std::runtime_error(describe_errors(f.name, errors));
    return present ? std::move(table) : nullptr;
  }

  void load_data() const {
    for (const EmbeddedFile& f : embedded_files()) {
      if (f.name != "enumerations.toml" && f.name != "caveats.toml" && f.name != "sources.toml" &&
          f.name != "legacy_tables.toml") {
        continue;
      }
      toml::table doc = parse_embedded(f);
      std::vector<TomlError> errors;
      TomlReader r(errors);
      if (const toml::array* a = r.array(doc, "enumerations")) {
        for (const auto& n : *a) {
          const toml::table* t = r.as_table(n, "an enumeration");
          if (!t) continue;
          Enumeration e;
          e.table = r.string(*t, "table", true);
          e.column = r.string(*t, "column", true);
          e.values = r.strings(*t, "values");
          e.documented = r.strings(*t, "documented");
          e.unverified = r.strings(*t, "unverified");
          e.case_sensitive = r.boolean(*t, "case_sensitive", true);
          e.exhaustive = r.boolean(*t, "exhaustive", false);
          e.note = r.string(*t, "note");
          e.sources = r.strings(*t, "sources");
          if (const toml::table* dep = r.table(*t, "deprecated")) {
            for (const auto& [k, v] : *dep)
              e.deprecated[std::string(k.str())] = v.value_or(std::string());
          }
          enumerations_.push_back(std::move(e));
        }
      }
      if (const toml::array* a = r.array(doc, "caveats")) {
        for (const auto& n : *a) {
          const toml::table* t = r.as_table(n, "a caveat");
          if (!t) continue;
          caveats_.push_back({r.string(*t, "id", true), r.string(*t, "applies_to"),
                              r.string(*t, "text", true), r.strings(*t, "sources")});
        }
      }
      if (const toml::table* s = r.table(doc, "sources")) {
        for (const auto& [id, n] : *s) {
          const toml::table* t = r.as_table(n, "a source");
          if (!t) continue;
          sources_.push_back(
              {std::string(id.str()), r.string(*t, "what"), r.string(*t, "locator")});
        }
      }
      if (const toml::table* s = r.table(doc, "legacy")) {
        for (const auto& [name, n] : *s) {
          const toml::table* t = r.as_table(n, "a legacy table");
          if (!t) continue;
          legacy_.push_back({std::string(name.str()), r.string(*t, "replaced_by"),
                             r.string(*t, "note"), r.strings(*t, "sources")});
        }
      }
      if (!errors.empty()) throw std::runtime_error(describe_errors(f.name, errors));
    }
  }

  Profile profile_;
  std::map<std::string, const EmbeddedFile*, std::less<>> files_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::unique_ptr<Table>, std::less<>> loaded_;
  mutable std::once_flag data_once_;
  mutable std::vector<Enumeration> enumerations_;
  mutable std::vector<Caveat> caveats_;
  mutable std::vector<Source> sources_;
  mutable std::vector<LegacyTable> legacy_;
};

// Byte offset in `file` of a toml++ 1-based line/column (columns count code points).
uint32_t offset_of(const SourceFile& file, toml::source_position pos) {
  if (pos.line == 0) return 0;
  uint32_t off = file.line_start(pos.line);
  std::string_view line = file.line_text(pos.line);
  uint32_t col = 1, i = 0;
  while (i < line.size() && col < pos.column) {
    ++i;
    while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
    ++col;
  }
  return off + i;
}

}  // namespace

std::string_view profile_name(Profile p) { return p == Profile::Mde ? "mde" : "sentinel"; }

std::optional<Profile> parse_profile(std::string_view name) {
  if (name == "mde" || name == "xdr" || name == "defender") return Profile::Mde;
  if (name == "sentinel") return Profile::Sentinel;
  return std::nullopt;
}

const AdditionalField* ActionType::find_field(std::string_view key) const {
  for (const auto& f : additional_fields) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

const Column* Table::find_column(std::string_view name) const {
  for (const auto& c : columns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

const ActionType* Table::find_action_type(std::string_view name) const {
  for (const auto& a : action_types) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

bool Enumeration::contains(std::string_view value) const {
  return std::find(values.begin(), values.end(), value) != values.end();
}

std::optional<std::string_view> Enumeration::case_variant(std::string_view value) const {
  if (contains(value)) return std::nullopt;
  auto lower_eq = [](std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) ==
                    std::tolower(static_cast<unsigned char>(y));
           });
  };
  for (const auto& v : values) {
    if (lower_eq(v, value)) return std::string_view(v);
  }
  return std::nullopt;
}

struct Schema::Impl {
  std::map<std::string, std::unique_ptr<Table>, std::less<>> tables;  // custom or extended
  std::map<std::string, UserFunction, std::less<>> functions;
  std::vector<std::unique_ptr<SourceFile>> files;  // diagnostics point into these
};

Schema::Schema(Profile profile) : profile_(profile), impl_(std::make_unique<Impl>()) {}
Schema::~Schema() = default;

const Schema& Schema::builtin(Profile profile) {
  static const Schema mde(Profile::Mde);
  static const Schema sentinel(Profile::Sentinel);
  return profile == Profile::Mde ? mde : sentinel;
}

const Table* Schema::find_table(std::string_view name) const {
  if (auto it = impl_->tables.find(name); it != impl_->tables.end()) return it->second.get();
  return Builtin::get(profile_).find_table(name);
}

std::vector<std::string> Schema::table_names() const {
  std::vector<std::string> names = Builtin::get(profile_).table_names();
  for (const auto& [name, t] : impl_->tables) {
    if (!std::binary_search(names.begin(), names.end(), name)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

const Enumeration* Schema::find_enumeration(std::string_view table, std::string_view column) const {
  for (const auto& e : enumerations()) {
    if (e.table == table && e.column == column) return &e;
  }
  return nullptr;
}

std::span<const Enumeration> Schema::enumerations() const {
  return Builtin::get(profile_).enumerations();
}

const Caveat* Schema::find_caveat(std::string_view id) const {
  for (const auto& c : caveats()) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

std::span<const Caveat> Schema::caveats() const { return Builtin::get(profile_).caveats(); }

const Source* Schema::find_source(std::string_view id) const {
  for (const auto& s : Builtin::get(profile_).sources()) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

const LegacyTable* Schema::find_legacy_table(std::string_view name) const {
  for (const auto& l : Builtin::get(profile_).legacy_tables()) {
    if (l.name == name) return &l;
  }
  return nullptr;
}

const UserFunction* Schema::find_user_function(std::string_view name) const {
  auto it = impl_->functions.find(name);
  return it == impl_->functions.end() ? nullptr : &it->second;
}

std::vector<Diagnostic> Schema::load_extension(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    // An empty SourceFile keeps `file` non-null for every output format.
    impl_->files.push_back(std::make_unique<SourceFile>(path, std::string()));
    Diagnostic d;
    d.code = "KQL0900";
    d.name = "schema-extension-error";
    d.message = fmt::format("cannot read schema extension file `{}`", path);
    d.file = impl_->files.back().get();
    return {d};
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return load_extension_text(path, ss.str());
}

std::vector<Diagnostic> Schema::load_extension_text(std::string path, std::string text) {
  impl_->files.push_back(std::make_unique<SourceFile>(std::move(path), std::move(text)));
  const SourceFile& file = *impl_->files.back();
  std::vector<TomlError> errors;
  std::map<std::string, std::unique_ptr<Table>, std::less<>> tables;
  std::map<std::string, UserFunction, std::less<>> functions;

  toml::table doc;
  try {
    doc = toml::parse(file.text(), file.path());
  } catch (const toml::parse_error& e) {
    errors.push_back({std::string(e.description()), e.source().begin});
  }
  TomlReader r(errors);
  if (errors.empty()) {
    r.check_keys(doc, {"tables", "functions"}, "a schema extension file");
    if (const toml::table* ts = r.table(doc, "tables")) {
      for (const auto& [name_key, node] : *ts) {
        const toml::table* t = r.as_table(node, "a table entry");
        if (!t) continue;
        std::string name(name_key.str());
        Table extra;
        if (!detail::read_table(r, *t, name, profile_, extra)) continue;  // absent in profile
        Table* into = nullptr;
        if (auto it = tables.find(name); it != tables.end()) {
          into = it->second.get();
        } else if (const Table* existing = find_table(name)) {
          into = tables.emplace(name, std::make_unique<Table>(*existing)).first->second.get();
        }
        if (into) {
          detail::merge_table(r, *t, *into, std::move(extra));
        } else {
          if (extra.columns.empty()) {
            r.error(node, fmt::format("custom table `{}` needs `columns` (it is not a built-in "
                                      "table to extend)",
                                      name));
          }
          extra.custom = true;
          if (extra.group.empty()) extra.group = "custom";
          tables.emplace(name, std::make_unique<Table>(std::move(extra)));
        }
      }
    }
    if (const toml::table* fs = r.table(doc, "functions")) {
      for (const auto& [name_key, node] : *fs) {
        const toml::table* f = r.as_table(node, "a function entry");
        if (!f) continue;
        r.check_keys(*f, {"params", "body", "description"}, "a function");
        UserFunction uf;
        uf.name = std::string(name_key.str());
        uf.file = file.path();
        uf.body = r.string(*f, "body", true);
        if (const toml::array* ps = r.array(*f, "params")) {
          for (const auto& p : *ps) {
            const toml::table* pt = r.as_table(p, "a parameter");
            if (!pt) continue;
            r.check_keys(*pt, {"name", "type"}, "a parameter");
            std::string pname = r.string(*pt, "name", true);
            std::string ptype = r.string(*pt, "type", true);
            Type ty = Type::Unknown;  // "table": a tabular parameter
            if (ptype != "table" && !ptype.empty()) {
              if (auto parsed = parse_type(ptype)) {
                ty = *parsed;
              } else {
                r.error(*pt->get("type"), fmt::format("unknown parameter type `{}` (a KQL scalar "
                                                      "type or \"table\")",
                                                      ptype));
              }
            }
            uf.params.emplace_back(std::move(pname), ty);
          }
        }
        functions.emplace(uf.name, std::move(uf));
      }
    }
  }

  std::vector<Diagnostic> out;
  for (const TomlError& e : errors) {
    Diagnostic d;
    d.code = "KQL0900";
    d.name = "schema-extension-error";
    d.severity = Severity::Error;
    d.message = e.message;
    d.file = &file;
    uint32_t at = offset_of(file, e.where);
    d.range = {at, std::min<uint32_t>(at + 1, static_cast<uint32_t>(file.text().size()))};
    out.push_back(std::move(d));
  }
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.range.begin < b.range.begin;
  });
  if (!out.empty()) return out;  // all or nothing: a half-applied file would mislead
  for (auto& [name, t] : tables) impl_->tables[name] = std::move(t);
  for (auto& [name, f] : functions) impl_->functions[name] = std::move(f);
  return out;
}

}  // namespace kql::schema
