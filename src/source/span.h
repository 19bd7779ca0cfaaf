#pragma once
// A half-open byte range [begin, end) inside one query's text.
#include <cstdint>

namespace kql {

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;

  uint32_t size() const { return end - begin; }
  bool empty() const { return begin == end; }
  bool contains(uint32_t offset) const { return offset >= begin && offset < end; }
  // The smallest span covering both.
  static Span cover(Span a, Span b) {
    return {a.begin < b.begin ? a.begin : b.begin, a.end > b.end ? a.end : b.end};
  }
  friend bool operator==(Span, Span) = default;
};

}  // namespace kql
