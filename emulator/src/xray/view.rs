//! One trace seen as X-Ray's service graph sees it: a list of "hits" — a service handling a
//! request (a segment) or an inferred downstream resource being called (an `aws`, `remote` or
//! `sql` subsegment no traced service answered) — each with the hit that called it. Summaries,
//! graphs, time series, root causes and the filter evaluator are all computed from this.

use std::collections::{HashMap, HashSet};

use super::digest::{Digest, Field, SegId};
use super::store::{StoredSegment, StoredTrace};

/// A graph node's identity: X-Ray's name and type.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct NodeKey {
    pub name: String,
    pub kind: String,
}

impl NodeKey {
    pub fn new(name: impl Into<String>, kind: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            kind: kind.into(),
        }
    }

    /// The node standing for every caller outside the traced system.
    pub fn client() -> Self {
        Self::new("client", "client")
    }
}

/// How a call ended, from the document's flags and HTTP status (ADOT sets both consistently;
/// hand-written documents may set only one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    Ok,
    /// 4xx other than 429.
    Error,
    /// 429 (also counted as an error).
    Throttle,
    /// 5xx.
    Fault,
}

pub(crate) fn outcome(doc: &Digest) -> Outcome {
    let status = http_status(doc).unwrap_or(0);
    if doc.fault || (500..600).contains(&status) {
        Outcome::Fault
    } else if doc.throttle || status == 429 {
        Outcome::Throttle
    } else if doc.error || (400..500).contains(&status) {
        Outcome::Error
    } else {
        Outcome::Ok
    }
}

pub(crate) fn http_status(doc: &Digest) -> Option<u16> {
    doc.status
}

pub(crate) struct Hit<'a> {
    pub node: NodeKey,
    /// The segment, or the subsegment of an inferred call.
    pub doc: &'a Digest,
    /// The stored segment this hit's document belongs to.
    pub stored: &'a StoredSegment,
    /// The calling hit; `None` for a call from outside (the client).
    pub parent: Option<usize>,
    pub inferred: bool,
}

impl Hit<'_> {
    pub fn response_time(&self) -> Option<f64> {
        Some(self.doc.end_time? - self.doc.start_time?)
    }

    pub fn start(&self) -> f64 {
        self.doc.start_time.unwrap_or_default()
    }
}

/// Every document of the trace (segments and subsegments at any depth) with the hit that owns it.
pub(crate) struct OwnedDoc<'a> {
    pub owner: usize,
    pub doc: &'a Digest,
}

pub(crate) struct TraceView<'a> {
    pub trace: &'a StoredTrace,
    pub hits: Vec<Hit<'a>>,
    pub docs: Vec<OwnedDoc<'a>>,
    /// The entry point: the earliest segment without a parent.
    pub root: Option<usize>,
    pub start: f64,
    pub end: f64,
    pub partial: bool,
}

impl<'a> TraceView<'a> {
    pub fn new(trace: &'a StoredTrace) -> Self {
        let mut builder = Builder::default();
        for stored in &trace.segments {
            if !stored.doc.subsegment {
                builder.add_segment(stored);
            }
        }
        builder.attach_subsegment_documents(&trace.segments);
        builder.link_and_infer();
        let (mut start, mut end) = (f64::INFINITY, f64::NEG_INFINITY);
        for owned in &builder.docs {
            start = start.min(owned.doc.start_time.unwrap_or(f64::INFINITY));
            end = end.max(owned.doc.end_time.unwrap_or(f64::NEG_INFINITY));
        }
        let in_progress = builder.docs.iter().any(|d| d.doc.in_progress);
        let root = (0..builder.hits.len())
            .filter(|&i| !builder.hits[i].inferred && builder.hits[i].doc.parent_id.is_none())
            .min_by(|&a, &b| builder.hits[a].start().total_cmp(&builder.hits[b].start()));
        Self {
            trace,
            partial: in_progress || builder.unresolved || root.is_none(),
            hits: builder.hits,
            docs: builder.docs,
            root,
            start: if start.is_finite() { start } else { 0.0 },
            end: if end.is_finite() { end } else { start.max(0.0) },
        }
    }

    pub fn duration(&self) -> f64 {
        (self.end - self.start).max(0.0)
    }

    pub fn root_hit(&self) -> Option<&Hit<'a>> {
        self.hits.get(self.root?)
    }

    /// The distinct nodes of the trace, in order of first appearance.
    pub fn nodes(&self) -> Vec<&NodeKey> {
        let mut seen = HashSet::new();
        self.hits
            .iter()
            .map(|h| &h.node)
            .filter(|n| seen.insert(*n))
            .collect()
    }
}

#[derive(Default)]
struct Builder<'a> {
    hits: Vec<Hit<'a>>,
    docs: Vec<OwnedDoc<'a>>,
    /// Which hit owns each segment/subsegment id.
    owner_of: HashMap<&'a SegId, usize>,
    unresolved: bool,
}

