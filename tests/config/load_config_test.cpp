// Reading kqlint.toml: every key, and problems reported at their place in the file.
#include "config/load_config.h"

#include <doctest/doctest.h>

#include <cstdlib>

#include "config/config_diagnostics.h"
#include "config_test_support.h"
#include "diag/format_text.h"

using namespace kql;
using namespace kql::test;
namespace fs = std::filesystem;

namespace {

LineCol at(const Diagnostic& d) { return d.file->position(d.range.begin); }

std::string text_at(const Diagnostic& d) {
  return d.file->text().substr(d.range.begin, d.range.end - d.range.begin);
}

}  // namespace

TEST_CASE("a config with every key loads into the matching settings") {
  std::vector<Diagnostic> diags;
  LoadedConfig loaded = load_config(config_fixture("full.kqlint.toml"), known_rules(), diags);
  CHECK(loaded.ok);
  CHECK(diags.empty());
  const Config& c = *loaded.config;
  CHECK(c.directory == config_fixture("").lexically_normal().parent_path());
  CHECK(c.platform == "sentinel");
  CHECK(c.split == "blank-lines");
  CHECK(c.fail_on == Severity::Warning);
  REQUIRE(c.select.has_value());
  CHECK(*c.select == std::vector<std::string>{"KQL1", "zeek"});
  CHECK(c.ignore == std::vector<std::string>{"join-without-kind", "KQL1003"});
  CHECK(c.detections == std::vector<std::string>{"detections/**/*.yaml", "*.detection.kql"});
  REQUIRE(c.schema.size() == 1);
  CHECK(c.schema[0] == config_fixture("extensions/custom_tables.toml").lexically_normal());
  REQUIRE(c.severity.size() == 3);
  CHECK(c.severity[0].selector == "unknown-action-type");
  CHECK(c.severity[0].severity == Severity::Error);
  CHECK(c.severity[1].selector == "missing-time-filter");
  CHECK(!c.severity[1].severity.has_value());
  CHECK(c.severity[2].severity == Severity::Info);
  REQUIRE(c.per_file_ignores.size() == 2);
  CHECK(c.per_file_ignores[0].glob == "legacy/**");
  CHECK(c.per_file_ignores[0].rules ==
        std::vector<std::string>{"unknown-column", "deprecated-function"});
  CHECK(c.per_file_ignores[1].rules == std::vector<std::string>{"all"});
}

TEST_CASE("unknown keys and rule names are warnings at their positions, bad values errors") {
  std::vector<Diagnostic> diags;
  LoadedConfig loaded = load_config(config_fixture("problems.kqlint.toml"), known_rules(), diags);
  CHECK_FALSE(loaded.ok);  // "fatal" is not a level, and an entry lacks its rules
  REQUIRE(diags.size() == 6);
  // toml++ reports in document order.
  CHECK(diags[0].name == "unknown-config-key");
  CHECK(diags[0].severity == Severity::Warning);
  CHECK(at(diags[0]).line == 2);
  CHECK(at(diags[0]).column == 1);
  CHECK(text_at(diags[0]) == "selct");
  CHECK(diags[0].help == "did you mean 'select'?");

  CHECK(diags[1].name == "unknown-rule-name");
  CHECK(diags[1].code == std::string(config_codes::kUnknownRuleName));
  CHECK(at(diags[1]).line == 3);
  CHECK(at(diags[1]).column == 11);
  CHECK(text_at(diags[1]) == "\"unknown-colum\"");
  CHECK(diags[1].help == "did you mean 'unknown-column'?");

  CHECK(diags[2].name == "config-error");
  CHECK(diags[2].severity == Severity::Error);
  CHECK(at(diags[2]).line == 6);
  CHECK(diags[2].message.find("\"fatal\"") != std::string::npos);

  CHECK(diags[3].name == "unknown-rule-name");
  CHECK(text_at(diags[3]) == "nonexistent-rule");

  CHECK(diags[4].name == "unknown-config-key");
  CHECK(at(diags[4]).line == 11);
  CHECK(text_at(diags[4]) == "rulez");
  CHECK(diags[5].name == "config-error");
  CHECK(diags[5].message == "this per-file-ignores entry has no 'rules'");
  CHECK(at(diags[5]).line == 9);
  // The rest still applies.
  CHECK(loaded.config->ignore == std::vector<std::string>{"unknown-colum", "zeek"});
  CHECK(!loaded.config->select.has_value());
}

