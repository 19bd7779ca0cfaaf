#pragma once
// One KQL query extracted from a rule file, with the mapping of its text back to the file.
// Everything after extraction works on Query::text and Spans into it; diagnostics are turned
// into file positions through file_offset(), so YAML and Markdown rules report file lines.
#include <cstdint>
#include <string>
#include <vector>

#include "source/source_file.h"
#include "source/span.h"

namespace kql {

struct Query {
  const SourceFile* file = nullptr;
  std::string text;
  // For each line of `text` (split at '\n'), the file byte offset its first byte came from.
  // A .kql file maps 1:1; a YAML block scalar maps each line past its indentation.
  std::vector<uint32_t> line_origins;
  // 1-based index of this query among the queries extracted from its file.
  uint32_t index = 1;
  // Metadata from the rule's header or YAML (title, kind, tables...), possibly empty.
  std::vector<std::pair<std::string, std::string>> metadata;
  // Exact mapping, sorted by query_offset: the query bytes from one piece's query_offset up to
  // the next piece's come from consecutive file bytes starting at its file_offset. Extraction
  // fills it (index_lines() derives it from line_origins); it also covers YAML folded and plain
  // scalars, where one query line is pieced together from several file lines. When empty,
  // file_offset() falls back to line_origins.
  struct Piece {
    uint32_t query_offset = 0;
    uint32_t file_offset = 0;
  };
  std::vector<Piece> pieces;
  // Builds `pieces` from `line_origins` (one piece per query line), making file_offset O(log n).
  void index_lines();

  // File byte offset for a byte offset into `text`.
  uint32_t file_offset(uint32_t query_offset) const;
  // Convenience: file line/column of a byte offset into `text`.
  LineCol position(uint32_t query_offset) const {
    return file->position(file_offset(query_offset));
  }

  // A query whose text is the whole file.
  static Query whole_file(const SourceFile& file);
};

}  // namespace kql
