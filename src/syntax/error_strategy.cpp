#include "syntax/error_strategy.h"

#include "Exceptions.h"
#include "Parser.h"
#include "RecognitionException.h"
#include "atn/ATN.h"
#include "atn/ATNState.h"
#include "atn/ParserATNSimulator.h"

namespace kql::syntax_detail {

void FirstErrorStrategy::reset(antlr4::Parser* recognizer) {
  DefaultErrorStrategy::reset(recognizer);
  error = FirstError{};
}

void FirstErrorStrategy::record(antlr4::Parser* recognizer, antlr4::Token* offending) {
  if (error.set) return;
  error.set = true;
  error.offending = offending;
  try {
    error.expected = recognizer->getExpectedTokens();
  } catch (...) {
    error.expected = antlr4::misc::IntervalSet();
  }
}

void FirstErrorStrategy::reportError(antlr4::Parser* recognizer,
                                     const antlr4::RecognitionException& e) {
  record(recognizer, e.getOffendingToken() ? e.getOffendingToken() : recognizer->getCurrentToken());
}

// Stop at the first error: the driver re-parses independent pieces itself, which reports
// later errors without the cascades that in-rule recovery produces.
void FirstErrorStrategy::recover(antlr4::Parser*, std::exception_ptr) {
  throw antlr4::ParseCancellationException();
}

antlr4::Token* FirstErrorStrategy::recoverInline(antlr4::Parser* recognizer) {
  record(recognizer, recognizer->getCurrentToken());
  throw antlr4::ParseCancellationException();
}

// Checks at sub-rule entry whether the next token can start any alternative, so the error is
// reported inside the construct that cannot continue (with its expected tokens) rather than
// later in an enclosing rule.
void FirstErrorStrategy::sync(antlr4::Parser* recognizer) {
  auto* interp = recognizer->getInterpreter<antlr4::atn::ParserATNSimulator>();
  antlr4::atn::ATNState* s = interp->atn.states[recognizer->getState()];
  size_t la = recognizer->getTokenStream()->LA(1);
  antlr4::misc::IntervalSet next = recognizer->getATN().nextTokens(s);
  if (next.contains(antlr4::Token::EPSILON) || next.contains(la)) return;
  switch (s->getStateType()) {
    case antlr4::atn::ATNState::BLOCK_START:
    case antlr4::atn::ATNState::STAR_BLOCK_START:
    case antlr4::atn::ATNState::PLUS_BLOCK_START:
    case antlr4::atn::ATNState::STAR_LOOP_ENTRY:
    case antlr4::atn::ATNState::PLUS_LOOP_BACK:
    case antlr4::atn::ATNState::STAR_LOOP_BACK:
      record(recognizer, recognizer->getCurrentToken());
      throw antlr4::ParseCancellationException();
    default:
      return;
  }
}

}  // namespace kql::syntax_detail
