#pragma once
// Replacing a file so that a crash or a full disk never leaves it half-written: the new text
// goes to a temporary file in the same directory, is flushed to disk, takes the original's
// permissions and is renamed over it. A symbolic link is followed, not replaced.
#include <filesystem>
#include <string>
#include <string_view>

namespace kql {

// Returns an empty string on success, otherwise a message naming the file and the cause.
std::string write_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace kql
