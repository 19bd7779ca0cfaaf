#include "syntax/prediction_profile.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "atn/DecisionInfo.h"
#include "atn/ParseInfo.h"

namespace kql::syntax_detail {

bool prediction_profile_requested() {
  const char* v = std::getenv("KQLINT_PARSER_PROFILE");
  return v && *v && *v != '0';
}

void print_prediction_profile(kqlgen::KqlParser& parser, FILE* out) {
  std::vector<antlr4::atn::DecisionInfo> infos = parser.getParseInfo().getDecisionInfo();
  std::vector<size_t> order(infos.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return infos[a].timeInPrediction > infos[b].timeInPrediction;
  });
  fprintf(out, "decision rule                 calls  time-us  sll-look-max  ll-fallbacks\n");
  for (size_t k = 0; k < order.size() && k < 15; ++k) {
    const auto& d = infos[order[k]];
    const auto* state = parser.getATN().getDecisionState(d.decision);
    fprintf(out, "%8zu %-20s %6lld %8lld %13lld %13lld\n", d.decision,
            parser.getRuleNames()[state->ruleIndex].c_str(), (long long)d.invocations,
            (long long)(d.timeInPrediction / 1000), (long long)d.SLL_MaxLook,
            (long long)d.LL_Fallback);
  }
}

}  // namespace kql::syntax_detail
