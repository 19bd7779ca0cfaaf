// SQLite side of function family 'ip' (backend/sql/functions/ip.cpp translates the calls and holds
// the PostgreSQL twins of these helpers, which must agree with these exactly).
//
// Address text is read strictly. Clear IPv4 text is four dot-separated decimal parts of 1-3
// digits, each at most 255, optionally followed by /prefix (0-32); IPv6 text is RFC 4291 text
// (hex groups, one "::", a dotted IPv4 tail) optionally followed by /prefix (0-128). An IPv4
// address read as IPv6 is the IPv4-mapped ::ffff:a.b.c.d and its prefix counts 96 + p bits; so is
// IPv6 text that ends in a dotted IPv4 and is ::a.b.c.d or ::ffff:a.b.c.d (the docs'
// parse_ipv6_mask example). Text that is clearly no address is a failed conversion (null, or ""
// where the docs say so). Forms whose reading by Kusto is not documented - leading zeros
// (octal in some parsers), fewer or more than four numeric parts, surrounding white space, zone
// ids, prefixes out of range or with leading zeros, a prefix on an address that the function
// does not expect to carry one - raise an SQL error instead of guessing.
//
// has_ipv4 and friends look for addresses in free text: maximal runs of digits and dots. A run
// of exactly four valid parts whose neighbours are the text's ends or ASCII characters other than
// letters, digits, '.' and '_' is an address; a run touching an ASCII letter is not (the docs:
// "properly delimited with non-alphanumeric characters"); a valid four-part window inside a
// longer run, or next to '_' or a non-ASCII character, is undecided: if only such a window would
// make the call true, the call raises an error.
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "run/sqlite_value.h"

