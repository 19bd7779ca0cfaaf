// The built-in function catalogue, read from the embedded functions.toml. Each entry is
//   name = { args = ["string", "long?", "any..."], result = "long", ... }
// where an argument is a KQL type, "any", "numeric", "string-like", "argN" (same type as
// argument N, 1-based), "table" or "lambda", optionally prefixed with "name:"; a trailing "?"
// makes it optional and a trailing "..." makes it repeat (variadic). The result is a type,
// "argN", "widenN" (argument N's type with int widened to long), "any" (Unknown: the binder
// decides) or "table".
#include "schema/functions.h"

#include <fmt/format.h>

#include <algorithm>
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

FunctionCatalogue FunctionCatalogue::parse(std::string_view toml_text,
                                           std::string_view source_name) {
  toml::table doc;
  try {
    doc = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& e) {
    throw std::runtime_error(fmt::format("{}:{}:{}: {}", source_name, e.source().begin.line,
                                         e.source().begin.column, e.description()));
  }
  std::vector<TomlError> errors;
  TomlReader r(errors);
  r.check_keys(doc, {"scalar", "aggregate", "tabular", "plugin"}, "the function catalogue");
  FunctionCatalogue cat;
  const std::pair<std::string_view, FunctionKind> sections[] = {
      {"scalar", FunctionKind::Scalar},
      {"aggregate", FunctionKind::Aggregate},
      {"tabular", FunctionKind::Tabular},
      {"plugin", FunctionKind::Plugin}};
  for (const auto& [section, kind] : sections) {
    const toml::table* s = r.table(doc, section);
    if (!s) continue;
    for (const auto& [name, node] : *s) {
      if (const toml::table* t = r.as_table(node, "a function")) {
        read_function(r, *t, std::string(name.str()), kind, cat.functions_);
      }
    }
  }
  if (!errors.empty()) {
    const auto& e = errors.front();
    throw std::runtime_error(
        fmt::format("{}:{}:{}: {}", source_name, e.where.line, e.where.column, e.message));
  }
  // A name may be both scalar and aggregate in KQL docs only by mistake; keep it unique.
  std::sort(cat.functions_.begin(), cat.functions_.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return cat;
}

const FunctionCatalogue& FunctionCatalogue::builtin() {
  static const FunctionCatalogue cat = [] {
    for (const EmbeddedFile& f : embedded_files()) {
      if (f.name == "functions.toml") return parse(f.contents, f.name);
    }
    return FunctionCatalogue{};
  }();
  return cat;
}

const BuiltinFunction* FunctionCatalogue::find(std::string_view name) const {
  auto it =
      std::lower_bound(functions_.begin(), functions_.end(), name,
                       [](const BuiltinFunction& f, std::string_view n) { return f.name < n; });
  return it != functions_.end() && it->name == name ? &*it : nullptr;
}

}  // namespace kql::schema
