#pragma once
// Spelling suggestions for config keys and rule names ("per_file_ignores" -> "per-file-ignores").
#include <string>
#include <string_view>
#include <vector>

namespace kql {

// The candidate closest to `word` by edit distance (ignoring case and '-' vs '_'), when it
// is close enough to be a plausible misspelling; otherwise empty.
std::string closest_spelling(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace kql
