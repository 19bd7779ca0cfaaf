#pragma once
// Decoding of KQL string literal tokens, shared by the tree builder and by readers of literal
// text that the grammar keeps whole (the elements of a dynamic(...) literal).
#include <cstddef>
#include <string>
#include <string_view>

namespace kql::syntax_detail {

// The length of the string literal token that starts `text` ("..", '..', @"..", h"..",
// ```..```), or 0 when no complete one starts there. Ordinary strings end at the line's end.
size_t string_literal_length(std::string_view text);

// Decodes one KQL string literal token ("..", '..', @"..", h"..", ```..```) to its value.
std::string decode_string_literal(std::string_view token, bool* verbatim, bool* obfuscated);

}  // namespace kql::syntax_detail
