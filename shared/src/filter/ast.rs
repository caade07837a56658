//! The typed syntax tree of a filter expression. The parser produces it in a canonical shape (see
//! [`Expr::and`] and [`Test::Bool`]), the printer writes it back, and the emulator evaluates it.

use super::keywords::{
    AnyOp, BoolKeyword, GroupBy, NumKeyword, NumOp, RootCauseKind, RootCauseTarget, StrKeyword,
    StrOp,
};

/// A whole filter expression, or one part of it.
///
/// Invariants of a parsed tree (which the printer relies on to print it back unchanged):
/// `And`/`Or` hold at least two items and never an item of their own kind (`a AND (b AND c)` is
/// `And[a, b, c]`); nesting is at most [`MAX_DEPTH`](super::MAX_DEPTH) levels deep. Build
/// conjunctions and disjunctions with [`Expr::and`] and [`Expr::or`] to keep them.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// True when any item is (`a OR b`).
    Or(Vec<Expr>),
    /// True when every item is (`a AND b`, or just `a b`).
    And(Vec<Expr>),
    /// `!inner`.
    Not(Box<Expr>),
    /// A keyword test such as `responsetime > 5` or `annotation.gameid = "817DL6VO"`.
    Test(Test),
    /// `service(selector) { body }`: some service node matches `selector` (any node when `None`,
    /// written `service()`) and, when given, its segments match `body`.
    Service {
        selector: Option<ServiceSelector>,
        body: Option<Box<Expr>>,
    },
    /// `edge(source, destination) { body }`: a call from `source` to `destination` whose segments
    /// match `body` when given.
    Edge {
        source: ServiceSelector,
        destination: ServiceSelector,
        body: Option<Box<Expr>>,
    },
    /// `group.name = "G"` or `group.arn = "arn:…"`: the trace matches that group's filter.
    Group { by: GroupBy, value: String },
    /// `rootcause.KIND.TARGET { body }`: some root cause of that kind has a `target` matching
    /// `body` (any, when `None`). [`RootCauseKind::takes`] tells which pairs exist.
    RootCause {
        kind: RootCauseKind,
        target: RootCauseTarget,
        body: Option<Box<Expr>>,
    },
    /// `rootcause.json = #[ … ]`: the JSON array of root-cause objects exactly as written after
    /// `#` (already checked to be valid JSON; parse it with `serde_json` to compare). Kept as text
    /// so printing and re-parsing cannot change it.
    RootCauseJson(String),
}

/// A keyword compared with a value, or tested bare.
#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    /// `ok`, `ok = true` and `ok != false` all give `value: true`; `ok = false` and
    /// `ok != true` give `false` (while `!ok` is [`Expr::Not`] around `ok`). The printer writes
    /// `ok` for `true` and `ok = false` for `false`.
    Bool { kw: BoolKeyword, value: bool },
    /// `responsetime > 5`; the operator is required. Always finite.
    Num {
        kw: NumKeyword,
        op: NumOp,
        value: f64,
    },
    /// `http.url CONTAINS "/api/"`; `op: None` is the bare keyword, "the field is set".
    Str {
        kw: StrKeyword,
        op: Option<(StrOp, String)>,
    },
    /// `annotation.KEY [op value]`; `cond: None` means "the annotation is set". Only at the top
    /// level (not inside `service()`, `edge()` or `rootcause.*` bodies). The value's type fits
    /// the operator: `<`… take a number, `CONTAINS`… a string, `=`/`!=` any [`Value`].
    Annotation {
        key: String,
        cond: Option<(AnyOp, Value)>,
    },
}

/// An annotation value: X-Ray annotations are strings, numbers or booleans.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Always finite.
    Number(f64),
    String(String),
    Bool(bool),
}

/// Which service nodes `service(…)` and `edge(…)` refer to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceSelector {
    /// `"api.example.com"`: every node with that name, whatever its type.
    Name(String),
    /// `id(name: "…", type: "…", account.id: "…")`.
    Id(ServiceId),
}

/// The arguments of `id(…)`; at least one is set. A node matches when every given field does.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServiceId {
    pub name: Option<String>,
    /// `type:`, e.g. `AWS::AppRunner::Service`.
    pub kind: Option<String>,
    pub account_id: Option<String>,
}

impl Expr {
    /// The conjunction of `items`, flattened: nested `And`s are spliced in, a single item is
    /// returned as is, and no items gives `None`.
    pub fn and(items: impl IntoIterator<Item = Expr>) -> Option<Expr> {
        let mut items = items.into_iter();
        items.next().map(|first| Self::all(first, items))
    }

    /// The disjunction of `items`, flattened like [`Expr::and`].
    pub fn or(items: impl IntoIterator<Item = Expr>) -> Option<Expr> {
        let mut items = items.into_iter();
        items.next().map(|first| Self::any(first, items))
    }

    /// [`Expr::and`] of at least one item.
    pub fn all(first: Expr, rest: impl IntoIterator<Item = Expr>) -> Expr {
        Self::join(first, rest, true)
    }

    /// [`Expr::or`] of at least one item.
    pub fn any(first: Expr, rest: impl IntoIterator<Item = Expr>) -> Expr {
        Self::join(first, rest, false)
    }

    fn join(first: Expr, rest: impl IntoIterator<Item = Expr>, conjunction: bool) -> Expr {
        let mut flat = Vec::new();
        for item in std::iter::once(first).chain(rest) {
            match item {
                Expr::And(inner) if conjunction => flat.extend(inner),
                Expr::Or(inner) if !conjunction => flat.extend(inner),
                other => flat.push(other),
            }
        }
        match (flat.len(), conjunction) {
            (1, _) => flat.swap_remove(0),
            (_, true) => Expr::And(flat),
            (_, false) => Expr::Or(flat),
        }
    }

    /// `!self`.
    pub fn negate(self) -> Expr {
        Expr::Not(Box::new(self))
    }
}
