#pragma once
// The Zeek backend's command body, for the CLI's `translate FILE --to zeek [-o OUT]` to call.
// Prints diagnostics (text) to stderr and returns the process exit code: 0 translated,
// 1 syntax errors, 2 usage or I/O error, 3 an untranslatable construct.
#include <string>

namespace kql::cli {

struct ZeekTranslateArgs {
  std::string path;
  std::string output;  // empty: stdout
};
int translate_zeek(const ZeekTranslateArgs& args);

}  // namespace kql::cli
