// The bundled rule pack and the public corpus through the Zeek backend: every rule either
// translates or is rejected with a KQL4xxx diagnostic; nothing crashes or is left unexplained.
#include <doctest/doctest.h>

#include <iostream>
#include <map>

#include "golden_support.h"

using namespace kql;

namespace {

struct Tally {
  int translated = 0;
  int rejected = 0;
  int syntax = 0;
  std::map<std::string, int> by_code;
};

void run_one(const std::filesystem::path& path, Tally& tally) {
  auto out = test::translate_text(path.filename().string(), test::read_file(path));
  CAPTURE(path.string());
  CAPTURE(out.diagnostics);
  if (out.translation.ok) {
    ++tally.translated;
    CHECK(out.translation.script.find("module ") != std::string::npos);
    for (auto& d : out.raw) CHECK(d.severity != Severity::Error);
    return;
  }
  bool any_error = false, syntax = false;
  for (auto& d : out.raw) {
    if (d.severity != Severity::Error) continue;
    any_error = true;
    if (d.code.rfind("KQL4", 0) == 0)
      ++tally.by_code[d.code];
    else
      syntax = true;
    CHECK(!d.message.empty());
  }
  CHECK(any_error);
  syntax ? ++tally.syntax : ++tally.rejected;
}

}  // namespace

TEST_CASE("the bundled network rules translate or are rejected with a reason") {
  Tally tally;
  auto dir = std::filesystem::path(KQ_SOURCE_DIR) / "rules";
  REQUIRE(std::filesystem::exists(dir));
  for (auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.path().extension() != ".kql") continue;
    int before = tally.translated;
    run_one(e.path(), tally);
    // `test_zeek -s` lists each rule's outcome: the reason a user reads when it is rejected.
    auto out = test::translate_text(e.path().filename().string(), test::read_file(e.path()));
    std::string first = out.diagnostics.substr(0, out.diagnostics.find('\n'));
    MESSAGE(e.path().filename().string()
            << std::string(tally.translated > before ? ": translated " : ": rejected ") << first);
  }
  CHECK(tally.syntax == 0);
  // The pack holds thresholded, multi-aggregation and per-record hunts that must keep
  // translating (http-scripted-user-agent, icmp-large-payloads, ssh-failed-logins,
  // ftp-cleartext-credentials, http-post-to-ip-address, smtp-outbound-without-tls,
  // ssl-weak-tls-version, http-executable-download (a matches regex); with dcount/take_any
  // dns-nxdomain-burst, dns-long-query-names, ssl-version-cipher-inventory).
  CHECK(tally.translated >= 11);
  MESSAGE("rules: " << tally.translated << " translated, " << tally.rejected << " rejected");
}

TEST_CASE("DeviceNetworkEvents queries of the public corpus never crash the translator") {
  auto dir = std::filesystem::path("/work/shared/corpus/queries");
  if (!std::filesystem::exists(dir)) return;  // the shared corpus is optional here
  Tally tally;
  for (auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.path().extension() != ".kql") continue;
    std::string text = test::read_file(e.path());
    if (text.find("DeviceNetworkEvents") == std::string::npos) continue;
    run_one(e.path(), tally);
  }
  std::string codes;
  for (auto& [code, n] : tally.by_code) codes += " " + code + "=" + std::to_string(n);
  MESSAGE("corpus: " << tally.translated << " translated, " << tally.rejected << " rejected, "
                     << tally.syntax << " syntax errors;" << codes);
  CHECK(tally.translated + tally.rejected + tally.syntax > 100);
}
