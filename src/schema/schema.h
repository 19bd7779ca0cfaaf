#pragma once
// The embedded Defender XDR (MDE) advanced-hunting schema: tables, typed columns, ActionTypes
// and the AdditionalFields keys each carries, value lists (enumerations) and caveats, every
// fact with the ids of its sources (see src/schema/data/sources.toml). Generated into TOML by
// scripts/gen_schema.py from shared/reference/mde_schema.json and compiled into the binary.
//
// Two profiles: Mde (Defender XDR portal: Timestamp, AdditionalFields is a JSON string) and
// Sentinel (Log Analytics copies: TimeGenerated, TenantId, SourceSystem, Type,
// AdditionalFields dynamic, per-table type differences).
//
// Tables are parsed lazily, one embedded file per table, on first lookup. Lookups are
// thread-safe. Returned pointers stay valid for the Schema's lifetime.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "schema/functions.h"
#include "schema/types.h"

namespace kql::schema {

enum class Profile { Mde, Sentinel };
std::string_view profile_name(Profile p);                     // "mde" | "sentinel"
std::optional<Profile> parse_profile(std::string_view name);  // "mde"/"sentinel"/"xdr"

using SourceIds = std::vector<std::string>;  // keys of the sources map (e.g. "KQLA", "DD_DNE")

struct Column {
  std::string name;
  Type type = Type::Unknown;
  std::string description;  // may be empty
  SourceIds sources;
};

// One key of AdditionalFields (a JSON object) for one ActionType.
struct AdditionalField {
  std::string key;
  std::string json_type;   // "string", "long", "real", "bool", "array", "object", ...
  std::string zeek_field;  // the Zeek log record field it corresponds to, empty when none
  std::string status;      // evidence level (see mde_schema.json status_legend)
  SourceIds sources;
};

struct ActionType {
  std::string name;
  std::string description;
  std::string status;
  std::string zeek_log;  // e.g. "http.log" for Zeek-derived network ActionTypes; else empty
  std::string layer;     // DeviceNetworkEvents only: "L3L4", "L7_zeek", ...
  SourceIds sources;
  std::vector<AdditionalField> additional_fields;
  const AdditionalField* find_field(std::string_view key) const;  // case-sensitive
};

struct Table {
  std::string name;
  std::string group;        // "device", "identity", "email", "cloudapp", ... or "custom"
  std::string time_column;  // "Timestamp" (mde) or "TimeGenerated" (sentinel); may be empty
  std::vector<Column> columns;
  std::vector<ActionType> action_types;  // empty when the table has none documented
  bool action_types_open_ended = false;  // the documented list is known to be incomplete
  // Values public queries compare ActionType with that no Microsoft source confirms (often
  // mistakes, e.g. "ProcessStarted" on DeviceProcessEvents). Not in action_types.
  std::vector<std::string> unverified_action_types;
  // AdditionalFields keys documented for every row (DeviceInfo) or seen in queries that do
  // not filter on one ActionType.
  std::vector<AdditionalField> unfiltered_additional_fields;
  std::vector<std::string> caveat_ids;  // caveats that apply to this table
  bool custom = false;                  // from a user extension file
  SourceIds sources;

  const Column* find_column(std::string_view name) const;           // case-sensitive
  const ActionType* find_action_type(std::string_view name) const;  // case-sensitive
  bool has_column(std::string_view name) const { return find_column(name) != nullptr; }
};

// The known values of one column, e.g. DeviceNetworkEvents.RemoteIPType.
struct Enumeration {
  std::string table;
  std::string column;
  std::vector<std::string> values;
  bool case_sensitive = true;                     // comparisons with == must match the case exactly
  bool exhaustive = false;                        // false: the documented list says "for example"
  std::vector<std::string> documented;            // the subset Microsoft documents
  std::vector<std::string> unverified;            // seen once in public queries, not confirmed
  std::map<std::string, std::string> deprecated;  // value -> what replaced it
  std::string note;
  SourceIds sources;
  // The value with that spelling ignoring case, when `value` itself is not in the list.
  std::optional<std::string_view> case_variant(std::string_view value) const;
  bool contains(std::string_view value) const;
};

struct Caveat {
  std::string id;
  std::string applies_to;
  std::string text;
  SourceIds sources;
};

// A table name Defender XDR no longer has (e.g. AADSignInEventsBeta -> EntraIdSignInEvents).
struct LegacyTable {
  std::string name;
  std::string replaced_by;
  std::string note;
  SourceIds sources;
};

struct Source {
  std::string id;
  std::string what;
  std::string locator;
};

// A user-defined function from an extension file: `name(params) { body }` as text.
struct UserFunction {
  std::string name;
  std::vector<std::pair<std::string, Type>> params;  // tabular params are Type::Unknown
  std::string body;                                  // KQL text, bound by the binder
  std::string file;                                  // extension file it came from
};

class Schema {
 public:
  // The built-in schema of a profile, built on first use and shared.
  static const Schema& builtin(Profile profile);

  // A schema that extends the built-in one of `profile` (empty overlay until
  // load_extension is called).
  explicit Schema(Profile profile);
  ~Schema();
  Schema(const Schema&) = delete;
  Schema& operator=(const Schema&) = delete;

  Profile profile() const { return profile_; }

  // Case-sensitive (KQL table and column names are).
  const Table* find_table(std::string_view name) const;
  std::vector<std::string> table_names() const;  // sorted, built-in and custom

  const Enumeration* find_enumeration(std::string_view table, std::string_view column) const;
  std::span<const Enumeration> enumerations() const;
  const Caveat* find_caveat(std::string_view id) const;
  std::span<const Caveat> caveats() const;
  const Source* find_source(std::string_view id) const;
  // Not a table (find_table is null), but a known old name: for a better unknown-table message.
  const LegacyTable* find_legacy_table(std::string_view name) const;

  const FunctionCatalogue& functions() const { return FunctionCatalogue::builtin(); }
  const UserFunction* find_user_function(std::string_view name) const;

  // Reads a user schema file (same TOML format as the embedded table files, see
  // docs in src/schema/data/README.md): custom tables, extra columns, ActionTypes and
  // AdditionalFields keys for existing tables, user functions. Returns diagnostics with
  // file:line:col (code "KQL0900" schema-extension-error); nothing is added from a file
  // that has errors.
  std::vector<Diagnostic> load_extension(const std::string& path);
  std::vector<Diagnostic> load_extension_text(std::string path, std::string text);

 private:
  struct Impl;
  Profile profile_;
  std::unique_ptr<Impl> impl_;
};

// Up to `max` candidates closest to `wrong` (case-insensitive edit distance, a case-only
// difference ranks first), for "did you mean" help. Empty when nothing is close.
std::vector<std::string> did_you_mean(std::string_view wrong,
                                      std::span<const std::string> candidates, size_t max = 3);
std::vector<std::string> did_you_mean(std::string_view wrong,
                                      std::span<const std::string_view> candidates, size_t max = 3);

}  // namespace kql::schema
