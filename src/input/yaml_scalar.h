#pragma once
// Rebuilding a YAML scalar's value from the file bytes, so that every byte of the value keeps
// its file position (yaml-cpp gives the value but only the position of its start).
#include <cstdint>
#include <optional>
#include <vector>

#include "source/query.h"
#include "source/source_file.h"

namespace kql {

enum class ScalarStyle { Literal, Folded, Plain, SingleQuoted, DoubleQuoted };

struct MappedScalar {
  Query query;  // text = the scalar's value, pieces/line_origins = where each byte came from
  ScalarStyle style = ScalarStyle::Plain;
  // Query offsets of the spaces that folding put in place of a line break.
  std::vector<uint32_t> folds;
};

// Rebuilds the scalar whose node starts at file offset `value_offset` (yaml-cpp's Mark: the
// indicator `|`/`>`, the opening quote, or the first character of a plain scalar) in a block
// mapping indented by `parent_indent` columns. Returns nothing when the bytes there do not
// look like a scalar this function understands. The caller compares the text with yaml-cpp's.
std::optional<MappedScalar> map_yaml_scalar(const SourceFile& file, uint32_t value_offset,
                                            uint32_t parent_indent);

}  // namespace kql
