//! Which services the table shows, in which order.

use std::cmp::Ordering;

use shared::api::{ExpressStatus, ServiceStatus, ServiceSummary};

use super::express::{status_key, tracing_rank};
use super::list_query::{ListQuery, SortColumn, SortOrder};

/// The services matching the name, kind and status filters, sorted by the chosen column. Ties
/// fall back to name, region then kind, so rows never swap places between refreshes.
pub fn visible_rows(services: &[ServiceSummary], query: &ListQuery) -> Vec<ServiceSummary> {
    let needle = query.name.to_lowercase();
    let mut rows: Vec<ServiceSummary> = services
        .iter()
        .filter(|service| service.name.to_lowercase().contains(&needle))
        .filter(|service| query.kind.is_none_or(|kind| service.kind == kind))
        .filter(|service| {
            // App Runner's status, or an Express service's own (ACTIVE) or mapped one (RUNNING).
            query.status.as_deref().is_none_or(|status| {
                status_key(service) == status || service.status.as_str() == status
            })
        })
        .cloned()
        .collect();
    rows.sort_by(|a, b| {
        let primary = compare(a, b, query.sort);
        let primary = match query.order {
            SortOrder::Ascending => primary,
            SortOrder::Descending => primary.reverse(),
        };
        primary
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.region.cmp(&b.region))
            .then_with(|| a.kind.as_str().cmp(b.kind.as_str()))
    });
    rows
}

fn compare(a: &ServiceSummary, b: &ServiceSummary, column: SortColumn) -> Ordering {
    match column {
        SortColumn::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
        SortColumn::Kind => a.kind.label().cmp(b.kind.label()),
        SortColumn::Region => a.region.cmp(&b.region),
        SortColumn::Status => status_key(a).cmp(status_key(b)),
        SortColumn::Url => a.url.cmp(&b.url),
        // Unknown < off < set up but silent < on.
        SortColumn::Tracing => tracing_rank(a).cmp(&tracing_rank(b)),
        SortColumn::Updated => a.updated_at.total_cmp(&b.updated_at),
    }
}

/// Whether an operation runs on any service: the list then refreshes faster.
pub fn any_in_progress(services: &[ServiceSummary]) -> bool {
    services
        .iter()
        .any(|service| service.status == ServiceStatus::OperationInProgress)
}

/// The statuses the filter offers: every known App Runner one, ECS's when an Express service is
/// listed, plus any unknown one present in the data.
pub fn status_choices(services: &[ServiceSummary]) -> Vec<String> {
    let mut choices: Vec<String> = ServiceStatus::KNOWN
        .iter()
        .map(|status| status.as_str().to_owned())
        .collect();
    if services.iter().any(|service| service.express.is_some()) {
        choices.extend(ExpressStatus::KNOWN.iter().map(|s| s.as_str().to_owned()));
    }
    // A pending Express row has no status yet, and none to offer.
    for service in services.iter().filter(|service| !service.pending) {
        let status = status_key(service);
        if !choices.iter().any(|known| known == status) {
            choices.push(status.to_owned());
        }
    }
    choices
}

#[cfg(test)]
mod tests {
    use shared::api::Tracing;

    use super::*;

    fn service(
        name: &str,
        region: &str,
        status: &str,
        updated_at: f64,
        tracing: Option<bool>,
    ) -> ServiceSummary {
        ServiceSummary {
            region: region.into(),
            name: name.into(),
            id: format!("id-{name}"),
            arn: format!("arn:aws:apprunner:{region}:123456789012:service/{name}/id"),
            url: Some(format!("{name}.{region}.awsapprunner.com")),
            status: ServiceStatus::from(status),
            created_at: 0.0,
            updated_at,
            tracing: tracing.map(|enabled| Tracing {
                enabled,
                configuration_arn: None,
            }),
            pending: false,
            kind: Default::default(),
            express: None,
        }
    }

    fn sample() -> Vec<ServiceSummary> {
        vec![
            service("search", "eu-west-1", "RUNNING", 30.0, Some(false)),
            service(
                "api",
                "us-east-1",
                "OPERATION_IN_PROGRESS",
                10.0,
                Some(true),
            ),
            service("Checkout", "us-east-1", "PAUSED", 20.0, None),
            service("api", "eu-west-1", "RUNNING", 40.0, Some(true)),
        ]
    }

    fn names(rows: &[ServiceSummary]) -> Vec<String> {
        rows.iter()
            .map(|row| format!("{}@{}", row.name, row.region))
            .collect()
    }

