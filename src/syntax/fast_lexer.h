#pragma once
// Internal to src/syntax: a hand-written tokenizer that produces exactly the tokens of
// grammar/KqlLexer.g4 (default channel only: whitespace and comments are dropped), several
// times faster than the generated ANTLR lexer, whose DFA takes a lock per character.
//
// grammar/KqlLexer.g4 stays the definition: the token types are its, the Unicode letter
// classes of names are read from the generated lexer's ATN, and tests compare both lexers
// token by token on the corpus, on every keyword spelling and under the fuzzer. (The ANTLR
// lexer is also very slow on non-ASCII text: its DFA cache only covers ASCII.)
#include <memory>
#include <string>
#include <vector>

#include "CharStream.h"
#include "CommonToken.h"
#include "TokenSource.h"

namespace kql::syntax_detail {

class FastLexer : public antlr4::TokenSource {
 public:
  // Tokenizes `cps`. Returns true; the caller keeps the ANTLR lexer as a fallback should a
  // future grammar change make this lexer decline some input.
  bool prepare(const std::u32string& cps, antlr4::CharStream* input);

  std::unique_ptr<antlr4::Token> nextToken() override;
  size_t getLine() const override { return line_; }
  size_t getCharPositionInLine() override { return column_; }
  antlr4::CharStream* getInputStream() override { return input_; }
  std::string getSourceName() override { return "query"; }
  antlr4::TokenFactory<antlr4::CommonToken>* getTokenFactory() override;

 private:
  void emit(size_t type, size_t start, size_t stop, size_t line, size_t column);

  antlr4::CharStream* input_ = nullptr;
  std::vector<std::unique_ptr<antlr4::CommonToken>> tokens_;
  size_t next_ = 0;
  size_t line_ = 1, column_ = 0;
  size_t end_ = 0;
};

}  // namespace kql::syntax_detail
