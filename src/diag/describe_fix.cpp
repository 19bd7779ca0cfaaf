#include "diag/describe_fix.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace kql {
namespace {

// Quotes a code fragment for a one-line description. KQL fragments often hold '"', so they
// are wrapped in backticks then (`"TCP"`), and in double quotes otherwise.
std::string quoted(std::string_view text) {
  bool backticks =
      text.find('"') != std::string_view::npos && text.find('`') == std::string_view::npos;
  char quote = backticks ? '`' : '"';
  std::string out(1, quote);
  for (char c : text) {
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c == quote || (!backticks && c == '\\'))
      out += std::string("\\") + c;
    else
      out += c;
  }
  return out + quote;
}

}  // namespace

std::string describe_fix(const SourceFile& file, const Fix& fix) {
  if (!fix.description.empty()) return fix.description;
  if (fix.edits.size() != 1) return fmt::format("{} edits", fix.edits.size());
  const Edit& e = fix.edits.front();
  const std::string& text = file.text();
  auto size = static_cast<uint32_t>(text.size());
  uint32_t b = std::min(e.range.begin, size);
  uint32_t en = std::clamp(e.range.end, b, size);
  std::string_view old(text.data() + b, en - b);
  if (old.empty()) return "insert " + quoted(e.replacement);
  if (e.replacement.empty()) return "remove " + quoted(old);
  return "replace " + quoted(old) + " with " + quoted(e.replacement);
}

}  // namespace kql
