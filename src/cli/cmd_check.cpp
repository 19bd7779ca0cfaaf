// `kqlint check [PATH...]`: the main job. Walks the paths, extracts every query, checks it,
// and reports in the chosen format; the exit code says whether the run failed (DESIGN.md).
#include <iostream>

#include "cli/check_driver.h"
#include "cli/commands.h"
#include "cli/output.h"

namespace kql::cli {

void register_check(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("check", "Check rule files for errors and suspicious KQL");
  struct State {
    CheckOptions check;
    OutputOptions output;
    std::string split, config, platform, fail_on;
  };
  auto st = std::make_shared<State>();
  cmd->add_option("paths", st->check.paths,
                  "Rule files or directories to check ('-' reads stdin); default: .");
  cmd->add_option("--stdin-filename", st->check.stdin_filename,
                  "The name to report for queries read from stdin");
  cmd->add_flag("--syntax-only", st->check.syntax_only, "Only parse; skip the binder and lints");
  cmd->add_option("--config", st->config, "Use this config file instead of discovering one");
  cmd->add_option("--platform", st->platform, "mde (Defender XDR, default) or sentinel")
      ->check(CLI::IsMember({"mde", "sentinel"}));
  cmd->add_option("--fail-on", st->fail_on,
                  "Lowest severity that fails the run: error (default), warning or info")
      ->check(CLI::IsMember({"error", "warning", "info"}));
  add_output_options(*cmd, st->output);
  add_split_option(*cmd, st->split);
  cmd->callback([st, &exit_code] {
    if (st->check.paths.empty()) st->check.paths.push_back(".");
    st->check.split = parse_split(st->split);
    if (!st->config.empty()) st->check.config_path = st->config;
    if (!st->platform.empty()) st->check.platform = st->platform;
    if (st->fail_on == "error") st->check.fail_on = Severity::Error;
    if (st->fail_on == "warning") st->check.fail_on = Severity::Warning;
    if (st->fail_on == "info") st->check.fail_on = Severity::Info;
    CheckDriver driver(st->check);
    CheckResult result = driver.load();
    driver.check(result);
    exit_code = report(result, st->output, std::cout);
  });
}

}  // namespace kql::cli
