#pragma once
// Each kqlint subcommand lives in its own cmd_<name>.cpp and registers itself here: it adds a
// CLI11 subcommand with its options, and a callback that stores the process exit code.
//
// Exit codes (DESIGN.md): 0 nothing failed, 1 findings that fail the run, 2 usage, config or
// I/O error, 3 a construct that cannot be translated.
#include <CLI/CLI.hpp>

namespace kql::cli {

enum ExitCode : int { kOk = 0, kFindings = 1, kUsage = 2, kUntranslatable = 3 };

void register_check(CLI::App& app, int& exit_code);
void register_parse(CLI::App& app, int& exit_code);
void register_rules(CLI::App& app, int& exit_code);  // `rules` and `rule`
void register_schema(CLI::App& app, int& exit_code);
void register_run(CLI::App& app, int& exit_code);        // cmd_run.cpp (SQL backend)
void register_test(CLI::App& app, int& exit_code);       // cmd_test.cpp (rule tests)
void register_translate(CLI::App& app, int& exit_code);  // --to sql and --to zeek

}  // namespace kql::cli
