// http-inspection-over-tls: rows filtered to HttpConnectionInspected compared with port 443 or
// an https URL. Defender's Zeek sensor sees only cleartext HTTP (caveat tls_not_decrypted), so
// such a comparison never matches; TLS sessions surface as SslConnectionInspected.
#include <cctype>

#include "lint/rules/row_flow.h"
#include "lint/rules/rules.h"

namespace kql::lint {
namespace {

constexpr std::string_view kHttp = "HttpConnectionInspected";
constexpr int64_t kHttpsPort = 443;

bool is_port_subject(const sema::Comparison& c) {
  return c.column == "RemotePort" || c.column == "LocalPort" || c.af_key == "id.resp_p" ||
         c.af_key == "id.orig_p";
}

// Operators under which a matching value selects rows (not `!=`, `!in`, `!startswith` ...).
bool selects(std::string_view op) { return !op.empty() && op.front() != '!'; }

// Operators that compare the start of a value, where `https` means the URL scheme (a
// `contains "https"` may legitimately match a cleartext URL that carries an https link).
bool compares_prefix(std::string_view op) {
  return op == "==" || op == "=~" || op == "in" || op == "in~" || op == "startswith" ||
         op == "startswith_cs" || op == "hasprefix" || op == "hasprefix_cs";
}

bool starts_with_https(std::string_view s) {
  static constexpr std::string_view kHttps = "https";
  if (s.size() < kHttps.size()) return false;
  for (size_t i = 0; i < kHttps.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != kHttps[i]) return false;
  return true;
}

bool is_https_port(const ast::Literal& l) {
  switch (l.literal_kind) {
    case ast::LiteralKind::Int:
    case ast::LiteralKind::Long:
      return l.int_value == kHttpsPort;
    case ast::LiteralKind::String:
      return l.value == "443";
    default:
      return false;
  }
}

class HttpInspectionOverTls final : public Rule {
 public:
  HttpInspectionOverTls() : Rule("http-inspection-over-tls") {}

  void check(const LintContext& ctx) const override {
    RowFlow flow(ctx.model);
    for (const auto& c : ctx.model.comparisons()) {
      if (!selects(c.op)) continue;
      const sema::ActionTypeSet* set = flow.final_action_types(c.stage);
      // Only rows that are HttpConnectionInspected and nothing else: with other ActionTypes
      // kept too, port 443 may be what the other ones are filtered for.
      if (!set || set->all || set->values.size() != 1 || set->values[0]->name != kHttp) continue;
      for (const auto& v : c.values) {
        if (!v.literal) continue;
        if (is_port_subject(c) && is_https_port(*v.literal)) {
          report(ctx, v.span,
                 std::string(c.column.empty() ? c.af_key : c.column) + " " + c.op + " " +
                     std::string(ctx.text(v.span)) +
                     " never matches HttpConnectionInspected events: Defender's Zeek sensor does "
                     "not decrypt TLS, so HTTP inspections are cleartext HTTP only");
        } else if (v.literal->literal_kind == ast::LiteralKind::String && compares_prefix(c.op) &&
                   starts_with_https(v.literal->value)) {
          report(ctx, v.span,
                 "'" + v.literal->value +
                     "' never matches HttpConnectionInspected events: Defender's Zeek sensor does "
                     "not decrypt TLS, so HTTP inspections never see https URLs");
        }
      }
    }
  }

 private:
  void report(const LintContext& ctx, Span span, std::string message) const {
    auto& d = ctx.report(doc(), span, std::move(message));
    d.help =
        "for TLS traffic filter on ActionType == \"SslConnectionInspected\" and read its "
        "AdditionalFields (server_name, version, cipher, ja3)";
  }
};

}  // namespace

std::unique_ptr<Rule> make_http_inspection_over_tls() {
  return std::make_unique<HttpInspectionOverTls>();
}

}  // namespace kql::lint
