// Scalar expressions: types, names, calls, and the type checks Microsoft's binder makes.
#include <algorithm>

#include "sema/binder_impl.h"

namespace kql::sema {

using namespace kql::ast;

namespace {

Type literal_type(const Literal& l) {
  switch (l.literal_kind) {
    case LiteralKind::Bool:
      return Type::Bool;
    case LiteralKind::Int:
      return Type::Int;
    case LiteralKind::Long:
      return Type::Long;
    case LiteralKind::Real:
      return Type::Real;
    case LiteralKind::Decimal:
      return Type::Decimal;
    case LiteralKind::String:
      return Type::String;
    case LiteralKind::DateTime:
      return Type::DateTime;
    case LiteralKind::TimeSpan:
      return Type::TimeSpan;
    case LiteralKind::Guid:
      return Type::Guid;
    case LiteralKind::Dynamic:
      return Type::Dynamic;
    case LiteralKind::Null:
      return Type::Unknown;
    case LiteralKind::TypedNull:
      return schema::parse_type(l.value).value_or(Type::Unknown);
  }
  return Type::Unknown;
}

bool numeric(Type t) { return schema::is_numeric(t); }
bool lenient_type(Type t) { return t == Type::Unknown || t == Type::Dynamic; }
bool stringish(Type t) { return t == Type::String || lenient_type(t); }

int rank(Type t) {
  switch (t) {
    case Type::Int:
      return 1;
    case Type::Long:
      return 2;
    case Type::Real:
      return 3;
    case Type::Decimal:
      return 4;
    default:
      return 0;
  }
}

Type wider(Type a, Type b) { return rank(a) >= rank(b) ? a : b; }

// The result of an arithmetic operator, Unknown when undefined (the caller reports it).
std::optional<Type> arithmetic(BinaryOp op, Type l, Type r) {
  if (l == Type::Unknown || r == Type::Unknown) return Type::Unknown;
  if (l == Type::Dynamic || r == Type::Dynamic) return Type::Dynamic;
  if (numeric(l) && numeric(r)) return op == BinaryOp::Div && false ? Type::Real : wider(l, r);
  bool add = op == BinaryOp::Add, sub = op == BinaryOp::Sub;
  if (l == Type::DateTime && r == Type::DateTime && sub) return Type::TimeSpan;
  if (l == Type::DateTime && r == Type::TimeSpan && (add || sub)) return Type::DateTime;
  if (l == Type::TimeSpan && r == Type::DateTime && add) return Type::DateTime;
  // datetime / timespan: Microsoft's binder accepts it as real (ticks over ticks)
  if (l == Type::DateTime && r == Type::TimeSpan && op == BinaryOp::Div) return Type::Real;
  if (l == Type::TimeSpan && r == Type::TimeSpan) {
    if (add || sub || op == BinaryOp::Mod) return Type::TimeSpan;
    if (op == BinaryOp::Div) return Type::Real;
  }
  if (l == Type::TimeSpan && numeric(r) && (op == BinaryOp::Mul || op == BinaryOp::Div))
    return Type::TimeSpan;
  if (numeric(l) && r == Type::TimeSpan && op == BinaryOp::Mul) return Type::TimeSpan;
  return std::nullopt;
}

bool is_string_operator(BinaryOp op) {
  return op >= BinaryOp::Contains && op <= BinaryOp::NotLikeCs;
}

bool accepts(const schema::ArgSpec& spec, Type t) {
  if (lenient_type(t)) return true;
  switch (spec.kind) {
    case schema::ArgSpec::Kind::Fixed:
      if (spec.type == Type::Unknown || spec.type == t) return true;
      if (numeric(spec.type) && numeric(t)) return rank(t) <= rank(spec.type);
      return false;
    case schema::ArgSpec::Kind::Numeric:
      return numeric(t);
    case schema::ArgSpec::Kind::NumericOrTime:
      return numeric(t) || t == Type::DateTime || t == Type::TimeSpan;
    case schema::ArgSpec::Kind::StringLike:
      return t == Type::String;
    default:
      return true;
  }
}

std::string describe(const schema::ArgSpec& spec) {
  switch (spec.kind) {
    case schema::ArgSpec::Kind::Fixed:
      return std::string(schema::type_name(spec.type));
    case schema::ArgSpec::Kind::Numeric:
      return "a number";
    case schema::ArgSpec::Kind::NumericOrTime:
      return "a number, datetime or timespan";
    case schema::ArgSpec::Kind::StringLike:
      return "string or dynamic";
    default:
      return "any";
  }
}

}  // namespace

const Column* Binder::lookup_column(std::string_view name, Span span, const RowContext& ctx,
                                    bool report) {
  const Column* c = ctx.rows ? ctx.rows->find(name) : nullptr;
  if (c) {
    if (!quiet_)
      model_.mutable_column_refs().push_back({c->name, span, ctx.stage, c->origin, c->af_key});
    return c;
  }
  if (report && ctx.rows && !ctx.rows->open && !lenient_ && !lookup(name)) {
    ResolutionProblem p{ProblemKind::UnknownColumn, span, std::string(name)};
    std::vector<std::string_view> candidates;
    for (auto& col : ctx.rows->columns) candidates.push_back(col.name);
    p.suggestions = schema::did_you_mean(name, candidates);
    // The two platforms name the event time differently (mde Timestamp, sentinel
    // TimeGenerated); rules moved between them hit this first.
    for (std::string_view other : {"Timestamp", "TimeGenerated"})
      if (name != other && (name == "Timestamp" || name == "TimeGenerated") &&
          ctx.rows->find(other) && p.suggestions.empty())
        p.suggestions.emplace_back(other);
    if (ctx.rows->table)
      p.context = ctx.rows->table->name;
    else
      p.context = "the input of " + std::string(ctx.op_name);
    problem(std::move(p));
  }
  return nullptr;
}

Type Binder::bind_name(const Name& n, const RowContext& ctx) {
  if (n.name == "$left" || n.name == "$right") return Type::Unknown;
  if (const Column* c = ctx.rows ? ctx.rows->find(n.name) : nullptr) {
    lookup_column(n.name, n.span, ctx, false);
    if (!quiet_) model_.set_symbol(&n, {Symbol::Kind::Column, c->origin});
    return c->type;
  }
  if (const Binding* b = lookup(n.name)) {
    if (!quiet_) model_.set_symbol(&n, b->symbol);
    if (b->symbol.kind == Symbol::Kind::TabularLet) return Type::Unknown;
    return b->type;
  }
  if (ctx.rows) {
    lookup_column(n.name, n.span, ctx, true);
    return Type::Unknown;
  }
  // No row scope (let scalar, print, range bounds): an unknown name.
  if (!lenient_) {
    ResolutionProblem p{ProblemKind::UnknownColumn, n.span, n.name};
    std::vector<std::string_view> candidates;
    for (auto& b : scope_) candidates.push_back(b.name);
    p.suggestions = schema::did_you_mean(n.name, candidates);
    p.context = "the names in scope";
    problem(std::move(p));
  }
  return Type::Unknown;
}

Type Binder::bind_scalar(const Expr* e, const RowContext& ctx) {
  if (!e) return Type::Unknown;
  Type t = Type::Unknown;
  switch (e->kind) {
    case NodeKind::Literal:
      t = literal_type(*static_cast<const Literal*>(e));
      break;
    case NodeKind::Name:
      t = bind_name(*static_cast<const Name*>(e), ctx);
      break;
    case NodeKind::Paren:
      t = bind_scalar(static_cast<const Paren*>(e)->inner, ctx);
      break;
    case NodeKind::Unary:
      t = bind_scalar(static_cast<const Unary*>(e)->operand, ctx);
      break;
    case NodeKind::Binary:
      t = bind_binary(*static_cast<const Binary*>(e), ctx);
      break;
    case NodeKind::Between: {
      auto* b = static_cast<const Between*>(e);
      Type o = bind_scalar(b->operand, ctx);
      Type lo = bind_scalar(b->low, ctx);
      Type hi = bind_scalar(b->high, ctx);
      if (o == Type::String || o == Type::Bool || o == Type::Guid) {
        ResolutionProblem p{ProblemKind::TypeMismatch, b->operand ? b->operand->span : e->span,
                            b->negated ? "!between" : "between"};
        p.operand_types = {o, lo, hi};
        p.expected = "a number, datetime or timespan";
        problem(std::move(p));
      }
      record_comparison(*e, b->operand, {b->low, b->high}, b->negated ? "!between" : "between",
                        ctx);
      t = Type::Bool;
      break;
    }
    case NodeKind::InList: {
      auto* in = static_cast<const InList*>(e);
      Type o = bind_scalar(in->operand, ctx);
      std::vector<const Expr*> values;
      for (const Expr* item : in->items) {
        const Expr* p = peel(item);
        if (!p) continue;
        bool tabular = p->kind == NodeKind::Pipe || p->kind == NodeKind::OperatorExpr;
        if (p->kind == NodeKind::Name) {
          const Binding* b = lookup(static_cast<const Name*>(p)->name);
          tabular = b && b->symbol.kind == Symbol::Kind::TabularLet &&
                    !(ctx.rows && ctx.rows->find(static_cast<const Name*>(p)->name));
        }
        if (tabular)
          bind_tabular(item);
        else
          bind_scalar(item, ctx);
        values.push_back(item);
      }
      bool string_op = in->op != InOp::In && in->op != InOp::NotIn;
      if (string_op && !stringish(o) && !(in->op == InOp::InCi || in->op == InOp::NotInCi)) {
        ResolutionProblem p{ProblemKind::TypeMismatch, in->operand ? in->operand->span : e->span,
                            in_op_text(in->op)};
        p.operand_types = {o};
        p.expected = "string or dynamic";
        problem(std::move(p));
      }
      if (in->operand && !values.empty()) {
        record_comparison(*e, in->operand, values, in_op_text(in->op), ctx);
      }
      t = Type::Bool;
      break;
    }
    case NodeKind::Call:
      t = bind_call(*static_cast<const Call*>(e), ctx);
      break;
    case NodeKind::Member:
    case NodeKind::Index:
      t = bind_member(*e, ctx);
      break;
    case NodeKind::Assignment:
      t = bind_scalar(static_cast<const Assignment*>(e)->value, ctx);
      break;
    case NodeKind::NamedArgument:
      t = bind_scalar(static_cast<const NamedArgument*>(e)->value, ctx);
      break;
    case NodeKind::Ordered:
      t = bind_scalar(static_cast<const Ordered*>(e)->expr, ctx);
      break;
    case NodeKind::Pipe:
    case NodeKind::OperatorExpr:
      bind_tabular(e);
      return Type::Unknown;
    default:
      break;  // Star, Wildcard, TypeofExpr, SchemaLiteral, FunctionDecl (lambdas)
  }
  set_type(e, t);
  return t;
}

Type Binder::bind_binary(const Binary& b, const RowContext& ctx) {
  Type l = bind_scalar(b.left, ctx);
  Type r = bind_scalar(b.right, ctx);
  auto mismatch = [&](std::string expected, bool strict) {
    if (lenient_) return;  // e.g. search's `Column:"value"` terms
    ResolutionProblem p{ProblemKind::TypeMismatch, b.span, binary_op_text(b.op)};
    p.operand_types = {l, r};
    p.expected = std::move(expected);
    p.strict = strict;
    problem(std::move(p));
  };
  switch (b.op) {
    case BinaryOp::Add:
    case BinaryOp::Sub:
    case BinaryOp::Mul:
    case BinaryOp::Div:
    case BinaryOp::Mod: {
      auto t = arithmetic(b.op, l, r);
      if (!t) {
        mismatch("numbers, datetimes or timespans", true);
        return Type::Unknown;
      }
      return *t;
    }
    case BinaryOp::And:
    case BinaryOp::Or:
      if ((l != Type::Bool && !lenient_type(l)) || (r != Type::Bool && !lenient_type(r)))
        mismatch("bool", true);
      return Type::Bool;
    case BinaryOp::Eq:
    case BinaryOp::Ne: {
      // Microsoft's binder accepts == between any types, but a number never equals a
      // string at run time (`RemotePort == "80"`): recorded as a non-strict mismatch.
      bool bad = !lenient_type(l) && !lenient_type(r) &&
                 ((numeric(l) && !numeric(r) && r != Type::Bool) ||
                  (numeric(r) && !numeric(l) && l != Type::Bool) ||
                  (l == Type::DateTime) != (r == Type::DateTime) ||
                  (l == Type::TimeSpan) != (r == Type::TimeSpan));
      if (l == Type::Guid || r == Type::Guid) bad = false;
      if (bad) mismatch(std::string(schema::type_name(l)), false);
      record_comparison(b, b.left, {b.right}, binary_op_text(b.op), ctx);
      return Type::Bool;
    }
    case BinaryOp::Lt:
    case BinaryOp::Le:
    case BinaryOp::Gt:
    case BinaryOp::Ge: {
      bool ok = lenient_type(l) || lenient_type(r) || (numeric(l) && numeric(r)) ||
                (l == r && (l == Type::DateTime || l == Type::TimeSpan)) || l == Type::Bool ||
                r == Type::Bool || l == Type::Guid || r == Type::Guid;
      if (!ok) mismatch("operands of the same orderable type", true);
      record_comparison(b, b.left, {b.right}, binary_op_text(b.op), ctx);
      return Type::Bool;
    }
    default:
      break;
  }
  // =~, !~, string operators, matches regex
  if (b.op == BinaryOp::EqTilde || b.op == BinaryOp::NeTilde || is_string_operator(b.op)) {
    if (!stringish(l) || !stringish(r)) mismatch("string", true);
    record_comparison(b, b.left, {b.right}, binary_op_text(b.op), ctx);
  }
  return Type::Bool;
}

Type Binder::bind_member(const Expr& e, const RowContext& ctx) {
  const Expr* object = e.kind == NodeKind::Member ? static_cast<const Member&>(e).object
                                                  : static_cast<const Index&>(e).object;
  const Expr* po = peel(object);
  // $left.X / $right.X in join conditions
  if (e.kind == NodeKind::Member && po && po->kind == NodeKind::Name) {
    auto& side = static_cast<const Name*>(po)->name;
    if (side == "$left" || side == "$right") {
      auto& m = static_cast<const Member&>(e);
      const RowSchema* rows = side == "$left" ? ctx.left : ctx.right;
      if (!rows) return Type::Unknown;
      RowContext sc{rows, ctx.stage, nullptr, nullptr, ctx.op_name};
      const Column* c = lookup_column(m.member, m.member_span, sc, true);
      if (c && !quiet_) model_.set_symbol(&e, {Symbol::Kind::Column, c->origin});
      return c ? c->type : Type::Unknown;
    }
  }
  Type ot = bind_scalar(object, ctx);
  if (e.kind == NodeKind::Index) bind_scalar(static_cast<const Index&>(e).index, ctx);
  std::string_view key = record_af_read(e, ctx);
  if (ot == Type::Dynamic || ot == Type::Unknown) return Type::Dynamic;
  // `.x` on a string, number ... column: Microsoft's binder reports x as an unknown column.
  // Not for the raw AdditionalFields string on mde: that is the AdditionalFieldRead fact
  // (parsed = false) the additional-fields-not-parsed rule reports.
  if (key.empty() && e.kind == NodeKind::Member && !lenient_) {
    auto& m = static_cast<const Member&>(e);
    ResolutionProblem p{ProblemKind::UnknownColumn, m.member_span, m.member};
    p.context = "a value of type " + std::string(schema::type_name(ot));
    problem(std::move(p));
  }
  return Type::Unknown;  // `.key` on a non-dynamic value: left to the rules, no cascade
}

Type Binder::bind_call(const Call& c, const RowContext& ctx) {
  const std::string& f = c.callee;
  // User functions (let-bound) shadow built-ins.
  if (const Binding* b = lookup(f)) {
    if (b->symbol.kind == Symbol::Kind::UserFunction && b->fn) {
      if (!quiet_) model_.set_symbol(&c, b->symbol);
      last_scalar_type_ = Type::Unknown;
      Tabular t = call_user_function(c, *b->fn, ctx);
      return t.rows ? Type::Unknown : last_scalar_type_;  // a scalar function's result type
    }
  }
  if (f == "toscalar") {
    Type t = Type::Unknown;
    if (!c.args.empty()) {
      Tabular tb = bind_tabular(c.args[0]);
      if (tb.rows && !tb.rows->columns.empty()) t = tb.rows->columns[0].type;
      if (!tb.rows) t = model_.type_of(c.args[0]);
    }
    return t;
  }
  if (f == "materialize" || f == "view" || f == "table") {
    for (auto* a : c.args) bind_tabular(a);
    return Type::Unknown;
  }
  const schema::BuiltinFunction* fn = schema_.functions().find(f);
  if (!fn) {
    for (auto* a : c.args) bind_scalar(a, ctx);
    if (schema_.find_user_function(f)) return Type::Unknown;
    ResolutionProblem p{ProblemKind::UnknownFunction,
                        c.callee_span.empty() ? c.span : c.callee_span, f};
    std::vector<std::string_view> candidates;
    for (auto* g : schema_.functions().all()) candidates.push_back(g->name);
    for (auto& b : scope_)
      if (b.symbol.kind == Symbol::Kind::UserFunction) candidates.push_back(b.name);
    p.suggestions = schema::did_you_mean(f, candidates);
    p.context = "functions";
    problem(std::move(p));
    return Type::Unknown;
  }
  if (!quiet_) model_.set_symbol(&c, {Symbol::Kind::BuiltinFunction, nullptr, fn});
  std::vector<Type> types;
  types.reserve(c.args.size());
  for (size_t i = 0; i < c.args.size(); ++i) {
    const Expr* a = c.args[i];
    const schema::ArgSpec* spec = fn->arg(i);
    if (spec && spec->kind == schema::ArgSpec::Kind::Tabular) {
      Tabular tb = bind_tabular(a);
      (void)tb;
      types.push_back(Type::Unknown);
      continue;
    }
    types.push_back(bind_scalar(a, ctx));
  }
  int n = static_cast<int>(c.args.size());
  // count(*) style stars are not counted as arguments by the catalogue
  if (n == 1 && c.args[0] && c.args[0]->kind == NodeKind::Star && fn->min_args == 0) n = 0;
  if (!fn->accepts_count(n)) {
    ResolutionProblem p{ProblemKind::WrongArgumentCount,
                        c.callee_span.empty() ? c.span : c.callee_span, f};
    p.min_args = fn->min_args;
    p.max_args = fn->max_args;
    p.actual_args = n;
    p.context = std::string(schema::function_kind_name(fn->kind));
    problem(std::move(p));
  } else {
    for (size_t i = 0; i < types.size(); ++i) {
      const schema::ArgSpec* spec = fn->arg(i);
      if (!spec || !c.args[i] || c.args[i]->kind == NodeKind::Star) continue;
      if (!accepts(*spec, types[i])) {
        ResolutionProblem p{ProblemKind::TypeMismatch, c.args[i]->span, f};
        p.operand_types = {types[i]};
        p.expected = describe(*spec);
        p.context = spec->name.empty() ? "argument " + std::to_string(i + 1) : spec->name;
        problem(std::move(p));
      }
    }
  }
  auto arg_type = [&](int i) { return i >= 0 && i < (int)types.size() ? types[i] : Type::Unknown; };
  switch (fn->result.kind) {
    case schema::ResultSpec::Kind::Fixed:
      if (fn->result.type != Type::Unknown) return fn->result.type;
      break;
    case schema::ResultSpec::Kind::SameAs:
      return arg_type(fn->result.arg);
    case schema::ResultSpec::Kind::Widened: {
      Type t = arg_type(fn->result.arg);
      return t == Type::Int ? Type::Long : t;
    }
    case schema::ResultSpec::Kind::RealOrTime: {
      Type t = arg_type(fn->result.arg);
      return t == Type::DateTime || t == Type::TimeSpan ? t : Type::Real;
    }
    case schema::ResultSpec::Kind::Tabular:
      return Type::Unknown;
  }
  // decided here: column_ifexists(name, default) has the default's type
  if ((f == "column_ifexists" || f == "columnifexists") && types.size() == 2) return types[1];
  if ((f == "arg_max" || f == "arg_min") && !types.empty()) return types[0];
  return Type::Unknown;
}

}  // namespace kql::sema
