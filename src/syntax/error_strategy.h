#pragma once
// Internal to src/syntax: an ANTLR error strategy that stops at the first syntax error and
// remembers what the parser saw and expected there, so that the driver can say what is wrong
// in KQL terms instead of printing ANTLR's token sets.
#include <cstddef>

#include "DefaultErrorStrategy.h"
#include "misc/IntervalSet.h"

namespace kql::syntax_detail {

struct FirstError {
  bool set = false;
  antlr4::Token* offending = nullptr;  // the token the parser could not accept (may be EOF)
  antlr4::misc::IntervalSet expected;  // token types that would have been accepted there
};

class FirstErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  FirstError error;

  void reset(antlr4::Parser* recognizer) override;
  void reportError(antlr4::Parser* recognizer, const antlr4::RecognitionException& e) override;
  void recover(antlr4::Parser* recognizer, std::exception_ptr e) override;
  antlr4::Token* recoverInline(antlr4::Parser* recognizer) override;
  void sync(antlr4::Parser* recognizer) override;

 private:
  void record(antlr4::Parser* recognizer, antlr4::Token* offending);
};

}  // namespace kql::syntax_detail
