#include "lint/catalogue.h"

#include <toml++/toml.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "lint/embedded_docs.h"

namespace kql::lint {
namespace {

Severity parse_severity(std::string_view s, std::string_view file) {
  if (s == "error") return Severity::Error;
  if (s == "warning") return Severity::Warning;
  if (s == "info") return Severity::Info;
  // The docs are compiled in and tested: a bad value is a build-time mistake, not user input.
  throw std::logic_error("lint doc " + std::string(file) + ": bad severity " + std::string(s));
}

RuleDoc parse_doc(const EmbeddedFile& file) {
  toml::table t = toml::parse(file.contents, file.name);
  auto str = [&](const char* key) { return std::string(t[key].value_or(std::string_view{})); };
  RuleDoc d;
  d.code = str("code");
  d.name = str("name");
  d.severity = parse_severity(t["severity"].value_or(std::string_view{"warning"}), file.name);
  d.category = str("category");
  d.summary = str("summary");
  d.rationale = str("rationale");
  d.evidence = str("evidence");
  d.bad = str("bad");
  d.good = str("good");
  d.fixable = t["fixable"].value_or(false);
  d.detection_only = t["detection_only"].value_or(false);
  d.hunting_only = t["hunting_only"].value_or(false);
  while (!d.rationale.empty() && d.rationale.back() == '\n') d.rationale.pop_back();
  return d;
}

}  // namespace

const std::vector<RuleDoc>& catalogue() {
  static const std::vector<RuleDoc> docs = [] {
    std::vector<RuleDoc> v;
    for (const auto& f : embedded_files()) v.push_back(parse_doc(f));
    std::sort(v.begin(), v.end(),
              [](const RuleDoc& a, const RuleDoc& b) { return a.code < b.code; });
    return v;
  }();
  return docs;
}

const RuleDoc* find_rule(std::string_view name_or_code) {
  for (const auto& d : catalogue())
    if (d.name == name_or_code || d.code == name_or_code) return &d;
  return nullptr;
}

}  // namespace kql::lint
