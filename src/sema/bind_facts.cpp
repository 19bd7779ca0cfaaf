// Facts for the lint rules: which ActionTypes a where-predicate keeps, keys read from
// AdditionalFields, and comparisons of columns with literals.
#include "sema/binder_impl.h"
#include "sema/text_match.h"

namespace kql::sema {

using namespace kql::ast;

namespace {

bool is_conversion(std::string_view f) {
  return f == "tostring" || f == "toint" || f == "tolong" || f == "toreal" || f == "todouble" ||
         f == "tobool" || f == "toboolean" || f == "todatetime" || f == "totimespan" ||
         f == "toguid" || f == "todecimal" || f == "tolower" || f == "toupper" || f == "trim" ||
         f == "todynamic" || f == "parse_json" || f == "parsejson";
}

bool is_json_parse(std::string_view f) {
  return f == "todynamic" || f == "parse_json" || f == "parsejson" || f == "toobject";
}

// The strings of a dynamic array literal's text, e.g. `["a", "b"]` (no nesting needed here).
std::vector<std::string> dynamic_strings(std::string_view text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size(); ++i) {
    char q = text[i];
    if (q != '"' && q != '\'') continue;
    std::string s;
    size_t j = i + 1;
    for (; j < text.size() && text[j] != q; ++j) {
      if (text[j] == '\\' && j + 1 < text.size()) ++j;
      s += text[j];
    }
    out.push_back(std::move(s));
    i = j;
  }
  return out;
}

}  // namespace

AfRole Binder::af_role_of(const Expr* e, const RowContext& ctx, std::string_view* via) {
  e = peel(e);
  if (!e) return AfRole::None;
  if (e->kind == NodeKind::Name) {
    auto* n = static_cast<const Name*>(e);
    const Column* c = ctx.rows ? ctx.rows->find(n->name) : nullptr;
    if (!c) return AfRole::None;
    if (via) *via = c->name;
    return c->af_role;
  }
  if (e->kind == NodeKind::Call) {
    auto* c = static_cast<const Call*>(e);
    if (is_json_parse(c->callee) && !c->args.empty() &&
        af_role_of(c->args[0], ctx, via) != AfRole::None)
      return AfRole::Parsed;
  }
  return AfRole::None;
}

std::string_view Binder::af_key_of(const Expr* e) const {
  e = peel(e);
  while (e && e->kind == NodeKind::Call) {
    auto* c = static_cast<const Call*>(e);
    if (!is_conversion(c->callee) || c->args.empty()) return {};
    e = peel(c->args[0]);
  }
  if (!e) return {};
  auto it = af_key_by_expr_.find(e);
  return it == af_key_by_expr_.end() ? std::string_view() : it->second;
}

std::string_view Binder::record_af_read(const Expr& e, const RowContext& ctx) {
  const Expr* object;
  std::string_view key;
  Span key_span;
  if (e.kind == NodeKind::Member) {
    auto& m = static_cast<const Member&>(e);
    object = m.object;
    key = m.member;
    key_span = m.member_span;
  } else {
    auto& ix = static_cast<const Index&>(e);
    object = ix.object;
    const Expr* k = peel(ix.index);
    if (!k || k->kind != NodeKind::Literal) return {};
    auto* l = static_cast<const Literal*>(k);
    if (l->literal_kind != LiteralKind::String) return {};
    key = l->value;
    key_span = k->span;
  }
  std::string_view via = "AdditionalFields";
  AfRole role = af_role_of(object, ctx, &via);
  if (role == AfRole::None) return {};
  if (!quiet_) {
    AdditionalFieldRead r;
    r.key = key;
    r.key_span = key_span;
    r.expr = &e;
    r.via = via;
    r.parsed = role == AfRole::Parsed || sentinel_;
    r.stage = ctx.stage;
    r.table = ctx.rows ? ctx.rows->table : nullptr;
    model_.mutable_additional_field_reads().push_back(r);
  }
  af_key_by_expr_[&e] = key;
  return key;
}

void Binder::record_comparison(const Expr& e, const Expr* subject,
                               const std::vector<const Expr*>& values, std::string op,
                               const RowContext& ctx) {
  if (quiet_) return;
  const Expr* s = peel(subject);
  if (!s) return;
  Comparison c;
  c.expr = &e;
  c.stage = ctx.stage;
  c.subject_span = s->span;
  c.op = std::move(op);
  if (s->kind == NodeKind::Name) {
    const Column* col = ctx.rows ? ctx.rows->find(static_cast<const Name*>(s)->name) : nullptr;
    if (!col) return;
    c.column = col->name;
    c.origin = col->origin;
    c.af_key = col->af_key;
  } else {
    c.af_key = af_key_of(s);
    if (c.af_key.empty()) return;
  }
  for (const Expr* v : values) {
    const Expr* p = peel(v);
    if (p && p->kind == NodeKind::Literal)
      c.values.push_back({static_cast<const Literal*>(p), p->span});
  }
  if (c.values.empty()) return;
  model_.mutable_comparisons().push_back(std::move(c));
}

