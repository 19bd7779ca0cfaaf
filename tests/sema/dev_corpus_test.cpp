// Ad-hoc corpus run: KQ_SEMA_CORPUS=out.jsonl ./test_sema -tc='dev: corpus*' binds every
// query under shared/corpus/queries and writes one JSON line per query (its problems with
// line/col), for tests/sema/corpus_compare.py to compare with Microsoft's binder.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sema_test_util.h"

namespace {

std::string json_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\')
      out += '\\', out += c;
    else if (static_cast<unsigned char>(c) < 0x20)
      out += ' ';
    else
      out += c;
  }
  return out;
}

}  // namespace

TEST_CASE("dev: corpus binding") {
  const char* out_path = std::getenv("KQ_SEMA_CORPUS");
  if (!out_path) return;
  std::filesystem::path root = std::filesystem::path(KQ_SOURCE_DIR) / "../shared/corpus/queries";
  std::vector<std::filesystem::path> files;
  for (auto& e : std::filesystem::recursive_directory_iterator(root))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::ofstream out(out_path);
  double total_ms = 0, bind_ms = 0;
  for (auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    auto t0 = std::chrono::steady_clock::now();
    auto b = kql::test::bind_text(ss.str());
    total_ms +=
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    auto t1 = std::chrono::steady_clock::now();  // the binder alone, on the same tree
    auto again =
        kql::sema::bind(*b->parsed.tree, kql::schema::Schema::builtin(kql::schema::Profile::Mde));
    bind_ms +=
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t1).count();
    CHECK(again.problems().size() == b->model->problems().size());  // binding is deterministic
    out << "{\"file\":\"" << json_escape(std::filesystem::canonical(f).string())
        << "\",\"syntax\":" << b->syntax.size() << ",\"result\":\"" << json_escape(b->result())
        << "\",\"problems\":[";
    bool first = true;
    for (auto& p : b->model->problems()) {
      auto lc = b->query.position(p.span.begin);
      out << (first ? "" : ",") << "{\"kind\":\"" << kql::sema::problem_kind_name(p.kind)
          << "\",\"name\":\"" << json_escape(p.name)
          << "\",\"strict\":" << (p.strict ? "true" : "false") << ",\"line\":" << lc.line
          << ",\"col\":" << lc.column << ",\"expected\":\"" << json_escape(p.expected)
          << "\",\"suggest\":\"" << json_escape(p.suggestions.empty() ? "" : p.suggestions[0])
          << "\"}";
      first = false;
    }
    // unparsed AdditionalFields reads: reported by the additional-fields-not-parsed rule
    for (auto& r : b->model->additional_field_reads()) {
      if (r.parsed) continue;
      auto lc = b->query.position(r.key_span.begin);
      out << (first ? "" : ",") << "{\"kind\":\"unknown-column-af\",\"name\":\""
          << json_escape(r.key) << "\",\"strict\":false,\"line\":" << lc.line
          << ",\"col\":" << lc.column << "}";
      first = false;
    }
    out << "]}\n";
  }
  std::printf("%zu queries, parse+bind %.1f ms total, %.3f ms/query; bind alone %.3f ms/query\n",
              files.size(), total_ms, total_ms / files.size(), bind_ms / files.size());
}
