// See hoist_subqueries.h for why and what.
#include "backend/sql/hoist_subqueries.h"

#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

namespace kql::sql {

namespace {

struct Group {
  size_t open = 0;   // index of '('
  size_t close = 0;  // index of the matching ')'
  int parent = -1;
  std::vector<int> children;
  bool derived = false;    // (SELECT|WITH ...) right after FROM/JOIN, followed by AS tN
  std::string alias;       // tN, when derived
  size_t replace_end = 0;  // end of "AS tN", when derived
  bool hoisted = false;
  bool root = false;           // an uncorrelated subquery: its derived tables may be hoisted
  bool holds_hoisted = false;  // some descendant is hoisted
};

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Every parenthesis pair outside quoted strings and identifiers, or nullopt when the text is
// not something this pass understands (unbalanced, unterminated quote, a comment).
std::optional<std::vector<Group>> scan_groups(std::string_view s) {
  std::vector<Group> groups;
  std::vector<int> open;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\'' || c == '"') {  // 'it''s', "a""b"
      for (++i;; ++i) {
        if (i >= s.size()) return std::nullopt;
        if (s[i] != c) continue;
        if (i + 1 < s.size() && s[i + 1] == c) {
          ++i;
          continue;
        }
        break;
      }
    } else if ((c == '-' && i + 1 < s.size() && s[i + 1] == '-') ||
               (c == '/' && i + 1 < s.size() && s[i + 1] == '*')) {
      return std::nullopt;
    } else if (c == '(') {
      Group g;
      g.open = i;
      g.parent = open.empty() ? -1 : open.back();
      groups.push_back(g);
      int id = static_cast<int>(groups.size()) - 1;
      if (g.parent >= 0) groups[g.parent].children.push_back(id);
      open.push_back(id);
    } else if (c == ')') {
      if (open.empty()) return std::nullopt;
      groups[open.back()].close = i;
      open.pop_back();
    }
  }
  if (!open.empty()) return std::nullopt;
  return groups;
}

// The word that ends right before `end` (skipping spaces), e.g. FROM.
std::string_view word_before(std::string_view s, size_t end) {
  size_t e = end;
  while (e > 0 && s[e - 1] == ' ') --e;
  size_t b = e;
  while (b > 0 && ident_char(s[b - 1])) --b;
  return s.substr(b, e - b);
}

bool starts_with_word(std::string_view s, size_t at, std::string_view word) {
  while (at < s.size() && s[at] == ' ') ++at;
  return s.substr(at, word.size()) == word &&
         (at + word.size() == s.size() || !ident_char(s[at + word.size()]));
}

// After the ')' at `close`: " AS tN" -> the alias and where it ends.
std::optional<std::pair<std::string, size_t>> alias_after(std::string_view s, size_t close) {
  size_t i = close + 1;
  while (i < s.size() && s[i] == ' ') ++i;
  if (s.substr(i, 2) != "AS" || i + 2 >= s.size() || s[i + 2] != ' ') return std::nullopt;
  i += 3;
  while (i < s.size() && s[i] == ' ') ++i;
  size_t b = i;
  if (i >= s.size() || s[i] != 't') return std::nullopt;
  for (++i; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) {
  }
  if (i == b + 1 || (i < s.size() && ident_char(s[i]))) return std::nullopt;
  return std::make_pair(std::string(s.substr(b, i - b)), i);
}

class Hoister {
 public:
  Hoister(std::string_view sql, std::vector<Group> groups) : s_(sql), g_(std::move(groups)) {}

