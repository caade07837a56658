//! Fault injection: throttling, server errors and latency applied by the server before dispatch,
//! plus X-Ray-specific flags the X-Ray module reads. Changeable at run time through
//! `PUT /_emulator/faults`, so a demo can show how the console copes.

use std::sync::{Arc, Mutex, PoisonError, RwLock};

use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FaultConfig {
    /// Share of calls (0–1) answered with the service's throttling error.
    pub throttle_ratio: f64,
    /// Share of calls (0–1) answered with a 500 server fault.
    pub error_ratio: f64,
    /// Delay added to every AWS call, in milliseconds.
    pub extra_latency_ms: u64,
    /// BatchGetTraces marks traces `LimitExceeded` and drops some segments.
    pub truncate_traces: bool,
    /// BatchGetTraces returns some segment documents that are not valid JSON.
    pub corrupt_documents: bool,
    /// ECS Express deployments started from now on roll back: the canary's alarm fires.
    pub rollback_deployments: bool,
    /// How StartTraceRetrieval's retrievals end (`complete`, `failed` or `timeout`).
    pub retrieval_end: RetrievalEnd,
}

/// The final state of a trace retrieval: AWS ends some FAILED or TIMEOUT; a demo can too.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RetrievalEnd {
    #[default]
    Complete,
    Failed,
    Timeout,
}

impl FaultConfig {
    /// Ratios outside 0–1 are a mistake of the caller, not something to clamp silently.
    pub fn validate(&self) -> Result<(), String> {
        for (name, ratio) in [
            ("throttle_ratio", self.throttle_ratio),
            ("error_ratio", self.error_ratio),
        ] {
            if !(0.0..=1.0).contains(&ratio) {
                return Err(format!("{name} must be between 0 and 1, got {ratio}"));
            }
        }
        Ok(())
    }
}

/// What the server does with one incoming call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Serve,
    Throttle,
    Fail,
}

/// Decides a verdict from one uniform draw in [0, 1): the first `throttle_ratio` of the range
/// throttles, the next `error_ratio` fails.
pub fn verdict(config: &FaultConfig, draw: f64) -> Verdict {
    if draw < config.throttle_ratio {
        Verdict::Throttle
    } else if draw < config.throttle_ratio + config.error_ratio {
        Verdict::Fail
    } else {
        Verdict::Serve
    }
}

#[derive(Clone)]
pub struct Faults {
    config: Arc<RwLock<FaultConfig>>,
    rng: Arc<Mutex<SmallRng>>,
}

impl Default for Faults {
    fn default() -> Self {
        Self::new(FaultConfig::default(), 0)
    }
}

impl Faults {
    /// A seeded generator, so a test sees the same sequence of verdicts on every run.
    pub fn new(config: FaultConfig, seed: u64) -> Self {
        Self {
            config: Arc::new(RwLock::new(config)),
            rng: Arc::new(Mutex::new(SmallRng::seed_from_u64(seed))),
        }
    }

    pub fn config(&self) -> FaultConfig {
        self.config
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub fn set(&self, config: FaultConfig) {
        *self.config.write().unwrap_or_else(PoisonError::into_inner) = config;
    }

    /// Draws the verdict for the next call.
    pub fn next_verdict(&self) -> Verdict {
        let config = self.config();
        if config.throttle_ratio <= 0.0 && config.error_ratio <= 0.0 {
            return Verdict::Serve;
        }
        let draw: f64 = self
            .rng
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .random();
        verdict(&config, draw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_verdicts() {
        let config = FaultConfig {
            throttle_ratio: 0.2,
            error_ratio: 0.3,
            ..FaultConfig::default()
        };
        let check =
            |draw: f64, expect: Verdict| assert_eq!(verdict(&config, draw), expect, "draw {draw}");
        check(0.0, Verdict::Throttle);
        check(0.19, Verdict::Throttle);
        check(0.2, Verdict::Fail);
        check(0.49, Verdict::Fail);
        check(0.5, Verdict::Serve);
        check(0.99, Verdict::Serve);
    }

    #[test]
    fn same_seed_same_sequence_and_ratios_roughly_hold() {
        let config = FaultConfig {
            throttle_ratio: 0.5,
            ..FaultConfig::default()
        };
        let run = || {
            let faults = Faults::new(config.clone(), 7);
            (0..1000).map(|_| faults.next_verdict()).collect::<Vec<_>>()
        };
        let first = run();
        assert_eq!(first, run());
        let throttled = first.iter().filter(|v| **v == Verdict::Throttle).count();
        assert!(
            (400..600).contains(&throttled),
            "{throttled} of 1000 throttled at ratio 0.5"
        );
    }

    #[test]
    fn no_faults_configured_always_serves_and_bad_ratios_are_refused() {
        let faults = Faults::default();
        assert!((0..100).all(|_| faults.next_verdict() == Verdict::Serve));
        let bad = FaultConfig {
            error_ratio: 1.5,
            ..FaultConfig::default()
        };
        assert!(bad.validate().is_err());
        assert!(FaultConfig::default().validate().is_ok());
    }
}
