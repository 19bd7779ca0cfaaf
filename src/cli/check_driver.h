#pragma once
// The engine behind `kqlint check`: files -> queries -> syntax -> (binder + lint) -> diagnostics.
// Kept apart from argument parsing so tests and other commands (`parse`, `translate`) reuse it.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "input/extract.h"
#include "source/query.h"
#include "source/source_file.h"

namespace kql::cli {

struct CheckOptions {
  std::vector<std::string> paths;
  std::string stdin_filename = "<stdin>";
  std::optional<SplitMode> split;  // overrides the config's split mode
  bool syntax_only = false;        // stop after parsing (for parser benchmarks and triage)
};

struct LoadedFile {
  std::unique_ptr<SourceFile> file;
  std::vector<Query> queries;
};

struct CheckResult {
  std::vector<LoadedFile> files;
  std::vector<Diagnostic> diagnostics;
  std::vector<std::string> path_errors;  // paths that could not be read: exit code 2
  size_t query_count() const;
};

// Loads the files named by `paths` (walking directories) and extracts their queries.
CheckResult load_files(const CheckOptions& options);

// Checks every loaded query and appends the findings to result.diagnostics.
void check_loaded(const CheckOptions& options, CheckResult& result);

}  // namespace kql::cli
