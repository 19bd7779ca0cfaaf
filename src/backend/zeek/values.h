#pragma once
// Translated KQL values and predicates as Zeek expression text.
//
// KQL is three-valued (a comparison with null is neither true nor false, and `where` keeps a
// row only when its predicate is true), Zeek is two-valued and stops with a runtime error on
// reading an unset &optional field. So every translated predicate carries two Zeek
// conditions: when the KQL predicate is true and when it is false; `not` swaps them. A value
// carries the condition under which it is not null (the ?$ tests of the fields it reads).
#include <optional>
#include <string>
#include <vector>

#include "source/span.h"
#include "syntax/ast.h"

namespace kql::zeek {

enum class ZType { String, Number, Bool, Addr, Time, Interval, Bag, List, Vector };

struct ZValue {
  ZType type = ZType::String;
  std::string code;       // Zeek expression; never reads an unset field when `defined` holds
  std::string defined;    // Zeek condition for "not null"; empty: never null
  bool is_count = false;  // a Number whose Zeek type is count
  bool integral = false;  // a Number that is always a whole number (count field, port, int literal)
  std::optional<std::string> str_const;  // String known at translation time
  std::optional<double> num_const;       // Number known at translation time
  int64_t ticks = 0;                     // Interval constant, in 100 ns ticks
  std::vector<ZValue> items;             // List: the constants of a dynamic array or list
  Span origin;  // Vector (split()) and split() elements: the KQL call, for diagnostics
};

struct ZPred {
  std::string when_true;
  std::string when_false;
};

// Boolean text with constant folding ("T"/"F") and the parentheses Zeek's precedence needs.
std::string z_and(const std::string& a, const std::string& b);
std::string z_or(const std::string& a, const std::string& b);
std::string z_not(const std::string& a);
// A predicate from a boolean condition on a value that may be null.
ZPred z_pred(const std::string& defined, const std::string& condition);
ZPred z_const(bool value);
ZPred p_not(const ZPred& p);
ZPred p_and(const ZPred& a, const ZPred& b);
ZPred p_or(const ZPred& a, const ZPred& b);

// A Zeek interval literal for a KQL timespan (largest unit that divides it), e.g. "1hr".
std::string interval_literal(int64_t ticks);

// KQL string operators on two constants, exactly; nullopt when the answer depends on
// Unicode case folding (non-ASCII text under a case-insensitive operator).
std::optional<bool> fold_string_op(ast::BinaryOp op, const std::string& lhs,
                                   const std::string& rhs);
// KQL `has` on constants: is `needle` a whole run of terms in `text`?
bool kql_has_term(const std::string& text, const std::string& needle, bool case_sensitive,
                  bool prefix_only = false, bool suffix_only = false);

}  // namespace kql::zeek
