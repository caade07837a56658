//! Segments per region, indexed by trace id, with bounded memory: traces older than the retention
//! window and, past `max_segments` or `max_bytes`, the oldest traces are dropped. Eviction works
//! on whole traces in the order they were first seen, so a query never sees half a trace that was
//! cut by a cap.
//!
//! A segment is held as its text deflated ([`DocumentText`]) and a digest of what the queries
//! read ([`Digest`]) whose strings are interned store-wide; the byte cap counts both, the traces'
//! own bookkeeping and the interned strings.

use std::collections::{HashMap, VecDeque};
use std::mem::size_of;
use std::sync::Arc;

use serde::Serialize;
use shared::trace::SegmentDocument;

use super::XRayOptions;
use super::digest::{ALLOCATION_BYTES, Digest, SegId};
use super::ingest::Accepted;
use super::intern::{Interner, Sym};
use super::text::DocumentText;

/// A segment on its way into the store: its text already deflated (outside the store's lock),
/// its parse not yet digested.
pub(crate) struct Incoming {
    pub trace_id: String,
    pub doc: SegmentDocument,
    pub text: DocumentText,
    pub text_len: usize,
    pub resource_arn: Option<String>,
}

/// One stored document: its digest, its text as sent (BatchGetTraces returns it unchanged) and
/// the top-level `resource_arn`, which the document type does not model.
pub(crate) struct StoredSegment {
    pub doc: Digest,
    pub resource_arn: Option<Sym>,
    text: DocumentText,
    text_len: u32,
}

/// Past this many segments a trace keeps an index of its segment ids (smaller ones are searched:
/// most traces have a handful of segments, and an index would cost more than it saves).
const INDEX_FROM: usize = 32;

pub(crate) struct StoredTrace {
    pub id: Sym,
    pub segments: Vec<StoredSegment>,
    /// Position of each segment id in `segments` (large traces only): a re-sent segment (in
    /// progress, then complete) replaces the earlier version.
    index: Option<HashMap<SegId, u32>>,
    /// Clock time at which the trace was first stored (retention counts from it).
    pub first_stored: f64,
    /// Clock time of the last document stored (TimeRangeType `Event`).
    pub updated: f64,
    /// Bytes the segments own beyond their slots in `segments`.
    segment_heap: usize,
}

#[derive(Default)]
pub(crate) struct RegionStore {
    pub traces: HashMap<Sym, StoredTrace>,
}

/// The store's footprint, for the report of a long demo run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StoreSize {
    pub traces: usize,
    pub segments: usize,
    /// Bytes of document text received (held deflated).
    pub document_bytes: usize,
    /// Estimated bytes held: deflated texts, digests, the traces' bookkeeping and the interned
    /// strings (what `max_bytes` bounds).
    pub bytes: usize,
}

pub(crate) struct Store {
    options: XRayOptions,
    regions: HashMap<Sym, RegionStore>,
    /// (region, trace id, first stored) in the order traces were first seen: eviction order.
    order: VecDeque<(Sym, Sym, f64)>,
    strings: Interner,
    size: StoreSize,
    /// Bytes of every stored trace ([`StoredTrace::bytes`]); `size.bytes` adds the strings.
    trace_bytes: usize,
}

impl Store {
    pub fn new(options: XRayOptions) -> Self {
        Self {
            options,
            regions: HashMap::new(),
            order: VecDeque::new(),
            strings: Interner::default(),
            size: StoreSize::default(),
            trace_bytes: 0,
        }
    }

    pub fn size(&self) -> StoreSize {
        StoreSize {
            bytes: self.trace_bytes + self.strings.bytes(),
            ..self.size
        }
    }

    pub fn region(&self, region: &str) -> Option<&RegionStore> {
        self.regions.get(region)
    }

    /// The oldest first-stored time a trace may have and still be served.
    pub fn retained_since(&self, now: f64) -> f64 {
        now - self.options.retention_seconds
    }

    pub fn insert(&mut self, region: &str, segments: Vec<Incoming>, now: f64) {
        if !self.regions.contains_key(region) {
            let name = self.strings.intern(region);
            self.regions.insert(name, RegionStore::default());
        }
        let Some((region_name, _)) = self.regions.get_key_value(region) else {
            return;
        };
        let region_name = Arc::clone(region_name);
        let Some(traces) = self.regions.get_mut(region).map(|r| &mut r.traces) else {
            return;
        };
        for incoming in segments {
            if !traces.contains_key(incoming.trace_id.as_str()) {
                let id: Sym = Arc::from(incoming.trace_id.as_str());
                self.order
                    .push_back((Arc::clone(&region_name), Arc::clone(&id), now));
                self.size.traces += 1;
                self.trace_bytes += StoredTrace::empty_bytes();
                traces.insert(Arc::clone(&id), StoredTrace::new(id, now));
            }
            let Some(trace) = traces.get_mut(incoming.trace_id.as_str()) else {
                continue;
            };
            let segment = StoredSegment {
                doc: Digest::new(&incoming.doc, &mut self.strings),
                resource_arn: incoming
                    .resource_arn
                    .as_deref()
                    .map(|arn| self.strings.intern(arn)),
                text: incoming.text,
                text_len: u32::try_from(incoming.text_len).unwrap_or(u32::MAX),
            };
            trace.updated = now;
            self.trace_bytes -= trace.bytes();
            self.size.document_bytes += segment.text_len as usize;
            match trace.put(segment) {
                Some(old) => self.size.document_bytes -= old.text_len as usize,
                None => self.size.segments += 1,
            }
            self.trace_bytes += trace.bytes();
        }
        self.evict(now);
    }

