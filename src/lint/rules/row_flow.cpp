#include "lint/rules/row_flow.h"

#include <string>

namespace kql::lint {

RowFlow::RowFlow(const sema::SemanticModel& model) : model_(model) {
  const auto& stages = model.stages();
  consumers_.resize(stages.size());
  for (size_t i = 0; i < stages.size(); ++i) {
    int in = stages[i].input;
    if (in >= 0 && in < static_cast<int>(stages.size())) consumers_[in].push_back((int)i);
  }
}

const sema::ActionTypeSet* RowFlow::final_action_types(int stage) const {
  const sema::Stage* s = model_.stage(stage);
  if (!s) return nullptr;
  // Stages are created in order, so following consumers always moves forward: no cycles.
  while (consumers_[stage].size() == 1) {
    int next = consumers_[stage].front();
    const sema::Stage* n = model_.stage(next);
    if (!n || n->table != s->table) break;
    stage = next;
    s = n;
  }
  return &s->action_types;
}

bool RowFlow::joins_in(int stage, const schema::Table* table) const {
  for (const sema::Stage* s = model_.stage(stage); s; s = model_.stage(s->input)) {
    if (s->right >= 0) {
      const sema::Stage* r = model_.stage(s->right);
      if (!r || !r->table || r->table == table) return true;
    }
  }
  return false;
}

bool is_zeek_derived(const schema::ActionType& at) {
  return !at.zeek_log.empty() || std::string_view(at.layer).starts_with("L7_zeek");
}

std::string list_names(const std::vector<const schema::ActionType*>& ats, size_t max) {
  std::string out;
  size_t shown = ats.size() <= max ? ats.size() : max - 1;
  for (size_t i = 0; i < shown; ++i) {
    if (i) out += (i + 1 == ats.size()) ? " and " : ", ";
    out += ats[i]->name;
  }
  if (shown < ats.size()) out += " and " + std::to_string(ats.size() - shown) + " more";
  return out;
}

}  // namespace kql::lint
