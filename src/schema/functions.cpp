// The built-in function catalogue, read from the embedded functions.toml. Each entry is
//   name = { args = ["string", "long?", "any..."], result = "long", ... }
// where an argument is a KQL type, "any", "numeric", "numeric-or-time", "string-like", "argN"
// (same type as
// argument N, 1-based), "table" or "lambda", optionally prefixed with "name:"; a trailing "?"
// makes it optional and a trailing "..." makes it repeat (variadic). The result is a type,
// "argN", "widenN" (argument N's type with int widened to long), "real-or-timeN" (real, or
// argument N's type when it is datetime/timespan), "any" (Unknown: the binder decides) or
// "table".
#include "schema/functions.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "schema/embedded.h"
#include "schema/toml_reader.h"

namespace kql::schema {
namespace {

using detail::TomlError;
using detail::TomlReader;

std::optional<int> arg_ref(std::string_view s, std::string_view prefix) {
  if (!s.starts_with(prefix) || s.size() == prefix.size()) return std::nullopt;
  int n = 0;
  for (char c : s.substr(prefix.size())) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n >= 1 ? std::optional<int>(n - 1) : std::nullopt;
}

std::optional<ArgSpec> parse_arg(std::string_view text) {
  ArgSpec a;
  if (auto colon = text.find(':'); colon != std::string_view::npos) {
    a.name = std::string(text.substr(0, colon));
    text = text.substr(colon + 1);
  }
  if (text == "any") {
    a.kind = ArgSpec::Kind::Any;
  } else if (text == "numeric") {
    a.kind = ArgSpec::Kind::Numeric;
  } else if (text == "numeric-or-time") {
    a.kind = ArgSpec::Kind::NumericOrTime;
  } else if (text == "string-like") {
    a.kind = ArgSpec::Kind::StringLike;
  } else if (text == "table") {
    a.kind = ArgSpec::Kind::Tabular;
  } else if (text == "lambda") {
    a.kind = ArgSpec::Kind::Lambda;
  } else if (auto n = arg_ref(text, "arg")) {
    a.kind = ArgSpec::Kind::SameAs;
    a.same_as = *n;
  } else if (auto t = parse_type(text)) {
    a.kind = ArgSpec::Kind::Fixed;
    a.type = *t;
  } else {
    return std::nullopt;
  }
  return a;
}

std::optional<ResultSpec> parse_result(std::string_view text) {
  ResultSpec r;
  if (text == "table") {
    r.kind = ResultSpec::Kind::Tabular;
  } else if (text == "any") {
    r.type = Type::Unknown;  // the binder decides (toscalar, arg_max, percentile_tdigest)
  } else if (auto n = arg_ref(text, "arg")) {
    r.kind = ResultSpec::Kind::SameAs;
    r.arg = *n;
  } else if (auto w = arg_ref(text, "widen")) {
    r.kind = ResultSpec::Kind::Widened;
    r.arg = *w;
  } else if (auto m = arg_ref(text, "real-or-time")) {
    r.kind = ResultSpec::Kind::RealOrTime;
    r.arg = *m;
  } else if (auto t = parse_type(text)) {
    r.type = *t;
  } else {
    return std::nullopt;
  }
  return r;
}

void read_function(TomlReader& r, const toml::table& t, std::string name, FunctionKind kind,
                   std::vector<BuiltinFunction>& out) {
  r.check_keys(t, {"args", "result", "deprecated_by", "mde", "summary"}, "a function");
  BuiltinFunction f;
  f.name = std::move(name);
  f.kind = kind;
  f.deprecated_by = r.string(t, "deprecated_by");
  f.mde_only = r.boolean(t, "mde");
  f.summary = r.string(t, "summary");
  bool optional_seen = false;
  for (const std::string& raw : r.strings(t, "args")) {
    std::string_view s = raw;
    bool variadic = s.ends_with("...");
    if (variadic) s.remove_suffix(3);
    bool optional = s.ends_with("?");
    if (optional) s.remove_suffix(1);
    auto spec = parse_arg(s);
    if (!spec) {
      r.error(*t.get("args"), fmt::format("{}: unknown argument type `{}`", f.name, raw));
      continue;
    }
    f.args.push_back(std::move(*spec));
    int count = static_cast<int>(f.args.size());
    if (variadic) {
      f.max_args = kVariadic;
      if (!optional) f.min_args = count;  // "x..." needs at least one
    } else {
      f.max_args = count;
      if (!optional && !optional_seen) f.min_args = count;
    }
    optional_seen = optional_seen || optional;
  }
  std::string result = r.string(t, "result", kind != FunctionKind::Plugin);
  if (kind == FunctionKind::Plugin && result.empty()) result = "table";
  if (auto rs = parse_result(result)) {
    f.result = *rs;
  } else if (!result.empty()) {
    r.error(*t.get("result"), fmt::format("{}: unknown result type `{}`", f.name, result));
  }
  out.push_back(std::move(f));
}

}  // namespace

std::string_view function_kind_name(FunctionKind k) {
  switch (k) {
    case FunctionKind::Scalar:
      return "scalar";
    case FunctionKind::Aggregate:
      return "aggregate";
    case FunctionKind::Tabular:
      return "tabular";
    case FunctionKind::Plugin:
      return "plugin";
  }
  return "scalar";
}

const ArgSpec* BuiltinFunction::arg(size_t i) const {
  if (i < args.size()) return &args[i];
  if (max_args == kVariadic && !args.empty()) return &args.back();
  return nullptr;
}

struct FunctionCatalogue::State {
  struct Entry {
    FunctionKind kind;
    uint32_t begin, end;  // the entry's line in `text`
    uint32_t line;        // 1-based, for error messages
  };
  std::string source_name;
  std::string text;
  std::map<std::string, Entry, std::less<>> index;
  std::vector<std::string> names;  // sorted
  std::mutex mutex;
  std::map<std::string, std::unique_ptr<BuiltinFunction>, std::less<>> parsed;

