#pragma once
// The SQL backend's command bodies, for the CLI to call: `translate --to sql` and `run`.
// They print diagnostics (text) to stderr and return the process exit code:
// 0 ok, 1 syntax errors, 2 usage / I/O / data error, 3 untranslatable construct.
#include <optional>
#include <string>
#include <vector>

namespace kql::cli {

struct SqlTranslateArgs {
  std::string path;
  std::string dialect = "sqlite";  // sqlite | postgres
  std::string output;              // empty: stdout
  std::string now;                 // optional ISO datetime for ago()/now()
  std::string platform = "mde";    // mde | sentinel: which schema types the columns
};
int translate_sql(const SqlTranslateArgs& args);

struct RunArgs {
  std::string path;
  std::vector<std::string> data;  // TABLE=FILE
  std::string now;                // ISO datetime
  std::string format = "text";    // text | csv | json
  std::string engine = "sqlite";  // sqlite | postgres
  std::string pg;                 // libpq conninfo for --engine postgres
  bool show_sql = false;          // print the translated SQL to stderr
  std::string platform = "mde";   // mde | sentinel: which schema types the columns
};
int run_rule(const RunArgs& args);

// `kqlint test PATH...`: 0 all passed, 1 a case failed, 2 nothing to run or unreadable files.
int run_tests(const std::vector<std::string>& paths);

}  // namespace kql::cli
