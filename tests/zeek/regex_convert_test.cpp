// RE2 -> Zeek pattern conversion: what is rewritten exactly, what is rejected and where.
#include "backend/zeek/regex_convert.h"

#include <doctest/doctest.h>

using kql::zeek::convert_re2;

namespace {
std::string body(const char* re) {
  auto r = convert_re2(re);
  INFO(re, " -> ", r.error);
  REQUIRE(r.ok);
  return r.body;
}
}  // namespace

TEST_CASE("literals, classes, groups and quantifiers carry over") {
  CHECK(body("abc") == "abc");
  CHECK(body("a.b*c+d?") == "a.b*c+d?");
  CHECK(body("(ab|cd){2,5}") == "(ab|cd){2,5}");
  CHECK(body("x{3}y{1,}") == "x{3}y{1,}");
  CHECK(body("^foo$") == "^foo$");
  CHECK(body("[a-z0-9]") == "[a-z0-9]");
  CHECK(body("[^a-c]") == "[^a-c]");
  CHECK(body("[[:alpha:]_]") == "[[:alpha:]\\_]");
}

TEST_CASE("punctuation is escaped so that Zeek reads it literally") {
  CHECK(body("a\\.b") == "a\\.b");
  CHECK(body("/etc/passwd") == "\\/etc\\/passwd");
  CHECK(body("\"q\"") == "\\\"q\\\"");
  CHECK(body("a b") == "a\\x20b");
  // A brace that does not start a repetition is a literal in RE2.
  CHECK(body("a{b}") == "a\\{b\\}");
}

TEST_CASE("shorthand classes become the explicit ASCII classes RE2 means") {
  CHECK(body("\\d+") == "[0-9]+");
  CHECK(body("\\D") == "[^0-9]");
  CHECK(body("\\w") == "[0-9A-Za-z_]");
  CHECK(body("\\s") == "[\\x09\\x0a\\x0c\\x0d\\x20]");
  CHECK(body("[\\d.]") == "[0-9\\.]");
  CHECK(body("\\Aabc\\z") == "^abc$");
}

TEST_CASE("non-capturing and named groups, lazy quantifiers, (?i)") {
  CHECK(body("(?:ab)+") == "(ab)+");
  CHECK(body("(?P<x>ab)") == "(ab)");
  CHECK(body("a+?b*?") == "a+b*");
  CHECK(body("(?i)abc") == "(?i:abc)");
  CHECK(body("x(?i:ab)y") == "x(?i:ab)y");
}

TEST_CASE("non-ASCII characters stay whole under a quantifier") {
  CHECK(body("\xc3\xa9+") == "(\\xc3\\xa9)+");
}

TEST_CASE("constructs Zeek cannot express are rejected with their offset") {
  struct Case {
    const char* re;
    uint32_t offset;
    const char* words;
  } cases[] = {
      {"\\bcurl\\b", 0, "word boundaries"},
      {"ab(?=c)", 2, "lookaround"},
      {"(a)\\1", 3, "back-references"},
      {"\\p{Greek}", 0, "Unicode"},
      {"(?m)^a", 0, "flags"},
      {"[\\S]", 1, "negated shorthand"},
      {"a**", 0, "repeated quantifier"},
      {"*a", 0, "nothing to repeat"},
      {"(ab", 0, "missing ')'"},
      {"ab)", 2, "unbalanced"},
      {"\\x{263a}", 0, "\\x{"},
      {"(?i)\xc3\xa9", 4, "non-ASCII"},
      {"(?i)[0-z]", 5, "mixing letters"},
      {"\\Qa.b\\E", 0, "\\Q"},
  };
  for (auto& c : cases) {
    auto r = convert_re2(c.re);
    CAPTURE(c.re);
    CHECK(!r.ok);
    CHECK(r.offset == c.offset);
    CHECK(r.error.find(c.words) != std::string::npos);
  }
}
