//! The parse of a stored document, kept to what the queries read — summaries, graphs, time
//! series, root causes and the filter evaluator — with every repeated string interned. The full
//! parse (`shared::trace::SegmentDocument`, ~950 bytes per (sub)segment before its strings) cost
//! four times the document's text; this costs a fraction of it. Rare blocks (the request, the
//! `aws` fields, exceptions, annotations) sit behind one box, so a plain subsegment is small.

use std::fmt;
use std::mem::size_of;

use shared::trace::{AnnotationValue, Cause, SegmentDocument};

use super::intern::{Interner, Sym};

/// What the allocator adds to each allocation (its header and rounding), for the estimates.
pub(crate) const ALLOCATION_BYTES: usize = 16;

/// A (sub)segment id: 16 lowercase hex digits (what SDKs write) as a number, anything else as
/// its text — so two ids are equal exactly when their texts are.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum SegId {
    Hex(u64),
    Text(Box<str>),
}

impl SegId {
    pub fn new(id: &str) -> Self {
        let lower_hex =
            id.len() == 16 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        match lower_hex.then(|| u64::from_str_radix(id, 16).ok()) {
            Some(Some(n)) => Self::Hex(n),
            _ => Self::Text(id.into()),
        }
    }

    fn heap_bytes(&self) -> usize {
        match self {
            Self::Hex(_) => 0,
            Self::Text(text) => text.len() + ALLOCATION_BYTES,
        }
    }
}

impl fmt::Display for SegId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Hex(n) => write!(f, "{n:016x}"),
            Self::Text(text) => f.write_str(text),
        }
    }
}

/// An annotation value (see `shared::trace::AnnotationValue`), its text interned.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Annotation {
    Bool(bool),
    Number(f64),
    String(Sym),
}

/// One exception of a `cause` block: its type and message.
pub(crate) struct Exception {
    pub exception_type: Option<Sym>,
    pub message: Option<Sym>,
}

/// The string fields only some documents carry (a segment its request, a call its resource).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    /// `http.request.*`.
    Method,
    Url,
    UserAgent,
    ClientIp,
    /// `aws.*`.
    AccountId,
    TableName,
    QueueUrl,
    BucketName,
    /// `aws.ec2.*`.
    AvailabilityZone,
    InstanceId,
}

/// What few documents carry.
struct Rare {
    /// `cause.exceptions` (a cause given by id or in another shape has none).
    exceptions: Box<[Exception]>,
    /// Sorted by key.
    annotations: Box<[(Sym, Annotation)]>,
}

pub(crate) struct Digest {
    pub id: Option<SegId>,
    pub parent_id: Option<SegId>,
    pub name: Option<Sym>,
    pub origin: Option<Sym>,
    /// `aws` or `remote` on downstream calls.
    pub namespace: Option<Sym>,
    pub user: Option<Sym>,
    pub start_time: Option<f64>,
    pub end_time: Option<f64>,
    /// `http.response.status`.
    pub status: Option<u16>,
    /// `type` is `subsegment`.
    pub subsegment: bool,
    pub in_progress: bool,
    pub error: bool,
    pub throttle: bool,
    pub fault: bool,
    /// Has an `sql` block (a database call).
    pub sql: bool,
    /// The [`Field`]s present: a handful of the ten at most, so a list beats ten slots.
    fields: Box<[(Field, Sym)]>,
    rare: Option<Box<Rare>>,
    pub subsegments: Box<[Digest]>,
}

