//! App Runner's per-region state. Long-running operations are stored with their end time and
//! settle lazily whenever the state is read, so no background task is needed and a manual clock
//! makes every transition deterministic.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

/// A service's status once no operation is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServiceStatus {
    Running,
    Paused,
    CreateFailed,
}

impl ServiceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceStatus::Running => "RUNNING",
            ServiceStatus::Paused => "PAUSED",
            ServiceStatus::CreateFailed => "CREATE_FAILED",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OperationType {
    Create,
    Update,
    Pause,
    Resume,
}

impl OperationType {
    pub fn as_str(self) -> &'static str {
        match self {
            OperationType::Create => "CREATE_SERVICE",
            OperationType::Update => "UPDATE_SERVICE",
            OperationType::Pause => "PAUSE_SERVICE",
            OperationType::Resume => "RESUME_SERVICE",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Observability {
    pub enabled: bool,
    /// The full ARN (with revision) of the configuration in use; set only when enabled.
    pub configuration_arn: Option<String>,
}

#[derive(Clone, Debug)]
pub struct OperationRecord {
    pub id: String,
    pub kind: OperationType,
    pub started_at: f64,
    pub ends_at: f64,
}

/// What a running operation changes once it ends.
#[derive(Clone, Debug)]
pub struct Pending {
    pub ends_at: f64,
    pub status: ServiceStatus,
    pub observability: Option<Observability>,
    /// Top-level Service members (e.g. `InstanceConfiguration`) merged in when the operation ends.
    pub members: Map<String, Value>,
}

#[derive(Clone, Debug)]
pub struct ServiceRecord {
    pub name: String,
    pub id: String,
    pub arn: String,
    pub url: String,
    pub created_at: f64,
    pub updated_at: f64,
    pub status: ServiceStatus,
    pub observability: Observability,
    /// SourceConfiguration, InstanceConfiguration, NetworkConfiguration, … as the API returns them.
    pub members: Map<String, Value>,
    /// Oldest first.
    pub operations: Vec<OperationRecord>,
    pub pending: Option<Pending>,
}

impl ServiceRecord {
    /// Applies a finished operation's changes.
    pub fn settle(&mut self, now: f64) {
        let Some(pending) = self.pending.take_if(|p| now >= p.ends_at) else {
            return;
        };
        self.status = pending.status;
        if let Some(observability) = pending.observability {
            self.observability = observability;
        }
        for (key, value) in pending.members {
            merge_member(&mut self.members, key, value);
        }
        self.updated_at = pending.ends_at;
    }

    pub fn busy(&self) -> bool {
        self.pending.is_some()
    }

    pub fn status_name(&self) -> &'static str {
        if self.busy() {
            "OPERATION_IN_PROGRESS"
        } else {
            self.status.as_str()
        }
    }

    /// Whether the app emits segments now: its settled observability is on and it is serving.
    pub fn emits_traces(&self) -> bool {
        self.status == ServiceStatus::Running && self.observability.enabled
    }

    /// Starts an operation; the caller has checked the service is not busy.
    pub fn begin(
        &mut self,
        kind: OperationType,
        now: f64,
        duration: f64,
        pending: Pending,
    ) -> String {
        let id = uuid::Uuid::new_v4().to_string();
        self.operations.push(OperationRecord {
            id: id.clone(),
            kind,
            started_at: now,
            ends_at: now + duration,
        });
        self.updated_at = now;
        self.pending = Some(Pending {
            ends_at: now + duration,
            ..pending
        });
        if duration <= 0.0 {
            self.settle(now);
        }
        id
    }
}

/// One revision of an observability configuration.
#[derive(Clone, Debug)]
pub struct ConfigRevision {
    pub name: String,
    pub revision: u32,
    pub arn: String,
    pub traces: bool,
    pub created_at: f64,
    pub deleted_at: Option<f64>,
}

impl ConfigRevision {
    pub fn active(&self) -> bool {
        self.deleted_at.is_none()
    }
}

#[derive(Clone, Debug, Default)]
pub struct RegionState {
    pub services: Vec<ServiceRecord>,
    /// Every revision ever created, in creation order; deleted ones stay as INACTIVE.
    pub configs: Vec<ConfigRevision>,
}

impl RegionState {
    pub fn settle(&mut self, now: f64) {
        for service in &mut self.services {
            service.settle(now);
        }
    }

    /// The highest active revision of `name`: the one `Latest` marks and a bare `…/name` ARN means.
    pub fn latest(&self, name: &str) -> Option<&ConfigRevision> {
        self.configs
            .iter()
            .filter(|c| c.name == name && c.active())
            .max_by_key(|c| c.revision)
    }

    /// The names that have an active revision, leaving out `except`.
    pub fn active_names(&self, except: &str) -> BTreeSet<&str> {
        self.configs
            .iter()
            .filter(|c| c.active() && c.name != except)
            .map(|c| c.name.as_str())
            .collect()
    }

    /// Revision numbers keep counting after deletions, as App Runner's do.
    pub fn next_revision(&self, name: &str) -> u32 {
        let highest = self
            .configs
            .iter()
            .filter(|c| c.name == name)
            .map(|c| c.revision)
            .max();
        highest.unwrap_or(0) + 1
    }

    /// Whether any service uses (or is switching to) a configuration revision.
    pub fn in_use(&self, arn: &str) -> bool {
        let uses = |o: &Observability| o.configuration_arn.as_deref() == Some(arn);
        self.services.iter().any(|s| {
            uses(&s.observability)
                || s.pending
                    .as_ref()
                    .and_then(|p| p.observability.as_ref())
                    .is_some_and(uses)
        })
    }
}

/// Objects merge one level deep (an update may send only some fields of a member); anything
/// else replaces the old value.
fn merge_member(members: &mut Map<String, Value>, key: String, value: Value) {
    match (members.get_mut(&key), value) {
        (Some(Value::Object(old)), Value::Object(new)) => old.extend(new),
        (_, value) => {
            members.insert(key, value);
        }
    }
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
