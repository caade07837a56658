//! All-spans search: an X-Ray filter expression as a CloudWatch Logs Insights query over the log
//! group `aws/spans` (Transaction Search), answering one row per trace, and those rows as the
//! same trace summaries X-Ray's GetTraceSummaries gives.
//!
//! # Semantics
//!
//! X-Ray filter expressions are about traces; spans are per span. The translation keeps X-Ray's
//! meaning:
//!
//! - A trace is represented by its **root span** (the span without `parentSpanId`), which is
//!   X-Ray's entry segment. A trace whose root span is not in the window is not found.
//! - Top-level keywords that X-Ray evaluates on the entry segment are conditions on the root
//!   span: `http.status`, `http.method`, `http.url`, `http.useragent`, `http.clientip`
//!   (OpenTelemetry's newer attribute name, else the older one), `responsetime` (the span's
//!   `durationNano`), `name` (the span's service), and `ok`/`error`/`fault`/`throttle`
//!   (from the status code as X-Ray's exporter derives them: 4xx error, 429 throttle, 5xx fault,
//!   and without a status code a span status `ERROR` is a fault). A number keyword on a span
//!   without that number is false whatever the operator; `!=` on a string is "no value equals".
//! - Tests of **any segment** — `service("x")` (a span emitted by `x`, or calling `x` or the AWS
//!   resource `x`), `user`, `annotation.KEY` (the span attribute of that key) — are *marks*: the
//!   query counts the trace's spans that match each, per trace (`stats … by traceId`), and tests
//!   the counts. Such a query is `ROOT AND TEST`, where ROOT (any combination of entry tests) is
//!   checked on the root span and TEST is any combination of marks; an entry test and an
//!   any-span test combined under `OR` or `!` cannot be answered in one query and are refused.
//! - Refused, with the part underlined: `duration` (it needs every span of a trace),
//!   `partial`, `inferred`, `root`, `type`, root causes, edges, groups, `service() { … }`,
//!   annotation comparisons other than `=`/`!=` on numbers, and values with control characters.
//!
//! Annotation values are matched as text (`5` also reads `5.0`; `true` as `true`): Logs
//! Insights has no type test, so a string annotation `"5"` also matches `annotation.k = 5`.
//! User text is always written as a string literal or an escaped regular expression, so no
//! input can add to the query.

mod escape;
mod fields;
mod plan;
mod rows;
mod translate;

use crate::filter::{Expr, position};

pub use fields::columns;
pub use plan::{MAX_ENTRY_IDS, Shape};
pub use rows::{summaries, with_entry};
use translate::{Cond, Translator};

/// The most rows a Logs Insights query returns (its `limit`).
pub const MAX_ROWS: u32 = 10_000;

/// A query to run over `aws/spans`, and how to read its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanQuery {
    pub query: String,
    pub shape: Shape,
}

/// A part of the filter expression that all-spans search cannot answer faithfully.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{part}` cannot be searched in all spans: {reason}")]
pub struct Untranslatable {
    /// Byte offset and length of the part in the expression's canonical text.
    pub offset: usize,
    pub len: usize,
    /// 1-based character column of the part in the canonical text.
    pub column: usize,
    /// The part, as the canonical printer writes it.
    pub part: String,
    pub reason: String,
}

/// The query for traces matching `filter` (every trace when `None`), newest first, at most
/// `limit` rows (1 to [`MAX_ROWS`]).
///
/// # Errors
/// [`Untranslatable`] naming the first part that has no faithful translation, or a limit out of range.
pub fn translate(filter: Option<&Expr>, limit: u32) -> Result<SpanQuery, Untranslatable> {
    let limit = limit.clamp(1, MAX_ROWS);
    let Some(expr) = filter else {
        return Ok(SpanQuery {
            query: plan::roots(None, limit),
            shape: Shape::Roots,
        });
    };
    let mut translator = Translator { marks: Vec::new() };
    let cond = translator
        .expr(expr)
        .map_err(|(part, reason)| refuse(expr, part, reason))?;
    if !cond.has_marks() {
        return Ok(SpanQuery {
            query: plan::roots(Some(&cond), limit),
            shape: Shape::Roots,
        });
    }
    let parts: Vec<(Cond, &Expr)> = match (cond, expr) {
        (Cond::And(conds), Expr::And(exprs)) => conds.into_iter().zip(exprs).collect(),
        (cond, expr) => vec![(cond, expr)],
    };
    let (mut root, mut test) = (Vec::new(), Vec::new());
    for (cond, part) in parts {
        match (cond.has_root(), cond.has_marks()) {
            (true, true) => {
                return Err(refuse(
                    expr,
                    part,
                    "it combines a test of the entry span with a test of any span under OR or !; \
                     all-spans search joins those with AND only"
                        .into(),
                ));
            }
            (true, false) => root.push(cond),
            (false, _) => test.push(cond),
        }
    }
    let root = (!root.is_empty()).then_some(Cond::And(root));
    let query = plan::traces(root.as_ref(), &translator.marks, &Cond::And(test), limit);
    Ok(SpanQuery {
        query,
        shape: Shape::Traces,
    })
}

/// The query for the entry spans of up to [`MAX_ENTRY_IDS`] traces (X-Ray or W3C ids), whose
/// rows read like [`Shape::Roots`]; `None` for an id that is neither.
pub fn entry_spans(trace_ids: &[&str]) -> Option<String> {
    let ids: Option<Vec<String>> = trace_ids
        .iter()
        .take(MAX_ENTRY_IDS)
        .map(|id| w3c_id(id))
        .collect();
    let ids = ids?;
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    Some(plan::entry_spans(&refs))
}

/// The W3C form (32 lowercase hex digits) of an X-Ray (`1-xxxxxxxx-x…`) or W3C trace id.
pub fn w3c_id(trace_id: &str) -> Option<String> {
    let hex = trace_id
        .strip_prefix("1-")
        .map_or_else(|| trace_id.to_owned(), |rest| rest.replace('-', ""));
    (hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| hex.to_ascii_lowercase())
}

/// The X-Ray form of a W3C trace id (`None` when it is not 32 hex digits).
pub fn xray_id(w3c: &str) -> Option<String> {
    let hex = w3c_id(w3c)?;
    Some(format!("1-{}-{}", &hex[..8], &hex[8..]))
}

fn refuse(root: &Expr, part: &Expr, reason: String) -> Untranslatable {
    let canonical = root.to_string();
    let (offset, len) = position(root, part).unwrap_or((0, canonical.len()));
    Untranslatable {
        offset,
        len,
        column: canonical
            .get(..offset)
            .map_or(1, |before| before.chars().count() + 1),
        part: part.to_string(),
        reason,
    }
}

#[cfg(test)]
mod tests;
