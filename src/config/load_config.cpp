#include "config/load_config.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "config/config_diagnostics.h"
#include "config/did_you_mean.h"
#include "config/rule_selector.h"
#include "diag/file_position.h"

namespace kql {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kTopLevelKeys = {"platform",   "split",    "select",
                                                "ignore",     "severity", "per-file-ignores",
                                                "detections", "schema",   "fail-on"};

std::string quote_list(const std::vector<std::string>& values) {
  std::string out;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += i + 1 == values.size() ? " or " : ", ";
    out += '"' + values[i] + '"';
  }
  return out;
}

// toml++ keeps a table's keys sorted; diagnostics and the order of [severity] entries
// follow the file.
std::vector<std::pair<const toml::key*, const toml::node*>> in_document_order(
    const toml::table& t) {
  std::vector<std::pair<const toml::key*, const toml::node*>> out;
  for (auto&& [key, node] : t) out.emplace_back(&key, &node);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    const auto& x = a.first->source().begin;
    const auto& y = b.first->source().begin;
    return x.line != y.line ? x.line < y.line : x.column < y.column;
  });
  return out;
}

class Loader {
 public:
  Loader(Config& config, const std::vector<RuleDescriptor>& rules, std::vector<Diagnostic>& diags)
      : config_(config), rules_(rules), diags_(diags) {
    for (const RuleDescriptor& r : rules_) rule_names_.push_back(r.name);
  }

  bool ok() const { return ok_; }

  void parse_error(const toml::source_region& where, std::string_view description) {
    error(where, fmt::format("invalid TOML: {}", description));
  }

  void load(const toml::table& root) {
    for (auto [key, node] : in_document_order(root)) {
      const std::string k(key->str());
      if (k == "platform") {
        config_.platform = choice(*node, k, {"mde", "sentinel"}).value_or(config_.platform);
      } else if (k == "split") {
        config_.split = choice(*node, k, {"auto", "blank-lines", "never"}).value_or(config_.split);
      } else if (k == "fail-on") {
        if (auto v = choice(*node, k, {"error", "warning"}))
          config_.fail_on = *v == "warning" ? Severity::Warning : Severity::Error;
      } else if (k == "select") {
        config_.select = selectors(*node, k);
      } else if (k == "ignore") {
        config_.ignore = selectors(*node, k);
      } else if (k == "severity") {
        severities(*node);
      } else if (k == "per-file-ignores") {
        per_file_ignores(*node);
      } else if (k == "detections") {
        config_.detections = strings(*node, k);
      } else if (k == "schema") {
        schema(*node);
      } else {
        std::string guess = closest_spelling(k, kTopLevelKeys);
        warn(config_codes::kUnknownConfigKey, "unknown-config-key", key->source(),
             fmt::format("unknown config key '{}'; it is ignored", k),
             guess.empty() ? "" : fmt::format("did you mean '{}'?", guess));
      }
    }
  }

  void report(const char* code, const char* name, Severity severity,
              const toml::source_region& where, std::string message, std::string help = "") {
    Diagnostic d;
    d.code = code;
    d.name = name;
    d.severity = severity;
    d.message = std::move(message);
    d.help = std::move(help);
    d.file = config_.source.get();
    d.range = range(where);
    diags_.push_back(std::move(d));
    if (severity == Severity::Error) ok_ = false;
  }

 private:
  FileRange range(const toml::source_region& where) {
    const SourceFile& file = *config_.source;
    // toml++ does not count a UTF-8 byte order mark as a column; our line map does.
    const bool bom = file.text().rfind("\xEF\xBB\xBF", 0) == 0;
    auto offset = [&](const toml::source_position& p) {
      return offset_at(file, {p.line, p.column + (bom && p.line == 1 ? 1u : 0u)});
    };
    uint32_t begin = offset(where.begin);
    uint32_t end = begin;
    if (where.end.line > where.begin.line ||
        (where.end.line == where.begin.line && where.end.column > where.begin.column))
      end = std::max(begin, offset(where.end));
    return {begin, end};
  }

  void error(const toml::source_region& where, std::string message, std::string help = "") {
    report(config_codes::kConfigError, "config-error", Severity::Error, where, std::move(message),
           std::move(help));
  }
  void warn(const char* code, const char* name, const toml::source_region& where,
            std::string message, std::string help = "") {
    report(code, name, Severity::Warning, where, std::move(message), std::move(help));
  }

  std::optional<std::string> string_of(const toml::node& node, const std::string& what) {
    if (const auto* s = node.as_string()) return s->get();
    error(node.source(), fmt::format("{} must be a string, not {}", what, type_name(node)));
    return std::nullopt;
  }

  static std::string type_name(const toml::node& node) {
    switch (node.type()) {
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
        return "a date or time";
    }
  }

  std::optional<std::string> choice(const toml::node& node, const std::string& key,
                                    const std::vector<std::string>& allowed) {
    auto value = string_of(node, fmt::format("'{}'", key));
    if (!value) return std::nullopt;
    if (std::find(allowed.begin(), allowed.end(), *value) != allowed.end()) return value;
    error(node.source(),
          fmt::format("'{}' cannot be \"{}\"; expected {}", key, *value, quote_list(allowed)));
    return std::nullopt;
  }

  // An array of strings (a single string is accepted as a one-element array).
  std::vector<std::string> strings(const toml::node& node, const std::string& key) {
    std::vector<std::string> out;
    if (const auto* s = node.as_string()) {
      out.push_back(s->get());
      return out;
    }
    const auto* array = node.as_array();
    if (array == nullptr) {
      error(node.source(),
            fmt::format("'{}' must be an array of strings, not {}", key, type_name(node)));
      return out;
    }
    for (const toml::node& element : *array)
      if (auto v = string_of(element, fmt::format("each entry of '{}'", key))) out.push_back(*v);
    return out;
  }

