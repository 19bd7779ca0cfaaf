#include "cli/app.h"

#include <cstdio>

#include "cli/commands.h"

#ifndef KQLINT_VERSION
#define KQLINT_VERSION "dev"
#endif

namespace kql::cli {

int run(int argc, char** argv) {
  CLI::App app{"kqlint: a static analyzer and transpiler for KQL hunting rules"};
  app.set_version_flag("--version", std::string("kqlint ") + KQLINT_VERSION);
  app.require_subcommand(1);
  int exit_code = kOk;
  register_check(app, exit_code);
  register_parse(app, exit_code);
  register_rules(app, exit_code);
  register_schema(app, exit_code);
  register_run(app, exit_code);
  register_test(app, exit_code);
  register_translate(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUsage;  // CLI11 would return its own codes; ours are documented as 2 for usage
  }
  return exit_code;
}

}  // namespace kql::cli
