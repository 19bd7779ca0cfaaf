#include "sema/text_match.h"

#include <cctype>

namespace kql::sema {
namespace {

char fold(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
bool is_term_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool same(char a, char b, bool cs) { return cs ? a == b : fold(a) == fold(b); }

bool starts_with(std::string_view h, std::string_view n, bool cs) {
  if (n.size() > h.size()) return false;
  for (size_t i = 0; i < n.size(); ++i)
    if (!same(h[i], n[i], cs)) return false;
  return true;
}

bool ends_with(std::string_view h, std::string_view n, bool cs) {
  return n.size() <= h.size() && starts_with(h.substr(h.size() - n.size()), n, cs);
}

// Occurrences of `n` in `h`, optionally requiring a term boundary before and/or after
// (what `has`, `hasprefix` and `hassuffix` mean: terms are runs of ASCII alphanumerics).
bool find(std::string_view h, std::string_view n, bool cs, bool boundary_before,
          bool boundary_after) {
  if (n.empty()) return true;
  for (size_t i = 0; i + n.size() <= h.size(); ++i) {
    if (!starts_with(h.substr(i), n, cs)) continue;
    if (boundary_before && i > 0 && is_term_char(h[i - 1]) && is_term_char(n.front())) continue;
    size_t e = i + n.size();
    if (boundary_after && e < h.size() && is_term_char(h[e]) && is_term_char(n.back())) continue;
    return true;
  }
  return false;
}

}  // namespace

bool equals_ci(std::string_view a, std::string_view b) {
  return a.size() == b.size() && starts_with(a, b, false);
}

bool is_negated(ast::BinaryOp op) {
  using B = ast::BinaryOp;
  switch (op) {
    case B::Ne:
    case B::NeTilde:
    case B::NotContains:
    case B::NotContainsCs:
    case B::NotHas:
    case B::NotHasCs:
    case B::NotHasPrefix:
    case B::NotHasPrefixCs:
    case B::NotHasSuffix:
    case B::NotHasSuffixCs:
    case B::NotStartsWith:
    case B::NotStartsWithCs:
    case B::NotEndsWith:
    case B::NotEndsWithCs:
    case B::NotLike:
    case B::NotLikeCs:
      return true;
    default:
      return false;
  }
}

std::optional<bool> string_predicate(ast::BinaryOp op, std::string_view h, std::string_view n) {
  using B = ast::BinaryOp;
  switch (op) {
    case B::Eq:
    case B::Ne:
      return h == n;
    case B::EqTilde:
    case B::NeTilde:
      return equals_ci(h, n);
    case B::Contains:
    case B::NotContains:
      return find(h, n, false, false, false);
    case B::ContainsCs:
    case B::NotContainsCs:
      return find(h, n, true, false, false);
    case B::Has:
    case B::NotHas:
      return find(h, n, false, true, true);
    case B::HasCs:
    case B::NotHasCs:
      return find(h, n, true, true, true);
    case B::HasPrefix:
    case B::NotHasPrefix:
      return find(h, n, false, true, false);
    case B::HasPrefixCs:
    case B::NotHasPrefixCs:
      return find(h, n, true, true, false);
    case B::HasSuffix:
    case B::NotHasSuffix:
      return find(h, n, false, false, true);
    case B::HasSuffixCs:
    case B::NotHasSuffixCs:
      return find(h, n, true, false, true);
    case B::StartsWith:
    case B::NotStartsWith:
      return starts_with(h, n, false);
    case B::StartsWithCs:
    case B::NotStartsWithCs:
      return starts_with(h, n, true);
    case B::EndsWith:
    case B::NotEndsWith:
      return ends_with(h, n, false);
    case B::EndsWithCs:
    case B::NotEndsWithCs:
      return ends_with(h, n, true);
    default:
      return std::nullopt;
  }
}

}  // namespace kql::sema
