// SourceFile line/column maps and Query offset mapping.
#include <doctest/doctest.h>

#include "source/query.h"
#include "source/source_file.h"

using namespace kql;

TEST_CASE("columns count code points; a tab is one column") {
  SourceFile f("t.kql", "a\tb\nü€x\n");
  CHECK(f.position(2).line == 1);
  CHECK(f.position(2).column == 3);
  CHECK(f.position(4).line == 2);
  CHECK(f.position(4).column == 1);
  CHECK(f.position(9).column == 3);  // 'x' after a 2-byte and a 3-byte character
  CHECK(f.line_count() == 3);
  CHECK(f.line_text(2) == "ü€x");
}

TEST_CASE("CRLF lines and a BOM") {
  SourceFile f("t.kql", "\xEF\xBB\xBFT\r\n| take 1\r\n");
  CHECK(f.position(3).line == 1);
  CHECK(f.position(3).column == 1);  // the BOM takes no column
  CHECK(f.position(4).column == 2);
  CHECK(f.position(6).line == 2);
  CHECK(f.line_text(1) == "\xEF\xBB\xBFT");
  CHECK(f.line_text(2) == "| take 1");
  CHECK(f.line_start(2) == 6);
  CHECK(f.position(1000).line == 3);  // clamps to the end
}

TEST_CASE("whole_file maps 1:1 and the index agrees with the line scan") {
  SourceFile f("t.kql", "T\n| where a == 1\n\n| take 5");
  Query q = Query::whole_file(f);
  CHECK(q.pieces.size() == 4);
  Query unindexed = q;
  unindexed.pieces.clear();
  for (uint32_t i = 0; i <= q.text.size(); ++i) {
    CHECK(q.file_offset(i) == i);
    CHECK(unindexed.file_offset(i) == i);
  }
}

TEST_CASE("pieces map a query assembled from several file ranges") {
  // "  a\n  b" with two columns of indentation stripped: query "a\nb".
  SourceFile f("r.yaml", "q: |\n  a\n  b\n");
  Query q;
  q.file = &f;
  q.text = "a\nb\n";
  q.line_origins = {7, 11, 13};
  q.index_lines();
  REQUIRE(q.pieces.size() == 3);
  CHECK(q.file_offset(0) == 7);
  CHECK(q.file_offset(1) == 8);
  CHECK(q.file_offset(2) == 11);
  CHECK(q.position(2).line == 3);
  CHECK(q.position(2).column == 3);
}