impl Digest {
    /// Keeps what the queries read of `doc` (its nesting is bounded: serde_json refuses more
    /// than 128 levels, and documents built from spans have none).
    pub fn new(doc: &SegmentDocument, strings: &mut Interner) -> Self {
        let mut sym = |text: &str| strings.intern(text);
        let request = doc.http.as_ref().and_then(|h| h.request.as_ref());
        let aws = doc.aws.as_ref();
        let ec2 = |key: &str| aws.and_then(|a| a.other.get("ec2")?.get(key)?.as_str());
        let fields: Box<[(Field, Sym)]> = [
            (Field::Method, request.and_then(|r| r.method.as_deref())),
            (Field::Url, request.and_then(|r| r.url.as_deref())),
            (
                Field::UserAgent,
                request.and_then(|r| r.user_agent.as_deref()),
            ),
            (
                Field::ClientIp,
                request.and_then(|r| r.client_ip.as_deref()),
            ),
            (Field::AccountId, aws.and_then(|a| a.account_id.as_deref())),
            (Field::TableName, aws.and_then(|a| a.table_name.as_deref())),
            (Field::QueueUrl, aws.and_then(|a| a.queue_url.as_deref())),
            (
                Field::BucketName,
                aws.and_then(|a| a.other.get("bucket_name")?.as_str()),
            ),
            (Field::AvailabilityZone, ec2("availability_zone")),
            (Field::InstanceId, ec2("instance_id")),
        ]
        .into_iter()
        .filter_map(|(field, text)| Some((field, sym(text?))))
        .collect();
        let exceptions: Box<[Exception]> = match &doc.cause {
            Some(Cause::Details(cause)) => cause
                .exceptions
                .iter()
                .map(|e| Exception {
                    exception_type: e.exception_type.as_deref().map(&mut sym),
                    message: e.message.as_deref().map(&mut sym),
                })
                .collect(),
            _ => Box::default(),
        };
        let annotations: Box<[(Sym, Annotation)]> = doc
            .annotations
            .iter()
            .map(|(key, value)| {
                let value = match value {
                    AnnotationValue::Bool(flag) => Annotation::Bool(*flag),
                    AnnotationValue::Number(number) => Annotation::Number(*number),
                    AnnotationValue::String(text) => Annotation::String(sym(text)),
                };
                (sym(key), value)
            })
            .collect();
        let rare = (!exceptions.is_empty() || !annotations.is_empty()).then(|| {
            Box::new(Rare {
                exceptions,
                annotations,
            })
        });
        Self {
            id: doc.id.as_deref().map(SegId::new),
            parent_id: doc.parent_id.as_deref().map(SegId::new),
            name: doc.name.as_deref().map(&mut sym),
            origin: doc.origin.as_deref().map(&mut sym),
            namespace: doc.namespace.as_deref().map(&mut sym),
            user: doc.user.as_deref().map(&mut sym),
            start_time: doc.start_time,
            end_time: doc.end_time,
            status: doc.http.as_ref().and_then(|h| h.response.as_ref()?.status),
            subsegment: doc.document_type.as_deref() == Some("subsegment"),
            in_progress: doc.in_progress,
            error: doc.error,
            throttle: doc.throttle,
            fault: doc.fault,
            sql: doc.sql.is_some(),
            fields,
            rare,
            subsegments: doc
                .subsegments
                .iter()
                .map(|sub| Digest::new(sub, strings))
                .collect(),
        }
    }

    pub fn field(&self, field: Field) -> Option<&str> {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, text)| &**text)
    }

    pub fn exceptions(&self) -> &[Exception] {
        self.rare.as_deref().map_or(&[], |r| &r.exceptions)
    }

    /// Sorted by key.
    pub fn annotations(&self) -> &[(Sym, Annotation)] {
        self.rare.as_deref().map_or(&[], |r| &r.annotations)
    }

    /// The annotation `key`'s value, if the document has it.
    pub fn annotation(&self, key: &str) -> Option<&Annotation> {
        let annotations = self.annotations();
        let at = annotations.binary_search_by(|(k, _)| (**k).cmp(key)).ok()?;
        Some(&annotations[at].1)
    }

    /// Bytes of the allocations this digest owns (itself excepted: it lives in its parent's
    /// slice or in the stored segment). Interned strings are counted by the interner.
    pub fn heap_bytes(&self) -> usize {
        let ids = self.id.as_ref().map_or(0, SegId::heap_bytes)
            + self.parent_id.as_ref().map_or(0, SegId::heap_bytes);
        let rare = self.rare.as_deref().map_or(0, |r| {
            size_of::<Rare>()
                + slice_bytes(&r.exceptions)
                + slice_bytes(&r.annotations)
                + ALLOCATION_BYTES
        });
        let children: usize = self.subsegments.iter().map(Digest::heap_bytes).sum();
        ids + slice_bytes(&self.fields) + rare + slice_bytes(&self.subsegments) + children
    }
}

/// A boxed slice's allocation (none when empty).
fn slice_bytes<T>(slice: &[T]) -> usize {
    match slice.len() {
        0 => 0,
        n => n * size_of::<T>() + ALLOCATION_BYTES,
    }
}
