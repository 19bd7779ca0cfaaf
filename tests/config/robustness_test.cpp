// Suppression scanning and config parsing on random and truncated input: no crash, no hang.
#include <doctest/doctest.h>

#include <random>

#include "config/load_config.h"
#include "config/suppressions.h"
#include "config_test_support.h"

using namespace kql;

TEST_CASE("suppression scanning survives random bytes around real directives") {
  const std::string alphabet = "/\"'`@\\\n -,kqlint-disable-next-line file x\xc3\xa9";
  std::mt19937 rng(99);
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    size_t length = rng() % 200;
    for (size_t i = 0; i < length; ++i) text += alphabet[pick(rng)];
    if (round % 3 == 0) text += "\n// kqlint-disable-next-line unknown-column";
    SourceFile f("r.kql", text);
    Query q = Query::whole_file(f);
    std::vector<Diagnostic> diags = {test::finding(&f, 0, "KQL1003", "unknown-column")};
    apply_suppressions({q}, diags, [](std::string_view s) { return s == "unknown-column"; });
    for (const Diagnostic& d : diags) {
      if (d.name == "unknown-column") continue;  // the planted finding, not ours
      CHECK(d.range.begin <= d.range.end);
      CHECK(d.range.end <= f.text().size());
    }
  }
}

TEST_CASE("every truncation of a real config loads or reports, never crashes") {
  std::string full = test::slurp(test::config_fixture("full.kqlint.toml"));
  for (size_t cut = 0; cut <= full.size(); cut += 7) {
    std::vector<Diagnostic> diags;
    LoadedConfig loaded = parse_config(test::config_fixture("cut.toml"), full.substr(0, cut),
                                       test::known_rules(), diags);
    REQUIRE(loaded.config != nullptr);
    for (const Diagnostic& d : diags) CHECK(d.range.end <= loaded.config->source->text().size());
  }
}
