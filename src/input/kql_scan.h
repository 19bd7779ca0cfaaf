#pragma once
// A light lexical scan of KQL text: just enough to know, without parsing, where strings,
// comments and brackets are. Used to split files at blank lines and to spot `//` comments in
// folded YAML. It never fails: unterminated strings end at the line end (or, for multi-line
// ``` and ~~~ strings, at the end of the text).
#include <cstdint>
#include <string_view>
#include <vector>

namespace kql::scan {

struct Token {
  uint32_t begin = 0;
  uint32_t end = 0;
  enum Kind { Word, Punct, String, Number } kind = Punct;
  int depth = 0;  // bracket depth before the token
};

struct Line {
  uint32_t begin = 0;      // offset of the first byte
  uint32_t end = 0;        // offset of the terminator ('\n' or "\r\n") or the text end
  bool blank = false;      // only spaces and tabs (a line inside a multi-line string is not)
  bool in_string = false;  // starts inside a multi-line string
  int depth = 0;           // bracket depth at the start of the line
};

struct Comment {
  uint32_t begin = 0;  // the first '/'
  uint32_t end = 0;    // the line end
};

struct Scan {
  std::vector<Token> tokens;  // significant tokens only
  std::vector<Line> lines;
  std::vector<Comment> comments;
};

Scan scan(std::string_view text);

}  // namespace kql::scan
