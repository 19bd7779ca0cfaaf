// Dev-only driver for grammar work (not part of the test suite): parses files, each as ONE
// query (the way Microsoft's parser is run on the corpus), and prints a verdict per file, the
// diagnostics, optionally the tree, and the parse time.
//   kqlparse [--ast] [--quiet] [--repeat N] FILE...
// Built by hand: see tests/syntax/dev/README.md.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "source/query.h"
#include "source/source_file.h"
#include "syntax/parser.h"
#include "syntax/printer.h"

int main(int argc, char** argv) {
  bool ast = false, quiet = false;
  int repeat = 1;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--ast")
      ast = true;
    else if (a == "--quiet")
      quiet = true;
    else if (a == "--repeat" && i + 1 < argc)
      repeat = std::stoi(argv[++i]);
    else
      files.push_back(a);
  }
  double total_us = 0;
  size_t bad = 0;
  for (auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    kql::SourceFile file(path, ss.str());
    kql::Query q = kql::Query::whole_file(file);
    std::vector<kql::Diagnostic> diags;
    kql::ParseResult r;
    auto t0 = std::chrono::steady_clock::now();
    for (int k = 0; k < repeat; ++k) {
      diags.clear();
      kql::QueryDiagnostics qd(q, diags);
      r = kql::parse_query(q, qd);
    }
    auto t1 = std::chrono::steady_clock::now();
    double us = std::chrono::duration<double, std::micro>(t1 - t0).count() / repeat;
    total_us += us;
    if (!r.ok) ++bad;
    if (!quiet || !r.ok) {
      printf("%s\t%s\t%zu\t%.1fus\n", path.c_str(), r.ok ? "ok" : "error", diags.size(), us);
      for (auto& d : diags) {
        auto lc = file.position(d.range.begin);
        printf("  %u:%u: %s%s%s\n", lc.line, lc.column, d.message.c_str(),
               d.help.empty() ? "" : "  [help: ", d.help.empty() ? "" : (d.help + "]").c_str());
      }
    }
    if (ast) fputs(kql::print_tree(*r.tree).c_str(), stdout);
  }
  fprintf(stderr, "files=%zu errors=%zu total=%.1fms avg=%.1fus\n", files.size(), bad,
          total_us / 1000, files.empty() ? 0 : total_us / files.size());
}
