// SQLite side of the parse operator's matcher (backend/sql/translate_parse.cpp builds the
// pattern; backend/sql/functions/parse.cpp holds the pg_temp twin of the same algorithm).
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "run/sqlite_value.h"

namespace kql::run {

namespace {

using nlohmann::json;

// One element of a parse pattern: "l" a literal, "i" an ASCII literal matched without case
// (RE2's (?i): k also matches U+212A KELVIN SIGN, s U+017F LONG S), "*" a lazy skip, "G" a
// greedy skip, "s" a lazy capture, "S" a greedy capture, "n" an integer capture (-?[0-9]+,
// longest first), "m" the same lazy (shortest first). These are the regular expression `^` +
// elements that Kusto builds, matched leftmost-first as RE2 does: lazy parts try the shortest
// text first, greedy ones the longest, and '.' matches a newline only with the flag element
// ["f", "s"] first. There is no end anchor: the match ends after the last element.
struct Element {
  char kind;
  std::string text;
};

// The length of the case-insensitive match of ASCII `lit` at t[pos], or npos.
size_t match_folded(const std::string& t, size_t pos, const std::string& lit) {
  size_t p = pos;
  for (char c : lit) {
    if (p >= t.size()) return std::string::npos;
    char lc = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    unsigned char b = static_cast<unsigned char>(t[p]);
    char lt = (b >= 'A' && b <= 'Z') ? static_cast<char>(b - 'A' + 'a') : static_cast<char>(b);
    if (lt == lc) {
      ++p;
      continue;
    }
    if (lc == 'k' && t.compare(p, 3, "\xE2\x84\xAA") == 0) {
      p += 3;
      continue;
    }
    if (lc == 's' && t.compare(p, 2, "\xC5\xBF") == 0) {
      p += 2;
      continue;
    }
    return std::string::npos;
  }
  return p - pos;
}

bool match_at(const std::string& t, const std::vector<Element>& el, size_t i, size_t pos,
              std::vector<std::string>& caps, bool dot_all) {
  if (i == el.size()) return true;
  const Element& e = el[i];
  if (e.kind == 'l') {
    if (t.compare(pos, e.text.size(), e.text) != 0) return false;
    return match_at(t, el, i + 1, pos + e.text.size(), caps, dot_all);
  }
  if (e.kind == 'i') {
    size_t n = match_folded(t, pos, e.text);
    if (n == std::string::npos) return false;
    return match_at(t, el, i + 1, pos + n, caps, dot_all);
  }
  size_t line_end = dot_all ? std::string::npos : t.find('\n', pos);
  if (line_end == std::string::npos) line_end = t.size();
  auto take = [&](size_t end) {
    const bool capture = e.kind != '*' && e.kind != 'G';
    if (capture) caps.push_back(t.substr(pos, end - pos));
    if (match_at(t, el, i + 1, end, caps, dot_all)) return true;
    if (capture) caps.pop_back();
    return false;
  };
  auto boundary = [&](size_t p) {  // a code point starts at p
    return p >= t.size() || (static_cast<unsigned char>(t[p]) & 0xC0) != 0x80;
  };
  switch (e.kind) {
    case '*':
    case 's':
      for (size_t end = pos; end <= line_end; ++end)
        if (boundary(end) && take(end)) return true;
      return false;
    case 'S':
    case 'G':
      for (size_t end = line_end + 1; end-- > pos;)
        if (boundary(end) && take(end)) return true;
      return false;
    case 'n': {
      size_t start = pos < t.size() && t[pos] == '-' ? pos + 1 : pos;
      size_t digits = 0;
      while (start + digits < t.size() && t[start + digits] >= '0' && t[start + digits] <= '9')
        ++digits;
      for (size_t n = digits; n >= 1; --n)
        if (take(start + n)) return true;
      return false;
    }
    case 'm': {
      size_t start = pos < t.size() && t[pos] == '-' ? pos + 1 : pos;
      for (size_t n = 1;
           start + n <= t.size() && t[start + n - 1] >= '0' && t[start + n - 1] <= '9'; ++n)
        if (take(start + n)) return true;
      return false;
    }
  }
  return false;
}

// kql_parse(text, pattern): the captures as a JSON array of strings, or NULL without a match.
void fn_parse(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto spec = json_arg(a[1]);
  if (!spec || !spec->is_array()) return sqlite3_result_null(ctx);
  std::vector<Element> el;
  bool dot_all = false;
  for (auto& x : *spec) {
    Element e{x.at(0).get<std::string>()[0], ""};
    if (x.size() > 1) e.text = x.at(1).get<std::string>();
    if (e.kind == 'f') {
      dot_all = e.text.find('s') != std::string::npos;
      continue;
    }
    el.push_back(std::move(e));
  }
  std::string t(text_arg(a[0]));
  std::vector<std::string> caps;
  if (!match_at(t, el, 0, 0, caps, dot_all)) return sqlite3_result_null(ctx);
  result_json(ctx, json(caps));
}

// ----- parse-kv with pair_delimiter and kv_delimiter -------------------------------------

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string trim_spaces(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

struct KvSpec {
  std::string pair, kv;
  std::vector<std::pair<std::string, std::string>> quotes;  // open, close (one code point each)
  std::vector<std::string> escapes;
  std::vector<std::string> keys;
};

// One key or value starting at `pos`: up to the first of `stops` outside quotes. Leading and
// trailing white space is dropped; a field that starts (after white space) with an opening
// quote is the quoted text, escapes resolved, and whatever follows the closing quote up to
// the delimiter is ignored. Returns the delimiter found ("" at the end of the text).
std::string read_field(const std::string& t, size_t& pos, const KvSpec& s,
                       const std::vector<const std::string*>& stops, std::string& out) {
  size_t p = pos;
  while (p < t.size() && is_space(t[p]) && std::none_of(stops.begin(), stops.end(), [&](auto* d) {
           return t.compare(p, d->size(), *d) == 0;
         }))
    ++p;
  std::optional<std::string> quoted;
  for (auto& q : s.quotes) {
    if (t.compare(p, q.first.size(), q.first) != 0) continue;
    size_t i = p + q.first.size();
    std::string v;
    bool closed = false;
    while (i < t.size()) {
      bool esc = false;
      for (auto& e : s.escapes)
        if (t.compare(i, e.size(), e) == 0 && i + e.size() < t.size()) {
          i += e.size();
          esc = true;
          break;
        }
      if (!esc && t.compare(i, q.second.size(), q.second) == 0) {
        i += q.second.size();
        closed = true;
        break;
      }
      // one code point
      size_t n = 1;
      while (i + n < t.size() && (static_cast<unsigned char>(t[i + n]) & 0xC0) == 0x80) ++n;
      v += t.substr(i, n);
      i += n;
    }
    if (closed) {
      quoted = v;
      p = i;
    }
    break;
  }
  std::string raw;
  while (p < t.size()) {
    for (auto* d : stops)
      if (t.compare(p, d->size(), *d) == 0) {
        out = quoted ? *quoted : trim_spaces(raw);
        pos = p + d->size();
        return *d;
      }
    raw += t[p++];
  }
  out = quoted ? *quoted : trim_spaces(raw);
  pos = t.size() + 1;
  return "";
}

// kql_parse_kv(text, spec): the values of spec's keys (a JSON array, null where a key does
// not appear; its first appearance counts). spec: {"p": pair delimiter, "k": key/value
// delimiter, "q": [[open, close], ...], "e": [escape, ...], "keys": [...]}.
void fn_parse_kv(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto j = json_arg(a[1]);
  if (!j) return sqlite3_result_null(ctx);
  KvSpec s;
  s.pair = (*j)["p"].get<std::string>();
  s.kv = (*j)["k"].get<std::string>();
  for (auto& q : (*j)["q"]) s.quotes.push_back({q[0].get<std::string>(), q[1].get<std::string>()});
  for (auto& e : (*j)["e"]) s.escapes.push_back(e.get<std::string>());
  for (auto& k : (*j)["keys"]) s.keys.push_back(k.get<std::string>());
  std::string t(text_arg(a[0]));
  json out = json::array();
  for (size_t i = 0; i < s.keys.size(); ++i) out.push_back(nullptr);
  size_t pos = 0;
  while (pos <= t.size()) {
    std::string key, value;
    std::string d = read_field(t, pos, s, {&s.kv, &s.pair}, key);
    if (d != s.kv) continue;  // a pair without a key/value delimiter
    read_field(t, pos, s, {&s.pair}, value);
    for (size_t i = 0; i < s.keys.size(); ++i)
      if (s.keys[i] == key && out[i].is_null()) out[i] = value;
  }
  sqlite3_result_text(ctx, out.dump().c_str(), -1, SQLITE_TRANSIENT);
}

const SqliteScalar kFunctions[] = {
    {"kql_parse", 2, fn_parse},
    {"kql_parse_kv", 2, fn_parse_kv},
};

}  // namespace

std::span<const SqliteScalar> sqlite_parse_functions() { return kFunctions; }

}  // namespace kql::run
