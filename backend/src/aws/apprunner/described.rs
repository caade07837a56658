//! DescribeService answers reused while ListServices lists the service exactly as before (same
//! status, `UpdatedAt` and URL). Every change App Runner makes to a service (an update, the end
//! of an operation, a pause) shows in its listing, so the listing is the key: a changed service
//! has a new key and is described afresh, and a description is never staler than the listing it
//! was found under. A list after the first costs ListServices and a DescribeService for each
//! service that changed, not one per service. The answers live in a [`ReadCache`] like every other
//! read, so with `--cache-url` one replica's description serves them all.

use std::time::Duration;

use serde::Serialize;
use shared::api::ServiceSummary;

use crate::aws::cache::{ReadCache, SharedCache};

/// How long an unchanged service's description is reused: the key already says it is current,
/// so this only bounds how long a service nobody lists any more is remembered.
const REUSED_FOR: Duration = Duration::from_secs(15 * 60);
/// More than any fleet runtrace is meant for; the least recently used go first.
const CAPACITY: u64 = 4096;

/// A service as ListServices lists it: what must be unchanged for its description to stand.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Listed {
    arn: String,
    status: String,
    /// `UpdatedAt` in milliseconds (the listing's seconds are fractional).
    updated_at_ms: i64,
    url: Option<String>,
}

impl Listed {
    pub fn of(service: &ServiceSummary) -> Self {
        Self {
            arn: service.arn.clone(),
            status: service.status.to_string(),
            updated_at_ms: (service.updated_at * 1000.0).round() as i64,
            url: service.url.clone(),
        }
    }
}

/// The descriptions, by listing.
pub type Described = ReadCache<Listed, ServiceSummary>;

/// Independent of `--cache-seconds`: a description is checked against a fresh listing each time.
pub fn described(store: Option<&SharedCache>) -> Described {
    ReadCache::new(REUSED_FOR, CAPACITY).shared(store, "described")
}

#[cfg(test)]
mod tests {
    use shared::api::{ServiceKind, ServiceStatus};

    use super::*;

    fn listed(status: ServiceStatus, updated_at: f64) -> ServiceSummary {
        ServiceSummary {
            region: "us-east-1".into(),
            name: "api".into(),
            id: "api".into(),
            arn: "arn:api".into(),
            url: Some("api.example".into()),
            status,
            created_at: 1.0,
            updated_at,
            tracing: None,
            pending: false,
            kind: ServiceKind::AppRunner,
            express: None,
        }
    }

    #[test]
    fn a_listing_keys_its_description_until_the_service_changes() {
        let running = Listed::of(&listed(ServiceStatus::Running, 10.25));
        assert_eq!(running, Listed::of(&listed(ServiceStatus::Running, 10.25)));
        for changed in [
            listed(ServiceStatus::Running, 10.5),
            listed(ServiceStatus::OperationInProgress, 10.25),
            ServiceSummary {
                url: None,
                ..listed(ServiceStatus::Running, 10.25)
            },
        ] {
            assert_ne!(running, Listed::of(&changed), "{changed:?}");
        }
    }
}
