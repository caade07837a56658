//! Which services a kiosk board lists: a screen read from across the room holds a couple of dozen
//! rows, so the ones that need attention come first and the rest are summed up in one line.

use shared::api::{ServiceStatus, ServiceSummary};

/// The rows of the services board and what did not fit.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ServicesBoardRows {
    pub shown: Vec<ServiceSummary>,
    /// How many services are not listed, by status, most urgent first; empty when all fit.
    pub hidden: Vec<(ServiceStatus, usize)>,
}

impl ServicesBoardRows {
    pub fn hidden_total(&self) -> usize {
        self.hidden.iter().map(|(_, n)| n).sum()
    }
}

/// How many rows of `row` px fit on a screen `height` px tall below `above` px of other things;
/// at least one, so a tiny screen still shows the most urgent row.
pub fn rows_for_height(height: f64, above: f64, row: f64) -> usize {
    let room = (height - above) / row.max(1.0);
    if room.is_finite() && room >= 1.0 {
        room.floor() as usize
    } else {
        1
    }
}

/// Lower is more urgent: a deployment in progress, then failures, then paused, then the rest.
fn urgency(status: &ServiceStatus) -> u8 {
    match status {
        ServiceStatus::OperationInProgress => 0,
        ServiceStatus::CreateFailed | ServiceStatus::DeleteFailed => 1,
        ServiceStatus::Paused => 2,
        ServiceStatus::Running => 3,
        ServiceStatus::Deleted => 4,
        // A status App Runner adds later is shown, after the known ones.
        _ => 5,
    }
}

/// At most `rows` services, the most urgent first and by name within a status.
pub fn services_board_rows(services: &[ServiceSummary], rows: usize) -> ServicesBoardRows {
    let mut ranked: Vec<&ServiceSummary> = services.iter().collect();
    ranked.sort_by(|a, b| {
        (urgency(&a.status), &a.name, &a.region).cmp(&(urgency(&b.status), &b.name, &b.region))
    });
    let shown = ranked.iter().take(rows).map(|s| (*s).clone()).collect();
    let mut hidden: Vec<(ServiceStatus, usize)> = Vec::new();
    for service in ranked.iter().skip(rows) {
        match hidden
            .iter_mut()
            .find(|(status, _)| *status == service.status)
        {
            Some((_, count)) => *count += 1,
            None => hidden.push((service.status.clone(), 1)),
        }
    }
    ServicesBoardRows { shown, hidden }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(name: &str, status: ServiceStatus) -> ServiceSummary {
        ServiceSummary {
            region: "us-east-1".to_owned(),
            name: name.to_owned(),
            id: name.to_owned(),
            arn: format!("arn:{name}"),
            url: None,
            status,
            created_at: 0.0,
            updated_at: 0.0,
            tracing: None,
            pending: false,
            kind: Default::default(),
            express: None,
        }
    }

    fn check(
        services: &[(&str, ServiceStatus)],
        rows: usize,
        shown: &[&str],
        hidden: &[(ServiceStatus, usize)],
    ) {
        let services: Vec<ServiceSummary> = services
            .iter()
            .map(|(name, status)| service(name, status.clone()))
            .collect();
        let board = services_board_rows(&services, rows);
        let names: Vec<&str> = board.shown.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, shown);
        assert_eq!(board.hidden, hidden);
        assert_eq!(board.hidden_total() + board.shown.len(), services.len());
    }

    #[test]
    fn as_many_rows_as_the_screen_holds() {
        let check = |height: f64, expect: usize| {
            assert_eq!(rows_for_height(height, 260.0, 48.0), expect, "{height}");
        };
        check(900.0, 13);
        check(1080.0, 17);
        check(2160.0, 39);
        check(300.0, 1);
        check(0.0, 1);
        check(f64::NAN, 1);
    }

    #[test]
    fn urgent_first_then_by_name() {
        use ServiceStatus::*;
        check(
            &[
                ("b", Running),
                ("a", Running),
                ("z", OperationInProgress),
                ("p", Paused),
                ("f", CreateFailed),
            ],
            10,
            &["z", "f", "p", "a", "b"],
            &[],
        );
    }

    #[test]
    fn what_does_not_fit_is_counted_by_status() {
        use ServiceStatus::*;
        check(
            &[
                ("a", Running),
                ("b", Running),
                ("c", Paused),
                ("d", Running),
                ("e", OperationInProgress),
            ],
            2,
            &["e", "c"],
            &[(Running, 3)],
        );
        check(
            &[("a", Running), ("b", Paused)],
            0,
            &[],
            &[(Paused, 1), (Running, 1)],
        );
        check(&[], 5, &[], &[]);
    }
}
