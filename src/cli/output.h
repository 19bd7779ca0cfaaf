#pragma once
// Shared by the commands that report diagnostics: the --format/--color/--split options, writing
// the chosen format, and the exit code that severity decides.
#include <iosfwd>
#include <optional>
#include <string>

#include "cli/check_driver.h"
#include "cli/commands.h"

namespace kql::cli {

struct OutputOptions {
  std::string format = "text";  // text | json | sarif | github
  std::string color = "auto";   // auto | always | never
};

void add_output_options(CLI::App& cmd, OutputOptions& options);
void add_split_option(CLI::App& cmd, std::string& split);

// Writes the diagnostics of `result` in the chosen format (path errors go to stderr) and
// returns the exit code: 2 when a path, config or schema extension could not be read, 1 when
// result.failed (a finding at or above its file's fail-on level), else 0.
int report(CheckResult& result, const OutputOptions& options, std::ostream& out);

}  // namespace kql::cli
