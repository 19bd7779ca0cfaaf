#include <doctest/doctest.h>

#include "harness.h"
#include "run/event_files.h"

using namespace kqtest;

TEST_CASE("smoke") {
  auto o = run_kql("datatable(a:long, b:string)[1, 'x', 2, 'y'] | where a > 1 | extend c = strcat(b, 'z')",
                   kql::run::Engine::Sqlite);
  INFO(o.sql);
  INFO(o.error);
  for (auto& n : o.names) INFO(n);
  CHECK(o.result.dump() == "");
}
