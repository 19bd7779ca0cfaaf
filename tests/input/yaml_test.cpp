// Sentinel YAML rules: every scalar style, CRLF, metadata, and the YAML diagnostics.
#include "helpers.h"

using namespace kql;
using namespace kql::test;

TEST_CASE("a literal block scalar maps every line past its indentation") {
  auto e = extract_fixture("yaml/literal.yaml");
  REQUIRE(e.queries.size() == 1);
  const Query& q = e.queries[0];
  CHECK(q.text ==
        "DeviceNetworkEvents\n| where ActionType == \"SshConnectionInspected\"\n\n"
        "| extend AdditionalFields = todynamic(AdditionalFields)\n"
        "| project Timestamp, DeviceName, RemoteIP, Client = tostring(AdditionalFields.client)\n");
  CHECK(where(q, "DeviceNetworkEvents").line == 17);
  CHECK(where(q, "DeviceNetworkEvents").column == 3);
  CHECK(where(q, "SshConnectionInspected").line == 18);
  CHECK(where(q, "SshConnectionInspected").column == 26);
  CHECK(where(q, "project").line == 21);
  CHECK(where(q, "project").column == 5);
  CHECK(q.line_origins.size() == 6);
  CHECK(count_mismatched_bytes(q) == 0);
  CHECK(meta(q, "title") == "Outbound SSH from a workstation");
  CHECK(meta(q, "id") == "5d1f3c2a-0000-4000-8000-000000000001");
  CHECK(meta(q, "severity") == "Medium");
  CHECK(meta(q, "description") == "SSH sessions leaving a device.");
  CHECK(meta(q, "tactics") == "LateralMovement, CommandAndControl");
  CHECK(meta(q, "techniques") == "T1021.004");
  CHECK(meta(q, "tables") == "DeviceNetworkEvents, DeviceInfo");
  CHECK(e.diags.empty());
}

TEST_CASE("a folded scalar is what Kusto receives, and a // comment in it is reported") {
  auto e = extract_fixture("yaml/folded.yaml");
  REQUIRE(e.queries.size() == 1);
  const Query& q = e.queries[0];
  CHECK(q.text ==
        "DeviceNetworkEvents // only DNS | where ActionType == \"DnsConnectionInspected\" | "
        "take 10\n");
  CHECK(where(q, "| where").line == 5);
  CHECK(where(q, "| where").column == 3);
  CHECK(where(q, "take").line == 6);
  CHECK(where(q, "take").column == 5);
  REQUIRE(e.diags.size() == 1);
  const Diagnostic& d = e.diags[0];
  CHECK(d.code == "KQL0008");
  CHECK(d.name == "folded-comment");
  CHECK(d.severity == Severity::Warning);
  CHECK(e.file->position(d.range.begin).line == 4);
  CHECK(e.file->position(d.range.begin).column == 3);
  CHECK(e.file->position(d.range.end).column == 14);
  CHECK(d.message.find("line 5") != std::string::npos);
}

TEST_CASE("a plain multi-line scalar folds lines; an empty line becomes a line break") {
  auto e = extract_fixture("yaml/plain.yaml");
  REQUIRE(e.queries.size() == 1);
  const Query& q = e.queries[0];
  CHECK(q.text == "DeviceNetworkEvents | where RemotePort == 22\n| take 5");
  CHECK(where(q, "DeviceNetworkEvents").line == 2);
  CHECK(where(q, "DeviceNetworkEvents").column == 8);
  CHECK(where(q, "22").line == 3);
  CHECK(where(q, "22").column == 25);
  CHECK(where(q, "take").line == 5);
  CHECK(meta(q, "kind") == "Scheduled");
  CHECK(e.diags.empty());
}

TEST_CASE("a double-quoted scalar decodes escapes and keeps positions after them") {
  auto e = extract_fixture("yaml/quoted.yaml");
  REQUIRE(e.queries.size() == 1);
  const Query& q = e.queries[0];
  CHECK(q.text == "DeviceNetworkEvents\n| where RemoteUrl has \"évil\" | take 5");
  CHECK(where(q, "| where").line == 2);
  CHECK(where(q, "| where").column == 30);
  CHECK(where(q, "évil").column == 54);
  CHECK(where(q, "take").line == 3);
  CHECK(where(q, "take").column == 5);
  CHECK(meta(q, "title") == "Quoted queries");
  CHECK(e.diags.empty());
}

TEST_CASE("a single-quoted scalar reads '' as one quote") {
  auto e = extract_fixture("yaml/single_quoted.yaml");
  REQUIRE(e.queries.size() == 1);
  const Query& q = e.queries[0];
  CHECK(q.text == "DeviceNetworkEvents | where ActionType == 'HttpConnectionInspected'");
  CHECK(where(q, "'Http").column == 25);
  CHECK(where(q, "Http").column == 27);
  CHECK(where(q, "Http").line == 2);
}

TEST_CASE("CRLF YAML with a strip indicator") {
  auto e = extract_fixture("yaml/crlf.yaml");
  REQUIRE(e.queries.size() == 1);
  CHECK(e.queries[0].text == "DeviceInfo\n| take 1");
  CHECK(where(e.queries[0], "take").line == 4);
  CHECK(where(e.queries[0], "take").column == 5);
  CHECK(e.diags.empty());
}

