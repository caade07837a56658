//! Which keywords make sense where. X-Ray's documentation ties some keywords to a context: an
//! annotation cannot be combined with `service`/`edge`, `first`/`last`/`index` number the
//! elements of a root-cause list, `remote` describes a root-cause entity, and `coverage` exists
//! only for response-time root causes. Only those stated rules are enforced: rejecting an
//! expression AWS would accept would block a valid query.

use super::keywords::{BoolKeyword, NumKeyword, RootCauseKind, RootCauseTarget};

/// The context an expression is evaluated in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// The top level: the whole trace.
    Trace,
    /// Inside `service(…) { }`.
    Service,
    /// Inside `edge(…) { }`.
    Edge,
    /// Inside `rootcause.KIND.TARGET { }`.
    RootCause(RootCauseKind, RootCauseTarget),
}

impl Scope {
    /// The reason `kw` cannot be used here, if it cannot.
    pub(crate) fn refuses_bool(self, kw: BoolKeyword) -> Option<String> {
        match kw {
            BoolKeyword::First | BoolKeyword::Last | BoolKeyword::Remote => {
                self.outside_root_causes(kw.as_str())
            }
            _ => None,
        }
    }

    pub(crate) fn refuses_num(self, kw: NumKeyword) -> Option<String> {
        match (kw, self) {
            (NumKeyword::Index, _) => self.outside_root_causes(kw.as_str()),
            (NumKeyword::Coverage, Scope::RootCause(RootCauseKind::ResponseTime, _)) => None,
            (NumKeyword::Coverage, _) => {
                Some("coverage only applies inside rootcause.responsetime.* { }".to_owned())
            }
            _ => None,
        }
    }

    pub(crate) fn refuses_annotation(self) -> Option<String> {
        (self != Scope::Trace).then(|| {
            "annotation.* cannot be used inside service(), edge() or rootcause.* { }".to_owned()
        })
    }

    /// `service()`, `edge()`, `group.*` and `rootcause.*` select whole traces, so they only make
    /// sense at the top level.
    pub(crate) fn refuses_complex(self, keyword: &str) -> Option<String> {
        (self != Scope::Trace)
            .then(|| format!("{keyword} cannot be used inside another keyword's {{ }} filter"))
    }

    fn outside_root_causes(self, keyword: &str) -> Option<String> {
        match self {
            Scope::RootCause(..) => None,
            _ => Some(format!("{keyword} only applies inside rootcause.* {{ }}")),
        }
    }
}