namespace kql::run {

namespace {

using nlohmann::json;

struct Undocumented {
  std::string msg;
};

[[noreturn]] void undocumented(std::string_view what, std::string_view text) {
  throw Undocumented{"kql: " + std::string(what) + " ('" + std::string(text) +
                     "'): Kusto's result for this form is not documented"};
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Digits, dots and slashes only (after trimming white space), with at least one digit: text an
// address parser might read some way we do not know.
bool numeric_like(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  if (s.empty()) return false;
  bool digit = false;
  for (char c : s) {
    if (is_digit(c))
      digit = true;
    else if (c != '.' && c != '/')
      return false;
  }
  return digit;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t b = 0;
  for (;;) {
    size_t e = s.find(sep, b);
    out.push_back(s.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b));
    if (e == std::string_view::npos) return out;
    b = e + 1;
  }
}

// A decimal part of 1-3 digits: its value (leading zeros read as decimal, `lz` set), or -1.
int part_value(std::string_view p, bool& lz) {
  if (p.empty() || p.size() > 3 || !all_digits(p)) return -1;
  if (p.size() > 1 && p[0] == '0') lz = true;
  int v = 0;
  for (char c : p) v = v * 10 + (c - '0');
  return v <= 255 ? v : -1;
}

enum class Quad { NotQuad, Invalid, Ok };
// Four dot-separated all-digit parts: Ok (value in `v`), Invalid (a part over 255 or longer than
// 3 digits) or NotQuad. Undocumented for leading zeros.
Quad quad(std::string_view s, uint32_t& v) {
  auto parts = split(s, '.');
  if (parts.size() != 4) return Quad::NotQuad;
  for (auto p : parts)
    if (!all_digits(p)) return Quad::NotQuad;
  bool lz = false;
  v = 0;
  for (auto p : parts) {
    int x = part_value(p, lz);
    if (x < 0) return Quad::Invalid;
    v = v << 8 | static_cast<uint32_t>(x);
  }
  if (lz) undocumented("an IPv4 part with a leading zero", s);
  return Quad::Ok;
}

// "/p" with p in 0..max; nullopt when `s` is not digits (a failed conversion).
std::optional<int> prefix_text(std::string_view s, int max, std::string_view whole) {
  if (!all_digits(s)) return std::nullopt;
  if (s.size() > 1 && s[0] == '0') undocumented("a prefix with a leading zero", whole);
  if (s.size() > 3 || std::stoi(std::string(s)) > max) undocumented("a prefix out of range", whole);
  return std::stoi(std::string(s));
}

struct V4 {
  uint32_t v;
  int prefix;
  bool has_prefix;
};

// "a.b.c.d:port": some address parsers read it as an address and a port.
bool with_port(std::string_view s) {
  size_t colon = s.find(':');
  if (colon == std::string_view::npos || !all_digits(s.substr(colon + 1))) return false;
  auto parts = split(s.substr(0, colon), '.');
  return parts.size() == 4 && std::all_of(parts.begin(), parts.end(), all_digits);
}

std::optional<V4> parse_v4(std::string_view s) {
  if (with_port(s)) undocumented("an IPv4 address with a port", s);
  size_t slash = s.find('/');
  std::string_view addr = s.substr(0, slash);
  uint32_t v = 0;
  Quad q = quad(addr, v);
  if (q == Quad::NotQuad) {
    if (numeric_like(s)) undocumented("IPv4 text that is not four decimal parts", s);
    return std::nullopt;
  }
  if (q == Quad::Invalid) return std::nullopt;
  if (slash == std::string_view::npos) return V4{v, 32, false};
  auto p = prefix_text(s.substr(slash + 1), 32, s);
  if (!p) {
    if (numeric_like(s)) undocumented("IPv4 text with this prefix", s);
    return std::nullopt;
  }
  return V4{v, *p, true};
}

uint32_t mask4(int p) { return p == 0 ? 0u : ~uint32_t{0} << (32 - p); }

using Bytes = std::array<uint8_t, 16>;
struct V6 {
  Bytes b{};
  int prefix = 128;
  bool has_prefix = false;
};

int hexval(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<V6> parse_v6(std::string_view s) {
  if (with_port(s)) undocumented("an IPv4 address with a port", s);
  size_t slash = s.find('/');
  std::string_view addr = s.substr(0, slash);
  if (addr.find(':') == std::string_view::npos) {
    auto v4 = parse_v4(s);
    if (!v4) return std::nullopt;
    V6 r;
    r.b[10] = r.b[11] = 0xff;
    for (int i = 0; i < 4; ++i) r.b[12 + i] = static_cast<uint8_t>(v4->v >> (24 - 8 * i));
    r.prefix = 96 + v4->prefix;
    r.has_prefix = v4->has_prefix;
    return r;
  }
  for (char c : s)
    if (c == '%' || c == '[' || c == ']' || is_space(c))
      undocumented("IPv6 text with a zone, brackets or white space", s);
  V6 r;
  if (slash != std::string_view::npos) {
    auto p = prefix_text(s.substr(slash + 1), 128, s);
    if (!p) return std::nullopt;
    r.prefix = *p;
    r.has_prefix = true;
  }
  size_t dbl = addr.find("::");
  if (dbl != std::string_view::npos && addr.find("::", dbl + 1) != std::string_view::npos)
    return std::nullopt;
  std::vector<std::string_view> head, tail;
  if (dbl == std::string_view::npos) {
    head = split(addr, ':');
  } else {
    if (dbl > 0) head = split(addr.substr(0, dbl), ':');
    if (dbl + 2 < addr.size()) tail = split(addr.substr(dbl + 2), ':');
  }
  std::vector<uint16_t> hw, tw;
  bool dotted = false;
  auto read = [&](std::vector<std::string_view>& groups, std::vector<uint16_t>& out,
                  bool last_part) -> bool {
    for (size_t i = 0; i < groups.size(); ++i) {
      auto g = groups[i];
      if (last_part && i + 1 == groups.size() && g.find('.') != std::string_view::npos) {
        uint32_t v = 0;
        if (quad(g, v) != Quad::Ok) return false;
        out.push_back(static_cast<uint16_t>(v >> 16));
        out.push_back(static_cast<uint16_t>(v & 0xffff));
        dotted = true;
        continue;
      }
      if (g.empty() || g.size() > 4) return false;
      uint16_t w = 0;
      for (char c : g) {
        int h = hexval(c);
        if (h < 0) return false;
        w = static_cast<uint16_t>(w << 4 | h);
      }
      out.push_back(w);
    }
    return true;
  };
  bool tail_last = !tail.empty();
  if (!read(head, hw, !tail_last && dbl == std::string_view::npos) || !read(tail, tw, tail_last))
    return std::nullopt;
  size_t total = hw.size() + tw.size();
  if (dbl == std::string_view::npos ? total != 8 : total > 7) return std::nullopt;
  std::array<uint16_t, 8> words{};
  for (size_t i = 0; i < hw.size(); ++i) words[i] = hw[i];
  for (size_t i = 0; i < tw.size(); ++i) words[8 - tw.size() + i] = tw[i];
  for (int i = 0; i < 8; ++i) {
    r.b[2 * i] = static_cast<uint8_t>(words[i] >> 8);
    r.b[2 * i + 1] = static_cast<uint8_t>(words[i] & 0xff);
  }
  bool zero80 = std::all_of(words.begin(), words.begin() + 5, [](uint16_t w) { return w == 0; });
  if (dotted) {
    if (zero80 && (words[5] == 0 || words[5] == 0xffff)) {
      r.b[10] = r.b[11] = 0xff;
      if (r.has_prefix) {
        if (r.prefix > 32) undocumented("a prefix over 32 on IPv6 text ending in IPv4", s);
        r.prefix += 96;
      }
    } else if (r.has_prefix) {
      undocumented("a prefix on IPv6 text ending in IPv4", s);
    }
  } else if (r.has_prefix && r.prefix <= 32 && zero80 && words[5] == 0xffff) {
    // (a prefix over 32 can only count IPv6 bits: the docs' ipv6_is_in_range example)
    undocumented("a prefix up to 32 on an IPv4-mapped IPv6 address", s);
  }
  return r;
}

Bytes masked6(const Bytes& b, int p) {
  Bytes r{};
  for (int i = 0; i < 16; ++i) {
    int bits = std::clamp(p - 8 * i, 0, 8);
    r[i] = static_cast<uint8_t>(bits == 0 ? 0 : b[i] & (0xff << (8 - bits)));
  }
  return r;
}

std::string format4(uint32_t v) {
  return std::to_string(v >> 24) + "." + std::to_string(v >> 16 & 0xff) + "." +
         std::to_string(v >> 8 & 0xff) + "." + std::to_string(v & 0xff);
}

std::string format6(const Bytes& b) {
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 16; ++i) {
    if (i > 0 && i % 2 == 0) s += ':';
    s += hex[b[i] >> 4];
    s += hex[b[i] & 15];
  }
  return s;
}

std::optional<int64_t> int_arg(sqlite3_value* v) {
  if (is_null(v)) return std::nullopt;
  return sqlite3_value_int64(v);
}

// A prefix argument: nullopt for null; undocumented outside 0..max.
std::optional<int> prefix_arg(sqlite3_value* v, int max) {
  auto p = int_arg(v);
  if (!p) return std::nullopt;
  if (*p < 0 || *p > max) undocumented("a prefix argument out of range", std::to_string(*p));
  return static_cast<int>(*p);
}

// The strings of a dynamic array argument; undocumented for anything else.
std::vector<std::string> string_array(sqlite3_value* v, std::string_view what) {
  auto j = json_arg(v);
  if (!j || !j->is_array()) undocumented(what, j ? j->dump() : "null");
  std::vector<std::string> out;
  for (auto& e : *j) {
    if (!e.is_string()) undocumented(what, e.dump());
    out.push_back(e.get<std::string>());
  }
  return out;
}

template <typename F>
void guarded(sqlite3_context* ctx, F f) {
  try {
    f();
  } catch (const Undocumented& e) {
    sqlite3_result_error(ctx, e.msg.c_str(), static_cast<int>(e.msg.size()));
  }
}

// kql_ipv4_parse(ip, prefix): the long value masked by min(prefix, ip's prefix), or null.
void ipv4_parse(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    auto p = prefix_arg(argv[1], 32);
    auto ip = parse_v4(text_arg(argv[0]));
    if (!ip || !p) return sqlite3_result_null(ctx);
    sqlite3_result_int64(ctx, ip->v & mask4(std::min(*p, ip->prefix)));
  });
}

