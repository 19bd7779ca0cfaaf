// End-to-end checks of what the README's first command promises: `kqlint check rules/`, run
// from the repository root on the bundled rule pack, succeeds and reads every rule file.
#include <doctest/doctest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace {

struct Run {
  int exit_code = -1;
  std::string out;
};

// Runs a shell command line from the repository root; stdout only (stderr passes through).
Run run_in_repo(const std::string& args) {
  const std::string cmd =
      std::string("cd '") + KQ_SOURCE_DIR + "' && '" + KQ_KQLINT_EXE + "' " + args;
  Run r;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

// Query and rule files in a directory; Markdown is left out because a README.md beside the rules
// need not hold any query.
size_t count_rule_files(const std::filesystem::path& dir) {
  size_t n = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    const auto ext = e.path().extension().string();
    if (e.is_regular_file() &&
        (ext == ".kql" || ext == ".csl" || ext == ".kusto" || ext == ".yaml" || ext == ".yml"))
      ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("README command 1: `kqlint check rules/` passes on the bundled rule pack") {
  const auto rules = std::filesystem::path(KQ_SOURCE_DIR) / "rules";
  const size_t files = count_rule_files(rules);
  REQUIRE_MESSAGE(files > 0, "rules/ holds no rule files");

  const Run text = run_in_repo("check rules/");
  CHECK_MESSAGE(text.exit_code == 0, "kqlint check rules/ printed:\n" << text.out);

  const Run json = run_in_repo("check --format json rules/");
  CHECK(json.exit_code == 0);
  const auto doc = nlohmann::json::parse(json.out, nullptr, /*allow_exceptions=*/false);
  REQUIRE_MESSAGE(doc.is_object(), "not a JSON document:\n" << json.out);
  CHECK(doc.value("files", 0u) >= files);
  CHECK(doc.value("queries", 0u) >= files);
  for (const auto& d : doc["diagnostics"]) CHECK_MESSAGE(d["severity"] != "error", d.dump());
}

TEST_CASE("every bundled rule parses without a syntax error") {
  const Run r = run_in_repo("check --syntax-only --format json rules/");
  const auto doc = nlohmann::json::parse(r.out, nullptr, false);
  REQUIRE_MESSAGE(doc.is_object(), "not a JSON document:\n" << r.out);
  CHECK(doc["diagnostics"].empty());
  CHECK(r.exit_code == 0);
}
