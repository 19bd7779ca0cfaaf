// `kqlint check` checks files on several threads; what it reports must not depend on that.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cli/check_driver.h"

namespace {

// Every diagnostic as one line (file, position, code, message), in reporting order.
std::vector<std::string> check_lines(unsigned jobs, bool syntax_only) {
  kql::cli::CheckOptions options;
  options.paths = {std::string(KQ_SOURCE_DIR) + "/rules", std::string(KQ_SOURCE_DIR) + "/fixtures"};
  options.jobs = jobs;
  options.syntax_only = syntax_only;
  kql::cli::CheckDriver driver(options);
  kql::cli::CheckResult result = driver.load();
  driver.check(result);
  std::vector<std::string> lines;
  for (const auto& d : result.diagnostics)
    lines.push_back((d.file ? d.file->path() : std::string("-")) + ":" +
                    std::to_string(d.range.begin) + ":" + d.code + ":" + d.message);
  return lines;
}

}  // namespace

TEST_CASE("one job and eight jobs report the same diagnostics in the same order") {
  for (bool syntax_only : {false, true}) {
    CAPTURE(syntax_only);
    auto serial = check_lines(1, syntax_only);
    // The fixtures hold many deliberately broken rules: the comparison is not vacuous.
    CHECK(serial.size() > (syntax_only ? 5u : 100u));
    for (int run = 0; run < 3; ++run) CHECK(check_lines(8, syntax_only) == serial);
  }
}
