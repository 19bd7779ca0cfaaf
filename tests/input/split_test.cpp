// The Auto split policy (docs/splitting.md), case by case.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "input/kql_blocks.h"

using namespace kql;

namespace {

std::vector<std::string> blocks(const std::string& text, SplitMode mode = SplitMode::Auto) {
  std::vector<std::string> out;
  for (const Block& b : split_blocks(text, mode))
    out.push_back(text.substr(b.begin, b.end - b.begin));
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("independent queries split at blank lines") {
  CHECK(blocks("T | take 1\n\nU | take 2\n") == V{"T | take 1", "U | take 2"});
  CHECK(blocks("T\n  \t\nU") == V{"T", "U"});  // a line of spaces and tabs is blank
  CHECK(blocks("T\r\n\r\nU\r\n") == V{"T", "U"});
}

TEST_CASE("a block that starts as a continuation joins the previous one") {
  CHECK(blocks("T\n\n| where x\n").size() == 1);
  CHECK(blocks("T | project a\n\n, b\n").size() == 1);
  CHECK(blocks("T | where a\n\nand b\n").size() == 1);
  CHECK(blocks("T | where a\n\n  or b\n").size() == 1);
  CHECK(blocks("T | join (U) \n\non $left.a == $right.a\n").size() == 1);
}

TEST_CASE("a block that ends as a continuation takes the next one") {
  CHECK(blocks("T |\n\nwhere x\n").size() == 1);
  CHECK(blocks("T | where a ==\n\n1\n").size() == 1);
  CHECK(blocks("T | summarize count() by\n\nx\n").size() == 1);
  CHECK(blocks("T | where a and\n\nb\n").size() == 1);
}

TEST_CASE("brackets and multi-line strings hold blank lines") {
  CHECK(blocks("T | where a in (\n\n1, 2)\n").size() == 1);
  CHECK(blocks("let f = () {\n  T\n\n  | take 1\n};\nf()\n").size() == 1);
  CHECK(blocks("print ```a\n\nb```\n\nprint 2\n") == V{"print ```a\n\nb```", "print 2"});
  CHECK(blocks("print ~~~a\n\nb~~~\n").size() == 1);
  // A quote inside a comment or a closed string opens nothing.
  CHECK(blocks("T // don't\n\nU\n") == V{"T // don't", "U"});
  CHECK(blocks("print \"(\"\n\nU\n").size() == 2);
  CHECK(blocks("print @\"c:\\\"\n\nU\n").size() == 2);
}

TEST_CASE("declarations join the query that follows them") {
  CHECK(blocks("let a = 1;\n\nlet b = 2;\n\nT | where x == a\n\nU\n") ==
        V{"let a = 1;\n\nlet b = 2;\n\nT | where x == a", "U"});
  CHECK(blocks("set notruncation;\n\nT\n").size() == 1);
  CHECK(blocks("declare query_parameters(n:int = 1);\n\nT | take n\n").size() == 1);
  // A block with a let and a query is a whole query.
  CHECK(blocks("let a = 1;\nT\n\nU\n").size() == 2);
}

TEST_CASE("comment-only blocks describe the query after them") {
  CHECK(blocks("// Hunt one\n\nT\n\n// Hunt two\n\nU\n") ==
        V{"// Hunt one\n\nT", "// Hunt two\n\nU"});
  CHECK(blocks("T\n\n// trailing note\n") == V{"T\n\n// trailing note"});
  CHECK(blocks("// only comments\n\n// here\n").empty());
  CHECK(blocks("").empty());
  CHECK(blocks("\n\n\n").empty());
}

TEST_CASE("control commands stand alone") { CHECK(blocks("T\n\n.show tables\n").size() == 2); }

TEST_CASE("BlankLines is the Defender editor's view: every blank line splits") {
  CHECK(blocks("T\n\n| where x\n", SplitMode::BlankLines) == V{"T", "| where x"});
  CHECK(blocks("T | where a in (\n\n1)\n", SplitMode::BlankLines).size() == 2);
  CHECK(blocks("// c\n\nT\n", SplitMode::BlankLines) == V{"T"});
  // Multi-line strings still hold their blank lines, as in Kusto.Language's CodeScript.
  CHECK(blocks("print ```a\n\nb```\n", SplitMode::BlankLines).size() == 1);
}

TEST_CASE("Never keeps everything between the first and last non-blank line") {
  CHECK(blocks("\n\nT\n\nU\n\n", SplitMode::Never) == V{"T\n\nU"});
}