// kql_ipv4_format(text, number, prefix, with_mask): "" when the conversion fails.
void ipv4_format(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    std::optional<V4> ip;
    if (!is_null(argv[0])) {
      ip = parse_v4(text_arg(argv[0]));
    } else if (auto n = int_arg(argv[1])) {
      if (*n < 0 || *n > 0xffffffffLL)
        undocumented("a number outside 0..2^32-1", std::to_string(*n));
      ip = V4{static_cast<uint32_t>(*n), 32, false};
    }
    auto pa = int_arg(argv[2]);
    if (pa && *pa > 32) undocumented("a prefix argument over 32", std::to_string(*pa));
    if (!ip || !pa || *pa < 0) return result_text(ctx, "");
    int p = std::min(static_cast<int>(*pa), ip->prefix);
    std::string s = format4(ip->v & mask4(p));
    if (sqlite3_value_int(argv[3])) {
      s += '/';
      s += std::to_string(p);
    }
    result_text(ctx, s);
  });
}

// kql_ipv4_compare(a, b, prefix): -1, 0, 1 or null.
void ipv4_compare(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    auto p = prefix_arg(argv[2], 32);
    auto a = parse_v4(text_arg(argv[0]));
    auto b = parse_v4(text_arg(argv[1]));
    if (!a || !b || !p) return sqlite3_result_null(ctx);
    uint32_t m = mask4(std::min({*p, a->prefix, b->prefix}));
    uint32_t x = a->v & m, y = b->v & m;
    sqlite3_result_int(ctx, x < y ? -1 : x > y ? 1 : 0);
  });
}

