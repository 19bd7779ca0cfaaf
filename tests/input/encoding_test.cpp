// Invalid UTF-8, NUL bytes and empty files give diagnostics, never a crash.
#include "helpers.h"
#include "input/utf8.h"

using namespace kql;
using namespace kql::test;

TEST_CASE("invalid UTF-8 is reported at the bad byte and the file is not checked") {
  auto e = extract_fixture("bad/invalid_utf8.kql");
  CHECK(e.queries.empty());
  REQUIRE(e.diags.size() == 1);
  CHECK(e.diags[0].code == "KQL0002");
  CHECK(e.diags[0].name == "invalid-utf8");
  CHECK(e.diags[0].severity == Severity::Error);
  CHECK(e.file->position(e.diags[0].range.begin).line == 2);
  CHECK(e.file->position(e.diags[0].range.begin).column == 18);
  CHECK(e.diags[0].message.find("0xE9") != std::string::npos);
}

TEST_CASE("NUL bytes are reported with their count") {
  auto e = extract_fixture("bad/nul.kql");
  CHECK(e.queries.empty());
  REQUIRE(e.diags.size() == 1);
  CHECK(e.diags[0].code == "KQL0003");
  CHECK(e.file->position(e.diags[0].range.begin).column == 2);
  REQUIRE(e.diags[0].notes.size() == 1);
  CHECK(e.diags[0].notes[0].message == "3 NUL bytes in all");
}

TEST_CASE("empty and white-space-only files hold no query") {
  for (const char* name : {"bad/empty.kql", "bad/whitespace.kql"}) {
    auto e = extract_fixture(name);
    CHECK(e.queries.empty());
    REQUIRE(e.diags.size() == 1);
    CHECK(e.diags[0].code == "KQL0005");
    CHECK(e.diags[0].severity == Severity::Info);
  }
  auto comments = extract_text("c.kql", "// just a note\n");
  CHECK(comments.queries.empty());
  REQUIRE(comments.diags.size() == 1);
  CHECK(comments.diags[0].code == "KQL0005");
}

TEST_CASE("UTF-8 validation follows RFC 3629") {
  CHECK_FALSE(utf8::find_invalid("plain ascii"));
  CHECK_FALSE(utf8::find_invalid("caf\xC3\xA9 \xF0\x9F\x98\x80 \xE2\x82\xAC"));
  auto overlong = utf8::find_invalid("a\xC0\xAFz");
  REQUIRE(overlong);
  CHECK(overlong->offset == 1);
  CHECK(overlong->length == 2);
  CHECK(utf8::find_invalid("\xED\xA0\x80")->offset == 0);      // a UTF-16 surrogate
  CHECK(utf8::find_invalid("\xF4\x90\x80\x80")->offset == 0);  // past U+10FFFF
  CHECK(utf8::find_invalid("ab\xE2\x82")->offset == 2);        // truncated at the end
  CHECK(utf8::bom_length("\xEF\xBB\xBFx") == 3);
  CHECK(utf8::bom_length("x") == 0);
}

TEST_CASE("binary garbage never crashes extraction") {
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk += static_cast<char>((i * 7919 + 13) % 256);
  for (const char* name : {"x.kql", "x.yaml", "x.md"}) {
    auto e = extract_text(name, junk);
    CHECK(e.queries.empty());
    CHECK(!e.diags.empty());
  }
}
