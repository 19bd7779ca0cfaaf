// `kqlint schema [TABLE] [--platform mde|sentinel] [--schema EXT.toml ...]`: prints the
// embedded schema (tables, or one table's columns, ActionTypes and AdditionalFields keys),
// with the user's extension files applied.
#include <iostream>

#include "cli/commands.h"
#include "cli/output.h"
#include "schema/describe.h"
#include "schema/schema.h"

namespace kql::cli {

void register_schema(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("schema", "Print the embedded Defender schema");
  struct State {
    std::string table;
    std::string platform = "mde";
    std::vector<std::string> extensions;
  };
  auto st = std::make_shared<State>();
  cmd->add_option("table", st->table, "A table to describe; without it, all tables");
  cmd->add_option("--platform", st->platform, "mde (Defender XDR) or sentinel")
      ->check(CLI::IsMember({"mde", "sentinel"}));
  cmd->add_option("--schema", st->extensions, "Schema extension TOML files to apply");
  cmd->callback([st, &exit_code] {
    schema::Schema schema(*schema::parse_profile(st->platform));
    CheckResult problems;
    for (const auto& path : st->extensions)
      for (auto& d : schema.load_extension(path)) problems.diagnostics.push_back(std::move(d));
    if (!problems.diagnostics.empty()) {
      exit_code = report(problems, OutputOptions{}, std::cerr) == kOk ? kOk : kUsage;
      if (exit_code != kOk) return;
    }
    auto text = schema::describe(schema, st->table);
    if (!text) {
      std::cerr << "kqlint: error: no table named '" << st->table << "'";
      auto names = schema.table_names();
      auto close = schema::did_you_mean(st->table, names);
      if (!close.empty()) std::cerr << " (did you mean '" << close.front() << "'?)";
      std::cerr << "\n";
      exit_code = kUsage;
      return;
    }
    std::cout << *text;
  });
}

}  // namespace kql::cli
