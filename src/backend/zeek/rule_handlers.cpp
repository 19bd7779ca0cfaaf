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

}  // namespace kql::zeek::detail
