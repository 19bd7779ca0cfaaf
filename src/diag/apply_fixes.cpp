#include "diag/apply_fixes.h"

#include <algorithm>

namespace kql {
namespace {

// Two edits conflict when their ranges share a byte, when both insert at the same point
// (their order would be a guess) or when one inserts strictly inside the other's range.
bool conflict(const FileRange& a, const FileRange& b) {
  if (a.begin == a.end && b.begin == b.end) return a.begin == b.begin;
  if (a.begin == a.end) return a.begin > b.begin && a.begin < b.end;
  if (b.begin == b.end) return b.begin > a.begin && b.begin < a.end;
  return a.begin < b.end && b.begin < a.end;
}

bool same_edits(const std::vector<Edit>& a, const std::vector<Edit>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Edit& x, const Edit& y) {
    return x.range.begin == y.range.begin && x.range.end == y.range.end &&
           x.replacement == y.replacement;
  });
}

}  // namespace

FixOutcome apply_fixes(const SourceFile& file, const std::vector<Diagnostic>& diags) {
  const auto size = static_cast<uint32_t>(file.text().size());
  std::vector<std::vector<Edit>> fixes;
  for (const Diagnostic& d : diags) {
    if (d.file != &file || !d.fix || !d.fix->safe || d.fix->edits.empty()) continue;
    std::vector<Edit> edits = d.fix->edits;
    std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
      return a.range.begin != b.range.begin ? a.range.begin < b.range.begin
                                            : a.range.end < b.range.end;
    });
    fixes.push_back(std::move(edits));
  }
  std::stable_sort(fixes.begin(), fixes.end(), [](const auto& a, const auto& b) {
    return a.front().range.begin < b.front().range.begin;
  });

  FixOutcome outcome;
  std::vector<Edit> taken;
  std::vector<const std::vector<Edit>*> applied;
  for (const auto& fix : fixes) {
    if (std::any_of(applied.begin(), applied.end(), [&](auto* f) { return same_edits(*f, fix); }))
      continue;  // the same fix offered twice (two findings on one token) is applied once
    bool ok = true;
    for (size_t i = 0; ok && i < fix.size(); ++i) {
      const FileRange& r = fix[i].range;
      if (r.end < r.begin || r.end > size) ok = false;
      for (size_t j = 0; ok && j < i; ++j) ok = !conflict(fix[j].range, r);
      for (const Edit& t : taken)
        if (ok && conflict(t.range, r)) ok = false;
    }
    if (!ok) {
      ++outcome.skipped;
      continue;
    }
    taken.insert(taken.end(), fix.begin(), fix.end());
    applied.push_back(&fix);
    ++outcome.applied;
  }

  std::stable_sort(taken.begin(), taken.end(), [](const Edit& a, const Edit& b) {
    return a.range.begin != b.range.begin ? a.range.begin < b.range.begin
                                          : a.range.end < b.range.end;
  });
  const std::string& text = file.text();
  std::string out;
  out.reserve(text.size());
  uint32_t cursor = 0;
  for (const Edit& e : taken) {
    out.append(text, cursor, e.range.begin - cursor);
    out += e.replacement;
    cursor = e.range.end;
  }
  out.append(text, cursor, std::string::npos);
  outcome.text = std::move(out);
  return outcome;
}

}  // namespace kql
