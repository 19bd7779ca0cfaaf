#include "syntax/code_points.h"

namespace kql::syntax_detail {

void decode_utf8(std::string_view text, DecodedText& out) {
  out.code_points.clear();
  out.cp_to_byte.clear();
  out.invalid_bytes.clear();
  out.code_points.reserve(text.size());
  out.cp_to_byte.reserve(text.size() + 1);
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    uint32_t cp = 0;
    size_t len = 0;
    if (c < 0x80) {
      cp = c;
      len = 1;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F;
      len = 2;
    } else if ((c & 0xF0) == 0xE0) {
      cp = c & 0x0F;
      len = 3;
    } else if ((c & 0xF8) == 0xF0) {
      cp = c & 0x07;
      len = 4;
    }
    bool ok = len > 0 && i + len <= n;
    for (size_t k = 1; ok && k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80)
        ok = false;
      else
        cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Reject overlong forms, surrogates and values past U+10FFFF.
    if (ok && ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
               (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF))
      ok = false;
    out.cp_to_byte.push_back(static_cast<uint32_t>(i));
    if (ok) {
      out.code_points.push_back(cp);
      i += len;
    } else {
      out.invalid_bytes.push_back(static_cast<uint32_t>(i));
      out.code_points.push_back(0xFFFD);
      i += 1;
    }
  }
  out.cp_to_byte.push_back(static_cast<uint32_t>(n));
}

}  // namespace kql::syntax_detail
