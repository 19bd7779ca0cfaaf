// detection-missing-required-column: a custom detection's result (the binder's row schema of
// the last statement) must keep the time column, ReportId and at least one entity column, or
// Defender refuses the rule or raises alerts without entities. The required names are data:
// the [required_columns] table of the rule's own doc file. Open result schemas (unknown
// tables, unmodelled operators) are not judged, nor Sentinel analytics rules (sentinel profile),
// which map entities in the rule definition instead.
#include <toml++/toml.h>

#include "lint/embedded_docs.h"
#include "lint/rules/row_flow.h"
#include "lint/rules/rules.h"

namespace kql::lint {
namespace {

struct RequiredColumns {
  std::vector<std::string> time, event, entity;
};

const RequiredColumns& required_columns() {
  static const RequiredColumns req = [] {
    RequiredColumns r;
    for (const auto& f : embedded_files()) {
      if (f.name != "detection-missing-required-column.toml") continue;
      toml::table t = toml::parse(f.contents, f.name);
      auto list = [&](const char* key, std::vector<std::string>& out) {
        if (auto* a = t["required_columns"][key].as_array())
          for (const auto& v : *a)
            if (auto s = v.value<std::string>()) out.push_back(*s);
      };
      list("time", r.time);
      list("event", r.event);
      list("entity", r.entity);
    }
    return r;
  }();
  return req;
}

bool has_any(const sema::RowSchema& rows, const std::vector<std::string>& names) {
  for (const auto& n : names)
    if (rows.find(n)) return true;
  return false;
}

std::string join_names(const std::vector<std::string>& names, size_t max, const char* last) {
  std::string out;
  for (size_t i = 0; i < names.size() && i < max; ++i) {
    if (i) out += (i + 1 == names.size() || i + 1 == max) ? last : ", ";
    out += names[i];
  }
  if (names.size() > max) out += ", ...";
  return out;
}

// Whether a table the query reads has the column: ReportId cannot be asked of a query over
// tables that have none (AlertInfo, the DeviceTvm* inventories ...).
bool read_tables_have(const LintContext& ctx, std::string_view column) {
  for (const auto& stage : ctx.model.stages())
    if (stage.table && stage.table->has_column(column)) return true;
  return false;
}

class DetectionMissingRequiredColumn final : public Rule {
 public:
  DetectionMissingRequiredColumn() : Rule("detection-missing-required-column") {}

  void check(const LintContext& ctx) const override {
    if (ctx.settings.profile == schema::Profile::Sentinel) return;
    const sema::RowSchema* result = ctx.model.result();
    if (!result || result->open) return;
    const RequiredColumns& req = required_columns();
    std::vector<std::string> missing;
    if (!req.time.empty() && !has_any(*result, req.time)) {
      missing.push_back(req.time.front());
    }
    for (const auto& e : req.event)
      if (!result->find(e) && read_tables_have(ctx, e)) missing.push_back(e);
    if (!req.entity.empty() && !has_any(*result, req.entity)) {
      missing.push_back("an entity column (" + join_names(req.entity, 4, " or ") + ")");
    }
    if (missing.empty()) return;
    std::string what = missing[0];
    for (size_t i = 1; i < missing.size(); ++i)
      what += (i + 1 == missing.size() ? " and " : ", ") + missing[i];
    auto& d = ctx.report(doc(), blame_span(ctx, req),
                         "the custom detection's result " + result->to_string() + " lacks " + what);
    d.help =
        "Defender needs Timestamp and ReportId to link each alert to its event and an entity "
        "column to attach it to: keep them in the final project, or after summarize use "
        "arg_max(Timestamp, *) by the entity";
  }

 private:
  // The operator that dropped a required column: the first one along the final pipeline whose
  // input still had every required column its output lacks; else the last operator.
  static Span blame_span(const LintContext& ctx, const RequiredColumns& req) {
    const ast::Expr* e = nullptr;
    for (auto it = ctx.tree.statements.rbegin(); it != ctx.tree.statements.rend(); ++it)
      if ((*it)->kind == ast::NodeKind::QueryStatement) {
        e = static_cast<const ast::QueryStatement*>(*it)->expr;
        break;
      }
    if (!e) return ctx.tree.statements.empty() ? Span{} : ctx.tree.statements.back()->span;
    std::vector<const ast::Pipe*> chain;  // last operator first
    while (e && e->kind == ast::NodeKind::Pipe) {
      chain.push_back(static_cast<const ast::Pipe*>(e));
      e = static_cast<const ast::Pipe*>(e)->input;
    }
    if (chain.empty()) return e ? e->span : Span{};
    auto satisfied = [&](const sema::RowSchema* rows) {
      if (!rows) return true;
      if (rows->open) return true;
      bool ok = has_any(*rows, req.time) && has_any(*rows, req.entity);
      for (const auto& ev : req.event) ok = ok && (rows->find(ev) || !read_tables_have(ctx, ev));
      return ok;
    };
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      const ast::Operator* op = (*it)->op;
      if (!op) continue;
      if (satisfied(ctx.model.input_of(op)) && !satisfied(ctx.model.output_of(op)))
        return op->keyword_span;
    }
    const ast::Operator* last = chain.front()->op;
    return last ? last->keyword_span : chain.front()->span;
  }
};

}  // namespace

std::unique_ptr<Rule> make_detection_missing_required_column() {
  return std::make_unique<DetectionMissingRequiredColumn>();
}

}  // namespace kql::lint
