// unknown-additional-field: a key read from AdditionalFields that none of the ActionTypes the
// stage is filtered to carries. Only reported where the schema's key lists are solid evidence:
// every filtered ActionType must have a key list that is complete by construction (the fields
// of the Zeek log a network inspection is derived from) or documented by Microsoft. Key lists
// gathered from public queries alone are incomplete, so a key missing from them proves nothing.
#include <algorithm>
#include <cctype>
#include <set>

#include "lint/rules/mde_support.h"
#include "lint/rules/rules.h"

namespace kql::lint {
namespace {

bool has_solid_key_list(const schema::ActionType& at) {
  if (at.additional_fields.empty()) return false;
  if (!at.zeek_log.empty()) return true;
  return std::any_of(at.additional_fields.begin(), at.additional_fields.end(), [](const auto& f) {
    return f.status == "documented" || f.status == "documented_blog";
  });
}

bool equals_ci(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

class UnknownAdditionalField final : public Rule {
 public:
  UnknownAdditionalField() : Rule("unknown-additional-field") {}

  void check(const LintContext& ctx) const override {
    std::set<uint32_t> seen;
    for (const auto& r : ctx.model.additional_field_reads()) {
      const sema::Stage* stage = ctx.model.stage(r.stage);
      if (!stage || !stage->table || stage->action_types.all) continue;
      if (r.table && r.table != stage->table) continue;
      const schema::Table& t = *stage->table;
      const auto& filtered = stage->action_types.values;
      if (filtered.empty() || t.action_types_open_ended) continue;
      if (std::any_of(t.unfiltered_additional_fields.begin(), t.unfiltered_additional_fields.end(),
                      [&](const auto& f) { return f.key == r.key; }))
        continue;
      if (!std::all_of(filtered.begin(), filtered.end(),
                       [](const auto* at) { return has_solid_key_list(*at); }))
        continue;
      if (std::any_of(filtered.begin(), filtered.end(),
                      [&](const auto* at) { return at->find_field(r.key) != nullptr; }))
        continue;
      if (!seen.insert(r.key_span.begin).second) continue;
      report(ctx, r, t, filtered);
    }
  }

 private:
  void report(const LintContext& ctx, const sema::AdditionalFieldRead& r, const schema::Table& t,
              const std::vector<const schema::ActionType*>& filtered) const {
    const std::string key(r.key);
    auto names = mde::names_of(filtered);
    auto& d = ctx.report(doc(), r.key_span,
                         "AdditionalFields key '" + key + "' is never carried by " +
                             mde::quoted_list(names) + " events of " + t.name +
                             ", so it is empty on every row this stage reads");
    // The same key in another case, on the filtered ActionTypes: JSON keys are case-sensitive.
    for (const auto* at : filtered)
      for (const auto& f : at->additional_fields)
        if (equals_ci(f.key, key)) {
          d.help = "keys are case-sensitive: " + at->name + " carries '" + f.key + "'";
          return;
        }
    std::vector<std::string_view> carriers;
    for (const auto& at : t.action_types)
      if (at.find_field(r.key)) carriers.push_back(at.name);
    if (!carriers.empty()) {
      d.help = "'" + key + "' is carried by " + mde::quoted_list(carriers) +
               "; filter on that ActionType, or read a key " + std::string(names.front()) +
               " carries";
    } else {
      std::vector<std::string_view> keys;
      for (const auto& f : filtered.front()->additional_fields) keys.push_back(f.key);
      d.help = "no ActionType of " + t.name + " is known to carry '" + key + "'; " +
               std::string(names.front()) + " carries " + mde::quoted_list(keys, 10);
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_unknown_additional_field() {
  return std::make_unique<UnknownAdditionalField>();
}

}  // namespace kql::lint
