#include "input/yaml_rule.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "input/kql_scan.h"
#include "input/query_builder.h"
#include "input/report.h"
#include "input/rule_header.h"
#include "input/utf8.h"
#include "input/yaml_scalar.h"

namespace kql {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  size_t b = 0;
  while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  return s.substr(b);
}

// A scalar, or a sequence of scalars joined with ", ".
std::string metadata_value(const YAML::Node& node) {
  if (node.IsScalar()) return trim(node.Scalar());
  std::string out;
  if (node.IsSequence())
    for (const auto& item : node)
      if (item.IsScalar()) out += (out.empty() ? "" : ", ") + trim(item.Scalar());
  return out;
}

Metadata rule_metadata(const YAML::Node& doc) {
  static const std::pair<const char*, const char*> kKeys[] = {{"name", "title"},
                                                              {"id", "id"},
                                                              {"kind", "kind"},
                                                              {"severity", "severity"},
                                                              {"description", "description"},
                                                              {"tactics", "tactics"},
                                                              {"relevanttechniques", "techniques"}};
  Metadata out;
  for (const auto& [yaml_key, key] : kKeys)
    for (const auto& entry : doc)
      if (entry.first.IsScalar() && lower(entry.first.Scalar()) == yaml_key) {
        std::string value = metadata_value(entry.second);
        if (!value.empty()) out.emplace_back(key, std::move(value));
      }
  // Sentinel names the tables a rule reads under requiredDataConnectors[].dataTypes.
  std::vector<std::string> tables;
  for (const auto& entry : doc)
    if (entry.first.IsScalar() && lower(entry.first.Scalar()) == "requireddataconnectors" &&
        entry.second.IsSequence())
      for (const auto& connector : entry.second)
        if (connector.IsMap() && connector["dataTypes"])
          for (const auto& table : connector["dataTypes"])
            if (table.IsScalar() &&
                std::find(tables.begin(), tables.end(), table.Scalar()) == tables.end())
              tables.push_back(table.Scalar());
  if (!tables.empty()) {
    std::string joined;
    for (const auto& t : tables) joined += (joined.empty() ? "" : ", ") + t;
    out.emplace_back("tables", std::move(joined));
  }
  return out;
}

// Every line of the fallback query maps to the value's start: positions are approximate but
// stay inside the rule.
Query approximate_query(const SourceFile& file, const std::string& value, uint32_t origin) {
  Query q;
  q.file = &file;
  q.text = value;
  q.pieces.push_back({0, origin});
  for (uint32_t i = 0; i < value.size(); ++i)
    if (value[i] == '\n') q.pieces.push_back({i + 1, origin});
  derive_line_origins(q);
  return q;
}

// A `//` comment that folding joined with the lines after it comments them out too.
void report_folded_comments(const SourceFile& file, const MappedScalar& scalar,
                            std::vector<Diagnostic>& diags) {
  if (scalar.folds.empty()) return;
  for (const auto& c : scan::scan(scalar.query.text).comments) {
    auto fold = std::upper_bound(scalar.folds.begin(), scalar.folds.end(), c.begin);
    if (fold == scalar.folds.end() || *fold >= c.end) continue;
    uint32_t begin = scalar.query.file_offset(c.begin);
    uint32_t line_end = begin;
    while (line_end < file.text().size() && file.text()[line_end] != '\n' &&
           file.text()[line_end] != '\r')
      ++line_end;
    LineCol swallowed = file.position(scalar.query.file_offset(*fold + 1));
    report_input(diags, file, input_codes::kFoldedComment, Severity::Warning, {begin, line_end},
                 "this `//` comment also comments out the YAML lines after it (from line " +
                     std::to_string(swallowed.line) +
                     "): the folded scalar joins its lines with spaces",
                 "write the query as a literal block scalar (`query: |`), which keeps line breaks");
  }
}

