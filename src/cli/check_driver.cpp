#include "cli/check_driver.h"

#include <iostream>

#include "input/read.h"
#include "input/walk.h"
#include "syntax/parser.h"

namespace kql::cli {

size_t CheckResult::query_count() const {
  size_t n = 0;
  for (const auto& f : files) n += f.queries.size();
  return n;
}

CheckResult load_files(const CheckOptions& options) {
  CheckResult result;
  WalkResult walk = collect_rule_files(options.paths);
  for (const auto& e : walk.errors) result.path_errors.push_back(e.path + ": " + e.message);
  for (const auto& path : walk.files) {
    ReadResult read =
        path == "-" ? read_source_stream(std::cin, options.stdin_filename) : read_source_file(path);
    if (!read.file) {
      result.path_errors.push_back(read.error);
      continue;
    }
    LoadedFile loaded;
    loaded.file = std::move(read.file);
    ExtractOptions extract;
    if (options.split) extract.split = *options.split;
    // stdin has no extension: treat it by the name it is given, defaulting to KQL.
    FileKind kind = file_kind_for_path(loaded.file->path());
    if (kind == FileKind::Unknown) kind = FileKind::Kql;
    loaded.queries = extract_queries(*loaded.file, kind, extract, result.diagnostics);
    result.files.push_back(std::move(loaded));
  }
  return result;
}

void check_loaded(const CheckOptions& options, CheckResult& result) {
  for (const auto& f : result.files) {
    for (const auto& q : f.queries) {
      QueryDiagnostics diags(q, result.diagnostics);
      ParseResult parsed = parse_query(q, diags);
      if (options.syntax_only || !parsed.ok) continue;
      // The binder and lint catalogue run here once they land (issue 3).
    }
  }
}

}  // namespace kql::cli
