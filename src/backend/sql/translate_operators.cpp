// Tabular expressions and query operators. Every operator wraps its input relation in one
// SELECT; row order (after sort/top, and the input order of datatable/range) travels in the
// hidden "__ord" column so that order-preserving operators keep it.
#include <algorithm>

#include "backend/sql/dynamic_literal.h"
#include "backend/sql/translator.h"
#include "schema/functions.h"
#include "sema/result_names.h"

namespace kql::sql {

using namespace ast;

namespace {

bool is_string_like(KType t) { return t == KType::String || t == KType::Guid; }

bool glob_match(std::string_view pattern, std::string_view name) {
  size_t star = pattern.find('*');
  if (star == std::string_view::npos) return pattern == name;
  std::string_view head = pattern.substr(0, star), rest = pattern.substr(star + 1);
  if (!name.starts_with(head)) return false;
  for (size_t i = head.size(); i <= name.size(); ++i)
    if (glob_match(rest, name.substr(i))) return true;
  return false;
}

std::string param_value(const Operator* op, std::string_view name) {
  auto* p = op->param(name);
  if (!p) return "";
  std::string v = p->value;
  std::transform(v.begin(), v.end(), v.begin(), ::tolower);
  return v;
}

}  // namespace

// The binder's inference (tostring(X) -> X, strlen(X) -> strlen_X, D.a -> D_a ...), so both
// agree on every column name; "" when KQL would number the column.
std::string default_name(const Expr* e) { return sema::inferred_name(e); }

std::string unique_name(const std::string& name, const std::vector<SqlColumn>& taken) {
  auto used = [&](const std::string& n) {
    return std::any_of(taken.begin(), taken.end(), [&](auto& c) { return c.name == n; });
  };
  if (!used(name)) return name;
  for (int i = 1;; ++i)
    if (!used(name + std::to_string(i))) return name + std::to_string(i);
}

std::string Translator::passthrough_list(const Rel& in, const std::string& a) const {
  std::string s;
  for (auto& c : in.cols)
    s += (s.empty() ? "" : ", ") + col(a, c.name) + " AS " + quote_ident(c.name);
  if (in.ordered) s += (s.empty() ? "" : ", ") + col(a, "__ord") + " AS \"__ord\"";
  return s.empty() ? "NULL AS \"__empty\"" : s;
}

bool Translator::is_tabular(const Expr* e, const ScopePtr& scope) const {
  switch (e->kind) {
    case NodeKind::Pipe:
    case NodeKind::OperatorExpr:
      return true;
    case NodeKind::Paren:
      return is_tabular(static_cast<const Paren*>(e)->inner, scope);
    case NodeKind::Name: {
      auto* n = static_cast<const Name*>(e);
      if (auto* b = scope->find(n->name)) {
        // A function without parameters is called by its name alone (let f = () { T }; f).
        if (b->kind == Binding::Kind::Function && b->fn->params.empty() && b->fn->result)
          return is_tabular(b->fn->result, b->scope);
        return b->kind == Binding::Kind::Tabular;
      }
      return opt_.tables && opt_.tables(n->name).has_value();
    }
    case NodeKind::Call: {
      auto* c = static_cast<const Call*>(e);
      if (c->callee == "materialize" || c->callee == "view") return true;
      if (auto* b = scope->find(c->callee);
          b && b->kind == Binding::Kind::Function && b->fn->result)
        return is_tabular(b->fn->result, b->scope);
      return false;
    }
    default:
      return false;
  }
}

std::optional<Rel> Translator::tabular(const Expr* e, const ScopePtr& scope) {
  switch (e->kind) {
    case NodeKind::Paren:
      return tabular(static_cast<const Paren*>(e)->inner, scope);
    case NodeKind::Pipe: {
      auto* p = static_cast<const Pipe*>(e);
      if (p->op->op_kind == OperatorKind::Invoke) {
        auto in = tabular(p->input, scope);
        if (!in) return std::nullopt;
        auto* call = static_cast<const CallOp*>(p->op)->call;
        auto* b = call ? scope->find(call->callee) : nullptr;
        if (!b || b->kind != Binding::Kind::Function) {
          // FileProfile(), DeviceFromIP() ...: Defender looks the rows up in Microsoft's own
          // data (file prevalence, signers, device addresses), which an offline run lacks.
          const auto* builtin =
              call ? schema::FunctionCatalogue::builtin().find(call->callee) : nullptr;
          fail(codes::kUnsupportedFunction, "unsupported-function", p->op->span,
               builtin && builtin->mde_only
                   ? "invoke " + call->callee +
                         "(): a Defender XDR enrichment function; it reads Microsoft's own "
                         "data, which has no offline equivalent"
                   : std::string("invoke needs a function defined with let in the same query"));
          return std::nullopt;
        }
        return call_tabular_function(*b, call, RowCtx{}, scope, &*in);
      }
      auto in = tabular(p->input, scope);
      if (!in) return std::nullopt;
      return apply(*in, p->op, scope);
    }
    case NodeKind::OperatorExpr: {
      auto* op = static_cast<const OperatorExpr*>(e)->op;
      switch (op->op_kind) {
        case OperatorKind::Print:
          return op_print(static_cast<const ListOp*>(op), scope);
        case OperatorKind::Range:
          return op_range(static_cast<const RangeOp*>(op), scope);
        case OperatorKind::Datatable:
          return op_datatable(static_cast<const DataTableOp*>(op), scope);
        case OperatorKind::Union:
          return op_union(nullptr, static_cast<const UnionOp*>(op), scope);
        default:
          break;
      }
      fail(codes::kUnsupportedOperator, "unsupported-operator", op->keyword_span,
           std::string("operator ") + operator_name(op->op_kind) + " is not translated to SQL");
      return std::nullopt;
    }
    case NodeKind::Name: {
      auto* n = static_cast<const Name*>(e);
      if (auto* b = scope->find(n->name)) {
        if (b->kind == Binding::Kind::Tabular) {
          if (b->rel) return b->rel;
          return tabular(b->expr, b->scope);
        }
        if (b->kind == Binding::Kind::Function && b->fn->params.empty()) {
          Call by_name;  // `f` is `f()` for a function without parameters
          by_name.callee = n->name;
          by_name.span = by_name.callee_span = e->span;
          return call_tabular_function(*b, &by_name, RowCtx{}, scope, nullptr);
        }
        fail(codes::kUnsupportedSyntax, "unsupported-construct", e->span,
             "'" + n->name + "' is not a table");
        return std::nullopt;
      }
      std::optional<std::vector<SqlColumn>> cols;
      if (opt_.tables) cols = opt_.tables(n->name);
      if (!cols) {
        fail(codes::kUnknownTable, "unknown-table", e->span,
             "unknown table '" + n->name + "': the SQL backend needs its columns and their types");
        return std::nullopt;
      }
      if (std::find(tables_used.begin(), tables_used.end(), n->name) == tables_used.end())
        tables_used.push_back(n->name);
      Rel r;
      r.cols = *cols;
      std::string list;
      for (auto& c : r.cols) list += (list.empty() ? "" : ", ") + quote_ident(c.name);
      r.sql = "SELECT " + list + " FROM " + quote_ident(n->name);
      return r;
    }
    case NodeKind::Call: {
      auto* c = static_cast<const Call*>(e);
      if ((c->callee == "materialize" || c->callee == "view") && c->args.size() == 1)
        return tabular(c->args[0], scope);
      if (auto* b = scope->find(c->callee); b && b->kind == Binding::Kind::Function)
        return call_tabular_function(*b, c, RowCtx{}, scope, nullptr);
      fail(codes::kUnsupportedFunction, "unsupported-function", c->callee_span,
           "tabular function " + c->callee + "() is not translated to SQL");
      return std::nullopt;
    }
    default:
      break;
  }
  fail(codes::kUnsupportedSyntax, "unsupported-construct", e->span,
       "expected a tabular expression the SQL backend can translate");
  return std::nullopt;
}

std::optional<Rel> Translator::apply(const Rel& in, const Operator* op, const ScopePtr& scope) {
  switch (op->op_kind) {
    case OperatorKind::Where:
      return op_where(in, static_cast<const WhereOp*>(op), scope);
    case OperatorKind::Extend:
      return op_extend(in, static_cast<const ListOp*>(op), scope);
    case OperatorKind::Project:
      return op_project(in, static_cast<const ListOp*>(op), scope);
    case OperatorKind::ProjectAway:
      return op_project_away(in, static_cast<const ListOp*>(op), false);
    case OperatorKind::ProjectKeep:
      return op_project_away(in, static_cast<const ListOp*>(op), true);
    case OperatorKind::ProjectByNames:
      return op_project_by_names(in, static_cast<const GenericOp*>(op), scope);
    case OperatorKind::ProjectRename:
      return op_project_rename(in, static_cast<const ListOp*>(op));
    case OperatorKind::ProjectReorder:
      return op_project_reorder(in, static_cast<const ListOp*>(op));
    case OperatorKind::Summarize:
      return op_summarize(in, static_cast<const SummarizeOp*>(op), scope);
    case OperatorKind::Distinct:
      return op_distinct(in, static_cast<const ListOp*>(op), scope);
    case OperatorKind::Count:
      return op_count(in, static_cast<const CountOp*>(op));
    case OperatorKind::Take:
      return op_take(in, static_cast<const TakeOp*>(op), scope);
    case OperatorKind::Top:
    case OperatorKind::Sort:
      return op_sort(in, static_cast<const SortOp*>(op), scope);
    case OperatorKind::Join:
    case OperatorKind::Lookup:
      return op_join(in, static_cast<const JoinOp*>(op), scope);
    case OperatorKind::Union:
      return op_union(&in, static_cast<const UnionOp*>(op), scope);
    case OperatorKind::MvExpand:
      return op_mv_expand(in, static_cast<const MvExpandOp*>(op), scope);
    case OperatorKind::Parse:
    case OperatorKind::ParseWhere:
      return op_parse(in, static_cast<const ParseOp*>(op), scope);
    case OperatorKind::ParseKv:
      return op_parse_kv(in, static_cast<const GenericOp*>(op), scope);
    case OperatorKind::MvApply:
      return op_mv_apply(in, static_cast<const MvApplyOp*>(op), scope);
    case OperatorKind::Serialize: {
      auto* l = static_cast<const ListOp*>(op);
      Rel s = in;
      s.serialized = true;
      if (l->items.empty()) return s;  // serialize keeps the rows and their order
      return op_extend(s, l, scope);
    }
    case OperatorKind::Scan:
      return op_scan(in, static_cast<const GenericOp*>(op), scope);
    case OperatorKind::Partition:
      return op_partition(in, static_cast<const GenericOp*>(op), scope);
    case OperatorKind::MakeSeries:
      return op_make_series(in, static_cast<const GenericOp*>(op), scope);
    case OperatorKind::As:
      return in;  // naming the result changes no row
    case OperatorKind::Render:
      return in;  // a chart for the client: the rows are unchanged (Kusto allows it last only)
    default:
      break;
  }
  fail(codes::kUnsupportedOperator, "unsupported-operator", op->keyword_span,
       std::string("operator ") + operator_name(op->op_kind) + " is not translated to SQL");
  return std::nullopt;
}

std::optional<Rel> Translator::op_where(const Rel& in, const WhereOp* op, const ScopePtr& scope) {
  std::string a = alias();
  RowCtx row{&in.cols, a};
  WindowCtx win{a, in.serialized, in.ordered};  // where prev(x) != x on serialized rows
  struct Restore {
    WindowCtx*& slot;
    WindowCtx* saved;
    ~Restore() { slot = saved; }
  } restore{window_, window_};
  window_ = &win;
  auto p = expr(op->predicate, row, scope);
  if (!p) return std::nullopt;
  auto pb = as_bool(*p, op->predicate);
  if (!pb) return std::nullopt;
  Rel r = in;
  r.sql = "SELECT " + passthrough_list(in, a) + " FROM (" + window_source(win, in.sql) + ") AS " +
          a + " WHERE " + pb->sql;
  return r;
}

std::optional<Rel> Translator::op_extend(const Rel& in, const ListOp* op, const ScopePtr& scope) {
  std::string a = alias();
  std::map<std::string, SqlExpr> pending;
  RowCtx row{&in.cols, a, &pending};
  WindowCtx win{a, in.serialized, in.ordered};
  struct Restore {
    WindowCtx*& slot;
    WindowCtx* saved;
    ~Restore() { slot = saved; }
  } restore{window_, window_};
  window_ = &win;
  std::vector<SqlColumn> cols = in.cols;
  std::vector<std::string> order;  // names in output order
  int column_n = 0;
  for (const Expr* item : op->items) {
    std::string name;
    const Expr* value = item;
    if (item->kind == NodeKind::Assignment) {
      auto* as = static_cast<const Assignment*>(item);
      if (as->names.size() != 1) {
        fail(codes::kUnsupportedSyntax, "unsupported-construct", item->span,
             "tuple assignment is not translated");
        return std::nullopt;
      }
      name = as->names[0]->name;
      value = as->value;
    }
    auto v = expr(value, row, scope);
    if (!v) return std::nullopt;
    if (v->type == KType::Unknown) {
      fail(codes::kUntypedExpression, "untranslatable-types", value->span,
           "the type of this expression (an untyped null) is not known");
      return std::nullopt;
    }
    // Later items see the names this operator assigns (extend a = 1, b = a + 1); a name only
    // inferred from a function call (tostring(X) -> X) is not made visible to them.
    const bool visible = !name.empty() || value->kind != NodeKind::Call;
    if (name.empty()) name = default_name(value);
    if (name.empty()) {
      do name = "Column" + std::to_string(++column_n);
      while (std::any_of(cols.begin(), cols.end(), [&](auto& c) { return c.name == name; }));
    }
    if (visible) pending[name] = *v;
    auto it = std::find_if(cols.begin(), cols.end(), [&](auto& c) { return c.name == name; });
    if (it != cols.end())
      it->type = v->type;  // extend replaces a column in place
    else
      cols.push_back({name, v->type});
  }
  std::string list;
  for (auto& c : cols) {
    auto it = pending.find(c.name);
    std::string v = it != pending.end() ? it->second.sql : col(a, c.name);
    list += (list.empty() ? "" : ", ") + v + " AS " + quote_ident(c.name);
  }
  if (in.ordered) list += ", " + col(a, "__ord") + " AS \"__ord\"";
  Rel r;
  r.cols = cols;
  r.ordered = in.ordered;
  r.serialized = in.serialized;
  r.sql = "SELECT " + list + " FROM (" + window_source(win, in.sql) + ") AS " + a;
  return r;
}

std::optional<Rel> Translator::op_project(const Rel& in, const ListOp* op, const ScopePtr& scope) {
  std::string a = alias();
  std::map<std::string, SqlExpr> pending;
  RowCtx row{&in.cols, a, &pending};
  WindowCtx win{a, in.serialized, in.ordered};
  struct Restore {
    WindowCtx*& slot;
    WindowCtx* saved;
    ~Restore() { slot = saved; }
  } restore{window_, window_};
  window_ = &win;
  Rel r;
  r.ordered = in.ordered;
  r.serialized = in.serialized;
  std::string list;
  int column_n = 0;
  for (const Expr* item : op->items) {
    std::string name;
    const Expr* value = item;
    if (item->kind == NodeKind::Assignment) {
      auto* as = static_cast<const Assignment*>(item);
      if (as->names.size() != 1) {
        fail(codes::kUnsupportedSyntax, "unsupported-construct", item->span,
             "tuple assignment is not translated");
        return std::nullopt;
      }
      name = as->names[0]->name;
      value = as->value;
    } else if (item->kind == NodeKind::Wildcard) {
      auto* w = static_cast<const Wildcard*>(item);
      for (auto& c : in.cols) {
        if (!glob_match(w->pattern, c.name) || r.find(c.name)) continue;
        r.cols.push_back(c);
        list += (list.empty() ? "" : ", ") + col(a, c.name) + " AS " + quote_ident(c.name);
      }
      continue;
    }
    auto v = expr(value, row, scope);
    if (!v) return std::nullopt;
    if (v->type == KType::Unknown) {
      fail(codes::kUntypedExpression, "untranslatable-types", value->span,
           "the type of this expression (an untyped null) is not known");
      return std::nullopt;
    }
    const bool visible = !name.empty() || value->kind != NodeKind::Call;  // as in op_extend
    if (name.empty()) name = default_name(value);
    if (name.empty()) {
      do name = "Column" + std::to_string(++column_n);
      while (r.find(name));
    }
    if (r.find(name)) {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", item->span,
           "column '" + name + "' is projected twice");
      return std::nullopt;
    }
    if (visible) pending[name] = *v;
    r.cols.push_back({name, v->type});
    list += (list.empty() ? "" : ", ") + v->sql + " AS " + quote_ident(name);
  }
  if (in.ordered) list += (list.empty() ? "" : ", ") + col(a, "__ord") + " AS \"__ord\"";
  r.sql = "SELECT " + list + " FROM (" + window_source(win, in.sql) + ") AS " + a;
  return r;
}

