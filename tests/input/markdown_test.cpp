// Markdown: ```kql / ~~~kusto fences, other fences ignored, unterminated fences reported.
#include "helpers.h"

using namespace kql;
using namespace kql::test;

TEST_CASE("KQL fences are extracted with file positions; other fences are not") {
  auto e = extract_fixture("md/hunts.md");
  REQUIRE(e.queries.size() == 4);
  CHECK(e.queries[0].text == "DeviceNetworkEvents\n| where RemotePort == 3389");
  CHECK(where(e.queries[0], "3389").line == 11);
  CHECK(where(e.queries[0], "3389").column == 23);
  // A ~~~ fence inside a list item: its indentation is stripped from the query lines.
  CHECK(e.queries[1].text == "DeviceInfo\n| take 1");
  CHECK(where(e.queries[1], "take").line == 18);
  CHECK(where(e.queries[1], "take").column == 6);
  // One fence holding two queries separated by a blank line.
  CHECK(e.queries[2].text == "DeviceLogonEvents | take 1");
  CHECK(e.queries[3].text == "DeviceFileEvents | take 1");
  CHECK(e.queries[3].position(0).line == 24);
  for (const auto& q : e.queries) {
    CHECK(count_mismatched_bytes(q) == 0);
    CHECK(meta(q, "title") == "Hunts");  // the heading above the fences
  }
  CHECK(e.diags.empty());
}

TEST_CASE("an unterminated fence runs to the end of the file and is reported") {
  auto e = extract_fixture("md/unterminated.md");
  REQUIRE(e.queries.size() == 1);
  CHECK(e.queries[0].text == "DeviceInfo\n| take 1");
  CHECK(meta(e.queries[0], "title") == "<none>");
  REQUIRE(e.diags.size() == 1);
  CHECK(e.diags[0].code == "KQL0007");
  CHECK(e.diags[0].name == "unterminated-fence");
  CHECK(e.file->position(e.diags[0].range.begin).line == 3);
  CHECK(e.file->position(e.diags[0].range.end).column == 7);
}

TEST_CASE("Markdown without KQL fences holds no query and is not an error") {
  auto e = extract_text("README.md", "# Title\n\n```python\nprint(1)\n```\n");
  CHECK(e.queries.empty());
  CHECK(e.diags.empty());
}

TEST_CASE("each fence takes the title of the nearest heading above it") {
  auto e = extract_text("h.md",
                        "# Pack\n\n## First hunt ##\n```kql\nT\n```\n#nota heading\n"
                        "### Second\n~~~kusto\nU\n~~~\n");
  REQUIRE(e.queries.size() == 2);
  CHECK(meta(e.queries[0], "title") == "First hunt");
  CHECK(meta(e.queries[1], "title") == "Second");
}
