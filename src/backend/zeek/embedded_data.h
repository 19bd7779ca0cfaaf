#pragma once
// The Zeek backend's mapping data (src/backend/zeek/data/*.toml), compiled into the binary
// by cmake/Embed.cmake so that `kqlint translate --to zeek` needs no data files at run time.
#include <span>
#include <string_view>

namespace kql::zeek {

struct EmbeddedFile {
  std::string_view name;      // file name, e.g. "zeek_mapping.toml"
  std::string_view contents;  // the file's bytes
};

std::span<const EmbeddedFile> embedded_files();

}  // namespace kql::zeek
