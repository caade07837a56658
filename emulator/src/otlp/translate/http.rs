//! The `http` block (reference §6; the Collector's `makeHTTP`), from the HTTP semantic
//! conventions in both generations: the old names (`http.method`, `http.status_code`,
//! `http.url`, `http.target`, `net.*`) and the stable ones (`http.request.method`,
//! `http.response.status_code`, `url.full`, `url.path`, `server.*`, `client.address`). When a
//! span carries both (`OTEL_SEMCONV_STABILITY_OPT_IN=http/dup`) they hold the same values and the
//! old name is read.

use std::net::IpAddr;

use opentelemetry_proto::tonic::common::v1::any_value::Value;
use opentelemetry_proto::tonic::trace::v1::span::{Event, SpanKind};
use shared::trace::{Http, HttpRequest, HttpResponse};

use super::attrs::Attrs;

/// Every key the block reads. They never reach metadata, even when the span turns out to have
/// no HTTP block (the Collector drops them before deciding).
const CONSUMED: &[&str] = &[
    "http.method",
    "http.request.method",
    "http.client_ip",
    "client.address",
    "http.user_agent",
    "user_agent.original",
    "http.status_code",
    "http.response.status_code",
    "http.url",
    "url.full",
    "http.scheme",
    "url.scheme",
    "http.host",
    "http.target",
    "url.path",
    "url.query",
    "http.server_name",
    "net.host.port",
    "server.port",
    "net.host.name",
    "host.name",
    "server.address",
    "net.peer.name",
    "net.peer.port",
    "network.peer.port",
    "net.peer.ip",
    "network.peer.address",
];

/// Any of these makes a span an HTTP span (`server.address` alone does not: database and
/// messaging spans carry it too).
const MARKS_HTTP: &[&str] = &[
    "http.method",
    "http.request.method",
    "http.client_ip",
    "client.address",
    "http.user_agent",
    "user_agent.original",
    "http.status_code",
    "http.response.status_code",
    "http.url",
    "url.full",
    "http.scheme",
    "url.scheme",
    "http.host",
    "http.target",
    "http.server_name",
    "net.host.port",
    "url.path",
    "url.query",
];

const SERVER_HOSTS: &[&str] = &[
    "http.host",
    "http.server_name",
    "net.host.name",
    "host.name",
    "server.address",
];
const SERVER_PORTS: &[&str] = &["net.host.port", "server.port"];
const CLIENT_HOSTS: &[&str] = &[
    "http.host",
    "net.peer.name",
    "net.peer.ip",
    "server.address",
];
const CLIENT_PORTS: &[&str] = &["net.peer.port", "network.peer.port"];

/// The block, if the span is an HTTP span, and the attributes left for the next blocks.
pub(super) fn block<'a>(
    kind: SpanKind,
    attrs: &Attrs<'a>,
    events: &[Event],
) -> (Option<Http>, Attrs<'a>) {
    let rest = attrs.without(CONSUMED);
    if !MARKS_HTTP.iter().any(|key| attrs.contains(key)) {
        return (None, rest);
    }
    let forwarded = attrs
        .first_str(&["http.client_ip", "client.address"])
        .filter(|ip| ip.parse::<IpAddr>().is_ok());
    let peer = attrs
        .first_str(&["net.peer.ip", "network.peer.address"])
        .filter(|ip| ip.parse::<IpAddr>().is_ok());
    let request = HttpRequest {
        method: attrs
            .first_str(&["http.method", "http.request.method"])
            .map(str::to_owned),
        url: url(kind, attrs),
        user_agent: attrs
            .first_str(&["http.user_agent", "user_agent.original"])
            .map(str::to_owned),
        client_ip: forwarded.or(peer).map(str::to_owned),
        x_forwarded_for: (forwarded.is_some() && peer.is_none()).then_some(true),
        traced: None,
    };
    let status = attrs
        .int("http.status_code")
        .or_else(|| attrs.int("http.response.status_code"));
    let response = HttpResponse {
        status: status.and_then(|code| u16::try_from(code).ok()),
        content_length: Some(response_size(attrs, events)),
    };
    let http = Http {
        request: Some(request),
        response: Some(response),
    };
    (Some(http), rest)
}

/// `http.url`/`url.full` as sent, else assembled from scheme, host, port and target; `None`
/// when the span names no host at all.
fn url(kind: SpanKind, attrs: &Attrs<'_>) -> Option<String> {
    if let Some(full) = attrs.first_str(&["http.url", "url.full"]) {
        return Some(full.to_owned());
    }
    let (hosts, ports) = if kind == SpanKind::Server {
        (SERVER_HOSTS, SERVER_PORTS)
    } else {
        (CLIENT_HOSTS, CLIENT_PORTS)
    };
    let host = attrs.first_str(hosts)?;
    let scheme = attrs
        .first_str(&["http.scheme", "url.scheme"])
        .unwrap_or("http");
    // `http.host` is a Host header, which already carries any port.
    let port = if attrs.str("http.host").is_some() {
        None
    } else {
        ports.iter().find_map(|key| attrs.text(key))
    };
    let default_port = matches!(
        (scheme, port.as_deref()),
        ("http", Some("80")) | ("https", Some("443"))
    );
    let mut url = format!("{scheme}://{host}");
    if let Some(port) = port.filter(|_| !default_port) {
        url.push(':');
        url.push_str(&port);
    }
    url.push_str(&target(attrs));
    Some(url)
}

/// `http.target`, else `url.path` (default `/`) and `url.query`.
fn target(attrs: &Attrs<'_>) -> String {
    if let Some(target) = attrs.str("http.target") {
        return target.to_owned();
    }
    let mut target = attrs.str("url.path").unwrap_or("/").to_owned();
    if let Some(query) = attrs.str("url.query") {
        if !query.starts_with('?') {
            target.push('?');
        }
        target.push_str(query);
    }
    target
}

/// The received message size (`messaging.message_payload_size_bytes` where `message.type` is
/// `RECEIVED`), on the span or its first event that has it; X-Ray always writes the field.
fn response_size(attrs: &Attrs<'_>, events: &[Event]) -> u64 {
    let size = |attrs: &Attrs<'_>| {
        let received = attrs.str("message.type") == Some("RECEIVED");
        let size = attrs.get("messaging.message_payload_size_bytes");
        match (received, size) {
            (true, Some(Value::IntValue(size))) => u64::try_from(*size).ok().filter(|s| *s > 0),
            _ => None,
        }
    };
    size(attrs)
        .or_else(|| {
            events
                .iter()
                .find_map(|event| size(&Attrs::new(&event.attributes)))
        })
        .unwrap_or(0)
}
