// Keeps the rule docs honest: for every documented rule that is implemented, the doc's `bad`
// example triggers that rule and its `good` example does not. Detection-only rules are run as
// detections. Neither example may draw an error from another rule (a broken example would).
#include <doctest/doctest.h>

#include <set>

#include "lint/catalogue.h"
#include "lint/rule.h"
#include "lint_harness.h"

using namespace kql::lint;

namespace {

std::set<std::string> implemented() {
  std::set<std::string> names;
  for (const auto& r : all_rules()) names.insert(r->doc().name);
  return names;
}

std::string others_errors(const test::LintRun& run, const std::string& rule) {
  std::string out;
  for (const auto& d : run.all)
    if (d.name != rule && d.severity == kql::Severity::Error)
      out += d.name + ": " + d.message + "\n";
  return out;
}

}  // namespace

TEST_CASE("each implemented rule's bad example triggers it and its good example does not") {
  const auto names = implemented();
  size_t checked = 0;
  for (const auto& doc : catalogue()) {
    if (!names.count(doc.name)) {
      MESSAGE("skipped " << doc.name << ": not implemented yet (not in all_rules())");
      continue;
    }
    CAPTURE(doc.name);
    LintSettings settings;
    settings.detection = doc.detection_only;
    auto bad = test::lint_text(doc.bad, settings);
    auto good = test::lint_text(doc.good, settings);
    CHECK_MESSAGE(bad.parsed, "bad example does not parse");
    CHECK_MESSAGE(good.parsed, "good example does not parse");
    CHECK_MESSAGE(!bad.of(doc.name).empty(), "bad example does not trigger the rule");
    CHECK_MESSAGE(good.of(doc.name).empty(), "good example triggers the rule");
    for (const auto* d : bad.of(doc.name)) CHECK(d->code == doc.code);
    std::string bad_others = others_errors(bad, doc.name);
    std::string good_others = others_errors(good, doc.name);
    CHECK_MESSAGE(bad_others.empty(), "bad example: errors of other rules\n" << bad_others);
    CHECK_MESSAGE(good_others.empty(), "good example: errors of other rules\n" << good_others);
    ++checked;
  }
  // At least the rules of this test's author and the first example rule are implemented.
  CHECK(checked >= 9);
}
