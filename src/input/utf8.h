#pragma once
// UTF-8 checks done before a file is handed to the parsers.
#include <cstdint>
#include <optional>
#include <string_view>

namespace kql::utf8 {

// Length of the UTF-8 byte order mark at the start of `text` (0 or 3).
uint32_t bom_length(std::string_view text);

struct InvalidSequence {
  uint32_t offset = 0;  // first byte of the invalid sequence
  uint32_t length = 1;  // bytes that cannot start or continue a valid sequence
};

// The first invalid UTF-8 sequence at or after `from` (overlong forms, surrogates and code
// points past U+10FFFF are invalid, as in RFC 3629), or nothing when the rest is valid.
std::optional<InvalidSequence> find_invalid(std::string_view text, uint32_t from = 0);

}  // namespace kql::utf8
