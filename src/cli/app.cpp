#include "cli/app.h"

#include <cstdio>

namespace kql::cli {
int run(int, char**) {
  std::fputs("kqlint: the command line is being assembled\n", stderr);
  return 2;
}
}  // namespace kql::cli
