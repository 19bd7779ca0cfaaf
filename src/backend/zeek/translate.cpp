// The Zeek translator: walks the query's pipeline once per ActionType the rule is filtered
// to, translating every predicate, extend and projection in that ActionType's Zeek record
// (see plan.h), and hands the plan to script_writer.cpp.
#include "backend/zeek/translate.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>
#include <set>

#include "backend/zeek/codes.h"
#include "backend/zeek/mapping.h"
#include "backend/zeek/regex_convert.h"
#include "backend/zeek/script_writer.h"
#include "backend/zeek/values.h"
#include "backend/zeek/zeek_text.h"
#include "syntax/parser.h"

namespace kql::zeek {

namespace {

using namespace kql::ast;

// Thrown at the first construct of a stage that cannot be translated; caught per stage item.
struct Reject {
  Code code;
  Span span;
  std::string message;
  std::string help;
  bool silent = false;  // a consequence of an error already reported
};

[[noreturn]] void reject(Code code, Span span, std::string message, std::string help = "") {
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
// modules (where our Match and inbound() could clash) or be a keyword.
std::string module_name(const std::string& title) {
  static const std::set<std::string> taken = {
      "GLOBAL",     "Conn",     "HTTP",     "DNS",      "SSL",    "SSH",      "FTP",      "SMTP",
      "NTLM",       "Notice",   "SumStats", "Site",     "Log",    "Intel",    "Files",    "X509",
      "Weird",      "Reporter", "Cluster",  "Broker",   "Input",  "Analyzer", "Tunnel",   "Config",
      "Signatures", "Software", "Known",    "module",   "event",  "function", "hook",     "export",
      "global",     "const",    "local",    "type",     "record", "redef",    "if",       "else",
      "for",        "while",    "return",   "break",    "next",   "print",    "schedule", "when",
      "switch",     "case",     "default",  "add",      "delete", "in",       "of",       "set",
      "table",      "vector",   "enum",     "string",   "count",  "int",      "bool",     "addr",
      "port",       "subnet",   "time",     "interval", "double", "pattern",  "any",      "T",
      "F",          "Rule"};
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

// How a name in scope is bound.
struct Binding {
  enum Kind { Value, Bag, Dropped, Poisoned } kind = Value;
  ZValue value;
  std::string reason;  // Dropped: why the column has no Zeek equivalent
};

// One output column of project/distinct/summarize, for the notice message.
struct OutputColumn {
  std::string label;
  Span span;
  Binding binding;
};

class RuleTranslator {
 public:
  RuleTranslator(const Query& query, const SyntaxTree& tree, const Mapping& mapping,
                 QueryDiagnostics& diags)
      : query_(query), tree_(tree), mapping_(mapping), diags_(diags) {}

  std::optional<RulePlan> run(const ZeekOptions& options);

 private:
  // -- reporting
  void report(const Reject& r) {
    if (r.silent) return;
    if (!reported_.insert({std::string(r.code.code), r.span.begin, r.span.end}).second) return;
    auto& d = diags_.report(std::string(r.code.code), std::string(r.code.name), Severity::Error,
                            r.span, r.message);
    d.help = r.help;
    failed_ = true;
  }
  void warn(Code code, Span span, std::string message) {
    if (!reported_.insert({std::string(code.code), span.begin, span.end}).second) return;
    diags_.report(std::string(code.code), std::string(code.name), Severity::Warning, span,
                  std::move(message));
  }
  std::string source_text(Span span) const {
    std::string out;
    bool space = false;
    for (uint32_t i = span.begin; i < span.end && i < query_.text.size(); ++i) {
      char c = query_.text[i];
      if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
        space = !out.empty();
        continue;
      }
      if (space) out += ' ';
      space = false;
      out += c;
    }
    if (out.size() > 110) out = out.substr(0, 107) + "...";
    return out;
  }

  // -- structure
  void collect_statements();
  void flatten(const Expr* e, std::vector<const Operator*>& ops, int depth);
  void find_candidates();
  bool is_action_type_only(const Expr* conjunct);
  std::optional<int64_t> window_of(const Expr* conjunct);
  HandlerPlan translate_handler(const ActionMapping& action);
  void translate_aggregate(const SummarizeOp* op, size_t op_index, HandlerPlan& handler,
                           std::map<std::string, Binding>& env);

  // -- expressions (per handler)
  Binding lookup(const Name* name);
  Binding binding_of(const Expr* e);
  ZValue value(const Expr* e);
  ZValue field_value(const std::string& key, Span span);
  ZValue call_value(const Call* c);
  ZValue dynamic_literal(const Literal* l);
  ZPred predicate(const Expr* e);
  ZPred comparison(const Binary* b);
  ZPred string_operator(const Binary* b, const ZValue& lhs, const ZValue& rhs);
  ZPred in_list(const InList* l);
  std::vector<ZValue> list_items(const InList* l);
  std::string kql_string(const ZValue& v);  // tostring() semantics: "" for null
  std::string literal_for(const ZValue& like, const ZValue& constant, Span span);
  int64_t timespan_of(const Expr* e);

  const Query& query_;
  const SyntaxTree& tree_;
  const Mapping& mapping_;
  QueryDiagnostics& diags_;
  std::set<std::tuple<std::string, uint32_t, uint32_t>> reported_;
  bool failed_ = false;

  std::map<std::string, const Expr*> lets_;
  std::set<std::string> expanding_lets_;
  const Expr* table_ = nullptr;
  std::vector<const Operator*> ops_;
  std::vector<const ActionMapping*> candidates_;
  std::set<const Expr*> action_conjuncts_;  // where-conjuncts the candidates already satisfy
  std::set<const Expr*> window_conjuncts_;
  std::optional<int64_t> window_;  // the rule's lookback, from Timestamp > ago(x)

  // per handler
  const ActionMapping* action_ = nullptr;
  const LogInfo* log_ = nullptr;
  std::map<std::string, Binding>* env_ = nullptr;
  bool columns_visible_ = true;  // the table's columns are in scope (no project yet)
  bool uses_inbound_ = false;
  bool uses_protocol_ = false;

  // results shared by all handlers
  std::optional<AggregatePlan> aggregate_;
  bool distinct_ = false;
};

// ---------------------------------------------------------------------------------------
// Structure

void RuleTranslator::collect_statements() {
  const QueryStatement* query = nullptr;
  for (auto* s : tree_.statements) {
    switch (s->kind) {
      case NodeKind::LetStatement: {
        auto* let = static_cast<const LetStatement*>(s);
        lets_[let->name] = let->value;
        break;
      }
      case NodeKind::QueryStatement:
        if (query)
          reject(codes::kUnsupportedStatement, s->span,
                 "a rule with more than one query statement cannot become one Zeek script");
        query = static_cast<const QueryStatement*>(s);
        break;
      case NodeKind::SetStatement:
        break;  // request options do not change the result rows
      default:
        reject(codes::kUnsupportedStatement, s->span, "declare statements have no Zeek equivalent");
    }
  }
  if (!query) reject(codes::kUnsupportedStatement, Span{0, 0}, "the rule has no query statement");
  flatten(query->expr, ops_, 0);
}

void RuleTranslator::flatten(const Expr* e, std::vector<const Operator*>& ops, int depth) {
  e = strip_parens(e);
  if (!e || depth > 32) reject(codes::kUnsupportedTable, Span{0, 0}, "the query has no table");
  if (e->kind == NodeKind::Pipe) {
    auto* p = static_cast<const Pipe*>(e);
    flatten(p->input, ops, depth + 1);
    ops.push_back(p->op);
    return;
  }
  if (e->kind == NodeKind::Name) {
    auto* n = static_cast<const Name*>(e);
    if (n->name == "DeviceNetworkEvents") {
      table_ = e;
      return;
    }
    auto let = lets_.find(n->name);
    if (let != lets_.end() && let->second && let->second->kind != NodeKind::FunctionDecl) {
      flatten(let->second, ops, depth + 1);
      return;
    }
    reject(codes::kUnsupportedTable, e->span,
           "table '" + n->name + "' has no Zeek equivalent; only DeviceNetworkEvents translates",
           "Zeek sees network traffic: the Zeek-derived DeviceNetworkEvents ActionTypes "
           "(HttpConnectionInspected, DnsConnectionInspected, ...) and connection events map "
           "to Zeek logs; device, process, file and vulnerability tables do not");
  }
  if (e->kind == NodeKind::OperatorExpr) {
    auto* op = static_cast<const OperatorExpr*>(e)->op;
    reject(codes::kUnsupportedOperator, op->keyword_span.empty() ? e->span : op->keyword_span,
           std::string("a query starting with '") + operator_name(op->op_kind) +
               "' has no Zeek equivalent");
  }
  if (e->kind == NodeKind::Call)
    reject(codes::kUnsupportedTable, e->span,
           "the query reads the result of " + static_cast<const Call*>(e)->callee +
               "(); only DeviceNetworkEvents (directly or through a let) translates");
  reject(codes::kUnsupportedTable, e->span,
         "the query's source is not a table; only DeviceNetworkEvents translates");
}

// Whether a where-conjunct reads nothing but ActionType (and constant lets).
bool RuleTranslator::is_action_type_only(const Expr* conjunct) {
  bool action = false, other = false;
  std::function<void(const Name*)> visit = [&](const Name* n) {
    if (n->name == "ActionType") {
      action = true;
      return;
    }
    auto let = lets_.find(n->name);
    if (let != lets_.end() && let->second && let->second->kind != NodeKind::Pipe &&
        !expanding_lets_.count(n->name)) {
      expanding_lets_.insert(n->name);
      for_each_name(let->second, visit);
      expanding_lets_.erase(n->name);
      return;
    }
    other = true;
  };
  for_each_name(conjunct, visit);
  return action && !other;
}

std::optional<int64_t> RuleTranslator::window_of(const Expr* conjunct) {
  const Expr* e = strip_parens(conjunct);
  if (e->kind == NodeKind::Binary) {
    auto* b = static_cast<const Binary*>(e);
    const Expr* ago = nullptr;
    if ((b->op == BinaryOp::Gt || b->op == BinaryOp::Ge) && is_time_column(b->left)) ago = b->right;
    if ((b->op == BinaryOp::Lt || b->op == BinaryOp::Le) && is_time_column(b->right)) ago = b->left;
    if (ago && is_call(ago, "ago", 1))
      return timespan_of(static_cast<const Call*>(strip_parens(ago))->args[0]);
  }
  if (e->kind == NodeKind::Between) {
    auto* b = static_cast<const Between*>(e);
    if (!b->negated && is_time_column(b->operand) && is_call(b->low, "ago", 1) &&
        is_call(b->high, "now", 0))
      return timespan_of(static_cast<const Call*>(strip_parens(b->low))->args[0]);
  }
  return std::nullopt;
}

int64_t RuleTranslator::timespan_of(const Expr* e) {
  e = strip_parens(e);
  if (e->kind == NodeKind::Literal) {
    auto* l = static_cast<const Literal*>(e);
    if (l->literal_kind == LiteralKind::TimeSpan) return l->timespan_ticks;
  }
  if (e->kind == NodeKind::Name) {
    auto let = lets_.find(static_cast<const Name*>(e)->name);
    if (let != lets_.end() && let->second && !expanding_lets_.count(let->first)) {
      expanding_lets_.insert(let->first);
      int64_t t = timespan_of(let->second);
      expanding_lets_.erase(let->first);
      return t;
    }
  }
  reject(codes::kUnsupportedTimeFilter, e->span, "the time window must be a timespan literal");
}

void RuleTranslator::find_candidates() {
  // The where-conjuncts before the first reshaping operator that test ActionType alone decide
  // which ActionTypes the rule reads; each is evaluated for every known ActionType.
  std::vector<const Expr*> tests;
  for (auto* op : ops_) {
    if (op->op_kind == OperatorKind::Where) {
      std::vector<const Expr*> parts;
      conjuncts(static_cast<const WhereOp*>(op)->predicate, parts);
      for (auto* c : parts)
        if (is_action_type_only(c)) tests.push_back(c);
    } else if (op->op_kind != OperatorKind::Extend && op->op_kind != OperatorKind::Sort) {
      break;
    }
  }
  std::vector<std::string> unmapped;
  for (auto& name : mapping_.all_action_types()) {
    bool keep = true;
    for (auto* t : tests) {
      std::map<std::string, Binding> env;
      Binding b;
      b.value.type = ZType::String;
      b.value.str_const = name;
      b.value.code = string_literal(name);
      env["ActionType"] = b;
      env_ = &env;
      columns_visible_ = false;
      ZPred p = predicate(t);
      env_ = nullptr;
      columns_visible_ = true;
      if (p.when_true != "T" && p.when_true != "F")
        reject(codes::kUnsupportedExpression, t->span,
               "this ActionType test cannot be evaluated at translation time",
               "compare ActionType with string literals (==, in, startswith, ...)");
      keep = keep && p.when_true == "T";
    }
    if (!keep) continue;
    if (auto* a = mapping_.find_action(name))
      candidates_.push_back(a);
    else
      unmapped.push_back(name);
  }
  for (auto* t : tests) action_conjuncts_.insert(t);
  if (tests.empty()) {
    reject(codes::kNoActionTypeFilter, table_->span,
           "the rule reads every DeviceNetworkEvents ActionType; only Zeek-derived ones translate",
           "filter the rule first, e.g. `| where ActionType == \"HttpConnectionInspected\"`; "
           "translatable: HttpConnectionInspected, DnsConnectionInspected, "
           "SslConnectionInspected, SshConnectionInspected, FtpConnectionInspected, "
           "SmtpConnectionInspected, NtlmAuthenticationInspected, IcmpConnectionInspected, "
           "ConnectionSuccess, ConnectionFailed, InboundConnectionAccepted");
  }
  if (!unmapped.empty()) {
    std::string list, help;
    for (auto& u : unmapped) {
      list += (list.empty() ? "" : ", ") + u;
      help += (help.empty() ? "" : "; ") + u + ": " + mapping_.find_unmapped(u)->reason;
    }
    Span span = tests.front()->span;
    for (auto* t : tests) span = Span::cover(span, t->span);
    reject(codes::kUnmappedActionType, span,
           "the rule's ActionType filter admits ActionTypes with no Zeek equivalent: " + list,
           help);
  }
  if (candidates_.empty()) {
    Span span = tests.front()->span;
    reject(codes::kNoActionTypeFilter, span, "the ActionType filter admits no ActionType at all");
  }
}

// ---------------------------------------------------------------------------------------
// Values

std::string RuleTranslator::kql_string(const ZValue& v) {
  switch (v.type) {
    case ZType::String:
      return v.code;
    case ZType::Bool:
      return v.defined.empty()
                 ? "(" + v.code + " ? \"true\" : \"false\")"
                 : "(" + v.defined + " ? (" + v.code + " ? \"true\" : \"false\") : \"\")";
    case ZType::Number:
    case ZType::Addr:
    case ZType::Time:
      return v.defined.empty() ? "cat(" + v.code + ")"
                               : "(" + v.defined + " ? cat(" + v.code + ") : \"\")";
    default:
      return "\"\"";
  }
}

Binding RuleTranslator::lookup(const Name* n) {
  auto it = env_->find(n->name);
  if (it != env_->end()) {
    if (it->second.kind == Binding::Poisoned) throw Reject{{}, {}, {}, {}, true};
    if (it->second.kind == Binding::Dropped)
      reject(codes::kUnsupportedColumn, n->span,
             "column '" + n->name + "' has no Zeek equivalent: " + it->second.reason);
    return it->second;
  }
  if (columns_visible_) {
    if (auto* col = mapping_.find_column(n->name)) {
      Binding b;
      ZValue& v = b.value;
      std::string id = "rec$id";
      bool inbound_view = action_->view == View::Direction;
      auto side = [&](bool local, const char* h_or_p) {
        std::string orig = id + "$orig_" + h_or_p, resp = id + "$resp_" + h_or_p;
        if (inbound_view) {
          uses_inbound_ = true;
          return "(inbound(" + id + ") ? " + (local ? resp : orig) + " : " + (local ? orig : resp) +
                 ")";
        }
        bool device_is_orig = action_->view == View::Orig;
        return (local == device_is_orig) ? orig : resp;
      };
      const std::string& m = col->maps_to;
      if (m == "ts") {
        v.type = ZType::Time;
        v.code = "rec$ts";
      } else if (m == "action_type") {
        v.type = ZType::String;
        v.str_const = action_->action_type;
        v.code = string_literal(action_->action_type);
      } else if (m == "local_ip" || m == "remote_ip") {
        v.type = ZType::Addr;
        v.code = side(m == "local_ip", "h");
      } else if (m == "local_port" || m == "remote_port") {
        v.type = ZType::Number;
        v.is_count = true;
        v.code = "port_to_count(" + side(m == "local_port", "p") + ")";
      } else if (m == "protocol") {
        uses_protocol_ = true;
        v.type = ZType::String;
        v.code = "protocol_name(" + id + "$resp_p)";
      } else if (m == "additional_fields") {
        b.kind = Binding::Bag;
      } else {
        b.kind = Binding::Dropped;
        b.reason = col->reason;
      }
      if (b.kind == Binding::Dropped)
        reject(codes::kUnsupportedColumn, n->span,
               "column '" + n->name + "' has no Zeek equivalent: " + col->reason);
      return b;
    }
  }
  auto let = lets_.find(n->name);
  if (let != lets_.end() && let->second && !expanding_lets_.count(n->name)) {
    if (let->second->kind == NodeKind::FunctionDecl || let->second->kind == NodeKind::Pipe)
      reject(codes::kUnsupportedExpression, n->span,
             "'" + n->name + "' is a tabular or function let; only scalar lets translate");
    expanding_lets_.insert(n->name);
    Binding b;
    try {
      b = binding_of(let->second);
    } catch (...) {
      expanding_lets_.erase(n->name);
      throw;
    }
    expanding_lets_.erase(n->name);
    return b;
  }
  reject(codes::kUnsupportedColumn, n->span, "'" + n->name + "' is not a column in scope here");
}

// A name, a bag (parsed AdditionalFields) or a value.
Binding RuleTranslator::binding_of(const Expr* e) {
  const Expr* s = strip_parens(e);
  if (s->kind == NodeKind::Name) return lookup(static_cast<const Name*>(s));
  if ((is_call(s, "todynamic", 1) || is_call(s, "parse_json", 1) || is_call(s, "todynamic", 1))) {
    Binding inner = binding_of(static_cast<const Call*>(s)->args[0]);
    if (inner.kind == Binding::Bag) return inner;
  }
  Binding b;
  b.value = value(e);
  return b;
}

ZValue RuleTranslator::field_value(const std::string& key, Span span) {
  if (action_->view != View::Direction)
    reject(codes::kUnknownField, span,
           action_->action_type + " events carry no Zeek log fields in AdditionalFields",
           "AdditionalFields holds Zeek log fields only for the *ConnectionInspected and "
           "NtlmAuthenticationInspected ActionTypes");
  ZValue v;
  if (key == "direction") {
    uses_inbound_ = true;
    v.type = ZType::String;
    v.code = "(inbound(rec$id) ? \"In\" : \"Out\")";
    return v;
  }
  if (auto* pkg = mapping_.find_package_field(key))
    reject(codes::kFieldNeedsPackage, span,
           "AdditionalFields." + key + " is not a core Zeek field; it comes from the " +
               pkg->package + " package",
           "install the package on the sensor and extend the mapping data, or drop the test");
  const LogField* f = log_->find_field(key);
  if (!f)
    reject(codes::kUnknownField, span,
           log_->name + ".log (" + action_->action_type + ") has no field '" + key + "'");
  std::string access = "rec$" + f->name;
  std::string defined = f->optional ? "rec?$" + f->name : "";
  const std::string& t = f->zeek_type;
  if (t == "string") {
    v.type = ZType::String;
    // A missing key reads as "" through tostring(), as in KQL.
    v.code = f->optional ? "(" + defined + " ? " + access + " : \"\")" : access;
  } else if (t == "count") {
    v.type = ZType::Number;
    v.is_count = true;
    v.code = access;
    v.defined = defined;
  } else if (t == "bool") {
    v.type = ZType::Bool;
    v.code = access;
    v.defined = defined;
  } else if (t == "interval") {
    v.type = ZType::Number;  // MDE writes Zeek intervals as seconds
    v.code = "interval_to_double(" + access + ")";
    v.defined = defined;
  } else if (t == "time") {
    v.type = ZType::Number;  // epoch seconds in MDE's JSON
    v.code = "time_to_double(" + access + ")";
    v.defined = defined;
  } else if (t == "addr") {
    v.type = ZType::Addr;
    v.code = access;
    v.defined = defined;
  } else {
    reject(codes::kUnsupportedFieldType, span,
           "AdditionalFields." + key + " is a Zeek " + t +
               "; only string, count, bool, interval, time and addr fields translate");
  }
  return v;
}

ZValue RuleTranslator::value(const Expr* e) {
  switch (e->kind) {
    case NodeKind::Paren: {
      ZValue v = value(static_cast<const Paren*>(e)->inner);
      return v;
    }
    case NodeKind::Literal: {
      auto* l = static_cast<const Literal*>(e);
      ZValue v;
      switch (l->literal_kind) {
        case LiteralKind::String:
          v.type = ZType::String;
          v.str_const = l->value;
          v.code = string_literal(l->value);
          return v;
        case LiteralKind::Int:
        case LiteralKind::Long:
          v.type = ZType::Number;
          v.num_const = static_cast<double>(l->int_value);
          v.code = std::to_string(l->int_value);
          return v;
        case LiteralKind::Real:
          v.type = ZType::Number;
          v.num_const = l->real_value;
          v.code = fmt_double(l->real_value);
          return v;
        case LiteralKind::Bool:
          v.type = ZType::Bool;
          v.code = l->int_value ? "T" : "F";
          return v;
        case LiteralKind::TimeSpan:
          v.type = ZType::Interval;
          v.ticks = l->timespan_ticks;
          v.code = interval_literal(l->timespan_ticks);
          return v;
        case LiteralKind::DateTime:
          v.type = ZType::Time;  // only ever rejected: see comparison()
          v.code = "0.0";
          return v;
        case LiteralKind::Dynamic:
          return dynamic_literal(l);
        default:
          reject(codes::kUnsupportedExpression, e->span,
                 "this literal has no Zeek equivalent in a rule");
      }
    }
    case NodeKind::Name: {
      Binding b = lookup(static_cast<const Name*>(e));
      if (b.kind == Binding::Bag)
        reject(codes::kUnsupportedExpression, e->span,
               "AdditionalFields as a whole has no Zeek equivalent; read single keys "
               "(AdditionalFields.uri, tostring(AdditionalFields.host), ...)");
      return b.value;
    }
    case NodeKind::Member:
    case NodeKind::Index: {
      const Expr* object;
      std::string key;
      Span key_span = e->span;
      if (e->kind == NodeKind::Member) {
        auto* m = static_cast<const Member*>(e);
        object = m->object;
        key = m->member;
      } else {
        auto* ix = static_cast<const Index*>(e);
        object = ix->object;
        if (binding_of(object).kind != Binding::Bag)
          reject(codes::kUnsupportedExpression, e->span,
                 "indexing anything but AdditionalFields has no Zeek equivalent");
        const Expr* k = strip_parens(ix->index);
        if (k->kind != NodeKind::Literal ||
            static_cast<const Literal*>(k)->literal_kind != LiteralKind::String)
          reject(codes::kUnsupportedExpression, e->span,
                 "only constant keys of AdditionalFields translate");
        key = static_cast<const Literal*>(k)->value;
      }
      Binding b = binding_of(object);
      if (b.kind != Binding::Bag)
        reject(codes::kUnsupportedExpression, e->span,
               "member access on anything but AdditionalFields has no Zeek equivalent");
      return field_value(key, key_span);
    }
    case NodeKind::Call:
      return call_value(static_cast<const Call*>(e));
    case NodeKind::Binary: {
      auto* b = static_cast<const Binary*>(e);
      if (b->op == BinaryOp::Add || b->op == BinaryOp::Mul) {
        ZValue l = value(b->left), r = value(b->right);
        if (l.type != ZType::Number || r.type != ZType::Number)
          reject(codes::kUnsupportedExpression, e->span,
                 "only numeric + and * translate in expressions");
        ZValue v;
        v.type = ZType::Number;
        v.is_count = l.is_count && r.is_count;
        v.code = "(" + l.code + (b->op == BinaryOp::Add ? " + " : " * ") + r.code + ")";
        v.defined = z_and(l.defined, r.defined);
        if (v.defined == "T") v.defined.clear();
        return v;
      }
      if (b->op == BinaryOp::Sub || b->op == BinaryOp::Div || b->op == BinaryOp::Mod)
        reject(codes::kUnsupportedExpression, b->op_span.empty() ? e->span : b->op_span,
               std::string("'") + binary_op_text(b->op) +
                   "' differs between KQL and Zeek counts (underflow, division); not translated");
      ZPred p = predicate(e);
      ZValue v;
      v.type = ZType::Bool;
      v.code = p.when_true;  // a boolean value used as a value: true, or false/null
      v.defined = z_or(p.when_true, p.when_false);
      if (v.defined == "T") v.defined.clear();
      return v;
    }
    case NodeKind::InList:
    case NodeKind::Between: {
      ZPred p = predicate(e);
      ZValue v;
      v.type = ZType::Bool;
      v.code = p.when_true;
      v.defined = z_or(p.when_true, p.when_false);
      if (v.defined == "T") v.defined.clear();
      return v;
    }
    default:
      reject(codes::kUnsupportedExpression, e->span,
             "this expression has no Zeek equivalent in the translator");
  }
}

// dynamic([...]) with constant strings and numbers, as written in IOC lists. The literal's
// text is what stands between the parentheses.
ZValue RuleTranslator::dynamic_literal(const Literal* l) {
  const std::string& t = l->value;
  size_t i = 0;
  auto skip_space = [&] {
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) ++i;
  };
  auto fail = [&]() -> ZValue {
    reject(codes::kUnsupportedExpression, l->span,
           "only dynamic arrays of string and number constants translate");
  };
  ZValue list;
  list.type = ZType::List;
  skip_space();
  if (i >= t.size() || t[i] != '[') return fail();
  ++i;
  skip_space();
  if (i < t.size() && t[i] == ']') return list;
  while (i < t.size()) {
    skip_space();
    ZValue item;
    bool verbatim = false;
    if (t[i] == '@') {
      verbatim = true;
      ++i;
    }
    if (i < t.size() && (t[i] == '"' || t[i] == '\'')) {
      char quote = t[i++];
      std::string text;
      while (i < t.size() && t[i] != quote) {
        if (!verbatim && t[i] == '\\' && i + 1 < t.size()) {
          char c = t[++i];
          text += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
        } else if (verbatim && t[i] == quote && i + 1 < t.size() && t[i + 1] == quote) {
          text += quote;
          ++i;
        } else {
          text += t[i];
        }
        ++i;
      }
      if (i >= t.size()) return fail();
      ++i;
      item.type = ZType::String;
      item.str_const = text;
      item.code = string_literal(text);
    } else {
      size_t start = i;
      while (i < t.size() && (std::isdigit(static_cast<unsigned char>(t[i])) || t[i] == '-')) ++i;
      if (start == i) return fail();
      item.type = ZType::Number;
      item.code = t.substr(start, i - start);
      item.num_const = std::stod(item.code);
    }
    list.items.push_back(item);
    skip_space();
    if (i < t.size() && t[i] == ',') {
      ++i;
      continue;
    }
    if (i < t.size() && t[i] == ']') return list;
    return fail();
  }
  return fail();
}

ZValue RuleTranslator::call_value(const Call* c) {
  std::string f = lower_name(c->callee);
  auto arg = [&](size_t i) { return value(c->args[i]); };
  auto want = [&](size_t n) {
    if (c->args.size() != n)
      reject(codes::kUnsupportedFunction, c->span,
             c->callee + "() with " + std::to_string(c->args.size()) + " arguments");
  };
  ZValue v;
  if (f == "tostring") {
    want(1);
    ZValue a = arg(0);
    v.type = ZType::String;
    v.code = kql_string(a);
    v.str_const = a.str_const;
    return v;
  }
  if (f == "toint" || f == "tolong" || f == "toreal" || f == "todouble") {
    want(1);
    ZValue a = arg(0);
    if (a.type != ZType::Number)
      reject(codes::kUnsupportedFunction, c->span,
             c->callee + "() of a non-numeric value has no exact Zeek equivalent");
    return a;
  }
  if (f == "tobool") {
    want(1);
    ZValue a = arg(0);
    if (a.type != ZType::Bool)
      reject(codes::kUnsupportedFunction, c->span,
             "tobool() of a non-boolean value has no exact Zeek equivalent");
    return a;
  }
  if (f == "todynamic" || f == "parse_json") {
    want(1);
    return arg(0);
  }
  if (f == "strlen") {
    want(1);
    ZValue a = arg(0);
    if (a.type != ZType::String)
      reject(codes::kUnsupportedFunction, c->span, "strlen() of a non-string");
    v.type = ZType::Number;
    v.is_count = true;
    v.code = "|" + a.code + "|";
    return v;
  }
  if (f == "tolower" || f == "toupper") {
    want(1);
    ZValue a = arg(0);
    if (a.type != ZType::String)
      reject(codes::kUnsupportedFunction, c->span, c->callee + "() of a non-string");
    v.type = ZType::String;
    v.code = std::string(f == "tolower" ? "to_lower(" : "to_upper(") + a.code + ")";
    return v;
  }
  if (f == "isempty" || f == "isnotempty") {
    want(1);
    ZValue a = arg(0);
    bool empty = f == "isempty";
    v.type = ZType::Bool;
    if (a.type == ZType::String)
      v.code = "|" + a.code + (empty ? "| == 0" : "| > 0");
    else
      v.code = a.defined.empty() ? (empty ? "F" : "T") : (empty ? z_not(a.defined) : a.defined);
    return v;
  }
  if (f == "ipv4_is_private" || f == "ipv4_is_in_range") {
    want(f == "ipv4_is_private" ? 1 : 2);
    ZValue a = arg(0);
    if (a.type != ZType::Addr)
      reject(codes::kUnsupportedFunction, c->span,
             c->callee + "() translates only on LocalIP/RemoteIP or an address field");
    std::vector<std::string> nets;
    if (f == "ipv4_is_private") {
      nets = {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"};
    } else {
      ZValue r = arg(1);
      unsigned char buf[16];
      std::string cidr = r.str_const.value_or("");
      size_t slash = cidr.find('/');
      std::string ip = cidr.substr(0, slash);
      int bits = slash == std::string::npos ? 32 : std::atoi(cidr.c_str() + slash + 1);
      if (!r.str_const || inet_pton(AF_INET, ip.c_str(), buf) != 1 || bits < 0 || bits > 32 ||
          (slash != std::string::npos &&
           cidr.find_first_not_of("0123456789", slash + 1) != std::string::npos))
        reject(codes::kUnsupportedFunction, c->args[1]->span,
               "the range must be a constant IPv4 CIDR such as \"10.0.0.0/8\"");
      nets = {ip + "/" + std::to_string(bits)};
    }
    std::string any;
    for (auto& n : nets) any = z_or(any.empty() ? "F" : any, a.code + " in " + n);
    v.type = ZType::Bool;
    v.code = nets.size() > 1 ? "(" + any + ")" : any;
    // KQL answers null (not false) for an address that is not IPv4.
    v.defined = z_and(a.defined, "is_v4_addr(" + a.code + ")");
    return v;
  }
  if (f == "strcat") {
    if (c->args.empty()) reject(codes::kUnsupportedFunction, c->span, "strcat() needs arguments");
    v.type = ZType::String;
    v.code = "cat(";
    for (size_t i = 0; i < c->args.size(); ++i) v.code += (i ? ", " : "") + kql_string(arg(i));
    v.code += ")";
    return v;
  }
  if (f == "not") {
    want(1);
    ZPred p = p_not(predicate(c->args[0]));
    v.type = ZType::Bool;
    v.code = p.when_true;
    v.defined = z_or(p.when_true, p.when_false);
    if (v.defined == "T") v.defined.clear();
    return v;
  }
  if (f == "dynamic") {
    // dynamic([...]) literals of constants: a list for in/has_any.
    v.type = ZType::List;
    for (auto* a : c->args) {
      const Expr* s = strip_parens(a);
      if (s->kind == NodeKind::Call &&
          lower_name(static_cast<const Call*>(s)->callee) == "pack_array")
        for (auto* x : static_cast<const Call*>(s)->args) v.items.push_back(value(x));
      else
        v.items.push_back(value(a));
    }
    return v;
  }
  if (f == "ago" || f == "now" || f == "bin")
    reject(codes::kUnsupportedTimeFilter, c->span,
           c->callee +
               "() translates only in `Timestamp > ago(...)` lookbacks and "
               "`summarize ... by bin(Timestamp, ...)`");
  reject(codes::kUnsupportedFunction, c->callee_span.empty() ? c->span : c->callee_span,
         c->callee + "() has no Zeek equivalent in the translator");
}

// ---------------------------------------------------------------------------------------
// Predicates

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

ZPred RuleTranslator::comparison(const Binary* b) {
  ZValue l = value(b->left), r = value(b->right);
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

// ---------------------------------------------------------------------------------------
// Handlers

HandlerPlan RuleTranslator::translate_handler(const ActionMapping& action) {
  HandlerPlan h;
  h.action = &action;
  h.log = mapping_.find_log(action.log);
  action_ = &action;
  log_ = h.log;
  std::map<std::string, Binding> env;
  env_ = &env;
  columns_visible_ = true;

  // Which records stand for this ActionType.
  std::string id = "rec$id";
  std::string device_local;
  if (action.view == View::Orig)
    device_local = "Site::is_local_addr(" + id + "$orig_h)";
  else if (action.view == View::Resp)
    device_local = "Site::is_local_addr(" + id + "$resp_h)";
  else {
    uses_inbound_ = true;
    device_local = "inbound(" + id + ") || Site::is_local_addr(" + id + "$orig_h)";
  }
  std::string select = device_local;
  if (!action.conn_states.empty()) {
    std::string states = "set(";
    for (size_t i = 0; i < action.conn_states.size(); ++i)
      states += (i ? ", " : "") + string_literal(action.conn_states[i]);
    select = z_and("rec?$conn_state && rec$conn_state in " + states + ")", select);
  }
  if (!action.proto.empty()) select = z_and("rec$proto == " + action.proto, select);
  h.checks.push_back({action.action_type + ": " + action.meaning, select});

  std::vector<OutputColumn> outputs;  // project/distinct columns, in order
  bool projected = false;
  for (size_t i = 0; i < ops_.size(); ++i) {
    const Operator* op = ops_[i];
    switch (op->op_kind) {
      case OperatorKind::Where: {
        std::vector<const Expr*> parts;
        conjuncts(static_cast<const WhereOp*>(op)->predicate, parts);
        for (auto* c : parts) {
          if (action_conjuncts_.count(c) || window_conjuncts_.count(c)) continue;
          try {
            ZPred p = predicate(c);
            h.checks.push_back({"where " + source_text(c->span), p.when_true});
          } catch (const Reject& r) {
            report(r);
          }
        }
        break;
      }
      case OperatorKind::Extend: {
        for (auto* item : static_cast<const ListOp*>(op)->items) {
          if (item->kind != NodeKind::Assignment ||
              static_cast<const Assignment*>(item)->names.size() != 1) {
            report({codes::kUnsupportedExpression, item->span,
                    "extend without a column name has no stable name to translate; write "
                    "`Name = expression`",
                    ""});
            continue;
          }
          auto* as = static_cast<const Assignment*>(item);
          const std::string& name = as->names[0]->name;
          try {
            env[name] = binding_of(as->value);
          } catch (const Reject& r) {
            report(r);
            env[name].kind = Binding::Poisoned;
          }
        }
        break;
      }
      case OperatorKind::Project:
      case OperatorKind::Distinct: {
        auto* list = static_cast<const ListOp*>(op);
        std::map<std::string, Binding> next;
        outputs.clear();
        for (auto* item : list->items) {
          std::string label;
          Binding b;
          try {
            if (item->kind == NodeKind::Assignment &&
                static_cast<const Assignment*>(item)->names.size() == 1) {
              auto* as = static_cast<const Assignment*>(item);
              label = as->names[0]->name;
              b = binding_of(as->value);
            } else if (item->kind == NodeKind::Name) {
              label = static_cast<const Name*>(item)->name;
              auto it = env.find(label);
              if (it != env.end()) {
                b = it->second;
              } else if (auto* col = columns_visible_ ? mapping_.find_column(label) : nullptr;
                         col && col->maps_to.empty()) {
                b.kind = Binding::Dropped;
                b.reason = col->reason;
              } else {
                b = lookup(static_cast<const Name*>(item));
              }
            } else {
              reject(codes::kUnsupportedExpression, item->span,
                     std::string(operator_name(op->op_kind)) +
                         " items must be columns or `Name = expression`");
            }
          } catch (const Reject& r) {
            report(r);
            b.kind = Binding::Poisoned;
          }
          if (b.kind == Binding::Dropped)
            warn(codes::kColumnDropped, item->span,
                 "column '" + label + "' is left out of the notice message: " + b.reason);
          if (b.kind == Binding::Bag) {
            b.kind = Binding::Dropped;
            b.reason = "AdditionalFields as a whole";
            warn(codes::kColumnDropped, item->span,
                 "AdditionalFields as a whole is left out of the notice message; project "
                 "single keys instead");
          }
          next[label] = b;
          outputs.push_back({label, item->span, b});
        }
        env = std::move(next);
        columns_visible_ = false;
        projected = true;
        if (op->op_kind == OperatorKind::Distinct) distinct_ = true;
        break;
      }
      case OperatorKind::ProjectAway: {
        for (auto* item : static_cast<const ListOp*>(op)->items) {
          if (item->kind != NodeKind::Name) {
            report({codes::kUnsupportedOperator, item->span,
                    "project-away with wildcards has no Zeek equivalent", ""});
            continue;
          }
          const std::string& n = static_cast<const Name*>(item)->name;
          env[n].kind = Binding::Dropped;
          env[n].reason = "removed by project-away";
          outputs.erase(std::remove_if(outputs.begin(), outputs.end(),
                                       [&](const OutputColumn& o) { return o.label == n; }),
                        outputs.end());
        }
        break;
      }
      case OperatorKind::ProjectRename: {
        for (auto* item : static_cast<const ListOp*>(op)->items) {
          if (item->kind != NodeKind::Assignment) continue;
          auto* as = static_cast<const Assignment*>(item);
          try {
            Binding b = binding_of(as->value);
            env[as->names[0]->name] = b;
            if (strip_parens(as->value)->kind == NodeKind::Name) {
              const std::string& old = static_cast<const Name*>(strip_parens(as->value))->name;
              env[old].kind = Binding::Dropped;
              env[old].reason = "renamed by project-rename";
              for (auto& o : outputs)
                if (o.label == old) o.label = as->names[0]->name;
            }
          } catch (const Reject& r) {
            report(r);
          }
        }
        break;
      }
      case OperatorKind::Sort:
      case OperatorKind::Render:
        // Notices are raised in event order; ordering and charts do not change which
        // records match.
        break;
      case OperatorKind::Summarize:
        translate_aggregate(static_cast<const SummarizeOp*>(op), i, h, env);
        i = ops_.size();
        break;
      default:
        // The rows after an untranslatable operator are unknown: stop this handler here.
        reject(codes::kUnsupportedOperator, op->keyword_span.empty() ? op->span : op->keyword_span,
               std::string("'") + operator_name(op->op_kind) +
                   "' has no Zeek equivalent (a notice is raised per matching record)",
               op->op_kind == OperatorKind::Take || op->op_kind == OperatorKind::Top
                   ? "take/top pick rows from a finished result; a live sensor has none"
                   : "");
    }
  }
  if (!aggregate_) {
    for (auto& o : outputs) {
      if (o.binding.kind != Binding::Value) continue;
      h.fields.push_back({o.label, kql_string(o.binding.value)});
    }
    if (distinct_ && projected) {
      std::string id_expr = "cat(";
      bool first = true;
      for (auto& f : h.fields) {
        id_expr += (first ? "" : ", \"\\x1f\", ") + f.value;
        first = false;
      }
      h.identifier = first ? "" : id_expr + ")";
    }
  }
  env_ = nullptr;
  return h;
}

void RuleTranslator::translate_aggregate(const SummarizeOp* op, size_t op_index, HandlerPlan& h,
                                         std::map<std::string, Binding>& env) {
  (void)env;
  auto fail_silently = [&](const Reject& r) {
    report(r);
    throw Reject{{}, {}, {}, {}, true};
  };
  try {
    if (op->aggregates.size() != 1) {
      std::string names;
      for (auto* a : op->aggregates) {
        const Expr* v =
            a->kind == NodeKind::Assignment ? static_cast<const Assignment*>(a)->value : a;
        v = strip_parens(v);
        std::string n = v && v->kind == NodeKind::Call ? static_cast<const Call*>(v)->callee + "()"
                                                       : "an expression";
        names += (names.empty() ? "" : ", ") + n;
      }
      reject(codes::kUnsupportedAggregation, op->span,
             "summarize with several aggregations (" + names +
                 ") has no SumStats equivalent; only a single thresholded count() translates");
    }
    const Expr* agg = op->aggregates[0];
    std::string count_name = "count_";
    if (agg->kind == NodeKind::Assignment) {
      auto* as = static_cast<const Assignment*>(agg);
      count_name = as->names[0]->name;
      agg = as->value;
    }
    if (!is_call(agg, "count", 0))
      reject(codes::kUnsupportedAggregation, agg->span,
             "only count() translates to SumStats; other aggregations (dcount, sum, make_set, "
             "arg_max, ...) have no exact SumStats equivalent in the translator");

    AggregatePlan plan;
    std::optional<int64_t> epoch;
    std::string epoch_source;
    std::vector<std::pair<std::string, ZValue>> keys;
    for (auto* item : op->by) {
      const Expr* e = item;
      std::string label;
      if (e->kind == NodeKind::Assignment) {
        label = static_cast<const Assignment*>(e)->names[0]->name;
        e = static_cast<const Assignment*>(e)->value;
      }
      if (is_call(e, "bin", 2) &&
          is_time_column(static_cast<const Call*>(strip_parens(e))->args[0])) {
        epoch = timespan_of(static_cast<const Call*>(strip_parens(e))->args[1]);
        epoch_source = "epoch from " + source_text(e->span);
        continue;
      }
      if (label.empty()) {
        if (strip_parens(e)->kind != NodeKind::Name)
          reject(codes::kUnsupportedAggregation, e->span,
                 "name this by-expression (`Name = expression`) to translate it");
        label = static_cast<const Name*>(strip_parens(e))->name;
      }
      keys.emplace_back(label, value(e));
    }
    if (!epoch && window_) {
      epoch = window_;
      epoch_source = "epoch from the rule's lookback (Timestamp > ago(...))";
    }
    if (!epoch)
      reject(codes::kAggregationWithoutWindow, op->span,
             "a count over all time has no SumStats equivalent; give the rule a window",
             "add `by bin(Timestamp, 1h)` or a `where Timestamp > ago(1h)` lookback: it becomes "
             "the SumStats epoch");
    plan.epoch = interval_literal(*epoch);
    plan.epoch_source = epoch_source;

    // The observation key.
    if (keys.size() == 1 && keys[0].second.type == ZType::Addr && keys[0].second.defined.empty()) {
      h.observe_key = "SumStats::Key($host=" + keys[0].second.code + ")";
      plan.host_key = true;
      plan.fields.push_back({keys[0].first, "cat(key$host)"});
    } else if (keys.size() == 1) {
      h.observe_key = "SumStats::Key($str=" + kql_string(keys[0].second) + ")";
      plan.fields.push_back({keys[0].first, "key$str"});
    } else if (keys.empty()) {
      h.observe_key = "SumStats::Key($str=\"\")";
    } else {
      // Several keys: their JSON array is an unambiguous composite key.
      std::string vec = "vector(";
      std::string label;
      for (size_t k = 0; k < keys.size(); ++k) {
        vec += (k ? ", " : "") + kql_string(keys[k].second);
        label += (k ? ", " : "") + keys[k].first;
      }
      h.observe_key = "SumStats::Key($str=to_json(" + vec + ")))";
      plan.fields.push_back({"[" + label + "]", "key$str"});
    }

    // What follows the summarize: the threshold, then projections.
    bool threshold_found = false;
    std::vector<std::string> projected;
    for (size_t i = op_index + 1; i < ops_.size(); ++i) {
      const Operator* next = ops_[i];
      if (next->op_kind == OperatorKind::Where && !threshold_found) {
        std::vector<const Expr*> parts;
        conjuncts(static_cast<const WhereOp*>(next)->predicate, parts);
        for (auto* c : parts) {
          const Expr* s = strip_parens(c);
          const Binary* b = s->kind == NodeKind::Binary ? static_cast<const Binary*>(s) : nullptr;
          const Expr* count_side = nullptr;
          const Expr* limit_side = nullptr;
          BinaryOp bop{};
          if (b) {
            auto is_count = [&](const Expr* x) {
              x = strip_parens(x);
              return x->kind == NodeKind::Name && static_cast<const Name*>(x)->name == count_name;
            };
            if (is_count(b->left)) {
              count_side = b->left, limit_side = b->right, bop = b->op;
            } else if (is_count(b->right)) {
              count_side = b->right, limit_side = b->left;
              bop = b->op == BinaryOp::Lt   ? BinaryOp::Gt
                    : b->op == BinaryOp::Le ? BinaryOp::Ge
                    : b->op == BinaryOp::Gt ? BinaryOp::Lt
                    : b->op == BinaryOp::Ge ? BinaryOp::Le
                                            : b->op;
            }
          }
          const Expr* lim = limit_side ? strip_parens(limit_side) : nullptr;
          bool literal = lim && lim->kind == NodeKind::Literal &&
                         (static_cast<const Literal*>(lim)->literal_kind == LiteralKind::Int ||
                          static_cast<const Literal*>(lim)->literal_kind == LiteralKind::Long);
          bool comparison = bop == BinaryOp::Gt || bop == BinaryOp::Ge || bop == BinaryOp::Lt ||
                            bop == BinaryOp::Le || bop == BinaryOp::Eq || bop == BinaryOp::Ne;
          if (!count_side || !literal || !comparison || threshold_found)
            reject(codes::kUnsupportedAggregation, c->span,
                   "after summarize only one comparison of `" + count_name +
                       "` with a number translates (a SumStats threshold or epoch test)");
          int64_t n = static_cast<const Literal*>(lim)->int_value;
          plan.threshold_source = "where " + source_text(c->span);
          threshold_found = true;
          if (bop == BinaryOp::Gt || bop == BinaryOp::Ge) {
            // SumStats fires when the count reaches the threshold: > N is >= N + 1.
            plan.threshold = bop == BinaryOp::Gt ? n + 1 : n;
          } else {
            // Not a rising threshold: test each key's count when its epoch ends.
            plan.at_epoch_end = true;
            const char* zop = bop == BinaryOp::Lt   ? "<"
                              : bop == BinaryOp::Le ? "<="
                              : bop == BinaryOp::Eq ? "=="
                                                    : "!=";
            plan.epoch_condition = std::string("n ") + zop + " " + std::to_string(n);
          }
        }
        continue;
      }
      if (next->op_kind == OperatorKind::Project) {
        projected.clear();
        for (auto* item : static_cast<const ListOp*>(next)->items) {
          if (item->kind != NodeKind::Name)
            reject(codes::kUnsupportedAggregation, item->span,
                   "after summarize only plain column names can be projected");
          projected.push_back(static_cast<const Name*>(item)->name);
        }
        continue;
      }
      if (next->op_kind == OperatorKind::Sort || next->op_kind == OperatorKind::Render) continue;
      reject(codes::kUnsupportedAggregation,
             next->keyword_span.empty() ? next->span : next->keyword_span,
             std::string("'") + operator_name(next->op_kind) +
                 "' after summarize has no SumStats equivalent");
    }
    if (!threshold_found) {
      // Every key with its count, once per epoch, as KQL lists every group of the window.
      plan.at_epoch_end = true;
      plan.epoch_condition = "T";
      plan.threshold_source = "every key (no threshold)";
    }
    std::string count_expr =
        plan.at_epoch_end ? "cat(n)"
                          : "cat(double_to_count(result[" + string_literal("STREAM") + "]$sum))";
    plan.fields.push_back({count_name, count_expr});
    if (!projected.empty()) {
      // Keep the projected columns; the composite key stays when any of its parts is kept.
      auto wanted = [&](const std::string& label) {
        for (auto& p : projected) {
          if (p == label) return true;
          if (label.size() > 2 && label.front() == '[')
            for (auto& k : keys)
              if (k.first == p) return true;
        }
        return false;
      };
      std::vector<MessageField> kept;
      for (auto& f : plan.fields)
        if (wanted(f.label)) kept.push_back(f);
      plan.fields = kept;
    }
    if (!aggregate_) aggregate_ = plan;
  } catch (const Reject& r) {
    if (r.silent) throw;
    fail_silently(r);
  }
}

// ---------------------------------------------------------------------------------------

std::optional<RulePlan> RuleTranslator::run(const ZeekOptions& options) {
  try {
    collect_statements();
    // The lookback: `Timestamp > ago(x)` conjuncts before the first reshaping operator.
    for (auto* op : ops_) {
      if (op->op_kind != OperatorKind::Where) {
        if (op->op_kind == OperatorKind::Extend || op->op_kind == OperatorKind::Sort) continue;
        break;
      }
      std::vector<const Expr*> parts;
      conjuncts(static_cast<const WhereOp*>(op)->predicate, parts);
      for (auto* c : parts)
        if (auto w = window_of(c)) {
          window_ = window_ ? std::min(*window_, *w) : *w;
          window_conjuncts_.insert(c);
        }
    }
    find_candidates();
  } catch (const Reject& r) {
    report(r);
    return std::nullopt;
  }

  RulePlan plan;
  plan.title = options.rule_name.empty() ? default_rule_name(query_) : options.rule_name;
  plan.module = module_name(plan.title);
  plan.version = options.version;
  plan.kql = query_.text;
  plan.source = query_.file ? query_.file->path() : "<input>";
  if (query_.index > 1) plan.source += " query " + std::to_string(query_.index);
  for (auto* action : candidates_) {
    try {
      plan.handlers.push_back(translate_handler(*action));
    } catch (const Reject& r) {
      report(r);
    }
  }
  if (failed_) return std::nullopt;
  plan.uses_inbound = uses_inbound_;
  plan.uses_protocol = uses_protocol_;
  if (aggregate_) {
    aggregate_->stream = plan.module + ".matches";
    for (auto& f : aggregate_->fields) {
      size_t at = f.value.find("\"STREAM\"");
      if (at != std::string::npos) f.value.replace(at, 8, string_literal(aggregate_->stream));
    }
    plan.aggregate = aggregate_;
    plan.notes.push_back(
        aggregate_->at_epoch_end
            ? "SumStats epochs start at the first observation, where KQL's windows are aligned "
              "to the clock; each key is reported when its epoch ends."
            : "SumStats epochs start at the first observation and a threshold fires as soon as "
              "it is crossed, where KQL counts aligned, completed windows.");
  }
  if (distinct_) {
    // KQL's distinct reports each combination once over the lookback; a notice with the same
    // identifier is suppressed for that long. Without a lookback MDE keeps 30 days.
    plan.suppress_for = interval_literal(window_.value_or(30LL * 864'000'000'000));
  }
  return plan;
}

}  // namespace

std::string default_rule_name(const Query& query) {
  for (auto& [k, v] : query.metadata)
    if ((k == "title" || k == "name") && !v.empty()) return v;
  std::string path = query.file ? query.file->path() : "rule";
  size_t slash = path.find_last_of("/\\");
  if (slash != std::string::npos) path = path.substr(slash + 1);
  size_t dot = path.find('.');
  if (dot != std::string::npos && dot > 0) path = path.substr(0, dot);
  if (query.index > 1) path += "_" + std::to_string(query.index);
  return path;
}

ZeekTranslation translate_to_zeek(const Query& query, const SyntaxTree& tree,
                                  const ZeekOptions& options, QueryDiagnostics& diags) {
  ZeekTranslation out;
  RuleTranslator translator(query, tree, Mapping::builtin(), diags);
  auto plan = translator.run(options);
  if (!plan) return out;
  out.ok = true;
  out.module = plan->module;
  out.script = write_script(*plan);
  return out;
}

ZeekTranslation translate_query_to_zeek(const Query& query, const ZeekOptions& options,
                                        QueryDiagnostics& diags) {
  ParseResult parsed = parse_query(query, diags);
  if (!parsed.ok) return {};
  return translate_to_zeek(query, *parsed.tree, options, diags);
}

}  // namespace kql::zeek
