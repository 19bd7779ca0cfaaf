// unknown-enum-value: an enumerated column compared for equality (==, !=, =~, in, in~ ...) with
// a value outside its value list in every letter case. Only for lists the schema marks
// exhaustive: most documented lists say "for example", and a value missing from them proves
// nothing. (A value that exists in another case is enum-value-case's finding.)
#include <set>

#include "lint/rules/mde_support.h"
#include "lint/rules/rules.h"

namespace kql::lint {
namespace {

bool is_equality(std::string_view op) {
  return op == "==" || op == "!=" || op == "in" || op == "!in" || op == "=~" || op == "!~" ||
         op == "in~" || op == "!in~";
}

class UnknownEnumValue final : public Rule {
 public:
  UnknownEnumValue() : Rule("unknown-enum-value") {}

  void check(const LintContext& ctx) const override {
    std::set<uint32_t> seen;
    for (const auto& c : ctx.model.comparisons()) {
      if (!is_equality(c.op)) continue;
      const schema::Enumeration* e = mde::enumeration_of(ctx, c);
      if (!e || !e->exhaustive || e->values.empty()) continue;
      for (const auto& v : c.values) {
        const std::string* value = mde::string_value(v);
        if (!value || value->empty() || e->contains(*value) || e->case_variant(*value)) continue;
        if (!seen.insert(v.span.begin).second) continue;
        const bool negated = c.op.starts_with("!");
        std::vector<std::string_view> values(e->values.begin(), e->values.end());
        auto& d = ctx.report(doc(), v.span,
                             "'" + *value + "' is not a value of " + e->table + "." + e->column +
                                 " (it takes " + mde::quoted_list(values, values.size()) +
                                 "), so this comparison " +
                                 (negated ? "excludes nothing" : "never matches"));
        auto close = schema::did_you_mean(*value, values);
        if (!close.empty()) {
          std::vector<std::string_view> views(close.begin(), close.end());
          d.help = "did you mean " + mde::quoted_list(views) + "?";
        } else {
          d.help = "compare with one of the values Defender writes";
        }
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_unknown_enum_value() { return std::make_unique<UnknownEnumValue>(); }

}  // namespace kql::lint
