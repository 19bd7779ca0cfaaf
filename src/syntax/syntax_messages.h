#pragma once
// Internal to src/syntax: turns "the parser stopped at token X expecting {set}" into a
// message in KQL terms ("'|' must be followed by an operator", "expected an expression after
// '=='", "expected ',' or ')' to close '(' at 3:14") with a help line.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "Token.h"
#include "Vocabulary.h"
#include "misc/IntervalSet.h"
#include "source/query.h"
#include "source/span.h"

namespace kql::syntax_detail {

inline constexpr const char* kSyntaxErrorCode = "KQL0001";
inline constexpr const char* kSyntaxErrorName = "syntax-error";

struct SyntaxMessage {
  Span span;
  std::string message;
  std::string help;
};

// Where a piece of the query failed to parse.
struct PieceError {
  const std::vector<antlr4::Token*>& toks;  // all default-channel tokens of the query
  size_t begin, end;                        // the piece that was parsed
  size_t pos;                               // the token it stopped at (end = end of piece)
  const antlr4::misc::IntervalSet& expected;
  const antlr4::dfa::Vocabulary& vocabulary;
  const Query& query;
  const std::vector<uint32_t>& cp_to_byte;
};

SyntaxMessage describe_error(const PieceError& e);

// Message and help for a character that cannot start any KQL token.
std::pair<std::string, std::string> bad_character_message(std::string_view ch);

}  // namespace kql::syntax_detail
