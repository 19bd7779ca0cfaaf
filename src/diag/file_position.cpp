#include "diag/file_position.h"

namespace kql {

RangePosition range_position(const SourceFile& file, FileRange range) {
  return {file.position(range.begin),
          file.position(range.end < range.begin ? range.begin : range.end)};
}

uint32_t offset_at(const SourceFile& file, LineCol position) {
  uint32_t offset = file.line_start(position.line);
  std::string_view line = file.line_text(position.line);
  uint32_t i = 0;
  for (uint32_t column = 1; column < position.column && i < line.size();) {
    ++i;
    // Step over the continuation bytes of a multi-byte code point.
    while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
    ++column;
  }
  return offset + i;
}

}  // namespace kql
