#pragma once
// Internal to src/syntax: UTF-8 query text -> the code-point stream ANTLR reads, plus the table
// that maps ANTLR's code-point indexes back to byte offsets of Query::text.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ANTLRInputStream.h"

namespace kql::syntax_detail {

struct DecodedText {
  std::u32string code_points;
  std::vector<uint32_t> cp_to_byte;     // size code_points.size() + 1; last = text size
  std::vector<uint32_t> invalid_bytes;  // byte offsets of malformed UTF-8 sequences
};

// Malformed sequences become U+FFFD (one per bad byte) and are listed in invalid_bytes.
void decode_utf8(std::string_view text, DecodedText& out);

// An ANTLR char stream over already-decoded code points (ANTLR's own UTF-8 loader throws on
// malformed input and cannot tell us byte offsets).
class CodePointStream : public antlr4::ANTLRInputStream {
 public:
  void assign(const std::u32string& data) {
    _data = data;
    reset();
  }
};

}  // namespace kql::syntax_detail
