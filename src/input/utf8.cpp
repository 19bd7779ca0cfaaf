#include "input/utf8.h"

namespace kql::utf8 {

uint32_t bom_length(std::string_view text) {
  return text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

namespace {

// Length of the valid sequence starting at `i`, or 0 when the bytes there are not valid UTF-8.
uint32_t valid_sequence_length(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  uint32_t need;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 3;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // UTF-16 surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 4;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // past U+10FFFF
  } else {
    return 0;
  }
  if (i + need > text.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (uint32_t k = 2; k < need; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  return need;
}

}  // namespace

std::optional<InvalidSequence> find_invalid(std::string_view text, uint32_t from) {
  for (size_t i = from; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    uint32_t n = valid_sequence_length(text, i);
    if (n == 0) {
      // Report the lead byte together with the continuation bytes that follow it.
      uint32_t len = 1;
      while (i + len < text.size() && len < 4 &&
             (static_cast<unsigned char>(text[i + len]) & 0xC0) == 0x80)
        ++len;
      return InvalidSequence{static_cast<uint32_t>(i), len};
    }
    i += n;
  }
  return std::nullopt;
}

}  // namespace kql::utf8
