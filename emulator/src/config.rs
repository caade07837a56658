//! The command-line options of `runtrace emulator` (and of `runtrace demo`, which starts the same
//! emulator in-process). Defaults follow LocalStack/moto conventions: key `test`, secret `test`.

use std::net::SocketAddr;

use crate::{Clock, DEFAULT_ACCOUNT_ID, EmulatorConfig, FaultConfig, ScenarioName};

const MIB: usize = 1024 * 1024;
/// Each store's memory budget by default, in MiB: both together keep a demo left running for
/// days (the dashboard, the emulator and both stores) under 200 MB resident.
pub const DEFAULT_STORE_MIB: usize = 64;

#[derive(Clone, Debug, clap::Args)]
pub struct EmulatorArgs {
    /// Address to listen on; port 0 picks a free port (the URL is printed at start).
    #[arg(long, default_value = "127.0.0.1:4566")]
    pub listen: SocketAddr,

    /// Which world to emulate: `movies` (the movies_app service and its DynamoDB table), `shop`
    /// (a dozen services, two regions, periodic incidents), `large` (benchmark-sized),
    /// `transaction-search` (`shop` with CloudWatch Transaction Search on at 1 % indexing) or
    /// `empty`.
    #[arg(long, value_enum, default_value = "movies")]
    pub scenario: ScenarioName,

    /// Seed of the traffic generator and of fault injection: the same seed gives the same run.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,

    /// Access key id that requests must be signed with.
    #[arg(long, default_value = "test")]
    pub access_key_id: String,

    /// Secret access key that requests must be signed with.
    #[arg(long, default_value = "test")]
    pub secret_access_key: String,

    /// Accept any request, signed or not (unsigned requests go to us-east-1).
    #[arg(long)]
    pub no_verify_signatures: bool,

    /// Only serve the scenario's history; generate no new traffic.
    #[arg(long)]
    pub no_live: bool,

    /// Live traffic, in traces per second.
    #[arg(long, default_value_t = 5.0)]
    pub rate: f64,

    /// How long UpdateService/PauseService/ResumeService take (AWS: minutes; demos want seconds).
    #[arg(long, default_value_t = 15.0)]
    pub operation_seconds: f64,

    /// How long an ECS Express deployment takes from start to SUCCESSFUL: canary (5 % of the
    /// traffic) from 25 % to 55 % of it, bake time to 85 %, clean-up to the end (AWS: about 10
    /// minutes). A deleted Express service drains for as long.
    #[arg(long, default_value_t = 30.0)]
    pub deployment_seconds: f64,

    /// ECS Express deployments roll back: the canary's alarm fires 40 % into each deployment
    /// (also settable at run time: `rollback_deployments` of PUT /_emulator/faults).
    #[arg(long)]
    pub rollback_deployments: bool,

    /// How long X-Ray keeps segments, in seconds (AWS keeps them 30 days).
    #[arg(long, default_value_t = 30.0 * 86_400.0)]
    pub retention: f64,

    /// Upper bound on stored segments; the oldest traces are dropped first. Enough for `large`
    /// (≈123,000 segments).
    #[arg(long, default_value_t = 150_000)]
    pub max_segments: usize,

    /// Upper bound on the memory X-Ray's segment store holds, in MiB (estimated: deflated
    /// documents, their digests and interned strings); the oldest traces are dropped first.
    /// `shop` costs ≈1.4 kB a segment, so the default holds ≈45,000 segments: some 50 minutes of
    /// its live traffic at the default rate.
    #[arg(long, value_name = "MIB", default_value_t = DEFAULT_STORE_MIB)]
    pub max_segments_mb: usize,

    /// At most this many spans are kept in the log group `aws/spans` (Transaction Search); the
    /// oldest traces are dropped first.
    #[arg(long, default_value_t = crate::spans::SpanOptions::default().max_spans)]
    pub max_spans: usize,

    /// Upper bound on the memory of the log group `aws/spans`, in MiB (span records and the
    /// documents they came as); the oldest traces are dropped first.
    #[arg(long, value_name = "MIB", default_value_t = DEFAULT_STORE_MIB)]
    pub max_spans_mb: usize,

    /// Turn CloudWatch Transaction Search on: the trace segment destination is CloudWatchLogs in
    /// every region, every span goes to the log group `aws/spans` (searchable with Logs
    /// Insights), and X-Ray indexes only --indexing-percent of traces (the rest are found by
    /// trace retrieval). The `transaction-search` scenario turns it on by itself.
    #[arg(long)]
    pub transaction_search: bool,

    /// With Transaction Search, the share of traces X-Ray indexes, in percent (AWS's default: 1).
    #[arg(long, value_name = "PERCENT", default_value_t = crate::xray::DEFAULT_INDEXING_PERCENT)]
    pub indexing_percent: f64,

    /// How long Transaction Search's asynchronous work takes, in seconds: a destination change
    /// stays PENDING, a trace retrieval SCHEDULED then RUNNING, a Logs Insights query Scheduled
    /// then Running (with partial results) for this long. AWS takes seconds to minutes.
    #[arg(long, default_value_t = 2.0)]
    pub async_seconds: f64,

    /// Share of calls (0–1) answered with the service's throttling error.
    #[arg(long, default_value_t = 0.0)]
    pub throttle_ratio: f64,

    /// Share of calls (0–1) answered with a 500 server error.
    #[arg(long, default_value_t = 0.0)]
    pub error_ratio: f64,

    /// Extra delay added to every AWS call, in milliseconds.
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,

    /// BatchGetTraces reports traces as truncated (LimitExceeded) and drops some segments.
    #[arg(long)]
    pub truncate_traces: bool,

