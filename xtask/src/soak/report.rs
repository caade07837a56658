//! What the soak counted (requests, statuses and latency per route, the attacks' results) and
//! the verdict — any 5xx that is not a mapped
//! 502/503 (one with runtrace's JSON error body), any request without an answer, any attack
//! answered wrongly, a forged log line or a panic fails the soak.

use std::collections::BTreeMap;
use std::time::Duration;

use super::http::Response;

/// Unexpected answers kept for the report (the count is exact).
const KEEP_EXAMPLES: usize = 5;

#[derive(Default)]
pub struct RouteTally {
    /// Status → count; 0 is "no answer".
    pub statuses: BTreeMap<u16, usize>,
    /// Microseconds, one per request.
    pub latencies: Vec<u64>,
}

#[derive(Default)]
pub struct Tally {
    pub routes: BTreeMap<String, RouteTally>,
    /// Answers that fail the soak: unmapped 5xx and requests without an answer.
    pub unexpected: usize,
    pub examples: Vec<String>,
}

impl Tally {
    pub fn record(
        &mut self,
        route: &str,
        path: &str,
        answer: Result<&Response, String>,
        took: Duration,
    ) {
        let status = answer.as_ref().map_or(0, |r| r.status);
        let entry = self.routes.entry(route.to_owned()).or_default();
        *entry.statuses.entry(status).or_default() += 1;
        entry
            .latencies
            .push(u64::try_from(took.as_micros()).unwrap_or(u64::MAX));
        let problem = match &answer {
            Err(error) => Some(format!("no answer: {error}")),
            Ok(response) if !acceptable(response) => {
                let body: String = String::from_utf8_lossy(&response.body)
                    .chars()
                    .take(200)
                    .collect();
                Some(format!("{}: {body}", response.status))
            }
            Ok(_) => None,
        };
        if let Some(problem) = problem {
            self.unexpected += 1;
            if self.examples.len() < KEEP_EXAMPLES {
                self.examples.push(format!("GET {path} → {problem}"));
            }
        }
    }

    pub fn merge(&mut self, other: Tally) {
        for (route, tally) in other.routes {
            let entry = self.routes.entry(route).or_default();
            for (status, count) in tally.statuses {
                *entry.statuses.entry(status).or_default() += count;
            }
            entry.latencies.extend(tally.latencies);
        }
        self.unexpected += other.unexpected;
        let room = KEEP_EXAMPLES.saturating_sub(self.examples.len());
        self.examples.extend(other.examples.into_iter().take(room));
    }
}

/// Below 500, or a 502/503 that says what failed upstream (runtrace's mapped AWS errors).
pub fn acceptable(response: &Response) -> bool {
    match response.status {
        500.. => matches!(response.status, 502 | 503) && response.error_code().is_some(),
        _ => true,
    }
}

/// The `q`-quantile (0–1) of `values` in milliseconds, nearest rank.
pub fn quantile_ms(values: &mut [u64], q: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_unstable();
    let rank = ((q * values.len() as f64).ceil() as usize).clamp(1, values.len());
    values[rank - 1] as f64 / 1000.0
}

/// Each attack's rounds: passed, and the first failure.
#[derive(Default)]
pub struct AttackTally {
    pub results: BTreeMap<&'static str, (usize, usize, Option<String>)>,
}

impl AttackTally {
    pub fn record(&mut self, name: &'static str, result: Result<(), String>) {
        let entry = self.results.entry(name).or_default();
        match result {
            Ok(()) => entry.0 += 1,
            Err(why) => {
                entry.1 += 1;
                entry.2.get_or_insert(why);
            }
        }
    }

    pub fn failed(&self) -> usize {
        self.results.values().map(|(_, failed, _)| failed).sum()
    }
}

