#include "input/extract.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "input/kql_blocks.h"
#include "input/markdown.h"
#include "input/query_builder.h"
#include "input/report.h"
#include "input/rule_header.h"
#include "input/utf8.h"
#include "input/yaml_rule.h"

namespace kql {

FileKind file_kind_for_path(const std::string& path) {
  size_t slash = path.find_last_of("/\\");
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  size_t dot = name.rfind('.');
  if (dot == std::string::npos || dot == 0) return FileKind::Unknown;
  std::string ext = name.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == "kql" || ext == "csl" || ext == "kusto") return FileKind::Kql;
  if (ext == "yaml" || ext == "yml") return FileKind::Yaml;
  if (ext == "md" || ext == "markdown") return FileKind::Markdown;
  return FileKind::Unknown;
}

namespace {

// NUL bytes and invalid UTF-8 stop extraction: the file is not a text file kqlint can read.
bool check_encoding(const SourceFile& file, std::vector<Diagnostic>& diags) {
  const std::string& text = file.text();
  if (size_t nul = text.find('\0'); nul != std::string::npos) {
    size_t count = std::count(text.begin(), text.end(), '\0');
    uint32_t at = static_cast<uint32_t>(nul);
    auto& d = report_input(diags, file, input_codes::kNulByte, Severity::Error, {at, at + 1},
                           "file contains a NUL byte; it is not checked",
                           "rule files must be UTF-8 text (is this file UTF-16 or binary?)");
    if (count > 1) d.notes.push_back({std::to_string(count) + " NUL bytes in all", std::nullopt});
    return false;
  }
  if (auto bad = utf8::find_invalid(text)) {
    report_input(
        diags, file, input_codes::kInvalidUtf8, Severity::Error,
        {bad->offset, bad->offset + bad->length},
        "file is not valid UTF-8 (byte 0x" +
            [&] {
              static const char* hex = "0123456789ABCDEF";
              unsigned char b = static_cast<unsigned char>(text[bad->offset]);
              return std::string{hex[b >> 4], hex[b & 15]};
            }() +
            " here); it is not checked",
        "save the file as UTF-8");
    return false;
  }
  return true;
}

bool only_white_space(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

// Splits one stretch of KQL (a whole .kql file, a Markdown fence) into queries.
void split_into(const Query& whole, SplitMode mode, std::vector<Query>& out) {
  for (const Block& b : split_blocks(whole.text, mode))
    out.push_back(subquery(whole, b.begin, b.end));
}

}  // namespace

std::vector<Query> extract_queries(const SourceFile& file, FileKind kind,
                                   const ExtractOptions& options, std::vector<Diagnostic>& diags) {
  std::vector<Query> out;
  if (!check_encoding(file, diags)) return out;
  const std::string& text = file.text();
  uint32_t bom = utf8::bom_length(text);
  uint32_t size = static_cast<uint32_t>(text.size());
  if (only_white_space(std::string_view(text).substr(bom))) {
    report_input(diags, file, input_codes::kNoQuery, Severity::Info, {bom, bom},
                 "file is empty; nothing to check");
    return out;
  }
  switch (kind) {
    case FileKind::Yaml:
      out = extract_yaml_queries(file, diags);
      break;
    case FileKind::Markdown:
      for (const Query& fence : extract_markdown_fences(file, diags))
        split_into(fence, options.split, out);
      break;
    case FileKind::Kql:
    case FileKind::Unknown: {  // a file named explicitly is read as KQL
      QueryBuilder b(file);
      b.append_file(bom, size);  // the BOM is not part of the query
      Query whole = b.finish();
      whole.metadata = parse_rule_header(whole.text);
      split_into(whole, options.split, out);
      if (out.empty())
        report_input(diags, file, input_codes::kNoQuery, Severity::Info, {bom, bom},
                     "file holds only comments; nothing to check");
      break;
    }
  }
  for (size_t i = 0; i < out.size(); ++i) out[i].index = static_cast<uint32_t>(i + 1);
  return out;
}

std::optional<SplitMode> parse_split_mode(std::string_view text) {
  if (text == "auto") return SplitMode::Auto;
  if (text == "blank-lines") return SplitMode::BlankLines;
  if (text == "never") return SplitMode::Never;
  return std::nullopt;
}

}  // namespace kql
