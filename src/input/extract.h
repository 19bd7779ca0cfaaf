#pragma once
// Rule-file extraction: turns one file (.kql/.csl/.kusto, Sentinel YAML, Markdown) into the
// KQL queries it holds, each mapped back to file positions (see source/query.h).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "source/query.h"
#include "source/source_file.h"

namespace kql {

// How a plain KQL file holding blank-line separated blocks is split into queries.
enum class SplitMode {
  Never,       // the whole file is one query
  BlankLines,  // every blank-line separated block is a query (the Defender editor's view)
  Auto,        // blank-line blocks, re-joined where a block cannot stand alone (default)
};

// "auto", "blank-lines" or "never" (the CLI's --split and the config's `split`).
std::optional<SplitMode> parse_split_mode(std::string_view text);

struct ExtractOptions {
  SplitMode split = SplitMode::Auto;
};

enum class FileKind { Kql, Yaml, Markdown, Unknown };
FileKind file_kind_for_path(const std::string& path);

// Extracts the queries of `file`. Problems (invalid UTF-8, NUL bytes, YAML without a query,
// unterminated fences) are reported into `diags`; the queries that could be read are returned.
std::vector<Query> extract_queries(const SourceFile& file, FileKind kind,
                                   const ExtractOptions& options, std::vector<Diagnostic>& diags);

}  // namespace kql