TEST_CASE("several YAML documents give several queries") {
  auto e = extract_fixture("yaml/two_docs.yml");
  REQUIRE(e.queries.size() == 2);
  CHECK(e.queries[0].text == "DeviceInfo | take 1\n");
  CHECK(e.queries[1].text == "DeviceEvents\n  | take 2\n");
  CHECK(where(e.queries[1], "take").line == 8);
  CHECK(where(e.queries[1], "take").column == 9);
  CHECK(meta(e.queries[0], "title") == "first");
  CHECK(meta(e.queries[1], "title") == "second");
  CHECK(e.queries[1].index == 2);
}

TEST_CASE("invalid YAML is reported at yaml-cpp's position") {
  auto e = extract_fixture("yaml/invalid.yaml");
  CHECK(e.queries.empty());
  REQUIRE(e.diags.size() == 1);
  CHECK(e.diags[0].code == "KQL0004");
  CHECK(e.diags[0].name == "invalid-yaml");
  CHECK(e.diags[0].severity == Severity::Error);
  CHECK(e.diags[0].message.find("flow") != std::string::npos);
  CHECK(e.file->position(e.diags[0].range.begin).line >= 4);
}

TEST_CASE("YAML without a query is an info; an empty query is an error") {
  auto none = extract_fixture("yaml/no_query.yaml");
  CHECK(none.queries.empty());
  REQUIRE(none.diags.size() == 1);
  CHECK(none.diags[0].code == "KQL0005");
  CHECK(none.diags[0].severity == Severity::Info);

  auto empty = extract_fixture("yaml/empty_query.yaml");
  CHECK(empty.queries.empty());
  REQUIRE(empty.diags.size() == 1);
  CHECK(empty.diags[0].code == "KQL0006");
  CHECK(empty.diags[0].severity == Severity::Error);
  CHECK(empty.file->position(empty.diags[0].range.begin).line == 2);
  CHECK(empty.file->position(empty.diags[0].range.begin).column == 1);
}

TEST_CASE("a YAML scalar the mapper cannot rebuild falls back with a warning") {
  // Flow mappings are not mapped line by line: the query is yaml-cpp's value, and its
  // positions point at the value's start.
  auto e = extract_text("r.yaml", "{name: x,\n query: DeviceInfo | take 1}\n");
  REQUIRE(e.queries.size() == 1);
  CHECK(e.queries[0].text == "DeviceInfo | take 1");
  CHECK(where(e.queries[0], "take").line == 2);
  CHECK(where(e.queries[0], "take").column == 22);
  REQUIRE(e.diags.size() == 1);
  CHECK(e.diags[0].code == "KQL0009");
  CHECK(e.diags[0].severity == Severity::Warning);
}

TEST_CASE("a YAML escape yaml-cpp rejects is invalid YAML") {
  auto e = extract_text("r.yaml", "query: \"a\\qb\"\n");
  REQUIRE(e.diags.size() == 1);
  CHECK(e.diags[0].code == "KQL0004");
}

TEST_CASE("a BOM before YAML keeps positions") {
  auto e = extract_text("r.yaml", "\xEF\xBB\xBFquery: |\n  DeviceInfo\n  | take 1\n");
  REQUIRE(e.queries.size() == 1);
  CHECK(e.queries[0].text == "DeviceInfo\n| take 1\n");
  CHECK(where(e.queries[0], "DeviceInfo").line == 2);
  CHECK(where(e.queries[0], "DeviceInfo").column == 3);
  CHECK(count_mismatched_bytes(e.queries[0]) == 0);
}

TEST_CASE("block scalars: keep chomping, explicit indentation and more-indented folded lines") {
  auto keep = extract_text("r.yaml", "query: |+\n  T\n\n\nx: 1\n");
  REQUIRE(keep.queries.size() == 1);
  CHECK(keep.queries[0].text == "T\n\n\n");

  auto indent = extract_text("r.yaml", "query: |2\n    T\n  | take 1\n");
  REQUIRE(indent.queries.size() == 1);
  CHECK(indent.queries[0].text == "  T\n| take 1\n");
  CHECK(where(indent.queries[0], "T").column == 5);

  auto folded = extract_text("r.yaml", "query: >\n  a\n    b\n  c\n\n  d\n");
  REQUIRE(folded.queries.size() == 1);
  CHECK(folded.queries[0].text == "a\n  b\nc\nd\n");
  CHECK(where(folded.queries[0], "d").line == 6);
  CHECK(folded.diags.empty());
}

TEST_CASE("a stray comma does not hang the YAML reader (yaml-cpp LoadAll bug #1040)") {
  auto comma = extract_text("r.yaml", ",");
  CHECK(comma.queries.empty());
  auto after = extract_text("r.yaml", "query: T | take 1\n---\n,\n---\nquery: U\n");
  REQUIRE(after.queries.size() == 2);
  CHECK(after.queries[1].text == "U");
  CHECK(after.queries[1].position(0).line == 5);
}