  void check_selector(const std::string& selector, const toml::source_region& where) {
    if (selector_is_known(selector, rules_)) return;
    std::string guess = closest_spelling(selector, rule_names_);
    warn(config_codes::kUnknownRuleName, "unknown-rule-name", where,
         fmt::format("'{}' matches no rule; it has no effect", selector),
         guess.empty() ? "`kqlint rules` lists the rules"
                       : fmt::format("did you mean '{}'?", guess));
  }

  std::vector<std::string> selectors(const toml::node& node, const std::string& key) {
    std::vector<std::string> out = strings(node, key);
    if (const auto* array = node.as_array()) {
      for (const toml::node& element : *array)
        if (const auto* s = element.as_string()) check_selector(s->get(), element.source());
    } else if (const auto* s = node.as_string()) {
      check_selector(s->get(), node.source());
    }
    return out;
  }

  void severities(const toml::node& node) {
    const auto* table = node.as_table();
    if (table == nullptr) {
      error(node.source(),
            fmt::format("'severity' must be a table of rule = level, not {}", type_name(node)));
      return;
    }
    for (auto [key, value] : in_document_order(*table)) {
      std::string selector(key->str());
      check_selector(selector, key->source());
      auto level = choice(*value, selector, {"error", "warning", "info", "off"});
      if (!level) continue;
      std::optional<Severity> severity;
      if (*level == "error") severity = Severity::Error;
      if (*level == "warning") severity = Severity::Warning;
      if (*level == "info") severity = Severity::Info;
      config_.severity.push_back({selector, severity});
    }
  }

  void per_file_ignores(const toml::node& node) {
    const auto* array = node.as_array();
    if (array == nullptr) {
      error(node.source(), "'per-file-ignores' must be an array of tables: [[per-file-ignores]]",
            "write each entry as [[per-file-ignores]] with glob = \"...\" and rules = [...]");
      return;
    }
    for (const toml::node& element : *array) {
      const auto* entry = element.as_table();
      if (entry == nullptr) {
        error(element.source(), "each per-file-ignores entry must be a table with glob and rules");
        continue;
      }
      PerFileIgnore ignore;
      bool has_glob = false, has_rules = false;
      for (auto [key, value] : in_document_order(*entry)) {
        if (key->str() == "glob") {
          if (auto g = string_of(*value, "'glob'")) {
            ignore.glob = *g;
            has_glob = true;
          }
        } else if (key->str() == "rules") {
          ignore.rules = selectors(*value, "rules");
          has_rules = true;
        } else {
          warn(config_codes::kUnknownConfigKey, "unknown-config-key", key->source(),
               fmt::format("unknown per-file-ignores key '{}'; it is ignored", key->str()),
               "an entry has 'glob' and 'rules'");
        }
      }
      if (!has_glob || !has_rules) {
        error(element.source(),
              fmt::format("this per-file-ignores entry has no '{}'", has_glob ? "rules" : "glob"));
        continue;
      }
      config_.per_file_ignores.push_back(std::move(ignore));
    }
  }

  void schema(const toml::node& node) {
    std::vector<std::string> paths = strings(node, "schema");
    const auto* array = node.as_array();
    for (size_t i = 0; i < paths.size(); ++i) {
      fs::path p = (config_.directory / paths[i]).lexically_normal();
      std::error_code ec;
      if (!fs::is_regular_file(p, ec)) {
        const toml::node* element = array ? array->get(i) : &node;
        error(element ? element->source() : node.source(),
              fmt::format("schema file '{}' not found (looked for {})", paths[i], p.string()),
              "schema paths are relative to the directory of the config file");
        continue;
      }
      config_.schema.push_back(p);
    }
  }

  Config& config_;
  const std::vector<RuleDescriptor>& rules_;
  std::vector<Diagnostic>& diags_;
  std::vector<std::string> rule_names_;
  bool ok_ = true;
};

}  // namespace

LoadedConfig parse_config(const fs::path& path, std::string text,
                          const std::vector<RuleDescriptor>& rules,
                          std::vector<Diagnostic>& diags) {
  LoadedConfig loaded;
  loaded.config = std::make_unique<Config>();
  Config& config = *loaded.config;
  config.path = path;
  std::error_code ec;
  config.directory = fs::absolute(path, ec).lexically_normal().parent_path();
  config.source = std::make_shared<SourceFile>(path.string(), std::move(text));

  Loader loader(config, rules, diags);
  try {
    toml::table root = toml::parse(config.source->text(), path.string());
    loader.load(root);
  } catch (const toml::parse_error& e) {
    loader.parse_error(e.source(), e.description());
  }
  loaded.ok = loader.ok();
  return loaded;
}

LoadedConfig load_config(const fs::path& path, const std::vector<RuleDescriptor>& rules,
                         std::vector<Diagnostic>& diags) {
  std::error_code ec;
  std::ifstream in;
  if (fs::is_regular_file(path, ec)) in.open(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in.is_open() || in.bad()) {
    LoadedConfig failed;
    failed.config = std::make_unique<Config>();
    failed.config->path = path;
    failed.ok = false;
    Diagnostic d;
    d.code = config_codes::kConfigError;
    d.name = "config-error";
    d.severity = Severity::Error;
    d.message = fmt::format("cannot read config file '{}'", path.string());
    diags.push_back(std::move(d));
    return failed;
  }
  return parse_config(path, text.str(), rules, diags);
}

}  // namespace kql
