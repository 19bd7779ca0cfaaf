#!/usr/bin/env python3
"""Generates zeek_mapping.toml (the Zeek backend's mapping data) from the shared reference.

Inputs:  reference/zeek_logs.json  (Zeek log records, fields and types, per-record events)
         reference/mde_schema.json (DeviceNetworkEvents ActionTypes)
Output:  zeek_mapping.toml next to this script, embedded into kqlint at build time.

The facts come from the reference; the choices the reference leaves open (which Zeek
connection states stand for an MDE connection ActionType, which side of a connection is the
device) are written below as data, each with the reason, so that they can be reviewed and
changed in one place.

Usage: generate_mapping.py /work/shared/reference
"""
import json
import pathlib
import sys

# Log short name -> the @load path of the analyzer scripts and, for logs without a per-record
# event, the hook that sees every record (ntlm.log has no $ev, zeek_notes.md section 1).
LOADS = {
    "conn": "base/protocols/conn",
    "http": "base/protocols/http",
    "dns": "base/protocols/dns",
    "ssl": "base/protocols/ssl",
    "ssh": "base/protocols/ssh",
    "ftp": "base/protocols/ftp",
    "smtp": "base/protocols/smtp",
    "ntlm": "base/protocols/ntlm",
}

# Zeek's established TCP states (base/protocols/conn/main.zeek conn_state documentation):
# the handshake completed (SF, S1, S2, S3) or completed and then reset (RSTO, RSTR).
ESTABLISHED = ["SF", "S1", "S2", "S3", "RSTO", "RSTR"]
# Attempts that never completed: no reply (S0), rejected (REJ), reset or closed before the
# handshake completed (RSTOS0, RSTRH, SH, SHR).
FAILED = ["S0", "REJ", "RSTOS0", "RSTRH", "SH", "SHR"]

# ActionType -> (log, view, conn_states, proto, why). `view` says which side of the
# connection is the MDE device (LocalIP): "direction" = derived per connection from
# Site::local_nets (the device is the originator unless only the responder is local),
# "orig" = the originator, "resp" = the responder.
MAPPED = {
    "HttpConnectionInspected": ("http", "direction", [], "", "http.log record"),
    "DnsConnectionInspected": ("dns", "direction", [], "", "dns.log record"),
    "SslConnectionInspected": ("ssl", "direction", [], "", "ssl.log record"),
    "SshConnectionInspected": ("ssh", "direction", [], "", "ssh.log record"),
    "FtpConnectionInspected": ("ftp", "direction", [], "", "ftp.log record"),
    "SmtpConnectionInspected": ("smtp", "direction", [], "", "smtp.log record"),
    "NtlmAuthenticationInspected": ("ntlm", "direction", [], "", "ntlm.log record"),
    "IcmpConnectionInspected": ("conn", "direction", [], "icmp", "conn.log rows with proto icmp"),
    "ConnectionSuccess": ("conn", "orig", ESTABLISHED, "",
                          "an established connection seen from its local originator"),
    "InboundConnectionAccepted": ("conn", "resp", ESTABLISHED, "",
                                  "an established connection seen from its local responder"),
    "ConnectionFailed": ("conn", "orig", FAILED, "",
                         "a connection attempt from a local originator that never completed"),
}

UNMAPPED = {
    "ConnectionFound": "an active connection found on the device by polling: no wire event",
    "ConnectionRequest": "the device's connect() call: a sensor cannot tell it from ConnectionSuccess/ConnectionFailed",
    "ConnectionAttempt": "MDE's own attempt event has no documented Zeek connection-state equivalent",
    "ConnectionAcknowledged": "MDE's own acknowledgement event has no documented Zeek connection-state equivalent",
    "InboundConnectionAttempt": "MDE's own inbound attempt event has no documented Zeek connection-state equivalent",
    "ListeningConnectionCreated": "a socket put into listening state is not visible on the wire",
    "NetworkSignatureInspected": "MDE's own signature engine; its SignatureName values are not Zeek notices",
    "InboundInternetScanInspected": "MDE's internet-scan correlation has no Zeek log",
    "KerberosConnectionInspected": "kerberos.log is not in the reference mapping of MDE fields",
    "ConnectionSuccessAggregatedReport": "an MDE aggregate of many connections, not one record",
    "ConnectionFailedAggregatedReport": "an MDE aggregate of many connections, not one record",
}

# Logged fields that other scripts of the same analyzer add with `redef record ... +=`
# (zeek_notes.md section 1.1), which zeek_logs.json does not list: (log, name, type, optional).
EXTRA_FIELDS = [
    ("ssl", "cert_chain_fps", "vector of string", True),
    ("ssl", "client_cert_chain_fps", "vector of string", True),
    ("ssl", "subject", "string", True),
    ("ssl", "issuer", "string", True),
    ("ssl", "client_subject", "string", True),
    ("ssl", "client_issuer", "string", True),
    ("ssl", "sni_matches_cert", "bool", True),
    ("http", "orig_fuids", "vector of string", True),
    ("http", "orig_filenames", "vector of string", True),
    ("http", "orig_mime_types", "vector of string", True),
    ("http", "resp_fuids", "vector of string", True),
    ("http", "resp_filenames", "vector of string", True),
    ("http", "resp_mime_types", "vector of string", True),
]

