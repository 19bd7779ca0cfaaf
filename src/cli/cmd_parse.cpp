// `kqlint parse FILE [--ast]`: parse only, print syntax errors, and optionally the syntax tree
// of every query (golden tests and grammar debugging use it).
#include <iostream>

#include "cli/check_driver.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "syntax/parser.h"
#include "syntax/printer.h"

namespace kql::cli {

void register_parse(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("parse", "Parse rule files and print syntax errors or the tree");
  auto paths = std::make_shared<std::vector<std::string>>();
  auto ast = std::make_shared<bool>(false);
  auto split = std::make_shared<std::string>();
  cmd->add_option("paths", *paths, "Rule files or directories ('-' for stdin)")->required();
  cmd->add_flag("--ast", *ast, "Print the syntax tree of every query");
  add_split_option(*cmd, *split);
  auto output = std::make_shared<OutputOptions>();
  add_output_options(*cmd, *output);
  cmd->callback([=, &exit_code] {
    CheckOptions options;
    options.paths = *paths;
    options.split = parse_split_mode(*split);
    CheckDriver driver(options);
    CheckResult result = driver.load();
    for (auto& f : result.files) {
      for (auto& q : f.queries) {
        QueryDiagnostics diags(q, result.diagnostics);
        ParseResult parsed = parse_query(q, diags);
        if (*ast) {
          std::cout << "# " << f.file->path() << " query " << q.index << "\n"
                    << print_tree(*parsed.tree);
        }
      }
    }
    for (const auto& d : result.diagnostics)
      if (d.severity == Severity::Error) result.failed = true;
    exit_code = report(result, *output, std::cout);
  });
}

}  // namespace kql::cli
