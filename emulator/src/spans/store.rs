//! The `aws/spans` log group per region: one compact record per span, grouped by trace, with
//! the X-Ray documents the spans were stored with (what trace retrieval hands back). Memory is
//! bounded like the segment store's: traces older than the retention window go first, then the
//! oldest traces while over the span or byte cap. Whole traces are dropped, in the order they
//! were first seen, so a query never sees half a trace that was cut by a cap.

use std::collections::{HashMap, VecDeque};

use serde::Serialize;
use serde_json::Value as Json;

use super::path::{Paths, Val};
use crate::xray::DocumentText;

/// What the allocator adds to an allocation, and a stored document's bookkeeping beyond its
/// deflated text (its id, its slot, its place in the trace's index).
const DOCUMENT_BYTES: usize = 16 + 2 * (16 + 16) + 48;

/// One span as a log event: its fields (interned paths), its time and its size as text.
pub(crate) struct SpanRecord {
    pub span_id: Box<str>,
    /// `@timestamp`, epoch milliseconds: the span's start (the time AWS gives the event is
    /// unconfirmed; the start keeps a trace's events in the order they happened).
    pub timestamp_ms: i64,
    /// Bytes of the record as JSON text (`@message`), what a query scanning it is billed for.
    pub message_bytes: u32,
    pub fields: Box<[(u32, Val)]>,
}

pub(crate) struct SpanTrace {
    /// The X-Ray form, `1-xxxxxxxx-…` (the W3C form is the map key).
    pub xray_id: String,
    pub first_stored: f64,
    pub records: Vec<SpanRecord>,
    /// The segment documents the spans came as (or were translated to), for retrieval; held
    /// deflated, as X-Ray's store holds them.
    pub documents: Vec<(Box<str>, DocumentText)>,
    span_index: HashMap<Box<str>, usize>,
    document_index: HashMap<Box<str>, usize>,
    bytes: usize,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SpanStoreSize {
    pub traces: usize,
    pub spans: usize,
    /// Bytes of span records (as text) and documents held.
    pub bytes: usize,
}

#[derive(Clone, Debug)]
pub struct SpanOptions {
    pub retention_seconds: f64,
    pub max_spans: usize,
    pub max_bytes: usize,
}

/// One span to store: its record (as JSON) and its trace.
pub(crate) struct NewSpan {
    pub xray_trace_id: String,
    pub record: Json,
}

pub(crate) struct SpanStore {
    options: SpanOptions,
    pub paths: Paths,
    regions: HashMap<String, HashMap<String, SpanTrace>>,
    order: VecDeque<(String, String, f64)>,
    size: SpanStoreSize,
}

impl SpanStore {
    pub fn new(options: SpanOptions) -> Self {
        Self {
            options,
            paths: Paths::default(),
            regions: HashMap::new(),
            order: VecDeque::new(),
            size: SpanStoreSize::default(),
        }
    }

    pub fn size(&self) -> SpanStoreSize {
        self.size
    }

    /// Traces still within retention, in no particular order.
    pub fn traces(&self, region: &str, now: f64) -> impl Iterator<Item = &SpanTrace> {
        let since = now - self.options.retention_seconds;
        self.regions
            .get(region)
            .into_iter()
            .flat_map(|traces| traces.values())
            .filter(move |t| t.first_stored >= since)
    }

    pub fn trace(&self, region: &str, w3c_id: &str, now: f64) -> Option<&SpanTrace> {
        let since = now - self.options.retention_seconds;
        self.regions
            .get(region)?
            .get(w3c_id)
            .filter(|t| t.first_stored >= since)
    }

    /// Stores spans and the documents they belong to (`(trace id, document id, text)`). A span
    /// or document sent again (same id in the same trace) replaces the earlier one.
    pub fn insert(
        &mut self,
        region: &str,
        spans: Vec<NewSpan>,
        documents: Vec<(String, String, String)>,
        now: f64,
    ) {
        for span in spans {
            let Some(record) = self.record(&span.record) else {
                continue;
            };
            let trace = self.trace_entry(region, &span.xray_trace_id, now);
            let bytes = record.message_bytes as usize + 24 * record.fields.len();
            trace.bytes += bytes;
            let (added_spans, removed) = match trace.span_index.get(&record.span_id) {
                Some(&at) => {
                    let old = std::mem::replace(&mut trace.records[at], record);
                    (0, old.message_bytes as usize + 24 * old.fields.len())
                }
                None => {
                    trace
                        .span_index
                        .insert(record.span_id.clone(), trace.records.len());
                    trace.records.push(record);
                    (1, 0)
                }
            };
            trace.bytes -= removed;
            self.size.spans += added_spans;
            self.size.bytes = self.size.bytes + bytes - removed;
        }
        for (xray_trace_id, id, text) in documents {
            let trace = self.trace_entry(region, &xray_trace_id, now);
            let text = DocumentText::new(&text);
            let added = text.bytes() + DOCUMENT_BYTES + 2 * id.len();
            let removed = match trace.document_index.get(id.as_str()) {
                Some(&at) => {
                    std::mem::replace(&mut trace.documents[at].1, text).bytes()
                        + DOCUMENT_BYTES
                        + 2 * id.len()
                }
                None => {
                    let id: Box<str> = id.into();
                    trace
                        .document_index
                        .insert(id.clone(), trace.documents.len());
                    trace.documents.push((id, text));
                    0
                }
            };
            trace.bytes = trace.bytes + added - removed;
            self.size.bytes = self.size.bytes + added - removed;
        }
        self.evict(now);
    }