std::optional<Rel> Translator::op_project_away(const Rel& in, const ListOp* op, bool keep) {
  std::vector<std::string> patterns;
  for (const Expr* item : op->items) {
    if (item->kind == NodeKind::Name)
      patterns.push_back(static_cast<const Name*>(item)->name);
    else if (item->kind == NodeKind::Wildcard)
      patterns.push_back(static_cast<const Wildcard*>(item)->pattern);
    else {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", item->span,
           "expected a column name");
      return std::nullopt;
    }
  }
  Rel r;
  r.ordered = in.ordered;
  r.serialized = in.serialized;
  for (auto& c : in.cols) {
    bool hit = std::any_of(patterns.begin(), patterns.end(),
                           [&](auto& p) { return glob_match(p, c.name); });
    if (hit == keep) r.cols.push_back(c);
  }
  std::string a = alias();
  r.sql = "SELECT " + passthrough_list(r, a) + " FROM (" + in.sql + ") AS " + a;
  return r;
}

// project-by-names "Name", "Acc*", dynamic(["City"]), column_names_of(T): the columns named or
// matched, in the order specified (then matched); names that match nothing are ignored, as
// the reference says. The specifiers must be known here: string literals, dynamic array
// literals (or lets and function arguments bound to them) and column_names_of(). A column
// that two specifiers select is rejected: whether it appears once, and where, is not
// documented.
std::optional<Rel> Translator::op_project_by_names(const Rel& in, const GenericOp* op,
                                                   const ScopePtr& scope) {
  auto reject = [&](Span at, const std::string& why) {
    fail(codes::kUnsupportedSyntax, "unsupported-construct", at, "project-by-names: " + why);
    return std::nullopt;
  };
  std::vector<std::pair<std::string, const Expr*>> patterns;  // pattern, its specifier
  for (const Expr* item : op->children) {
    const Expr* x = item;
    while (x->kind == NodeKind::Paren) x = static_cast<const Paren*>(x)->inner;
    const Literal* l = x->kind == NodeKind::Literal ? static_cast<const Literal*>(x) : nullptr;
    if (!l && x->kind == NodeKind::Name)
      if (const Binding* b = scope->find(static_cast<const Name*>(x)->name)) l = b->literal;
    if (l && l->literal_kind == LiteralKind::String) {
      patterns.push_back({l->value, item});
      continue;
    }
    std::optional<nlohmann::json> names;
    if (l && l->literal_kind == LiteralKind::Dynamic) names = parse_dynamic_literal(l->value);
    if (!l && x->kind == NodeKind::Call &&
        static_cast<const Call*>(x)->callee == "column_names_of") {
      auto* c = static_cast<const Call*>(x);
      if (c->args.size() != 1 || !is_tabular(c->args[0], scope))
        return reject(item->span, "column_names_of() needs one table");
      auto rel = tabular(c->args[0], scope);
      if (!rel) return std::nullopt;
      names = nlohmann::json::array();
      for (auto& rc : rel->cols) names->push_back(rc.name);
    }
    if (!names)
      return reject(item->span,
                    "the column names must be known when translating (string or dynamic array "
                    "literals, column_names_of())");
    if (!names->is_array()) return reject(item->span, "expected a dynamic array of names");
    for (auto& n : *names) {
      if (!n.is_string()) return reject(item->span, "a column name that is not a string");
      patterns.push_back({n.get<std::string>(), item});
    }
  }
  Rel r;
  r.ordered = in.ordered;
  r.serialized = in.serialized;
  for (auto& [pattern, at] : patterns)
    for (auto& c : in.cols) {
      if (c.name == "__ord" || !glob_match(pattern, c.name)) continue;
      if (r.find(c.name))
        return reject(at->span, "column '" + c.name +
                                    "' is selected twice; where it then appears is not "
                                    "documented");
      r.cols.push_back(c);
    }
  if (r.cols.empty()) return reject(op->keyword_span, "no column is selected");
  std::string a = alias();
  r.sql = "SELECT " + passthrough_list(r, a) + " FROM (" + in.sql + ") AS " + a;
  return r;
}

