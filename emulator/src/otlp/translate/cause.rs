//! `error`, `fault`, `throttle` and `cause` (reference §7–8; the Collector's `makeCause`).
//! The HTTP status decides the flags when there is one (a 404 with span status ERROR is an
//! error, not a fault); otherwise span status ERROR is a fault. Exception events become
//! `cause.exceptions`, with stacks parsed per language (`stack`).

use opentelemetry_proto::tonic::trace::v1::span::SpanKind;
use opentelemetry_proto::tonic::trace::v1::status::StatusCode;
use opentelemetry_proto::tonic::trace::v1::{Span, span::Event};
use shared::trace::{Cause, CauseDetails, Exception};

use super::IdSource;
use super::attrs::Attrs;
use super::stack;

/// The event name OpenTelemetry's `record_exception` writes.
const EXCEPTION_EVENT: &str = "exception";
/// What the AWS SDK instrumentations record for each failed HTTP attempt of an SDK call.
const AWS_HTTP_FAILURE_EVENT: &str = "HTTP request failure";

pub(super) struct Outcome<'a> {
    pub error: bool,
    pub fault: bool,
    pub throttle: bool,
    pub cause: Option<Cause>,
    /// The attributes left for the next blocks.
    pub attrs: Attrs<'a>,
}

pub(super) fn block<'a>(
    span: &Span,
    kind: SpanKind,
    attrs: Attrs<'a>,
    resource: &Attrs<'_>,
    ids: &IdSource,
) -> Outcome<'a> {
    let span_attrs = Attrs::new(&span.attributes);
    let status_error = span
        .status
        .as_ref()
        .is_some_and(|s| s.code == StatusCode::Error as i32);
    let aws_sdk = span_attrs.str("rpc.system") == Some("aws-api");
    let has_exceptions = span.events.iter().any(|event| {
        event.name == EXCEPTION_EVENT || (aws_sdk && event.name == AWS_HTTP_FAILURE_EVENT)
    });

    let (cause, attrs) = if has_exceptions {
        let remote = matches!(kind, SpanKind::Client | SpanKind::Producer);
        let language = resource.str("telemetry.sdk.language").unwrap_or_default();
        let mut exceptions = Vec::new();
        for event in &span.events {
            if event.name == EXCEPTION_EVENT {
                exceptions.extend(exception(event, remote, language, ids, exceptions.len()));
            } else if aws_sdk && event.name == AWS_HTTP_FAILURE_EVENT {
                exceptions.extend(http_failure(event, ids, exceptions.len()));
            }
        }
        (Some(details(exceptions)), attrs)
    } else if status_error {
        // Without exception events, the status message (or an OpenCensus-era status text) is
        // all there is to say; an empty one says nothing.
        let message = span
            .status
            .as_ref()
            .map(|s| s.message.as_str())
            .filter(|m| !m.is_empty())
            .or_else(|| attrs.str("http.status_text"));
        let cause = message.map(|message| {
            details(vec![Exception {
                id: Some(hex::encode(ids.derive(1))),
                exception_type: Some(String::new()),
                message: Some(message.to_owned()),
                ..Exception::default()
            }])
        });
        (cause, attrs.without(&["http.status_text"]))
    } else {
        (None, attrs)
    };

    let code = span_attrs
        .int("http.status_code")
        .or_else(|| span_attrs.int("http.response.status_code"));
    let (error, throttle, fault) = match code {
        Some(code @ 400..=499) => (true, code == 429, false),
        Some(500..=599) => (false, false, true),
        _ => (false, false, status_error),
    };
    Outcome {
        error,
        fault,
        throttle,
        cause,
        attrs,
    }
}

fn details(exceptions: Vec<Exception>) -> Cause {
    Cause::Details(CauseDetails {
        exceptions,
        ..CauseDetails::default()
    })
}

/// One `exception` event: the exception itself, then the ones it was caused by if the stack
/// trace names them. Ids are the `first_id`th and following of the span.
fn exception(
    event: &Event,
    remote: bool,
    language: &str,
    ids: &IdSource,
    first_id: usize,
) -> Vec<Exception> {
    let attrs = Attrs::new(&event.attributes);
    let text = |key| attrs.str(key).unwrap_or_default().to_owned();
    let thrown = Exception {
        exception_type: Some(text("exception.type")),
        message: Some(text("exception.message")),
        remote: Some(remote),
        ..Exception::default()
    };
    let mut chain = stack::parse(thrown, attrs.str("exception.stacktrace"), language);
    for (n, exception) in chain.iter_mut().enumerate() {
        exception.id = Some(hex::encode(ids.derive((first_id + n + 1) as u64)));
    }
    // Each exception names the one that caused it, which the parser put after it.
    let next_ids: Vec<Option<String>> = chain.iter().skip(1).map(|e| e.id.clone()).collect();
    for (exception, cause) in chain.iter_mut().zip(next_ids) {
        exception.cause = cause;
    }
    chain
}

/// An AWS SDK attempt that failed: `<status>@<epoch seconds, 6 decimals>@<message>`.
fn http_failure(event: &Event, ids: &IdSource, n: usize) -> Option<Exception> {
    let attrs = Attrs::new(&event.attributes);
    let status = attrs.text("http.response.status_code")?;
    let message = attrs.get("aws.http.error_message")?;
    let message = match message {
        opentelemetry_proto::tonic::common::v1::any_value::Value::StringValue(text) => text,
        _ => return None,
    };
    let micros = event.time_unix_nano / 1_000;
    Some(Exception {
        id: Some(hex::encode(ids.derive(n as u64 + 1))),
        exception_type: Some("aws.http.error.event".into()),
        remote: Some(true),
        message: Some(format!(
            "{status}@{}.{:06}@{message}",
            micros / 1_000_000,
            micros % 1_000_000
        )),
        ..Exception::default()
    })
}
