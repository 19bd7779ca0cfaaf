// Zeek spelling helpers and the constant folding of KQL string operators.
#include <doctest/doctest.h>

#include "backend/zeek/values.h"
#include "backend/zeek/zeek_text.h"

using namespace kql::zeek;
using kql::ast::BinaryOp;

TEST_CASE("string literals escape quotes, backslashes and non-ASCII bytes") {
  CHECK(string_literal("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(string_literal("\xc3\xbc\n") == "\"\\xc3\\xbc\\x0a\"");
}

TEST_CASE("rule names become Zeek identifiers") {
  CHECK(identifier("Lumma stealer - Tesla UA") == "Lumma_stealer_Tesla_UA");
  CHECK(identifier("01-dns") == "Rule_01_dns");
  CHECK(identifier("---") == "Rule");
}

TEST_CASE("term patterns anchor on non-alphanumeric neighbours") {
  CHECK(term_pattern_body("login", TermAnchor::Both) == "(^|[^[:alnum:]])login([^[:alnum:]]|$)");
  CHECK(term_pattern_body("adm", TermAnchor::Prefix) == "(^|[^[:alnum:]])adm");
  CHECK(term_pattern_body("php", TermAnchor::Suffix) == "php([^[:alnum:]]|$)");
  CHECK(term_alternation_body({"a.b", "c d"}, TermAnchor::Both) ==
        "(^|[^[:alnum:]])(a\\.b|c\\x20d)([^[:alnum:]]|$)");
  CHECK(term_needle_ok("foo.bar"));
  CHECK(!term_needle_ok(".exe"));
  CHECK(!term_needle_ok("exe."));
  CHECK(!term_needle_ok(""));
}

TEST_CASE("KQL has on constants is a whole-term match") {
  CHECK(kql_has_term("North America", "america", false));
  CHECK(!kql_has_term("North America", "americ", false));
  CHECK(!kql_has_term("North America", "america", true));
  CHECK(kql_has_term("a-foo.bar;b", "foo.bar", true));
  CHECK(!kql_has_term("xfoo.bar", "foo.bar", true));
  CHECK(kql_has_term("administrator", "adm", false, /*prefix_only=*/true));
  CHECK(!kql_has_term("sysadmin", "adm", false, /*prefix_only=*/true));
}

TEST_CASE("folding string operators follows KQL's case rules") {
  CHECK(fold_string_op(BinaryOp::EqTilde, "HttpConnectionInspected", "httpconnectioninspected") ==
        true);
  CHECK(fold_string_op(BinaryOp::Eq, "HttpConnectionInspected", "httpconnectioninspected") ==
        false);
  CHECK(fold_string_op(BinaryOp::StartsWith, "InboundConnectionAccepted", "inbound") == true);
  CHECK(fold_string_op(BinaryOp::NotEndsWithCs, "DnsConnectionInspected", "inspected") == true);
  CHECK(fold_string_op(BinaryOp::Contains, "NetworkSignatureInspected", "SIGNATURE") == true);
  CHECK(!fold_string_op(BinaryOp::Contains,
                        "\xc3\x9c"
                        "ber",
                        "\xc3\xbc")
             .has_value());
  CHECK(fold_string_op(BinaryOp::MatchesRegex, "a", "a") == std::nullopt);
}

TEST_CASE("three-valued predicates: not swaps, and/or fold constants") {
  ZPred p = z_pred("rec?$x", "rec$x > 1");
  CHECK(p.when_true == "rec?$x && rec$x > 1");
  CHECK(p.when_false == "rec?$x && ! (rec$x > 1)");
  CHECK(p_not(p).when_true == p.when_false);
  CHECK(p_and(z_const(true), p).when_true == p.when_true);
  CHECK(p_or(z_const(true), p).when_true == "T");
  CHECK(z_and("a || b", "c") == "(a || b) && c");
  CHECK(z_not("! x") == "x");
}

TEST_CASE("timespans become Zeek interval literals in their largest exact unit") {
  CHECK(interval_literal(36'000'000'000) == "1hr");
  CHECK(interval_literal(7 * 864'000'000'000LL) == "7day");
  CHECK(interval_literal(18'000'000'000) == "30min");
  CHECK(interval_literal(15'000'000) == "1500msec");
}
