// deprecated-function: calls of legacy aliases (parsejson, makeset, any, ...) with a safe fix
// that renames the call. The replacement comes from the function catalogue's deprecated_by.
#include "lint/rules/rules.h"
#include "syntax/walk.h"

namespace kql::lint {
namespace {

class DeprecatedFunction final : public Rule {
 public:
  DeprecatedFunction() : Rule("deprecated-function") {}

  void check(const LintContext& ctx) const override {
    for (const auto* stmt : ctx.tree.statements) visit(ctx, *stmt);
  }

 private:
  void visit(const LintContext& ctx, const ast::Node& root) const {
    // Iterative walk: trees can be deep.
    std::vector<const ast::Node*> stack{&root};
    while (!stack.empty()) {
      const ast::Node* n = stack.back();
      stack.pop_back();
      if (n->kind == ast::NodeKind::Call) check_call(ctx, static_cast<const ast::Call&>(*n));
      ast::for_each_child(*n, [&](const ast::Node& c) { stack.push_back(&c); });
    }
  }

  void check_call(const LintContext& ctx, const ast::Call& call) const {
    const auto* fn = ctx.schema.functions().find(call.callee);
    if (!fn || fn->deprecated_by.empty()) return;
    auto& d = ctx.report(doc(), call.callee_span,
                         "'" + call.callee + "' is deprecated; use '" + fn->deprecated_by + "'");
    d.help = "'" + fn->deprecated_by + "' is the current name of the same function";
    Fix fix;
    fix.description = "rename '" + call.callee + "' to '" + fn->deprecated_by + "'";
    fix.edits.push_back({ctx.diags.to_file(call.callee_span), fn->deprecated_by});
    d.fix = std::move(fix);
  }
};

}  // namespace

std::unique_ptr<Rule> make_deprecated_function() { return std::make_unique<DeprecatedFunction>(); }

}  // namespace kql::lint
