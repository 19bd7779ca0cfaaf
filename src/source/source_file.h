#pragma once
// One file as read from disk (or stdin), with a line map for turning byte offsets into
// 1-based line and column. Columns count Unicode code points (a tab is one column), which
// is what editors, SARIF consumers and DESIGN.md's JSON contract expect.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kql {

struct LineCol {
  uint32_t line = 1;    // 1-based
  uint32_t column = 1;  // 1-based, in code points
};

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  const std::string& path() const { return path_; }
  // The file's bytes exactly as read (a UTF-8 BOM is kept: offsets are file offsets).
  const std::string& text() const { return text_; }

  // Line and column of a byte offset; offsets past the end clamp to the end.
  LineCol position(uint32_t offset) const;
  // Byte offset of the start of a 1-based line.
  uint32_t line_start(uint32_t line) const;
  // The text of a 1-based line without its terminator ("\n" or "\r\n").
  std::string_view line_text(uint32_t line) const;
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }

 private:
  std::string path_;
  std::string text_;
  std::vector<uint32_t> line_starts_;
};

}  // namespace kql
