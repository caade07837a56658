//! Numbers as the map labels them: short, with units.

/// `0.8/min`, `12/min`, `1.3k/min`.
pub fn format_rate(per_minute: f64) -> String {
    if per_minute >= 1000.0 {
        format!("{:.1}k/min", per_minute / 1000.0)
    } else if per_minute >= 10.0 || per_minute == 0.0 {
        format!("{per_minute:.0}/min")
    } else {
        format!("{per_minute:.1}/min")
    }
}

/// What a node's figures count: a rate over the map's window, or, for one trace's map, requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Traffic {
    #[default]
    PerMinute,
    Requests,
}

/// A node's traffic as its label says it: `12/min`, or `1 request`, `3 requests`.
pub fn format_traffic(traffic: Traffic, per_minute: f64, total: u64) -> String {
    match traffic {
        Traffic::PerMinute => format_rate(per_minute),
        Traffic::Requests if total == 1 => "1 request".to_owned(),
        Traffic::Requests => format!("{total} requests"),
    }
}

/// `850 µs`, `42 ms`, `1.25 s`; `–` when there is no mean (no requests).
pub fn format_latency(seconds: Option<f64>) -> String {
    match seconds {
        None => "–".to_owned(),
        Some(s) if s < 0.001 => format!("{:.0} µs", s * 1e6),
        Some(s) if s < 1.0 => format!("{:.0} ms", s * 1e3),
        Some(s) => format!("{s:.2} s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trace_map_counts_requests() {
        let check = |traffic, total, expect: &str| {
            assert_eq!(format_traffic(traffic, 3.0, total), expect);
        };
        check(Traffic::Requests, 1, "1 request");
        check(Traffic::Requests, 0, "0 requests");
        check(Traffic::Requests, 12, "12 requests");
        check(Traffic::PerMinute, 12, "3.0/min");
    }

    #[test]
    fn formats_rates_and_latencies() {
        let rate = |value: f64, expect: &str| assert_eq!(format_rate(value), expect);
        rate(0.0, "0/min");
        rate(0.84, "0.8/min");
        rate(12.4, "12/min");
        rate(1340.0, "1.3k/min");
        let latency = |value: Option<f64>, expect: &str| assert_eq!(format_latency(value), expect);
        latency(None, "–");
        latency(Some(0.00085), "850 µs");
        latency(Some(0.042), "42 ms");
        latency(Some(1.25), "1.25 s");
    }
}