std::optional<Rel> Translator::op_project_rename(const Rel& in, const ListOp* op) {
  Rel r = in;
  std::string a = alias();
  std::map<std::string, std::string> renames;  // old -> new
  for (const Expr* item : op->items) {
    auto* as = item->kind == NodeKind::Assignment ? static_cast<const Assignment*>(item) : nullptr;
    if (!as || as->names.size() != 1 || !as->value || as->value->kind != NodeKind::Name) {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", item->span, "expected new = old");
      return std::nullopt;
    }
    std::string old = static_cast<const Name*>(as->value)->name;
    if (!in.find(old)) {
      fail(codes::kUnknownName, "unknown-name", as->value->span, "no column named '" + old + "'");
      return std::nullopt;
    }
    renames[old] = as->names[0]->name;
  }
  std::string list;
  for (auto& c : r.cols) {
    std::string src = c.name;
    if (auto it = renames.find(c.name); it != renames.end()) c.name = it->second;
    list += (list.empty() ? "" : ", ") + col(a, src) + " AS " + quote_ident(c.name);
  }
  if (in.ordered) list += ", " + col(a, "__ord") + " AS \"__ord\"";
  r.sql = "SELECT " + list + " FROM (" + in.sql + ") AS " + a;
  return r;
}

std::optional<Rel> Translator::op_project_reorder(const Rel& in, const ListOp* op) {
  Rel r;
  r.ordered = in.ordered;
  r.serialized = in.serialized;
  for (const Expr* item : op->items) {
    const Expr* e =
        item->kind == NodeKind::Ordered ? static_cast<const Ordered*>(item)->expr : item;
    if (item->kind == NodeKind::Ordered && static_cast<const Ordered*>(item)->ascending) {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", item->span,
           "project-reorder with asc/desc is not translated");
      return std::nullopt;
    }
    std::string pattern = e->kind == NodeKind::Name       ? static_cast<const Name*>(e)->name
                          : e->kind == NodeKind::Wildcard ? static_cast<const Wildcard*>(e)->pattern
                                                          : "";
    if (pattern.empty()) {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", item->span,
           "expected a column name");
      return std::nullopt;
    }
    for (auto& c : in.cols)
      if (glob_match(pattern, c.name) && !r.find(c.name)) r.cols.push_back(c);
  }
  for (auto& c : in.cols)
    if (!r.find(c.name)) r.cols.push_back(c);
  std::string a = alias();
  r.sql = "SELECT " + passthrough_list(r, a) + " FROM (" + in.sql + ") AS " + a;
  return r;
}

namespace {
// KQL's default result name of an aggregate: count_, sum_x, set_x, list_x, take_any(x) -> x,
// as the binder infers it (sema/result_names.cpp); the table below covers what it leaves open.
std::string aggregate_name(const Call* c) {
  auto names = sema::aggregate_names(*c);
  if (names.size() == 1 && !names[0].empty()) return names[0];
  std::string f = c->callee;
  std::string prefix = f;
  if (f == "make_set" || f == "make_set_if" || f == "makeset")
    prefix = "set";
  else if (f == "make_list" || f == "make_list_if" || f == "makelist")
    prefix = "list";
  else if (f == "take_any" || f == "any")
    prefix = "any";
  else if (f == "make_bag" || f == "make_bag_if")
    prefix = "bag";
  if ((f == "covariance" || f == "covariancep" || f == "covarianceif") && c->args.size() >= 2)
    return f + "_" + default_name(c->args[0]) + "_" + default_name(c->args[1]);
  if (f == "count" || f == "countif" || c->args.empty()) return prefix + "_";
  std::string arg = default_name(c->args[0]);
  return prefix + "_" + arg;
}
bool is_bin_like(const std::string& f) {
  return f == "bin" || f == "floor" || f == "bin_at" || f == "startofday" || f == "startofweek" ||
         f == "startofmonth" || f == "startofyear";
}
}  // namespace

