// Entry point of the SQL backend: statements, let bindings, user functions, and the final
// script (header comment, dialect prelude, query).
#include "backend/sql/generator.h"

#include <algorithm>
#include <map>

#include "backend/sql/hoist_subqueries.h"
#include "backend/sql/translator.h"

namespace kql::sql {

using namespace ast;

namespace {
constexpr int kMaxFunctionDepth = 32;
}

ScopePtr Translator::bind_lets(const std::vector<Statement*>& stmts, ScopePtr scope) {
  for (const Statement* s : stmts) {
    if (!s || s->kind != NodeKind::LetStatement) continue;
    auto* let = static_cast<const LetStatement*>(s);
    auto child = std::make_shared<Scope>();
    child->parent = scope;
    Binding b;
    if (let->value && let->value->kind == NodeKind::FunctionDecl) {
      b.kind = Binding::Kind::Function;
      b.fn = static_cast<const FunctionDecl*>(let->value);
      // The defining scope without the function itself: KQL functions cannot recurse, and a
      // binding that owned its own scope would be a reference cycle (a leak).
      b.scope = scope;
    } else if (let->value && is_tabular(let->value, scope)) {
      b.kind = Binding::Kind::Tabular;
      b.expr = let->value;
      b.scope = scope;
    } else {
      auto v = expr(let->value, RowCtx{}, scope);
      if (!v) return nullptr;
      b.kind = Binding::Kind::Scalar;
      b.scalar = *v;
      const Expr* e = let->value;
      while (e && e->kind == NodeKind::Paren) e = static_cast<const Paren*>(e)->inner;
      if (e && e->kind == NodeKind::Literal) b.literal = static_cast<const Literal*>(e);
    }
    child->names[let->name] = b;
    scope = child;
  }
  return scope;
}

namespace {
// Binds a user function's parameters; `args` are the call's arguments after any piped input.
struct ParamBinder {
  Translator& t;
  const FunctionDecl* fn;
  const Call* call;
  const RowCtx& row;
  const ScopePtr& caller;
  const Rel* piped;

  ScopePtr bind(const ScopePtr& def_scope) {
    auto scope = std::make_shared<Scope>();
    scope->parent = def_scope;
    // Arguments by position, and `name = value` arguments by parameter name (f(c=7, a=12)).
    std::vector<const Expr*> positional;
    std::map<std::string, const NamedArgument*> named;
    for (const Expr* a : call->args) {
      if (a->kind != NodeKind::NamedArgument) {
        positional.push_back(a);
        continue;
      }
      auto* na = static_cast<const NamedArgument*>(a);
      bool known = std::any_of(fn->params.begin(), fn->params.end(),
                               [&](auto& p) { return p.name == na->name && !p.tabular; });
      if (!known || !named.emplace(na->name, na).second) {
        t.fail(codes::kUnsupportedSyntax, "unsupported-construct", a->span,
               call->callee + "() has no (other) parameter named '" + na->name + "'");
        return nullptr;
      }
    }
    size_t argi = 0;
    for (size_t i = 0; i < fn->params.size(); ++i) {
      const ColumnDecl& p = fn->params[i];
      Binding b;
      if (p.tabular) {
        b.kind = Binding::Kind::Tabular;
        if (i == 0 && piped) {
          b.rel = *piped;
        } else {
          if (argi >= positional.size()) {
            t.fail(codes::kUnsupportedSyntax, "unsupported-construct", call->span,
                   "missing tabular argument '" + p.name + "'");
            return nullptr;
          }
          auto r = t.tabular(positional[argi++], caller);
          if (!r) return nullptr;
          b.rel = *r;
        }
        if (!p.columns.empty()) {
          for (auto& c : p.columns)
            if (!b.rel->find(c.name)) {
              t.fail(codes::kUnknownName, "unknown-name", call->span,
                     "the table passed as '" + p.name + "' has no column '" + c.name + "'");
              return nullptr;
            }
        }
      } else {
        auto it = named.find(p.name);
        const Expr* a = it != named.end()          ? it->second->value
                        : argi < positional.size() ? positional[argi++]
                                                   : p.default_value;
        if (!a) {
          t.fail(codes::kUnsupportedSyntax, "unsupported-construct", call->span,
                 "missing argument '" + p.name + "'");
          return nullptr;
        }
        auto v = t.expr(a, row, caller);
        if (!v) return nullptr;
        auto want = ktype_from_name(p.type);
        if (want && *want != v->type && v->type != KType::Unknown &&
            !(is_numeric(*want) && is_numeric(v->type))) {
          t.fail(codes::kUntypedExpression, "untranslatable-types", a->span,
                 "argument '" + p.name + "' is declared " + p.type + " but given " +
                     ktype_name(v->type));
          return nullptr;
        }
        b.kind = Binding::Kind::Scalar;
        b.scalar = *v;
        if (a->kind == NodeKind::Literal) b.literal = static_cast<const Literal*>(a);
        if (a->kind == NodeKind::Name) {
          // A parameter passed on (f(name) inside g(name)) keeps its literal, unless the name
          // is one of the row's columns.
          const std::string& n = static_cast<const Name*>(a)->name;
          bool is_column = row.cols && std::any_of(row.cols->begin(), row.cols->end(),
                                                   [&](auto& rc) { return rc.name == n; });
          if (auto* ab = caller->find(n); ab && !is_column && ab->kind == Binding::Kind::Scalar)
            b.literal = ab->literal;
        }
      }
      scope->names[p.name] = b;
    }
    if (argi < positional.size()) {
      t.fail(codes::kUnsupportedSyntax, "unsupported-construct", positional[argi]->span,
             "too many arguments for " + call->callee + "()");
      return nullptr;
    }
    return scope;
  }
};
}  // namespace

std::optional<Rel> Translator::call_tabular_function(const Binding& b, const Call* c,
                                                     const RowCtx& row, const ScopePtr& scope,
                                                     const Rel* piped) {
  if (++depth_ > kMaxFunctionDepth) {
    --depth_;
    fail(codes::kUnsupportedSyntax, "unsupported-construct", c->span,
         "functions nest too deeply (recursion?)");
    return std::nullopt;
  }
  ParamBinder pb{*this, b.fn, c, row, scope, piped};
  auto fscope = pb.bind(b.scope);
  std::optional<Rel> r;
  if (fscope) fscope = bind_lets(b.fn->body, fscope);
  if (fscope && b.fn->result) r = tabular(b.fn->result, fscope);
  --depth_;
  return r;
}

std::optional<SqlExpr> Translator::call_scalar_function(const Binding& b, const Call* c,
                                                        const RowCtx& row, const ScopePtr& scope) {
  if (++depth_ > kMaxFunctionDepth) {
    --depth_;
    fail(codes::kUnsupportedSyntax, "unsupported-construct", c->span,
         "functions nest too deeply (recursion?)");
    return std::nullopt;
  }
  ParamBinder pb{*this, b.fn, c, row, scope, nullptr};
  auto fscope = pb.bind(b.scope);
  std::optional<SqlExpr> r;
  if (fscope) fscope = bind_lets(b.fn->body, fscope);
  if (fscope && b.fn->result) {
    if (is_tabular(b.fn->result, fscope)) {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", c->span,
           c->callee + "() returns a table; it cannot be used as a value");
    } else {
      // The body sees its parameters and lets, not the caller's columns.
      auto v = expr(b.fn->result, RowCtx{}, fscope);
      if (v) r = SqlExpr{"(" + v->sql + ")", v->type};
    }
  }
  --depth_;
  return r;
}

