//! The backend's figures come from the backend engineer's own benchmark
//! (`cargo run --release -p backend --example bench`), read from the table it prints, so the two
//! never disagree about how a figure is measured.

use std::path::Path;

use anyhow::Result;

use crate::sh::printed;

/// What the backend benchmark printed, in its units; `None` for a figure it did not print.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct BackendFigures {
    /// The worst added latency over the calls it measured, ms.
    pub added_p50_ms: Option<f64>,
    pub added_p99_ms: Option<f64>,
    /// The lowest cached throughput over the routes it measured.
    pub cached_reads_per_s: Option<f64>,
    /// The services route for 200 services as a multiple of one DescribeService round trip, at
    /// the highest simulated AWS latency it tried (the realistic case).
    pub services_ratio: Option<f64>,
    pub services_p50_ms: Option<f64>,
    /// The quick services list (`?describe=known`) on a cold cache as a multiple of the
    /// ListServices call it cannot avoid, at the highest simulated AWS latency it tried.
    pub services_first_ratio: Option<f64>,
    /// The whole output, kept in results.json.
    pub output: String,
}

/// Runs the built example and reads its figures.
pub fn run(example: &Path) -> Result<BackendFigures> {
    Ok(parse(&printed(example, "the backend benchmark")?))
}

pub fn parse(output: &str) -> BackendFigures {
    let mut figures = BackendFigures {
        output: output.to_owned(),
        ..BackendFigures::default()
    };
    let (mut services_latency, mut first_latency) = (-1.0, -1.0);
    for line in output.lines() {
        if let Some(added) = after(line, "added p50 ") {
            figures.added_p50_ms = max(figures.added_p50_ms, number(added));
            figures.added_p99_ms = max(figures.added_p99_ms, after(added, "p99 ").and_then(number));
        }
        if line.trim_end().ends_with("req/s") {
            let value = line.split_whitespace().rev().nth(1).and_then(number);
            figures.cached_reads_per_s = match (figures.cached_reads_per_s, value) {
                (Some(old), Some(new)) => Some(old.min(new)),
                (old, new) => old.or(new),
            };
        }
        if let Some(rest) = after(line, FIRST_ANSWER) {
            let latency = number(rest).unwrap_or(0.0);
            let ratio = ratio(rest);
            if latency > first_latency && ratio.is_some() {
                first_latency = latency;
                figures.services_first_ratio = ratio;
            }
        }
        if let Some(rest) = after(line, "services route, 200 services, ") {
            let latency = number(rest).unwrap_or(0.0);
            let ratio = ratio(rest);
            if latency > services_latency && ratio.is_some() {
                services_latency = latency;
                figures.services_ratio = ratio;
                figures.services_p50_ms = after(rest, "p50 ").and_then(number);
            }
        }
    }
    figures
}

/// The line of the quick services list on a cold cache, up to its simulated latency.
const FIRST_ANSWER: &str = "services route cold, first answer (?describe=known), 200 services, ";

/// The ratio a line states (`… = 1.7 × …`).
fn ratio(text: &str) -> Option<f64> {
    text.split(" × ")
        .next()
        .and_then(|head| head.rsplit("= ").next())
        .and_then(number)
}

fn after<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    text.find(marker).map(|at| &text[at + marker.len()..])
}

/// The number a piece of text starts with (`0.123 ms …` → 0.123).
fn number(text: &str) -> Option<f64> {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    text[..end].parse().ok()
}

fn max(old: Option<f64>, new: Option<f64>) -> Option<f64> {
    match (old, new) {
        (Some(old), Some(new)) => Some(old.max(new)),
        (old, new) => old.or(new),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
backend overhead over a direct SDK call (cache off, 1000 sequential calls)
  GetGroups / groups             direct p50 0.210 ms p99 0.400 ms | via runtrace p50 0.300 ms p99 0.650 ms | added p50 0.090 ms p99 0.250 ms
  GetServiceGraph 15 min / map   direct p50 0.500 ms p99 0.900 ms | via runtrace p50 0.700 ms p99 1.400 ms | added p50 0.200 ms p99 0.500 ms
cached reads (32 concurrent keep-alive clients, 3 s each)
  /api/v1/map                        9120 req/s
  /api/v1/services                  11050 req/s
services route, 200 services, 0 ms added per AWS call, cache off: p50 8.000 ms p99 9.000 ms = 16.0 × one DescribeService (0.500 ms)
services route, 200 services, 20 ms added per AWS call, cache off: p50 35.500 ms p99 40.000 ms = 1.7 × one DescribeService (20.800 ms)
services route cold, first answer (?describe=known), 200 services, 0 ms added per AWS call: 3.000 ms = 2.50 × its ListServices (1.200 ms)
services route cold, first answer (?describe=known), 200 services, 20 ms added per AWS call: 30.000 ms = 1.11 × its ListServices (27.000 ms)
services route cold, full answer after the first, 200 services, 20 ms added per AWS call: 300.000 ms = 11.1 × its ListServices (27.000 ms)
services route cold, 200 services, 20 ms added per AWS call: 310.000 ms = 11.5 × its ListServices (27.000 ms)
";

    #[test]
    fn the_backend_table_is_read() {
        let figures = parse(SAMPLE);
        assert_eq!(figures.added_p50_ms, Some(0.2));
        assert_eq!(figures.added_p99_ms, Some(0.5));
        assert_eq!(figures.cached_reads_per_s, Some(9120.0));
        assert_eq!(figures.services_ratio, Some(1.7));
        assert_eq!(figures.services_p50_ms, Some(35.5));
        assert_eq!(figures.services_first_ratio, Some(1.11));
    }

    #[test]
    fn figures_missing_from_the_output_stay_missing() {
        let check = |output: &str, expect: BackendFigures| {
            assert_eq!(
                parse(output),
                BackendFigures {
                    output: output.to_owned(),
                    ..expect
                }
            );
        };
        check("", BackendFigures::default());
        check("  /api/v1/map  oops req/s\n", BackendFigures::default());
        check(
            "  x | added p50 0.1 ms\n",
            BackendFigures {
                added_p50_ms: Some(0.1),
                ..BackendFigures::default()
            },
        );
    }

    #[test]
    fn numbers_are_read_from_the_start_of_text() {
        let check = |text: &str, expect: Option<f64>| assert_eq!(number(text), expect, "{text}");
        check("0.123 ms", Some(0.123));
        check("20 ms added", Some(20.0));
        check("ms", None);
    }
}
