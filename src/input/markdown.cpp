#include "input/markdown.h"

#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "input/query_builder.h"
#include "input/report.h"
#include "input/utf8.h"

namespace kql {

namespace {

struct Fence {
  uint32_t indent = 0;  // spaces before the fence characters
  char ch = '`';
  uint32_t length = 3;
  std::string language;  // first word of the info string, lower-cased
};

uint32_t leading_spaces(std::string_view line) {
  uint32_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

std::optional<Fence> opening_fence(std::string_view line) {
  Fence f;
  f.indent = leading_spaces(line);
  std::string_view rest = line.substr(f.indent);
  if (rest.empty() || (rest[0] != '`' && rest[0] != '~')) return std::nullopt;
  f.ch = rest[0];
  f.length = 0;
  while (f.length < rest.size() && rest[f.length] == f.ch) ++f.length;
  if (f.length < 3) return std::nullopt;
  std::string_view info = rest.substr(f.length);
  if (f.ch == '`' && info.find('`') != std::string_view::npos) return std::nullopt;  // inline code
  size_t b = 0;
  while (b < info.size() && std::isspace(static_cast<unsigned char>(info[b]))) ++b;
  // "{.kql}" style attributes are read as the bare language name.
  while (b < info.size() && (info[b] == '{' || info[b] == '.')) ++b;
  size_t e = b;
  while (e < info.size() && !std::isspace(static_cast<unsigned char>(info[e])) && info[e] != '}' &&
         info[e] != ',')
    ++e;
  for (char c : info.substr(b, e - b))
    f.language += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return f;
}

bool closes(const Fence& open, std::string_view line) {
  std::string_view rest = line.substr(leading_spaces(line));
  uint32_t n = 0;
  while (n < rest.size() && rest[n] == open.ch) ++n;
  if (n < open.length) return false;
  for (char c : rest.substr(n))
    if (!std::isspace(static_cast<unsigned char>(c))) return false;
  return true;
}

bool is_kql_language(const std::string& lang) { return lang == "kql" || lang == "kusto"; }

// The text of an ATX heading ("## Title ##"), or nothing when the line is not one.
std::optional<std::string> heading_text(std::string_view line) {
  uint32_t indent = leading_spaces(line);
  if (indent > 3) return std::nullopt;
  line.remove_prefix(indent);
  size_t level = 0;
  while (level < line.size() && line[level] == '#') ++level;
  if (level == 0 || level > 6 || (level < line.size() && line[level] != ' ' && line[level] != '\t'))
    return std::nullopt;
  line.remove_prefix(level);
  while (!line.empty() &&
         (line.back() == '#' || std::isspace(static_cast<unsigned char>(line.back()))))
    line.remove_suffix(1);
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.front())))
    line.remove_prefix(1);
  return std::string(line);
}

}  // namespace

std::vector<Query> extract_markdown_fences(const SourceFile& file, std::vector<Diagnostic>& diags) {
  std::vector<Query> out;
  const std::string& text = file.text();
  uint32_t first_line = 1;
  std::optional<Fence> open;
  uint32_t open_line = 0;
  std::optional<QueryBuilder> content;
  std::string heading;  // the last heading before the fence names its query
  auto finish = [&] {
    Query q = content->finish();
    if (!heading.empty()) q.metadata.emplace_back("title", heading);
    out.push_back(std::move(q));
  };
  for (uint32_t line = first_line; line <= file.line_count(); ++line) {
    uint32_t start = file.line_start(line);
    if (line == 1) start += utf8::bom_length(text);
    std::string_view view = file.line_text(line);
    if (line == 1) view.remove_prefix(utf8::bom_length(text));
    if (!open) {
      if (auto h = heading_text(view)) heading = std::move(*h);
      open = opening_fence(view);
      if (open) {
        open_line = line;
        if (is_kql_language(open->language)) content.emplace(file);
      }
      continue;
    }
    if (closes(*open, view)) {
      if (content) finish();
      open.reset();
      content.reset();
      continue;
    }
    if (content) {
      // Strip up to the fence's indentation, then take the line with its terminator.
      uint32_t strip = std::min(open->indent, leading_spaces(view));
      uint32_t next =
          line < file.line_count() ? file.line_start(line + 1) : static_cast<uint32_t>(text.size());
      content->append_file(start + strip, next);
    }
  }
  if (open) {
    uint32_t begin = file.line_start(open_line);
    uint32_t end = begin + static_cast<uint32_t>(file.line_text(open_line).size());
    if (content) {
      report_input(diags, file, input_codes::kUnterminatedFence, Severity::Warning, {begin, end},
                   "code fence opened here is never closed; its query runs to the end of the file",
                   "close the fence with a line holding " + std::string(open->length, open->ch));
      out.push_back(content->finish());
    }
  }
  return out;
}

}  // namespace kql
