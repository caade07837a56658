//! The span fields the translation reads, and the columns its queries answer with.
//!
//! Where OpenTelemetry renamed an attribute (semantic conventions 1.20 → 1.21+), both names are
//! read, the newer first: an SDK writes one or the other, and X-Ray's exporter reads both.

use super::escape::field;

/// `http.status`: the response's status code.
pub(crate) const STATUS: [&str; 2] = [
    "attributes.http.response.status_code",
    "attributes.http.status_code",
];
pub(crate) const METHOD: [&str; 2] = ["attributes.http.request.method", "attributes.http.method"];
pub(crate) const URL: [&str; 2] = ["attributes.url.full", "attributes.http.url"];
pub(crate) const USER_AGENT: [&str; 2] = [
    "attributes.user_agent.original",
    "attributes.http.user_agent",
];
pub(crate) const CLIENT_IP: [&str; 2] = ["attributes.client.address", "attributes.http.client_ip"];
/// The service a span belongs to: ADOT's `aws.local.service`, else the resource's name.
pub(crate) const SERVICE: [&str; 2] = [
    "attributes.aws.local.service",
    "resource.attributes.service.name",
];
pub(crate) const PLATFORM: &str = "resource.attributes.cloud.platform";
pub(crate) const SPAN_STATUS: &str = "status.code";
pub(crate) const DURATION: &str = "durationNano";
pub(crate) const START: &str = "startTimeUnixNano";
pub(crate) const END: &str = "endTimeUnixNano";
pub(crate) const USER: &str = "attributes.enduser.id";
/// What `service("x")` matches in a span: the service that emitted it, or the one it calls
/// (Application Signals' `aws.remote.service`) or the AWS resource it calls (a DynamoDB table,
/// a queue, a bucket: `aws.remote.resource.identifier`).
pub(crate) const SERVICE_NAMES: [&str; 3] = [
    "resource.attributes.service.name",
    "attributes.aws.remote.service",
    "attributes.aws.remote.resource.identifier",
];

/// A value read from the first of `names` that a span has.
pub(crate) fn either(names: &[&str]) -> String {
    match names {
        [one] => field(one),
        _ => format!(
            "coalesce({})",
            names
                .iter()
                .map(|n| field(n))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The span has one of `names`.
pub(crate) fn present(names: &[&str]) -> String {
    let tests: Vec<String> = names
        .iter()
        .map(|n| format!("ispresent({})", field(n)))
        .collect();
    match tests.len() {
        1 => tests.join(""),
        _ => format!("({})", tests.join(" or ")),
    }
}

/// The columns of a row that stands for one trace, as the queries name them.
pub mod columns {
    pub const TRACE_ID: &str = "traceId";
    pub const START: &str = "rt_start";
    pub const DURATION: &str = "rt_duration";
    pub const END: &str = "rt_end";
    pub const SERVICE: &str = "rt_service";
    pub const PLATFORM: &str = "rt_platform";
    pub const METHOD: &str = "rt_method";
    pub const URL: &str = "rt_url";
    pub const STATUS: &str = "rt_status";
    pub const USER_AGENT: &str = "rt_user_agent";
    pub const CLIENT_IP: &str = "rt_client_ip";
    pub const SPAN_STATUS: &str = "rt_span_status";
    /// Spans of the trace the query counted (entry span and the spans that matched).
    pub const SPANS: &str = "rt_spans";
}

/// `fields` of an entry span: what a trace summary row shows.
pub(crate) fn entry_columns() -> String {
    let pairs = [
        (either(&[START]), columns::START),
        (either(&[DURATION]), columns::DURATION),
        (either(&SERVICE), columns::SERVICE),
        (either(&[PLATFORM]), columns::PLATFORM),
        (either(&METHOD), columns::METHOD),
        (either(&URL), columns::URL),
        (either(&STATUS), columns::STATUS),
        (either(&USER_AGENT), columns::USER_AGENT),
        (either(&CLIENT_IP), columns::CLIENT_IP),
        (either(&[SPAN_STATUS]), columns::SPAN_STATUS),
    ];
    let mut out = format!("fields {}", columns::TRACE_ID);
    for (value, name) in pairs {
        out.push_str(&format!(", {value} as {name}"));
    }
    out
}
