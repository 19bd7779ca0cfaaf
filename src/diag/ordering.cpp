#include "diag/ordering.h"

#include <algorithm>
#include <tuple>

namespace kql {

bool diagnostic_before(const Diagnostic& a, const Diagnostic& b) {
  if ((a.file == nullptr) != (b.file == nullptr)) return a.file == nullptr;
  if (a.file && b.file && a.file != b.file) {
    int c = a.file->path().compare(b.file->path());
    if (c != 0) return c < 0;
  }
  return std::tie(a.range.begin, a.range.end, a.code, a.message) <
         std::tie(b.range.begin, b.range.end, b.code, b.message);
}

std::vector<const Diagnostic*> in_output_order(const std::vector<Diagnostic>& diags) {
  std::vector<const Diagnostic*> out;
  out.reserve(diags.size());
  for (const auto& d : diags) out.push_back(&d);
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic* a, const Diagnostic* b) {
    return diagnostic_before(*a, *b);
  });
  return out;
}

void sort_diagnostics(std::vector<Diagnostic>& diags) {
  std::stable_sort(diags.begin(), diags.end(), diagnostic_before);
}

}  // namespace kql
