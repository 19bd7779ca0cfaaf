#pragma once
// RE2 (KQL's regex dialect) -> Zeek's pattern language, exactly or not at all.
//
// Zeek patterns (src/re-scan.l, re-parse.y in Zeek) are flex-style: literals, `.`, classes
// with [:name:] expressions, * + ? {n,m}, groups, |, ^ $ and (?i:...). A backslash followed by
// any other character is that character, so RE2's \d \w \s \b would compile and silently
// match a literal d, w, s, b. The converter therefore parses the RE2 syntax itself and
//  - rewrites \d \D \w \W \s \S (outside and inside classes) as explicit ASCII classes, which
//    is exactly what RE2 means by them;
//  - drops lazy markers (`*?`): KQL's `matches regex` only asks whether there is a match,
//    and laziness never changes that;
//  - turns (?:...) and named groups into plain groups, a leading (?i) into (?i:...);
//  - rejects what Zeek cannot say: \b \B, \p{..}, \Q..\E, \C, back-references, lookaround,
//    flags other than i, `{,n}`, case-insensitive ranges that mix letters and non-letters.
// Non-ASCII characters are matched as their UTF-8 bytes (see docs/zeek.md).
#include <cstdint>
#include <string>
#include <string_view>

namespace kql::zeek {

struct RegexConversion {
  bool ok = false;
  std::string body;     // the pattern body, to be written between slashes
  std::string error;    // why it cannot be converted, when !ok
  uint32_t offset = 0;  // byte offset of the offending construct in the RE2 text
};

RegexConversion convert_re2(std::string_view re2);

}  // namespace kql::zeek
