// `kqlint test [PATH...]`: runs the rule tests (x.test.toml next to rule x) found under PATH
// (default rules/) on the in-memory SQLite; see docs/rule-tests.md.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/sql_commands.h"
#include "input/extract.h"
#include "run/rule_tests.h"
#include "schema/schema.h"

#ifndef KQLINT_VERSION
#define KQLINT_VERSION "dev"
#endif

namespace kql::cli {

namespace {

bool read_text(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

std::vector<std::string> find_test_files(const std::string& path, std::string& error) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  std::error_code ec;
  auto is_test = [](const fs::path& p) { return p.filename().string().ends_with(".test.toml"); };
  if (fs::is_regular_file(path, ec)) {
    std::string p = path;
    if (!is_test(p)) {  // a rule file: its test file sits next to it
      p = fs::path(path).replace_extension("").string() + ".test.toml";
    }
    if (fs::exists(p))
      out.push_back(p);
    else
      error = path + ": no rule test file " + p;
    return out;
  }
  if (!fs::is_directory(path, ec)) {
    error = path + ": no such file or directory";
    return out;
  }
  for (auto it = fs::recursive_directory_iterator(path, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file() && is_test(it->path())) out.push_back(it->path().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

int run_tests(const std::vector<std::string>& paths) {
  run::RunRequest base;
  base.schema = &schema::Schema::builtin(schema::Profile::Mde);
  base.version = KQLINT_VERSION;
  int passed = 0, failed = 0;
  bool io_error = false;
  for (auto& path : paths) {
    std::string error;
    auto tests = find_test_files(path, error);
    if (!error.empty()) {
      std::cerr << "kqlint: " << error << "\n";
      io_error = true;
    }
    for (auto& test : tests) {
      std::string rule = run::rule_for_test_file(test), rule_text, test_text;
      if (rule.empty() || !read_text(rule, rule_text) || !read_text(test, test_text)) {
        std::cerr << "kqlint: " << test << ": no readable rule file next to it\n";
        io_error = true;
        continue;
      }
      SourceFile file(rule, rule_text);
      std::vector<Diagnostic> diags;
      FileKind kind = file_kind_for_path(rule);
      auto queries = extract_queries(file, kind == FileKind::Unknown ? FileKind::Kql : kind,
                                     ExtractOptions{}, diags);
      if (queries.size() != 1) {
        std::cerr << "kqlint: " << rule << ": a tested rule must hold exactly one query (found "
                  << queries.size() << ")\n";
        ++failed;
        continue;
      }
      for (auto& c : run::run_rule_tests(queries[0], test, test_text, base)) {
        std::cout << (c.passed ? "PASS " : "FAIL ") << rule << " :: " << c.name << "\n";
        for (auto& f : c.failures) std::cout << "     " << f << "\n";
        (c.passed ? passed : failed)++;
      }
    }
  }
  std::cout << passed << " passed, " << failed << " failed\n";
  if (failed) return kFindings;
  if (io_error || passed == 0) return kUsage;
  return kOk;
}

void register_test(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("test", "Run rule tests (sample events and expected rows)");
  auto paths = std::make_shared<std::vector<std::string>>();
  cmd->add_option("paths", *paths, "Test files, rule files or directories (default: rules)");
  cmd->callback([paths, &exit_code] {
    exit_code = run_tests(paths->empty() ? std::vector<std::string>{"rules"} : *paths);
  });
}

}  // namespace kql::cli
