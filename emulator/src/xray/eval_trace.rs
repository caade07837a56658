//! The two subjects of ordinary filters: a whole trace (top-level keywords describe its entry
//! point, as X-Ray's do) and one service hit (inside `service(){…}` and `edge(){…}`).

use shared::filter::{AnyOp, BoolKeyword, Expr, NumKeyword, StrKeyword, Value};

use super::digest::{Digest, Field};
use super::eval::{Subject, annotation_matches, eval};
use super::eval_root;
use super::selector::selects;
use super::view::{Hit, NodeKey, Outcome, TraceView, http_status, outcome};

pub(crate) struct TraceSubject<'v, 'a> {
    pub view: &'v TraceView<'a>,
    pub account_id: &'v str,
}

impl Subject for TraceSubject<'_, '_> {
    fn flag(&self, kw: BoolKeyword) -> bool {
        match kw {
            BoolKeyword::Partial => self.view.partial,
            BoolKeyword::Inferred => self.view.hits.iter().any(|h| h.inferred),
            BoolKeyword::Root => self.view.root.is_some(),
            _ => self
                .view
                .root_hit()
                .is_some_and(|h| outcome_flag(outcome(h.doc), kw)),
        }
    }

    fn number(&self, kw: NumKeyword) -> Option<f64> {
        match kw {
            NumKeyword::Duration => Some(self.view.duration()),
            _ => hit_number(self.view.root_hit()?, kw),
        }
    }

    fn strings(&self, kw: StrKeyword) -> Vec<&str> {
        let docs = || self.view.docs.iter().map(|d| d.doc);
        match kw {
            StrKeyword::User => docs().filter_map(|d| d.user.as_deref()).collect(),
            StrKeyword::AvailabilityZone | StrKeyword::InstanceId => {
                docs().filter_map(|d| ec2_field(d, kw)).collect()
            }
            StrKeyword::ResourceArn => self
                .view
                .trace
                .segments
                .iter()
                .filter_map(|s| s.resource_arn.as_deref())
                .collect(),
            _ => self
                .view
                .root_hit()
                .map(|h| hit_strings(h, kw))
                .unwrap_or_default(),
        }
    }

    fn annotation(&self, key: &str, cond: Option<&(AnyOp, Value)>) -> bool {
        let mut values = self.view.docs.iter().filter_map(|d| d.doc.annotation(key));
        match cond {
            None => values.next().is_some(),
            Some((AnyOp::Ne, wanted)) => !values.any(|v| annotation_matches(v, AnyOp::Eq, wanted)),
            Some((op, wanted)) => values.any(|v| annotation_matches(v, *op, wanted)),
        }
    }

    fn complex(&self, expr: &Expr) -> bool {
        let view = self.view;
        let hit_passes = |i: usize, body: &Option<Box<Expr>>| {
            body.as_deref()
                .is_none_or(|b| eval(b, &HitSubject { view, index: i }))
        };
        match expr {
            Expr::Service { selector, body } => (0..view.hits.len()).any(|i| {
                selector
                    .as_ref()
                    .is_none_or(|s| selects(s, &view.hits[i].node, self.account_id))
                    && hit_passes(i, body)
            }),
            Expr::Edge {
                source,
                destination,
                body,
            } => (0..view.hits.len()).any(|i| {
                let client = NodeKey::client();
                let caller = view.hits[i].parent.map_or(&client, |p| &view.hits[p].node);
                selects(source, caller, self.account_id)
                    && selects(destination, &view.hits[i].node, self.account_id)
                    && hit_passes(i, body)
            }),
            Expr::RootCause { kind, target, body } => {
                eval_root::matches(view, *kind, *target, body.as_deref())
            }
            // group.* is replaced by the group's expression before evaluation; rootcause.json is
            // refused there too.
            _ => false,
        }
    }
}

pub(crate) struct HitSubject<'v, 'a> {
    pub view: &'v TraceView<'a>,
    pub index: usize,
}

impl Subject for HitSubject<'_, '_> {
    fn flag(&self, kw: BoolKeyword) -> bool {
        let hit = &self.view.hits[self.index];
        match kw {
            BoolKeyword::Partial => hit.doc.in_progress,
            BoolKeyword::Inferred => hit.inferred,
            BoolKeyword::Root => self.view.root == Some(self.index),
            _ => outcome_flag(outcome(hit.doc), kw),
        }
    }

    fn number(&self, kw: NumKeyword) -> Option<f64> {
        hit_number(&self.view.hits[self.index], kw)
    }

    fn strings(&self, kw: StrKeyword) -> Vec<&str> {
        hit_strings(&self.view.hits[self.index], kw)
    }
}

fn outcome_flag(outcome: Outcome, kw: BoolKeyword) -> bool {
    match kw {
        BoolKeyword::Ok => outcome == Outcome::Ok,
        BoolKeyword::Error => matches!(outcome, Outcome::Error | Outcome::Throttle),
        BoolKeyword::Throttle => outcome == Outcome::Throttle,
        BoolKeyword::Fault => outcome == Outcome::Fault,
        _ => false,
    }
}

fn hit_number(hit: &Hit<'_>, kw: NumKeyword) -> Option<f64> {
    match kw {
        NumKeyword::ResponseTime | NumKeyword::Duration => hit.response_time(),
        NumKeyword::HttpStatus => http_status(hit.doc).map(f64::from),
        NumKeyword::Index | NumKeyword::Coverage => None,
    }
}

fn hit_strings<'h>(hit: &'h Hit<'_>, kw: StrKeyword) -> Vec<&'h str> {
    let value = match kw {
        StrKeyword::HttpUrl => hit.doc.field(Field::Url),
        StrKeyword::HttpMethod => hit.doc.field(Field::Method),
        StrKeyword::HttpUserAgent => hit.doc.field(Field::UserAgent),
        StrKeyword::HttpClientIp => hit.doc.field(Field::ClientIp),
        StrKeyword::User => hit.doc.user.as_deref(),
        StrKeyword::Name => Some(hit.node.name.as_str()),
        StrKeyword::Type => Some(hit.node.kind.as_str()),
        StrKeyword::ResourceArn => hit.stored.resource_arn.as_deref(),
        StrKeyword::AvailabilityZone | StrKeyword::InstanceId => ec2_field(hit.doc, kw),
        StrKeyword::Message => None,
    };
    value.into_iter().collect()
}

/// `aws.ec2.availability_zone` / `aws.ec2.instance_id` of a segment (App Runner sets neither).
fn ec2_field(doc: &Digest, kw: StrKeyword) -> Option<&str> {
    match kw {
        StrKeyword::AvailabilityZone => doc.field(Field::AvailabilityZone),
        _ => doc.field(Field::InstanceId),
    }
}
