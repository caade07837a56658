//! A service deployment and where it stands at a given instant. Express deploys every change as
//! a canary (reference §4): new tasks start, take 5 % of the traffic for a bake time, then all of
//! it, and the old tasks stop after a second bake time; an alarm on 4xx+5xx during the canary
//! rolls the deployment back. The emulator keeps each deployment's start and reads its state off
//! the clock, scaled so the whole deployment takes the configured duration.

/// Where each stage ends, as a share of the deployment's duration (AWS: about 10 minutes,
/// 3 of them canary and 3 bake time).
const PENDING_END: f64 = 0.1;
const SCALE_UP_END: f64 = 0.25;
const CANARY_END: f64 = 0.55;
const BAKE_END: f64 = 0.85;
/// A configured rollback: the alarm fires during the canary, the old revision takes all traffic
/// back, and the rollback ends.
const ALARM_AT: f64 = 0.4;
const ROLLBACK_END: f64 = 0.7;
/// The canary's share of production traffic, in percent.
pub const CANARY_PERCENT: f64 = 5.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Pending,
    InProgress,
    Successful,
    Stopped,
    RollbackInProgress,
    RollbackSuccessful,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "PENDING",
            Status::InProgress => "IN_PROGRESS",
            Status::Successful => "SUCCESSFUL",
            Status::Stopped => "STOPPED",
            Status::RollbackInProgress => "ROLLBACK_IN_PROGRESS",
            Status::RollbackSuccessful => "ROLLBACK_SUCCESSFUL",
        }
    }

    pub fn finished(self) -> bool {
        matches!(
            self,
            Status::Successful | Status::Stopped | Status::RollbackSuccessful
        )
    }
}

#[derive(Clone, Debug)]
pub struct Deployment {
    pub arn: String,
    pub created_at: f64,
    /// Seconds from creation to success.
    pub duration: f64,
    /// The revision that served when the deployment started (an index into the service's
    /// revisions); none for the deployment that created the service.
    pub source: Option<usize>,
    pub target: usize,
    /// Whether the canary's alarm will fire (the emulator's `rollback_deployments` fault).
    pub rollback: bool,
    /// Set when a newer deployment or a delete stopped this one.
    pub stopped: Option<(f64, &'static str)>,
}

/// A deployment at one instant.
#[derive(Clone, Debug, PartialEq)]
pub struct Phase {
    pub status: Status,
    /// ECS's `lifecycleStage`.
    pub stage: &'static str,
    /// The target revision's share of production traffic, in percent.
    pub target_weight: f64,
    pub started_at: Option<f64>,
    pub finished_at: Option<f64>,
    /// When the alarm fired, for a deployment that is rolling back or has.
    pub rollback_started_at: Option<f64>,
}

impl Deployment {
    fn at(&self, share: f64) -> f64 {
        self.created_at + share * self.duration
    }

    pub fn phase(&self, now: f64) -> Phase {
        match self.stopped {
            Some((stopped_at, _)) if now >= stopped_at => {
                let when_stopped = self.natural_phase(stopped_at);
                if when_stopped.status.finished() {
                    return self.natural_phase(now);
                }
                Phase {
                    status: Status::Stopped,
                    finished_at: Some(stopped_at),
                    ..when_stopped
                }
            }
            _ => self.natural_phase(now),
        }
    }

