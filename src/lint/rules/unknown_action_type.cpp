// unknown-action-type: an ActionType compared with a value that selects none of the table's
// ActionTypes (a typo, a value of another table, a case-only difference with ==). The binder
// records every `ActionType <op> literal(s)` with the ActionTypes each value matches
// (sema/facts.h); tables whose ActionType list is known to be incomplete are skipped.
//
// Severity follows the consequence. When the dead value is the only way the filter can match,
// the rule silently returns nothing: an error. When it is one alternative among values that
// do match (another value of the same `in` list, or another ActionType filter in the same
// `or`), the rule still returns rows and only that alternative is dead: a warning.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "lint/rules/mde_support.h"
#include "lint/rules/rules.h"
#include "syntax/walk.h"

namespace kql::lint {
namespace {

bool is_equality(std::string_view op) {
  return op == "==" || op == "!=" || op == "in" || op == "!in" || op == "=~" || op == "!~" ||
         op == "in~" || op == "!in~";
}
bool is_case_sensitive_equality(std::string_view op) {
  return op == "==" || op == "!=" || op == "in" || op == "!in";
}

bool is_live(const sema::ActionTypeFilter& f) {
  if (f.negated) return false;
  for (const auto& v : f.values)
    if (!v.matches.empty()) return true;
  return false;
}

// The filters that share an `or` with a live filter (one that still selects ActionTypes).
std::set<const ast::Expr*> filters_with_live_alternative(const LintContext& ctx) {
  std::map<const ast::Node*, const sema::ActionTypeFilter*> by_node;
  for (const auto& f : ctx.model.action_type_filters()) by_node[f.expr] = &f;
  std::set<const ast::Expr*> out;
  if (by_node.empty()) return out;
  // Iterative walks: a query may chain thousands of `or`s.
  auto filters_below = [&](const ast::Node& root) {
    std::vector<const sema::ActionTypeFilter*> found;
    std::vector<const ast::Node*> stack{&root};
    while (!stack.empty()) {
      const ast::Node* n = stack.back();
      stack.pop_back();
      if (auto it = by_node.find(n); it != by_node.end()) found.push_back(it->second);
      ast::for_each_child(*n, [&](const ast::Node& c) { stack.push_back(&c); });
    }
    return found;
  };
  std::vector<const ast::Node*> stack;
  for (const auto* st : ctx.tree.statements) stack.push_back(st);
  while (!stack.empty()) {
    const ast::Node* n = stack.back();
    stack.pop_back();
    if (n->kind == ast::NodeKind::Binary &&
        static_cast<const ast::Binary*>(n)->op == ast::BinaryOp::Or) {
      // The outermost `or` decides for every filter below it.
      auto filters = filters_below(*n);
      if (std::any_of(filters.begin(), filters.end(), [](auto* f) { return is_live(*f); }))
        for (auto* f : filters) out.insert(f->expr);
      continue;
    }
    ast::for_each_child(*n, [&](const ast::Node& c) { stack.push_back(&c); });
  }
  return out;
}

class UnknownActionType final : public Rule {
 public:
  UnknownActionType() : Rule("unknown-action-type") {}

  void check(const LintContext& ctx) const override {
    std::set<std::pair<uint32_t, std::string>> seen;       // a let-bound list may be used twice
    std::optional<std::set<const ast::Expr*>> in_live_or;  // computed on the first finding
    for (const auto& f : ctx.model.action_type_filters()) {
      if (!f.table || f.table->action_types_open_ended || f.table->action_types.empty()) continue;
      for (const auto& v : f.values) {
        if (!v.matches.empty()) continue;
        Span span = mde::value_span(ctx, v.span, v.text);
        if (!seen.insert({span.begin, v.text}).second) continue;
        if (!in_live_or) in_live_or = filters_with_live_alternative(ctx);
        report_value(ctx, f, v, span, is_live(f) || in_live_or->count(f.expr) > 0);
      }
    }
  }

 private:
  void report_value(const LintContext& ctx, const sema::ActionTypeFilter& f,
                    const sema::ActionTypeFilter::Value& v, Span span,
                    bool other_alternatives_match) const {
    const schema::Table& t = *f.table;
    const std::string consequence = f.negated ? ", so this comparison excludes nothing"
                                    : other_alternatives_match
                                        ? ": this alternative never matches (the others still do)"
                                        : ", so this comparison never matches";
    // A dead alternative loses some events; a dead filter loses all of them.
    const Severity severity = other_alternatives_match ? Severity::Warning : doc().severity;
    const bool equality = is_equality(f.op);
    const bool unverified =
        std::find(t.unverified_action_types.begin(), t.unverified_action_types.end(), v.text) !=
        t.unverified_action_types.end();
    // A case-only difference: == and in compare case-sensitively.
    if (!v.case_insensitive_matches.empty()) {
      const std::string& right = v.case_insensitive_matches.front()->name;
      auto& d = ctx.report(doc(), span,
                           "ActionType '" + v.text + "' does not exist on " + t.name +
                               ": it is spelled '" + right + "' and '" + f.op +
                               "' compares case-sensitively" + consequence);
      d.help = "write '" + right + "' exactly as Defender does";
      d.severity = severity;
      // Public queries also use this spelling: the documented one may not be the only one.
      if (unverified) d.severity = Severity::Warning;
      if (is_case_sensitive_equality(f.op) && ctx.text(span).size() == v.text.size() + 2) {
        Fix fix;
        fix.description = "spell the ActionType '" + right + "'";
        fix.edits.push_back({ctx.diags.to_file(span), mde::quoted(right)});
        d.fix = std::move(fix);
      }
      return;
    }
    std::string message = equality ? "'" + v.text + "' is not an ActionType of " + t.name
                                   : "no ActionType of " + t.name + " satisfies 'ActionType " +
                                         f.op + " " + mde::quoted(v.text) + "'";
    if (unverified)
      message +=
          " in Microsoft's documentation (public queries use it, but no Microsoft source "
          "confirms that Defender writes it)";
    auto& d = ctx.report(doc(), span, message + (unverified ? "" : consequence));
    d.severity = severity;
    // Weaker evidence, weaker finding: the documented list may lag behind the data.
    if (unverified) d.severity = Severity::Warning;
    std::vector<std::string_view> names;
    for (const auto& at : t.action_types) names.push_back(at.name);
    auto close = schema::did_you_mean(v.text, names);
    if (!close.empty()) {
      std::vector<std::string_view> views(close.begin(), close.end());
      d.help = "did you mean " + mde::quoted_list(views) + "?";
    } else {
      d.help = "`kqlint schema " + t.name + "` lists the ActionTypes of " + t.name;
    }
    if (equality) {
      const std::vector<std::string> tables = ctx.schema.table_names();
      std::vector<std::string_view> elsewhere;
      for (const auto& name : tables) {
        const schema::Table* other = ctx.schema.find_table(name);
        if (other && other != &t && other->find_action_type(v.text)) elsewhere.push_back(name);
      }
      if (!elsewhere.empty())
        d.notes.push_back({"'" + v.text + "' is an ActionType of " + mde::quoted_list(elsewhere) +
                               ", not of " + t.name,
                           std::nullopt});
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_unknown_action_type() { return std::make_unique<UnknownActionType>(); }

}  // namespace kql::lint
