#include "run/text_fold.h"

#include <cstdint>
#include <utility>

namespace kql::run {
namespace {

// Decodes one code point; malformed bytes come back as themselves (0x80..0xFF) so that
// comparisons stay byte-exact for them.
uint32_t decode(std::string_view s, size_t& i) {
  unsigned char c = s[i];
  auto cont = [&](size_t k) -> int {
    return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80
               ? static_cast<unsigned char>(s[i + k]) & 0x3F
               : -1;
  };
  if (c < 0x80) {
    ++i;
    return c;
  }
  if ((c & 0xE0) == 0xC0 && cont(1) >= 0) {
    uint32_t cp = ((c & 0x1F) << 6) | cont(1);
    i += 2;
    return cp;
  }
  if ((c & 0xF0) == 0xE0 && cont(1) >= 0 && cont(2) >= 0) {
    uint32_t cp = ((c & 0x0F) << 12) | (cont(1) << 6) | cont(2);
    i += 3;
    return cp;
  }
  if ((c & 0xF8) == 0xF0 && cont(1) >= 0 && cont(2) >= 0 && cont(3) >= 0) {
    uint32_t cp = ((c & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
    i += 4;
    return cp;
  }
  ++i;
  return 0x110000 + c;  // marker for a stray byte, re-emitted verbatim
}

void encode(uint32_t cp, std::string& out) {
  if (cp >= 0x110000) {
    out += static_cast<char>(cp - 0x110000);
  } else if (cp < 0x80) {
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

// Blocks of scripts with upper and lower case outside the ranges upper()/lower() map (ASCII,
// Latin-1, Latin Extended-A, the basic Greek and Cyrillic letters). The same list is in
// PostgreSQL's kql_upper/kql_lower (backend/sql/postgres_prelude.cpp).
constexpr std::pair<uint32_t, uint32_t> kUnmappedCasedRanges[] = {
    {0x180, 0x2AF},     {0x370, 0x3FF},     {0x460, 0x52F},     {0x530, 0x58F},
    {0x10A0, 0x10FF},   {0x13A0, 0x13FF},   {0x1C80, 0x1CBF},   {0x1E00, 0x1FFF},
    {0x2160, 0x218F},   {0x24B6, 0x24E9},   {0x2C00, 0x2D2F},   {0xA640, 0xA69F},
    {0xA720, 0xA7FF},   {0xAB70, 0xABBF},   {0xFF21, 0xFF5A},   {0x10400, 0x104FF},
    {0x10C80, 0x10CFF}, {0x118A0, 0x118FF}, {0x16E40, 0x16E9F}, {0x1E900, 0x1E95F},
};

uint32_t upper(uint32_t c) {
  if (c >= 'a' && c <= 'z') return c - 32;
  if (c < 0x80) return c;
  if (c == 0xB5) return 0x39C;                               // micro sign -> Greek capital mu
  if (c == 0x131) return 'I';                                // dotless i
  if (c == 0x17F) return 'S';                                // long s
  if ((c >= 0xE0 && c <= 0xFE && c != 0xF7)) return c - 32;  // Latin-1
  if (c == 0xFF) return 0x178;
  if (c >= 0x100 && c <= 0x17F) {  // Latin Extended-A: pairs (even upper, odd lower) mostly
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c % 2 == 0) ? c - 1 : c;
    if (c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F) return c;  // no simple pair
    return (c % 2 == 1) ? c - 1 : c;
  }
  if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) return c - 32;  // Greek
  if (c == 0x3C2) return 0x3A3;                               // final sigma
  if (c >= 0x430 && c <= 0x44F) return c - 32;                // Cyrillic
  if (c >= 0x450 && c <= 0x45F) return c - 80;
  return c;
}

uint32_t lower(uint32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c < 0x80) return c;
  if (c == 0x130) return 'i';  // capital I with dot above
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c == 0x178) return 0xFF;
  if (c >= 0x100 && c <= 0x17F) {
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c % 2 == 1) ? c + 1 : c;
    if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F) return c;
    return (c % 2 == 0) ? c + 1 : c;
  }
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

template <class F>
std::string map_code_points(std::string_view s, F f) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) encode(f(decode(s, i)), out);
  return out;
}

bool is_term_byte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

// Finds every occurrence of `term` in `text` and asks `accept(pos)` about it.
template <class Accept>
bool any_match(std::string_view text, std::string_view term, bool cs, Accept accept) {
  std::string t, n;
  if (!cs) {
    t = fold_case(text);
    n = fold_case(term);
    text = t;
    term = n;
  }
  for (size_t pos = text.find(term); pos != std::string_view::npos;
       pos = text.find(term, pos + 1)) {
    if (accept(text, pos, term.size())) return true;
  }
  return false;
}

bool starts_term(std::string_view text, size_t pos) {
  return pos == 0 || !is_term_byte(text[pos - 1]);
}
bool ends_term(std::string_view text, size_t end) {
  return end >= text.size() || !is_term_byte(text[end]);
}

}  // namespace

bool has_unmapped_cased(std::string_view utf8) {
  for (size_t i = 0; i < utf8.size();) {
    uint32_t c = decode(utf8, i);
    if (c < 0x180 || c >= 0x110000) continue;
    if ((c >= 0x391 && c <= 0x3A9) || (c >= 0x3B1 && c <= 0x3C9) || (c >= 0x400 && c <= 0x45F))
      continue;
    for (const auto& r : kUnmappedCasedRanges)
      if (c >= r.first && c <= r.second) return true;
  }
  return false;
}

std::string fold_case(std::string_view utf8) { return map_code_points(utf8, upper); }
std::string to_upper(std::string_view utf8) { return map_code_points(utf8, upper); }
std::string to_lower(std::string_view utf8) { return map_code_points(utf8, lower); }

bool has_term(std::string_view text, std::string_view term, bool cs) {
  if (term.empty()) return true;
  bool need_start = is_term_byte(term.front());
  bool need_end = is_term_byte(term.back());
  return any_match(text, term, cs, [&](std::string_view t, size_t pos, size_t len) {
    return (!need_start || starts_term(t, pos)) && (!need_end || ends_term(t, pos + len));
  });
}

bool has_prefix_term(std::string_view text, std::string_view term, bool cs) {
  if (term.empty()) return true;
  bool need_start = is_term_byte(term.front());
  return any_match(text, term, cs, [&](std::string_view t, size_t pos, size_t) {
    return !need_start || starts_term(t, pos);
  });
}

bool has_suffix_term(std::string_view text, std::string_view term, bool cs) {
  if (term.empty()) return true;
  bool need_end = is_term_byte(term.back());
  return any_match(text, term, cs, [&](std::string_view t, size_t pos, size_t len) {
    return !need_end || ends_term(t, pos + len);
  });
}

long long count_code_points(std::string_view utf8) {
  long long n = 0;
  for (size_t i = 0; i < utf8.size();) {
    decode(utf8, i);
    ++n;
  }
  return n;
}

}  // namespace kql::run
