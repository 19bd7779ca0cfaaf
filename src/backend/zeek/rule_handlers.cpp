// One handler per ActionType: the pipeline's stages in that ActionType's record, the notice
// message, and the SumStats plan of a summarize.
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

namespace {

// One aggregation of a summarize, as translated for one handler.
struct Aggregation {
  std::string label;
  std::string kind;         // count, countif, sum, min, max, make_set
  std::string result_type;  // count, double, time, set
  std::string stream;
  Observe observe;
  long long set_max = 0;
  long long exact_up_to = 0;  // dcount: exact up to this many distinct values; 0: always exact
  Span span;
};

// The KQL column name summarize gives an unnamed aggregation.
std::string default_label(const std::string& f, const Call* c) {
  if (f == "count" || f == "countif") return f + "_";
  std::string prefix = f == "make_set" ? "set" : f;
  const Expr* a = c->args.empty() ? nullptr : strip_parens(c->args[0]);
  // take_any(x) keeps x's name; the deprecated any(x) prefixes it with any_.
  if (f == "take_any" && a && a->kind == NodeKind::Name) return static_cast<const Name*>(a)->name;
  if (a && a->kind == NodeKind::Name) return prefix + "_" + static_cast<const Name*>(a)->name;
  return "";
}

}  // namespace

