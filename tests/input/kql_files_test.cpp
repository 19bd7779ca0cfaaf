// Plain .kql files: blank-line splitting, the metadata header, BOM/CRLF/tab/multibyte positions.
#include "helpers.h"

using namespace kql;
using namespace kql::test;

TEST_CASE("a .kql file with several queries splits the way Auto documents") {
  auto e = extract_fixture("kql/multi.kql");
  REQUIRE(e.queries.size() == 4);
  // 1: the header and the query re-joined across the blank line before `| where`.
  CHECK(e.queries[0].text.rfind("// title:", 0) == 0);
  CHECK(e.queries[0].text.find("| where RemoteIPType == \"Public\"") != std::string::npos);
  // 2: the comment-only block belongs to the query after it.
  CHECK(e.queries[1].text.rfind("// Versions of TLS", 0) == 0);
  CHECK(e.queries[1].text.find("SslConnectionInspected") != std::string::npos);
  // 3: a block holding only `let` joins the query that uses it.
  CHECK(e.queries[2].text.rfind("let Ports", 0) == 0);
  CHECK(e.queries[2].text.find("in (Ports)") != std::string::npos);
  // 4: a blank line inside brackets does not split.
  CHECK(e.queries[3].text.find("445, 139)") != std::string::npos);
  for (size_t i = 0; i < e.queries.size(); ++i) {
    CHECK(e.queries[i].index == i + 1);
    CHECK(count_mismatched_bytes(e.queries[i]) == 0);
  }
  CHECK(where(e.queries[1], "SslConnectionInspected").line == 16);
  CHECK(where(e.queries[1], "SslConnectionInspected").column == 24);
  CHECK(where(e.queries[3], "445").line == 27);
  CHECK(where(e.queries[3], "445").column == 5);
  CHECK(e.diags.empty());
}

TEST_CASE("BlankLines splits at every blank line and drops comment-only blocks") {
  auto e = extract_fixture("kql/multi.kql", SplitMode::BlankLines);
  // header+query, "| where ...", SSL query, let, `in (Ports)` query, `in (`, `445, 139)`.
  REQUIRE(e.queries.size() == 7);
  CHECK(e.queries[1].text == "| where RemoteIPType == \"Public\"");
  CHECK(e.queries[1].position(0).line == 11);
  CHECK(e.queries[6].text == "    445, 139)");
}

TEST_CASE("Never keeps the file as one query") {
  auto e = extract_fixture("kql/multi.kql", SplitMode::Never);
  REQUIRE(e.queries.size() == 1);
  CHECK(e.queries[0].text.find("445, 139)") != std::string::npos);
  CHECK(where(e.queries[0], "445").line == 27);
}

TEST_CASE("the metadata header goes to every query of the file") {
  auto e = extract_fixture("kql/multi.kql");
  REQUIRE(e.queries.size() == 4);
  for (const auto& q : e.queries) {
    CHECK(meta(q, "title") == "Two network hunts in one file");
    CHECK(meta(q, "description") ==
          "Inbound public connections, then SSL versions. The second line of the description "
          "continues here.");
    CHECK(meta(q, "tables") == "DeviceNetworkEvents");
    CHECK(meta(q, "kind") == "hunting");
    CHECK(meta(q, "https") == "<none>");
  }
}

TEST_CASE("blank lines inside multi-line strings never split") {
  auto e = extract_fixture("kql/strings.kql", SplitMode::BlankLines);
  REQUIRE(e.queries.size() == 2);
  CHECK(e.queries[0].text == "print s = ```first\n\nsecond```");
  CHECK(e.queries[1].text == "print t = \"a // not a comment\"");
}

TEST_CASE("BOM, CRLF, tabs and multi-byte characters keep file positions") {
  auto e = extract_fixture("kql/bom_crlf_tabs.kql");
  REQUIRE(e.queries.size() == 1);
  const Query& q = e.queries[0];
  CHECK(q.text.rfind("// title", 0) == 0);  // no BOM in the query
  CHECK(q.file_offset(0) == 3);
  CHECK(q.position(0).column == 1);
  CHECK(where(q, "DeviceNetworkEvents").line == 2);
  CHECK(where(q, "where").line == 3);
  CHECK(where(q, "where").column == 3);  // '|' then a tab: one column each
  // "bücher": ü is two bytes but one column.
  CHECK(where(q, "bücher").column == 23);
  CHECK(where(q, ".example").column == 29);
  CHECK(where(q, "project").line == 4);
  CHECK(meta(q, "title") == "BOM, CRLF and tabs");
  CHECK(count_mismatched_bytes(q) == 0);
}

TEST_CASE("file kinds come from the extension, in any case") {
  CHECK(file_kind_for_path("a/b.kql") == FileKind::Kql);
  CHECK(file_kind_for_path("a/b.CSL") == FileKind::Kql);
  CHECK(file_kind_for_path("b.kusto") == FileKind::Kql);
  CHECK(file_kind_for_path("r.yml") == FileKind::Yaml);
  CHECK(file_kind_for_path("r.YAML") == FileKind::Yaml);
  CHECK(file_kind_for_path("README.md") == FileKind::Markdown);
  CHECK(file_kind_for_path("notes.txt") == FileKind::Unknown);
  CHECK(file_kind_for_path(".kql") == FileKind::Unknown);
  CHECK(file_kind_for_path("dir.kql/file") == FileKind::Unknown);
}