  [[noreturn]] void fail(uint32_t line, uint32_t column, std::string_view message) const {
    throw std::runtime_error(fmt::format("{}:{}:{}: {}", source_name, line, column, message));
  }

  // Splits the text into one entry per line: "[section]" headers, comments, blank lines and
  // `name = { ... }` entries. Anything else (an entry spread over lines) is rejected.
  void build_index() {
    std::optional<FunctionKind> section;
    uint32_t line_no = 0;
    for (size_t pos = 0; pos < text.size();) {
      size_t eol = text.find('\n', pos);
      if (eol == std::string::npos) eol = text.size();
      ++line_no;
      std::string_view line(text.data() + pos, eol - pos);
      size_t begin = pos;
      pos = eol + 1;
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      if (line.empty() || line.front() == '#') continue;
      if (line.front() == '[') {
        static const std::pair<std::string_view, FunctionKind> kSections[] = {
            {"[scalar]", FunctionKind::Scalar},
            {"[aggregate]", FunctionKind::Aggregate},
            {"[tabular]", FunctionKind::Tabular},
            {"[plugin]", FunctionKind::Plugin}};
        section.reset();
        for (const auto& [header, kind] : kSections) {
          if (line == header) section = kind;
        }
        if (!section) {
          fail(line_no, 1,
               fmt::format("unknown section `{}` (expected [scalar], [aggregate], "
                           "[tabular] or [plugin])",
                           line));
        }
        continue;
      }
      size_t eq = line.find('=');
      std::string_view name = line.substr(0, eq == std::string_view::npos ? 0 : eq);
      while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
      bool one_line = eq != std::string_view::npos && line.back() == '}' &&
                      line.find('{', eq) != std::string_view::npos;
      if (!one_line || name.empty()) {
        fail(line_no, 1, "expected `name = { args = [...], result = \"...\" }` on one line");
      }
      if (!section) fail(line_no, 1, "function entry before any [section]");
      auto [it, inserted] = index.emplace(
          std::string(name), Entry{*section, static_cast<uint32_t>(begin),
                                   static_cast<uint32_t>(begin + line.size()), line_no});
      if (!inserted) fail(line_no, 1, fmt::format("`{}` is declared twice", name));
      names.emplace_back(name);
    }
    std::sort(names.begin(), names.end());
  }

  std::unique_ptr<BuiltinFunction> parse_entry(const std::string& name, const Entry& e) const {
    std::string_view line(text.data() + e.begin, e.end - e.begin);
    toml::table doc;
    try {
      doc = toml::parse(line, source_name);
    } catch (const toml::parse_error& err) {
      fail(e.line, err.source().begin.column, err.description());
    }
    std::vector<TomlError> errors;
    TomlReader r(errors);
    std::vector<BuiltinFunction> out;
    if (const toml::table* t = r.as_table(*doc.get(name), "a function")) {
      read_function(r, *t, name, e.kind, out);
    }
    if (!errors.empty()) fail(e.line, errors.front().where.column, errors.front().message);
    return std::make_unique<BuiltinFunction>(std::move(out.front()));
  }

  const BuiltinFunction* find(std::string_view name) {
    auto entry = index.find(name);
    if (entry == index.end()) return nullptr;
    std::lock_guard lock(mutex);
    auto it = parsed.find(name);
    if (it == parsed.end()) {
      it = parsed.emplace(entry->first, parse_entry(entry->first, entry->second)).first;
    }
    return it->second.get();
  }
};

FunctionCatalogue::FunctionCatalogue(std::unique_ptr<State> state) : state_(std::move(state)) {}
FunctionCatalogue::FunctionCatalogue(FunctionCatalogue&&) noexcept = default;
FunctionCatalogue& FunctionCatalogue::operator=(FunctionCatalogue&&) noexcept = default;
FunctionCatalogue::~FunctionCatalogue() = default;

FunctionCatalogue FunctionCatalogue::parse(std::string_view toml_text,
                                           std::string_view source_name) {
  auto state = std::make_unique<State>();
  state->source_name = std::string(source_name);
  state->text = std::string(toml_text);
  state->build_index();
  FunctionCatalogue cat(std::move(state));
  cat.all();  // validate every entry now
  return cat;
}

const FunctionCatalogue& FunctionCatalogue::builtin() {
  // Indexed, not parsed: entries are parsed on lookup. The embedded file is validated by
  // the schema tests (FunctionCatalogue::parse over the same bytes).
  static const FunctionCatalogue cat = [] {
    auto state = std::make_unique<State>();
    for (const EmbeddedFile& f : embedded_files()) {
      if (f.name == "functions.toml") {
        state->source_name = std::string(f.name);
        state->text = std::string(f.contents);
      }
    }
    state->build_index();
    return FunctionCatalogue(std::move(state));
  }();
  return cat;
}

const BuiltinFunction* FunctionCatalogue::find(std::string_view name) const {
  return state_->find(name);
}

const std::vector<std::string>& FunctionCatalogue::names() const { return state_->names; }

std::vector<const BuiltinFunction*> FunctionCatalogue::all() const {
  std::vector<const BuiltinFunction*> out;
  for (const std::string& name : state_->names) out.push_back(state_->find(name));
  return out;
}

}  // namespace kql::schema