    /// Drops expired traces, then the oldest ones while over the segment or byte cap.
    fn evict(&mut self, now: f64) {
        let expired_before = self.retained_since(now);
        let mut evicted = false;
        while let Some((_, _, first_stored)) = self.order.front() {
            let over = self.size.segments > self.options.max_segments
                || self.size().bytes > self.options.max_bytes;
            if *first_stored >= expired_before && !over {
                break;
            }
            if let Some((region, trace_id, _)) = self.order.pop_front() {
                self.remove(&region, &trace_id);
                evicted = true;
            }
        }
        if evicted {
            self.strings.prune();
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
        self.size.document_bytes -= trace
            .segments
            .iter()
            .map(|s| s.text_len as usize)
            .sum::<usize>();
        self.trace_bytes -= trace.bytes();
    }
}

impl StoredSegment {
    /// The segment's id as sent (stored documents always have one).
    pub fn id(&self) -> String {
        self.doc
            .id
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default()
    }

    /// The document's text exactly as it was sent.
    pub fn text(&self) -> String {
        self.text.text()
    }

    /// Bytes this segment owns beyond its slot.
    fn heap_bytes(&self) -> usize {
        self.doc.heap_bytes() + self.text.bytes() + ALLOCATION_BYTES
    }
}

impl StoredTrace {
    fn new(id: Sym, now: f64) -> Self {
        Self {
            id,
            segments: Vec::new(),
            index: None,
            first_stored: now,
            updated: now,
            segment_heap: 0,
        }
    }

    /// A trace outside any store (a retrieved one), for the views and graphs built on traces.
    pub fn detached(id: &str, documents: Vec<Accepted>) -> Self {
        let mut strings = Interner::default();
        let mut trace = Self::new(Arc::from(id), 0.0);
        for accepted in documents {
            trace.put(StoredSegment {
                doc: Digest::new(&accepted.doc, &mut strings),
                resource_arn: accepted.resource_arn.map(|arn| strings.intern(&arn)),
                text_len: u32::try_from(accepted.text.len()).unwrap_or(u32::MAX),
                text: DocumentText::Plain(accepted.text.into()),
            });
        }
        trace
    }

    /// Stores `segment`, replacing (and returning) the one with its id if there was one.
    fn put(&mut self, segment: StoredSegment) -> Option<StoredSegment> {
        self.segment_heap += segment.heap_bytes();
        let at = match (&self.index, segment.doc.id.as_ref()) {
            (Some(index), Some(id)) => index.get(id).map(|&at| at as usize),
            (None, id) => self.segments.iter().position(|s| s.doc.id.as_ref() == id),
            (Some(_), None) => None,
        };
        if let Some(at) = at {
            let old = std::mem::replace(&mut self.segments[at], segment);
            self.segment_heap -= old.heap_bytes();
            return Some(old);
        }
        if let (Some(index), Some(id)) = (self.index.as_mut(), segment.doc.id.clone()) {
            index.insert(id, u32::try_from(self.segments.len()).unwrap_or(u32::MAX));
        }
        self.segments.push(segment);
        if self.index.is_none() && self.segments.len() >= INDEX_FROM {
            let ids = self.segments.iter().enumerate();
            let index =
                ids.filter_map(|(at, s)| Some((s.doc.id.clone()?, u32::try_from(at).ok()?)));
            self.index = Some(index.collect());
        }
        None
    }

    /// What a trace with no segments costs: its slot in the region's table (at the table's load
    /// factor), its id, its place in the eviction order.
    fn empty_bytes() -> usize {
        size_of::<(Sym, StoredTrace)>() * 8 / 7
            + 1
            + (16 + 35 + ALLOCATION_BYTES)
            + size_of::<(Sym, Sym, f64)>()
    }

    /// Estimated bytes held for this trace.
    fn bytes(&self) -> usize {
        let slots = self.segments.capacity() * size_of::<StoredSegment>();
        let index = self.index.as_ref().map_or(0, |index| {
            index.capacity() * (size_of::<(SegId, u32)>() + 1) * 8 / 7 + ALLOCATION_BYTES
        });
        Self::empty_bytes() + slots + index + self.segment_heap
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
