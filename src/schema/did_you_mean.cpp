// "Did you mean" suggestions: case-insensitive Levenshtein distance, so `devicenetworkevents`
// finds DeviceNetworkEvents (distance 0 after folding, ranked first) and `RemotePrt` finds
// RemotePort.
#include <algorithm>
#include <cctype>
#include <tuple>

#include "schema/schema.h"

namespace kql::schema {
namespace {

char fold(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

size_t folded_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t subst = prev[j - 1] + (fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

template <typename S>
std::vector<std::string> suggest(std::string_view wrong, std::span<const S> candidates,
                                 size_t max) {
  // Allow roughly one edit per three characters: close enough to be a typo, not a
  // different word.
  const size_t limit = std::max<size_t>(1, wrong.size() / 3);
  std::vector<std::tuple<size_t, bool, std::string_view>> hits;  // distance, !exact-case, name
  for (const auto& c : candidates) {
    std::string_view cand(c);
    if (cand == wrong) continue;
    size_t len_gap =
        cand.size() > wrong.size() ? cand.size() - wrong.size() : wrong.size() - cand.size();
    if (len_gap > limit) continue;
    size_t d = folded_distance(wrong, cand);
    if (d <= limit) hits.emplace_back(d, d != 0, cand);
  }
  std::sort(hits.begin(), hits.end());
  std::vector<std::string> out;
  for (const auto& h : hits) {
    if (out.size() == max) break;
    out.emplace_back(std::get<2>(h));
  }
  return out;
}

}  // namespace

std::vector<std::string> did_you_mean(std::string_view wrong,
                                      std::span<const std::string> candidates, size_t max) {
  return suggest(wrong, candidates, max);
}

std::vector<std::string> did_you_mean(std::string_view wrong,
                                      std::span<const std::string_view> candidates, size_t max) {
  return suggest(wrong, candidates, max);
}

}  // namespace kql::schema
