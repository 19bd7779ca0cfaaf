// `kqlint translate FILE --to sql --dialect sqlite|postgres [-o OUT] [--now T]` and
// `kqlint translate FILE --to zeek [-o OUT]`: one subcommand, one backend per target. Both
// backends refuse what they cannot translate exactly (exit 3 with diagnostics).
#include "cli/commands.h"
#include "cli/sql_commands.h"
#include "cli/zeek_commands.h"

namespace kql::cli {

void register_translate(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("translate", "Translate a rule to SQL or to a Zeek script");
  struct State {
    std::string path, to, dialect = "sqlite", output, now, platform = "mde";
  };
  auto st = std::make_shared<State>();
  cmd->add_option("file", st->path, "The rule file")->required();
  cmd->add_option("--to", st->to, "Target: sql or zeek")
      ->required()
      ->check(CLI::IsMember({"sql", "zeek"}));
  cmd->add_option("--dialect", st->dialect, "SQL dialect: sqlite (default) or postgres")
      ->check(CLI::IsMember({"sqlite", "postgres"}));
  cmd->add_option("-o,--output", st->output, "Write the translation here instead of stdout");
  cmd->add_option("--now", st->now,
                  "SQL: the reference time for now() and ago(), e.g. 2024-05-01T00:00:00Z");
  cmd->add_option("--platform", st->platform,
                  "SQL: schema mde (Defender XDR, default) or sentinel (Log Analytics copies)")
      ->check(CLI::IsMember({"mde", "sentinel"}));
  cmd->callback([st, cmd, &exit_code] {
    if (st->to == "zeek") {
      if (cmd->count("--dialect") || !st->now.empty() || cmd->count("--platform")) {
        std::fputs("kqlint: error: --dialect, --now and --platform apply to --to sql only\n",
                   stderr);
        exit_code = kUsage;
        return;
      }
      exit_code = translate_zeek({st->path, st->output});
      return;
    }
    exit_code = translate_sql({st->path, st->dialect, st->output, st->now, st->platform});
  });
}

}  // namespace kql::cli