/// Everything the table shows beyond the tallies.
pub struct Facts {
    pub duration: Duration,
    pub clients: usize,
    pub rss_before_kib: Option<u64>,
    pub rss_after_kib: Option<u64>,
    pub rss_peak_kib: Option<u64>,
    pub log_lines: usize,
    pub forged_lines: usize,
    pub panics: usize,
    pub server_exited: bool,
}

/// Why the soak failed (empty: it passed).
pub fn failures(load: &Tally, attacks: &AttackTally, facts: &Facts) -> Vec<String> {
    let mut failures = Vec::new();
    if load.unexpected > 0 {
        failures.push(format!(
            "{} answers were unmapped 5xx or missing",
            load.unexpected
        ));
    }
    if attacks.failed() > 0 {
        failures.push(format!(
            "{} attack rounds were answered wrongly",
            attacks.failed()
        ));
    }
    if facts.forged_lines > 0 {
        failures.push(format!(
            "{} log lines were written by a client",
            facts.forged_lines
        ));
    }
    if facts.panics > 0 {
        failures.push(format!("{} panics in the log", facts.panics));
    }
    if facts.server_exited {
        failures.push("runtrace exited during the soak".into());
    }
    failures
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, body: &str) -> Response {
        Response {
            status,
            body: body.as_bytes().to_vec(),
            ..Response::default()
        }
    }

    #[test]
    fn only_mapped_502_and_503_are_acceptable_5xx() {
        let check = |status, body, expect| {
            assert_eq!(
                acceptable(&response(status, body)),
                expect,
                "{status} {body}"
            )
        };
        let json = r#"{"code":"upstream_throttled","message":"x"}"#;
        check(200, "", true);
        check(404, "", true);
        check(502, json, true);
        check(503, json, true);
        check(503, "", false);
        check(500, json, false);
        check(504, json, false);
    }

    #[test]
    fn quantiles_are_nearest_rank() {
        let check =
            |values: &[u64], q, expect| assert_eq!(quantile_ms(&mut values.to_vec(), q), expect);
        check(&[], 0.99, 0.0);
        check(&[5_000], 0.99, 5.0);
        let hundred: Vec<u64> = (1..=100).map(|n| n * 1000).collect();
        check(&hundred, 0.5, 50.0);
        check(&hundred, 0.99, 99.0);
        check(&hundred, 1.0, 100.0);
    }

    #[test]
    fn the_verdict_names_every_failure() {
        let mut load = Tally::default();
        let took = Duration::from_millis(3);
        load.record("map", "/api/v1/map", Ok(&response(200, "{}")), took);
        load.record(
            "map",
            "/api/v1/map",
            Ok(&response(503, r#"{"code":"c"}"#)),
            took,
        );
        let facts = Facts {
            duration: Duration::from_secs(10),
            clients: 2,
            rss_before_kib: Some(1024),
            rss_after_kib: None,
            rss_peak_kib: None,
            log_lines: 0,
            forged_lines: 0,
            panics: 0,
            server_exited: false,
        };
        let mut attacks = AttackTally::default();
        attacks.record("rebinding Host", Ok(()));
        assert!(failures(&load, &attacks, &facts).is_empty());
        let table = super::super::table::table(&mut load, &attacks, &facts);
        assert!(table.contains("statuses: 200: 1, 503: 1"), "{table}");
        assert!(table.contains("before 1.0 MiB"), "{table}");
        load.record(
            "trace",
            "/api/v1/traces/x",
            Ok(&response(500, "oops")),
            took,
        );
        load.record("trace", "/api/v1/traces/y", Err("reset".into()), took);
        attacks.record("forged cursor", Err("200".into()));
        let facts = Facts {
            forged_lines: 1,
            server_exited: true,
            ..facts
        };
        assert_eq!(failures(&load, &attacks, &facts).len(), 4);
        assert_eq!(
            load.examples,
            [
                "GET /api/v1/traces/x → 500: oops",
                "GET /api/v1/traces/y → no answer: reset"
            ]
        );
    }
}
