// Syntax diagnostics: KQL-worded messages, exact positions (tabs, CRLF, BOM, multi-byte
// UTF-8: columns count code points), one error per independent mistake, no cascades.
#include <doctest/doctest.h>

#include "syntax_test_util.h"

using kql::test::parse;

TEST_CASE("every syntax error is KQL0001 syntax-error") {
  auto p = parse("T | project a b");
  REQUIRE(p->diags.size() == 1);
  CHECK(p->diags[0].code == "KQL0001");
  CHECK(p->diags[0].name == "syntax-error");
  CHECK(p->diags[0].severity == kql::Severity::Error);
  CHECK_FALSE(p->result.ok);
}

TEST_CASE("messages say what is wrong in KQL terms") {
  CHECK(parse("T | where x |")->first_message() == "1:13: '|' must be followed by an operator");
  CHECK(parse("T | where x | | take 1")->first_message() ==
        "1:13: '|' must be followed by an operator");
  CHECK(parse("T | wher x")->first_message() == "1:5: 'wher' is not a query operator");
  CHECK(parse("T | where x == \"abc")->first_message() == "1:16: unterminated string literal");
  CHECK(parse("T | where (a == 1")->first_message() == "1:18: expected ')' to close '(' at 1:11");
  CHECK(parse("T | where a == 1)")->first_message() == "1:17: unmatched ')'");
  CHECK(parse("T | where f(a ]")->first_message() ==
        "1:15: expected ')' to close '(' at 1:12, found ']'");
  CHECK(parse("T | where a ==")->first_message() == "1:15: expected an expression after '=='");
  CHECK(parse("T | where x == 'C:\\Windows'")->first_message() ==
        "1:19: invalid escape sequence '\\W' in string literal");
  CHECK(parse("T | where a && b")->first_message() == "1:13: unexpected '&'");
  CHECK(parse("T | where a == \u201Cx\u201D")->first_message() ==
        "1:16: unexpected typographic quote '\u201C'");
  auto two = parse("T | take 1\nT2 | take 1");
  CHECK(two->first_message() ==
        "2:1: unexpected 'T2' after the end of the statement on line 1; is a ';' missing?");
}

TEST_CASE("no message dumps ANTLR token sets") {
  const char* broken[] = {"T | project a b",   "T | summarize count( by x",
                          "let = 5; T",        "T | join (X) on",
                          "T | where x in ()", "datatable(a:string) [1,",
                          "T | extend = 1",    "T | mv-expand",
                          "print 1 +",         "T | sort by"};
  for (const char* q : broken) {
    CAPTURE(q);
    auto p = parse(q);
    REQUIRE_FALSE(p->diags.empty());
    for (auto& d : p->diags) {
      CHECK(d.message.find('{') == std::string::npos);
      CHECK(d.message.find("<EOF>") == std::string::npos);
      CHECK(d.message.find("mismatched input") == std::string::npos);
      CHECK(d.message.find("extraneous") == std::string::npos);
    }
  }
}

TEST_CASE("independent errors are all reported, without cascades") {
  // One error per statement...
  auto p = parse("T | project a b;\nT | where;\nT | take 1");
  CHECK(p->messages().size() == 2);
  CHECK(p->result.tree->statements.size() == 1);  // the statement that parsed is kept
  // ...and per pipe stage.
  auto q = parse("T | project a b | where c d | take 1");
  REQUIRE(q->messages().size() == 2);
  CHECK(q->messages()[0].rfind("1:15:", 0) == 0);
  CHECK(q->messages()[1].rfind("1:27:", 0) == 0);
  // A broken string reports once, not once per fragment of the rest of its line.
  auto r = parse("T | where a == \"C:\\Windows\\x\" and b == 'y' | take 1");
  CHECK(r->messages().size() == 1);
}

TEST_CASE("positions with tabs, CRLF, BOM and multi-byte UTF-8") {
  // A tab is one column.
  CHECK(parse("T\t| where a b")->first_message() == "1:13: unexpected 'b' after 'a'");
  // CRLF line ends.
  CHECK(parse("T\r\n| where a\r\n| project x y")->first_message() ==
        "3:13: unexpected 'y' after 'x'");
  // A UTF-8 BOM is not a column.
  CHECK(parse("\xEF\xBB\xBFT | project x y")->first_message() == "1:15: unexpected 'y' after 'x'");
  // Multi-byte characters count one column each: "é" (2 bytes), "→" (3 bytes), "😀" (4).
  auto p = parse("T | where s == \"é→😀\" | project x y");
  CHECK(p->first_message() == "1:34: unexpected 'y' after 'x'");
  // The byte range covers the token exactly.
  REQUIRE(p->diags.size() == 1);
  CHECK(p->diags[0].range.end - p->diags[0].range.begin == 1);
  CHECK(p->query.text.substr(p->diags[0].range.begin, 1) == "y");
}

TEST_CASE("names with non-ASCII letters parse (through the generated lexer)") {
  auto p = parse("T | extend Größe = 1 | where Größe > 0");
  CHECK_MESSAGE(p->ok(), p->first_message());
}

TEST_CASE("errors carry a help line where one helps") {
  auto p = parse("T | where x == 'C:\\Windows'");
  REQUIRE(p->diags.size() == 1);
  CHECK(p->diags[0].help.find("verbatim") != std::string::npos);
  auto q = parse("T\nT2");
  REQUIRE(q->diags.size() == 1);
  CHECK(q->diags[0].help.find("';'") != std::string::npos);
}
