// Words Kusto treats as keywords in some places and names in others, checked one by one
// against Microsoft's parser (Kusto.Language): `title` may be declared but not referenced,
// `typeof` and `withsource` may be referenced, `toscalar`/`totable` only as calls.
#include <doctest/doctest.h>

#include "syntax_test_util.h"

using namespace kql::test;

TEST_CASE("names Kusto accepts") {
  for (const char* q :
       {"T | extend title = 1", "print title = 1", "T | parse x with title \":\" *",
        "datatable(title:string)[\"a\"]",
        "T | render timechart with (title=\"x\", accumulate=true)", "T | extend accumulate = 1",
        "print x = toscalar(1)", "print toscalar(T | count)", "print totable = 1",
        "T | where typeof == 1", "T | project typeof", "T | extend t = typeof(long)",
        "T | where withsource == 1", "union withsource=S T, U"}) {
    CAPTURE(q);
    auto p = parse(q);
    CHECK_MESSAGE(p->ok(), p->first_message());
  }
}

TEST_CASE("keywords Kusto rejects as bare names") {
  for (const char* q :
       {"T | project title", "T | where title == 1", "T | summarize count() by title",
        "let title = 1; print title", "T | sort by title", "T | project accumulate",
        "T | project toscalar", "T | where totable == 1"}) {
    CAPTURE(q);
    CHECK_FALSE(parse(q)->ok());
  }
}
