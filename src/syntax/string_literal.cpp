// KQL string literal tokens: their extent and their value.
#include "syntax/string_literal.h"

#include <cstdint>

namespace kql::syntax_detail {
namespace {

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

size_t string_literal_length(std::string_view text) {
  size_t i = 0;
  if (i + 1 < text.size() && (text[i] == 'h' || text[i] == 'H')) ++i;
  if (text.compare(i, 3, "```") == 0 || text.compare(i, 3, "~~~") == 0) {
    size_t close = text.find(text.substr(i, 3), i + 3);
    return close == std::string_view::npos ? 0 : close + 3;
  }
  bool verbatim = false;
  if (i < text.size() && text[i] == '@') verbatim = true, ++i;
  if (i >= text.size() || (text[i] != '"' && text[i] != '\'')) return 0;
  char q = text[i++];
  while (i < text.size() && text[i] != '\n') {
    char c = text[i++];
    if (c == '\\' && !verbatim) {
      if (i < text.size()) ++i;
    } else if (c == q) {
      if (!verbatim || i >= text.size() || text[i] != q) return i;
      ++i;  // "" inside a verbatim string
    }
  }
  return 0;
}

std::string decode_string_literal(std::string_view tok, bool* verbatim, bool* obfuscated) {
  *verbatim = false;
  *obfuscated = false;
  if (!tok.empty() && (tok[0] == 'h' || tok[0] == 'H')) {
    *obfuscated = true;
    tok.remove_prefix(1);
  }
  if (tok.size() >= 6 && (tok.substr(0, 3) == "```" || tok.substr(0, 3) == "~~~"))
    return std::string(tok.substr(3, tok.size() - 6));
  if (!tok.empty() && tok[0] == '@') {
    *verbatim = true;
    tok.remove_prefix(1);
    if (tok.size() < 2) return {};
    char q = tok[0];
    std::string out;
    for (size_t i = 1; i + 1 < tok.size(); ++i) {
      out += tok[i];
      if (tok[i] == q && i + 2 < tok.size() && tok[i + 1] == q) ++i;  // "" -> "
    }
    return out;
  }
  if (tok.size() < 2) return {};
  std::string out;
  std::string_view body = tok.substr(1, tok.size() - 2);
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c != '\\' || i + 1 >= body.size()) {
      out += c;
      continue;
    }
    char e = body[++i];
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case '0':
        out += '\0';
        break;
      case 'a':
        out += '\a';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'v':
        out += '\v';
        break;
      case 'u':
      case 'x': {
        size_t want = e == 'u' ? 4 : 2;
        uint32_t cp = 0;
        size_t k = 0;
        for (; k < want && i + 1 + k < body.size() && hex_value(body[i + 1 + k]) >= 0; ++k)
          cp = cp * 16 + hex_value(body[i + 1 + k]);
        if (k == want) {
          append_utf8(out, cp);
          i += want;
        } else {
          out += e;
        }
        break;
      }
      default:
        out += e;  // \\ \" \' and unknown escapes keep the character
    }
  }
  return out;
}

}  // namespace kql::syntax_detail