# AdditionalFields keys that exist in MDE but need something outside core Zeek.
NEEDS_PACKAGE = {"ja3": "salesforce/ja3", "ja3s": "salesforce/ja3"}


# DeviceNetworkEvents columns the generator can map; every other column is rejected with the
# reason of its group (the order of the prefixes matters: first match wins).
COLUMN_MAPS = {
    "Timestamp": "ts",
    "ActionType": "action_type",
    "LocalIP": "local_ip",
    "LocalPort": "local_port",
    "RemoteIP": "remote_ip",
    "RemotePort": "remote_port",
    "AdditionalFields": "additional_fields",
    "Protocol": "protocol",
}
COLUMN_REASONS = [
    ("InitiatingProcess", "process information exists only on the endpoint, not on the wire"),
    ("IsInitiatingProcess", "process information exists only on the endpoint, not on the wire"),
    ("Device", "the MDE device identity is not on the wire (LocalIP is the closest equivalent)"),
    ("RemoteUrl", "MDE fills RemoteUrl from its own URL reconstruction; read AdditionalFields.host, uri, query or server_name instead"),
    ("LocalIPType", "MDE's address classification has no exact Zeek equivalent; use ipv4_is_private() or ipv4_is_in_range()"),
    ("RemoteIPType", "MDE's address classification has no exact Zeek equivalent; use ipv4_is_private() or ipv4_is_in_range()"),
    ("", "an MDE bookkeeping column with no Zeek equivalent"),
]


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


def main():
    ref = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference")
    logs = json.loads((ref / "zeek_logs.json").read_text())["logs"]
    schema = json.loads((ref / "mde_schema.json").read_text())
    known = [a["name"] for a in schema["actiontypes"]["DeviceNetworkEvents"]]
    missing = set(MAPPED) | set(UNMAPPED)
    for name in known:
        if name not in missing:
            sys.exit(f"DeviceNetworkEvents ActionType {name} is neither mapped nor explained")

    out = ["# Generated by generate_mapping.py from the shared Zeek and MDE reference. Do not",
           "# edit by hand: change the script (or the reference) and run it again.", ""]
    for file_name, log in logs.items():
        short = file_name.removesuffix(".log")
        out.append("[[log]]")
        out.append(f"name = {toml_str(short)}")
        out.append(f"record = {toml_str(log['record'])}")
        out.append(f"load = {toml_str(LOADS[short])}")
        ev = log["event"]
        if ev.startswith("event "):
            out.append(f"event = {toml_str(ev.split('(')[0].removeprefix('event '))}")
        else:
            out.append(f"hook = {toml_str(short.upper() + '::log_policy')}")
        fields = [f for f in log["fields"] if f["logged"]]  # MDE carries logged columns only
        fields += [{"name": n, "zeek_type": t, "optional": o}
                   for (lg, n, t, o) in EXTRA_FIELDS if lg == short]
        for f in fields:
            out.append("[[log.field]]")
            out.append(f"name = {toml_str(f['name'])}")
            out.append(f"type = {toml_str(f['zeek_type'])}")
            out.append(f"optional = {'true' if f['optional'] else 'false'}")
        out.append("")
    for name in known:
        if name in MAPPED:
            log, view, states, proto, why = MAPPED[name]
            out.append("[[action_type]]")
            out.append(f"name = {toml_str(name)}")
            out.append(f"log = {toml_str(log)}")
            out.append(f"view = {toml_str(view)}")
            if states:
                out.append("conn_states = [" + ", ".join(toml_str(s) for s in states) + "]")
            if proto:
                out.append(f"proto = {toml_str(proto)}")
            out.append(f"meaning = {toml_str(why)}")
        else:
            out.append("[[unmapped_action_type]]")
            out.append(f"name = {toml_str(name)}")
            out.append(f"reason = {toml_str(UNMAPPED[name])}")
        out.append("")
    for col in schema["tables"]["DeviceNetworkEvents"]["columns"]:
        name = col["name"] if isinstance(col, dict) else col
        out.append("[[column]]")
        out.append(f"name = {toml_str(name)}")
        if name in COLUMN_MAPS:
            out.append(f"maps_to = {toml_str(COLUMN_MAPS[name])}")
        else:
            reason = next(r for prefix, r in COLUMN_REASONS if name.startswith(prefix))
            out.append(f"reason = {toml_str(reason)}")
        out.append("")
    for key, pkg in NEEDS_PACKAGE.items():
        out.append("[[package_field]]")
        out.append(f"key = {toml_str(key)}")
        out.append(f"package = {toml_str(pkg)}")
        out.append("")
    target = pathlib.Path(__file__).with_name("zeek_mapping.toml")
    target.write_text("\n".join(out))


if __name__ == "__main__":
    main()
