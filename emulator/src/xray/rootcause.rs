//! Fault and error root causes: a failed hit none of whose callees failed the same way is a
//! culprit; its root cause is the path of services from the entry point down to it, with the
//! culprit's failing entities and their exceptions.

use std::collections::HashSet;

use serde_json::{Value, json};

use super::digest::Digest;
use super::view::{NodeKey, Outcome, TraceView, outcome};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Fault,
    /// 4xx, throttling included.
    Error,
}

impl Kind {
    fn covers(self, doc: &Digest) -> bool {
        matches!(
            (self, outcome(doc)),
            (Kind::Fault, Outcome::Fault) | (Kind::Error, Outcome::Error | Outcome::Throttle)
        )
    }
}

pub(crate) struct RootCause {
    /// From the entry point to the culprit, which is last.
    pub services: Vec<RcService>,
    pub client_impacting: bool,
}

pub(crate) struct RcService {
    pub node: NodeKey,
    pub inferred: bool,
    pub entities: Vec<RcEntity>,
}

pub(crate) struct RcEntity {
    pub name: String,
    pub remote: bool,
    /// (exception type, message).
    pub exceptions: Vec<(String, String)>,
}

pub(crate) fn root_causes(view: &TraceView<'_>, kind: Kind) -> Vec<RootCause> {
    let failed: Vec<bool> = view.hits.iter().map(|h| kind.covers(h.doc)).collect();
    let mut has_failed_callee = vec![false; view.hits.len()];
    for (i, hit) in view.hits.iter().enumerate() {
        if let (true, Some(parent)) = (failed[i], hit.parent) {
            has_failed_callee[parent] = true;
        }
    }
    let client_impacting = view.root.is_some_and(|r| failed[r]);
    let mut seen = HashSet::new();
    let mut causes = Vec::new();
    for culprit in (0..view.hits.len()).filter(|&i| failed[i] && !has_failed_callee[i]) {
        let cause = RootCause {
            services: path_to(view, culprit, kind),
            client_impacting,
        };
        if seen.insert(signature(&cause)) {
            causes.push(cause);
        }
    }
    causes
}

fn path_to(view: &TraceView<'_>, culprit: usize, kind: Kind) -> Vec<RcService> {
    let mut path = vec![culprit];
    let mut at = culprit;
    // Bounded by the hit count: a malformed parent cycle cannot loop forever.
    while let Some(parent) = view.hits[at]
        .parent
        .filter(|_| path.len() <= view.hits.len())
    {
        path.push(parent);
        at = parent;
    }
    path.reverse();
    path.into_iter()
        .map(|i| {
            let hit = &view.hits[i];
            let mut entities = vec![RcEntity {
                name: hit.node.name.clone(),
                remote: hit.inferred,
                exceptions: if i == culprit {
                    exceptions(hit.doc)
                } else {
                    Vec::new()
                },
            }];
            if i == culprit && !hit.inferred {
                entities.extend(failing_subsegments(view, i, kind));
            }
            RcService {
                node: hit.node.clone(),
                inferred: hit.inferred,
                entities,
            }
        })
        .collect()
}

/// The culprit's own failing subsegments that are not calls to another node.
fn failing_subsegments(view: &TraceView<'_>, owner: usize, kind: Kind) -> Vec<RcEntity> {
    let calls: HashSet<*const Digest> = view
        .hits
        .iter()
        .map(|h| std::ptr::from_ref(h.doc))
        .collect();
    view.docs
        .iter()
        .filter(|d| {
            d.owner == owner && kind.covers(d.doc) && !calls.contains(&std::ptr::from_ref(d.doc))
        })
        .map(|d| RcEntity {
            name: d.doc.name.as_deref().unwrap_or_default().to_owned(),
            remote: false,
            exceptions: exceptions(d.doc),
        })
        .collect()
}

fn exceptions(doc: &Digest) -> Vec<(String, String)> {
    let text = |s: &Option<super::intern::Sym>| s.as_deref().unwrap_or_default().to_owned();
    doc.exceptions()
        .iter()
        .map(|e| (text(&e.exception_type), text(&e.message)))
        .collect()
}

fn signature(cause: &RootCause) -> String {
    cause
        .services
        .iter()
        .flat_map(|s| {
            let entities = s.entities.iter().flat_map(|e| {
                std::iter::once(e.name.as_str()).chain(e.exceptions.iter().map(|x| x.0.as_str()))
            });
            std::iter::once(s.node.name.as_str()).chain(entities)
        })
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

pub(crate) fn to_json(causes: &[RootCause], account_id: &str) -> Value {
    let causes: Vec<Value> = causes
        .iter()
        .map(|cause| {
            let services: Vec<Value> = cause
                .services
                .iter()
                .map(|s| {
                    let path: Vec<Value> = s
                        .entities
                        .iter()
                        .map(|e| {
                            let exceptions: Vec<Value> = e.exceptions.iter().map(|(name, message)| json!({"Name": name, "Message": message})).collect();
                            json!({"Name": e.name, "Exceptions": exceptions, "Remote": e.remote})
                        })
                        .collect();
                    json!({"Name": s.node.name, "Names": [s.node.name], "Type": s.node.kind, "AccountId": account_id, "Inferred": s.inferred, "EntityPath": path})
                })
                .collect();
            json!({"Services": services, "ClientImpacting": cause.client_impacting})
        })
        .collect();
    Value::Array(causes)
}
