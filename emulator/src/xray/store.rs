//! Segments per region, indexed by trace id, with bounded memory: traces older than the retention
//! window and, past `max_segments`, the oldest traces are dropped. Eviction works on whole traces
//! in the order they were first seen, so a query never sees half a trace that was cut by the cap.

use std::collections::{HashMap, VecDeque};

use serde::Serialize;
use shared::trace::SegmentDocument;

use super::XRayOptions;

/// One accepted document: the text exactly as sent (BatchGetTraces returns it unchanged) and
/// its parse (metadata dropped: it is never queried and is the bulk of real documents).
pub(crate) struct StoredSegment {
    pub id: String,
    pub trace_id: String,
    pub text: String,
    pub doc: SegmentDocument,
    /// The top-level `resource_arn`, which the shared document type does not model.
    pub resource_arn: Option<String>,
}

pub(crate) struct StoredTrace {
    pub id: String,
    pub segments: Vec<StoredSegment>,
    /// Position of each segment id in `segments`: a re-sent segment (in progress, then complete)
    /// replaces the earlier version.
    index: HashMap<String, usize>,
    /// Clock time at which the trace was first stored (retention counts from it).
    pub first_stored: f64,
    /// Clock time of the last document stored (TimeRangeType `Event`).
    pub updated: f64,
}

#[derive(Default)]
pub(crate) struct RegionStore {
    pub traces: HashMap<String, StoredTrace>,
}

/// The store's footprint, for the report of a long demo run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StoreSize {
    pub traces: usize,
    pub segments: usize,
    /// Bytes of document text held (the parsed form costs roughly as much again).
    pub document_bytes: usize,
}

pub(crate) struct Store {
    options: XRayOptions,
    regions: HashMap<String, RegionStore>,
    /// (region, trace id, first stored) in the order traces were first seen: eviction order.
    order: VecDeque<(String, String, f64)>,
    size: StoreSize,
}

impl Store {
    pub fn new(options: XRayOptions) -> Self {
        Self {
            options,
            regions: HashMap::new(),
            order: VecDeque::new(),
            size: StoreSize::default(),
        }
    }

    pub fn size(&self) -> StoreSize {
        self.size
    }

    pub fn region(&self, region: &str) -> Option<&RegionStore> {
        self.regions.get(region)
    }

    /// The oldest first-stored time a trace may have and still be served.
    pub fn retained_since(&self, now: f64) -> f64 {
        now - self.options.retention_seconds
    }

    pub fn insert(&mut self, region: &str, segments: Vec<StoredSegment>, now: f64) {
        let traces = &mut self.regions.entry(region.to_owned()).or_default().traces;
        for segment in segments {
            let trace = traces.entry(segment.trace_id.clone()).or_insert_with(|| {
                self.order
                    .push_back((region.to_owned(), segment.trace_id.clone(), now));
                self.size.traces += 1;
                StoredTrace {
                    id: segment.trace_id.clone(),
                    segments: Vec::new(),
                    index: HashMap::new(),
                    first_stored: now,
                    updated: now,
                }
            });
            trace.updated = now;
            self.size.document_bytes += segment.text.len();
            match trace.index.get(&segment.id) {
                Some(&at) => {
                    let old = std::mem::replace(&mut trace.segments[at], segment);
                    self.size.document_bytes -= old.text.len();
                }
                None => {
                    trace.index.insert(segment.id.clone(), trace.segments.len());
                    trace.segments.push(segment);
                    self.size.segments += 1;
                }
            }
        }
        self.evict(now);
    }

    /// Drops expired traces, then the oldest ones while over the segment cap.
    fn evict(&mut self, now: f64) {
        let expired_before = self.retained_since(now);
        while let Some((_, _, first_stored)) = self.order.front() {
            let expired = *first_stored < expired_before;
            if !expired && self.size.segments <= self.options.max_segments {
                break;
            }
            if let Some((region, trace_id, _)) = self.order.pop_front() {
                self.remove(&region, &trace_id);
            }
        }
    }

    fn remove(&mut self, region: &str, trace_id: &str) {
        let Some(trace) = self
            .regions
            .get_mut(region)
            .and_then(|r| r.traces.remove(trace_id))
        else {
            return;
        };
        self.size.traces -= 1;
        self.size.segments -= trace.segments.len();
        self.size.document_bytes -= trace.segments.iter().map(|s| s.text.len()).sum::<usize>();
    }
}

impl StoredTrace {
    /// A trace outside any store (a retrieved one), for the views and graphs built on traces.
    pub fn detached(id: String, segments: Vec<StoredSegment>) -> Self {
        let index = segments
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        Self {
            id,
            segments,
            index,
            first_stored: 0.0,
            updated: 0.0,
        }
    }

    /// Earliest start and latest end over the stored documents (nested subsegments lie within
    /// their segment): a cheap test before building a full view.
    pub fn bounds(&self) -> (f64, f64) {
        let starts = self.segments.iter().filter_map(|s| s.doc.start_time);
        let ends = self
            .segments
            .iter()
            .filter_map(|s| s.doc.end_time.or(s.doc.start_time));
        (
            starts.fold(f64::INFINITY, f64::min),
            ends.fold(f64::NEG_INFINITY, f64::max),
        )
    }
}

impl RegionStore {
    /// Traces still within retention.
    pub fn live_traces(&self, retained_since: f64) -> impl Iterator<Item = &StoredTrace> {
        self.traces
            .values()
            .filter(move |t| t.first_stored >= retained_since)
    }
}
