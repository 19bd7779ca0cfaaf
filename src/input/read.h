#pragma once
// Reading one rule file from disk or from stdin into a SourceFile.
#include <iosfwd>
#include <memory>
#include <string>

#include "source/source_file.h"

namespace kql {

// Files larger than this are refused: offsets are 32-bit and no rule file is that big.
inline constexpr uint64_t kMaxSourceBytes = 512ull * 1024 * 1024;

struct ReadResult {
  std::unique_ptr<SourceFile> file;  // null when reading failed
  std::string error;                 // why, e.g. "rules/x.kql: No such file or directory"
};

// Reads `path` as bytes (no newline or encoding conversion: offsets are file offsets).
ReadResult read_source_file(const std::string& path);

// Reads all of `in` (stdin for `-`); `display_name` becomes the file's path in diagnostics.
ReadResult read_source_stream(std::istream& in, const std::string& display_name);

}  // namespace kql
