// lookback-beyond-retention (mde profile): the time column compared with a point further back
// than Advanced Hunting's 30 days: `ago(90d)`, `now() - 90d`, `now(-90d)`, `startofday(ago(..))`
// and let-bound lookbacks (`let lookback = 90d; ... ago(lookback)`). Absolute datetime(...)
// bounds depend on the day the query runs, so they are not judged. Sentinel workspaces set
// their own retention, so the rule is off on the sentinel profile.
#include <algorithm>
#include <optional>
#include <set>

#include "lint/rules/rules.h"
#include "syntax/walk.h"

namespace kql::lint {
namespace {

constexpr int64_t kTicksPerDay = 864'000'000'000;
constexpr int64_t kRetentionDays = 30;

const ast::Expr* peel(const ast::Expr* e) {
  while (e && e->kind == ast::NodeKind::Paren) e = static_cast<const ast::Paren*>(e)->inner;
  return e;
}

// A timespan value and the literal that wrote it.
struct Duration {
  int64_t ticks = 0;
  Span literal;
};

class Evaluator {
 public:
  explicit Evaluator(const LintContext& ctx) : ctx_(ctx) {}

  // The value of a let-bound scalar name, when `e` is one.
  const ast::Expr* let_value(const ast::Expr* e) const {
    if (!e || e->kind != ast::NodeKind::Name) return nullptr;
    const sema::Symbol* sym = ctx_.model.symbol_of(e);
    if (!sym || sym->kind != sema::Symbol::Kind::ScalarLet || !sym->declaration ||
        sym->declaration->kind != ast::NodeKind::LetStatement)
      return nullptr;
    return static_cast<const ast::LetStatement*>(sym->declaration)->value;
  }

  std::optional<Duration> timespan(const ast::Expr* e, int depth = 0) const {
    e = peel(e);
    if (!e || depth > 8) return std::nullopt;
    if (e->kind == ast::NodeKind::Literal) {
      auto* l = static_cast<const ast::Literal*>(e);
      if (l->literal_kind != ast::LiteralKind::TimeSpan) return std::nullopt;
      return Duration{l->timespan_ticks, l->span};
    }
    if (e->kind == ast::NodeKind::Unary && static_cast<const ast::Unary*>(e)->op == '-') {
      auto d = timespan(static_cast<const ast::Unary*>(e)->operand, depth + 1);
      if (d) d->ticks = -d->ticks;
      return d;
    }
    if (const ast::Expr* v = let_value(e)) return timespan(v, depth + 1);
    return std::nullopt;
  }

  // How far back from now a point in time lies, for `ago(X)`, `now() - X`, `now(-X)`, their
  // start-of-period / bin roundings, and let names bound to those.
  std::optional<Duration> lookback(const ast::Expr* e, int depth = 0) const {
    e = peel(e);
    if (!e || depth > 8) return std::nullopt;
    if (e->kind == ast::NodeKind::Call) {
      auto* c = static_cast<const ast::Call*>(e);
      if (c->callee == "ago" && c->args.size() == 1) return timespan(c->args[0], depth + 1);
      if (c->callee == "now" && c->args.size() == 1) {
        auto d = timespan(c->args[0], depth + 1);
        if (d) d->ticks = -d->ticks;
        return d;
      }
      if ((c->callee == "startofday" || c->callee == "startofweek" || c->callee == "startofmonth" ||
           c->callee == "bin" || c->callee == "floor") &&
          !c->args.empty())
        return lookback(c->args[0], depth + 1);
      return std::nullopt;
    }
    if (e->kind == ast::NodeKind::Binary) {
      auto* b = static_cast<const ast::Binary*>(e);
      const ast::Expr* left = peel(b->left);
      if (b->op == ast::BinaryOp::Sub && left && left->kind == ast::NodeKind::Call &&
          static_cast<const ast::Call*>(left)->callee == "now" &&
          static_cast<const ast::Call*>(left)->args.empty())
        return timespan(b->right, depth + 1);
      return std::nullopt;
    }
    if (const ast::Expr* v = let_value(e)) return lookback(v, depth + 1);
    return std::nullopt;
  }