std::optional<Rel> Translator::op_summarize(const Rel& in, const SummarizeOp* op,
                                            const ScopePtr& scope) {
  std::string a = alias();
  RowCtx row{&in.cols, a};
  if (in.ordered) row.order = col(a, "__ord");
  Rel r;
  std::string list, group;
  int column_n = 0;
  // arg_max / arg_min take whole rows: handled on their own.
  for (const Expr* item : op->aggregates) {
    const Expr* v =
        item->kind == NodeKind::Assignment ? static_cast<const Assignment*>(item)->value : item;
    if (v->kind == NodeKind::Call) {
      auto* c = static_cast<const Call*>(v);
      if (c->callee == "arg_max" || c->callee == "arg_min") {
        if (op->aggregates.size() != 1) return op_arg_extreme_with_others(in, op, item, scope);
        std::string name;
        if (item->kind == NodeKind::Assignment) {
          auto* as = static_cast<const Assignment*>(item);
          if (as->names.size() != 1) {
            fail(codes::kUnsupportedSyntax, "unsupported-construct", item->span,
                 "tuple assignment of arg_max/arg_min is not translated");
            return std::nullopt;
          }
          name = as->names[0]->name;
        }
        return op_arg_extreme(in, op, c, name, scope);
      }
    }
  }
  for (const Expr* item : op->by) {
    std::string name;
    const Expr* value = item;
    if (item->kind == NodeKind::Assignment) {
      auto* as = static_cast<const Assignment*>(item);
      if (as->names.size() != 1) {
        fail(codes::kUnsupportedSyntax, "unsupported-construct", item->span, "tuple assignment");
        return std::nullopt;
      }
      name = as->names[0]->name;
      value = as->value;
    }
    auto v = expr(value, row, scope);
    if (!v) return std::nullopt;
    if (name.empty()) name = default_name(value);
    if (name.empty() && value->kind == NodeKind::Call) {
      auto* c = static_cast<const Call*>(value);
      if (is_bin_like(c->callee) && !c->args.empty()) name = default_name(c->args[0]);
    }
    if (name.empty()) {
      do name = "Column" + std::to_string(++column_n);
      while (r.find(name));
    }
    name = unique_name(name, r.cols);
    r.cols.push_back({name, v->type});
    list += (list.empty() ? "" : ", ") + v->sql + " AS " + quote_ident(name);
    // A literal key (`by Exploitable = "Yes"`) is cast: GROUP BY 2 means the second column in
    // SQL, and PostgreSQL refuses a string constant there.
    const Expr* bare = value;
    while (bare->kind == NodeKind::Paren) bare = static_cast<const Paren*>(bare)->inner;
    bool literal = bare->kind == NodeKind::Literal ||
                   (bare->kind == NodeKind::Unary &&
                    static_cast<const Unary*>(bare)->operand->kind == NodeKind::Literal);
    group += (group.empty() ? "" : ", ") + (literal ? d_.cast(v->sql, v->type) : v->sql);
  }
  std::string outer;  // alias of the grouped SELECT once an expression wraps aggregates
  AggCapture capture;
  const std::vector<SqlColumn> keys = r.cols;  // the by-keys: all an expression may name
  std::vector<std::pair<std::string, std::string>> wrapped;  // name, sql over `outer`
  for (const Expr* item : op->aggregates) {
    std::string name;
    const Expr* value = item;
    if (item->kind == NodeKind::Assignment) {
      auto* as = static_cast<const Assignment*>(item);
      if (as->names.size() != 1) {
        fail(codes::kUnsupportedSyntax, "unsupported-construct", item->span, "tuple assignment");
        return std::nullopt;
      }
      name = as->names[0]->name;
      value = as->value;
    }
    if (value->kind != NodeKind::Call || !is_aggregate(static_cast<const Call*>(value)->callee)) {
      // x = f(agg(..), key, ..): the aggregates are hidden columns of the grouped SELECT and
      // the expression is computed over them and the by-keys in an outer SELECT.
      if (name.empty()) {
        fail(codes::kUnsupportedSyntax, "unsupported-construct", value->span,
             "an unnamed expression over aggregates is not translated (its column name)");
        return std::nullopt;
      }
      if (outer.empty()) {
        outer = alias();
        capture.row = &row;
        capture.alias = outer;
      }
      RowCtx outer_row{&keys, outer};
      size_t before = capture.hidden.size();
      AggCapture* saved = agg_capture;
      agg_capture = &capture;
      auto v = expr(value, outer_row, scope);
      agg_capture = saved;
      if (!v) return std::nullopt;
      if (capture.hidden.size() == before) {
        fail(codes::kUnsupportedSyntax, "unsupported-construct", value->span,
             "a summarize expression without an aggregate is not translated");
        return std::nullopt;
      }
      name = unique_name(name, r.cols);
      r.cols.push_back({name, v->type});
      wrapped.push_back({name, v->sql});
      continue;
    }
    auto* c = static_cast<const Call*>(value);
    auto v = aggregate(c, row, scope);
    if (!v) return std::nullopt;
    if (name.empty()) name = aggregate_name(c);
    name = unique_name(name, r.cols);
    r.cols.push_back({name, v->type});
    list += (list.empty() ? "" : ", ") + v->sql + " AS " + quote_ident(name);
  }
  if (!outer.empty()) {
    for (auto& [h, v] : capture.hidden)
      list += (list.empty() ? "" : ", ") + v.sql + " AS " + quote_ident(h);
    std::string outer_list;
    for (auto& c : r.cols) {
      std::string v = col(outer, c.name);
      for (auto& [n, sql] : wrapped)
        if (n == c.name) v = sql;
      outer_list += (outer_list.empty() ? "" : ", ") + v + " AS " + quote_ident(c.name);
    }
    r.sql = "SELECT " + outer_list + " FROM (SELECT " + list + " FROM (" + in.sql + ") AS " + a +
            (group.empty() ? "" : " GROUP BY " + group) + ") AS " + outer;
    return r;
  }
  r.sql = "SELECT " + list + " FROM (" + in.sql + ") AS " + a +
          (group.empty() ? "" : " GROUP BY " + group);
  return r;
}

std::optional<Rel> Translator::op_arg_extreme(const Rel& in, const SummarizeOp* op,
                                              const Call* call, const std::string& result_name,
                                              const ScopePtr& scope) {
  bool is_max = call->callee == "arg_max";
  if (call->args.size() < 2) {
    fail(codes::kUnsupportedSyntax, "unsupported-construct", call->span,
         call->callee + "() needs an expression and the columns to return");
    return std::nullopt;
  }
  std::string a = alias();
  RowCtx row{&in.cols, a};
  auto key = expr(call->args[0], row, scope);
  if (!key) return std::nullopt;
  if (key->type == KType::Dynamic || key->type == KType::Bool) {
    fail(codes::kUntypedExpression, "untranslatable-types", call->args[0]->span,
         call->callee + "() over dynamic or bool values is not translated");
    return std::nullopt;
  }
  Rel r;
  std::vector<std::pair<std::string, std::string>> outputs;  // sql (over the inner alias), name
  std::string inner_list = passthrough_list(Rel{"", in.cols, false}, a);
  std::string partition;
  int n = 0;
  for (const Expr* item : op->by) {
    std::string name;
    const Expr* value = item;
    if (item->kind == NodeKind::Assignment) {
      name = static_cast<const Assignment*>(item)->names[0]->name;
      value = static_cast<const Assignment*>(item)->value;
    }
    auto v = expr(value, row, scope);
    if (!v) return std::nullopt;
    if (name.empty()) name = default_name(value);
    if (name.empty() && value->kind == NodeKind::Call) {
      auto* c = static_cast<const Call*>(value);
      if (is_bin_like(c->callee) && !c->args.empty()) name = default_name(c->args[0]);
    }
    if (name.empty()) name = "Column" + std::to_string(n + 1);
    name = unique_name(name, r.cols);
    std::string hidden = "__k" + std::to_string(n++);
    inner_list += ", " + v->sql + " AS " + quote_ident(hidden);
    partition += (partition.empty() ? "" : ", ") + v->sql;
    r.cols.push_back({name, v->type});
    outputs.push_back({quote_ident(hidden), name});
  }
  std::string key_name = result_name;
  if (key_name.empty()) key_name = default_name(call->args[0]);
  if (key_name.empty()) key_name = std::string(is_max ? "max_" : "min_");
  key_name = unique_name(key_name, r.cols);
  inner_list += ", " + key->sql + " AS \"__key\"";
  r.cols.push_back({key_name, key->type});
  outputs.push_back({"\"__key\"", key_name});
  // The returned columns: `*` is every input column not already in the result - nor the
  // column the first argument names, which the key already is (Last = arg_max(t, *) has no t:
  // Kusto.Language's result type).
  const Expr* first = call->args[0];
  while (first->kind == NodeKind::Paren) first = static_cast<const Paren*>(first)->inner;
  std::string keyed = first->kind == NodeKind::Name ? static_cast<const Name*>(first)->name : "";
  for (size_t i = 1; i < call->args.size(); ++i) {
    const Expr* e = call->args[i];
    if (e->kind == NodeKind::Star) {
      for (auto& c : in.cols) {
        if (r.find(c.name) || c.name == keyed) continue;
        r.cols.push_back(c);
        outputs.push_back({quote_ident(c.name), c.name});
      }
      continue;
    }
    std::string name;
    const Expr* value = e;
    if (e->kind == NodeKind::Assignment) {
      name = static_cast<const Assignment*>(e)->names[0]->name;
      value = static_cast<const Assignment*>(e)->value;
    }
    auto v = expr(value, row, scope);
    if (!v) return std::nullopt;
    if (name.empty()) name = default_name(value);
    if (name.empty()) {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", e->span, "name this expression");
      return std::nullopt;
    }
    if (r.find(name)) continue;
    std::string hidden = "__v" + std::to_string(i);
    inner_list += ", " + v->sql + " AS " + quote_ident(hidden);
    r.cols.push_back({name, v->type});
    outputs.push_back({quote_ident(hidden), name});
  }
  // KQL keeps any one row with the extreme value; ties are broken here by the other columns
  // (ordinal), so both databases return the same row.
  std::string order = key->sql + (is_max ? " DESC" : " ASC");
  for (auto& c : in.cols)
    if (c.type != KType::Dynamic)
      order +=
          ", " + (is_string_like(c.type) ? d_.ordinal(col(a, c.name)) : col(a, c.name)) + " ASC";
  std::string b = alias();
  std::string list;
  for (auto& [sql, name] : outputs)
    list += (list.empty() ? "" : ", ") + b + "." + sql + " AS " + quote_ident(name);
  r.sql = "SELECT " + list + " FROM (SELECT " + inner_list + ", ROW_NUMBER() OVER (" +
          (partition.empty() ? "" : "PARTITION BY " + partition + " ") + "ORDER BY " + order +
          ") AS \"__rn\" FROM (" + in.sql + ") AS " + a + " WHERE " + key->sql +
          " IS NOT NULL) AS " + b + " WHERE " + b + ".\"__rn\" = 1";
  return r;
}

