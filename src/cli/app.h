#pragma once
// The kqlint command line (CLI11): parses arguments and dispatches to the commands.
namespace kql::cli {
int run(int argc, char** argv);
}