// Byte ranges of the YAML documents of `text`: a new document starts at each `---` line.
// (yaml-cpp 0.7's LoadAll can loop forever allocating on some invalid input, e.g. a stream
// holding just ",", jbeder/yaml-cpp#1040; Load on one document at a time does not.)
std::vector<std::pair<uint32_t, uint32_t>> yaml_documents(std::string_view text, uint32_t from) {
  std::vector<std::pair<uint32_t, uint32_t>> docs;
  uint32_t begin = from;
  for (uint32_t line = from; line < text.size();) {
    size_t nl = text.find('\n', line);
    uint32_t next = nl == std::string_view::npos ? static_cast<uint32_t>(text.size())
                                                 : static_cast<uint32_t>(nl + 1);
    std::string_view l = text.substr(line, next - line);
    bool marker = l.substr(0, 3) == "---" &&
                  (l.size() == 3 || l[3] == ' ' || l[3] == '\t' || l[3] == '\n' || l[3] == '\r');
    if (marker && line > begin) {
      docs.emplace_back(begin, line);
      begin = line;
    }
    line = next;
  }
  docs.emplace_back(begin, static_cast<uint32_t>(text.size()));
  return docs;
}

}  // namespace

std::vector<Query> extract_yaml_queries(const SourceFile& file, std::vector<Diagnostic>& diags) {
  std::vector<Query> out;
  const std::string& text = file.text();
  uint32_t bom = utf8::bom_length(text);
  bool found = false;
  for (auto [doc_begin, doc_end] : yaml_documents(text, bom)) {
    YAML::Node doc;
    try {
      doc = YAML::Load(text.substr(doc_begin, doc_end - doc_begin));
    } catch (const YAML::Exception& e) {
      // yaml-cpp's mark counts bytes from the document start (-1 when it has no position).
      uint32_t at =
          doc_begin + (e.mark.is_null() ? 0 : static_cast<uint32_t>(std::max(0, e.mark.pos)));
      at = std::min<uint32_t>(at, doc_end);
      report_input(diags, file, input_codes::kInvalidYaml, Severity::Error, {at, at},
                   "invalid YAML: " + e.msg);
      return out;
    }
    if (!doc.IsMap()) continue;
    for (const auto& entry : doc) {
      if (!entry.first.IsScalar() || lower(entry.first.Scalar()) != "query") continue;
      found = true;
      const YAML::Node& value = entry.second;
      uint32_t key_at = doc_begin + static_cast<uint32_t>(std::max(0, entry.first.Mark().pos));
      uint32_t key_end = key_at + static_cast<uint32_t>(entry.first.Scalar().size());
      if (!value.IsScalar() || trim(value.Scalar()).empty()) {
        report_input(diags, file, input_codes::kInvalidQueryField, Severity::Error,
                     {key_at, key_end},
                     value.IsScalar() || value.IsNull() ? "the `query` field is empty"
                                                        : "the `query` field is not a string",
                     "put the KQL under `query: |` as a literal block scalar");
        continue;
      }
      // A node without a mark (yaml-cpp gives -1) is reported at its key.
      uint32_t value_at =
          value.Mark().is_null() ? key_at : doc_begin + static_cast<uint32_t>(value.Mark().pos);
      uint32_t parent_indent = static_cast<uint32_t>(std::max(0, entry.first.Mark().column));
      auto mapped = map_yaml_scalar(file, value_at, parent_indent);
      Query q;
      if (mapped && mapped->query.text == value.Scalar()) {
        report_folded_comments(file, *mapped, diags);
        q = std::move(mapped->query);
      } else {
        report_input(diags, file, input_codes::kUnmappedYamlScalar, Severity::Warning,
                     {value_at, value_at},
                     "could not map this YAML scalar's lines back to the file; positions in "
                     "this query point at the start of its value",
                     "a literal block scalar (`query: |`) maps exactly");
        q = approximate_query(file, value.Scalar(), value_at);
      }
      q.metadata = rule_metadata(doc);
      out.push_back(std::move(q));
    }
  }
  if (!found)
    report_input(diags, file, input_codes::kNoQuery, Severity::Info, {bom, bom},
                 "YAML file has no `query` field; nothing to check");
  return out;
}

}  // namespace kql
