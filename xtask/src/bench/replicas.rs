//! The replica load test's figures (`backend/examples/replicas`): the AWS calls three replicas
//! make with and without the shared cache, compared with one replica's, and what killing a
//! replica cost the browsers. Read from the lines it prints.

use std::path::Path;

use anyhow::Result;

use crate::sh::{cmd, printed_by};

#[derive(Debug, Default, Clone, PartialEq)]
pub struct ReplicaFigures {
    /// The largest per-operation ratio of calls to one replica's.
    pub own_caches_ratio: Option<f64>,
    pub shared_cache_ratio: Option<f64>,
    /// Requests in flight on the killed replica, and requests that failed in that run.
    pub killed_in_flight: Option<u64>,
    pub failed_after_kill: Option<u64>,
    pub output: String,
}

pub fn run(example: &Path, runtrace: &Path) -> Result<ReplicaFigures> {
    let mut command = cmd(example);
    command.arg("--runtrace").arg(runtrace);
    Ok(parse(&printed_by(&mut command, "the replica load test")?))
}

pub fn parse(output: &str) -> ReplicaFigures {
    let ratio = |label: &str| {
        output.lines().find_map(|line| {
            let rest = line.strip_prefix(&format!("replicas: {label}: "))?;
            let (_, after) = rest.split_once("at most ×")?;
            after.split_whitespace().next()?.parse().ok()
        })
    };
    let kill = output
        .lines()
        .find_map(|line| line.strip_prefix("replicas: kill: "));
    let number_before = |text: &str, marker: &str| -> Option<u64> {
        let before = text.split(marker).next()?;
        before.split_whitespace().last()?.parse().ok()
    };
    ReplicaFigures {
        own_caches_ratio: ratio("own caches"),
        shared_cache_ratio: ratio("shared cache"),
        killed_in_flight: kill.and_then(|k| number_before(k, " request(s) in flight")),
        failed_after_kill: kill.and_then(|k| number_before(k, " request(s) failed")),
        output: output.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_comparison_and_kill_lines_are_read() {
        let output = "replicas: kill: replica 3 killed at 30 s with 2 request(s) in flight; 1 request(s) failed\n\
                      replicas: own caches: AWS calls ×2.24 of one replica's in all, at most ×3.00 for one operation (apprunner:DescribeService)\n\
                      replicas: shared cache: AWS calls ×1.02 of one replica's in all, at most ×1.10 for one operation (xray:ServiceGraph)\n";
        let figures = parse(output);
        assert_eq!(figures.own_caches_ratio, Some(3.0));
        assert_eq!(figures.shared_cache_ratio, Some(1.1));
        assert_eq!(figures.killed_in_flight, Some(2));
        assert_eq!(figures.failed_after_kill, Some(1));
        assert_eq!(
            parse("nothing"),
            ReplicaFigures {
                output: "nothing".into(),
                ..ReplicaFigures::default()
            }
        );
    }
}
