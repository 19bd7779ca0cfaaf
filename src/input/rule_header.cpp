#include "input/rule_header.h"

#include <cctype>

namespace kql {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool is_key_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

}  // namespace

Metadata parse_rule_header(std::string_view text) {
  Metadata out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = trim(text.substr(pos, eol - pos));
    pos = eol + 1;
    if (line.empty()) continue;
    if (line.substr(0, 2) != "//") break;
    std::string_view body = line.substr(2);
    // `//  more text` (two spaces or a tab) continues the previous value.
    bool indented = body.substr(0, 2) == "  " || (!body.empty() && body[0] == '\t');
    body = trim(body);
    size_t k = 0;
    while (k < body.size() && is_key_char(body[k])) ++k;
    bool is_entry = !indented && k > 0 && std::isalpha(static_cast<unsigned char>(body[0])) &&
                    k < body.size() && body[k] == ':' &&
                    body.substr(k + 1, 2) != "//";  // "https://..." is not a key
    if (is_entry) {
      std::string key(body.substr(0, k));
      for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.emplace_back(std::move(key), std::string(trim(body.substr(k + 1))));
    } else if (indented && !out.empty() && !body.empty()) {
      std::string& value = out.back().second;
      if (!value.empty()) value += ' ';
      value += body;
    }
  }
  return out;
}

}  // namespace kql
