#include "config/glob.h"

#include <vector>

namespace kql {
namespace {

std::vector<std::string_view> segments(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t slash = s.find('/', start);
    if (slash == std::string_view::npos) slash = s.size();
    std::string_view seg = s.substr(start, slash - start);
    if (!seg.empty() && seg != ".") out.push_back(seg);  // "a//b" and "./a" mean "a/b", "a"
    start = slash + 1;
  }
  return out;
}

// Length of the UTF-8 sequence starting at s[i] (1 for a stray byte), so '?' and classes
// consume whole code points.
size_t code_point_length(std::string_view s, size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  return i + n <= s.size() ? n : 1;
}

// Matches a bracket class at pattern[p] ('[') against the code point text[t..t+len).
// Returns the pattern index after the class, or npos when the class does not match or is
// unterminated (then '[' is an ordinary character, handled by the caller).
size_t match_class(std::string_view pattern, size_t p, std::string_view ch, bool& matched) {
  size_t i = p + 1;
  bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negate) ++i;
  bool hit = false;
  bool first = true;
  while (i < pattern.size() && (pattern[i] != ']' || first)) {
    first = false;
    size_t len = code_point_length(pattern, i);
    std::string_view lo = pattern.substr(i, len);
    i += len;
    if (i + 1 < pattern.size() && pattern[i] == '-' && pattern[i + 1] != ']') {
      size_t hlen = code_point_length(pattern, i + 1);
      std::string_view hi = pattern.substr(i + 1, hlen);
      i += 1 + hlen;
      if (lo <= ch && ch <= hi) hit = true;  // byte order equals code point order in UTF-8
    } else if (lo == ch) {
      hit = true;
    }
  }
  if (i >= pattern.size()) return std::string_view::npos;
  matched = hit != negate;
  return i + 1;
}

// A pattern segment as a list of tokens, so escapes and classes are decoded once.
struct Token {
  enum Kind { Star, AnyChar, Class, Literal } kind;
  std::string_view text;  // Class: the whole "[...]"; Literal: one code point
};

std::vector<Token> tokenize(std::string_view pattern) {
  std::vector<Token> out;
  for (size_t p = 0; p < pattern.size();) {
    char c = pattern[p];
    if (c == '*') {
      if (out.empty() || out.back().kind != Token::Star) out.push_back({Token::Star, {}});
      ++p;
    } else if (c == '?') {
      out.push_back({Token::AnyChar, {}});
      ++p;
    } else if (c == '[') {
      bool unused = false;
      size_t end = match_class(pattern, p, "", unused);
      if (end == std::string_view::npos) {  // no closing ']': a literal '['
        out.push_back({Token::Literal, pattern.substr(p, 1)});
        ++p;
      } else {
        out.push_back({Token::Class, pattern.substr(p, end - p)});
        p = end;
      }
    } else {
      if (c == '\\' && p + 1 < pattern.size()) ++p;
      size_t len = code_point_length(pattern, p);
      out.push_back({Token::Literal, pattern.substr(p, len)});
      p += len;
    }
  }
  return out;
}

bool token_matches(const Token& token, std::string_view ch) {
  switch (token.kind) {
    case Token::AnyChar:
      return true;
    case Token::Literal:
      return token.text == ch;
    case Token::Class: {
      bool matched = false;
      match_class(token.text, 0, ch, matched);
      return matched;
    }
    case Token::Star:
      return false;
  }
  return false;
}

// One path segment against one pattern segment: greedy with backtracking to the last '*',
// which is linear enough for file names.
bool match_segment(std::string_view pattern, std::string_view text) {
  std::vector<Token> tokens = tokenize(pattern);
  size_t p = 0, t = 0;
  size_t star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    size_t len = code_point_length(text, t);
    if (p < tokens.size() && tokens[p].kind == Token::Star) {
      star_p = ++p;
      star_t = t;
      continue;
    }
    if (p < tokens.size() && token_matches(tokens[p], text.substr(t, len))) {
      ++p;
      t += len;
      continue;
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    star_t += code_point_length(text, star_t);
    t = star_t;
  }
  while (p < tokens.size() && tokens[p].kind == Token::Star) ++p;
  return p == tokens.size();
}

// Pattern segments against path segments; with `prefix_ok`, matching a leading part of the
// path (a directory above the file) is enough. Memoised so that several '**' stay linear.
bool match_segments(const std::vector<std::string_view>& pat,
                    const std::vector<std::string_view>& path, bool prefix_ok) {
  const size_t np = pat.size(), nt = path.size();
  // ok[i][j]: pat[i..] matches path[j..]
  std::vector<std::vector<char>> ok(np + 1, std::vector<char>(nt + 1, 0));
  for (size_t j = 0; j <= nt; ++j) ok[np][j] = (j == nt || prefix_ok) ? 1 : 0;
  for (size_t i = np; i-- > 0;) {
    for (size_t j = nt + 1; j-- > 0;) {
      if (pat[i] == "**") {
        ok[i][j] = ok[i + 1][j] || (j < nt && ok[i][j + 1]);
      } else {
        ok[i][j] = j < nt && match_segment(pat[i], path[j]) && ok[i + 1][j + 1];
      }
    }
  }
  return ok[0][0] != 0;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  while (!pattern.empty() && pattern.back() == '/') pattern.remove_suffix(1);
  if (pattern.empty()) return false;
  std::vector<std::string_view> path_segments = segments(path);
  if (pattern.find('/') == std::string_view::npos) {
    if (pattern == "**") return true;
    for (std::string_view seg : path_segments)
      if (match_segment(pattern, seg)) return true;
    return false;
  }
  return match_segments(segments(pattern), path_segments, true);
}

}  // namespace kql
