// The rule as a whole: statements, the pipeline, the ActionTypes it reads, its lookback, and
// the run that ties the handlers into a RulePlan.
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
  module_ = plan.module;
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
  plan.uses_split = uses_split_;
  if (aggregate_) {
    aggregate_->stream = plan.module + ".matches";
    plan.aggregate = aggregate_;
    plan.notes.push_back(
        aggregate_->at_epoch_end
            ? "SumStats epochs start at the first observation, where KQL's windows are aligned "
              "to the clock; each key is reported when its epoch ends."
            : "SumStats epochs start at the first observation and a threshold fires as soon as "
              "it is crossed, where KQL counts aligned, completed windows.");
    if (!aggregate_->at_epoch_end && aggregate_->reducers.size() > 1)
      plan.notes.push_back(
          "The notice shows the other aggregations as they stand when the threshold is "
          "crossed, not at the end of the window.");
    if (aggregate_->uses_dcount)
      plan.notes.push_back(
          "dcount() is exact up to 1000 distinct values (8000 at accuracy 2) in KQL and here; "
          "past that KQL estimates, so the message shows \">1000\" (\">8000\") instead of a "
          "count.");
    if (aggregate_->retention_epoch)
      plan.notes.push_back(
          "The rule has no time window: it summarizes all that Defender keeps (30 days), so "
          "the epoch is 30 days.");
  }
  if (distinct_) {
    // KQL's distinct reports each combination once over the lookback; a notice with the same
    // identifier is suppressed for that long. Without a lookback MDE keeps 30 days.
    plan.suppress_for = interval_literal(window_.value_or(30LL * 864'000'000'000));
  }
  return plan;
}

}  // namespace kql::zeek::detail
