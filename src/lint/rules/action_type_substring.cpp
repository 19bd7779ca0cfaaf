// action-type-substring: `ActionType contains "InboundConnection"` and other substring or term
// matches on ActionType. The fix spells out the exact values the comparison selects today,
// taken from the binder's ActionType filter facts (sema/facts.h).
#include <algorithm>

#include "lint/rules/mde_support.h"
#include "lint/rules/rules.h"

namespace kql::lint {
namespace {

bool is_substring_op(std::string_view op) {
  static constexpr std::string_view kOps[] = {
      "contains",      "!contains",     "contains_cs", "!contains_cs",  "has",
      "!has",          "has_cs",        "!has_cs",     "hasprefix",     "!hasprefix",
      "hasprefix_cs",  "!hasprefix_cs", "hassuffix",   "!hassuffix",    "hassuffix_cs",
      "!hassuffix_cs", "startswith",    "!startswith", "startswith_cs", "!startswith_cs",
      "endswith",      "!endswith",     "endswith_cs", "!endswith_cs",  "has_any",
      "has_any_cs",    "has_all",       "has_all_cs"};
  return std::find(std::begin(kOps), std::end(kOps), op) != std::end(kOps);
}

bool is_action_type_name(const ast::Expr* e) {
  while (e && e->kind == ast::NodeKind::Paren) e = static_cast<const ast::Paren*>(e)->inner;
  return e && e->kind == ast::NodeKind::Name &&
         static_cast<const ast::Name*>(e)->name == "ActionType";
}

class ActionTypeSubstring final : public Rule {
 public:
  ActionTypeSubstring() : Rule("action-type-substring") {}

  void check(const LintContext& ctx) const override {
    for (const auto& f : ctx.model.action_type_filters()) {
      if (!f.table || f.table->action_types_open_ended || !is_substring_op(f.op) || !f.expr)
        continue;
      if (f.values.empty()) continue;
      bool every_value_matches = std::all_of(f.values.begin(), f.values.end(),
                                             [](const auto& v) { return !v.matches.empty(); });
      if (!every_value_matches) continue;  // unknown-action-type reports the dead value
      check_filter(ctx, f);
    }
  }

 private:
  void check_filter(const LintContext& ctx, const sema::ActionTypeFilter& f) const {
    const bool all_of = f.op.starts_with("has_all");
    // The ActionTypes the comparison selects, in the table's order.
    std::vector<const schema::ActionType*> selected;
    for (const auto& at : f.table->action_types) {
      size_t hits = 0;
      for (const auto& v : f.values)
        if (std::find(v.matches.begin(), v.matches.end(), &at) != v.matches.end()) ++hits;
      if (all_of ? hits == f.values.size() : hits > 0) selected.push_back(&at);
    }
    if (selected.empty()) return;

    // The subject as written, and where to point: the operator and its value(s).
    const ast::Expr* subject = nullptr;
    Span op_span;
    if (f.expr->kind == ast::NodeKind::Binary) {
      auto* b = static_cast<const ast::Binary*>(f.expr);
      subject = is_action_type_name(b->left) ? b->left : b->right;
      op_span = b->op_span;
    } else if (f.expr->kind == ast::NodeKind::InList) {
      auto* in = static_cast<const ast::InList*>(f.expr);
      subject = in->operand;
      op_span = in->op_span;
    }
    if (!subject) return;
    // The operator and its value(s): through the closing parenthesis of an InList.
    Span span = op_span;
    if (f.expr->kind == ast::NodeKind::InList) span.end = f.expr->span.end;
    for (const auto& v : f.values)
      if (f.expr->span.contains(v.span.begin)) span = Span::cover(span, v.span);

    std::vector<std::string_view> names = mde::names_of(selected);
    std::string values_text;
    for (size_t i = 0; i < names.size(); ++i)
      values_text += (i ? ", " : "") + mde::quoted(names[i]);
    std::string replacement = std::string(ctx.text(subject->span));
    if (names.size() == 1)
      replacement += (f.negated ? " != " : " == ") + values_text;
    else
      replacement += (f.negated ? " !in (" : " in (") + values_text + ")";

    std::string what = names.size() == 1 ? "exactly " + mde::quoted_list(names)
                                         : std::to_string(names.size()) + " ActionTypes (" +
                                               mde::quoted_list(names, names.size()) + ")";
    auto& d = ctx.report(doc(), span,
                         "ActionType is matched by substring ('" + std::string(ctx.text(span)) +
                             "'); on " + f.table->name + " it " +
                             (f.negated ? "excludes " : "selects ") + what);
    d.help = "compare with the exact values: `" + replacement + "`";
    Fix fix;
    fix.description = "compare ActionType with the exact values it matches";
    fix.edits.push_back({ctx.diags.to_file(f.expr->span), replacement});
    d.fix = std::move(fix);
  }
};

}  // namespace

std::unique_ptr<Rule> make_action_type_substring() {
  return std::make_unique<ActionTypeSubstring>();
}

}  // namespace kql::lint
