#include "backend/zeek/values.h"

#include "backend/zeek/zeek_text.h"

namespace kql::zeek {

namespace {
bool simple(const std::string& s) {
  // A term that needs no parentheses next to && || !: no spaces outside a string literal
  // and no ?: at the top level (we only ever produce ?: inside parentheses).
  bool in_string = false;
  int depth = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '(')
      ++depth;
    else if (c == ')')
      --depth;
    else if (c == ' ' && depth == 0)
      return false;
  }
  return true;
}
bool has_top_level_or(const std::string& s) {
  bool in_string = false;
  int depth = 0;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '(')
      ++depth;
    else if (c == ')')
      --depth;
    else if (depth == 0 && c == '|' && s[i + 1] == '|')
      return true;
  }
  return false;
}
std::string paren_if_or(const std::string& s) { return has_top_level_or(s) ? "(" + s + ")" : s; }
}  // namespace

std::string z_and(const std::string& a, const std::string& b) {
  if (a == "F" || b == "F") return "F";
  if (a == "T" || a.empty()) return b.empty() ? "T" : b;
  if (b == "T" || b.empty()) return a;
  return paren_if_or(a) + " && " + paren_if_or(b);
}

std::string z_or(const std::string& a, const std::string& b) {
  if (a == "T" || b == "T") return "T";
  if (a == "F") return b;
  if (b == "F") return a;
  return a + " || " + b;
}

std::string z_not(const std::string& a) {
  if (a == "T") return "F";
  if (a == "F") return "T";
  if (a.size() > 2 && a[0] == '!' && a[1] == ' ' && simple(a.substr(2))) return a.substr(2);
  return simple(a) ? "! " + a : "! (" + a + ")";
}

ZPred z_pred(const std::string& defined, const std::string& condition) {
  return {z_and(defined, condition), z_and(defined, z_not(condition))};
}

ZPred z_const(bool value) { return value ? ZPred{"T", "F"} : ZPred{"F", "T"}; }

ZPred p_not(const ZPred& p) { return {p.when_false, p.when_true}; }

ZPred p_and(const ZPred& a, const ZPred& b) {
  return {z_and(a.when_true, b.when_true), z_or(a.when_false, b.when_false)};
}

ZPred p_or(const ZPred& a, const ZPred& b) {
  return {z_or(a.when_true, b.when_true), z_and(a.when_false, b.when_false)};
}

std::string interval_literal(int64_t ticks) {
  struct Unit {
    int64_t ticks;
    const char* name;
  };
  static const Unit units[] = {{864'000'000'000, "day"}, {36'000'000'000, "hr"},
                               {600'000'000, "min"},     {10'000'000, "sec"},
                               {10'000, "msec"},         {10, "usec"}};
  for (auto& u : units)
    if (ticks != 0 && ticks % u.ticks == 0) return std::to_string(ticks / u.ticks) + u.name;
  if (ticks == 0) return "0sec";
  return std::to_string(static_cast<double>(ticks) / 1e7) + "sec";
}

namespace {
bool alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}
}  // namespace

bool kql_has_term(const std::string& text_in, const std::string& needle_in, bool case_sensitive,
                  bool prefix_only, bool suffix_only) {
  std::string text = case_sensitive ? text_in : ascii_lower(text_in);
  std::string needle = case_sensitive ? needle_in : ascii_lower(needle_in);
  if (needle.empty()) return true;
  for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    bool start_ok = pos == 0 || !alnum(static_cast<unsigned char>(text[pos - 1]));
    size_t end = pos + needle.size();
    bool end_ok = end == text.size() || !alnum(static_cast<unsigned char>(text[end]));
    if ((suffix_only || start_ok) && (prefix_only || end_ok)) return true;
  }
  return false;
}

std::optional<bool> fold_string_op(ast::BinaryOp op, const std::string& a, const std::string& b) {
  using ast::BinaryOp;
  auto ci = [&]() -> bool { return is_ascii(a) && is_ascii(b); };
  std::string la = ascii_lower(a), lb = ascii_lower(b);
  auto starts = [](const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; };
  auto ends = [](const std::string& s, const std::string& p) {
    return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
  };
  switch (op) {
    case BinaryOp::Eq:
      return a == b;
    case BinaryOp::Ne:
      return a != b;
    case BinaryOp::EqTilde:
      if (!ci()) return std::nullopt;
      return la == lb;
    case BinaryOp::NeTilde:
      if (!ci()) return std::nullopt;
      return la != lb;
    case BinaryOp::Contains:
      if (!ci()) return std::nullopt;
      return la.find(lb) != std::string::npos;
    case BinaryOp::NotContains:
      if (!ci()) return std::nullopt;
      return la.find(lb) == std::string::npos;
    case BinaryOp::ContainsCs:
      return a.find(b) != std::string::npos;
    case BinaryOp::NotContainsCs:
      return a.find(b) == std::string::npos;
    case BinaryOp::StartsWith:
      if (!ci()) return std::nullopt;
      return starts(la, lb);
    case BinaryOp::NotStartsWith:
      if (!ci()) return std::nullopt;
      return !starts(la, lb);
    case BinaryOp::StartsWithCs:
      return starts(a, b);
    case BinaryOp::NotStartsWithCs:
      return !starts(a, b);
    case BinaryOp::EndsWith:
      if (!ci()) return std::nullopt;
      return ends(la, lb);
    case BinaryOp::NotEndsWith:
      if (!ci()) return std::nullopt;
      return !ends(la, lb);
    case BinaryOp::EndsWithCs:
      return ends(a, b);
    case BinaryOp::NotEndsWithCs:
      return !ends(a, b);
    case BinaryOp::Has:
      if (!ci()) return std::nullopt;
      return kql_has_term(a, b, false);
    case BinaryOp::NotHas:
      if (!ci()) return std::nullopt;
      return !kql_has_term(a, b, false);
    case BinaryOp::HasCs:
      return kql_has_term(a, b, true);
    case BinaryOp::NotHasCs:
      return !kql_has_term(a, b, true);
    case BinaryOp::HasPrefix:
      if (!ci()) return std::nullopt;
      return kql_has_term(a, b, false, true);
    case BinaryOp::NotHasPrefix:
      if (!ci()) return std::nullopt;
      return !kql_has_term(a, b, false, true);
    case BinaryOp::HasPrefixCs:
      return kql_has_term(a, b, true, true);
    case BinaryOp::NotHasPrefixCs:
      return !kql_has_term(a, b, true, true);
    case BinaryOp::HasSuffix:
      if (!ci()) return std::nullopt;
      return kql_has_term(a, b, false, false, true);
    case BinaryOp::NotHasSuffix:
      if (!ci()) return std::nullopt;
      return !kql_has_term(a, b, false, false, true);
    case BinaryOp::HasSuffixCs:
      return kql_has_term(a, b, true, false, true);
    case BinaryOp::NotHasSuffixCs:
      return !kql_has_term(a, b, true, false, true);
    default:
      return std::nullopt;
  }
}

}  // namespace kql::zeek
