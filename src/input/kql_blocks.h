#pragma once
// Splitting the text of a plain KQL file (or one Markdown fence) into the queries it holds,
// following SplitMode. The policy is documented in docs/splitting.md.
#include <cstdint>
#include <string_view>
#include <vector>

#include "input/extract.h"

namespace kql {

struct Block {
  uint32_t begin = 0;  // offset of the block's first line
  uint32_t end = 0;    // offset just past its last non-blank line (before the line terminator)
};

// The query blocks of `text`. Blocks holding only comments and whitespace are not queries:
// BlankLines drops them, Auto attaches them to the next query (a description above a query) or,
// at the end, to the previous one. Never returns the whole text as one block unless it holds
// no code at all, in which case no block is returned.
std::vector<Block> split_blocks(std::string_view text, SplitMode mode);

}  // namespace kql
