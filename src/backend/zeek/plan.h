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

// One SumStats::observe() call of a handler: the stream of one aggregation and the
// observation it takes from the record, made only when `condition` holds (KQL's aggregations
// skip null values).
struct Observe {
  std::string stream;
  std::string condition;    // Zeek boolean; empty: always
  std::string observation;  // a SumStats::Observation(...) expression
};

struct HandlerPlan {
  const ActionMapping* action = nullptr;
  const LogInfo* log = nullptr;
  std::vector<Check> checks;
  std::vector<MessageField> fields;   // the notice message (rules without aggregation)
  std::string identifier;             // Zeek string expression; empty: no suppression
  std::string observe_key;            // a SumStats::Key(...) expression when aggregating
  std::vector<Observe> observations;  // one per aggregation, when aggregating
};

// One aggregation of a summarize: a SumStats reducer on a stream of its own (every reducer of
// a stream sees every observation of it, so each aggregation gets its own stream).
struct ReducerPlan {
  std::string label;          // the KQL column
  std::string stream;         // SumStats stream
  std::string calc;           // SumStats::SUM, MIN, MAX or UNIQUE
  std::string source;         // the KQL aggregation, for a comment
  long long unique_max = 0;   // UNIQUE: $unique_max (make_set's limit, dcount's range + 1), 0: none
  long long num_samples = 0;  // SAMPLE: $num_samples (take_any: 1)
};

// `summarize count(), sum(x), ... by K | where count_ > N` over a window.
struct AggregatePlan {
  std::vector<ReducerPlan> reducers;
  std::string threshold_val;         // with a rising threshold: a Zeek double over `result`
  bool count_local = false;          // at_epoch_end with one count(): the count is local `n`
  bool uses_make_set = false;        // the script needs the make_set helper
  bool uses_dcount = false;          // the script needs the dcount_text helper
  bool retention_epoch = false;      // no window in the rule: MDE's 30-day retention
  std::string stream;                // SumStats stream and SumStat name
  std::string epoch;                 // Zeek interval literal
  std::string epoch_source;          // the KQL the epoch came from
  long long threshold = 0;           // SumStats fires when the count reaches this value
  bool at_epoch_end = false;         // no rising threshold: test each key in $epoch_result
  std::string epoch_condition;       // with at_epoch_end: a Zeek condition over `result` (or `n`)
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
  bool uses_split = false;     // the script needs the split() element helpers
  std::optional<AggregatePlan> aggregate;
  std::string suppress_for;        // with HandlerPlan::identifier (distinct): Zeek interval
  std::vector<std::string> notes;  // caveats worth a comment in the script header
};

}  // namespace kql::zeek
