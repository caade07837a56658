//! What the soak counted and the table it prints: requests, statuses and latency per route,
//! the attacks' results, RSS before and after, and the verdict — any 5xx that is not a mapped
//! 502/503 (one with runtrace's JSON error body), any request without an answer, any attack
//! answered wrongly, a forged log line or a panic fails the soak.

use std::collections::BTreeMap;
use std::fmt::Write;
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

fn mib(kib: Option<u64>) -> String {
    kib.map_or_else(|| "-".into(), |k| format!("{:.1} MiB", k as f64 / 1024.0))
}

/// The table: one row per route and a total, then the attacks, then the facts.
pub fn table(load: &mut Tally, attacks: &AttackTally, facts: &Facts) -> String {
    let mut out = String::new();
    let seconds = facts.duration.as_secs_f64();
    let _ = writeln!(
        out,
        "soak: {:.0} s, {} clients, faults: throttling, 500s, latency, truncated and corrupt documents",
        seconds, facts.clients
    );
    let _ = writeln!(
        out,
        "{:<20} {:>8} {:>8} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9} {:>9}",
        "route", "requests", "2xx", "4xx", "502", "503", "5xx*", "none", "p50 ms", "p99 ms"
    );
    let mut all_latencies = Vec::new();
    let mut totals = [0usize; 7];
    for (route, tally) in &mut load.routes {
        let count = |pick: &dyn Fn(u16) -> bool| -> usize {
            tally
                .statuses
                .iter()
                .filter(|(s, _)| pick(**s))
                .map(|(_, n)| n)
                .sum()
        };
        let row = [
            tally.latencies.len(),
            count(&|s| (200..300).contains(&s)),
            count(&|s| (400..500).contains(&s)),
            count(&|s| s == 502),
            count(&|s| s == 503),
            count(&|s| s >= 500 && s != 502 && s != 503),
            count(&|s| s == 0),
        ];
        totals.iter_mut().zip(row).for_each(|(t, n)| *t += n);
        all_latencies.extend_from_slice(&tally.latencies);
        let (p50, p99) = (
            quantile_ms(&mut tally.latencies, 0.5),
            quantile_ms(&mut tally.latencies, 0.99),
        );
        let _ = writeln!(
            out,
            "{route:<20} {:>8} {:>8} {:>6} {:>6} {:>6} {:>6} {:>6} {p50:>9.1} {p99:>9.1}",
            row[0], row[1], row[2], row[3], row[4], row[5], row[6]
        );
    }
    let (p50, p99) = (
        quantile_ms(&mut all_latencies, 0.5),
        quantile_ms(&mut all_latencies, 0.99),
    );
    let t = totals;
    let _ = writeln!(
        out,
        "{:<20} {:>8} {:>8} {:>6} {:>6} {:>6} {:>6} {:>6} {p50:>9.1} {p99:>9.1}",
        "total", t[0], t[1], t[2], t[3], t[4], t[5], t[6]
    );
    let _ = writeln!(
        out,
        "({:.0} requests/s; 5xx* = a 5xx other than a mapped 502/503; none = no answer)",
        t[0] as f64 / seconds.max(1.0)
    );
    let statuses: BTreeMap<u16, usize> = load.routes.values().flat_map(|r| r.statuses.iter()).fold(
        BTreeMap::new(),
        |mut all, (s, n)| {
            *all.entry(*s).or_default() += n;
            all
        },
    );
    let listed: Vec<String> = statuses.iter().map(|(s, n)| format!("{s}: {n}")).collect();
    let _ = writeln!(out, "statuses: {}", listed.join(", "));
    let _ = writeln!(
        out,
        "\n{:<34} {:>7} {:>7}  first failure",
        "attack", "passed", "failed"
    );
    for (name, (passed, failed, first)) in &attacks.results {
        let _ = writeln!(
            out,
            "{name:<34} {passed:>7} {failed:>7}  {}",
            first.as_deref().unwrap_or("")
        );
    }
    let _ = writeln!(
        out,
        "\nRSS of runtrace: before {}, after {}, peak {}",
        mib(facts.rss_before_kib),
        mib(facts.rss_after_kib),
        mib(facts.rss_peak_kib)
    );
    let _ = writeln!(
        out,
        "log: {} lines, {} forged, {} panics",
        facts.log_lines, facts.forged_lines, facts.panics
    );
    for example in &load.examples {
        let _ = writeln!(out, "unexpected: {example}");
    }
    out
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
        let table = table(&mut load, &attacks, &facts);
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