 private:
  const LintContext& ctx_;
};

std::string days_text(int64_t ticks) {
  if (ticks % kTicksPerDay == 0) return std::to_string(ticks / kTicksPerDay) + " days";
  return std::to_string(ticks / (kTicksPerDay / 24)) + " hours";
}

class LookbackBeyondRetention final : public Rule {
 public:
  LookbackBeyondRetention() : Rule("lookback-beyond-retention") {}

  void check(const LintContext& ctx) const override {
    if (ctx.settings.profile != schema::Profile::Mde) return;
    Evaluator eval(ctx);
    std::set<uint32_t> seen;
    // Bounds beyond retention, reported afterwards in source order.
    std::vector<std::pair<Duration, bool>> found;  // the lookback, and whether a lower bound
    auto judge = [&](const ast::Expr* bound, bool lower) {
      auto d = eval.lookback(bound);
      if (!d || d->ticks <= kRetentionDays * kTicksPerDay) return;
      if (seen.insert(d->literal.begin).second) found.push_back({*d, lower});
    };
    std::vector<const ast::Node*> stack;
    for (const auto* s : ctx.tree.statements) stack.push_back(s);
    while (!stack.empty()) {
      const ast::Node* n = stack.back();
      stack.pop_back();
      if (n->kind == ast::NodeKind::Binary) {
        auto* b = static_cast<const ast::Binary*>(n);
        bool less = b->op == ast::BinaryOp::Lt || b->op == ast::BinaryOp::Le;
        bool greater = b->op == ast::BinaryOp::Gt || b->op == ast::BinaryOp::Ge;
        if (less || greater) {
          if (is_time_column(ctx, b->left))
            judge(b->right, greater);
          else if (is_time_column(ctx, b->right))
            judge(b->left, less);
        }
      } else if (n->kind == ast::NodeKind::Between) {
        auto* b = static_cast<const ast::Between*>(n);
        if (!b->negated && is_time_column(ctx, b->operand)) {
          judge(b->low, true);
          judge(b->high, false);
        }
      }
      ast::for_each_child(*n, [&](const ast::Node& c) { stack.push_back(&c); });
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
      return a.first.literal.begin < b.first.literal.begin;
    });
    for (const auto& [d, lower] : found) report(ctx, d, lower);
  }

 private:
  void report(const LintContext& ctx, const Duration& d, bool lower) const {
    const std::string back = days_text(d.ticks);
    std::string message =
        lower ? "the lookback of " + back +
                    " is longer than Advanced Hunting's 30-day retention: the query silently "
                    "covers only the last 30 days"
              : "this bound lies " + back +
                    " back, beyond Advanced Hunting's 30-day retention: no row is that old, so "
                    "the comparison never matches";
    auto& diag = ctx.report(doc(), d.literal, std::move(message));
    diag.help = lower ? "look back at most 30d here; older data needs another store (Sentinel, "
                        "Log Analytics, Data Explorer)"
                      : "Advanced Hunting has no data older than 30 days";
  }

  // A column read straight from a table, named as that table's time column.
  static bool is_time_column(const LintContext& ctx, const ast::Expr* e) {
    e = peel(e);
    if (!e || e->kind != ast::NodeKind::Name) return false;
    const sema::Symbol* sym = ctx.model.symbol_of(e);
    if (!sym || sym->kind != sema::Symbol::Kind::Column || !sym->table) return false;
    return static_cast<const ast::Name*>(e)->name == sym->table->time_column;
  }
};

}  // namespace

std::unique_ptr<Rule> make_lookback_beyond_retention() {
  return std::make_unique<LookbackBeyondRetention>();
}

}  // namespace kql::lint