bool in_range4(const V4& ip, std::string_view range_text, const V4& range) {
  if (ip.has_prefix && ip.prefix != 32)
    undocumented("an address with a prefix tested against a range", range_text);
  uint32_t m = mask4(range.prefix);
  return (ip.v & m) == (range.v & m);
}

// kql_ipv4_in_range(ip, range): bool or null.
void ipv4_in_range(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    auto ip = parse_v4(text_arg(argv[0]));
    auto range = parse_v4(text_arg(argv[1]));
    if (!ip || !range) return sqlite3_result_null(ctx);
    result_bool(ctx, in_range4(*ip, text_arg(argv[0]), *range));
  });
}

// kql_ipv4_in_any_range(ip, ranges): ranges is a JSON array of strings.
void ipv4_in_any_range(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    auto ranges = string_array(argv[1], "ranges that are not an array of strings");
    auto ip = parse_v4(text_arg(argv[0]));
    if (!ip) return sqlite3_result_null(ctx);
    bool any = false;
    for (auto& r : ranges) {
      auto range = parse_v4(r);
      if (!range) undocumented("an invalid range among the ranges", r);
      any = in_range4(*ip, text_arg(argv[0]), *range) || any;
    }
    result_bool(ctx, any);
  });
}

// kql_ipv4_is_private(ip): the network [base, last] inside a private block is true, disjoint
// from all of them false; a network straddling a block's edge is undocumented.
void ipv4_is_private(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    auto s = text_arg(argv[0]);
    auto ip = parse_v4(s);
    if (!ip) return sqlite3_result_null(ctx);
    uint32_t base = ip->v & mask4(ip->prefix), last = base | ~mask4(ip->prefix);
    static const std::pair<uint32_t, int> kBlocks[] = {
        {0x0a000000u, 8}, {0xac100000u, 12}, {0xc0a80000u, 16}};
    bool inside = false, overlap = false;
    for (auto [b, p] : kBlocks) {
      uint32_t bl = b | ~mask4(p);
      if (base >= b && last <= bl) inside = true;
      if (base <= bl && last >= b) overlap = true;
    }
    if (overlap && !inside) undocumented("a network straddling a private range", s);
    result_bool(ctx, inside);
  });
}

void ipv4_netmask_suffix(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    auto ip = parse_v4(text_arg(argv[0]));
    if (!ip) return sqlite3_result_null(ctx);
    sqlite3_result_int(ctx, ip->prefix);
  });
}

// kql_ipv6_parse(ip, prefix): the canonical IPv6 text masked by min(prefix, ip's), or "".
void ipv6_parse(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    auto p = prefix_arg(argv[1], 128);
    auto ip = parse_v6(text_arg(argv[0]));
    if (!ip || !p) return result_text(ctx, "");
    result_text(ctx, format6(masked6(ip->b, std::min(*p, ip->prefix))));
  });
}

void ipv6_compare(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    auto p = prefix_arg(argv[2], 128);
    auto a = parse_v6(text_arg(argv[0]));
    auto b = parse_v6(text_arg(argv[1]));
    if (!a || !b || !p) return sqlite3_result_null(ctx);
    int m = std::min({*p, a->prefix, b->prefix});
    Bytes x = masked6(a->b, m), y = masked6(b->b, m);
    sqlite3_result_int(ctx, x < y ? -1 : x > y ? 1 : 0);
  });
}

bool in_range6(const V6& ip, std::string_view ip_text, const V6& range) {
  if (ip.has_prefix && ip.prefix != 128)
    undocumented("an address with a prefix tested against a range", ip_text);
  return masked6(ip.b, range.prefix) == masked6(range.b, range.prefix);
}

void ipv6_in_range(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    auto ip = parse_v6(text_arg(argv[0]));
    auto range = parse_v6(text_arg(argv[1]));
    if (!ip || !range) return sqlite3_result_null(ctx);
    result_bool(ctx, in_range6(*ip, text_arg(argv[0]), *range));
  });
}

void ipv6_in_any_range(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    auto ranges = string_array(argv[1], "ranges that are not an array of strings");
    auto ip = parse_v6(text_arg(argv[0]));
    if (!ip) return sqlite3_result_null(ctx);
    bool any = false;
    for (auto& r : ranges) {
      auto range = parse_v6(r);
      if (!range) undocumented("an invalid range among the ranges", r);
      any = in_range6(*ip, text_arg(argv[0]), *range) || any;
    }
    result_bool(ctx, any);
  });
}

