// Statements, scopes, tabular sources (tables, let names, materialize, user functions).
#include <algorithm>

#include "sema/binder.h"
#include "sema/binder_impl.h"

namespace kql::sema {

using namespace kql::ast;

SemanticModel bind(const SyntaxTree& tree, const schema::Schema& schema) {
  SemanticModel model(schema);
  Binder b(schema, model);
  b.bind_tree(tree);
  return model;
}

Binder::Binder(const schema::Schema& schema, SemanticModel& model)
    : schema_(schema), model_(model), sentinel_(schema.profile() == schema::Profile::Sentinel) {}

void Binder::bind_tree(const SyntaxTree& tree) {
  for (const Statement* s : tree.statements) {
    if (!s) continue;
    if (s->kind == NodeKind::LetStatement) {
      bind_let(*static_cast<const LetStatement*>(s));
    } else if (s->kind == NodeKind::QueryStatement) {
      auto* q = static_cast<const QueryStatement*>(s);
      if (!q->expr) continue;
      Tabular t = bind_tabular(q->expr);
      model_.set_result(t.rows);
    } else if (s->kind == NodeKind::DeclareStatement) {
      for (auto& p : static_cast<const DeclareStatement*>(s)->params) {
        Binding b;
        b.name = p.name;
        if (p.tabular) {
          b.symbol.kind = Symbol::Kind::TabularLet;
          b.tab = {open_rows(), -1};
        } else {
          b.symbol.kind = Symbol::Kind::ScalarLet;
          b.type = schema::parse_type(p.type).value_or(Type::Unknown);
        }
        b.symbol.declaration = s;
        scope_.push_back(b);
      }
    }
  }
}

const Binder::Binding* Binder::lookup(std::string_view name) const {
  for (auto it = scope_.rbegin(); it != scope_.rend(); ++it)
    if (it->name == name) return &*it;
  return nullptr;
}

void Binder::problem(ResolutionProblem p) {
  if (quiet_) return;
  model_.mutable_problems().push_back(std::move(p));
}

const RowSchema* Binder::open_rows() {
  if (!open_) {
    RowSchema r;
    r.open = true;
    open_ = model_.add_rows(std::move(r));
  }
  return open_;
}

const RowSchema* Binder::table_rows(const schema::Table& t) {
  for (auto& [table, rows] : table_cache_)
    if (table == &t) return rows;
  RowSchema r;
  r.table = &t;
  r.columns.reserve(t.columns.size());
  for (auto& c : t.columns) {
    Column col{c.name, c.type, &t, AfRole::None, {}};
    if (c.name == "AdditionalFields") col.af_role = AfRole::Raw;
    r.columns.push_back(col);
  }
  auto* out = model_.add_rows(std::move(r));
  table_cache_.push_back({&t, out});
  return out;
}

int Binder::new_stage(const Expr* expr, const ast::Operator* op, Tabular in,
                      const schema::Table* table) {
  if (quiet_) return in.stage;
  Stage s;
  s.expr = expr;
  s.op = op;
  s.input = in.stage;
  s.table = table;
  if (const Stage* prev = model_.stage(in.stage); prev && prev->table == table)
    s.action_types = prev->action_types;
  return model_.add_stage(std::move(s));
}

void Binder::report_unknown_table(std::string_view name, Span span) {
  if (lenient_ && !fuzzy_union_) return;
  ResolutionProblem p{ProblemKind::UnknownTable, span, std::string(name)};
  p.in_fuzzy_union = fuzzy_union_ > 0;  // Kusto skips it: the rule reports it as a warning
  std::vector<std::string> candidates = schema_.table_names();
  for (auto& b : scope_)
    if (b.symbol.kind == Symbol::Kind::TabularLet || b.symbol.kind == Symbol::Kind::UserFunction)
      candidates.emplace_back(b.name);
  p.suggestions = schema::did_you_mean(name, candidates);
  p.context = "tables";
  problem(std::move(p));
}

void Binder::bind_let(const LetStatement& let) {
  Binding b;
  b.name = let.name;
  b.symbol.declaration = &let;
  const Expr* v = peel(let.value);
  if (v && v->kind == NodeKind::FunctionDecl) {
    auto* fn = static_cast<const FunctionDecl*>(v);
    b.symbol.kind = Symbol::Kind::UserFunction;
    b.fn = fn;
    // Bind the body once with the declared parameters, recording its facts and problems;
    // call sites re-bind it quietly with their arguments to get the result schema.
    size_t mark = scope_.size();
    for (auto& p : fn->params) {
      Binding pb;
      pb.name = p.name;
      pb.symbol.kind = Symbol::Kind::Parameter;
      if (p.tabular) {
        RowSchema r;
        r.open = p.columns.empty();
        for (auto& c : p.columns)
          r.columns.push_back({c.name, schema::parse_type(c.type).value_or(Type::Unknown)});
        if (!p.columns.empty()) r.open = true;  // a declared schema is a minimum
        pb.tab = {model_.add_rows(std::move(r)), -1};
        pb.symbol.kind = Symbol::Kind::TabularLet;
      } else {
        pb.type = schema::parse_type(p.type).value_or(Type::Unknown);
        pb.symbol.kind = Symbol::Kind::Parameter;
      }
      if (p.default_value) bind_scalar(p.default_value, {});
      scope_.push_back(pb);
    }
    for (const Statement* s : fn->body)
      if (s && s->kind == NodeKind::LetStatement) bind_let(*static_cast<const LetStatement*>(s));
    if (fn->result) bind_tabular(fn->result);
    scope_.resize(mark);
    scope_.push_back(b);
    return;
  }
  if (!v) {
    b.symbol.kind = Symbol::Kind::ScalarLet;
    scope_.push_back(b);
    return;
  }
  // Tabular or scalar? Bind as tabular when the expression is a pipeline, a table name, a
  // source operator or materialize()/a tabular function; otherwise as a scalar.
  Tabular t = bind_tabular(let.value);
  if (t.rows) {
    b.symbol.kind = Symbol::Kind::TabularLet;
    b.tab = t;
  } else {
    b.symbol.kind = Symbol::Kind::ScalarLet;
    b.type = model_.type_of(let.value);
    b.value = v;
  }
  scope_.push_back(b);
}

// Returns rows == nullptr when `e` turns out to be scalar (it is then bound as one).
Tabular Binder::bind_tabular(const Expr* e, Tabular implicit) {
  if (!e) return {implicit.rows ? implicit.rows : open_rows(), implicit.stage};
  Tabular out;
  switch (e->kind) {
    case NodeKind::Paren:
      out = bind_tabular(static_cast<const Paren*>(e)->inner, implicit);
      break;
    case NodeKind::Name:
      out = bind_source_name(*static_cast<const Name*>(e));
      if (!out.rows) return out;
      break;
    case NodeKind::Call: {
      auto* c = static_cast<const Call*>(e);
      if (const Binding* b = lookup(c->callee);
          b && b->symbol.kind == Symbol::Kind::UserFunction && b->fn) {
        if (!quiet_) model_.set_symbol(c, b->symbol);
        out = call_user_function(*c, *b->fn, {});
        if (!out.rows) return out;  // a scalar function
        break;
      }
      out = bind_tabular_call(*c, {});
      if (!out.rows) {
        bind_scalar(e, {});
        return {};
      }
      break;
    }
    case NodeKind::Pipe: {
      auto* p = static_cast<const Pipe*>(e);
      Tabular in = p->input ? bind_tabular(p->input, implicit) : implicit;
      if (!in.rows) in.rows = open_rows();
      out = bind_operator(p->op, in, e);
      break;
    }
    case NodeKind::OperatorExpr:
      out = bind_operator(static_cast<const OperatorExpr*>(e)->op, implicit, e);
      break;
    default:
      last_scalar_type_ = bind_scalar(e, {});
      return {};
  }
  if (!out.rows) out.rows = open_rows();
  if (!quiet_) model_.set_rows(e, out.rows);
  return out;
}

Tabular Binder::bind_source_name(const Name& n) {
  if (const Binding* b = lookup(n.name)) {
    if (b->symbol.kind == Symbol::Kind::TabularLet) {
      if (!quiet_) model_.set_symbol(&n, b->symbol);
      Tabular t = b->tab;
      // A reference starts a new stage that inherits the let's facts.
      t.stage = new_stage(&n, nullptr, b->tab, t.rows ? t.rows->table : nullptr);
      return t;
    }
    if (b->symbol.kind == Symbol::Kind::UserFunction && b->fn && b->fn->params.empty()) {
      Call fake;  // `base` without parentheses calls a parameterless function
      fake.span = n.span;
      return call_user_function(fake, *b->fn, {});
    }
    // a scalar let: not tabular
    bind_scalar(&n, {});
    return {};
  }
  if (const schema::Table* t = schema_.find_table(n.name)) {
    if (!quiet_) model_.set_symbol(&n, {Symbol::Kind::Table, t});
    Tabular out{table_rows(*t), -1};
    out.stage = new_stage(&n, nullptr, {}, t);
    return out;
  }
  report_unknown_table(n.name, n.span);
  Tabular out{open_rows(), -1};
  out.stage = new_stage(&n, nullptr, {}, nullptr);
  return out;
}

Tabular Binder::bind_tabular_call(const Call& c, const RowContext& ctx) {
  const std::string& f = c.callee;
  if (const Binding* b = lookup(f)) {
    if (b->symbol.kind == Symbol::Kind::UserFunction && b->fn) {
      if (!quiet_) model_.set_symbol(&c, b->symbol);
      return call_user_function(c, *b->fn, ctx);
    }
  }
  if (f == "materialize" || f == "view") {
    if (!c.args.empty()) return bind_tabular(c.args[0]);
    return {open_rows(), -1};
  }
  if (f == "table" && !c.args.empty()) {
    const Expr* a = peel(c.args[0]);
    if (a && a->kind == NodeKind::Literal) {
      auto* l = static_cast<const Literal*>(a);
      if (const Binding* b = lookup(l->value); b && b->symbol.kind == Symbol::Kind::TabularLet)
        return b->tab;
      if (const schema::Table* t = schema_.find_table(l->value)) {
        Tabular out{table_rows(*t), -1};
        out.stage = new_stage(&c, nullptr, {}, t);
        return out;
      }
      report_unknown_table(l->value, a->span);
    }
    return {open_rows(), -1};
  }
  if (auto* fn = schema_.functions().find(f);
      fn && fn->result.kind == schema::ResultSpec::Kind::Tabular) {
    for (auto* a : c.args) bind_scalar(a, ctx);
    return {open_rows(), -1};
  }
  if (schema_.find_user_function(f)) return {open_rows(), -1};
  // Not tabular: the caller binds it as a scalar.
  return {};
}

Tabular Binder::call_user_function(const Call& c, const FunctionDecl& fn, const RowContext& ctx) {
  size_t n = c.args.size();
  size_t required = 0;
  for (auto& p : fn.params)
    if (!p.default_value) ++required;
  if (n < required || n > fn.params.size()) {
    ResolutionProblem p{ProblemKind::WrongArgumentCount,
                        c.callee_span.empty() ? c.span : c.callee_span, c.callee};
    p.min_args = static_cast<int>(required);
    p.max_args = static_cast<int>(fn.params.size());
    p.actual_args = static_cast<int>(n);
    p.context = "user function";
    problem(std::move(p));
  }
  // Bind the arguments in the caller's scope, then the body quietly with them.
  std::vector<Binding> params;
  for (size_t i = 0; i < fn.params.size(); ++i) {
    auto& decl = fn.params[i];
    Binding pb;
    pb.name = decl.name;
    const Expr* arg = i < n ? c.args[i] : nullptr;
    if (arg && arg->kind == NodeKind::NamedArgument)
      arg = static_cast<const NamedArgument*>(arg)->value;
    if (decl.tabular) {
      pb.symbol.kind = Symbol::Kind::TabularLet;
      Tabular t = arg ? bind_tabular(arg) : Tabular{};
      pb.tab = t.rows ? t : Tabular{open_rows(), -1};
    } else {
      pb.symbol.kind = Symbol::Kind::Parameter;
      pb.type = schema::parse_type(decl.type).value_or(Type::Unknown);
      if (arg) bind_scalar(arg, ctx);
    }
    params.push_back(pb);
  }
  if (call_depth_ > 8 || !fn.result) return {open_rows(), -1};  // recursion guard
  ++call_depth_;
  ++quiet_;
  size_t mark = scope_.size();
  for (auto& p : params) scope_.push_back(p);
  for (const Statement* s : fn.body)
    if (s && s->kind == NodeKind::LetStatement) bind_let(*static_cast<const LetStatement*>(s));
  Tabular out = bind_tabular(fn.result);
  if (!out.rows) out.rows = nullptr;  // scalar function
  scope_.resize(mark);
  --quiet_;
  --call_depth_;
  if (out.rows) {
    Tabular in{};
    out.stage = new_stage(&c, nullptr, in, out.rows->table);
  }
  return out;
}

std::string_view Binder::unique_name(const RowSchema& rows, std::string_view wanted) {
  if (!rows.find(wanted)) return wanted;
  for (int i = 1;; ++i) {
    std::string candidate = std::string(wanted) + std::to_string(i);
    if (!rows.find(candidate)) return model_.intern(std::move(candidate));
  }
}

std::string_view Binder::column_n(const RowSchema& rows) {
  for (int i = 1;; ++i) {
    std::string candidate = "Column" + std::to_string(i);
    if (!rows.find(candidate)) return model_.intern(std::move(candidate));
  }
}

}  // namespace kql::sema
