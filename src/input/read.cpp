#include "input/read.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <istream>
#include <iterator>

namespace kql {

namespace {

ReadResult failure(std::string message) {
  ReadResult r;
  r.error = std::move(message);
  return r;
}

}  // namespace

ReadResult read_source_file(const std::string& path) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec) return failure(path + ": " + ec.message());
  if (std::filesystem::is_directory(status)) return failure(path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return failure(path + ": " + std::strerror(errno));
  return read_source_stream(in, path);
}

ReadResult read_source_stream(std::istream& in, const std::string& display_name) {
  std::string text;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxSourceBytes)
      return failure(display_name + ": file is larger than " +
                     std::to_string(kMaxSourceBytes / (1024 * 1024)) + " MB");
  }
  if (in.bad()) return failure(display_name + ": read error");
  ReadResult r;
  r.file = std::make_unique<SourceFile>(display_name, std::move(text));
  return r;
}

}  // namespace kql
