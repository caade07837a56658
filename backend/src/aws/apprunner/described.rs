//! DescribeService answers kept per service and reused while ListServices lists the service
//! exactly as before (same status, same `UpdatedAt`, same URL). Every change App Runner makes to
//! a service (an update, the end of an operation, a pause) shows in its listing, so a reused
//! description is never staler than the listing it was checked against: a list after the
//! first costs ListServices and a DescribeService for each service that changed, not one per
//! service.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use shared::api::ServiceSummary;

#[derive(Default)]
pub struct Described {
    /// By service ARN: the listing a description was made for, and the description.
    entries: Mutex<HashMap<String, (ServiceSummary, ServiceSummary)>>,
}

impl Described {
    /// The kept description of `listed`, if the service is listed as it was when described.
    pub fn reuse(&self, listed: &ServiceSummary) -> Option<ServiceSummary> {
        let entries = self.lock();
        let (seen, described) = entries.get(&listed.arn)?;
        (seen == listed).then(|| described.clone())
    }

    /// Keeps `described` for as long as the service is listed as `listed`.
    pub fn keep(&self, listed: &ServiceSummary, described: &ServiceSummary) {
        self.lock()
            .insert(listed.arn.clone(), (listed.clone(), described.clone()));
    }

    /// Forgets the services of `region` that its latest listing no longer holds, so what is
    /// kept never outgrows the fleet.
    pub fn retain_listed(&self, region: &str, listed: &[ServiceSummary]) {
        self.lock().retain(|arn, (seen, _)| {
            seen.region != region || listed.iter().any(|service| &service.arn == arn)
        });
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (ServiceSummary, ServiceSummary)>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use shared::api::{ServiceKind, ServiceStatus, Tracing};

    use super::*;

    fn listed(name: &str, region: &str, updated_at: f64) -> ServiceSummary {
        ServiceSummary {
            region: region.into(),
            name: name.into(),
            id: name.into(),
            arn: format!("arn:{region}:{name}"),
            url: None,
            status: ServiceStatus::Running,
            created_at: 1.0,
            updated_at,
            tracing: None,
            kind: ServiceKind::AppRunner,
            express: None,
        }
    }

    #[test]
    fn a_description_is_reused_only_while_the_listing_is_unchanged() {
        let described = Described::default();
        let api = listed("api", "us-east-1", 10.0);
        let with_tracing = ServiceSummary {
            tracing: Some(Tracing {
                enabled: true,
                configuration_arn: None,
            }),
            ..api.clone()
        };
        assert_eq!(described.reuse(&api), None);
        described.keep(&api, &with_tracing);
        assert_eq!(described.reuse(&api), Some(with_tracing.clone()));

        // Updated, or in an operation: described again.
        assert_eq!(described.reuse(&listed("api", "us-east-1", 11.0)), None);
        let busy = ServiceSummary {
            status: ServiceStatus::OperationInProgress,
            ..api.clone()
        };
        assert_eq!(described.reuse(&busy), None);

        // A service gone from its region's listing is forgotten; other regions are untouched.
        let web = listed("web", "eu-west-1", 10.0);
        described.keep(&web, &web);
        described.retain_listed("us-east-1", &[]);
        assert_eq!(described.reuse(&api), None);
        assert_eq!(described.reuse(&web), Some(web));
    }
}
