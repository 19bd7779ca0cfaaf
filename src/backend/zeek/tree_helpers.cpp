// Small helpers over the syntax tree and Zeek text shared by the translator's files.
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

[[noreturn]] void reject(Code code, Span span, std::string message, std::string help) {
  throw Reject{code, span, std::move(message), std::move(help)};
}

// A Zeek double literal: the shortest text that reads back as `d`, with a decimal point.
std::string fmt_double(double d) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, res.ptr);
  if (s.find_first_of(".en") == std::string::npos) s += ".0";
  return s;
}

const Expr* strip_parens(const Expr* e) {
  while (e && e->kind == NodeKind::Paren) e = static_cast<const Paren*>(e)->inner;
  return e;
}

// Calls `fn` for every Name node in an expression (not descending into subqueries).
void for_each_name(const Expr* e, const std::function<void(const Name*)>& fn) {
  if (!e) return;
  switch (e->kind) {
    case NodeKind::Name:
      fn(static_cast<const Name*>(e));
      break;
    case NodeKind::Unary:
      for_each_name(static_cast<const Unary*>(e)->operand, fn);
      break;
    case NodeKind::Binary: {
      auto* b = static_cast<const Binary*>(e);
      for_each_name(b->left, fn);
      for_each_name(b->right, fn);
      break;
    }
    case NodeKind::Between: {
      auto* b = static_cast<const Between*>(e);
      for_each_name(b->operand, fn);
      for_each_name(b->low, fn);
      for_each_name(b->high, fn);
      break;
    }
    case NodeKind::InList: {
      auto* l = static_cast<const InList*>(e);
      for_each_name(l->operand, fn);
      for (auto* i : l->items) for_each_name(i, fn);
      break;
    }
    case NodeKind::Call:
      for (auto* a : static_cast<const Call*>(e)->args) for_each_name(a, fn);
      break;
    case NodeKind::Member:
      for_each_name(static_cast<const Member*>(e)->object, fn);
      break;
    case NodeKind::Index: {
      auto* i = static_cast<const Index*>(e);
      for_each_name(i->object, fn);
      for_each_name(i->index, fn);
      break;
    }
    case NodeKind::Paren:
      for_each_name(static_cast<const Paren*>(e)->inner, fn);
      break;
    case NodeKind::NamedArgument:
      for_each_name(static_cast<const NamedArgument*>(e)->value, fn);
      break;
    case NodeKind::Assignment:
      for_each_name(static_cast<const Assignment*>(e)->value, fn);
      break;
    default:
      break;
  }
}

// Top-level conjuncts of a where predicate, in source order.
void conjuncts(const Expr* e, std::vector<const Expr*>& out) {
  const Expr* s = strip_parens(e);
  if (s && s->kind == NodeKind::Binary && static_cast<const Binary*>(s)->op == BinaryOp::And) {
    conjuncts(static_cast<const Binary*>(s)->left, out);
    conjuncts(static_cast<const Binary*>(s)->right, out);
  } else {
    out.push_back(e);
  }
}

bool is_call(const Expr* e, std::string_view name, size_t args) {
  e = strip_parens(e);
  if (!e || e->kind != NodeKind::Call) return false;
  auto* c = static_cast<const Call*>(e);
  if (c->args.size() != args) return false;
  if (c->callee.size() != name.size()) return false;
  for (size_t i = 0; i < name.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(c->callee[i])) != name[i]) return false;
  return true;
}

std::string lower_name(std::string s) { return ascii_lower(s); }

bool is_time_column(const Expr* e) {
  e = strip_parens(e);
  if (!e || e->kind != NodeKind::Name) return false;
  auto& n = static_cast<const Name*>(e)->name;
  return n == "Timestamp" || n == "TimeGenerated";
}

// The rule's module: its name as an identifier, unless that would reopen one of Zeek's own
// modules (where our Match and inbound() could clash) or be a keyword. The keywords are those
// of Zeek's scanner (src/scan.l and the %token list of src/parse.y, TOK_ADD ... TOK_AS, TOK_IS),
// plus `assert` (the assert statement of Zeek 6.1, newer than the parse.y read for this list),
// and the constants T and F, which scan.l reads as bool literals: `module file;` would not parse.
std::string module_name(const std::string& title) {
  static const std::set<std::string> taken = {
      "GLOBAL",   "Conn",     "HTTP",    "DNS",        "SSL",      "SSH",         "FTP",
      "SMTP",     "NTLM",     "Notice",  "SumStats",   "Site",     "Log",         "Intel",
      "Files",    "X509",     "Weird",   "Reporter",   "Cluster",  "Broker",      "Input",
      "Analyzer", "Tunnel",   "Config",  "Signatures", "Software", "Known",       "module",
      "event",    "function", "hook",    "export",     "global",   "const",       "local",
      "type",     "record",   "redef",   "if",         "else",     "for",         "while",
      "return",   "break",    "next",    "print",      "schedule", "when",        "switch",
      "case",     "default",  "add",     "delete",     "in",       "of",          "set",
      "table",    "vector",   "enum",    "string",     "count",    "int",         "bool",
      "addr",     "port",     "subnet",  "time",       "interval", "double",      "pattern",
      "any",      "T",        "F",       "Rule",       "copy",     "fallthrough", "file",
      "list",     "opaque",   "timeout", "timer",      "union",    "option",      "as",
      "is",       "assert"};
  std::string id = identifier(title);
  return taken.count(id) ? "Rule_" + id : id;
}

// A value's code as an operand of a binary operator: compound code gets parentheses.
std::string operand(const std::string& code) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == ' ' && depth == 0) {
      return "(" + code + ")";
    }
  }
  return code;
}

}  // namespace kql::zeek::detail
