// zeek-uid-unavailable: AdditionalFields.uid read on rows filtered to a mix of ActionTypes of
// which only some carry a Zeek uid (the schema's AdditionalFields keys per ActionType). A pivot
// on uid then silently loses the others, e.g. ConnectionSuccess events cannot be linked to their
// HttpConnectionInspected events by uid. Rows with no ActionType filter are left alone (an
// exploration over everything is deliberate); rows whose ActionTypes never carry uid are
// unknown-additional-field's finding.
#include "lint/rules/row_flow.h"
#include "lint/rules/rules.h"

namespace kql::lint {
namespace {

constexpr std::string_view kUid = "uid";

class ZeekUidUnavailable final : public Rule {
 public:
  ZeekUidUnavailable() : Rule("zeek-uid-unavailable") {}

  void check(const LintContext& ctx) const override {
    RowFlow flow(ctx.model);
    for (const auto& read : ctx.model.additional_field_reads()) {
      if (read.key != kUid || !read.table) continue;
      const sema::ActionTypeSet* set = flow.final_action_types(read.stage);
      if (!set || set->all) continue;
      std::vector<const schema::ActionType*> with, without;
      for (const auto* at : set->values) (at->find_field(kUid) ? with : without).push_back(at);
      if (with.empty() || without.empty()) continue;
      auto& d = ctx.report(doc(), read.key_span,
                           "'uid' is read on " + read.table->name + " rows filtered to " +
                               list_names(without) + ", which never carry a Zeek uid; only " +
                               list_names(with) + " do");
      d.help =
          "connection events cannot be linked to their layer-7 inspections by uid: filter to "
          "the ActionTypes that carry it before reading uid, or correlate on LocalIP, RemoteIP, "
          "LocalPort and a time bin";
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_zeek_uid_unavailable() { return std::make_unique<ZeekUidUnavailable>(); }

}  // namespace kql::lint
