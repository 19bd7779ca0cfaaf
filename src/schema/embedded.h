#pragma once
// The schema TOML files under src/schema/data/, compiled into the binary (cmake/Embed.cmake).
#include <span>
#include <string_view>

namespace kql::schema {

struct EmbeddedFile {
  std::string_view name;      // file name, e.g. "DeviceNetworkEvents.toml"
  std::string_view contents;  // the file's bytes
};

std::span<const EmbeddedFile> embedded_files();

}  // namespace kql::schema
