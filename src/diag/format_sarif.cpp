#include "diag/format_sarif.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "diag/describe_fix.h"
#include "diag/file_position.h"
#include "diag/ordering.h"

namespace kql {
namespace {

using json = nlohmann::ordered_json;

const char* sarif_level(Severity s) {
  switch (s) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "note";
  }
  return "warning";
}

// RFC 3986: keep unreserved characters and the path separator, percent-encode the rest.
std::string percent_encode(std::string_view path) {
  std::string out;
  for (char c : path) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
      out += c;
    else
      out += fmt::format("%{:02X}", u);
  }
  return out;
}

// FNV-1a, 64 bits: small, stable across platforms and releases, which is all a
// fingerprint needs (it identifies, it does not protect).
uint64_t fnv1a(std::string_view data, uint64_t hash = 0xcbf29ce484222325ULL) {
  for (char c : data) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

json region_json(const SourceFile& file, FileRange range) {
  RangePosition p = range_position(file, range);
  return {{"startLine", p.begin.line},
          {"startColumn", p.begin.column},
          {"endLine", p.end.line},
          {"endColumn", p.end.column}};
}

json location_json(const std::string& uri, const SourceFile& file, FileRange range) {
  return {{"physicalLocation",
           {{"artifactLocation", {{"uri", uri}}}, {"region", region_json(file, range)}}}};
}

json fix_json(const std::string& uri, const SourceFile& file, const Fix& fix) {
  json replacements = json::array();
  for (const Edit& e : fix.edits)
    replacements.push_back({{"deletedRegion", region_json(file, e.range)},
                            {"insertedContent", {{"text", e.replacement}}}});
  return {{"description", {{"text", describe_fix(file, fix)}}},
          {"artifactChanges",
           json::array({{{"artifactLocation", {{"uri", uri}}}, {"replacements", replacements}}})}};
}

json rule_json(const RuleDescriptor& r) {
  std::string short_text = r.short_description.empty() ? r.name : r.short_description;
  std::string full_text = r.full_description.empty() ? short_text : r.full_description;
  json j = {{"id", r.code},
            {"name", r.name},
            {"shortDescription", {{"text", short_text}}},
            {"fullDescription", {{"text", full_text}}}};
  if (!r.help_uri.empty()) j["helpUri"] = r.help_uri;
  j["help"] = {{"text", full_text}};
  j["defaultConfiguration"] = {{"level", sarif_level(r.default_severity)}};
  return j;
}

}  // namespace

std::string artifact_uri(const std::string& path, const std::filesystem::path& base_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path base = base_dir.empty() ? fs::current_path(ec) : fs::absolute(base_dir, ec);
  fs::path abs = fs::absolute(fs::path(path), ec).lexically_normal();
  fs::path rel = abs.lexically_relative(base.lexically_normal());
  std::string rel_text = rel.generic_string();
  if (!rel.empty() && rel_text != ".." && rel_text.rfind("../", 0) != 0)
    return percent_encode(rel_text);
  return "file://" + percent_encode(abs.generic_string());
}

nlohmann::ordered_json sarif_log(const std::vector<Diagnostic>& diags,
                                 const std::vector<RuleDescriptor>& rules,
                                 const SarifOptions& options) {
  // Rules sorted by code so ruleIndex is stable; codes seen only in diagnostics (a layer
  // whose rules are not in the catalogue) get a descriptor built from the diagnostic.
  std::map<std::string, RuleDescriptor> by_code;
  for (const RuleDescriptor& r : rules) by_code.emplace(r.code, r);
  for (const Diagnostic& d : diags)
    if (!by_code.count(d.code))
      by_code.emplace(d.code, RuleDescriptor{d.code, d.name, d.name, "", "", d.severity});
  json rule_list = json::array();
  std::map<std::string, size_t> rule_index;
  for (const auto& [code, rule] : by_code) {
    rule_index[code] = rule_list.size();
    rule_list.push_back(rule_json(rule));
  }

  json results = json::array();
  std::map<std::string, int> occurrences;  // fingerprint base -> times seen so far
  for (const Diagnostic* d : in_output_order(diags)) {
    std::string text = d->message;
    if (!d->help.empty()) text += "\nhelp: " + d->help;
    json result = {{"ruleId", d->code},
                   {"ruleIndex", rule_index[d->code]},
                   {"level", sarif_level(d->severity)},
                   {"message", {{"text", text}}}};
    if (d->file != nullptr) {
      std::string uri = artifact_uri(d->file->path(), options.base_dir);
      result["locations"] = json::array({location_json(uri, *d->file, d->range)});
      std::string_view line = trimmed(d->file->line_text(d->file->position(d->range.begin).line));
      uint64_t h = fnv1a(d->code);
      h = fnv1a(std::string_view("\0", 1), h);
      h = fnv1a(uri, h);
      h = fnv1a(std::string_view("\0", 1), h);
      h = fnv1a(line, h);
      std::string base = fmt::format("{:016x}", h);
      result["partialFingerprints"] = {
          {"kqlint/v1", fmt::format("{}:{}", base, ++occurrences[base])}};
      json related = json::array();
      int id = 1;
      for (const Note& n : d->notes) {
        if (!n.range) continue;
        json loc = location_json(uri, *d->file, *n.range);
        loc["id"] = id++;
        loc["message"] = {{"text", n.message}};
        related.push_back(std::move(loc));
      }
      if (!related.empty()) result["relatedLocations"] = std::move(related);
      if (d->fix) result["fixes"] = json::array({fix_json(uri, *d->file, *d->fix)});
    }
    results.push_back(std::move(result));
  }

  json driver = {{"name", "kqlint"},
                 {"version", options.tool_version},
                 {"semanticVersion", options.tool_version}};
  if (!options.information_uri.empty()) driver["informationUri"] = options.information_uri;
  driver["rules"] = std::move(rule_list);
  json run = {{"tool", {{"driver", std::move(driver)}}},
              {"columnKind", "unicodeCodePoints"},
              {"results", std::move(results)}};
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", json::array({std::move(run)})}};
}

void write_sarif(std::ostream& out, const std::vector<Diagnostic>& diags,
                 const std::vector<RuleDescriptor>& rules, const SarifOptions& options) {
  out << sarif_log(diags, rules, options)
             .dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
      << '\n';
}

}  // namespace kql
