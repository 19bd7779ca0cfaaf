// Finding the config for each file in a tree of temporary directories.
#include "config/discovery.h"

#include <doctest/doctest.h>

#include "config/config.h"
#include "config_test_support.h"

using namespace kql;
using namespace kql::test;

TEST_CASE("the nearest config up from the file wins, kqlint.toml before .kqlint.toml") {
  TempDir tmp;
  const auto root = tmp.path / "repo";
  write(root / "kqlint.toml", "platform = \"mde\"\n");
  write(root / "sentinel" / ".kqlint.toml", "platform = \"sentinel\"\n");
  write(root / "both" / "kqlint.toml", "split = \"never\"\n");
  write(root / "both" / ".kqlint.toml", "split = \"blank-lines\"\n");
  write(root / "hunting" / "deep" / "a.kql", "T\n");

  CHECK(find_config_file(root / "hunting" / "deep") == root / "kqlint.toml");
  CHECK(find_config_file(root / "sentinel" / "x") == root / "sentinel" / ".kqlint.toml");
  CHECK(find_config_file(root / "both") == root / "both" / "kqlint.toml");

  ConfigResolver resolver(known_rules());
  std::vector<Diagnostic> diags;
  const Config& top = resolver.for_file(root / "hunting" / "deep" / "a.kql", diags);
  CHECK(top.path == root / "kqlint.toml");
  CHECK(top.platform == "mde");
  const Config& sentinel = resolver.for_file(root / "sentinel" / "rules" / "b.yaml", diags);
  CHECK(sentinel.platform == "sentinel");
  CHECK(sentinel.directory == root / "sentinel");
  CHECK(resolver.for_file(root / "both" / "c.kql", diags).split == "never");
  // The same directory resolves to the same loaded config.
  CHECK(&resolver.for_file(root / "hunting" / "deep" / "z.kql", diags) == &top);
  CHECK(&resolver.for_file(root / "hunting" / "y.kql", diags) == &top);
  CHECK(diags.empty());
  CHECK(resolver.ok());
}

TEST_CASE("--config overrides discovery; its problems are reported once") {
  TempDir tmp;
  write(tmp.path / "kqlint.toml", "platform = \"mde\"\n");
  write(tmp.path / "ci.toml", "platform = \"sentinel\"\nunknown = 1\n");
  ConfigResolver resolver(known_rules(), tmp.path / "ci.toml");
  std::vector<Diagnostic> diags;
  CHECK(resolver.for_file(tmp.path / "a.kql", diags).platform == "sentinel");
  CHECK(resolver.for_file(tmp.path / "sub" / "b.kql", diags).platform == "sentinel");
  CHECK(diags.size() == 1);
  CHECK(resolver.ok());
}

TEST_CASE("a broken config marks the resolver failed; files without config get defaults") {
  TempDir tmp;
  write(tmp.path / "bad" / "kqlint.toml", "platform = [\n");
  ConfigResolver resolver(known_rules());
  std::vector<Diagnostic> diags;
  resolver.for_file(tmp.path / "bad" / "a.kql", diags);
  CHECK_FALSE(resolver.ok());
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].name == "config-error");
  CHECK(diags[0].file != nullptr);  // positioned in the config, which the resolver keeps alive

  // A directory with no config above it gets the defaults (only checkable when the
  // machine has no kqlint.toml in the temp directory's ancestors).
  TempDir other;
  if (!find_config_file(other.path)) {
    const Config& c = resolver.for_file(other.path / "a.kql", diags);
    CHECK(c.path.empty());
    CHECK(c.platform == "mde");
    CHECK(c.split == "auto");
    CHECK(!c.select.has_value());
    CHECK(c.fail_on == Severity::Error);
  }
}

TEST_CASE("detections and globs are relative to the config's directory") {
  TempDir tmp;
  write(tmp.path / "kqlint.toml", "detections = [\"detections/**/*.yaml\", \"*.detection.kql\"]\n");
  ConfigResolver resolver(known_rules());
  std::vector<Diagnostic> diags;
  const Config& c = resolver.for_file(tmp.path / "detections" / "x" / "rule.yaml", diags);
  CHECK(path_for_globs(c, tmp.path / "detections" / "x" / "rule.yaml") == "detections/x/rule.yaml");
  CHECK(is_detection(c, tmp.path / "detections" / "x" / "rule.yaml"));
  CHECK(is_detection(c, tmp.path / "hunting" / "net.detection.kql"));
  CHECK_FALSE(is_detection(c, tmp.path / "hunting" / "rule.yaml"));
  // A file outside the config's directory: anchored globs cannot match it.
  CHECK_FALSE(is_detection(c, tmp.path.parent_path() / "detections" / "rule.yaml"));
}
