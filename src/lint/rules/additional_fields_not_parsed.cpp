// additional-fields-not-parsed: `AdditionalFields.key` (or `["key"]`, or through an alias of
// the raw column) on the mde profile, where AdditionalFields is a JSON string. The binder marks
// each AdditionalFields read as parsed or not (sema/facts.h); the fix wraps the column in
// todynamic(), which is what the query means.
#include <set>

#include "lint/rules/rules.h"

namespace kql::lint {
namespace {

// Whether the object read from is the JSON string: the Identity* tables have AdditionalFields as
// dynamic on Defender XDR too, and there `AdditionalFields.key` is fine.
bool is_json_string(const LintContext& ctx, const sema::AdditionalFieldRead& r,
                    const ast::Expr& object) {
  sema::Type t = ctx.model.type_of(&object);
  if (t == sema::Type::Unknown && r.table)
    if (const schema::Column* c = r.table->find_column("AdditionalFields")) t = c->type;
  return t == sema::Type::String;
}

class AdditionalFieldsNotParsed final : public Rule {
 public:
  AdditionalFieldsNotParsed() : Rule("additional-fields-not-parsed") {}

  void check(const LintContext& ctx) const override {
    if (ctx.settings.profile != schema::Profile::Mde) return;
    std::set<const ast::Expr*> seen;
    for (const auto& r : ctx.model.additional_field_reads()) {
      if (r.parsed || !r.expr || !seen.insert(r.expr).second) continue;
      const ast::Expr* object = nullptr;
      if (r.expr->kind == ast::NodeKind::Member)
        object = static_cast<const ast::Member*>(r.expr)->object;
      else if (r.expr->kind == ast::NodeKind::Index)
        object = static_cast<const ast::Index*>(r.expr)->object;
      if (!object || !is_json_string(ctx, r, *object)) continue;
      const std::string via(r.via);
      const std::string object_text(ctx.text(object->span));
      auto& d =
          ctx.report(doc(), r.expr->span,
                     "'" + via + "' is a JSON string in Defender XDR, so '" +
                         std::string(ctx.text(r.expr->span)) + "' reads nothing; parse it first");
      d.help = "write `todynamic(" + object_text + ")` (or parse it once: `extend AF = todynamic(" +
               object_text + ")`); only Sentinel's copy of the table has it as dynamic";
      Fix fix;
      fix.description = "parse '" + object_text + "' with todynamic()";
      fix.edits.push_back({ctx.diags.to_file(object->span), "todynamic(" + object_text + ")"});
      d.fix = std::move(fix);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_additional_fields_not_parsed() {
  return std::make_unique<AdditionalFieldsNotParsed>();
}

}  // namespace kql::lint
