//! Where accepted documents go: with the destination `XRay`, into the segment store; with
//! `CloudWatchLogs`, every span into `aws/spans` (with the documents, for retrieval) and the
//! segments of indexed traces into the segment store.

use serde_json::Value as Json;
use shared::trace::SegmentDocument;

use super::XRay;
use super::destination::{Mode, indexed};
use super::ingest::Accepted;
use super::store::Incoming;
use super::text::DocumentText;
use crate::spans::{NewSpan, segment_records};

/// One OTLP span: its name (for messages), the segment documents it translates to, and its
/// `aws/spans` record when the destination is CloudWatch Logs.
pub(crate) struct ConvertedSpan<'a> {
    pub name: &'a str,
    pub documents: Vec<SegmentDocument>,
    pub record: Option<Json>,
}

/// Stores accepted segments; `records` are the spans they arrived as (OTLP), empty when they
/// arrived as documents (their spans are then converted from them).
pub(super) fn store(
    xray: &XRay,
    region: &str,
    mut segments: Vec<Accepted>,
    records: Vec<NewSpan>,
    now: f64,
) {
    if segments.is_empty() {
        return;
    }
    let percent = match xray.mode(region, now) {
        Mode::XRay => 100.0,
        Mode::Spans { indexing_percent } => {
            let spans = match records.is_empty() {
                true => converted(&segments),
                false => records,
            };
            let documents = segments
                .iter()
                .map(|s| (s.trace_id.clone(), s.id.clone(), s.text.clone()))
                .collect();
            xray.spans().write().insert(region, spans, documents, now);
            indexing_percent
        }
    };
    if percent < 100.0 {
        segments.retain(|s| indexed(&s.trace_id, percent));
    }
    // Deflated before the store's lock is taken: queries wait only for the digests.
    let incoming = segments
        .into_iter()
        .map(|s| Incoming {
            text: DocumentText::new(&s.text),
            text_len: s.text.len(),
            trace_id: s.trace_id,
            doc: s.doc,
            resource_arn: s.resource_arn,
        })
        .collect();
    xray.write_store().insert(region, incoming, now);
}

fn converted(segments: &[Accepted]) -> Vec<NewSpan> {
    segments
        .iter()
        .flat_map(|s| {
            segment_records(&s.doc, s.resource_arn.as_deref())
                .into_iter()
                .map(|record| NewSpan {
                    xray_trace_id: s.trace_id.clone(),
                    record,
                })
        })
        .collect()
}
