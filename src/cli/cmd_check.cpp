// `kqlint check [PATH...]`: the main job. Walks the paths, extracts every query, checks it,
// and reports in the chosen format; the exit code says whether the run failed (DESIGN.md).
#include <iostream>

#include "cli/check_driver.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "diag/apply_fixes.h"
#include "diag/atomic_write.h"

namespace kql::cli {
namespace {

// Applies the safe fixes to every file that parsed cleanly and returns how many files it
// rewrote. A file with a syntax or input error is never touched: its fixes could be based on
// a misread query. Returns -1 when a write failed (reported on stderr).
int apply_safe_fixes(const CheckResult& result) {
  int rewritten = 0;
  for (const auto& f : result.files) {
    bool broken = false;
    for (const auto& d : result.diagnostics)
      if (d.file == f.file.get() && d.severity == Severity::Error && d.code.rfind("KQL000", 0) == 0)
        broken = true;
    if (broken) continue;
    FixOutcome outcome = apply_fixes(*f.file, result.diagnostics);
    if (!outcome.changed()) continue;
    std::string error = write_file_atomically(f.file->path(), outcome.text);
    if (!error.empty()) {
      std::cerr << "kqlint: error: " << error << "\n";
      return -1;
    }
    ++rewritten;
  }
  return rewritten;
}

}  // namespace

void register_check(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("check", "Check rule files for errors and suspicious KQL");
  struct State {
    CheckOptions check;
    OutputOptions output;
    std::string split, config, platform, fail_on;
    bool fix = false;
  };
  auto st = std::make_shared<State>();
  cmd->add_option("paths", st->check.paths,
                  "Rule files or directories to check ('-' reads stdin); default: .");
  cmd->add_option("--stdin-filename", st->check.stdin_filename,
                  "The name to report for queries read from stdin");
  cmd->add_flag("--syntax-only", st->check.syntax_only, "Only parse; skip the binder and lints");
  cmd->add_option("-j,--jobs", st->check.jobs, "Files checked in parallel (default: one per core)");
  cmd->add_flag("--fix", st->fix,
                "Apply the safe fixes in place (files that parse only), then check again");
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
    st->check.split = parse_split_mode(st->split);
    if (!st->config.empty()) st->check.config_path = st->config;
    if (!st->platform.empty()) st->check.platform = st->platform;
    if (st->fail_on == "error") st->check.fail_on = Severity::Error;
    if (st->fail_on == "warning") st->check.fail_on = Severity::Warning;
    if (st->fail_on == "info") st->check.fail_on = Severity::Info;
    CheckDriver driver(st->check);
    CheckResult result = driver.load();
    driver.check(result);
    if (st->fix) {
      for (const auto& p : st->check.paths)
        if (p == "-") {
          std::cerr << "kqlint: error: --fix rewrites files and cannot be used with stdin\n";
          exit_code = kUsage;
          return;
        }
      int rewritten = apply_safe_fixes(result);
      if (rewritten < 0) {
        exit_code = kUsage;
        return;
      }
      if (rewritten > 0) {
        // Report what is left, as the files now read: fixes can reveal or settle findings.
        std::cerr << "kqlint: fixed " << rewritten << (rewritten == 1 ? " file" : " files") << "\n";
        CheckDriver again(st->check);
        result = again.load();
        again.check(result);
      }
    }
    exit_code = report(result, st->output, std::cout);
  });
}

}  // namespace kql::cli
