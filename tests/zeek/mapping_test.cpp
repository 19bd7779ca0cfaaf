// The embedded MDE -> Zeek mapping data.
#include "backend/zeek/mapping.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace kql::zeek;

TEST_CASE("every Zeek-derived ActionType maps to its log and event") {
  const Mapping& m = Mapping::builtin();
  struct Case {
    const char* action;
    const char* log;
    const char* event;
  } cases[] = {{"HttpConnectionInspected", "http", "HTTP::log_http"},
               {"DnsConnectionInspected", "dns", "DNS::log_dns"},
               {"SslConnectionInspected", "ssl", "SSL::log_ssl"},
               {"SshConnectionInspected", "ssh", "SSH::log_ssh"},
               {"FtpConnectionInspected", "ftp", "FTP::log_ftp"},
               {"SmtpConnectionInspected", "smtp", "SMTP::log_smtp"},
               {"IcmpConnectionInspected", "conn", "Conn::log_conn"},
               {"ConnectionSuccess", "conn", "Conn::log_conn"}};
  for (auto& c : cases) {
    CAPTURE(c.action);
    auto* a = m.find_action(c.action);
    REQUIRE(a);
    CHECK(a->log == c.log);
    CHECK(m.find_log(a->log)->event == c.event);
  }
  // ntlm.log has no per-record event: its policy hook sees the records.
  auto* ntlm = m.find_log(m.find_action("NtlmAuthenticationInspected")->log);
  CHECK(ntlm->event.empty());
  CHECK(ntlm->hook == "NTLM::log_policy");
}

TEST_CASE("connection ActionTypes carry their connection states and side") {
  const Mapping& m = Mapping::builtin();
  auto* ok = m.find_action("ConnectionSuccess");
  auto* in = m.find_action("InboundConnectionAccepted");
  CHECK(ok->view == View::Orig);
  CHECK(in->view == View::Resp);
  CHECK(std::find(ok->conn_states.begin(), ok->conn_states.end(), "SF") != ok->conn_states.end());
  CHECK(m.find_action("IcmpConnectionInspected")->proto == "icmp");
}

TEST_CASE("fields keep their Zeek type and optionality, including redef'd ones") {
  const Mapping& m = Mapping::builtin();
  auto* http = m.find_log("http");
  CHECK(http->find_field("status_code")->zeek_type == "count");
  CHECK(http->find_field("status_code")->optional);
  CHECK(!http->find_field("request_body_len")->optional);
  CHECK(m.find_log("ssl")->find_field("issuer")->zeek_type == "string");
  CHECK(m.find_log("http")->find_field("capture_password") == nullptr);  // not logged
}

TEST_CASE("every other DeviceNetworkEvents ActionType has a reason, and columns theirs") {
  const Mapping& m = Mapping::builtin();
  auto all = m.all_action_types();
  CHECK(all.size() == 22);
  for (auto& a : all) CHECK((m.find_action(a) || !m.find_unmapped(a)->reason.empty()));
  CHECK(m.find_column("RemoteIP")->maps_to == "remote_ip");
  CHECK(m.find_column("InitiatingProcessFileName")->reason.find("process") != std::string::npos);
  CHECK(m.find_package_field("ja3")->package == "salesforce/ja3");
}

TEST_CASE("broken mapping data is refused with a reason") {
  std::string error;
  CHECK(!Mapping::parse("[[action_type]]\nname = \"X\"\nlog = \"nope\"\nview = \"direction\"\n",
                        error));
  CHECK(error.find("unknown log nope") != std::string::npos);
  CHECK(!Mapping::parse("[[log]\n", error));
}
