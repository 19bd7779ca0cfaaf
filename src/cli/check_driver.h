#pragma once
// The engine behind `kqlint check`: files -> config -> queries -> syntax -> lint -> the file's
// suppressions and config policy -> diagnostics. Kept apart from argument parsing so tests and
// other commands (`parse`, `translate`) reuse it.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "config/discovery.h"
#include "diag/diagnostic.h"
#include "input/extract.h"
#include "schema/schema.h"
#include "source/query.h"
#include "source/source_file.h"

namespace kql::cli {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string stdin_filename = "<stdin>";
  std::optional<std::string> config_path;  // --config: skips discovery
  std::optional<SplitMode> split;          // overrides the config's split mode
  std::optional<std::string> platform;     // overrides the config's platform
  std::optional<Severity> fail_on;         // overrides the config's fail-on
  bool syntax_only = false;                // stop after parsing (benchmarks, triage)
  unsigned jobs = 0;                       // files checked at once; 0 = one per core
};

struct LoadedFile {
  std::unique_ptr<SourceFile> file;
  std::vector<Query> queries;
  const Config* config = nullptr;
};

struct CheckResult {
  std::vector<LoadedFile> files;
  std::vector<Diagnostic> diagnostics;
  std::vector<std::string> path_errors;  // paths that could not be read: exit code 2
  bool config_error = false;             // a config or schema extension is broken: exit 2
  bool failed = false;                   // a finding at or above its file's fail-on level
  size_t query_count() const;
};

// Every rule an output or a config may name: syntax and input codes, the lint catalogue, and
// the config/suppression rules.
const std::vector<RuleDescriptor>& all_rule_descriptors();

class CheckDriver {
 public:
  explicit CheckDriver(CheckOptions options);

  // Loads the files named by the options' paths (walking directories) with their configs and
  // extracts their queries.
  CheckResult load();
  // Parses, lints and settles every loaded query; fills result.diagnostics and result.failed.
  void check(CheckResult& result);

 private:
  const schema::Schema& schema_for(const Config& config, std::vector<Diagnostic>& diags,
                                   bool& failed);
  schema::Profile profile_for(const Config& config) const;
  void check_file(const LoadedFile& f, const schema::Schema* schema,
                  std::vector<Diagnostic>& own) const;

  CheckOptions options_;
  ConfigResolver resolver_;
  std::map<const Config*, std::unique_ptr<schema::Schema>> schemas_;
};

}  // namespace kql::cli
