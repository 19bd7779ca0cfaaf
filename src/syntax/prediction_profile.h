#pragma once
// Internal to src/syntax, a tool for grammar work: with KQLINT_PARSER_PROFILE=1 in the
// environment, each parsing thread prints at exit the grammar decisions that cost the most
// prediction time (ANTLR's profiler). Expensive decisions are where the grammar needs
// reshaping (long lookahead, LL fallbacks); see the notes in grammar/KqlParser.g4.
#include <cstdio>

#include "KqlParser.h"

namespace kql::syntax_detail {

bool prediction_profile_requested();
void print_prediction_profile(kqlgen::KqlParser& parser, FILE* out);

}  // namespace kql::syntax_detail
