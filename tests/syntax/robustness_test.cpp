// Invalid and extreme input never crashes, hangs or overflows the stack; it gets a diagnostic.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "syntax/walk.h"
#include "syntax_test_util.h"

using kql::test::parse;

TEST_CASE("10,000 nested parentheses are rejected before the recursive parser runs") {
  std::string q = "print " + std::string(10000, '(') + "1" + std::string(10000, ')');
  auto p = parse(q);
  REQUIRE(p->diags.size() == 1);
  CHECK(p->diags[0].message.find("nested more than 200 levels") != std::string::npos);
  // Just under the limit still parses.
  std::string ok = "print " + std::string(190, '(') + "1" + std::string(190, ')');
  CHECK(parse(ok)->ok());
}

TEST_CASE("very long chains are bounded") {
  std::string chain = "T | where a";
  for (int i = 0; i < 5000; ++i) chain += " or a";
  auto p = parse(chain);
  REQUIRE(p->diags.size() == 1);
  CHECK(p->diags[0].message.find("deep") != std::string::npos);

  std::string pipes = "T";
  for (int i = 0; i < 300; ++i) pipes += " | where a";
  auto q = parse(pipes);
  CHECK(q->ok());
  CHECK(kql::ast::tree_depth(*q->result.tree->statements[0]) < kql::kMaxTreeDepth);
}

TEST_CASE("empty input, comments only, whitespace only") {
  CHECK(parse("")->ok());
  CHECK(parse("   \n\t\r\n")->ok());
  CHECK(parse("// nothing\n// here")->ok());
  CHECK(parse("")->result.tree->statements.empty());
}

TEST_CASE("binary junk, NUL bytes and invalid UTF-8 give diagnostics") {
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk += static_cast<char>((i * 7919) % 256);
  auto p = parse(junk);
  CHECK_FALSE(p->diags.empty());
  auto nul = parse(std::string("T | where a == 1\0 | take 1", 26));
  REQUIRE_FALSE(nul->diags.empty());
  CHECK(nul->diags[0].message == "unexpected NUL byte");
  auto bad = parse("T | where a == \"\xff\xfe\" | take 1\n\xc3(");
  REQUIRE_FALSE(bad->diags.empty());
  CHECK(bad->diags[0].message == "invalid UTF-8 byte 0xFF");
}

TEST_CASE("a 10 MB query file parses in reasonable time") {
  std::string big;
  big.reserve(10'500'000);
  while (big.size() < 10'000'000)
    big +=
        "DeviceProcessEvents | where FileName =~ \"powershell.exe\" and ProcessCommandLine "
        "has_any (\"-enc\", \"-e \") | project Timestamp, DeviceName;\n";
  auto start = std::chrono::steady_clock::now();
  auto p = parse(big);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(p->ok());
  CHECK(p->result.tree->statements.size() > 50000);
  CHECK(seconds < 30);
}

TEST_CASE("a 10 MB file of one broken line does not cascade") {
  std::string big = "T | where x == ";
  big += std::string(10'000'000, 'a');
  big += " b";
  auto p = parse(big);
  CHECK(p->diags.size() == 1);
}

TEST_CASE("errors are capped per query") {
  std::string junk;
  for (int i = 0; i < 1'000'000; ++i) junk += "! @ # "[i % 6];  // separate stray characters
  auto p = parse(junk);
  REQUIRE(p->diags.size() == kql::kMaxSyntaxErrors + 1);
  CHECK(p->diags.back().message == "too many syntax errors; the rest of the query is not checked");
  std::string statements;
  for (int i = 0; i < 500; ++i) statements += "T | project a b;\n";
  CHECK(parse(statements)->diags.size() == kql::kMaxSyntaxErrors + 1);
}