void RuleTranslator::translate_aggregate(const SummarizeOp* op, size_t op_index, HandlerPlan& h,
                                         std::map<std::string, Binding>& env) {
  auto fail_silently = [&](const Reject& r) {
    report(r);
    throw Reject{{}, {}, {}, {}, true};
  };
  try {
    if (op->aggregates.empty())
      reject(codes::kUnsupportedAggregation, op->span,
             "summarize without an aggregation (a distinct list of keys) has no SumStats "
             "equivalent; use distinct");
    // The aggregations: each one a SumStats reducer on a stream of its own.
    std::vector<Aggregation> aggs;
    for (auto* item : op->aggregates) {
      const Expr* v = item;
      std::string label;
      if (item->kind == NodeKind::Assignment) {
        auto* as = static_cast<const Assignment*>(item);
        if (as->names.size() != 1)
          reject(codes::kUnsupportedAggregation, item->span, "an aggregation must name one column");
        label = as->names[0]->name;
        v = as->value;
      }
      v = strip_parens(v);
      if (v->kind != NodeKind::Call)
        reject(codes::kUnsupportedAggregation, v->span,
               "summarize items must be aggregation calls (count(), countif(p), sum(x), min(x), "
               "max(x), make_set(x)); expressions over aggregations do not translate");
      auto* c = static_cast<const Call*>(v);
      std::string f = lower_name(c->callee);
      Span callee = c->callee_span.empty() ? c->span : c->callee_span;
      if (f == "hll" || f == "hll_merge" || f == "percentile" || f == "percentiles" ||
          f == "percentilesw" || f == "tdigest")
        reject(codes::kUnsupportedAggregation, callee,
               c->callee +
                   "() is an estimate in KQL (HyperLogLog / t-digest) with no exact range; "
                   "SumStats' UNIQUE is exact and HLL_UNIQUE a different estimator, so either "
                   "would give other numbers",
               "");
      Aggregation g;
      g.kind = f;
      g.span = v->span;
      if (f == "count" && c->args.empty()) {
        g.result_type = "count";
        g.observe.observation = "SumStats::Observation($num=1)";
      } else if (f == "countif" && c->args.size() == 1) {
        ZPred p = predicate(c->args[0]);
        g.result_type = "count";
        g.observe.observation = "SumStats::Observation($num=" +
                                (p.when_true == "T"   ? std::string("1")
                                 : p.when_true == "F" ? std::string("0")
                                                      : "((" + p.when_true + ") ? 1 : 0)") +
                                ")";
      } else if ((f == "sum" || f == "min" || f == "max") && c->args.size() == 1) {
        ZValue x = value(c->args[0]);
        if (x.type == ZType::Time && f != "sum") {
          g.result_type = "time";
          g.observe.observation = "SumStats::Observation($dbl=time_to_double(" + x.code + "))";
        } else if (x.type == ZType::Number) {
          g.result_type = x.is_count ? "count" : "double";
          // $dbl is a double: an int or count expression is promoted by adding 0.0.
          bool is_double = x.code.rfind("interval_to_double(", 0) == 0 ||
                           x.code.rfind("time_to_double(", 0) == 0;
          g.observe.observation =
              std::string("SumStats::Observation(") +
              (x.is_count ? "$num=" + x.code
                          : "$dbl=" + (is_double ? x.code : "(" + x.code + ") + 0.0")) +
              ")";
        } else {
          reject(codes::kUnsupportedAggregation, c->args[0]->span,
                 c->callee + "() translates only over numbers" +
                     (f == "sum" ? std::string("") : std::string(" and Timestamp")) +
                     ": SumStats' " +
                     (f == "sum"   ? "SUM"
                      : f == "min" ? "MIN"
                                   : "MAX") +
                     " reducer is numeric");
        }
        g.observe.condition = x.defined;  // KQL skips null values
      } else if (f == "make_set" && (c->args.size() == 1 || c->args.size() == 2)) {
        ZValue x = value(c->args[0]);
        if (x.type != ZType::String)
          reject(codes::kUnsupportedAggregation, c->args[0]->span,
                 "make_set() translates only over strings (a JSON array of them in the notice)");
        g.result_type = "set";
        g.observe.observation = "SumStats::Observation($str=" + x.code + ")";
        g.observe.condition = x.defined;
        g.set_max = 1048576;  // KQL's default limit
        if (c->args.size() == 2) {
          const Expr* m = strip_parens(c->args[1]);
          if (m->kind != NodeKind::Literal ||
              (static_cast<const Literal*>(m)->literal_kind != LiteralKind::Int &&
               static_cast<const Literal*>(m)->literal_kind != LiteralKind::Long) ||
              static_cast<const Literal*>(m)->int_value < 1)
            reject(codes::kUnsupportedAggregation, c->args[1]->span,
                   "make_set()'s size limit must be a positive integer literal");
          g.set_max = static_cast<const Literal*>(m)->int_value;
        }
      } else if (f == "dcount" || f == "dcountif" || f == "count_distinct" ||
                 f == "count_distinctif") {
        // KQL documents dcount() as a perfect count (zero error) up to 1000 distinct values
        // at accuracy 1 (the default) and 8000 at accuracy 2, an estimate beyond; UNIQUE counts
        // exactly. count_distinct() is exact at any size.
        bool cond = f.ends_with("if");
        bool estimate = f.starts_with("dcount");
        size_t base = cond ? 2 : 1;
        if (c->args.size() != base && !(estimate && c->args.size() == base + 1))
          reject(codes::kUnsupportedAggregation, callee,
                 c->callee + "() takes " +
                     (cond ? "an expression and a predicate" : "one expression") +
                     (estimate ? " and an optional accuracy level" : ""));
        g.kind = "dcount";
        g.exact_up_to = estimate ? 1000 : 0;
        if (estimate && c->args.size() == base + 1) {
          const Expr* m = strip_parens(c->args.back());
          const Literal* l =
              m->kind == NodeKind::Literal ? static_cast<const Literal*>(m) : nullptr;
          bool integer =
              l && (l->literal_kind == LiteralKind::Int || l->literal_kind == LiteralKind::Long);
          if (!integer || (l->int_value != 1 && l->int_value != 2))
            reject(codes::kUnsupportedAggregation, c->args.back()->span,
                   c->callee +
                       "() is an exact count only at accuracy 1 (up to 1000 distinct values) "
                       "or 2 (up to 8000); other accuracy levels document no exact range, so "
                       "an exact UNIQUE count would give other numbers");
          if (l->int_value == 2) g.exact_up_to = 8000;
        }
        ZValue x = value(c->args[0]);
        std::string observed;
        std::string when = "T";
        if (x.type == ZType::String) {
          // Strings are never null in KQL: the empty string is one more value.
          observed = "$str=" +
                     (x.defined.empty() ? x.code : "(" + x.defined + " ? " + x.code + " : \"\")");
        } else if (x.type == ZType::Addr) {
          observed = "$str=cat(" + x.code + ")";
          when = x.defined.empty() ? "T" : x.defined;  // KQL skips null values
        } else if (x.type == ZType::Number && x.is_count) {
          observed = "$num=" + x.code;
          when = x.defined.empty() ? "T" : x.defined;
        } else {
          reject(codes::kUnsupportedAggregation, c->args[0]->span,
                 c->callee +
                     "() translates over strings, addresses and count fields (the values a "
                     "SumStats Observation holds exactly)");
        }
        if (cond) when = z_and(when, predicate(c->args[1]).when_true);
        g.result_type = "distinct";
        g.observe.observation = "SumStats::Observation(" + observed + ")";
        g.observe.condition = when == "T" ? "" : when;
      } else if ((f == "take_any" || f == "any") && !c->args.empty() &&
                 strip_parens(c->args[0])->kind == NodeKind::Star) {
        reject(codes::kUnsupportedAggregation, callee,
               c->callee +
                   "(*) picks a whole row; SumStats keeps single observed values, not rows: "
                   "name each column, `Col = take_any(Col)`");
      } else if ((f == "take_any" || f == "any") && c->args.size() == 1) {
        // Any one value of the group is a correct answer; KQL prefers a non-empty one, so
        // only non-empty values are sampled and "" stands for a group without one.
        ZValue x = value(c->args[0]);
        if (x.type != ZType::String && x.type != ZType::Addr && x.type != ZType::Number &&
            x.type != ZType::Bool)
          reject(codes::kUnsupportedAggregation, c->args[0]->span,
                 c->callee + "() translates over strings, addresses, numbers and booleans");
        std::string text = kql_string(x);
        std::string when = x.type == ZType::String
                               ? z_and(x.defined.empty() ? "T" : x.defined, x.code + " != \"\"")
                               : (x.defined.empty() ? "T" : x.defined);
        g.kind = "take_any";
        g.result_type = "sample";
        g.observe.observation = "SumStats::Observation($str=" + text + ")";
        g.observe.condition = when == "T" ? "" : when;
      } else {
        reject(codes::kUnsupportedAggregation, callee,
               c->callee +
                   "() with these arguments has no SumStats reducer in the "
                   "translator; count(), countif(p), sum(x), min(x), max(x), "
                   "make_set(x[, n]), dcount(x[, accuracy]), dcountif(x, p[, accuracy]) and "
                   "take_any(x) translate",
               f == "take_any" || f == "any" || f == "arg_max" || f == "arg_min"
                   ? "take_any(*)/arg_max/arg_min pick whole rows; SumStats keeps no rows"
                   : "");
      }
      if (label.empty()) label = default_label(f, c);
      if (label.empty())
        reject(codes::kUnsupportedAggregation, v->span,
               "name this aggregation (`Name = " + c->callee + "(...)`) to translate it");
      for (auto& other : aggs)
        if (other.label == label)
          reject(codes::kUnsupportedAggregation, item->span,
                 "two aggregations named '" + label + "'");
      g.label = label;
      aggs.push_back(g);
    }
    bool single_count = aggs.size() == 1 && aggs[0].kind == "count";
    for (auto& g : aggs) {
      g.stream = single_count ? module_ + ".matches" : module_ + "." + g.label;
      g.observe.stream = g.stream;
    }

    AggregatePlan plan;
    std::optional<int64_t> epoch;
    std::string epoch_source;
    std::vector<std::pair<std::string, ZValue>> keys;
    // DeviceName/DeviceId: on a sensor the device is the local end of the connection.
    bool local_ip_key = false;
    for (auto* item : op->by) {
      const Expr* e = strip_parens(item);
      if (e->kind == NodeKind::Name && static_cast<const Name*>(e)->name == "LocalIP")
        local_ip_key = true;
    }
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
      const Expr* se = strip_parens(e);
      if (se->kind == NodeKind::Name && columns_visible_ &&
          !env.count(static_cast<const Name*>(se)->name) &&
          (static_cast<const Name*>(se)->name == "DeviceName" ||
           static_cast<const Name*>(se)->name == "DeviceId")) {
        const std::string& column = static_cast<const Name*>(se)->name;
        if (label.empty()) label = column;
        if (local_ip_key) {
          warn(codes::kColumnDropped, item->span,
               "'" + column +
                   "' is left out of the SumStats key: a sensor knows the device only by its "
                   "address, and LocalIP is already a key");
          continue;
        }
        warn(codes::kColumnDropped, item->span,
             "'" + column +
                 "' is grouped as LocalIP: a sensor knows the device only by its address (a "
                 "device with several addresses counts once per address)");
        Name local;
        local.name = "LocalIP";
        local.span = se->span;
        keys.emplace_back(label, lookup(&local).value);
        continue;
      }
      if (label.empty()) {
        if (se->kind != NodeKind::Name)
          reject(codes::kUnsupportedAggregation, e->span,
                 "name this by-expression (`Name = expression`) to translate it");
        label = static_cast<const Name*>(se)->name;
      }
      keys.emplace_back(label, value(e));
    }
    if (!epoch && window_) {
      epoch = window_;
      epoch_source = "epoch from the rule's lookback (Timestamp > ago(...))";
    }
    if (!epoch) {
      // A query without a time filter reads what Defender keeps: 30 days.
      epoch = 30LL * 864'000'000'000;
      epoch_source = "epoch: the rule has no window, so it spans MDE's 30-day retention";
      plan.retention_epoch = true;
    }
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

    // Reading an aggregation back from `result`: its value, and when it is not null (a
    // stream without a non-null observation of the key).
    auto rv = [&](const Aggregation& g) { return "result[" + string_literal(g.stream) + "]"; };
    auto not_null = [&](const Aggregation& g) -> std::string {
      std::string in = string_literal(g.stream) + " in result";
      if (g.kind == "count" || g.kind == "countif" || g.kind == "dcount") return "";
      if (g.kind == "take_any") return in + " && |" + rv(g) + "$samples| > 0";
      if (g.kind == "sum") return in + " && " + rv(g) + "$num > 0";
      if (g.kind == "min" || g.kind == "max") return in + " && " + rv(g) + "?$" + g.kind;
      return in;
    };
    auto number = [&](const Aggregation& g) -> std::string {
      // dcount: no observation of the key means no value, 0 distinct values.
      if (g.kind == "dcount")
        return "(" + string_literal(g.stream) + " in result ? " + rv(g) + "$unique : 0)";
      return rv(g) + "$" + (g.kind == "min" || g.kind == "max" ? g.kind : std::string("sum"));
    };

    // What follows the summarize: tests on the aggregations, then projections.
    struct Test {
      const Aggregation* agg;
      BinaryOp op;
      double limit;
      bool integer;
      std::string source;
    };
    std::vector<Test> tests;
    std::vector<std::string> projected;
    bool projected_seen = false;
    for (size_t i = op_index + 1; i < ops_.size(); ++i) {
      const Operator* next = ops_[i];
      if (next->op_kind == OperatorKind::Where && !projected_seen) {
        std::vector<const Expr*> parts;
        conjuncts(static_cast<const WhereOp*>(next)->predicate, parts);
        for (auto* c : parts) {
          const Expr* s = strip_parens(c);
          const Binary* b = s->kind == NodeKind::Binary ? static_cast<const Binary*>(s) : nullptr;
          const Aggregation* agg = nullptr;
          const Expr* limit_side = nullptr;
          BinaryOp bop{};
          auto agg_of = [&](const Expr* x) -> const Aggregation* {
            x = strip_parens(x);
            if (x->kind != NodeKind::Name) return nullptr;
            for (auto& g : aggs)
              if (g.label == static_cast<const Name*>(x)->name) return &g;
            return nullptr;
          };
          if (b) {
            if ((agg = agg_of(b->left))) {
              limit_side = b->right, bop = b->op;
            } else if ((agg = agg_of(b->right))) {
              limit_side = b->left;
              bop = b->op == BinaryOp::Lt   ? BinaryOp::Gt
                    : b->op == BinaryOp::Le ? BinaryOp::Ge
                    : b->op == BinaryOp::Gt ? BinaryOp::Lt
                    : b->op == BinaryOp::Ge ? BinaryOp::Le
                                            : b->op;
            }
          }
          const Expr* lim = limit_side ? strip_parens(limit_side) : nullptr;
          const Literal* lit =
              lim && lim->kind == NodeKind::Literal ? static_cast<const Literal*>(lim) : nullptr;
          bool integer = lit && (lit->literal_kind == LiteralKind::Int ||
                                 lit->literal_kind == LiteralKind::Long);
          bool real = lit && lit->literal_kind == LiteralKind::Real;
          bool comparison = bop == BinaryOp::Gt || bop == BinaryOp::Ge || bop == BinaryOp::Lt ||
                            bop == BinaryOp::Le || bop == BinaryOp::Eq || bop == BinaryOp::Ne;
          if (agg && agg->result_type == "sample")
            reject(codes::kUnsupportedAggregation, c->span,
                   "tests on take_any() after summarize do not translate: its value is an "
                   "arbitrary one of the group, so the test has no single answer");
          if (!agg || !(integer || real) || !comparison)
            reject(codes::kUnsupportedAggregation, c->span,
                   "after summarize only comparisons of an aggregation with a number translate "
                   "(a SumStats threshold or a test when the epoch ends)");
          if (agg->result_type == "time" || agg->result_type == "set")
            reject(codes::kUnsupportedAggregation, c->span,
                   "tests on " + agg->kind + "() of " +
                       (agg->result_type == "time" ? "Timestamp" : "strings") +
                       " after summarize do not translate");
          if (agg->kind == "dcount") {
            if (!integer || lit->int_value < 0)
              reject(codes::kUnsupportedAggregation, c->span,
                     "compare a distinct count with a non-negative integer to translate the "
                     "test");
            // Past its exact range dcount() is an estimate with a standard error of 0.8%
            // (accuracy 1) or 0.4% (accuracy 2); a limit at most 90% of the range is decided
            // the same way by the exact count and by any estimate within 12 sigma of a set
            // larger than the range.
            long long bound = agg->exact_up_to;
            if (bound > 0 && lit->int_value > bound * 9 / 10)
              reject(codes::kUnsupportedAggregation, c->span,
                     "dcount() is an exact count only up to " + std::to_string(bound) +
                         " distinct values (accuracy " + (bound == 1000 ? "1" : "2") +
                         ") and an estimate beyond; a test against " +
                         std::to_string(lit->int_value) + " (over " +
                         std::to_string(bound * 9 / 10) +
                         ", 90% of that range) can decide differently on an estimate than on "
                         "SumStats' exact UNIQUE count",
                     bound == 1000 ? "dcount(x, 2) counts exactly up to 8000" : "");
          }
          tests.push_back({agg, bop,
                           integer ? static_cast<double>(lit->int_value) : lit->real_value, integer,
                           "where " + source_text(c->span)});
        }
        continue;
      }
      if (next->op_kind == OperatorKind::Project) {
        projected.clear();
        projected_seen = true;
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

    // One test of a rising value (a count, or a sum of counts) with `>`/`>=` is a SumStats
    // threshold; anything else is tested per key when the epoch ends.
    bool rising = false;
    if (tests.size() == 1) {
      const Test& t = tests[0];
      bool grows = t.agg->kind == "count" || t.agg->kind == "countif" || t.agg->kind == "dcount" ||
                   (t.agg->kind == "sum" && t.agg->result_type == "count");
      long long n = static_cast<long long>(t.limit);
      long long threshold = t.op == BinaryOp::Gt ? n + 1 : n;
      if (grows && t.integer && (t.op == BinaryOp::Gt || t.op == BinaryOp::Ge) && threshold >= 1) {
        rising = true;
        plan.threshold = threshold;
        plan.threshold_source = t.source;
        plan.threshold_val =
            t.agg->kind == "dcount" ? rv(*t.agg) + "$unique + 0.0" : number(*t.agg);
      }
    }
    // SumStats tests the threshold after each observation: the tested stream is observed
    // last, so that the others already hold the record when the notice is raised.
    for (auto& g : aggs)
      if (!rising || g.stream != tests[0].agg->stream) h.observations.push_back(g.observe);
    if (rising) h.observations.push_back(tests[0].agg->observe);
    if (!rising) {
      plan.at_epoch_end = true;
      plan.count_local = single_count;
      std::string cond;
      std::string sources;
      for (auto& t : tests) {
        const char* zop = t.op == BinaryOp::Gt   ? ">"
                          : t.op == BinaryOp::Ge ? ">="
                          : t.op == BinaryOp::Lt ? "<"
                          : t.op == BinaryOp::Le ? "<="
                          : t.op == BinaryOp::Eq ? "=="
                                                 : "!=";
        std::string test;
        if (single_count)
          test =
              std::string("n ") + zop + " " +
              (t.integer ? std::to_string(static_cast<long long>(t.limit)) : fmt_double(t.limit));
        else if (t.agg->kind == "dcount")
          test = number(*t.agg) + " " + zop + " " + std::to_string(static_cast<long long>(t.limit));
        else
          test = z_and(not_null(*t.agg).empty() ? "T" : not_null(*t.agg),
                       number(*t.agg) + " " + zop + " " +
                           (t.integer ? std::to_string(static_cast<long long>(t.limit)) + ".0"
                                      : fmt_double(t.limit)));
        cond = cond.empty() ? test : z_and(cond, test);
        sources += (sources.empty() ? "" : ", ") + t.source;
      }
      plan.epoch_condition = cond.empty() ? "T" : cond;
      plan.threshold_source = sources.empty() ? "every key (no threshold)" : sources;
    }

    // The notice message: the keys, then every aggregation.
    for (auto& g : aggs) {
      std::string text;
      if (g.kind == "count" && plan.count_local) {
        text = "cat(n)";
      } else if (g.kind == "dcount" && g.exact_up_to > 0) {
        plan.uses_dcount = true;
        text = "dcount_text(" + rv(g) + ", " + std::to_string(g.exact_up_to) + ")";
      } else if (g.kind == "dcount") {
        text = "cat(" + rv(g) + "$unique)";
      } else if (g.kind == "take_any") {
        text = rv(g) + "$samples[0]$str";
      } else if (g.result_type == "set") {
        plan.uses_make_set = true;
        text = "make_set_json(" + rv(g) + ", " + std::to_string(g.set_max) + ")";
      } else if (g.result_type == "count") {
        text = "cat(double_to_count(" + number(g) + "))";
      } else if (g.result_type == "time") {
        text = "cat(double_to_time(" + number(g) + "))";
      } else {
        text = "cat(" + number(g) + ")";
      }
      std::string guard = not_null(g);
      if (g.kind == "dcount")
        text = "(" + string_literal(g.stream) + " in result ? " + text + " : \"0\")";
      else if (!guard.empty())
        text = "((" + guard + ") ? " + text + " : " + (g.result_type == "set" ? "\"[]\"" : "\"\"") +
               ")";
      plan.fields.push_back({g.label, text});
      ReducerPlan r;
      r.label = g.label;
      r.stream = g.stream;
      r.calc = g.kind == "min"        ? "SumStats::MIN"
               : g.kind == "max"      ? "SumStats::MAX"
               : g.kind == "make_set" ? "SumStats::UNIQUE"
               : g.kind == "dcount"   ? "SumStats::UNIQUE"
               : g.kind == "take_any" ? "SumStats::SAMPLE"
                                      : "SumStats::SUM";
      r.source = source_text(g.span);
      r.unique_max = g.kind == "make_set" && g.set_max < 1048576 ? g.set_max : 0;
      // dcount: one value more than the exact range tells "past it" apart, in a cluster's
      // merged results too (a merge keeps at most $unique_max values).
      if (g.kind == "dcount" && g.exact_up_to > 0) r.unique_max = g.exact_up_to + 1;
      if (g.kind == "take_any") r.num_samples = 1;
      plan.reducers.push_back(r);
    }
    if (projected_seen) {
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

}  // namespace kql::zeek::detail
