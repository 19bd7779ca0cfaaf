#include "source/query.h"

#include <algorithm>

namespace kql {

uint32_t Query::file_offset(uint32_t query_offset) const {
  query_offset = std::min<uint32_t>(query_offset, static_cast<uint32_t>(text.size()));
  if (!pieces.empty()) {
    // The last piece starting at or before the offset holds it.
    auto it = std::upper_bound(pieces.begin(), pieces.end(), query_offset,
                               [](uint32_t off, const Piece& p) { return off < p.query_offset; });
    if (it == pieces.begin()) return pieces.front().file_offset;
    --it;
    return it->file_offset + (query_offset - it->query_offset);
  }
  if (line_origins.empty()) return query_offset;
  // No index: find the query line holding the offset, then add the offset within that line.
  uint32_t line = 0, line_begin = 0;
  for (uint32_t i = 0; i < query_offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_begin = i + 1;
    }
  }
  if (line >= line_origins.size()) line = static_cast<uint32_t>(line_origins.size()) - 1;
  return line_origins[line] + (query_offset - line_begin);
}

void Query::index_lines() {
  pieces.clear();
  if (line_origins.empty()) return;
  pieces.reserve(line_origins.size());
  pieces.push_back({0, line_origins[0]});
  size_t line = 1;
  for (uint32_t i = 0; i < text.size() && line < line_origins.size(); ++i)
    if (text[i] == '\n') pieces.push_back({i + 1, line_origins[line++]});
}

Query Query::whole_file(const SourceFile& file) {
  Query q;
  q.file = &file;
  q.text = file.text();
  q.line_origins.reserve(file.line_count());
  for (uint32_t l = 1; l <= file.line_count(); ++l) q.line_origins.push_back(file.line_start(l));
  q.index_lines();
  return q;
}

}  // namespace kql