    #[test]
    fn sorts_by_each_column_with_stable_ties() {
        let check = |sort: SortColumn, order: SortOrder, expect: &[&str]| {
            let query = ListQuery {
                sort,
                order,
                ..Default::default()
            };
            assert_eq!(
                names(&visible_rows(&sample(), &query)),
                expect,
                "{sort:?} {order:?}"
            );
        };
        use SortOrder::{Ascending as Asc, Descending as Desc};
        check(
            SortColumn::Name,
            Asc,
            &[
                "api@eu-west-1",
                "api@us-east-1",
                "Checkout@us-east-1",
                "search@eu-west-1",
            ],
        );
        check(
            SortColumn::Name,
            Desc,
            &[
                "search@eu-west-1",
                "Checkout@us-east-1",
                "api@eu-west-1",
                "api@us-east-1",
            ],
        );
        check(
            SortColumn::Region,
            Asc,
            &[
                "api@eu-west-1",
                "search@eu-west-1",
                "Checkout@us-east-1",
                "api@us-east-1",
            ],
        );
        check(
            SortColumn::Status,
            Asc,
            &[
                "api@us-east-1",
                "Checkout@us-east-1",
                "api@eu-west-1",
                "search@eu-west-1",
            ],
        );
        check(
            SortColumn::Tracing,
            Asc,
            &[
                "Checkout@us-east-1",
                "search@eu-west-1",
                "api@eu-west-1",
                "api@us-east-1",
            ],
        );
        check(
            SortColumn::Updated,
            Desc,
            &[
                "api@eu-west-1",
                "search@eu-west-1",
                "Checkout@us-east-1",
                "api@us-east-1",
            ],
        );
    }

    #[test]
    fn filters_by_name_part_and_status() {
        let check = |name: &str, status: Option<&str>, expect: &[&str]| {
            let query = ListQuery {
                name: name.into(),
                status: status.map(str::to_owned),
                ..Default::default()
            };
            assert_eq!(
                names(&visible_rows(&sample(), &query)),
                expect,
                "{name:?} {status:?}"
            );
        };
        check("AP", None, &["api@eu-west-1", "api@us-east-1"]);
        check("", Some("RUNNING"), &["api@eu-west-1", "search@eu-west-1"]);
        check("api", Some("RUNNING"), &["api@eu-west-1"]);
        check("nothing", None, &[]);
        check("", Some("DELETED"), &[]);
    }

    #[test]
    fn express_services_sort_and_filter_with_their_kind_and_status() {
        use shared::api::{ServiceKind, SetupState};

        use crate::model::services::express::tests::express_service;

        let mut services = sample();
        services.push(express_service(
            "search",
            "ACTIVE",
            Some("SUCCESSFUL"),
            Some(SetupState::Configured),
            Some(false),
        ));
        services.push(express_service(
            "recommendations",
            "DRAINING",
            None,
            Some(SetupState::Configured),
            Some(true),
        ));
        let check = |query: ListQuery, expect: &[&str]| {
            assert_eq!(names(&visible_rows(&services, &query)), expect, "{query:?}");
        };
        let kind = |kind| ListQuery {
            kind: Some(kind),
            ..Default::default()
        };
        check(
            kind(ServiceKind::EcsExpress),
            &["recommendations@us-east-1", "search@us-east-1"],
        );
        check(
            ListQuery {
                name: "search".into(),
                ..kind(ServiceKind::AppRunner)
            },
            &["search@eu-west-1"],
        );
        let status = |status: &str| ListQuery {
            status: Some(status.into()),
            ..Default::default()
        };
        check(status("ACTIVE"), &["search@us-east-1"]);
        check(status("DRAINING"), &["recommendations@us-east-1"]);
        // The mapped status finds both kinds.
        check(
            ListQuery {
                name: "search".into(),
                ..status("RUNNING")
            },
            &["search@eu-west-1", "search@us-east-1"],
        );
        check(
            ListQuery {
                sort: SortColumn::Kind,
                order: SortOrder::Descending,
                ..Default::default()
            },
            &[
                "recommendations@us-east-1",
                "search@us-east-1",
                "Checkout@us-east-1",
                "api@eu-west-1",
                "api@us-east-1",
                "search@eu-west-1",
            ],
        );
        // Unknown, off, the trap (set up, silent), then the services whose spans arrive.
        check(
            ListQuery {
                sort: SortColumn::Tracing,
                ..Default::default()
            },
            &[
                "Checkout@us-east-1",
                "search@eu-west-1",
                "search@us-east-1",
                "api@eu-west-1",
                "api@us-east-1",
                "recommendations@us-east-1",
            ],
        );
        let choices = status_choices(&services);
        assert!(
            ["ACTIVE", "DRAINING", "INACTIVE"]
                .iter()
                .all(|s| choices.iter().any(|c| c == s)),
            "{choices:?}"
        );
        assert!(!status_choices(&sample()).iter().any(|c| c == "ACTIVE"));
    }

    #[test]
    fn knows_when_an_operation_runs() {
        assert!(any_in_progress(&sample()));
        assert!(!any_in_progress(&sample()[2..]));
        assert!(!any_in_progress(&[]));
    }

    #[test]
    fn offers_known_statuses_and_unknown_ones_seen() {
        let mut services = sample();
        services.push(service("new", "us-east-1", "MIGRATING", 0.0, None));
        let choices = status_choices(&services);
        assert_eq!(choices.first().map(String::as_str), Some("RUNNING"));
        assert_eq!(choices.len(), ServiceStatus::KNOWN.len() + 1);
        assert_eq!(choices.last().map(String::as_str), Some("MIGRATING"));
        // A pending row's status is not one to offer (an Express listing names none).
        let mut pending = service("late", "us-east-1", "", 0.0, None);
        pending.pending = true;
        services.push(pending);
        assert_eq!(status_choices(&services), choices);
    }
}