std::optional<std::vector<bool>> Binder::action_type_filter(const Expr* p, const RowContext& ctx,
                                                            const schema::Table& t) {
  p = peel(p);
  if (!p) return std::nullopt;
  const size_t n = t.action_types.size();
  auto is_action_type = [&](const Expr* e) {
    e = peel(e);
    if (!e || e->kind != NodeKind::Name) return false;
    auto* nm = static_cast<const Name*>(e);
    const Column* c = ctx.rows ? ctx.rows->find(nm->name) : nullptr;
    return c && c->name == "ActionType" && c->origin == &t;
  };
  // The literal strings an operand stands for: a string literal, a dynamic array literal,
  // or a let name bound to one of those.
  auto strings_of = [&](const Expr* e, std::vector<std::pair<std::string, Span>>& out) {
    e = peel(e);
    if (e && e->kind == NodeKind::Name)
      if (const Binding* b = lookup(static_cast<const Name*>(e)->name);
          b && b->symbol.kind == Symbol::Kind::ScalarLet && b->value)
        e = b->value;
    if (!e || e->kind != NodeKind::Literal) return false;
    auto* l = static_cast<const Literal*>(e);
    if (l->literal_kind == LiteralKind::String)
      out.push_back({l->value, l->span});
    else if (l->literal_kind == LiteralKind::Dynamic)
      for (auto& s : dynamic_strings(l->value)) out.push_back({s, l->span});
    else
      return false;
    return true;
  };
  auto record = [&](const Expr* node, std::string op, bool negated,
                    const std::vector<std::pair<std::string, Span>>& vals, BinaryOp match_op) {
    ActionTypeFilter f;
    f.expr = node;
    f.stage = ctx.stage;
    f.table = &t;
    f.op = std::move(op);
    f.negated = negated;
    for (auto& [text, span] : vals) {
      ActionTypeFilter::Value v{text, span, {}, {}};
      for (auto& at : t.action_types) {
        if (string_predicate(match_op, at.name, text).value_or(false)) v.matches.push_back(&at);
        if (equals_ci(at.name, text)) v.case_insensitive_matches.push_back(&at);
      }
      f.values.push_back(std::move(v));
    }
    model_.mutable_action_type_filters().push_back(std::move(f));
  };

  if (p->kind == NodeKind::Binary) {
    auto* b = static_cast<const Binary*>(p);
    if (b->op == BinaryOp::And || b->op == BinaryOp::Or) {
      auto l = action_type_filter(b->left, ctx, t);
      auto r = action_type_filter(b->right, ctx, t);
      if (b->op == BinaryOp::And) {
        if (!l) return r;
        if (!r) return l;
        for (size_t i = 0; i < n; ++i) (*l)[i] = (*l)[i] && (*r)[i];
        return l;
      }
      if (!l || !r) return std::nullopt;
      for (size_t i = 0; i < n; ++i) (*l)[i] = (*l)[i] || (*r)[i];
      return l;
    }
    const Expr* subject = b->left;
    const Expr* value = b->right;
    if (!is_action_type(subject) && is_action_type(value)) std::swap(subject, value);
    if (!is_action_type(subject)) return std::nullopt;
    std::vector<std::pair<std::string, Span>> vals;
    if (!strings_of(value, vals) || vals.size() != 1) return std::nullopt;
    BinaryOp positive = b->op;
    auto probe = string_predicate(positive, "", "");
    if (!probe) return std::nullopt;  // like, regex: not evaluated
    bool neg = is_negated(b->op);
    record(b, binary_op_text(b->op), neg, vals, positive);
    std::vector<bool> keep(n);
    for (size_t i = 0; i < n; ++i)
      keep[i] =
          string_predicate(positive, t.action_types[i].name, vals[0].first).value_or(true) != neg;
    return keep;
  }
  if (p->kind == NodeKind::InList) {
    auto* in = static_cast<const InList*>(p);
    if (!is_action_type(in->operand)) return std::nullopt;
    std::vector<std::pair<std::string, Span>> vals;
    for (const Expr* item : in->items)
      if (!strings_of(item, vals)) return std::nullopt;
    BinaryOp match;
    bool neg = false, all = false;
    switch (in->op) {
      case InOp::In:
        match = BinaryOp::Eq;
        break;
      case InOp::NotIn:
        match = BinaryOp::Eq;
        neg = true;
        break;
      case InOp::InCi:
        match = BinaryOp::EqTilde;
        break;
      case InOp::NotInCi:
        match = BinaryOp::EqTilde;
        neg = true;
        break;
      case InOp::HasAny:
        match = BinaryOp::Has;
        break;
      case InOp::HasAnyCs:
        match = BinaryOp::HasCs;
        break;
      case InOp::HasAll:
        match = BinaryOp::Has;
        all = true;
        break;
      case InOp::HasAllCs:
        match = BinaryOp::HasCs;
        all = true;
        break;
      default:
        return std::nullopt;
    }
    record(in, in_op_text(in->op), neg, vals, match);
    std::vector<bool> keep(n);
    for (size_t i = 0; i < n; ++i) {
      bool any = false, every = true;
      for (auto& v : vals) {
        bool m = string_predicate(match, t.action_types[i].name, v.first).value_or(true);
        any = any || m;
        every = every && m;
      }
      keep[i] = (all ? every : any) != neg;
    }
    return keep;
  }
  if (p->kind == NodeKind::Call) {
    auto* c = static_cast<const Call*>(p);
    if (c->callee == "not" && c->args.size() == 1)
      if (auto inner = action_type_filter(c->args[0], ctx, t)) {
        for (size_t i = 0; i < n; ++i) (*inner)[i] = !(*inner)[i];
        return inner;
      }
  }
  return std::nullopt;
}

}  // namespace kql::sema