    fn record(&mut self, value: &Json) -> Option<SpanRecord> {
        let span_id = value.get("spanId")?.as_str()?.into();
        let start = value.get("startTimeUnixNano")?.as_i64()?;
        let message_bytes = u32::try_from(value.to_string().len()).unwrap_or(u32::MAX);
        Some(SpanRecord {
            span_id,
            timestamp_ms: start / 1_000_000,
            message_bytes,
            fields: self.paths.flatten(value).into_boxed_slice(),
        })
    }

    fn trace_entry(&mut self, region: &str, xray_trace_id: &str, now: f64) -> &mut SpanTrace {
        let traces = self.regions.entry(region.to_owned()).or_default();
        let key = super::w3c_trace_id(xray_trace_id);
        traces.entry(key.clone()).or_insert_with(|| {
            self.order.push_back((region.to_owned(), key, now));
            self.size.traces += 1;
            SpanTrace {
                xray_id: xray_trace_id.to_owned(),
                first_stored: now,
                records: Vec::new(),
                documents: Vec::new(),
                span_index: HashMap::new(),
                document_index: HashMap::new(),
                bytes: 0,
            }
        })
    }

    fn evict(&mut self, now: f64) {
        let expired_before = now - self.options.retention_seconds;
        while let Some((_, _, first_stored)) = self.order.front() {
            let over = self.size.spans > self.options.max_spans
                || self.size.bytes > self.options.max_bytes;
            if *first_stored >= expired_before && !over {
                break;
            }
            if let Some((region, trace_id, _)) = self.order.pop_front() {
                let removed = self
                    .regions
                    .get_mut(&region)
                    .and_then(|traces| traces.remove(&trace_id));
                if let Some(trace) = removed {
                    self.size.traces -= 1;
                    self.size.spans -= trace.records.len();
                    self.size.bytes -= trace.bytes;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn span(trace: u32, id: u32) -> NewSpan {
        NewSpan {
            xray_trace_id: format!("1-00000001-{trace:024x}"),
            record: json!({"traceId": format!("00000001{trace:024x}"), "spanId": format!("{id:016x}"), "startTimeUnixNano": 5_000_000_i64}),
        }
    }

    fn store(max_spans: usize) -> SpanStore {
        SpanStore::new(SpanOptions {
            retention_seconds: 100.0,
            max_spans,
            max_bytes: usize::MAX,
        })
    }

    #[test]
    fn whole_traces_are_dropped_oldest_first_over_the_cap() {
        let mut store = store(3);
        store.insert("r", vec![span(1, 1), span(1, 2)], Vec::new(), 0.0);
        store.insert("r", vec![span(2, 3)], Vec::new(), 1.0);
        assert_eq!(store.size().spans, 3);
        store.insert("r", vec![span(3, 4)], Vec::new(), 2.0);
        let ids: Vec<String> = store.traces("r", 2.0).map(|t| t.xray_id.clone()).collect();
        assert_eq!(store.size().spans, 2);
        assert!(
            !ids.iter().any(|id| id.ends_with("01")),
            "trace 1 went first: {ids:?}"
        );
        assert_eq!(
            store
                .trace("r", &format!("00000001{:024x}", 3), 2.0)
                .map(|t| t.records.len()),
            Some(1)
        );
    }

    #[test]
    fn retention_and_resent_spans() {
        let mut store = store(100);
        store.insert(
            "r",
            vec![span(1, 1)],
            vec![(
                "1-00000001-000000000000000000000001".into(),
                "a".into(),
                "{}".into(),
            )],
            0.0,
        );
        store.insert(
            "r",
            vec![span(1, 1)],
            vec![(
                "1-00000001-000000000000000000000001".into(),
                "a".into(),
                "{\"x\":1}".into(),
            )],
            1.0,
        );
        assert_eq!(store.size().spans, 1, "a re-sent span replaces the first");
        let trace = store
            .trace("r", "00000001000000000000000000000001", 1.0)
            .map(|t| t.documents.len());
        assert_eq!(trace, Some(1));
        store.insert("r", vec![span(2, 2)], Vec::new(), 150.0);
        assert_eq!(store.size().traces, 1, "trace 1 expired");
        assert_eq!(store.traces("r", 150.0).count(), 1);
        let bytes: usize = store.size().bytes;
        assert!(bytes > 0 && bytes < 200, "{bytes}");
    }
}
