#pragma once
// The rule documentation files under src/lint/docs/, compiled into the binary (cmake/Embed.cmake).
#include <span>
#include <string_view>

namespace kql::lint {

struct EmbeddedFile {
  std::string_view name;      // e.g. "unknown-column.toml"
  std::string_view contents;  // the file's bytes
};

std::span<const EmbeddedFile> embedded_files();

}  // namespace kql::lint
