#pragma once
// How much a run looked at, for the summary line and the JSON header.
#include <cstddef>

namespace kql {

struct RunCounts {
  size_t files = 0;
  size_t queries = 0;
};

}  // namespace kql