    fn natural_phase(&self, now: f64) -> Phase {
        let started = (now >= self.at(PENDING_END)).then(|| self.at(PENDING_END));
        let canary = self.source.is_some();
        let phase = |status, stage, target_weight| Phase {
            status,
            stage,
            target_weight,
            started_at: started,
            finished_at: None,
            rollback_started_at: None,
        };
        let first = if canary { 0.0 } else { 100.0 };
        if now < self.at(PENDING_END) {
            return phase(Status::Pending, "RECONCILE_SERVICE", first);
        }
        if now < self.at(SCALE_UP_END) {
            return phase(Status::InProgress, "SCALE_UP", first);
        }
        if self.rollback && canary && now >= self.at(ALARM_AT) {
            let alarm = Some(self.at(ALARM_AT));
            if now < self.at(ROLLBACK_END) {
                return Phase {
                    rollback_started_at: alarm,
                    ..phase(Status::RollbackInProgress, "PRODUCTION_TRAFFIC_SHIFT", 0.0)
                };
            }
            return Phase {
                rollback_started_at: alarm,
                finished_at: Some(self.at(ROLLBACK_END)),
                ..phase(Status::RollbackSuccessful, "CLEAN_UP", 0.0)
            };
        }
        if now < self.at(CANARY_END) {
            let weight = if canary { CANARY_PERCENT } else { 100.0 };
            return phase(Status::InProgress, "PRODUCTION_TRAFFIC_SHIFT", weight);
        }
        if now < self.at(BAKE_END) {
            return phase(Status::InProgress, "BAKE_TIME", 100.0);
        }
        if now < self.at(1.0) {
            return phase(Status::InProgress, "CLEAN_UP", 100.0);
        }
        Phase {
            finished_at: Some(self.at(1.0)),
            ..phase(Status::Successful, "CLEAN_UP", 100.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deployment(source: bool, rollback: bool) -> Deployment {
        Deployment {
            arn: "arn".into(),
            created_at: 1_000.0,
            duration: 100.0,
            source: source.then_some(0),
            target: 1,
            rollback,
            stopped: None,
        }
    }

    #[test]
    fn check_canary_timeline() {
        let check = |d: &Deployment, at: f64, expect: (Status, &str, f64)| {
            let phase = d.phase(1_000.0 + at);
            assert_eq!(
                (phase.status, phase.stage, phase.target_weight),
                expect,
                "at +{at}"
            );
        };
        let update = deployment(true, false);
        check(&update, 0.0, (Status::Pending, "RECONCILE_SERVICE", 0.0));
        check(&update, 10.0, (Status::InProgress, "SCALE_UP", 0.0));
        check(
            &update,
            30.0,
            (Status::InProgress, "PRODUCTION_TRAFFIC_SHIFT", 5.0),
        );
        check(&update, 60.0, (Status::InProgress, "BAKE_TIME", 100.0));
        check(&update, 90.0, (Status::InProgress, "CLEAN_UP", 100.0));
        check(&update, 100.0, (Status::Successful, "CLEAN_UP", 100.0));
        assert_eq!(update.phase(1_200.0).finished_at, Some(1_100.0));
        assert_eq!(update.phase(1_050.0).started_at, Some(1_010.0));

        let create = deployment(false, true);
        check(
            &create,
            30.0,
            (Status::InProgress, "PRODUCTION_TRAFFIC_SHIFT", 100.0),
        );
        check(&create, 100.0, (Status::Successful, "CLEAN_UP", 100.0));

        let failing = deployment(true, true);
        check(
            &failing,
            39.0,
            (Status::InProgress, "PRODUCTION_TRAFFIC_SHIFT", 5.0),
        );
        check(
            &failing,
            40.0,
            (Status::RollbackInProgress, "PRODUCTION_TRAFFIC_SHIFT", 0.0),
        );
        check(
            &failing,
            70.0,
            (Status::RollbackSuccessful, "CLEAN_UP", 0.0),
        );
        let rolled_back = failing.phase(1_500.0);
        assert_eq!(rolled_back.rollback_started_at, Some(1_040.0));
        assert_eq!(rolled_back.finished_at, Some(1_070.0));
    }

    #[test]
    fn a_stopped_deployment_stays_where_it_was_stopped() {
        let mut stopped = deployment(true, false);
        stopped.stopped = Some((1_030.0, "superseded"));
        let before = stopped.phase(1_020.0);
        assert_eq!(before.status, Status::InProgress);
        let after = stopped.phase(1_500.0);
        assert_eq!(after.status, Status::Stopped);
        assert_eq!(after.stage, "PRODUCTION_TRAFFIC_SHIFT");
        assert_eq!(after.finished_at, Some(1_030.0));
        let mut late = deployment(true, false);
        late.stopped = Some((1_200.0, "deleted"));
        assert_eq!(
            late.phase(1_300.0).status,
            Status::Successful,
            "already finished"
        );
    }
}