  std::optional<std::string> run() {
    for (auto& g : g_) {
      std::string_view before = word_before(s_, g.open);
      if (before != "FROM" && before != "JOIN") continue;
      if (!starts_with_word(s_, g.open + 1, "SELECT") && !starts_with_word(s_, g.open + 1, "WITH"))
        continue;
      auto a = alias_after(s_, g.close);
      if (!a) continue;
      g.derived = true;
      g.alias = a->first;
      g.replace_end = a->second;
    }
    // Roots: the statement itself, and any (SELECT ...) subquery that refers to no alias defined
    // outside it (an uncorrelated IN (SELECT ...) of a let table, say): what such a subquery
    // contains can be read anywhere.
    for (auto& g : g_)
      g.root = !g.derived && starts_with_word(s_, g.open + 1, "SELECT") && self_contained(g);
    // Top-down: a derived table is hoisted when its parent is the statement, a root or a hoisted
    // derived table, and that parent is not a WITH (whose CTE names its children may use).
    for (auto& g : g_) {
      if (!g.derived) continue;
      if (g.parent < 0) {
        g.hoisted = true;
      } else {
        const Group& p = g_[g.parent];
        g.hoisted = (p.hoisted || p.root) && !starts_with_word(s_, p.open + 1, "WITH");
      }
      // Anywhere else (a NOT EXISTS anti-join, a WITH body), one that names nothing from outside.
      if (!g.hoisted) g.hoisted = self_contained(g);
    }
    for (size_t i = g_.size(); i-- > 0;)
      if (g_[i].hoisted || g_[i].holds_hoisted)
        for (int p = g_[i].parent; p >= 0 && !g_[p].holds_hoisted; p = g_[p].parent)
          g_[p].holds_hoisted = true;
    std::vector<int> top;
    for (size_t i = 0; i < g_.size(); ++i)
      if (g_[i].parent < 0) top.push_back(static_cast<int>(i));
    std::string main = render(0, s_.size(), top);
    if (failed_) return std::nullopt;
    if (ctes_.empty()) return std::string(s_);
    std::string out = "WITH ";
    for (size_t i = 0; i < ctes_.size(); ++i)
      out += (i ? ", " : "") + ctes_[i].first + " AS (" + ctes_[i].second + ")";
    return out + " " + main;
  }

 private:
  // The text of [begin, end) with each hoisted child replaced by its alias (its CTE registered
  // first, so every CTE comes after the ones it reads).
  std::string render(size_t begin, size_t end, const std::vector<int>& children) {
    std::string out;
    size_t at = begin;
    for (int id : children) {
      const Group& g = g_[id];
      if (!g.hoisted) {
        if (g.holds_hoisted) {  // a root, or a group on the way to one: rendered inside
          out.append(s_.substr(at, g.open + 1 - at));
          out += render(g.open + 1, g.close, g.children);
          at = g.close;
        }
        continue;
      }
      out.append(s_.substr(at, g.open - at));
      std::string body = render(g.open + 1, g.close, g.children);
      auto seen = bodies_.find(g.alias);
      if (seen == bodies_.end()) {
        bodies_.emplace(g.alias, body);
        ctes_.emplace_back(g.alias, body);
      } else if (seen->second != body) {
        failed_ = true;  // one alias, two relations: leave the statement as it is
      }
      out += g.alias;
      at = g.replace_end;
    }
    out.append(s_.substr(at, end - at));
    return out;
  }

  // Every tN. the group's text refers to is an alias it defines itself (AS tN, or tN as a CTE).
  bool self_contained(const Group& g) const {
    std::string_view text = s_.substr(g.open, g.close - g.open + 1);
    std::set<std::string_view> defined, used;
    for (size_t i = 0; i + 1 < text.size(); ++i) {
      if (text[i] != 't' || (i > 0 && (ident_char(text[i - 1]) || text[i - 1] == '"'))) continue;
      size_t e = i + 1;
      while (e < text.size() && std::isdigit(static_cast<unsigned char>(text[e]))) ++e;
      if (e == i + 1 || (e < text.size() && ident_char(text[e]))) continue;
      std::string_view name = text.substr(i, e - i);
      bool after_as = i >= 3 && text.substr(i - 3, 3) == "AS ";
      bool cte = text.substr(e, 1) == "(" || text.substr(e, 5) == " AS (";
      if (after_as || cte)
        defined.insert(name);  // AS tN, tN(...) AS (...), tN AS (...)
      else
        used.insert(name);  // tN."col", FROM tN
      i = e - 1;
    }
    for (auto u : used)
      if (!defined.count(u)) return false;
    return true;
  }

  std::string_view s_;
  std::vector<Group> g_;
  std::vector<std::pair<std::string, std::string>> ctes_;
  std::map<std::string, std::string> bodies_;
  bool failed_ = false;
};

}  // namespace

std::string hoist_derived_tables(const std::string& sql) {
  if (starts_with_word(sql, 0, "WITH")) return sql;
  auto groups = scan_groups(sql);
  if (!groups) return sql;
  auto out = Hoister(sql, std::move(*groups)).run();
  return out ? *out : sql;
}

}  // namespace kql::sql
