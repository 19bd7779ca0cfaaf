// SQLite side of the parse operator's matcher (backend/sql/translate_parse.cpp builds the
// pattern; backend/sql/functions/parse.cpp holds the pg_temp twin of the same algorithm).
#include <optional>
#include <string>
#include <vector>

#include "run/sqlite_value.h"

namespace kql::run {

namespace {

using nlohmann::json;

// One element of a parse pattern: "l" a literal, "*" a lazy skip, "s" a lazy capture, "S" a
// greedy capture, "n" an integer capture (-?[0-9]+, longest first). These are the regular
// expression `^` + elements that Kusto builds for kind=simple, matched leftmost-first as RE2
// does: lazy parts try the shortest text first, greedy ones the longest, and '.' never
// matches a newline. There is no end anchor: the match ends after the last element.
struct Element {
  char kind;
  std::string text;
};

bool match_at(const std::string& t, const std::vector<Element>& el, size_t i, size_t pos,
              std::vector<std::string>& caps) {
  if (i == el.size()) return true;
  const Element& e = el[i];
  if (e.kind == 'l') {
    if (t.compare(pos, e.text.size(), e.text) != 0) return false;
    return match_at(t, el, i + 1, pos + e.text.size(), caps);
  }
  size_t line_end = t.find('\n', pos);
  if (line_end == std::string::npos) line_end = t.size();
  auto take = [&](size_t end) {
    if (e.kind != '*') caps.push_back(t.substr(pos, end - pos));
    if (match_at(t, el, i + 1, end, caps)) return true;
    if (e.kind != '*') caps.pop_back();
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
  }
  return false;
}

// kql_parse(text, pattern): the captures as a JSON array of strings, or NULL without a match.
void fn_parse(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto spec = json_arg(a[1]);
  if (!spec || !spec->is_array()) return sqlite3_result_null(ctx);
  std::vector<Element> el;
  for (auto& x : *spec) {
    Element e{x.at(0).get<std::string>()[0], ""};
    if (x.size() > 1) e.text = x.at(1).get<std::string>();
    el.push_back(std::move(e));
  }
  std::string t(text_arg(a[0]));
  std::vector<std::string> caps;
  if (!match_at(t, el, 0, 0, caps)) return sqlite3_result_null(ctx);
  result_json(ctx, json(caps));
}

const SqliteScalar kFunctions[] = {
    {"kql_parse", 2, fn_parse},
};

}  // namespace

std::span<const SqliteScalar> sqlite_parse_functions() { return kFunctions; }

}  // namespace kql::run