TEST_CASE("malformed TOML is one error at toml++'s position") {
  std::vector<Diagnostic> diags;
  LoadedConfig loaded = load_config(config_fixture("malformed.kqlint.toml"), known_rules(), diags);
  CHECK_FALSE(loaded.ok);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == "KQL0010");
  CHECK(diags[0].message.rfind("invalid TOML: ", 0) == 0);
  CHECK(at(diags[0]).line == 2);
  CHECK(at(diags[0]).column > 10);
}

TEST_CASE("wrong types, unknown values, missing schema files and a missing config") {
  TempDir dir;
  write(dir.path / "kqlint.toml",
        "platform = 3\nsplit = \"paragraphs\"\nselect = \"KQL1\"\nschema = [\"nope.toml\"]\n"
        "per-file-ignores = { glob = \"x\" }\n[[x]]\n");
  std::vector<Diagnostic> diags;
  LoadedConfig loaded = load_config(dir.path / "kqlint.toml", known_rules(), diags);
  CHECK_FALSE(loaded.ok);
  std::vector<std::string> messages;
  for (const auto& d : diags) messages.push_back(d.name + ": " + d.message);
  REQUIRE(messages.size() == 5);
  CHECK(messages[0] == "config-error: 'platform' must be a string, not an integer");
  CHECK(messages[1] ==
        "config-error: 'split' cannot be \"paragraphs\"; expected \"auto\", \"blank-lines\" or "
        "\"never\"");
  CHECK(messages[2].rfind("config-error: schema file 'nope.toml' not found", 0) == 0);
  CHECK(messages[3].rfind("config-error: 'per-file-ignores' must be an array of tables", 0) == 0);
  CHECK(messages[4] == "unknown-config-key: unknown config key 'x'; it is ignored");
  // A single string is accepted where a list is expected.
  CHECK(*loaded.config->select == std::vector<std::string>{"KQL1"});

  diags.clear();
  LoadedConfig missing = load_config(dir.path / "absent.toml", known_rules(), diags);
  CHECK_FALSE(missing.ok);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].file == nullptr);
  CHECK(diags[0].message.find("absent.toml") != std::string::npos);
}

TEST_CASE("positions count code points after multi-byte characters") {
  std::vector<Diagnostic> diags;
  LoadedConfig loaded =  // keeps the config text the diagnostics point into
      parse_config("/tmp/kqlint.toml", "# café ☕\nplatform = \"mdé\" # é\n", known_rules(), diags);
  REQUIRE(diags.size() == 1);
  CHECK(at(diags[0]).line == 2);
  CHECK(at(diags[0]).column == 12);
  CHECK(text_at(diags[0]) == "\"mdé\"");
}

TEST_CASE("the config problems read well in the text format (golden)") {
  std::vector<Diagnostic> diags;
  // Named relative to the repository, as `kqlint check` run from the root would name it.
  LoadedConfig loaded =
      parse_config("fixtures/config/problems.kqlint.toml",
                   slurp(config_fixture("problems.kqlint.toml")), known_rules(), diags);
  std::ostringstream out;
  write_text(out, diags, {1, 0}, {false, true});
  std::filesystem::path golden = config_fixture("expected/problems.txt");
  if (const char* update = std::getenv("KQ_UPDATE_GOLDEN"); update && *update == '1')
    write(golden, out.str());
  CHECK(out.str() == slurp(golden));
}

TEST_CASE("a byte order mark does not shift positions on the first line") {
  std::vector<Diagnostic> diags;
  LoadedConfig loaded =
      parse_config("/tmp/kqlint.toml", "\xEF\xBB\xBFsplit = \"lines\"\n", known_rules(), diags);
  REQUIRE(diags.size() == 1);
  CHECK(text_at(diags[0]) == "\"lines\"");
}
