#include "config/did_you_mean.h"

#include <algorithm>
#include <cctype>

namespace kql {
namespace {

std::string folded(std::string_view s) {
  std::string out;
  for (char c : s)
    out += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string closest_spelling(std::string_view word, const std::vector<std::string>& candidates) {
  std::string w = folded(word);
  std::string best;
  size_t best_distance = std::max<size_t>(1, w.size() / 3) + 1;
  for (const std::string& c : candidates) {
    size_t d = edit_distance(w, folded(c));
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace kql
