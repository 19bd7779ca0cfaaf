// zeek-uid-without-localip: a join, lookup, summarize-by or distinct keyed on the Zeek uid
// (AdditionalFields.uid, or a column holding it) without LocalIP among its keys. In Defender
// the same uid string repeats across unrelated hosts, so uid alone merges unrelated events;
// uid with LocalIP is what the seed write-up found trustworthy.
#include <cctype>

#include "lint/rules/row_flow.h"
#include "lint/rules/rules.h"

namespace kql::lint {
namespace {

constexpr std::string_view kUid = "uid";

bool mentions_local_ip(std::string_view name) {
  static constexpr std::string_view kLocalIp = "localip";
  if (name.size() < kLocalIp.size()) return false;
  for (size_t i = 0; i + kLocalIp.size() <= name.size(); ++i) {
    size_t k = 0;
    while (k < kLocalIp.size() &&
           std::tolower(static_cast<unsigned char>(name[i + k])) == kLocalIp[k])
      ++k;
    if (k == kLocalIp.size()) return true;
  }
  return false;
}

class ZeekUidWithoutLocalIp final : public Rule {
 public:
  ZeekUidWithoutLocalIp() : Rule("zeek-uid-without-localip") {}

  void check(const LintContext& ctx) const override {
    for (const auto* stmt : ctx.tree.statements) {
      walk_tree(*stmt, [&](const ast::Node& n) {
        if (n.kind != ast::NodeKind::Operator) return;
        const auto& op = static_cast<const ast::Operator&>(n);
        switch (op.op_kind) {
          case ast::OperatorKind::Join:
          case ast::OperatorKind::Lookup: {
            const auto& j = static_cast<const ast::JoinOp&>(op);
            check_keys(ctx, op, j.on, "joins on");
            break;
          }
          case ast::OperatorKind::Summarize: {
            const auto& s = static_cast<const ast::SummarizeOp&>(op);
            check_keys(ctx, op, s.by, "groups by");
            break;
          }
          case ast::OperatorKind::Distinct: {
            const auto& l = static_cast<const ast::ListOp&>(op);
            check_keys(ctx, op, l.items, "is distinct on");
            break;
          }
          default:
            break;
        }
      });
    }
  }

 private:
  // The span of the first name in `key` that holds the uid, or an empty span.
  static Span uid_span(const LintContext& ctx, const ast::Expr& key) {
    for (const auto& ref : ctx.model.column_refs())
      if (ref.af_key == kUid && inside(ref.span, key.span)) return ref.span;
    for (const auto& read : ctx.model.additional_field_reads())
      if (read.key == kUid && inside(read.key_span, key.span)) return read.key_span;
    return {};
  }

  // Whether a key names a LocalIP column (LocalIP, LocalIP1 after a join, $left.LocalIP ...);
  // read from the syntax so that it also works on columns the binder could not resolve.
  static bool has_local_ip(const ast::Expr& key) {
    bool found = false;
    walk_tree(key, [&](const ast::Node& n) {
      if (n.kind == ast::NodeKind::Name)
        found = found || mentions_local_ip(static_cast<const ast::Name&>(n).name);
      else if (n.kind == ast::NodeKind::Member)
        found = found || mentions_local_ip(static_cast<const ast::Member&>(n).member);
    });
    return found;
  }

  void check_keys(const LintContext& ctx, const ast::Operator& op,
                  const std::vector<ast::Expr*>& keys, std::string_view verb) const {
    Span uid;
    for (const ast::Expr* k : keys) {
      if (!k) continue;
      if (has_local_ip(*k)) return;
      if (uid.empty()) uid = uid_span(ctx, *k);
    }
    if (uid.empty()) return;
    std::string name(ctx.text(uid));
    auto& d = ctx.report(doc(), uid,
                         std::string(ast::operator_name(op.op_kind)) + " " + std::string(verb) +
                             " '" + name +
                             "', the Zeek connection uid, without LocalIP: the same uid repeats "
                             "across unrelated hosts and connections");
    d.help = "add LocalIP to the keys (e.g. `" + name + ", LocalIP`) so that only events of the " +
             "same connection on the same host are matched";
  }
};

}  // namespace

std::unique_ptr<Rule> make_zeek_uid_without_localip() {
  return std::make_unique<ZeekUidWithoutLocalIp>();
}

}  // namespace kql::lint
