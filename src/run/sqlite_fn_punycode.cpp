// SQLite side of function family 'punycode' (backend/sql/functions/punycode.cpp translates the
// calls, documents the evidence and holds the PostgreSQL twins, which take the same steps).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "run/sqlite_value.h"

namespace kql::run {

namespace {

// RFC 3492 section 5: Punycode's Bootstring parameters.
constexpr int64_t kBase = 36, kTmin = 1, kTmax = 26, kSkew = 38, kDamp = 700, kInitialBias = 72,
                  kInitialN = 128;
// Implementations overflow at different widths (2^31 - 1, 2^32 - 1, 2^53 ...): any value past
// the smallest of them is an error rather than a guess.
constexpr int64_t kMaxInt = 0x7FFFFFFF;

// Why the result is not documented: set with a message, the caller raises it.
struct Undocumented {
  std::string why;
};

// UTF-8 text -> code points; false for invalid UTF-8.
bool decode_utf8(std::string_view s, std::u32string& out) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    char32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < len; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d >> 6) != 2) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    out += cp;
    i += len;
  }
  return true;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int64_t adapt(int64_t delta, int64_t numpoints, bool first) {
  delta = first ? delta / kDamp : delta / 2;
  delta += delta / numpoints;
  int64_t k = 0;
  while (delta > ((kBase - kTmin) * kTmax) / 2) {
    delta /= kBase - kTmin;
    k += kBase;
  }
  return k + ((kBase - kTmin + 1) * delta) / (delta + kSkew);
}

int64_t threshold(int64_t k, int64_t bias) {
  return k <= bias ? kTmin : k >= bias + kTmax ? kTmax : k - bias;
}

char digit_char(int64_t d) { return static_cast<char>(d < 26 ? 'a' + d : '0' + (d - 26)); }

const char* kOverflow =
    "the computation passes 2^31 - 1, where implementations of RFC 3492 overflow at different "
    "widths";
const char* kBeyondBmp =
    "characters beyond U+FFFF: whether Kusto encodes them as code points or as UTF-16 units is "
    "not documented";

// RFC 3492 section 6.3 on code points of the BMP; throws Undocumented.
std::string encode(const std::u32string& in) {
  std::string out;
  for (char32_t c : in) {
    if (c > 0xFFFF) throw Undocumented{kBeyondBmp};
    if (c < 0x80) out += static_cast<char>(c);
  }
  int64_t n = kInitialN, delta = 0, bias = kInitialBias;
  const int64_t b = static_cast<int64_t>(out.size());
  int64_t h = b;
  if (b > 0) out += '-';
  while (h < static_cast<int64_t>(in.size())) {
    int64_t m = INT64_MAX;
    for (char32_t c : in)
      if (c >= n && c < m) m = c;
    delta += (m - n) * (h + 1);
    if (delta > kMaxInt) throw Undocumented{kOverflow};
    n = m;
    for (char32_t c : in) {
      if (c < n && ++delta > kMaxInt) throw Undocumented{kOverflow};
      if (c == n) {
        int64_t q = delta;
        for (int64_t k = kBase;; k += kBase) {
          int64_t t = threshold(k, bias);
          if (q < t) break;
          out += digit_char(t + (q - t) % (kBase - t));
          q = (q - t) / (kBase - t);
        }
        out += digit_char(q);
        bias = adapt(delta, h + 1, h == b);
        delta = 0;
        ++h;
      }
    }
    ++delta;
    ++n;
  }
  return out;
}

