#pragma once
// Turning file ranges into the line/column pairs every format prints, and back.
#include <cstdint>

#include "diag/diagnostic.h"
#include "source/source_file.h"

namespace kql {

struct RangePosition {
  LineCol begin;
  LineCol end;  // exclusive: the column just past the last code point, as SARIF expects
};

RangePosition range_position(const SourceFile& file, FileRange range);

// Byte offset of a 1-based line and code-point column; clamps to the line's end.
uint32_t offset_at(const SourceFile& file, LineCol position);

}  // namespace kql
