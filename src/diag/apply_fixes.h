#pragma once
// `kqlint check --fix`: applies the safe fixes of one file's diagnostics to its text.
// Fixes are taken in file order; a fix whose edits overlap an edit already taken (or each
// other) is skipped whole, so a fix is never half-applied. The CLI writes the result with
// write_file_atomically() and checks the new text again, which reports what was skipped.
#include <cstddef>
#include <string>
#include <vector>

#include "diag/diagnostic.h"

namespace kql {

struct FixOutcome {
  std::string text;    // the file's text with the applied fixes
  size_t applied = 0;  // fixes applied (a fix offered by several diagnostics counts once)
  size_t skipped = 0;  // safe fixes skipped because they overlap a fix already applied
  bool changed() const { return applied > 0; }
};

// Uses only diagnostics whose file is `file` and whose fix is safe.
FixOutcome apply_fixes(const SourceFile& file, const std::vector<Diagnostic>& diags);

}  // namespace kql
