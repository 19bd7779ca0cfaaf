// Predicates: comparisons, KQL string operators with their case and term semantics, regexes,
// in/has_any lists, each as a three-valued ZPred.
#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>
#include <set>

#include "backend/zeek/codes.h"
#include "backend/zeek/regex_convert.h"
#include "backend/zeek/rule_translator.h"
#include "backend/zeek/zeek_text.h"

namespace kql::zeek::detail {

ZPred RuleTranslator::predicate(const Expr* e) {
  switch (e->kind) {
    case NodeKind::Paren:
      return predicate(static_cast<const Paren*>(e)->inner);
    case NodeKind::Binary: {
      auto* b = static_cast<const Binary*>(e);
      if (b->op == BinaryOp::And) return p_and(predicate(b->left), predicate(b->right));
      if (b->op == BinaryOp::Or) return p_or(predicate(b->left), predicate(b->right));
      if (b->op == BinaryOp::Add || b->op == BinaryOp::Sub || b->op == BinaryOp::Mul ||
          b->op == BinaryOp::Div || b->op == BinaryOp::Mod)
        break;
      return comparison(b);
    }
    case NodeKind::InList:
      return in_list(static_cast<const InList*>(e));
    case NodeKind::Between: {
      auto* b = static_cast<const Between*>(e);
      if (is_time_column(b->operand))
        reject(codes::kUnsupportedTimeFilter, e->span,
               "only `Timestamp > ago(...)` (the rule's lookback) translates; a live sensor has "
               "no other notion of the event time range");
      ZValue x = value(b->operand), lo = value(b->low), hi = value(b->high);
      x.code = operand(x.code);
      if (x.type != ZType::Number || lo.type != ZType::Number || hi.type != ZType::Number)
        reject(codes::kUnsupportedExpression, e->span, "only numeric between translates");
      std::string defined = z_and(z_and(x.defined, lo.defined), hi.defined);
      ZPred p = z_pred(defined, x.code + " >= " + lo.code + " && " + x.code + " <= " + hi.code);
      return b->negated ? p_not(p) : p;
    }
    case NodeKind::Call:
      if (is_call(e, "not", 1)) return p_not(predicate(static_cast<const Call*>(e)->args[0]));
      break;
    default:
      break;
  }
  ZValue v = value(e);
  if (v.type != ZType::Bool)
    reject(codes::kUnsupportedExpression, e->span, "this expression is not a boolean condition");
  if (v.code == "T" || v.code == "F") {
    if (v.defined.empty()) return z_const(v.code == "T");
  }
  return z_pred(v.defined, v.code);
}

// The Zeek spelling of a constant compared with `like` (an address column gets an address
// literal, a number stays a number).
std::string RuleTranslator::literal_for(const ZValue& like, const ZValue& constant, Span span) {
  if (like.type == ZType::Addr) {
    std::string ip = constant.str_const.value_or("");
    unsigned char buf[16];
    if (inet_pton(AF_INET, ip.c_str(), buf) == 1) return ip;
    if (inet_pton(AF_INET6, ip.c_str(), buf) == 1) return "[" + ip + "]";
    reject(codes::kUnsupportedExpression, span,
           "'" + ip + "' is not an IP address, so it cannot be compared with an address");
  }
  return constant.code;
}

// A split() element is dynamic and null past the end of the array; only its text
// (tostring(), strcat()) translates exactly.
static void require_text(const ZValue& v) {
  if (v.type == ZType::String && !v.defined.empty())
    reject(codes::kUnsupportedExpression, v.origin,
           "an element of a split() array is a dynamic value, null past the end; test its "
           "text: tostring(split(x, d)[i])");
}

ZPred RuleTranslator::comparison(const Binary* b) {
  ZValue l = value(b->left), r = value(b->right);
  require_text(l);
  require_text(r);
  l.code = operand(l.code);
  r.code = operand(r.code);
  BinaryOp op = b->op;
  Span where = b->op_span.empty() ? b->span : b->op_span;
  std::string defined = z_and(l.defined, r.defined);
  if (defined == "T") defined.clear();
  bool ordering =
      op == BinaryOp::Lt || op == BinaryOp::Le || op == BinaryOp::Gt || op == BinaryOp::Ge;
  const char* zop = op == BinaryOp::Eq   ? "=="
                    : op == BinaryOp::Ne ? "!="
                    : op == BinaryOp::Lt ? "<"
                    : op == BinaryOp::Le ? "<="
                    : op == BinaryOp::Gt ? ">"
                    : op == BinaryOp::Ge ? ">="
                                         : nullptr;
  if (l.type == ZType::Time || r.type == ZType::Time)
    reject(codes::kUnsupportedTimeFilter, b->span,
           "only `Timestamp > ago(...)` (the rule's lookback) translates; a live sensor has no "
           "other notion of the event time range");
  if (l.type == ZType::Number && r.type == ZType::Number && zop)
    return z_pred(defined, l.code + " " + zop + " " + r.code);
  if (l.type == ZType::Bool && r.type == ZType::Bool && (op == BinaryOp::Eq || op == BinaryOp::Ne))
    return z_pred(defined, l.code + " " + zop + " " + r.code);
  if (l.type == ZType::Addr || r.type == ZType::Addr) {
    bool l_addr = l.type == ZType::Addr;
    const ZValue& a = l_addr ? l : r;
    const ZValue& other = l_addr ? r : l;
    if ((op == BinaryOp::Eq || op == BinaryOp::Ne) && other.str_const) {
      std::string lit = literal_for(a, other, b->right->span);
      return z_pred(defined, a.code + " " + zop + " " + lit);
    }
    if (other.type == ZType::Addr && (op == BinaryOp::Eq || op == BinaryOp::Ne))
      return z_pred(defined, l.code + " " + zop + " " + r.code);
    // Any other operator on an address column compares its text, as KQL does.
    ZValue as_text;
    as_text.type = ZType::String;
    as_text.code = kql_string(a);
    return string_operator(b, l_addr ? as_text : l, l_addr ? r : as_text);
  }
  if (ordering)
    reject(codes::kUnsupportedExpression, where,
           std::string("'") + binary_op_text(op) + "' between these types has no Zeek equivalent");
  if (l.type == ZType::String && r.type == ZType::String) return string_operator(b, l, r);
  if (l.type == ZType::String && r.type == ZType::Number && r.num_const &&
      (op == BinaryOp::Eq || op == BinaryOp::Ne))
    reject(codes::kUnsupportedExpression, where,
           "comparing a string with a number; convert one side (toint(), tostring())");
  reject(codes::kUnsupportedExpression, where,
         std::string("'") + binary_op_text(op) + "' between these operands has no Zeek equivalent");
}

ZPred RuleTranslator::string_operator(const Binary* b, const ZValue& lhs, const ZValue& rhs) {
  BinaryOp op = b->op;
  Span where = b->op_span.empty() ? b->span : b->op_span;
  if (lhs.str_const && rhs.str_const) {
    if (auto folded = fold_string_op(op, *lhs.str_const, *rhs.str_const)) return z_const(*folded);
  }
  auto negated = [](BinaryOp o) {
    switch (o) {
      case BinaryOp::Ne:
      case BinaryOp::NeTilde:
      case BinaryOp::NotContains:
      case BinaryOp::NotContainsCs:
      case BinaryOp::NotHas:
      case BinaryOp::NotHasCs:
      case BinaryOp::NotHasPrefix:
      case BinaryOp::NotHasPrefixCs:
      case BinaryOp::NotHasSuffix:
      case BinaryOp::NotHasSuffixCs:
      case BinaryOp::NotStartsWith:
      case BinaryOp::NotStartsWithCs:
      case BinaryOp::NotEndsWith:
      case BinaryOp::NotEndsWithCs:
        return true;
      default:
        return false;
    }
  };
  auto positive = [](BinaryOp o) {
    switch (o) {
      case BinaryOp::Ne:
        return BinaryOp::Eq;
      case BinaryOp::NeTilde:
        return BinaryOp::EqTilde;
      case BinaryOp::NotContains:
        return BinaryOp::Contains;
      case BinaryOp::NotContainsCs:
        return BinaryOp::ContainsCs;
      case BinaryOp::NotHas:
        return BinaryOp::Has;
      case BinaryOp::NotHasCs:
        return BinaryOp::HasCs;
      case BinaryOp::NotHasPrefix:
        return BinaryOp::HasPrefix;
      case BinaryOp::NotHasPrefixCs:
        return BinaryOp::HasPrefixCs;
      case BinaryOp::NotHasSuffix:
        return BinaryOp::HasSuffix;
      case BinaryOp::NotHasSuffixCs:
        return BinaryOp::HasSuffixCs;
      case BinaryOp::NotStartsWith:
        return BinaryOp::StartsWith;
      case BinaryOp::NotStartsWithCs:
        return BinaryOp::StartsWithCs;
      case BinaryOp::NotEndsWith:
        return BinaryOp::EndsWith;
      case BinaryOp::NotEndsWithCs:
        return BinaryOp::EndsWithCs;
      default:
        return o;
    }
  };
  bool neg = negated(op);
  BinaryOp pos = positive(op);
  const std::string& a = lhs.code;
  auto need_const = [&]() -> std::string {
    if (!rhs.str_const)
      reject(codes::kUnsupportedExpression, b->right->span,
             std::string("the right side of '") + binary_op_text(op) +
                 "' must be a constant string to translate exactly");
    return *rhs.str_const;
  };
  auto ci_const = [&]() -> std::string {
    std::string s = need_const();
    if (!is_ascii(s))
      reject(codes::kInexactCaseFolding, b->right->span,
             std::string("'") + binary_op_text(op) +
                 "' folds Unicode case in KQL; Zeek's to_lower() folds only ASCII",
             "use the case-sensitive operator (e.g. contains_cs, ==) for non-ASCII text");
    return ascii_lower(s);
  };
  std::string cond;
  switch (pos) {
    case BinaryOp::Eq:
      cond = a + " == " + rhs.code;
      break;
    case BinaryOp::EqTilde:
      cond = rhs.str_const ? "to_lower(" + a + ") == " + string_literal(ci_const())
                           : "to_lower(" + a + ") == to_lower(" + rhs.code + ")";
      if (!rhs.str_const)
        reject(codes::kInexactCaseFolding, b->right->span,
               "'=~' between two non-constant strings cannot be folded exactly");
      break;
    case BinaryOp::Contains:
      cond = string_literal(ci_const()) + " in to_lower(" + a + ")";
      break;
    case BinaryOp::ContainsCs:
      cond = string_literal(need_const()) + " in " + a;
      break;
    case BinaryOp::StartsWith:
      cond = "starts_with(to_lower(" + a + "), " + string_literal(ci_const()) + ")";
      break;
    case BinaryOp::StartsWithCs:
      cond = "starts_with(" + a + ", " + string_literal(need_const()) + ")";
      break;
    case BinaryOp::EndsWith:
      cond = "ends_with(to_lower(" + a + "), " + string_literal(ci_const()) + ")";
      break;
    case BinaryOp::EndsWithCs:
      cond = "ends_with(" + a + ", " + string_literal(need_const()) + ")";
      break;
    case BinaryOp::Has:
    case BinaryOp::HasCs:
    case BinaryOp::HasPrefix:
    case BinaryOp::HasPrefixCs:
    case BinaryOp::HasSuffix:
    case BinaryOp::HasSuffixCs: {
      bool cs =
          pos == BinaryOp::HasCs || pos == BinaryOp::HasPrefixCs || pos == BinaryOp::HasSuffixCs;
      std::string needle = cs ? need_const() : ci_const();
      if (!term_needle_ok(needle))
        reject(codes::kTermNeedle, b->right->span,
               std::string("'") + binary_op_text(op) +
                   "' needles that start or end with a non-alphanumeric character (or are "
                   "empty) have term semantics Zeek cannot reproduce",
               "use contains/startswith/endswith, or a needle that is a whole term");
      TermAnchor anchor =
          (pos == BinaryOp::HasPrefix || pos == BinaryOp::HasPrefixCs)   ? TermAnchor::Prefix
          : (pos == BinaryOp::HasSuffix || pos == BinaryOp::HasSuffixCs) ? TermAnchor::Suffix
                                                                         : TermAnchor::Both;
      cond = pattern_literal(term_pattern_body(needle, anchor), !cs) + " in " + a;
      break;
    }
    case BinaryOp::MatchesRegex: {
      std::string re = need_const();
      RegexConversion conv = convert_re2(re);
      if (!conv.ok)
        reject(codes::kRegexNotExpressible, b->right->span,
               "this regex cannot be written in Zeek's pattern language: " + conv.error +
                   " (at offset " + std::to_string(conv.offset) + " of the regex)",
               "Zeek patterns have no word boundaries, lookaround, back-references or Unicode "
               "classes; rewrite the regex without them");
      cond = pattern_literal(conv.body, false) + " in " + a;
      break;
    }
    default:
      reject(codes::kUnsupportedExpression, where,
             std::string("'") + binary_op_text(op) + "' has no Zeek equivalent");
  }
  ZPred p = z_pred("", cond);
  return neg ? p_not(p) : p;
}

std::vector<ZValue> RuleTranslator::list_items(const InList* l) {
  std::vector<ZValue> items;
  for (auto* item : l->items) {
    const Expr* s = strip_parens(item);
    if (s->kind == NodeKind::Pipe || (s->kind == NodeKind::Name && [&] {
          auto let = lets_.find(static_cast<const Name*>(s)->name);
          return let != lets_.end() && let->second &&
                 strip_parens(let->second)->kind == NodeKind::Pipe;
        }()))
      reject(codes::kUnsupportedExpression, item->span,
             "a list taken from a query (a subquery) has no Zeek equivalent; list the values "
             "or use dynamic([...])");
    ZValue v = value(item);
    if (v.type == ZType::List) {
      for (auto& x : v.items) items.push_back(x);
    } else {
      items.push_back(v);
    }
  }
  for (auto& v : items)
    if (!v.str_const && !v.num_const)
      reject(codes::kUnsupportedExpression, l->span,
             "only lists of constant strings or numbers translate");
  return items;
}

ZPred RuleTranslator::in_list(const InList* l) {
  ZValue x = value(l->operand);
  require_text(x);
  x.code = operand(x.code);
  std::vector<ZValue> items = list_items(l);
  InOp op = l->op;
  if (x.type == ZType::Addr && (op == InOp::HasAny || op == InOp::HasAll || op == InOp::HasAnyCs ||
                                op == InOp::HasAllCs || op == InOp::InCi || op == InOp::NotInCi)) {
    ZValue text;
    text.type = ZType::String;
    text.code = kql_string(x);
    x = text;
  }
  bool negated = op == InOp::NotIn || op == InOp::NotInCi;
  if (items.empty()) {
    if (op == InOp::HasAll || op == InOp::HasAllCs) return z_const(true);
    return z_const(negated);
  }
  // Constant operand (ActionType): fold exactly.
  if (x.str_const) {
    bool any = false, all = true;
    for (auto& it : items) {
      if (!it.str_const)
        reject(codes::kUnsupportedExpression, l->span, "mixing strings and numbers in a list");
      BinaryOp bop = (op == InOp::In || op == InOp::NotIn)        ? BinaryOp::Eq
                     : (op == InOp::InCi || op == InOp::NotInCi)  ? BinaryOp::EqTilde
                     : (op == InOp::HasAny || op == InOp::HasAll) ? BinaryOp::Has
                                                                  : BinaryOp::HasCs;
      auto r = fold_string_op(bop, *x.str_const, *it.str_const);
      if (!r)
        reject(codes::kInexactCaseFolding, l->span,
               "case-insensitive comparison of non-ASCII text cannot be folded exactly");
      any = any || *r;
      all = all && *r;
    }
    if (op == InOp::HasAll || op == InOp::HasAllCs) return z_const(all);
    return z_const(negated ? !any : any);
  }
  std::string set = "set(";
  auto close_set = [&] { return set + ")"; };
  switch (op) {
    case InOp::In:
    case InOp::NotIn: {
      for (size_t i = 0; i < items.size(); ++i) {
        if (x.type == ZType::Number && !items[i].num_const)
          reject(codes::kUnsupportedExpression, items[i].code.empty() ? l->span : l->span,
                 "a number compared with a list holding strings");
        if (x.type == ZType::String && !items[i].str_const)
          reject(codes::kUnsupportedExpression, l->span,
                 "a string compared with a list holding numbers");
        set += (i ? ", " : "") + literal_for(x, items[i], l->span);
      }
      ZPred p = z_pred(x.defined, x.code + " in " + close_set());
      return negated ? p_not(p) : p;
    }
    case InOp::InCi:
    case InOp::NotInCi: {
      if (x.type != ZType::String)
        reject(codes::kUnsupportedExpression, l->span, "in~ translates only on strings");
      for (size_t i = 0; i < items.size(); ++i) {
        if (!items[i].str_const || !is_ascii(*items[i].str_const))
          reject(codes::kInexactCaseFolding, l->span,
                 "in~ with non-ASCII or non-string values cannot be folded exactly");
        set += (i ? ", " : "") + string_literal(ascii_lower(*items[i].str_const));
      }
      ZPred p = z_pred("", "to_lower(" + x.code + ") in " + close_set());
      return negated ? p_not(p) : p;
    }
    default: {
      if (x.type != ZType::String)
        reject(codes::kUnsupportedExpression, l->span,
               std::string(in_op_text(op)) + " translates only on strings");
      bool cs = op == InOp::HasAnyCs || op == InOp::HasAllCs;
      std::vector<std::string> needles;
      for (auto& it : items) {
        std::string n = it.str_const ? *it.str_const : it.code;
        if (!it.str_const)
          reject(codes::kUnsupportedExpression, l->span, "has_any/has_all need string values");
        if (!cs && !is_ascii(n))
          reject(codes::kInexactCaseFolding, l->span,
                 std::string(in_op_text(op)) + " folds Unicode case; '" + n + "' is not ASCII");
        if (!term_needle_ok(n))
          reject(codes::kTermNeedle, l->span,
                 "'" + n +
                     "' starts or ends with a non-alphanumeric character (or is empty): "
                     "its term semantics cannot be reproduced in Zeek");
        needles.push_back(cs ? n : ascii_lower(n));
      }
      if (op == InOp::HasAny || op == InOp::HasAnyCs)
        return z_pred("", pattern_literal(term_alternation_body(needles, TermAnchor::Both), !cs) +
                              " in " + x.code);
      std::string all = "T";
      for (auto& n : needles)
        all = z_and(all,
                    pattern_literal(term_pattern_body(n, TermAnchor::Both), !cs) + " in " + x.code);
      return z_pred("", all);
    }
  }
}

}  // namespace kql::zeek::detail
