// Ad-hoc: KQ_SEMA_QUERY='...' ./test_sema -tc='dev*' prints the bound result and problems.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>

#include "sema_test_util.h"

TEST_CASE("dev: bind a query from the environment") {
  const char* q = std::getenv("KQ_SEMA_QUERY");
  if (!q) return;
  auto b = kql::test::bind_text(q);
  std::printf("syntax errors: %zu\nresult: %s\n", b->syntax.size(), b->result().c_str());
  for (auto& p : b->problems()) std::printf("problem: %s\n", p.c_str());
}