// A needle of has_ipv4 (full address) or has_ipv4_prefix ("a.", "a.b.", "a.b.c." or a full
// address): its text, or nullopt when it is not a valid one (the call cannot match it).
std::optional<std::string> needle(const std::string& s, bool prefix) {
  auto parts = split(s, '.');
  bool full = parts.size() == 4 && !parts.back().empty();
  bool shape = full || (prefix && parts.size() >= 2 && parts.size() <= 4 && parts.back().empty());
  size_t n = full ? 4 : parts.size() - 1;
  if (shape) {
    for (size_t i = 0; i < n; ++i)
      if (!all_digits(parts[i])) shape = false;
  }
  if (!shape) {
    for (char c : s)
      if (is_space(c) || c == '/') undocumented("an address with white space or a prefix", s);
    return std::nullopt;
  }
  bool lz = false;
  for (size_t i = 0; i < n; ++i)
    if (part_value(parts[i], lz) < 0) return std::nullopt;
  if (lz) undocumented("an IPv4 part with a leading zero", s);
  return s;
}

bool ascii_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// A neighbour of a run: 0 = clear delimiter (or the text's end), 1 = letter, 2 = undecided.
int neighbour(std::string_view s, size_t i, bool exists) {
  if (!exists) return 0;
  auto c = static_cast<unsigned char>(s[i]);
  if (ascii_letter(c)) return 1;
  if (c == '_' || c >= 0x80) return 2;
  return 0;
}

// kql_has_ipv4(text, needles, prefix): needles is a JSON array of strings.
void has_ipv4(sqlite3_context* ctx, int, sqlite3_value** argv) {
  guarded(ctx, [&] {
    bool prefix = sqlite3_value_int(argv[2]) != 0;
    std::vector<std::string> needles;
    for (auto& s : string_array(argv[1], "addresses that are not an array of strings"))
      if (auto n = needle(s, prefix)) needles.push_back(*n);
    auto matches = [&](const std::string& addr) {
      for (auto& n : needles)
        if (n.back() == '.' ? addr.starts_with(n) : addr == n) return true;
      return false;
    };
    std::string_view text = text_arg(argv[0]);
    bool undecided = false;
    size_t i = 0;
    while (i < text.size()) {
      if (!is_digit(text[i]) && text[i] != '.') {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < text.size() && (is_digit(text[j]) || text[j] == '.')) ++j;
      auto parts = split(text.substr(i, j - i), '.');
      int before = neighbour(text, i - 1, i > 0), after = neighbour(text, j, j < text.size());
      for (size_t w = 0; w + 4 <= parts.size(); ++w) {
        bool starts = w == 0, ends = w + 4 == parts.size();
        if ((starts && before == 1) || (ends && after == 1)) continue;
        bool lz = false, ok = true;
        uint32_t v = 0;
        for (size_t k = w; k < w + 4; ++k) {
          int x = part_value(parts[k], lz);
          if (x < 0) ok = false;
          v = v << 8 | static_cast<uint32_t>(x < 0 ? 0 : x);
        }
        if (!ok || !matches(format4(v))) continue;
        if (starts && ends && !lz && before == 0 && after == 0) return result_bool(ctx, true);
        undecided = true;
      }
      i = j;
    }
    if (undecided) undocumented("an address in the text that is not clearly delimited", text);
    result_bool(ctx, false);
  });
}

}  // namespace

std::span<const SqliteScalar> sqlite_ip_functions() {
  static const SqliteScalar kFunctions[] = {
      {"kql_ipv4_parse", 2, ipv4_parse},
      {"kql_ipv4_format", 4, ipv4_format},
      {"kql_ipv4_compare", 3, ipv4_compare},
      {"kql_ipv4_in_range", 2, ipv4_in_range},
      {"kql_ipv4_in_any_range", 2, ipv4_in_any_range},
      {"kql_ipv4_is_private", 1, ipv4_is_private},
      {"kql_ipv4_netmask_suffix", 1, ipv4_netmask_suffix},
      {"kql_ipv6_parse", 2, ipv6_parse},
      {"kql_ipv6_compare", 3, ipv6_compare},
      {"kql_ipv6_in_range", 2, ipv6_in_range},
      {"kql_ipv6_in_any_range", 2, ipv6_in_any_range},
      {"kql_has_ipv4", 3, has_ipv4},
  };
  return kFunctions;
}

}  // namespace kql::run