Translation Translator::run(const SyntaxTree& tree) {
  Translation out;
  auto scope = std::make_shared<Scope>();
  const Expr* query = nullptr;
  ScopePtr query_scope;
  for (const Statement* s : tree.statements) {
    if (!s) continue;
    switch (s->kind) {
      case NodeKind::LetStatement:
        scope = bind_lets({const_cast<Statement*>(s)}, scope);
        if (!scope) return out;
        break;
      case NodeKind::QueryStatement:
        query = static_cast<const QueryStatement*>(s)->expr;
        query_scope = scope;
        break;
      case NodeKind::SetStatement:
      case NodeKind::DeclareStatement:
        fail(codes::kUnsupportedSyntax, "unsupported-construct", s->span,
             "set and declare statements are not translated");
        return out;
      default:
        break;
    }
  }
  if (!query) {
    Span end{0, 0};
    fail(codes::kUnsupportedSyntax, "unsupported-construct", end,
         "the query has no result statement");
    return out;
  }
  auto rel = tabular(query, query_scope);
  if (!rel) return out;
  std::string a = alias();
  std::string list;
  for (auto& c : rel->cols)
    list += (list.empty() ? "" : ", ") + col(a, c.name) + " AS " + quote_ident(c.name);
  out.query = "SELECT " + list + " FROM (" + rel->sql + ") AS " + a +
              (rel->ordered ? " ORDER BY " + col(a, "__ord") : "");
  out.query = hoist_derived_tables(out.query);  // SQLite's parser depth: see its header
  out.columns = rel->cols;
  out.tables = tables_used;
  out.script = "-- Translated by kqlint " + opt_.version + " from " +
               (opt_.source_name.empty() ? "<query>" : opt_.source_name) +
               " (SQL dialect: " + d_.name() + ")\n";
  if (d_.kind() == DialectKind::Sqlite)
    out.script += "-- Needs kqlint's kql_* SQL functions: run it with `kqlint run`.\n";
  else
    out.script += postgres_prelude_for(out.query);
  out.script += out.query + ";\n";
  out.ok = true;
  return out;
}

Translation translate_query(const SyntaxTree& tree, QueryDiagnostics& diags,
                            const TranslateOptions& options) {
  Translator t(diags, options);
  return t.run(tree);
}

}  // namespace kql::sql