// summarize arg_max(k, ...), <other aggregates> by G: the other aggregates are one summarize,
// arg_max another, joined on the group keys (a group whose k is null everywhere keeps its
// aggregates, with nulls for arg_max's columns). Columns: the keys, then each aggregate's
// columns in the written order.
std::optional<Rel> Translator::op_arg_extreme_with_others(const Rel& in, const SummarizeOp* op,
                                                          const Expr* arg_item,
                                                          const ScopePtr& scope) {
  for (const Expr* item : op->aggregates) {
    const Expr* v =
        item->kind == NodeKind::Assignment ? static_cast<const Assignment*>(item)->value : item;
    auto* c = v->kind == NodeKind::Call ? static_cast<const Call*>(v) : nullptr;
    if (item != arg_item && c && (c->callee == "arg_max" || c->callee == "arg_min")) {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", c->span,
           "two arg_max/arg_min aggregates in one summarize are not translated");
      return std::nullopt;
    }
  }
  SummarizeOp arg_only = *op, others = *op;
  arg_only.aggregates = {const_cast<Expr*>(arg_item)};
  others.aggregates.clear();
  size_t arg_pos = 0;
  for (size_t i = 0; i < op->aggregates.size(); ++i) {
    if (op->aggregates[i] == arg_item)
      arg_pos = i;
    else
      others.aggregates.push_back(op->aggregates[i]);
  }
  auto s = op_summarize(in, &others, scope);
  if (!s) return std::nullopt;
  auto m = op_summarize(in, &arg_only, scope);
  if (!m) return std::nullopt;
  size_t keys = op->by.size();
  Rel r;
  std::string sa = alias(), ma = alias();
  std::string list, on;
  for (size_t k = 0; k < keys; ++k) {
    r.cols.push_back(s->cols[k]);
    list += (list.empty() ? "" : ", ") + col(sa, s->cols[k].name) + " AS " +
            quote_ident(s->cols[k].name);
    std::string x = col(sa, s->cols[k].name), y = col(ma, m->cols[k].name);
    on += (on.empty() ? "" : " AND ") +
          ("(" + x + " = " + y + " OR (" + x + " IS NULL AND " + y + " IS NULL))");
  }
  auto add = [&](const SqlColumn& c, const std::string& from) -> bool {
    if (r.find(c.name)) {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", op->span,
           "column '" + c.name + "' comes from both " + "arg_max/arg_min and another aggregate");
      return false;
    }
    r.cols.push_back(c);
    list += (list.empty() ? "" : ", ") + col(from, c.name) + " AS " + quote_ident(c.name);
    return true;
  };
  // Aggregates before arg_max, arg_max's columns, aggregates after it.
  for (size_t i = 0; i < arg_pos; ++i)
    if (!add(s->cols[keys + i], sa)) return std::nullopt;
  for (size_t i = keys; i < m->cols.size(); ++i)
    if (!add(m->cols[i], ma)) return std::nullopt;
  for (size_t i = keys + arg_pos; i < s->cols.size(); ++i)
    if (!add(s->cols[i], sa)) return std::nullopt;
  // A group where the first argument is null on every row has no arg_max row; what Kusto returns
  // for it beside the other aggregates is not documented, so the query fails there.
  std::string found = col(ma, m->cols[keys].name) + " IS NOT NULL";
  r.sql = "SELECT " + list + " FROM (" + s->sql + ") AS " + sa + " LEFT JOIN (" + m->sql + ") AS " +
          ma + (keys ? " ON " + on : " ON 1 = 1") + " WHERE " + found + " OR " +
          helper("kql_fail_bool") +
          "('a group has no row where the first argument of arg_max/arg_min is set: Kusto''s "
          "result for it beside other aggregates is not documented')";
  return r;
}

std::optional<Rel> Translator::op_distinct(const Rel& in, const ListOp* op, const ScopePtr& scope) {
  std::string a = alias();
  RowCtx row{&in.cols, a};
  Rel r;
  std::string list;
  if (op->items.size() == 1 && op->items[0]->kind == NodeKind::Star) {
    r.cols = in.cols;
    for (auto& c : in.cols)
      list += (list.empty() ? "" : ", ") + col(a, c.name) + " AS " + quote_ident(c.name);
  } else {
    int column_n = 0;
    for (const Expr* item : op->items) {
      std::string name;
      const Expr* value = item;
      if (item->kind == NodeKind::Assignment) {
        name = static_cast<const Assignment*>(item)->names[0]->name;
        value = static_cast<const Assignment*>(item)->value;
      }
      auto v = expr(value, row, scope);
      if (!v) return std::nullopt;
      if (name.empty()) name = default_name(value);
      if (name.empty()) name = "Column" + std::to_string(++column_n);
      name = unique_name(name, r.cols);
      r.cols.push_back({name, v->type});
      list += (list.empty() ? "" : ", ") + v->sql + " AS " + quote_ident(name);
    }
  }
  r.sql = "SELECT DISTINCT " + list + " FROM (" + in.sql + ") AS " + a;
  return r;
}

std::optional<Rel> Translator::op_count(const Rel& in, const CountOp* op) {
  std::string a = alias();
  std::string name = op->as_name.value_or("Count");
  Rel r;
  r.cols = {{name, KType::Long}};
  r.sql = "SELECT COUNT(*) AS " + quote_ident(name) + " FROM (" + in.sql + ") AS " + a;
  return r;
}

std::optional<Rel> Translator::op_take(const Rel& in, const TakeOp* op, const ScopePtr& scope) {
  if (op->op_kind != OperatorKind::Take) {
    fail(codes::kNondeterministic, "nondeterministic-result", op->keyword_span,
         std::string(operator_name(op->op_kind)) + " picks random rows");
    return std::nullopt;
  }
  auto n = expr(op->count, RowCtx{}, scope);
  if (!n) return std::nullopt;
  if (!is_integral(n->type)) {
    fail(codes::kUntypedExpression, "untranslatable-types", op->count->span, "take needs a long");
    return std::nullopt;
  }
  std::string a = alias();
  Rel r = in;
  r.sql = "SELECT " + passthrough_list(in, a) + " FROM (" + in.sql + ") AS " + a +
          (in.ordered ? " ORDER BY " + col(a, "__ord") : "") + " LIMIT " + n->sql;
  return r;
}

std::optional<std::string> Translator::order_key(const Ordered* o, bool default_asc,
                                                 const RowCtx& row, const ScopePtr& scope) {
  auto v = expr(o->expr, row, scope);
  if (!v) return std::nullopt;
  if (v->type == KType::Dynamic || v->type == KType::Unknown) {
    fail(codes::kUntypedExpression, "untranslatable-types", o->expr->span,
         "sorting by a dynamic value is not translated");
    return std::nullopt;
  }
  bool asc = o->ascending.value_or(default_asc);
  // KQL: nulls first when ascending, last when descending, unless stated.
  bool nulls_first = o->nulls_first.value_or(asc);
  std::string key = is_string_like(v->type) ? d_.ordinal(v->sql) : v->sql;
  return key + (asc ? " ASC" : " DESC") + (nulls_first ? " NULLS FIRST" : " NULLS LAST");
}

std::optional<Rel> Translator::op_sort(const Rel& in, const SortOp* op, const ScopePtr& scope) {
  std::string a = alias();
  RowCtx row{&in.cols, a};
  std::string keys;
  for (const Ordered* o : op->by) {
    auto k = order_key(o, false, row, scope);  // sort and top are descending by default
    if (!k) return std::nullopt;
    keys += (keys.empty() ? "" : ", ") + *k;
  }
  Rel r;
  r.cols = in.cols;
  r.ordered = true;
  r.serialized = true;
  std::string list;
  for (auto& c : in.cols)
    list += (list.empty() ? "" : ", ") + col(a, c.name) + " AS " + quote_ident(c.name);
  list += (list.empty() ? "" : ", ") + std::string("ROW_NUMBER() OVER (ORDER BY ") + keys +
          ") AS \"__ord\"";
  r.sql = "SELECT " + list + " FROM (" + in.sql + ") AS " + a;
  if (op->op_kind == OperatorKind::Top) {
    auto n = expr(op->count, RowCtx{}, scope);
    if (!n) return std::nullopt;
    if (!is_integral(n->type)) {
      fail(codes::kUntypedExpression, "untranslatable-types", op->count->span, "top needs a long");
      return std::nullopt;
    }
    std::string b = alias();
    r.sql = "SELECT " + passthrough_list(r, b) + " FROM (" + r.sql + ") AS " + b + " ORDER BY " +
            col(b, "__ord") + " LIMIT " + n->sql;
  }
  return r;
}

