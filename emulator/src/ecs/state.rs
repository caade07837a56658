//! ECS's per-region state: clusters and Express services with their revisions and deployments.
//! Nothing here changes with time on its own: a deployment's state and the configurations that
//! serve are read off the clock (see [`super::deployment`]), so a manual clock makes every
//! transition deterministic.

use serde_json::Value;

use super::deployment::{Deployment, Status};
use super::settings::Settings;

#[derive(Clone, Debug)]
pub struct Cluster {
    pub name: String,
    pub arn: String,
}

/// One configuration of a service, as deployed (ECS's service revision).
#[derive(Clone, Debug)]
pub struct Revision {
    pub arn: String,
    pub task_definition_arn: String,
    pub settings: Settings,
    pub created_at: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lifecycle {
    Active,
    Draining,
    Inactive,
}

impl Lifecycle {
    pub fn as_str(self) -> &'static str {
        match self {
            Lifecycle::Active => "ACTIVE",
            Lifecycle::Draining => "DRAINING",
            Lifecycle::Inactive => "INACTIVE",
        }
    }
}

#[derive(Clone, Debug)]
pub struct ServiceRecord {
    pub name: String,
    pub arn: String,
    pub cluster: String,
    pub cluster_arn: String,
    pub infrastructure_role_arn: String,
    pub endpoint: String,
    pub tags: Option<Value>,
    pub created_at: f64,
    pub updated_at: f64,
    /// When DeleteExpressGatewayService was called.
    pub deleted_at: Option<f64>,
    /// Every revision ever deployed, oldest first.
    pub revisions: Vec<Revision>,
    /// Oldest first; the first one created the service.
    pub deployments: Vec<Deployment>,
}

impl ServiceRecord {
    /// DRAINING while the deployment-long teardown runs after a delete, then INACTIVE.
    pub fn lifecycle(&self, now: f64, teardown_seconds: f64) -> Lifecycle {
        match self.deleted_at {
            None => Lifecycle::Active,
            Some(at) if now < at + teardown_seconds => Lifecycle::Draining,
            Some(_) => Lifecycle::Inactive,
        }
    }

    /// The revision whose tasks serve all traffic now: the target of the last deployment that
    /// succeeded. `None` until the service's first deployment has.
    pub fn serving(&self, now: f64) -> Option<&Revision> {
        let mut serving = None;
        for deployment in &self.deployments {
            if deployment.phase(now).status == Status::Successful {
                serving = Some(deployment.target);
            }
        }
        serving.and_then(|index| self.revisions.get(index))
    }

    /// The newest deployment, which `currentDeployment` names.
    pub fn current_deployment(&self) -> Option<&Deployment> {
        self.deployments.last()
    }

    /// The configurations with running tasks: the target and the source while a deployment
    /// runs (newest first), else the one serving.
    pub fn active_revisions(&self, now: f64) -> Vec<&Revision> {
        let running = self
            .current_deployment()
            .filter(|d| !d.phase(now).status.finished());
        match running {
            Some(deployment) => {
                let mut active: Vec<&Revision> =
                    self.revisions.get(deployment.target).into_iter().collect();
                active.extend(self.serving(now));
                active
            }
            None => self.serving(now).into_iter().collect(),
        }
    }

    /// The configuration the next update starts from: the newest revision asked for, whether
    /// or not its deployment has finished, unless it was rolled back or stopped.
    pub fn latest_settings(&self, now: f64) -> Option<&Settings> {
        let running = self
            .current_deployment()
            .filter(|d| !d.phase(now).status.finished());
        match running {
            Some(deployment) => self.revisions.get(deployment.target),
            None => self.serving(now),
        }
        .map(|revision| &revision.settings)
    }
}

#[derive(Clone, Debug, Default)]
pub struct RegionState {
    pub clusters: Vec<Cluster>,
    pub services: Vec<ServiceRecord>,
}

impl RegionState {
    pub fn cluster(&self, name: &str) -> Option<&Cluster> {
        self.clusters.iter().find(|c| c.name == name)
    }
}
