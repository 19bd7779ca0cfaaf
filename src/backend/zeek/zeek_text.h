#pragma once
// Spelling values in the Zeek script language: string literals, pattern literals, names.
// Zeek strings and patterns are byte strings; everything outside printable ASCII is written
// as a \xHH escape so that generated scripts are plain ASCII whatever the rule contains.
#include <string>
#include <string_view>
#include <vector>

namespace kql::zeek {

// "..." with \\, \" and \xHH escapes.
std::string string_literal(std::string_view bytes);

// One literal byte inside a pattern: letters and digits as they are, ASCII punctuation with a
// backslash (so that no byte is read as an operator, a quote or the closing slash), anything
// else as \xHH.
std::string pattern_byte(unsigned char c);
// A literal string inside a pattern. Multi-byte UTF-8 sequences are grouped, so that a
// quantifier the caller appends applies to the whole character.
std::string pattern_text(std::string_view bytes);

// `/body/` or `/body/i`.
std::string pattern_literal(std::string_view body, bool case_insensitive);

// Pattern bodies for KQL's term operators (`has`, `hasprefix`, `hassuffix`): a term is a
// maximal run of alphanumeric characters, so the needle must not touch another alphanumeric
// character on the side(s) the operator anchors. The needle must start and end with an
// alphanumeric character (callers check term_needle_ok first).
enum class TermAnchor { Both, Prefix, Suffix };
std::string term_pattern_body(std::string_view needle, TermAnchor anchor);
// Several needles in one alternation, as for has_any.
std::string term_alternation_body(const std::vector<std::string>& needles, TermAnchor anchor);
bool term_needle_ok(std::string_view needle);

// A Zeek identifier made from arbitrary text (rule names): letters, digits and '_', starting
// with a letter; runs of other characters become one '_'.
std::string identifier(std::string_view text);

// Text for a `#` comment (or a `##` doc comment): Zeek's scanner ends a comment at the first
// newline (src/scan.l, `#.*`), so every control character but tab becomes a space; what
// follows a newline in a rule's name or a bracketed column name would otherwise be read as code.
std::string comment_text(std::string_view text);

bool is_ascii(std::string_view bytes);
std::string ascii_lower(std::string_view bytes);

}  // namespace kql::zeek
