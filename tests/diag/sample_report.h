#pragma once
// Diagnostics on the fixture rule files in fixtures/diag, shaped like the ones the parser and
// the lint rules report (codes, help, notes, fixes), for the formatter golden tests.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "diag/diagnostic.h"

namespace kql::test {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string fixture_path(const std::string& name) {
  return std::string(KQ_SOURCE_DIR) + "/fixtures/diag/" + name;
}

// A fixture file named by its repository-relative path, as `kqlint check` run from the root
// would name it.
inline std::unique_ptr<SourceFile> load_fixture(const std::string& name) {
  return std::make_unique<SourceFile>("fixtures/diag/" + name, read_file(fixture_path(name)));
}

// The byte range of the `nth` occurrence of `needle` in the file.
inline FileRange range_of(const SourceFile& file, const std::string& needle, int nth = 0) {
  size_t at = file.text().find(needle);
  while (nth-- > 0 && at != std::string::npos) at = file.text().find(needle, at + 1);
  REQUIRE_MESSAGE(at != std::string::npos, "fixture lacks " << needle);
  return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())};
}

inline Diagnostic make(const SourceFile& file, FileRange range, std::string code, std::string name,
                       Severity severity, std::string message) {
  Diagnostic d;
  d.code = std::move(code);
  d.name = std::move(name);
  d.severity = severity;
  d.message = std::move(message);
  d.file = &file;
  d.range = range;
  return d;
}

struct SampleReport {
  std::unique_ptr<SourceFile> inspections = load_fixture("inspections.kql");
  std::unique_ptr<SourceFile> crlf = load_fixture("unterminated_crlf.kql");
  std::vector<Diagnostic> diags;

  SampleReport() {
    const SourceFile& f = *inspections;
    // Listed out of order on purpose: every format sorts.
    Diagnostic column = make(f, range_of(f, "RemotePrt"), "KQL1003", "unknown-column",
                             Severity::Error, "unknown column 'RemotePrt' in DeviceNetworkEvents");
    column.help = "did you mean 'RemotePort'?";
    column.notes.push_back({"the table is read here", range_of(f, "DeviceNetworkEvents")});
    column.fix = Fix{"use 'RemotePort'", {{range_of(f, "RemotePrt"), "RemotePort"}}, true};
    diags.push_back(std::move(column));

    Diagnostic protocol =
        make(f, range_of(f, "\"TCP\""), "KQL1010", "enum-value-case", Severity::Warning,
             "Protocol is compared case-sensitively with \"TCP\", which it never holds");
    protocol.help = "Protocol values are written \"Tcp\", \"Udp\", ...";
    protocol.fix = Fix{"", {{range_of(f, "\"TCP\""), "\"Tcp\""}}, true};
    diags.push_back(std::move(protocol));

    Diagnostic substring = make(
        f, range_of(f, "ActionType contains \"InboundConnection\""), "KQL1005",
        "action-type-substring", Severity::Warning,
        "'contains' matches 2 ActionTypes: InboundConnectionAccepted, InboundConnectionAttempt");
    substring.notes.push_back(
        {"100% of the values it matches are listed in the schema", std::nullopt});
    substring.fix = Fix{"compare with the exact values",
                        {{range_of(f, "contains \"InboundConnection\""),
                          "in (\"InboundConnectionAccepted\", \"InboundConnectionAttempt\")"}},
                        false};
    diags.push_back(std::move(substring));

    FileRange join = range_of(f, "join (");
    join.end = range_of(f, "\"Windows10\")").end;
    Diagnostic kind =
        make(f, join, "KQL1020", "join-without-kind", Severity::Warning,
             "join without kind= defaults to innerunique, which drops duplicate left keys");
    kind.help = "write the kind you mean, e.g. `join kind=inner`";
    diags.push_back(std::move(kind));

    Diagnostic info = make(f, range_of(f, "Timestamp > ago(7d)"), "KQL1030", "missing-time-filter",
                           Severity::Info, "time filter found: the query looks back 7 days");
    diags.push_back(std::move(info));

    const SourceFile& c = *crlf;
    Diagnostic syntax = make(c, range_of(c, "\"cmd.exe"), "KQL0001", "syntax-error",
                             Severity::Error, "unterminated string literal");
    syntax.help = "close the string with '\"' on the same line";
    diags.insert(diags.begin(), std::move(syntax));
  }
};

// Compares `actual` with the golden file fixtures/diag/expected/<name>; with
// KQ_UPDATE_GOLDEN=1 in the environment the golden file is rewritten instead.
inline void check_golden(const std::string& name, const std::string& actual) {
  std::string path = fixture_path("expected/" + name);
  if (const char* update = std::getenv("KQ_UPDATE_GOLDEN"); update && *update == '1') {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::string expected = read_file(path);
  CHECK_MESSAGE(actual == expected, "output differs from " << path << ":\n" << actual);
}

}  // namespace kql::test