// RFC 3492 section 6.2; nullopt when decoding fails (the docs: an empty result); throws
// Undocumented.
std::optional<std::u32string> decode(std::string_view in) {
  std::u32string out;
  size_t b = in.rfind('-');
  size_t pos = 0;
  if (b != std::string_view::npos && b > 0) {
    for (size_t j = 0; j < b; ++j) {
      if (static_cast<unsigned char>(in[j]) >= 0x80) return std::nullopt;
      out += static_cast<char32_t>(in[j]);
    }
    pos = b + 1;
  }
  int64_t n = kInitialN, i = 0, bias = kInitialBias;
  while (pos < in.size()) {
    int64_t oldi = i, w = 1;
    for (int64_t k = kBase;; k += kBase) {
      if (pos >= in.size()) return std::nullopt;
      unsigned char c = static_cast<unsigned char>(in[pos++]);
      int64_t digit = c >= '0' && c <= '9'   ? c - '0' + 26
                      : c >= 'A' && c <= 'Z' ? c - 'A'
                      : c >= 'a' && c <= 'z' ? c - 'a'
                                             : -1;
      if (digit < 0) return std::nullopt;
      i += digit * w;
      if (i > kMaxInt) throw Undocumented{kOverflow};
      int64_t t = threshold(k, bias);
      if (digit < t) break;
      w *= kBase - t;
      if (w > kMaxInt) throw Undocumented{kOverflow};
    }
    int64_t len = static_cast<int64_t>(out.size()) + 1;
    bias = adapt(i - oldi, len, oldi == 0);
    n += i / len;
    i %= len;
    if (n > 0xFFFF) throw Undocumented{kBeyondBmp};
    if (n >= 0xD800 && n <= 0xDFFF)
      throw Undocumented{"the decoded text holds a UTF-16 surrogate, which is not a character"};
    out.insert(out.begin() + i, static_cast<char32_t>(n));
    ++i;
  }
  return out;
}

std::string to_utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) append_utf8(out, c);
  return out;
}

// Characters whose label no normalization applied by an IDNA implementation (NFC) can change:
// ASCII, Latin-1 Supplement and Latin Extended-A/B, Latin Extended Additional, Cyrillic without
// its combining marks, kana without the combining voicing marks, CJK Unified Ideographs and
// Hangul syllables (all NFC_Quick_Check=Yes, canonical combining class 0, and none composes
// with a preceding character). The docs' examples (é, ç, á, ú, ì, ī, ū, à, ê, ợ, ậ, ð, 艺, 术)
// all fall in them.
bool nfc_safe(char32_t c) {
  return c < 0x80 || (c >= 0xA0 && c <= 0x24F) || (c >= 0x1E00 && c <= 0x1EFF) ||
         (c >= 0x400 && c <= 0x482) || (c >= 0x48A && c <= 0x4FF) || (c >= 0x3041 && c <= 0x3096) ||
         (c >= 0x309B && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xAC00 && c <= 0xD7A3);
}

bool is_ascii(const std::u32string& s) {
  for (char32_t c : s)
    if (c >= 0x80) return false;
  return true;
}

void check_label(const std::u32string& label) {
  for (char32_t c : label)
    if (!nfc_safe(c))
      throw Undocumented{
          "a character outside Latin, Cyrillic, kana, CJK and Hangul syllables: whether Kusto "
          "applies IDNA normalization to it is not documented"};
}

// The label separators of IDNA (RFC 3490 section 3.1): the docs' examples split on U+3002 and
// U+FF61 and write '.'.
bool is_dot(char32_t c) { return c == '.' || c == 0x3002 || c == 0xFF0E || c == 0xFF61; }

std::string domain_encode(const std::u32string& in) {
  if (in.empty()) return "";
  std::string out;
  std::u32string label;
  for (size_t i = 0; i <= in.size(); ++i) {
    if (i < in.size() && !is_dot(in[i])) {
      label += in[i];
      continue;
    }
    if (label.empty())
      throw Undocumented{"an empty label: whether Kusto fails or keeps it is not documented"};
    std::string ace;
    if (is_ascii(label)) {
      ace = to_utf8(label);
    } else {
      check_label(label);
      ace = "xn--" + encode(label);
    }
    if (ace.size() > 63)
      throw Undocumented{"a label longer than 63 characters: Kusto's handling is not documented"};
    out += (out.empty() ? "" : ".") + ace;
    label.clear();
  }
  return out;
}