std::optional<Rel> Translator::op_join(const Rel& in, const JoinOp* op, const ScopePtr& scope) {
  bool lookup = op->op_kind == OperatorKind::Lookup;
  for (auto& p : op->params) {
    if (p.name == "kind" || p.name.starts_with("hint.")) continue;
    fail(codes::kUnsupportedSyntax, "unsupported-construct", p.name_span,
         "join parameter " + p.name + " is not translated");
    return std::nullopt;
  }
  std::string kind = param_value(op, "kind");
  if (kind.empty()) kind = lookup ? "leftouter" : "innerunique";
  static const char* kKinds[] = {"inner",     "innerunique",  "leftouter",     "rightouter",
                                 "fullouter", "leftsemi",     "leftanti",      "rightsemi",
                                 "rightanti", "leftantisemi", "rightantisemi", "anti",
                                 "semi"};
  if (std::none_of(std::begin(kKinds), std::end(kKinds), [&](auto* k) { return kind == k; }) ||
      (lookup && kind != "leftouter" && kind != "inner")) {
    fail(codes::kUnsupportedSyntax, "unsupported-construct", op->keyword_span,
         "join kind " + kind + " is not translated");
    return std::nullopt;
  }
  if (kind == "leftantisemi" || kind == "anti") kind = "leftanti";
  if (kind == "rightantisemi") kind = "rightanti";
  if (kind == "semi") kind = "leftsemi";
  auto right = tabular(op->right, scope);
  if (!right) return std::nullopt;
  std::string la = alias(), ra = alias();
  // Keys: `on x` (same name both sides) or `$left.x == $right.y`.
  std::vector<std::pair<const SqlColumn*, const SqlColumn*>> keys;
  auto side_member = [&](const Expr* e, bool& is_left) -> std::string {
    if (e->kind != NodeKind::Member) return "";
    auto* m = static_cast<const Member*>(e);
    if (m->object->kind != NodeKind::Name) return "";
    std::string who = static_cast<const Name*>(m->object)->name;
    if (who != "$left" && who != "$right") return "";
    is_left = who == "$left";
    return m->member;
  };
  for (const Expr* on : op->on) {
    std::string lname, rname;
    if (on->kind == NodeKind::Name) {
      lname = rname = static_cast<const Name*>(on)->name;
    } else if (on->kind == NodeKind::Binary && static_cast<const Binary*>(on)->op == BinaryOp::Eq) {
      auto* b = static_cast<const Binary*>(on);
      bool l1 = false, l2 = false;
      std::string n1 = side_member(b->left, l1), n2 = side_member(b->right, l2);
      if (!n1.empty() && !n2.empty() && l1 != l2) {
        lname = l1 ? n1 : n2;
        rname = l1 ? n2 : n1;
      }
    }
    if (lname.empty()) {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", on->span,
           "only `on Column` and `$left.a == $right.b` join conditions are translated");
      return std::nullopt;
    }
    auto* lc = in.find(lname);
    auto* rc = right->find(rname);
    if (!lc || !rc) {
      fail(codes::kUnknownName, "unknown-name", on->span,
           "join key '" + (lc ? rname : lname) + "' is not a column of the " +
               (lc ? "right" : "left") + " side");
      return std::nullopt;
    }
    if (!(lc->type == rc->type || (is_numeric(lc->type) && is_numeric(rc->type)) ||
          (is_string_like(lc->type) && is_string_like(rc->type))) ||
        lc->type == KType::Dynamic) {
      fail(codes::kUntypedExpression, "untranslatable-types", on->span,
           std::string("join keys of types ") + ktype_name(lc->type) + " and " +
               ktype_name(rc->type));
      return std::nullopt;
    }
    keys.push_back({lc, rc});
  }
  if (keys.empty()) {
    fail(codes::kUnsupportedSyntax, "unsupported-construct", op->span, "a join needs `on` keys");
    return std::nullopt;
  }
  std::string cond;
  for (auto& [lc, rc] : keys)
    cond += (cond.empty() ? "" : " AND ") + col(la, lc->name) + " = " + col(ra, rc->name);

  std::string left_sql = in.sql;
  if (kind == "innerunique") {
    // KQL keeps one arbitrary left row per key; we keep the row that sorts first by all its
    // columns (ordinal strings, JSON text), a documented and deterministic choice.
    std::string x = alias();
    std::string part, ord;
    for (auto& [lc, rc] : keys) part += (part.empty() ? "" : ", ") + col(x, lc->name);
    for (auto& c : in.cols) {
      std::string v =
          c.type == KType::Dynamic ? d_.cast(col(x, c.name), KType::String) : col(x, c.name);
      if (is_string_like(c.type) || c.type == KType::Dynamic) v = d_.ordinal(v);
      ord += (ord.empty() ? "" : ", ") + v + " ASC NULLS FIRST";
    }
    std::string y = alias();
    std::string inner = "SELECT " + passthrough_list(Rel{"", in.cols, false}, x) +
                        ", ROW_NUMBER() OVER (PARTITION BY " + part + " ORDER BY " + ord +
                        ") AS \"__rn\" FROM (" + in.sql + ") AS " + x;
    left_sql = "SELECT " + passthrough_list(Rel{"", in.cols, false}, y) + " FROM (" + inner +
               ") AS " + y + " WHERE " + y + ".\"__rn\" = 1";
    kind = "inner";
  }
  Rel r;
  auto emit_side = [&](const Rel& side, const std::string& a, bool nullable, bool skip_keys_right) {
    std::string s;
    for (auto& c : side.cols) {
      if (skip_keys_right &&
          std::any_of(keys.begin(), keys.end(), [&](auto& k) { return k.second->name == c.name; }))
        continue;
      // A clash takes the first free suffix, free on both sides: Kusto's joined names (a right
      // column T next to the right side's own T1 becomes T2, not T1 again then T11).
      std::string name = c.name;
      if (r.find(name)) {
        std::vector<SqlColumn> taken = r.cols;
        taken.insert(taken.end(), side.cols.begin(), side.cols.end());
        name = unique_name(c.name, taken);
      }
      if (lookup && name != c.name) {
        fail(codes::kUnsupportedSyntax, "unsupported-construct", op->span,
             "lookup with a non-key column '" + c.name + "' on both sides is not translated");
        return std::optional<std::string>();
      }
      std::string v = col(a, c.name);
      // An unmatched outer-join side gives nulls; KQL strings are empty instead.
      if (nullable && is_string_like(c.type)) v = "COALESCE(" + v + ", '')";
      r.cols.push_back({name, c.type});
      s += (s.empty() ? "" : ", ") + v + " AS " + quote_ident(name);
    }
    return std::optional<std::string>(s);
  };
  std::string from_l = "(" + left_sql + ") AS " + la, from_r = "(" + right->sql + ") AS " + ra;
  if (kind == "leftsemi" || kind == "leftanti" || kind == "rightsemi" || kind == "rightanti") {
    bool left_side = kind.starts_with("left");
    bool anti = kind.ends_with("anti");
    auto list = left_side ? emit_side(in, la, false, false) : emit_side(*right, ra, false, false);
    if (!list) return std::nullopt;
    r.sql = "SELECT " + *list + " FROM " + (left_side ? from_l : from_r) + " WHERE " +
            (anti ? "NOT " : "") + "EXISTS (SELECT 1 FROM " + (left_side ? from_r : from_l) +
            " WHERE " + cond + ")";
    return r;
  }
  bool left_nullable = kind == "rightouter" || kind == "fullouter";
  bool right_nullable = kind == "leftouter" || kind == "fullouter";
  auto llist = emit_side(in, la, left_nullable, false);
  if (!llist) return std::nullopt;
  auto rlist = emit_side(*right, ra, right_nullable, lookup);
  if (!rlist) return std::nullopt;
  const char* join = kind == "inner"        ? " JOIN "
                     : kind == "leftouter"  ? " LEFT JOIN "
                     : kind == "rightouter" ? " RIGHT JOIN "
                                            : " FULL JOIN ";
  std::string list = *llist;
  if (!rlist->empty()) list += (list.empty() ? "" : ", ") + *rlist;
  r.sql = "SELECT " + list + " FROM " + from_l + join + from_r + " ON " + cond;
  return r;
}

