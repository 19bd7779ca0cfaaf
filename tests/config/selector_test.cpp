// Rule selectors: codes, names, prefixes, specificity.
#include <doctest/doctest.h>

#include "config/rule_selector.h"
#include "config_test_support.h"

using namespace kql;

TEST_CASE("exact codes (any case) and names are the most specific") {
  CHECK(selector_specificity("KQL1003", "KQL1003", "unknown-column") == 1000);
  CHECK(selector_specificity("kql1003", "KQL1003", "unknown-column") == 1000);
  CHECK(selector_specificity("unknown-column", "KQL1003", "unknown-column") == 1000);
  CHECK(selector_specificity("Unknown-Column", "KQL1003", "unknown-column") == 0);
}

TEST_CASE("code prefixes and name prefixes at '-' boundaries") {
  int kql1 = selector_specificity("KQL1", "KQL1003", "unknown-column");
  int kql10 = selector_specificity("KQL10", "KQL1003", "unknown-column");
  CHECK(kql1 > 0);
  CHECK(kql10 > kql1);
  CHECK(selector_specificity("KQL2", "KQL1003", "unknown-column") == 0);
  CHECK(selector_specificity("zeek", "KQL1101", "zeek-uid-unavailable") > 0);
  CHECK(selector_specificity("zeek-uid", "KQL1101", "zeek-uid-unavailable") >
        selector_specificity("zeek", "KQL1101", "zeek-uid-unavailable"));
  CHECK(selector_specificity("zeek-", "KQL1101", "zeek-uid-unavailable") > 0);
  CHECK(selector_specificity("zee", "KQL1101", "zeek-uid-unavailable") == 0);
  CHECK(selector_specificity("all", "KQL1101", "zeek-uid-unavailable") == 1);
}

TEST_CASE("known selectors") {
  auto rules = test::known_rules();
  CHECK(selector_is_known("KQL1", rules));
  CHECK(selector_is_known("zeek", rules));
  CHECK(selector_is_known("ALL", rules));
  CHECK_FALSE(selector_is_known("KQL9", rules));
  CHECK_FALSE(selector_is_known("unknown-colum", rules));
}

TEST_CASE("input, syntax and config codes are protected") {
  CHECK(is_protected_code("KQL0001"));
  CHECK(is_protected_code("KQL0010"));
  CHECK_FALSE(is_protected_code("KQL1003"));
}
