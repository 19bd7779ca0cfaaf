#include <doctest/doctest.h>

#include "lint_harness.h"

using kql::lint::test::lint_text;

TEST_CASE("adjacent-strings: a missing comma in a dynamic IOC list, comments in between") {
  const std::string q =
      "let Pipes = dynamic([\n"
      "    '\\\\psexecsvc',   // PsExec\n"
      "    '\\\\csexecsvc'    // CSEXEC\n"
      "    '\\\\status_'\n"
      "]);\n"
      "DeviceEvents\n"
      "| where ActionType == \"NamedPipeEvent\"\n"
      "| where tostring(parse_json(AdditionalFields).PipeName) has_any (Pipes)\n";
  auto run = lint_text(q);
  auto found = run.of("adjacent-strings");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->code == "KQL1303");
  CHECK(run.text(*found[0]) == "'\\\\status_'");
  CHECK(run.position(*found[0]).line == 4);
  CHECK(found[0]->message.find("'\\\\csexecsvc'") != std::string::npos);
  REQUIRE(found[0]->fix.has_value());
  CHECK_FALSE(found[0]->fix->safe);
  REQUIRE(found[0]->fix->edits.size() == 1);
  CHECK(found[0]->fix->edits[0].replacement == ",");
  // Right after the string the comma is missing from, before its comment.
  const std::string first = "'\\\\csexecsvc'";
  CHECK(found[0]->fix->edits[0].range.begin == q.find(first) + first.size());
  CHECK(found[0]->fix->edits[0].range.end == found[0]->fix->edits[0].range.begin);
}

TEST_CASE("adjacent-strings: in / has_any items and pack_array arguments") {
  auto run = lint_text(
      "DeviceProcessEvents\n"
      "| where FileName in~ (\"a.exe\", \"b.exe\"\n \"c.exe\")\n"
      "| where ProcessCommandLine has_any (\"-enc\" \"-e \", \"iex\")\n"
      "| extend L = pack_array(\"x\" @\"y\")\n");
  CHECK(run.of("adjacent-strings").size() == 3);
  // A datatable of sensitive groups (a public hunting query lost 'Domain Controllers' so).
  auto dt = lint_text(
      "let Tier0 = datatable(TargetGroup:string)\n['Domain Admins',\n'Domain Controllers'\n"
      "'Administrators'];\nTier0");
  REQUIRE(dt.of("adjacent-strings").size() == 1);
  CHECK(dt.text(*dt.of("adjacent-strings")[0]) == "'Administrators'");
}

TEST_CASE("adjacent-strings: silent on commas, single strings and a deliberate join") {
  CHECK(lint_text("let L = dynamic([\"a\", // one\n \"b\"]);\nprint L")
            .of("adjacent-strings")
            .empty());
  CHECK(lint_text("print r = \"a\" has_any (\"b\", 'c', @\"d\")").of("adjacent-strings").empty());
  // Outside a list, joining literals may be how a long pattern is split over lines.
  CHECK(lint_text("print s = extract(@\"(\\d+)\"\n  @\"-(\\d+)\", 1, \"1-2\")")
            .of("adjacent-strings")
            .empty());
  // A dynamic bag's keys and values are separated by ':' and ','.
  CHECK(lint_text("print b = dynamic({\"k\": \"v\", \"h\": 'w'})").of("adjacent-strings").empty());
}
