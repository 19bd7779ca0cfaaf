// zeek-no-initiating-process: InitiatingProcess* columns read on DeviceNetworkEvents rows that
// are filtered only to Zeek-derived inspections (schema: ActionTypes with a Zeek log or an L7
// Zeek layer; caveat zeek_no_process). The sensor sees packets, not processes, so the columns
// are empty there and a filter on them never matches.
#include "lint/rules/row_flow.h"
#include "lint/rules/rules.h"

namespace kql::lint {
namespace {

class ZeekNoInitiatingProcess final : public Rule {
 public:
  ZeekNoInitiatingProcess() : Rule("zeek-no-initiating-process") {}

  void check(const LintContext& ctx) const override {
    RowFlow flow(ctx.model);
    for (const auto& ref : ctx.model.column_refs()) {
      if (ref.name.find("InitiatingProcess") == std::string_view::npos || !ref.origin) continue;
      const sema::Stage* stage = ctx.model.stage(ref.stage);
      // The column must still be the table's own column on that table's rows.
      if (!stage || stage->table != ref.origin || ref.origin->action_types.empty()) continue;
      const sema::ActionTypeSet* set = flow.final_action_types(ref.stage);
      if (!set || set->all || set->values.empty()) continue;
      bool all_zeek = true;
      for (const auto* at : set->values) all_zeek = all_zeek && is_zeek_derived(*at);
      if (!all_zeek || flow.joins_in(ref.stage, ref.origin)) continue;
      auto& d = ctx.report(doc(), ref.span,
                           std::string(ref.name) + " is empty on " + list_names(set->values) +
                               " events: Defender's Zeek sensor records packets, not processes");
      d.help =
          "to find the process, join to ConnectionSuccess events on DeviceId, LocalIP, "
          "LocalPort, RemoteIP, RemotePort and a time bin such as bin(Timestamp, 5m)";
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_zeek_no_initiating_process() {
  return std::make_unique<ZeekNoInitiatingProcess>();
}

}  // namespace kql::lint
