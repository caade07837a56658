//! `rootcause.fault.*` and `rootcause.error.*`: the body is tested against the culprit (the last
//! service of each root cause), its entities, or their exceptions.

use shared::filter::{BoolKeyword, Expr, NumKeyword, RootCauseKind, RootCauseTarget, StrKeyword};

use super::eval::{Subject, eval};
use super::rootcause::{Kind, RcEntity, RcService, root_causes};
use super::view::TraceView;

pub(crate) fn matches(
    view: &TraceView<'_>,
    kind: RootCauseKind,
    target: RootCauseTarget,
    body: Option<&Expr>,
) -> bool {
    let kind = match kind {
        RootCauseKind::Fault => Kind::Fault,
        RootCauseKind::Error => Kind::Error,
        // Refused before evaluation (see eval_check): the emulator computes no response-time
        // root causes.
        RootCauseKind::ResponseTime => return false,
    };
    let passes = |subject: &dyn Subject| body.is_none_or(|b| eval(b, subject));
    root_causes(view, kind)
        .iter()
        .filter_map(|c| c.services.last())
        .any(|culprit| match target {
            RootCauseTarget::Service => passes(&ServiceSubject { service: culprit }),
            RootCauseTarget::Entity => culprit.entities.iter().any(|e| passes(&EntitySubject(e))),
            RootCauseTarget::Exception => culprit
                .entities
                .iter()
                .flat_map(|e| e.exceptions.iter())
                .any(|(name, message)| passes(&ExceptionSubject { name, message })),
            RootCauseTarget::Coverage => false,
        })
}

struct ServiceSubject<'a> {
    service: &'a RcService,
}

impl Subject for ServiceSubject<'_> {
    fn flag(&self, kw: BoolKeyword) -> bool {
        matches!(kw, BoolKeyword::Inferred | BoolKeyword::Remote) && self.service.inferred
    }

    fn number(&self, _kw: NumKeyword) -> Option<f64> {
        None
    }

    fn strings(&self, kw: StrKeyword) -> Vec<&str> {
        match kw {
            StrKeyword::Name => vec![self.service.node.name.as_str()],
            StrKeyword::Type => vec![self.service.node.kind.as_str()],
            _ => Vec::new(),
        }
    }
}

struct EntitySubject<'a>(&'a RcEntity);

impl Subject for EntitySubject<'_> {
    fn flag(&self, kw: BoolKeyword) -> bool {
        kw == BoolKeyword::Remote && self.0.remote
    }

    fn number(&self, _kw: NumKeyword) -> Option<f64> {
        None
    }

    fn strings(&self, kw: StrKeyword) -> Vec<&str> {
        match kw {
            StrKeyword::Name => vec![self.0.name.as_str()],
            StrKeyword::Message => self.0.exceptions.iter().map(|(_, m)| m.as_str()).collect(),
            _ => Vec::new(),
        }
    }
}

struct ExceptionSubject<'a> {
    name: &'a str,
    message: &'a str,
}

impl Subject for ExceptionSubject<'_> {
    fn flag(&self, _kw: BoolKeyword) -> bool {
        false
    }

    fn number(&self, _kw: NumKeyword) -> Option<f64> {
        None
    }

    fn strings(&self, kw: StrKeyword) -> Vec<&str> {
        match kw {
            StrKeyword::Name => vec![self.name],
            StrKeyword::Message => vec![self.message],
            _ => Vec::new(),
        }
    }
}
