// re2_to_postgres: RE2 patterns (Kusto's) rewritten as PostgreSQL AREs of the same meaning, and
// the patterns refused because PostgreSQL would match them differently.
#include "backend/sql/pg_regex.h"

#include <doctest/doctest.h>

using kql::sql::re2_to_postgres;

namespace {
std::string convert(const char* re2, bool positions = false) {
  std::string why;
  auto are = re2_to_postgres(re2, positions, why);
  return are ? *are : "refused: " + why;
}
bool refused(const char* re2, bool positions) {
  std::string why;
  return !re2_to_postgres(re2, positions, why) && !why.empty();
}
}  // namespace

TEST_CASE("RE2 classes and escapes become their exact ARE spelling") {
  CHECK(convert("a.c") == "a[^\\n]c");  // RE2's dot stops at a newline
  CHECK(convert("(?s)a.c") == "a.c");   // ... unless (?s)
  CHECK(convert(R"(\d+\w\s)") == "[0-9]+[0-9A-Za-z_][\\t\\n\\f\\r ]");  // ASCII, as RE2
  CHECK(convert(R"(\D\W\S)") == "[^0-9][^0-9A-Za-z_][^\\t\\n\\f\\r ]");
  CHECK(convert(R"([\d_-])") == "[0-9_-]");
  CHECK(convert(R"(\x41B)") == "\\U00000041B");  // an ARE's \x would eat the B
  CHECK(convert(R"(a{b})") == "a\\{b}");         // a '{' that starts no bound is itself
  CHECK(convert(R"(\A\.txt\z)") == "\\A\\.txt\\Z");
  CHECK(convert("(?P<name>x)(?:y)") == "(x)(?:y)");
  // Leading options only; (?m) is PostgreSQL's w (^ and $ at line ends).
  CHECK(convert("(?i)abc") == "(?i)abc");
  CHECK(convert("(?im)^a") == "(?iw)^a");
}

TEST_CASE("what has no exact ARE form is refused") {
  CHECK(refused(R"(\bword\b)", false));  // \b is a backspace in an ARE
  CHECK(refused("[[:alpha:]]", false));  // locale-dependent on PostgreSQL
  CHECK(refused("a(?i)b", false));       // options inside the pattern
  CHECK(refused("(?=a)", false));        // RE2 has no lookahead: Kusto refuses it
  CHECK(refused(R"(\pL)", false));
  CHECK(refused("a{300}", false));  // PostgreSQL's repeat limit is 255
  CHECK(refused(R"((a)\1)", false));
}

TEST_CASE("positions: only patterns both engines split the same way") {
  // Alternation, lazy quantifiers and optional or repeated groups: RE2 takes the first
  // choice, PostgreSQL the longest ((a|ab) on "abc": "a" against "ab").
  CHECK(refused("(a|ab)", true));
  CHECK(refused("a+?b+", true));  // lazy beside another repeat
  CHECK(refused("(ab)+?", true));
  CHECK(refused("(ab)?(abcd)?", true));
  CHECK(refused("(ab)+c", true));
  CHECK(refused("a*", true));  // matches the empty string
  // Sequences of one-character atoms under greedy quantifiers are the same in both.
  CHECK(convert(R"(Email: (\S+),)", true) == "Email: ([^\\t\\n\\f\\r ]+),");
  CHECK(convert(R"((\w)(\w+)(\w))", true) == "([0-9A-Za-z_])([0-9A-Za-z_]+)([0-9A-Za-z_])");
  CHECK(convert("(ab){2}c?", true) == "(ab){2}c?");
  // A lazy repeat that is the only one: the shortest match in both.
  CHECK(convert(R"q("name":"(.*?)")q", true) == R"q("name":"([^\n]*?)")q");
  // Matching alone is indifferent to which alternative wins.
  CHECK(convert("(a|ab)", false) == "(a|ab)");
}
