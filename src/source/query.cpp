#include "source/query.h"

#include <algorithm>

namespace kql {

uint32_t Query::file_offset(uint32_t query_offset) const {
  if (line_origins.empty()) return query_offset;
  query_offset = std::min<uint32_t>(query_offset, static_cast<uint32_t>(text.size()));
  // Find the query line holding the offset, then add the offset within that line.
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

Query Query::whole_file(const SourceFile& file) {
  Query q;
  q.file = &file;
  q.text = file.text();
  q.line_origins.reserve(file.line_count());
  for (uint32_t l = 1; l <= file.line_count(); ++l) q.line_origins.push_back(file.line_start(l));
  return q;
}

}  // namespace kql
