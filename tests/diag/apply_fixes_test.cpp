// Applying the safe fixes of a file: order, overlaps, duplicates, unsafe fixes.
#include "diag/apply_fixes.h"

#include <doctest/doctest.h>

#include "sample_report.h"

using namespace kql;
using kql::test::range_of;

namespace {

Diagnostic with_fix(const SourceFile& f, std::vector<Edit> edits, bool safe = true) {
  Diagnostic d;
  d.code = "KQL1010";
  d.name = "enum-value-case";
  d.severity = Severity::Warning;
  d.message = "m";
  d.file = &f;
  d.fix = Fix{"", std::move(edits), safe};
  return d;
}

}  // namespace

TEST_CASE("the sample report's safe fixes rewrite the fixture, the unsafe one is left") {
  kql::test::SampleReport r;
  FixOutcome out = apply_fixes(*r.inspections, r.diags);
  CHECK(out.applied == 2);
  CHECK(out.skipped == 0);
  CHECK(out.text.find("| where Protocol == \"Tcp\"\n") != std::string::npos);
  CHECK(out.text.find("and RemotePort == 22") != std::string::npos);
  CHECK(out.text.find("ActionType contains \"InboundConnection\"") != std::string::npos);
  // Only the edited bytes changed.
  CHECK(out.text.size() == r.inspections->text().size() + 1);
  // The other file's diagnostics are not applied to this one.
  FixOutcome crlf = apply_fixes(*r.crlf, r.diags);
  CHECK(!crlf.changed());
  CHECK(crlf.text == r.crlf->text());
}

TEST_CASE("an overlapping fix is skipped whole and counted") {
  SourceFile f("a.kql", "T | where Protocol == \"TCP\" | where A == \"UDP\"\n");
  std::vector<Diagnostic> diags;
  diags.push_back(with_fix(f, {{range_of(f, "\"TCP\""), "\"Tcp\""}}));
  // Two edits, one of them inside the first fix's range: must not be half-applied.
  diags.push_back(with_fix(f, {{range_of(f, "UDP"), "Udp"}, {range_of(f, "TCP"), "tcp"}}));
  FixOutcome out = apply_fixes(f, diags);
  CHECK(out.applied == 1);
  CHECK(out.skipped == 1);
  CHECK(out.text == "T | where Protocol == \"Tcp\" | where A == \"UDP\"\n");
}

TEST_CASE("the same fix offered by two diagnostics is applied once") {
  SourceFile f("a.kql", "T | where Protocol == \"TCP\"\n");
  std::vector<Diagnostic> diags{with_fix(f, {{range_of(f, "TCP"), "Tcp"}}),
                                with_fix(f, {{range_of(f, "TCP"), "Tcp"}})};
  FixOutcome out = apply_fixes(f, diags);
  CHECK(out.applied == 1);
  CHECK(out.skipped == 0);
  CHECK(out.text == "T | where Protocol == \"Tcp\"\n");
}

TEST_CASE("insertions: adjacent to a replacement is fine, two at one point conflict") {
  SourceFile f("a.kql", "T | join (U) on K\n");
  FileRange join_end = range_of(f, "join");
  join_end.begin = join_end.end;
  std::vector<Diagnostic> diags{with_fix(f, {{join_end, " kind=inner"}}),
                                with_fix(f, {{join_end, " kind=leftouter"}}),
                                with_fix(f, {{range_of(f, "(U)"), "(V)"}})};
  FixOutcome out = apply_fixes(f, diags);
  CHECK(out.applied == 2);
  CHECK(out.skipped == 1);
  CHECK(out.text == "T | join kind=inner (V) on K\n");
}

TEST_CASE("edits are applied in file order whatever order the fixes come in") {
  SourceFile f("a.kql", "a b c\n");
  std::vector<Diagnostic> diags{with_fix(f, {{{4, 5}, "C"}}), with_fix(f, {{{0, 1}, "A"}}),
                                with_fix(f, {{{2, 3}, ""}})};
  FixOutcome out = apply_fixes(f, diags);
  CHECK(out.applied == 3);
  CHECK(out.text == "A  C\n");
}

TEST_CASE("unsafe fixes and fixes reaching past the end are not applied") {
  SourceFile f("a.kql", "abc");
  std::vector<Diagnostic> diags{with_fix(f, {{{0, 1}, "X"}}, false), with_fix(f, {{{2, 9}, "Y"}})};
  FixOutcome out = apply_fixes(f, diags);
  CHECK(out.applied == 0);
  CHECK(out.skipped == 1);
  CHECK(out.text == "abc");
}