    /// BatchGetTraces returns some segment documents that are not valid JSON.
    #[arg(long)]
    pub corrupt_documents: bool,

    /// The AWS account id in every ARN.
    #[arg(long, default_value = DEFAULT_ACCOUNT_ID)]
    pub account_id: String,

    /// Also listen here as the X-Ray daemon, for apps on an X-Ray SDK: segments over UDP, the
    /// SDKs' sampling-rule calls over TCP, both on this address (e.g. 127.0.0.1:2000, the SDKs'
    /// default; port 0 picks a free one). Set AWS_XRAY_DAEMON_ADDRESS in the app to match.
    #[arg(long, value_name = "ADDR")]
    pub xray_daemon: Option<SocketAddr>,
}

impl EmulatorArgs {
    pub fn into_config(self) -> EmulatorConfig {
        EmulatorConfig {
            listen: self.listen,
            scenario: self.scenario,
            seed: self.seed,
            credentials: (!self.no_verify_signatures)
                .then_some((self.access_key_id, self.secret_access_key)),
            live: !self.no_live,
            rate: self.rate,
            operation_seconds: self.operation_seconds,
            deployment_seconds: self.deployment_seconds,
            retention_seconds: self.retention,
            max_segments: self.max_segments,
            max_segment_bytes: self.max_segments_mb.saturating_mul(MIB),
            max_spans: self.max_spans,
            max_span_bytes: self.max_spans_mb.saturating_mul(MIB),
            transaction_search: (self.transaction_search || self.scenario.transaction_search())
                .then_some(self.indexing_percent),
            async_seconds: self.async_seconds,
            faults: FaultConfig {
                throttle_ratio: self.throttle_ratio,
                error_ratio: self.error_ratio,
                extra_latency_ms: self.latency_ms,
                truncate_traces: self.truncate_traces,
                corrupt_documents: self.corrupt_documents,
                rollback_deployments: self.rollback_deployments,
                ..FaultConfig::default()
            },
            clock: Clock::system(),
            account_id: self.account_id,
            xray_daemon: self.xray_daemon,
        }
    }

    /// Problems a person should fix before the emulator starts (e.g. a ratio of 3).
    pub fn validate(&self) -> Result<(), String> {
        let faults = FaultConfig {
            throttle_ratio: self.throttle_ratio,
            error_ratio: self.error_ratio,
            ..FaultConfig::default()
        };
        faults.validate()?;
        if !(self.rate.is_finite() && self.rate >= 0.0) {
            return Err(format!(
                "--rate must be zero or more traces per second, got {}",
                self.rate
            ));
        }
        if !(0.0..=100.0).contains(&self.indexing_percent) {
            return Err(format!(
                "--indexing-percent must be between 0 and 100, got {}",
                self.indexing_percent
            ));
        }
        for (flag, seconds) in [
            ("--operation-seconds", self.operation_seconds),
            ("--deployment-seconds", self.deployment_seconds),
            ("--async-seconds", self.async_seconds),
        ] {
            if !(seconds.is_finite() && seconds >= 0.0) {
                return Err(format!("{flag} must be zero or more, got {seconds}"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: EmulatorArgs,
    }

    fn parse(argv: &[&str]) -> EmulatorArgs {
        let mut full = vec!["runtrace-emulator"];
        full.extend_from_slice(argv);
        Cli::try_parse_from(full).expect("valid arguments").args
    }

    #[test]
    fn defaults_follow_the_conventions() {
        let config = parse(&[]).into_config();
        assert_eq!(config.credentials, Some(("test".into(), "test".into())));
        assert_eq!(config.listen.to_string(), "127.0.0.1:4566");
        assert!(config.live);
        assert_eq!(config.faults, FaultConfig::default());
    }

    #[test]
    fn flags_reach_the_config() {
        let args = parse(&[
            "--listen",
            "127.0.0.1:0",
            "--no-verify-signatures",
            "--operation-seconds",
            "1",
            "--deployment-seconds",
            "6",
            "--rollback-deployments",
            "--throttle-ratio",
            "0.25",
            "--latency-ms",
            "40",
            "--corrupt-documents",
            "--no-live",
        ]);
        assert!(args.validate().is_ok());
        let config = args.into_config();
        assert_eq!(config.credentials, None);
        assert_eq!(config.operation_seconds, 1.0);
        assert_eq!(config.deployment_seconds, 6.0);
        assert!(config.faults.rollback_deployments);
        assert_eq!(config.faults.throttle_ratio, 0.25);
        assert_eq!(config.faults.extra_latency_ms, 40);
        assert!(config.faults.corrupt_documents && !config.live);
    }

    #[test]
    fn transaction_search_by_flag_or_by_scenario() {
        assert_eq!(parse(&[]).into_config().transaction_search, None);
        let on = parse(&["--transaction-search", "--indexing-percent", "5"]);
        assert_eq!(on.into_config().transaction_search, Some(5.0));
        let named = parse(&["--scenario", "transaction-search"]).into_config();
        assert_eq!(named.transaction_search, Some(1.0));
        assert_eq!(named.scenario.regions(), ScenarioName::Shop.regions());
        assert!(parse(&["--indexing-percent", "101"]).validate().is_err());
        assert!(parse(&["--async-seconds=-1"]).validate().is_err());
    }

    #[test]
    fn impossible_values_are_explained() {
        let error = parse(&["--error-ratio", "2"]).validate().err();
        assert_eq!(
            error.as_deref(),
            Some("error_ratio must be between 0 and 1, got 2")
        );
        assert!(parse(&["--rate=-1"]).validate().is_err());
        assert!(parse(&["--deployment-seconds=-1"]).validate().is_err());
    }
}