impl<'a> Builder<'a> {
    fn add_segment(&mut self, stored: &'a StoredSegment) {
        let kind = stored.doc.origin.as_deref().unwrap_or("remote");
        let name = stored.doc.name.as_deref().unwrap_or_default();
        self.hits.push(Hit {
            node: NodeKey::new(name, kind),
            doc: &stored.doc,
            stored,
            parent: None,
            inferred: false,
        });
        let owner = self.hits.len() - 1;
        self.own_tree(&stored.doc, owner);
    }

    /// Records `doc` and its nested subsegments (explicit stack: nesting may be deep) as `owner`'s.
    fn own_tree(&mut self, doc: &'a Digest, owner: usize) {
        let mut stack = vec![doc];
        while let Some(doc) = stack.pop() {
            if let Some(id) = doc.id.as_ref() {
                self.owner_of.insert(id, owner);
            }
            self.docs.push(OwnedDoc { owner, doc });
            stack.extend(doc.subsegments.iter());
        }
    }

    /// Subsegments sent as their own documents hang under a parent that may itself be such a
    /// document, sent in any order: each joins its parent's owner once that is known (linear in
    /// the number of documents, however deep the chain).
    fn attach_subsegment_documents(&mut self, segments: &'a [StoredSegment]) {
        let mut waiting: HashMap<&'a SegId, Vec<&'a StoredSegment>> = HashMap::new();
        let mut orphans = false;
        for stored in segments.iter().filter(|s| s.doc.subsegment) {
            // Ingest refuses a subsegment document without parent_id; one here is unresolved.
            match stored.doc.parent_id.as_ref() {
                Some(parent) => waiting.entry(parent).or_default().push(stored),
                None => orphans = true,
            }
        }
        let mut ready: Vec<&'a SegId> = self
            .owner_of
            .keys()
            .copied()
            .filter(|id| waiting.contains_key(id))
            .collect();
        while let Some(parent) = ready.pop() {
            let (Some(children), Some(&owner)) =
                (waiting.remove(parent), self.owner_of.get(parent))
            else {
                continue;
            };
            for child in children {
                let first_new = self.docs.len();
                self.own_tree(&child.doc, owner);
                let new_ids = self.docs[first_new..]
                    .iter()
                    .filter_map(|d| d.doc.id.as_ref());
                ready.extend(new_ids.filter(|id| waiting.contains_key(id)));
            }
        }
        self.unresolved |= orphans || !waiting.is_empty();
    }

    /// Links each segment to the hit whose subsegment called it, and turns downstream calls no
    /// traced service answered into inferred hits.
    fn link_and_infer(&mut self) {
        let mut answered: HashSet<&'a SegId> = HashSet::new();
        for i in 0..self.hits.len() {
            let Some(parent_id) = self.hits[i].doc.parent_id.as_ref() else {
                continue;
            };
            match self.owner_of.get(parent_id) {
                Some(&owner) if owner != i => {
                    self.hits[i].parent = Some(owner);
                    answered.insert(parent_id);
                }
                _ => self.unresolved = true,
            }
        }
        for d in 0..self.docs.len() {
            let OwnedDoc { owner, doc } = self.docs[d];
            if std::ptr::eq(self.hits[owner].doc, doc)
                || doc.id.as_ref().is_some_and(|id| answered.contains(id))
            {
                continue;
            }
            if let Some(node) = inferred_node(doc) {
                let stored = self.hits[owner].stored;
                self.hits.push(Hit {
                    node,
                    doc,
                    stored,
                    parent: Some(owner),
                    inferred: true,
                });
            }
        }
    }
}

/// The node X-Ray infers for a downstream call: AWS resources by their name (a DynamoDB table, an
/// SQS queue, an S3 bucket) or service, SQL databases, and other remote HTTP APIs.
pub(crate) fn inferred_node(doc: &Digest) -> Option<NodeKey> {
    let name = doc.name.as_deref().unwrap_or_default();
    if doc.sql {
        return Some(NodeKey::new(name, "Database::SQL"));
    }
    match doc.namespace.as_deref()? {
        "remote" => Some(NodeKey::new(name, "remote")),
        "aws" => Some(aws_node(doc, name)),
        _ => None,
    }
}

fn aws_node(doc: &Digest, service: &str) -> NodeKey {
    if let Some(table) = doc.field(Field::TableName) {
        return NodeKey::new(table, "AWS::DynamoDB::Table");
    }
    if let Some(url) = doc.field(Field::QueueUrl) {
        let queue = url.rsplit('/').next().unwrap_or(url);
        return NodeKey::new(queue, "AWS::SQS::Queue");
    }
    if let Some(bucket) = doc.field(Field::BucketName) {
        return NodeKey::new(bucket, "AWS::S3::Bucket");
    }
    let kind = format!("AWS::{service}");
    NodeKey::new(service, kind)
}