std::optional<Rel> Translator::op_union(const Rel* in, const UnionOp* op, const ScopePtr& scope) {
  std::string kind = param_value(op, "kind");
  std::string source_col;
  for (auto& p : op->params) {
    if (p.name == "kind") continue;
    if (p.name == "withsource") {
      source_col = p.value;
      continue;
    }
    // isfuzzy=true only drops legs whose table does not exist; a leg whose table the backend
    // does not know is rejected below (unknown-table) rather than dropped, so every translated
    // leg exists and fuzzy resolution changes nothing.
    if (p.name == "isfuzzy" && (p.value == "true" || p.value == "false")) continue;
    fail(codes::kUnsupportedSyntax, "unsupported-construct", p.name_span,
         "union parameter " + p.name + " is not translated");
    return std::nullopt;
  }
  std::vector<Rel> rels;
  std::vector<std::string> labels;
  if (in) {
    rels.push_back(*in);
    labels.push_back("");
  }
  for (const Expr* t : op->tables) {
    auto r = tabular(t, scope);
    if (!r) return std::nullopt;
    rels.push_back(*r);
    // withsource= names a leg by its table (or view) name, or by the name `| as N` gives it.
    const Expr* leg = t;
    while (leg->kind == NodeKind::Paren) leg = static_cast<const Paren*>(leg)->inner;
    std::string label = leg->kind == NodeKind::Name ? static_cast<const Name*>(leg)->name : "";
    if (leg->kind == NodeKind::Pipe &&
        static_cast<const Pipe*>(leg)->op->op_kind == OperatorKind::As)
      label = static_cast<const AsOp*>(static_cast<const Pipe*>(leg)->op)->name;
    labels.push_back(label);
  }
  if (!source_col.empty() &&
      std::any_of(labels.begin(), labels.end(), [](auto& l) { return l.empty(); })) {
    fail(codes::kUnsupportedSyntax, "unsupported-construct", op->span,
         "withsource= is translated only when every union leg is a named table or ends in "
         "`as Name`");
    return std::nullopt;
  }
  Rel out;
  if (!source_col.empty()) out.cols.push_back({source_col, KType::String});
  // A name the legs give several types becomes one column per type, named name_type (KQL's
  // outer union: x:long and x:int -> x_long, x_int; made unique against the legs' other names).
  std::map<std::string, std::set<KType>> types;
  for (auto& r : rels)
    for (auto& c : r.cols) types[c.name].insert(c.type);
  std::vector<SqlColumn> taken = out.cols;
  for (auto& [name, ts] : types)
    if (ts.size() == 1) taken.push_back({name, *ts.begin()});
  std::vector<SqlColumn> source;  // per output column: the legs' column it takes
  if (!source_col.empty()) source.push_back({"", KType::String});
  for (auto& r : rels) {
    for (auto& c : r.cols) {
      bool split = types[c.name].size() > 1;
      if (split && kind == "inner") {
        fail(codes::kUntypedExpression, "untranslatable-types", op->span,
             "union legs disagree on the type of column '" + c.name + "'");
        return std::nullopt;
      }
      bool have = std::any_of(source.begin(), source.end(),
                              [&](auto& sc) { return sc.name == c.name && sc.type == c.type; });
      if (have) continue;
      std::string name = c.name;
      if (split) {
        name = unique_name(c.name + "_" + ktype_name(c.type), taken);
        taken.push_back({name, c.type});
      } else if (out.find(name)) {
        fail(codes::kUnsupportedSyntax, "unsupported-construct", op->span,
             "column '" + name + "' of a union leg clashes with the withsource= column");
        return std::nullopt;
      }
      out.cols.push_back({name, c.type});
      source.push_back(c);
    }
  }
  if (kind == "inner") {
    std::vector<SqlColumn> common, common_source;
    for (size_t k = 0; k < out.cols.size(); ++k)
      if (out.cols[k].name == source_col || std::all_of(rels.begin(), rels.end(), [&](auto& r) {
            return r.find(out.cols[k].name) != nullptr;
          })) {
        common.push_back(out.cols[k]);
        common_source.push_back(source[k]);
      }
    out.cols = common;
    source = common_source;
  }
  std::string sql;
  for (size_t i = 0; i < rels.size(); ++i) {
    std::string a = alias();
    std::string list;
    for (size_t k = 0; k < out.cols.size(); ++k) {
      const SqlColumn& c = out.cols[k];
      const SqlColumn* from = source[k].name.empty() ? nullptr : rels[i].find(source[k].name);
      std::string v;
      if (!source_col.empty() && c.name == source_col && source[k].name.empty())
        v = lit(labels[i]);
      else if (from && from->type == source[k].type)
        v = col(a, from->name);
      else
        v = is_string_like(c.type) ? "''" : d_.typed_null(c.type);
      list += (list.empty() ? "" : ", ") + v + " AS " + quote_ident(c.name);
    }
    sql += (i ? " UNION ALL " : "") + std::string("SELECT ") + list + " FROM (" + rels[i].sql +
           ") AS " + a;
  }
  std::string a = alias();
  out.sql = "SELECT * FROM (" + sql + ") AS " + a;
  return out;
}

std::optional<Rel> Translator::op_mv_expand(const Rel& in, const MvExpandOp* op,
                                            const ScopePtr& scope) {
  std::string index_col;
  for (auto& p : op->params) {
    if (p.name == "with_itemindex") {
      index_col = p.value;
      continue;
    }
    if (p.name == "bagexpansion" && param_value(op, "bagexpansion") == "bag") continue;
    fail(codes::kUnsupportedSyntax, "unsupported-construct", p.name_span,
         "mv-expand parameter " + p.name + " is not translated");
    return std::nullopt;
  }
  std::string a = alias(), e = alias();
  RowCtx row{&in.cols, a};
  std::optional<SqlExpr> limit;
  if (op->limit) {
    limit = expr(op->limit, RowCtx{}, scope);
    if (!limit) return std::nullopt;
    if (!is_integral(limit->type)) {
      fail(codes::kUntypedExpression, "untranslatable-types", op->limit->span,
           "mv-expand limit needs a whole number");
      return std::nullopt;
    }
  }
  struct Expanded {
    std::string name;
    SqlExpr value;
  };
  std::vector<Expanded> items;
  std::vector<std::string> sources;  // the translated dynamic values, one per item
  for (const MvExpandItem& item : op->items) {
    std::string name;
    const Expr* value = item.expr;
    if (value->kind == NodeKind::Assignment) {
      name = static_cast<const Assignment*>(value)->names[0]->name;
      value = static_cast<const Assignment*>(value)->value;
    }
    auto v = expr(value, row, scope);
    if (!v) return std::nullopt;
    if (v->type != KType::Dynamic) {
      fail(codes::kUntypedExpression, "untranslatable-types", value->span,
           "mv-expand needs a dynamic value");
      return std::nullopt;
    }
    if (name.empty()) name = default_name(value);
    if (name.empty()) {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", value->span,
           "name the expanded expression");
      return std::nullopt;
    }
    if (std::any_of(items.begin(), items.end(), [&](auto& x) { return x.name == name; })) {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", value->span,
           "column '" + name + "' is expanded twice");
      return std::nullopt;
    }
    sources.push_back(v->sql);
    items.push_back({name, SqlExpr{"", KType::Dynamic}});
    if (item.to_type) {
      auto t = ktype_from_name(*item.to_type);
      if (!t) {
        fail(codes::kUnsupportedSyntax, "unsupported-construct", item.expr->span,
             "unknown type " + *item.to_type);
        return std::nullopt;
      }
      switch (*t) {
        case KType::String:
        case KType::Long:
        case KType::Int:
        case KType::Real:
        case KType::Bool:
        case KType::DateTime:
        case KType::TimeSpan:
        case KType::Dynamic:
          items.back().value.type = *t;
          break;
        default:
          fail(codes::kUnsupportedSyntax, "unsupported-construct", item.expr->span,
               "mv-expand to " + *item.to_type + " is not translated");
          return std::nullopt;
      }
    }
  }
  if (items.empty()) {
    fail(codes::kUnsupportedSyntax, "unsupported-construct", op->span, "nothing to expand");
    return std::nullopt;
  }
  // One column expands over its own values. Several expand side by side: row i takes the
  // i-th value of each (null where a column has fewer), as many rows as the longest has.
  std::string index = d_.expand_index(e), from;
  const bool pg = d_.kind() == DialectKind::Postgres;
  if (items.size() == 1) {
    from = d_.expand_from(sources[0], e);
  } else {
    std::string longest;
    for (auto& s : sources) {
      std::string len = std::string(pg ? "jsonb_array_length(" : "json_array_length(") +
                        helper("kql_mv_items") + "(" + s + "))";
      longest += (longest.empty() ? "" : ", ") + len;
    }
    longest = std::string(pg ? "GREATEST(" : "max(") + longest + ")";
    from = d_.expand_from(helper("kql_range") + "(0, " + longest + " - 1, 1)", e);
  }
  for (size_t i = 0; i < items.size(); ++i) {
    std::string raw = items.size() == 1 ? d_.expand_value(e)
                                        : helper("kql_dyn_at") + "(" + helper("kql_mv_items") +
                                              "(" + sources[i] + "), " + index + ")";
    const char* h = nullptr;
    switch (items[i].value.type) {
      case KType::String:
        h = "kql_dyn_tostring";
        break;
      case KType::Long:
      case KType::Int:
        h = "kql_dyn_tolong";
        break;
      case KType::Real:
        h = "kql_dyn_toreal";
        break;
      case KType::Bool:
        h = "kql_dyn_tobool";
        break;
      case KType::DateTime:
        h = "kql_dyn_todatetime";
        break;
      case KType::TimeSpan:
        h = "kql_dyn_totimespan";
        break;
      default:
        break;
    }
    items[i].value.sql = h ? helper(h) + "(" + raw + ")" : raw;
  }
  Rel r;
  std::string list;
  auto add = [&](const std::string& name, const SqlExpr& v) {
    r.cols.push_back({name, v.type});
    list += (list.empty() ? "" : ", ") + v.sql + " AS " + quote_ident(name);
  };
  for (auto& c : in.cols) {
    auto it = std::find_if(items.begin(), items.end(), [&](auto& x) { return x.name == c.name; });
    if (it != items.end())
      add(c.name, it->value);
    else
      add(c.name, SqlExpr{col(a, c.name), c.type});
  }
  for (auto& x : items)
    if (!in.find(x.name)) add(x.name, x.value);
  if (!index_col.empty()) add(index_col, SqlExpr{index, KType::Long});
  // The serialize operator's reference lists mv-expand among the operators whose output is
  // not serialized (row order kept in __ord all the same).
  r.serialized = false;
  if (in.ordered) {
    r.ordered = true;
    list += ", ROW_NUMBER() OVER (ORDER BY " + col(a, "__ord") + ", " + index + ") AS \"__ord\"";
  }
  r.sql = "SELECT " + list + " FROM (" + in.sql + ") AS " + a + " CROSS JOIN " + from;
  if (limit) r.sql += " WHERE " + index + " < " + limit->sql;
  return r;
}

