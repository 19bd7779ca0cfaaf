#pragma once
// What the translator decided, before it is written out as Zeek script text: one handler per
// ActionType the rule is filtered to, the checks each handler makes, the notice it raises or
// the SumStats observation it feeds. script_writer.cpp turns a RulePlan into text.
#include <optional>
#include <string>
#include <vector>

#include "backend/zeek/mapping.h"

namespace kql::zeek {

// A condition the record must satisfy to go on; `comment` is the KQL it came from.
struct Check {
  std::string comment;
  std::string condition;  // a Zeek boolean expression
};

// One `label=value` part of a notice message; `value` is a Zeek expression of type string.
struct MessageField {
  std::string label;
  std::string value;
};

struct HandlerPlan {
  const ActionMapping* action = nullptr;
  const LogInfo* log = nullptr;
  std::vector<Check> checks;
  std::vector<MessageField> fields;  // the notice message (rules without aggregation)
  std::string identifier;            // Zeek string expression; empty: no suppression
  std::string observe_key;           // a SumStats::Key(...) expression when aggregating
};

// `summarize count() by K | where count_ > N` over a window.
struct AggregatePlan {
  std::string stream;                // SumStats stream and SumStat name
  std::string epoch;                 // Zeek interval literal
  std::string epoch_source;          // the KQL the epoch came from
  long long threshold = 0;           // SumStats fires when the count reaches this value
  bool at_epoch_end = false;         // no rising threshold: test each key in $epoch_result
  std::string epoch_condition;       // with at_epoch_end: a Zeek condition on `n` (the count)
  std::string threshold_source;      // the KQL the threshold came from
  std::vector<MessageField> fields;  // over `key` and `result` in $threshold_crossed
  bool host_key = false;             // the key is one address: the notice gets $src
};

struct RulePlan {
  std::string module;   // Zeek module name
  std::string title;    // the rule's name as the user knows it
  std::string source;   // "file.kql" or "file.yaml query 2"
  std::string version;  // kqlint version
  std::string kql;      // the query text, quoted in the header
  std::vector<HandlerPlan> handlers;
  bool uses_inbound = false;   // the script needs the direction helper
  bool uses_protocol = false;  // the script needs the Protocol helper
  std::optional<AggregatePlan> aggregate;
  std::string suppress_for;        // with HandlerPlan::identifier (distinct): Zeek interval
  std::vector<std::string> notes;  // caveats worth a comment in the script header
};

}  // namespace kql::zeek
