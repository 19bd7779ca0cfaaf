// Each operator's output row schema, and its pipeline stage.
#include <algorithm>

#include "sema/binder_impl.h"
#include "sema/result_names.h"

namespace kql::sema {

using namespace kql::ast;

namespace {

// `Process*` style wildcard match (only `*` is special).
bool wildcard_match(std::string_view pattern, std::string_view name) {
  size_t star = pattern.find('*');
  if (star == std::string_view::npos) return pattern == name;
  std::string_view head = pattern.substr(0, star);
  std::string_view rest = pattern.substr(star + 1);
  if (name.substr(0, head.size()) != head) return false;
  name.remove_prefix(head.size());
  if (rest.empty()) return true;
  for (size_t i = 0; i <= name.size(); ++i)
    if (wildcard_match(rest, name.substr(i))) return true;
  return false;
}

// Sets (adds or replaces in place) a column, as extend does.
void put_column(RowSchema& rows, Column c) {
  int i = rows.index_of(c.name);
  if (i >= 0)
    rows.columns[static_cast<size_t>(i)] = c;
  else
    rows.columns.push_back(c);
}

bool is_name(const Expr* e) { return e && peel(e)->kind == NodeKind::Name; }

}  // namespace

// Binds an extend-like item list (extend, serialize, project with assignments) into `out`,
// evaluated against `ctx` (whose rows may be `out` itself for extend's left-to-right scope).
static void add_named_items(Binder& b, const std::vector<Expr*>& items, RowSchema& out,
                            const RowContext& ctx, bool project) {
  for (const Expr* item : items) {
    if (!item) continue;
    if (item->kind == NodeKind::Assignment) {
      auto* a = static_cast<const Assignment*>(item);
      Type t = b.bind_scalar(a->value, ctx);
      AfRole role = b.af_role_of(a->value, ctx);
      std::string_view key = b.af_key_of(a->value);
      for (const Name* n : a->names) {
        if (!n) continue;
        Column c{n->name, a->names.size() > 1 ? Type::Unknown : t, nullptr, role, key};
        put_column(out, c);
      }
      continue;
    }
    if (item->kind == NodeKind::Wildcard || item->kind == NodeKind::Star) {
      if (!ctx.rows) continue;
      std::string_view pat = item->kind == NodeKind::Star
                                 ? std::string_view("*")
                                 : std::string_view(static_cast<const Wildcard*>(item)->pattern);
      for (auto& c : ctx.rows->columns)
        if (wildcard_match(pat, c.name)) put_column(out, c);
      continue;
    }
    Type t = b.bind_scalar(item, ctx);
    if (project && is_name(item)) {
      auto* n = static_cast<const Name*>(peel(item));
      if (const Column* c = ctx.rows ? ctx.rows->find(n->name) : nullptr) {
        put_column(out, *c);
        continue;
      }
    }
    if (const Expr* pi = peel(item);
        pi && pi->kind == NodeKind::Call &&
        static_cast<const Call*>(pi)->callee.rfind("series_", 0) == 0) {
      // series_stats(x) -> series_stats_x_min, ...; other series_* functions with several
      // outputs are not modelled: the schema becomes open.
      auto* call = static_cast<const Call*>(pi);
      std::string arg = call->args.empty() ? std::string() : inferred_name(call->args[0]);
      if (call->callee == "series_stats" && !arg.empty()) {
        static const char* kStats[] = {"min", "min_idx", "max",     "max_idx",
                                       "avg", "stdev",   "variance"};
        for (const char* st : kStats) {
          std::string nm = "series_stats_" + arg + "_" + st;
          Type ct = std::string_view(st).ends_with("idx") ? Type::Long : Type::Real;
          put_column(out, {b.model_.intern(std::move(nm)), ct});
        }
      } else {
        out.open = true;
      }
      continue;
    }
    std::string name = inferred_name(item);
    if (is_name(item) && !project) {
      // `extend X` of an existing column changes nothing
      if (ctx.rows && ctx.rows->find(name)) continue;
    }
    std::string_view nm = name.empty() ? b.column_n(out) : b.model_.intern(std::move(name));
    Column c{nm, t, nullptr, b.af_role_of(item, ctx), b.af_key_of(item)};
    if (is_name(item) && ctx.rows)
      if (const Column* src = ctx.rows->find(nm)) c = *src;
    put_column(out, c);
  }
}

bool Binder::is_aggregate(std::string_view name) const {
  auto* fn = schema_.functions().find(name);
  return !fn || fn->kind == schema::FunctionKind::Aggregate;
}

Tabular Binder::bind_operator(const ast::Operator* op, Tabular in, const Expr* pipe) {
  if (!op) return {in.rows ? in.rows : open_rows(), in.stage};
  const RowSchema* input = in.rows ? in.rows : open_rows();
  std::string_view op_name = operator_name(op->op_kind);
  RowSchema out;
  out.table = input->table;
  out.open = input->open;
  bool unchanged = false;  // the output is the input
  int stage = new_stage(pipe, op, in, input->table);
  RowContext ctx{input, stage, nullptr, nullptr, op_name};

  auto finish = [&](const RowSchema* rows) -> Tabular {
    if (!quiet_) model_.set_operator_rows(op, input, rows);
    if (!quiet_ && stage >= 0) model_.mutable_stages()[stage].table = rows->table;
    return {rows, stage};
  };

  switch (op->op_kind) {
    case OperatorKind::Where: {
      auto* w = static_cast<const WhereOp*>(op);
      bind_scalar(w->predicate, ctx);
      if (input->table && !input->table->action_types.empty() && !quiet_ && stage >= 0) {
        if (auto keep = action_type_filter(w->predicate, ctx, *input->table)) {
          auto& set = model_.mutable_stages()[stage].action_types;
          std::vector<const schema::ActionType*> values;
          for (size_t i = 0; i < keep->size(); ++i) {
            const schema::ActionType* at = &input->table->action_types[i];
            if ((*keep)[i] && set.contains(at->name)) values.push_back(at);
          }
          set.all = false;
          set.values = std::move(values);
        }
      }
      unchanged = true;
      break;
    }
    case OperatorKind::Extend:
    case OperatorKind::Serialize: {
      auto* l = static_cast<const ListOp*>(op);
      out.columns = input->columns;
      RowContext c2 = ctx;
      c2.rows = &out;  // later items see earlier ones
      add_named_items(*this, l->items, out, c2, false);
      break;
    }
    case OperatorKind::Project: {
      auto* l = static_cast<const ListOp*>(op);
      add_named_items(*this, l->items, out, ctx, true);
      out.open = input->open;
      break;
    }
    case OperatorKind::ProjectAway:
    case OperatorKind::ProjectKeep: {
      auto* l = static_cast<const ListOp*>(op);
      std::vector<bool> listed(input->columns.size(), false);
      for (const Expr* item : l->items) {
        const Expr* e = peel(item);
        if (!e) continue;
        if (e->kind == NodeKind::Ordered) e = peel(static_cast<const Ordered*>(e)->expr);
        if (!e) continue;
        std::string_view pat;
        if (e->kind == NodeKind::Wildcard)
          pat = static_cast<const Wildcard*>(e)->pattern;
        else if (e->kind == NodeKind::Name) {
          pat = static_cast<const Name*>(e)->name;
          lookup_column(pat, e->span, ctx, true);
        } else {
          bind_scalar(e, ctx);
          continue;
        }
        for (size_t i = 0; i < input->columns.size(); ++i)
          if (wildcard_match(pat, input->columns[i].name)) listed[i] = true;
      }
      bool keep = op->op_kind == OperatorKind::ProjectKeep;
      for (size_t i = 0; i < input->columns.size(); ++i)
        if (listed[i] == keep) out.columns.push_back(input->columns[i]);
      break;
    }
    case OperatorKind::ProjectRename: {
      auto* l = static_cast<const ListOp*>(op);
      out.columns = input->columns;
      for (const Expr* item : l->items) {
        if (!item || item->kind != NodeKind::Assignment) continue;
        auto* a = static_cast<const Assignment*>(item);
        const Expr* from = peel(a->value);
        if (!from || from->kind != NodeKind::Name || a->names.empty() || !a->names[0]) continue;
        auto* fn = static_cast<const Name*>(from);
        bind_scalar(from, ctx);
        int i = out.index_of(fn->name);
        if (i >= 0) out.columns[static_cast<size_t>(i)].name = a->names[0]->name;
      }
      break;
    }
    case OperatorKind::ProjectReorder: {
      auto* l = static_cast<const ListOp*>(op);
      std::vector<bool> used(input->columns.size(), false);
      for (const Expr* item : l->items) {
        const Expr* e = peel(item);
        if (e && e->kind == NodeKind::Ordered) e = peel(static_cast<const Ordered*>(e)->expr);
        if (!e) continue;
        std::string_view pat;
        if (e->kind == NodeKind::Wildcard)
          pat = static_cast<const Wildcard*>(e)->pattern;
        else if (e->kind == NodeKind::Name) {
          pat = static_cast<const Name*>(e)->name;
          lookup_column(pat, e->span, ctx, true);
        } else
          continue;
        for (size_t i = 0; i < input->columns.size(); ++i)
          if (!used[i] && wildcard_match(pat, input->columns[i].name)) {
            used[i] = true;
            out.columns.push_back(input->columns[i]);
          }
      }
      for (size_t i = 0; i < input->columns.size(); ++i)
        if (!used[i]) out.columns.push_back(input->columns[i]);
      break;
    }
    case OperatorKind::Summarize: {
      auto* s = static_cast<const SummarizeOp*>(op);
      add_named_items(*this, s->by, out, ctx, true);
      for (const Expr* agg : s->aggregates) {
        if (!agg) continue;
        const Expr* value = agg;
        const Assignment* named = nullptr;
        if (agg->kind == NodeKind::Assignment) {
          named = static_cast<const Assignment*>(agg);
          value = named->value;
        }
        Type t = bind_scalar(value, ctx);
        const Expr* pv = peel(value);
        const Call* call =
            pv && pv->kind == NodeKind::Call ? static_cast<const Call*>(pv) : nullptr;
        std::vector<Column> cols;
        if (call && (call->callee == "arg_max" || call->callee == "arg_min")) {
          // arg_max(X, A, B) -> X, A, B; arg_max(X, *) -> X then every other input column
          for (size_t i = 0; i < call->args.size(); ++i) {
            const Expr* a = peel(call->args[i]);
            if (!a) continue;
            if (a->kind == NodeKind::Star) {
              for (auto& c : input->columns) {
                bool skip =
                    out.find(c.name) &&
                    s->by.end() != std::find_if(s->by.begin(), s->by.end(), [&](const Expr* by) {
                      return inferred_name(by) == c.name;
                    });
                bool dup = std::any_of(cols.begin(), cols.end(),
                                       [&](const Column& x) { return x.name == c.name; });
                if (!skip && !dup) cols.push_back(c);
              }
              if (input->open) out.open = true;
              continue;
            }
            if (a->kind == NodeKind::Assignment) {
              auto* as = static_cast<const Assignment*>(a);
              for (auto* n : as->names)
                if (n) cols.push_back({n->name, model_.type_of(as->value)});
              continue;
            }
            std::string nm = inferred_name(a);
            Column c{nm.empty() ? std::string_view() : model_.intern(nm), model_.type_of(a)};
            if (is_name(a))
              if (const Column* src = input->find(c.name)) c = *src;
            cols.push_back(c);
          }
        } else if (call && call->args.size() == 1 && call->args[0] &&
                   call->args[0]->kind == NodeKind::Star &&
                   (call->callee == "any" || call->callee == "take_any")) {
          // any(*) -> any_<column> for each input column; take_any(*) keeps the names
          std::string prefix = call->callee == "any" ? "any_" : "";
          for (auto& c : input->columns) {
            if (std::any_of(s->by.begin(), s->by.end(),
                            [&](const Expr* by) { return inferred_name(by) == c.name; }))
              continue;
            Column col = c;
            col.name = model_.intern(prefix + std::string(c.name));
            cols.push_back(col);
          }
          if (input->open) out.open = true;
        } else if (call && !is_aggregate(call->callee)) {
          // tostring(makeset(X)) -> set_X: the name of the aggregate inside
          std::string nm = inferred_name(value);
          cols.push_back({nm.empty() ? std::string_view() : model_.intern(nm), t});
        } else if (call) {
          auto names = aggregate_names(*call);
          if (names.empty() || (names.size() > 1 && (call->callee.rfind("take_any", 0) == 0 ||
                                                     call->callee.rfind("any", 0) == 0))) {
            for (size_t i = 0; i < call->args.size(); ++i) {
              std::string nm = i < names.size() ? names[i] : std::string();
              cols.push_back({nm.empty() ? std::string_view() : model_.intern(nm),
                              model_.type_of(call->args[i])});
            }
          } else {
            for (auto& nm : names) {
              Type ct = t;
              if (call->callee == "take_any" || call->callee == "take_anyif")
                ct = call->args.empty() ? Type::Unknown : model_.type_of(call->args[0]);
              cols.push_back({model_.intern(nm), ct});
            }
          }
          if (cols.size() == 1 && call->args.size() >= 1) cols[0].af_key = af_key_of(call->args[0]);
        } else {
          std::string nm = inferred_name(value);
          cols.push_back({nm.empty() ? std::string_view() : model_.intern(nm), t});
        }
        if (named) {
          for (size_t i = 0; i < named->names.size(); ++i) {
            if (!named->names[i]) continue;
            if (i < cols.size())
              cols[i].name = named->names[i]->name;
            else
              cols.push_back({named->names[i]->name, Type::Unknown});
          }
        }
        for (auto& c : cols) {
          c.name = c.name.empty() ? column_n(out) : unique_name(out, c.name);
          out.columns.push_back(c);
        }
      }
      out.open = input->open && out.open;
      break;
    }
    case OperatorKind::Distinct: {
      auto* l = static_cast<const ListOp*>(op);
      bool star = l->items.size() == 1 && l->items[0] && l->items[0]->kind == NodeKind::Star;
      if (star)
        unchanged = true;
      else
        add_named_items(*this, l->items, out, ctx, true);
      break;
    }
    case OperatorKind::Count: {
      auto* c = static_cast<const CountOp*>(op);
      out.columns.push_back(
          {c->as_name ? model_.intern(*c->as_name) : std::string_view("Count"), Type::Long});
      out.open = false;
      break;
    }
    case OperatorKind::Take:
    case OperatorKind::Sample:
    case OperatorKind::SampleDistinct: {
      auto* t = static_cast<const TakeOp*>(op);
      bind_scalar(t->count, {});
      if (t->of) {
        bind_scalar(t->of, ctx);
        std::string nm = inferred_name(t->of);
        out.columns.push_back(
            {nm.empty() ? column_n(out) : model_.intern(nm), model_.type_of(t->of)});
      } else {
        unchanged = true;
      }
      break;
    }
    case OperatorKind::Top:
    case OperatorKind::Sort: {
      auto* s = static_cast<const SortOp*>(op);
      bind_scalar(s->count, {});
      for (const Ordered* o : s->by)
        if (o) bind_scalar(o->expr, ctx);
      unchanged = true;
      break;
    }
    case OperatorKind::Join:
    case OperatorKind::Lookup: {
      auto* j = static_cast<const JoinOp*>(op);
      Tabular right = bind_tabular(j->right);
      if (!right.rows) right.rows = open_rows();
      if (!quiet_ && stage >= 0) model_.mutable_stages()[stage].right = right.stage;
      RowContext jc{input, stage, input, right.rows, op_name};
      std::vector<std::string_view> keys;  // `on X`: one column for both sides
      // `on A and B` is accepted for `on A, B`
      std::vector<const Expr*> conditions;
      for (const Expr* on : j->on) {
        std::vector<const Expr*> work{on};
        while (!work.empty()) {
          const Expr* e = peel(work.back());
          work.pop_back();
          if (e && e->kind == NodeKind::Binary &&
              static_cast<const Binary*>(e)->op == BinaryOp::And) {
            work.push_back(static_cast<const Binary*>(e)->right);
            work.push_back(static_cast<const Binary*>(e)->left);
          } else {
            conditions.push_back(e);
          }
        }
      }
      for (const Expr* on : conditions) {
        const Expr* e = peel(on);
        if (e && e->kind == NodeKind::Name) {
          auto* n = static_cast<const Name*>(e);
          keys.push_back(n->name);
          RowContext lc{input, stage, nullptr, nullptr, op_name};
          RowContext rc{right.rows, right.stage, nullptr, nullptr, op_name};
          Type t = bind_scalar(e, lc);
          bind_scalar(e, rc);
          set_type(e, t);
        } else {
          bind_scalar(e, jc);
        }
      }
      std::string kind = "innerunique";
      if (auto* p = op->param("kind")) kind = p->value;
      if (op->op_kind == OperatorKind::Lookup) kind = kind == "inner" ? "lookup-inner" : "lookup";
      if (kind == "leftsemi" || kind == "leftanti" || kind == "anti" || kind == "leftantisemi") {
        unchanged = true;
        break;
      }
      if (kind == "rightsemi" || kind == "rightanti" || kind == "rightantisemi") {
        if (!quiet_) model_.set_operator_rows(op, input, right.rows);
        if (!quiet_ && stage >= 0) {
          auto& st = model_.mutable_stages()[stage];
          st.table = right.rows->table;
          if (const Stage* rs = model_.stage(right.stage))
            st.action_types = rs->action_types;
          else
            st.action_types = {};
        }
        return {right.rows, stage};
      }
      out.columns = input->columns;
      bool lookup = op->op_kind == OperatorKind::Lookup;
      for (const Column& rc : right.rows->columns) {
        if (lookup && std::find(keys.begin(), keys.end(), rc.name) != keys.end()) continue;
        Column c = rc;
        c.name = unique_name(out, rc.name);
        out.columns.push_back(c);
      }
      out.open = input->open || right.rows->open;
      break;
    }
    case OperatorKind::Union: {
      auto* u = static_cast<const UnionOp*>(op);
      std::vector<const RowSchema*> parts;
      // isfuzzy=true: tables that do not exist are skipped without an error
      bool fuzzy = false;
      if (auto* p = op->param("isfuzzy")) fuzzy = p->value == "true";
      if (fuzzy) ++lenient_, ++fuzzy_union_;
      if (in.rows && pipe && pipe->kind == NodeKind::Pipe) parts.push_back(input);
      for (const Expr* t : u->tables) {
        const Expr* e = peel(t);
        if (!e) continue;
        if (e->kind == NodeKind::Wildcard) {
          // union Device*: every matching table
          auto* w = static_cast<const Wildcard*>(e);
          for (auto& name : schema_.table_names())
            if (wildcard_match(w->pattern, name))
              if (auto* tt = schema_.find_table(name)) parts.push_back(table_rows(*tt));
          continue;
        }
        Tabular tb = bind_tabular(t);
        parts.push_back(tb.rows ? tb.rows : open_rows());
      }
      if (fuzzy) --lenient_, --fuzzy_union_;
      bool inner = false;
      if (auto* p = op->param("kind")) inner = p->value == "inner";
      if (auto* p = op->param("withsource"))
        out.columns.push_back({model_.intern(p->value), Type::String});
      out.open = false;
      out.table = nullptr;
      const schema::Table* common = parts.empty() ? nullptr : parts[0]->table;
      for (size_t k = 0; k < parts.size(); ++k) {
        const RowSchema* p = parts[k];
        if (p->table != common) common = nullptr;
        out.open = out.open || p->open;
        for (const Column& c : p->columns) {
          if (inner && !std::all_of(parts.begin(), parts.end(),
                                    [&](const RowSchema* q) { return q->find(c.name) != nullptr; }))
            continue;
          if (const Column* have = out.find(c.name)) {
            if (have->type != c.type) {
              // same name, different types: Kusto keeps both as Name_type
              Column c2 = c;
              c2.name =
                  model_.intern(std::string(c.name) + "_" + std::string(schema::type_name(c.type)));
              if (!out.find(c2.name)) out.columns.push_back(c2);
            }
            continue;
          }
          out.columns.push_back(c);
        }
      }
      out.table = common;
      break;
    }
    case OperatorKind::MvExpand:
    case OperatorKind::MvApply: {
      const std::vector<MvExpandItem>& items = op->op_kind == OperatorKind::MvExpand
                                                   ? static_cast<const MvExpandOp*>(op)->items
                                                   : static_cast<const MvApplyOp*>(op)->items;
      out.columns = input->columns;
      for (auto& item : items) {
        Type t = Type::Dynamic;
        if (item.to_type) t = schema::parse_type(*item.to_type).value_or(Type::Unknown);
        const Expr* e = peel(item.expr);
        if (!e) continue;
        if (e->kind == NodeKind::Assignment) {
          auto* a = static_cast<const Assignment*>(e);
          bind_scalar(a->value, ctx);
          for (auto* n : a->names)
            if (n) put_column(out, {n->name, t});
        } else {
          bind_scalar(e, ctx);
          std::string nm = inferred_name(e);
          if (!nm.empty()) put_column(out, {model_.intern(nm), t});
        }
      }
      if (auto* p = op->param("with_itemindex"))
        put_column(out, {model_.intern(p->value), Type::Long});
      if (op->op_kind == OperatorKind::MvApply) {
        auto* m = static_cast<const MvApplyOp*>(op);
        bind_scalar(m->limit, {});
        const RowSchema* expanded = model_.add_rows(out);
        Tabular sub = bind_tabular(m->subquery, {expanded, stage});
        if (sub.rows && sub.rows != expanded) {
          // the subquery's columns, then the input's columns it does not produce
          RowSchema merged;
          merged.table = input->table;
          merged.open = sub.rows->open;
          for (auto& c : input->columns)
            if (!sub.rows->find(c.name)) merged.columns.push_back(c);
          for (auto& c : sub.rows->columns) merged.columns.push_back(c);
          out = std::move(merged);
        }
      } else {
        bind_scalar(static_cast<const MvExpandOp*>(op)->limit, {});
      }
      break;
    }
    case OperatorKind::Parse:
    case OperatorKind::ParseWhere: {
      auto* p = static_cast<const ParseOp*>(op);
      bind_scalar(p->source, ctx);
      out.columns = input->columns;
      for (auto& part : p->parts) {
        if (part.is_literal || part.is_star || part.column.empty()) continue;
        Type t = part.type.empty() ? Type::String
                                   : schema::parse_type(part.type).value_or(Type::Unknown);
        put_column(out, {part.column, t});
      }
      break;
    }
    case OperatorKind::Print: {
      auto* l = static_cast<const ListOp*>(op);
      RowContext none{};
      int unnamed = 0;
      for (const Expr* item : l->items) {
        if (!item) continue;
        if (item->kind == NodeKind::Assignment) {
          auto* a = static_cast<const Assignment*>(item);
          Type t = bind_scalar(a->value, none);
          for (auto* n : a->names)
            if (n) put_column(out, {n->name, t});
        } else {
          Type t = bind_scalar(item, none);
          put_column(out, {model_.intern("print_" + std::to_string(unnamed++)), t});
        }
      }
      out.open = false;
      out.table = nullptr;
      break;
    }
    case OperatorKind::Range: {
      auto* r = static_cast<const RangeOp*>(op);
      Type t = bind_scalar(r->from, {});
      bind_scalar(r->to, {});
      bind_scalar(r->step, {});
      out.columns.push_back({r->column, t});
      out.open = false;
      out.table = nullptr;
      break;
    }
    case OperatorKind::Datatable:
    case OperatorKind::Externaldata: {
      auto* d = static_cast<const DataTableOp*>(op);
      for (auto& c : d->columns)
        out.columns.push_back({c.name, schema::parse_type(c.type).value_or(Type::Unknown)});
      for (auto* v : d->values) bind_scalar(v, {});
      out.open = false;
      out.table = nullptr;
      break;
    }
    case OperatorKind::GetSchema:
      out.columns = {{"ColumnName", Type::String},
                     {"ColumnOrdinal", Type::Int},
                     {"DataType", Type::String},
                     {"ColumnType", Type::String}};
      out.open = false;
      out.table = nullptr;
      break;
    case OperatorKind::As:
    case OperatorKind::Render:
      if (op->op_kind == OperatorKind::As) {
        auto* a = static_cast<const AsOp*>(op);
        if (!a->name.empty() && !quiet_) {
          Binding bnd;
          bnd.name = a->name;
          bnd.symbol.kind = Symbol::Kind::TabularLet;
          bnd.symbol.declaration = op;
          bnd.tab = {input, stage};
          scope_.push_back(bnd);
        }
      }
      unchanged = true;
      break;
    default: {
      // Operators the binder does not model in detail: their child expressions are bound
      // leniently (no unknown-column), and the output keeps the input's columns but is open.
      ++lenient_;
      if (auto* g = dynamic_cast<const GenericOp*>(op)) {
        for (auto* c : g->children) bind_scalar(c, ctx);
        for (auto* sq : g->subqueries) bind_tabular(sq, {input, stage});
      } else if (auto* c = dynamic_cast<const CallOp*>(op)) {
        // invoke's arguments are columns of its input; a plugin's may be anything
        if (op->op_kind == OperatorKind::Invoke) --lenient_;
        if (c->call)
          for (auto* a : c->call->args) bind_scalar(a, ctx);
        if (op->op_kind == OperatorKind::Invoke) ++lenient_;
      } else if (auto* s = dynamic_cast<const SearchOp*>(op)) {
        // search in (T1, T2): the tables' columns plus $table; without `in`: open
        bool known = !s->tables.empty();
        std::vector<const RowSchema*> parts;
        for (auto* t : s->tables) {
          Tabular tb = bind_tabular(t);
          if (!tb.rows || tb.rows->open)
            known = false;
          else
            parts.push_back(tb.rows);
        }
        bind_scalar(s->predicate, ctx);
        if (known && op->op_kind == OperatorKind::Search) {
          --lenient_;
          out.columns.push_back({"$table", Type::String});
          for (auto* p : parts)
            for (auto& c : p->columns)
              if (!out.find(c.name)) out.columns.push_back(c);
          out.open = false;
          out.table = parts.size() == 1 ? parts[0]->table : nullptr;
          break;
        }
      }
      --lenient_;
      out.columns = input->columns;
      out.open = true;
      if (op->op_kind == OperatorKind::Consume) out.columns.clear(), out.open = false;
      break;
    }
  }
  if (unchanged) return finish(input);
  return finish(model_.add_rows(std::move(out)));
}

}  // namespace kql::sema