// nullopt when a label does not decode (the docs: an empty result).
std::optional<std::string> domain_decode(std::string_view in) {
  if (in.empty()) return "";
  for (char c : in)
    if (static_cast<unsigned char>(c) >= 0x80)
      throw Undocumented{
          "a domain with non-ASCII characters: Kusto's handling of them is not documented"};
  std::string out;
  size_t start = 0;
  while (true) {
    size_t end = in.find('.', start);
    std::string_view label = in.substr(start, end == std::string_view::npos ? end : end - start);
    if (label.empty())
      throw Undocumented{"an empty label: whether Kusto fails or keeps it is not documented"};
    if (label.size() > 63)
      throw Undocumented{"a label longer than 63 characters: Kusto's handling is not documented"};
    std::string text(label);
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    bool prefixed = label.size() >= 4 && lower(label[0]) == 'x' && lower(label[1]) == 'n' &&
                    label[2] == '-' && label[3] == '-';
    if (prefixed && label.substr(0, 4) != "xn--")
      throw Undocumented{"an upper-case ACE prefix: Kusto's handling is not documented"};
    if (prefixed) {
      auto decoded = decode(label.substr(4));
      if (!decoded) return std::nullopt;
      if (is_ascii(*decoded))
        throw Undocumented{
            "an xn-- label that decodes to ASCII only: Kusto's handling is not documented"};
      check_label(*decoded);
      std::string again = encode(*decoded);
      bool same = again.size() == label.size() - 4;
      for (size_t k = 0; same && k < again.size(); ++k)
        same = lower(label[4 + k]) == lower(again[k]);
      if (!same)
        throw Undocumented{
            "an xn-- label that is not the encoding of its decoded text: Kusto's handling is "
            "not documented"};
      text = to_utf8(*decoded);
    }
    out += (start == 0 ? "" : ".") + text;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

// Runs `body` for a string argument and sets the result: its text, "" for nullopt, or the error
// "kql: <name>: <why>".
template <typename F>
void run(sqlite3_context* ctx, const char* name, F body) {
  try {
    std::optional<std::string> r = body();
    result_text(ctx, r ? *r : std::string());
  } catch (const Undocumented& u) {
    std::string msg = std::string("kql: ") + name + ": " + u.why;
    sqlite3_result_error(ctx, msg.c_str(), -1);
  }
}

std::u32string code_points(sqlite3_value* v) {
  std::u32string cps;
  if (!decode_utf8(text_arg(v), cps)) throw Undocumented{"the text is not valid UTF-8"};
  return cps;
}

// kql_punycode_from(s): RFC 3492 encoding.
void punycode_from(sqlite3_context* ctx, int, sqlite3_value** a) {
  run(ctx, "punycode_from_string",
      [&]() -> std::optional<std::string> { return encode(code_points(a[0])); });
}

// kql_punycode_to(s): RFC 3492 decoding, "" when it fails.
void punycode_to(sqlite3_context* ctx, int, sqlite3_value** a) {
  run(ctx, "punycode_to_string", [&]() -> std::optional<std::string> {
    auto d = decode(text_arg(a[0]));
    if (!d) return std::nullopt;
    return to_utf8(*d);
  });
}

// kql_punycode_domain_to(s): per label, "xn--" + RFC 3492 for labels that are not ASCII.
void punycode_domain_to(sqlite3_context* ctx, int, sqlite3_value** a) {
  run(ctx, "punycode_domain_to_string",
      [&]() -> std::optional<std::string> { return domain_encode(code_points(a[0])); });
}

// kql_punycode_domain_from(s): per label, xn-- labels decoded; "" when one fails.
void punycode_domain_from(sqlite3_context* ctx, int, sqlite3_value** a) {
  run(ctx, "punycode_domain_from_string",
      [&]() -> std::optional<std::string> { return domain_decode(text_arg(a[0])); });
}

}  // namespace

std::span<const SqliteScalar> sqlite_punycode_functions() {
  static const SqliteScalar kFunctions[] = {
      {"kql_punycode_from", 1, punycode_from},
      {"kql_punycode_to", 1, punycode_to},
      {"kql_punycode_domain_to", 1, punycode_domain_to},
      {"kql_punycode_domain_from", 1, punycode_domain_from},
  };
  return kFunctions;
}

}  // namespace kql::run
