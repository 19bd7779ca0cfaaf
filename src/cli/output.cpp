#include "cli/output.h"

#include <unistd.h>

#include <iostream>

#include "diag/color.h"
#include "diag/format_github.h"
#include "diag/format_json.h"
#include "diag/format_sarif.h"
#include "diag/format_text.h"
#include "diag/ordering.h"

#ifndef KQLINT_VERSION
#define KQLINT_VERSION "dev"
#endif

namespace kql::cli {
void add_output_options(CLI::App& cmd, OutputOptions& options) {
  cmd.add_option("--format", options.format, "Output format: text, json, sarif or github")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}));
  cmd.add_option("--color", options.color, "Colour text output: auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

void add_split_option(CLI::App& cmd, std::string& split) {
  cmd.add_option("--split", split,
                 "How a KQL file with blank-line separated blocks becomes queries: auto "
                 "(default), blank-lines or never")
      ->check(CLI::IsMember({"auto", "blank-lines", "never"}));
}

int report(CheckResult& result, const OutputOptions& options, std::ostream& out) {
  for (const auto& e : result.path_errors) std::cerr << "kqlint: error: " << e << "\n";
  sort_diagnostics(result.diagnostics);
  RunCounts counts{result.files.size(), result.query_count()};
  if (options.format == "json") {
    write_json(out, result.diagnostics, counts);
  } else if (options.format == "sarif") {
    SarifOptions sarif;
    sarif.tool_version = KQLINT_VERSION;
    write_sarif(out, result.diagnostics, all_rule_descriptors(), sarif);
  } else if (options.format == "github") {
    write_github(out, result.diagnostics);
  } else {
    TextOptions text;
    text.color =
        should_color(parse_color_mode(options.color).value_or(ColorMode::Auto), STDOUT_FILENO);
    write_text(out, result.diagnostics, counts, text);
  }
  if (!result.path_errors.empty() || result.config_error) return kUsage;
  return result.failed ? kFindings : kOk;
}

}  // namespace kql::cli
