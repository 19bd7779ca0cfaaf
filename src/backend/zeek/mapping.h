#pragma once
// The MDE -> Zeek mapping, read from the embedded data/zeek_mapping.toml (generated from the
// shared reference by data/generate_mapping.py): Zeek logs with their records, per-record
// events and typed fields; which log, connection states and point of view each
// DeviceNetworkEvents ActionType stands for; and why the others have no Zeek equivalent.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kql::zeek {

struct LogField {
  std::string name;       // Zeek field name == MDE AdditionalFields key
  std::string zeek_type;  // "string", "count", "bool", "interval", "set[string]", ...
  bool optional = false;  // &optional: test with ?$ before reading
};

struct LogInfo {
  std::string name;    // "http"
  std::string record;  // "HTTP::Info"
  std::string load;    // "base/protocols/http"
  std::string event;   // "HTTP::log_http"; empty when only a hook sees the records
  std::string hook;    // "NTLM::log_policy" for logs without a per-record event
  std::vector<LogField> fields;
  const LogField* find_field(std::string_view name) const;
};

// Which side of the connection MDE reports as the device (LocalIP/LocalPort).
enum class View {
  Direction,  // derived per connection from Site::local_nets (see docs/zeek.md)
  Orig,       // the originator (ConnectionSuccess, ConnectionFailed)
  Resp,       // the responder (InboundConnectionAccepted)
};

struct ActionMapping {
  std::string action_type;
  std::string log;  // LogInfo::name
  View view = View::Direction;
  std::vector<std::string> conn_states;  // conn.log only: the Conn::Info$conn_state values
  std::string proto;                     // conn.log only: "icmp" to keep ICMP rows only
  std::string meaning;
};

struct UnmappedActionType {
  std::string action_type;
  std::string reason;
};

// A DeviceNetworkEvents column: either what it maps to ("ts", "action_type", "local_ip",
// "local_port", "remote_ip", "remote_port", "additional_fields") or why it cannot.
struct ColumnMapping {
  std::string name;
  std::string maps_to;
  std::string reason;
};

struct PackageField {
  std::string key;
  std::string package;
};

class Mapping {
 public:
  // The embedded mapping, parsed once. Throws std::runtime_error only if the embedded data
  // is broken, which the unit tests rule out.
  static const Mapping& builtin();
  // Parses mapping TOML text; on error returns nullopt and sets `error`.
  static std::optional<Mapping> parse(std::string_view toml_text, std::string& error);

  const LogInfo* find_log(std::string_view name) const;
  const ActionMapping* find_action(std::string_view action_type) const;
  const UnmappedActionType* find_unmapped(std::string_view action_type) const;
  const PackageField* find_package_field(std::string_view key) const;
  const ColumnMapping* find_column(std::string_view name) const;
  // Every DeviceNetworkEvents ActionType the data knows, mapped or not, in data order.
  std::vector<std::string> all_action_types() const;

  const std::vector<LogInfo>& logs() const { return logs_; }
  const std::vector<ActionMapping>& actions() const { return actions_; }

 private:
  std::vector<LogInfo> logs_;
  std::vector<ActionMapping> actions_;
  std::vector<UnmappedActionType> unmapped_;
  std::vector<PackageField> package_fields_;
  std::vector<ColumnMapping> columns_;
};

}  // namespace kql::zeek
