// The hand-written FastLexer must produce exactly the tokens of the generated ANTLR lexer
// (grammar/KqlLexer.g4 is the definition). Compared on every literal spelled in the grammar,
// on tricky hand-picked inputs, on generated inputs, and on the shared corpus when present.
#include <doctest/doctest.h>

#include <filesystem>
#include <optional>
#include <random>
#include <regex>
#include <tuple>
#include <vector>

#include "CommonTokenStream.h"
#include "KqlLexer.h"
#include "syntax/code_points.h"
#include "syntax/fast_lexer.h"
#include "syntax_test_util.h"

namespace fs = std::filesystem;
using kql::syntax_detail::CodePointStream;
using kql::syntax_detail::DecodedText;
using kql::syntax_detail::FastLexer;

namespace {

using Tok = std::tuple<size_t, size_t, size_t, size_t, size_t>;  // type, start, stop, line, col

std::vector<Tok> collect(antlr4::TokenSource* source) {
  antlr4::CommonTokenStream ts(source);
  ts.fill();
  std::vector<Tok> out;
  for (auto* t : ts.getTokens())
    if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL)
      out.emplace_back(t->getType(), t->getStartIndex(), t->getStopIndex(), t->getLine(),
                       t->getCharPositionInLine());
  return out;
}

// Returns false when the fast lexer declined the text; fails the test on a mismatch.
bool same_tokens(const std::string& text) {
  DecodedText d;
  kql::syntax_detail::decode_utf8(text, d);
  CodePointStream in;
  in.assign(d.code_points);
  kqlgen::KqlLexer antlr_lexer(&in);
  antlr_lexer.removeErrorListeners();
  std::vector<Tok> expected = collect(&antlr_lexer);
  CodePointStream in2;
  in2.assign(d.code_points);
  FastLexer fast;
  if (!fast.prepare(d.code_points, &in2)) return false;
  std::vector<Tok> actual = collect(&fast);
  CAPTURE(text);
  REQUIRE(actual.size() == expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    CAPTURE(i);
    CHECK(std::get<0>(actual[i]) == std::get<0>(expected[i]));
    CHECK(std::get<1>(actual[i]) == std::get<1>(expected[i]));
    CHECK(std::get<2>(actual[i]) == std::get<2>(expected[i]));
    CHECK(std::get<3>(actual[i]) == std::get<3>(expected[i]));
    CHECK(std::get<4>(actual[i]) == std::get<4>(expected[i]));
  }
  return true;
}

}  // namespace

TEST_CASE("fast lexer: every literal in the lexer grammar") {
  std::string grammar = kql::test::read_file(std::string(KQ_SOURCE_DIR) + "/grammar/KqlLexer.g4");
  REQUIRE(!grammar.empty());
  std::regex literal("'((?:[^'\\\\\\n]|\\\\.)+)'");
  int n = 0;
  for (auto it = std::sregex_iterator(grammar.begin(), grammar.end(), literal);
       it != std::sregex_iterator(); ++it) {
    std::string lit = (*it)[1];
    if (lit.find('\\') != std::string::npos) continue;  // escapes inside character sets
    for (std::string text : {lit, lit + " x", lit + "x", lit + "-x", "x " + lit, lit + "(1)",
                             lit + "~", "!" + lit, lit + "_cs"})
      CHECK(same_tokens(text));
    ++n;
  }
  CHECK(n > 150);
}

TEST_CASE("fast lexer: tricky inputs") {
  const char* cases[] = {
      "1d 2h 30m 10s 100ms 1tick 1.5h 2days 10min 10mins 3microseconds 5ticks 1e5 1.5e-3 1.e5",
      "0x1F 0x 0xg 0x1Fh 10dx 2022MostExploited 1..5 1.5 .5 123abc 1d2 7d_",
      "\"a\\\"b\" 'it\\'s' @\"C:\\x\"\"y\" @'a''b' h\"s\" H'x' h@\"v\" \"\\q\" '\\",
      "\"unterminated\n'also\n@\"verbatim\nx",
      "```multi\nline``` ```open ~~~tilde~~~ ~~ ~",
      "datetime(2021-01-01 10:00) datetime (x) datetime( datetime(a(b)) time(1d) timespan(1:00)"
      " guid(null) datetime_add",
      "$left.x $right $ $1 !contains !contains_cs !in~ !in !between !=!~ ! !x !has_cs",
      "project-away project- project-awayx mv-expand mvexpand in~ in~x notcontainscs",
      "a==b a=~b a=>b a<>b a<=b a>=b a..b a.b a//c\nd /* x */ a % b ? c",
      "\t\r\n\f\v  x\r\ny",
      "// comment only",
      "",
      "\x01\x02 # & ^ \\ `",
      "TRUE True true False FALSE double boolean external_data with_source",
  };
  for (const char* c : cases) CHECK(same_tokens(c));
}

TEST_CASE("fast lexer: non-ASCII names, spaces, strings, comments and stray characters") {
  CHECK(same_tokens("T | extend Größe = 1, 名前 = 2, имя_2 = 3, x٣ = 4, _é = 5"));
  CHECK(same_tokens("1é 2名 é1 ٣ ½ x½ \xEF\xBF\xBD 😀 a😀b ©"));
  CHECK(same_tokens("\xE2\x80\x8Bx\xE2\x80\xAFy\xE3\x80\x80z"));  // U+200B, U+202F, U+3000
  CHECK(same_tokens("T | where x == \"é→😀\" // ünïcode comment\n| take 1"));
  CHECK(same_tokens("\xEF\xBB\xBFT\xC2\xA0| take 1"));  // BOM and NBSP are whitespace
}

TEST_CASE("fast lexer: generated inputs") {
  const char* pieces[] = {"a",   "1",  "d", "h", "\"",        "'",    "@",    "\\",  "-", "~",
                          "!",   "in", "=", "<", ">",         ".",    "(",    ")",   " ", "\n",
                          "`",   "$",  "x", "e", "0x",        "ms",   "5",    "_",   "/", "project",
                          "has", "cs", "|", ",", "datetime(", "guid", "tick", "min", "*", "H"};
  std::mt19937 rng(12345);
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    int len = 1 + static_cast<int>(rng() % 12);
    for (int k = 0; k < len; ++k) text += pieces[rng() % (sizeof pieces / sizeof *pieces)];
    same_tokens(text);
  }
}

TEST_CASE("fast lexer: the syntax fixtures") {
  int files = 0;
  for (auto& e : fs::recursive_directory_iterator(fs::path(KQ_SOURCE_DIR) / "fixtures/syntax")) {
    if (e.path().extension() != ".kql") continue;
    ++files;
    CHECK(same_tokens(kql::test::read_file(e.path().string())));
  }
  CHECK(files >= 22);
}

TEST_CASE("fast lexer: the shared corpus, when present") {
  fs::path corpus = fs::path(KQ_SOURCE_DIR) / "../shared/corpus/queries";
  if (!fs::exists(corpus)) {
    MESSAGE("skipped: " << corpus.string() << " not present");
    return;
  }
  int files = 0;
  for (auto& e : fs::recursive_directory_iterator(corpus)) {
    if (e.path().extension() != ".kql") continue;
    ++files;
    CHECK(same_tokens(kql::test::read_file(e.path().string())));
  }
  CHECK(files > 2000);
}