std::optional<Rel> Translator::op_print(const ListOp* op, const ScopePtr& scope) {
  Rel r;
  std::string list;
  for (size_t i = 0; i < op->items.size(); ++i) {
    const Expr* item = op->items[i];
    std::string name;
    const Expr* value = item;
    if (item->kind == NodeKind::Assignment) {
      name = static_cast<const Assignment*>(item)->names[0]->name;
      value = static_cast<const Assignment*>(item)->value;
    }
    if (name.empty() && value->kind == NodeKind::Call) {
      // print array_sort_asc(a, b): one column per sorted array, named a_sorted, b_sorted.
      auto* c = static_cast<const Call*>(value);
      if ((c->callee == "array_sort_asc" || c->callee == "array_sort_desc") && c->args.size() > 1) {
        auto last = expr(c->args.back(), RowCtx{}, scope);
        if (!last) return std::nullopt;
        size_t arrays = c->args.size() - (last->type == KType::Bool ? 1 : 0);
        if (arrays > 1) {
          const Call* saved = indexed_call;
          indexed_call = c;
          auto all = expr(value, RowCtx{}, scope);
          indexed_call = saved;
          if (!all) return std::nullopt;
          for (size_t k = 0; k < arrays; ++k) {
            if (c->args[k]->kind != NodeKind::Name) {
              fail(codes::kUnsupportedSyntax, "unsupported-construct", c->args[k]->span,
                   "the columns of " + c->callee +
                       "() of several arrays are named after them; only names are translated");
              return std::nullopt;
            }
            std::string cn =
                unique_name(static_cast<const Name*>(c->args[k])->name + "_sorted", r.cols);
            r.cols.push_back({cn, KType::Dynamic});
            list += (list.empty() ? "" : ", ") + helper("kql_dyn_at") + "(" + all->sql + ", " +
                    std::to_string(k) + ") AS " + quote_ident(cn);
          }
          continue;
        }
      }
    }
    auto v = expr(value, RowCtx{}, scope);
    if (!v) return std::nullopt;
    if (v->type == KType::Unknown) {
      fail(codes::kUntypedExpression, "untranslatable-types", value->span, "untyped null");
      return std::nullopt;
    }
    if (name.empty()) name = "print_" + std::to_string(i);
    name = unique_name(name, r.cols);
    r.cols.push_back({name, v->type});
    list += (list.empty() ? "" : ", ") + v->sql + " AS " + quote_ident(name);
  }
  r.sql = "SELECT " + list;
  return r;
}

std::optional<Rel> Translator::op_range(const RangeOp* op, const ScopePtr& scope) {
  auto from = expr(op->from, RowCtx{}, scope);
  auto to = from ? expr(op->to, RowCtx{}, scope) : std::nullopt;
  auto step = to ? expr(op->step, RowCtx{}, scope) : std::nullopt;
  if (!step) return std::nullopt;
  bool ok = (is_numeric(from->type) && is_numeric(to->type) && is_numeric(step->type)) ||
            (from->type == KType::DateTime && to->type == KType::DateTime &&
             step->type == KType::TimeSpan) ||
            (from->type == KType::TimeSpan && to->type == KType::TimeSpan &&
             step->type == KType::TimeSpan);
  if (!ok) {
    fail(codes::kUntypedExpression, "untranslatable-types", op->span,
         "range bounds and step do not fit together");
    return std::nullopt;
  }
  KType t = from->type;
  if (is_numeric(t))
    t = (from->type == KType::Real || to->type == KType::Real || step->type == KType::Real)
            ? KType::Real
            : KType::Long;
  // The start is cast to the column's type: PostgreSQL would type a literal 0 as int4 and the
  // whole recursive column with it (k * 3712345 would then overflow at 2^31).
  std::string f = d_.cast(from->sql, t);
  std::string x = "\"__x\"", n = "\"__n\"";
  std::string cont = "((" + step->sql + ") > 0 AND " + x + " + (" + step->sql + ") <= " + to->sql +
                     ") OR ((" + step->sql + ") < 0 AND " + x + " + (" + step->sql +
                     ") >= " + to->sql + ")";
  std::string start = "((" + step->sql + ") > 0 AND " + from->sql + " <= " + to->sql + ") OR ((" +
                      step->sql + ") < 0 AND " + from->sql + " >= " + to->sql + ")";
  std::string cte = alias();
  Rel r;
  r.cols = {{op->column, t}};
  r.ordered = true;
  r.serialized = true;
  r.sql = "SELECT * FROM (WITH RECURSIVE " + cte + "(" + x + ", " + n + ") AS (SELECT " + f +
          ", 1 WHERE " + start + " UNION ALL SELECT " + x + " + (" + step->sql + "), " + n +
          " + 1 FROM " + cte + " WHERE " + cont + ") SELECT " + x + " AS " +
          quote_ident(op->column) + ", " + n + " AS \"__ord\" FROM " + cte + ") AS " + alias();
  return r;
}

std::optional<Rel> Translator::op_datatable(const DataTableOp* op, const ScopePtr& scope) {
  Rel r;
  for (auto& c : op->columns) {
    auto t = ktype_from_name(c.type);
    if (!t || *t == KType::Decimal) {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", c.type_span,
           "column type " + c.type);
      return std::nullopt;
    }
    r.cols.push_back({c.name, *t});
  }
  size_t ncols = r.cols.size();
  if (ncols == 0 || op->values.size() % ncols != 0) {
    fail(codes::kUnsupportedSyntax, "unsupported-construct", op->span,
         "datatable values do not fill whole rows");
    return std::nullopt;
  }
  bool pg = d_.kind() == DialectKind::Postgres;
  std::string sql;
  size_t nrows = op->values.size() / ncols;
  for (size_t row = 0; row < nrows; ++row) {
    std::string list;
    for (size_t i = 0; i < ncols; ++i) {
      const Expr* e = op->values[row * ncols + i];
      auto v = expr(e, RowCtx{}, scope);
      if (!v) return std::nullopt;
      KType want = r.cols[i].type;
      std::string s = v->sql;
      if (v->type == KType::Unknown ||
          (e->kind == NodeKind::Literal &&
           static_cast<const Literal*>(e)->literal_kind == LiteralKind::TypedNull)) {
        s = want == KType::String ? "''" : d_.typed_null(want);
      } else if (v->type == want || (want == KType::Long && v->type == KType::Int) ||
                 (want == KType::Int && v->type == KType::Long) ||
                 (want == KType::Guid && v->type == KType::String)) {
      } else if (want == KType::Real && is_numeric(v->type)) {
        s = d_.cast(s, KType::Real);
      } else if (want == KType::Dynamic) {
        s = d_.to_dynamic(s, v->type);
      } else {
        fail(codes::kUntypedExpression, "untranslatable-types", e->span,
             std::string("a ") + ktype_name(v->type) + " value in the " + ktype_name(want) +
                 " column '" + r.cols[i].name + "'");
        return std::nullopt;
      }
      if (pg) s = d_.cast(s, want);
      list += (list.empty() ? "" : ", ") + s + " AS " + quote_ident(r.cols[i].name);
    }
    sql += (row ? " UNION ALL " : "") + std::string("SELECT ") + list + ", " +
           std::to_string(row + 1) + " AS \"__ord\"";
  }
  if (nrows == 0) {
    std::string list;
    for (auto& c : r.cols)
      list += (list.empty() ? "" : ", ") + d_.typed_null(c.type) + " AS " + quote_ident(c.name);
    sql = "SELECT " + list + ", 0 AS \"__ord\" WHERE 1 = 0";
  }
  r.ordered = true;
  r.sql = "SELECT * FROM (" + sql + ") AS " + alias();
  return r;
}

}  // namespace kql::sql
