//! What the list and the service page say about a service of either kind: its status (App
//! Runner's, or ECS's with the deployment's state), an Express service's tracing as two facts
//! (what the configuration says, and whether X-Ray receives spans), and its configuration in words.

use shared::api::{
    DeploymentBrief, DeploymentStatus, ExpressStatus, ExpressSummary, NodeRef, Scaling,
    ServiceStatus, ServiceSummary,
};

/// What a fact not read yet says (a pending row's tracing, a pending Express row's status): never
/// "off", "on" or "unknown", which would say more than is known.
pub const CHECKING: &str = "checking…";

/// A status badge: its text, its tone (`ok`, `busy`, `idle`, `failed`, `unknown`: the CSS class
/// `status-{tone}`), whether it spins, and a second line (an Express deployment's state).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusShown {
    pub text: String,
    pub tone: &'static str,
    pub busy: bool,
    pub detail: Option<String>,
}

impl StatusShown {
    /// App Runner's status (or an Express service's, mapped onto it).
    pub fn of_status(status: &ServiceStatus) -> Self {
        let tone = match status {
            ServiceStatus::Running => "ok",
            ServiceStatus::OperationInProgress => "busy",
            ServiceStatus::Paused | ServiceStatus::Deleted => "idle",
            ServiceStatus::CreateFailed | ServiceStatus::DeleteFailed => "failed",
            ServiceStatus::Other(_) => "unknown",
        };
        StatusShown {
            text: status.to_string(),
            tone,
            busy: *status == ServiceStatus::OperationInProgress,
            detail: None,
        }
    }
}

/// A service's status as the list shows it: an Express service's is ECS's own
/// (`ACTIVE`/`DRAINING`/`INACTIVE`) with its newest deployment's state beside it.
pub fn status_of(service: &ServiceSummary) -> StatusShown {
    let Some(express) = &service.express else {
        return StatusShown::of_status(&service.status);
    };
    // An Express listing names no status: the quick list's row waits for its description.
    if service.pending {
        return StatusShown {
            text: CHECKING.to_owned(),
            tone: "unknown",
            busy: false,
            detail: None,
        };
    }
    let deploying = express
        .deployment
        .as_ref()
        .is_some_and(|d| !d.status.is_finished());
    let (tone, busy) = match &express.status {
        ExpressStatus::Active if deploying => ("busy", true),
        ExpressStatus::Active => ("ok", false),
        ExpressStatus::Draining => ("busy", true),
        ExpressStatus::Inactive => ("idle", false),
        ExpressStatus::Other(_) => ("unknown", false),
    };
    StatusShown {
        text: express.status.to_string(),
        tone,
        busy,
        detail: express.deployment.as_ref().map(deployment_state),
    }
}

/// "deployment SUCCESSFUL", "deployment ROLLBACK_SUCCESSFUL".
pub fn deployment_state(deployment: &DeploymentBrief) -> String {
    format!("deployment {}", deployment.status)
}

/// The status the status filter and sort read: ECS's for an Express service.
pub fn status_key(service: &ServiceSummary) -> &str {
    match &service.express {
        Some(express) => express.status.as_str(),
        None => service.status.as_str(),
    }
}

/// An Express service's tracing cell: "configured" / "not configured" / "unknown", and whether
/// spans arrive ("spans arriving" / "no spans arriving in the last 15 min"; nothing when X-Ray
/// could not be asked).
pub fn tracing_facts(express: &ExpressSummary) -> (String, Option<String>) {
    let setup = express
        .setup
        .as_ref()
        .map_or("unknown", |setup| setup.state.label());
    let arrival = express.spans.as_ref().map(|spans| {
        if spans.arriving {
            "spans arriving".to_owned()
        } else {
            format!(
                "no spans arriving in the last {} min",
                (spans.window_seconds / 60).max(1)
            )
        }
    });
    (setup.to_owned(), arrival)
}

/// Whether X-Ray received nothing of the service lately (shown as a warning: for a configured
/// service, the trap).
pub fn spans_silent(express: &ExpressSummary) -> bool {
    express.spans.as_ref().is_some_and(|spans| !spans.arriving)
}

/// Both facts as one line: "configured, no spans arriving in the last 15 min".
pub fn tracing_text(express: &ExpressSummary) -> String {
    match tracing_facts(express) {
        (setup, Some(arrival)) => format!("{setup}, {arrival}"),
        (setup, None) => setup,
    }
}

/// The tracing column's order: unknown, off, set up but silent (the trap), sending.
pub fn tracing_rank(service: &ServiceSummary) -> u8 {
    if let Some(express) = &service.express {
        let arriving = express.spans.as_ref().map(|s| s.arriving);
        let state = express.setup.as_ref().map(|s| s.state);
        use shared::api::SetupState::{Configured, NotConfigured};
        return match (arriving, state) {
            (Some(true), _) => 3,
            (_, Some(Configured)) => 2,
            (_, Some(NotConfigured)) => 1,
            _ => 0,
        };
    }
    match &service.tracing {
        None => 0,
        Some(tracing) if !tracing.enabled => 1,
        Some(_) => 3,
    }
}

/// ECS's task size: "0.5 vCPU, 1 GB" from `cpu` units (1024 a vCPU) and `memory` MiB.
pub fn cpu_memory(cpu: Option<&str>, memory: Option<&str>) -> Option<String> {
    let number = |text: Option<&str>| text.and_then(|t| t.trim().parse::<f64>().ok());
    let cpu = number(cpu).map(|units| format!("{} vCPU", trimmed(units / 1024.0)));
    let memory = number(memory).map(|mib| {
        if mib >= 1024.0 {
            format!("{} GB", trimmed(mib / 1024.0))
        } else {
            format!("{} MB", trimmed(mib))
        }
    });
    match (cpu, memory) {
        (Some(cpu), Some(memory)) => Some(format!("{cpu}, {memory}")),
        (one, other) => one.or(other),
    }
}

fn trimmed(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// "1 to 20 tasks, keeping AVERAGE_CPU at 60".
pub fn scaling_text(scaling: &Scaling) -> String {
    let count = |n: Option<i32>| n.map_or("?".to_owned(), |n| n.to_string());
    let tasks = format!(
        "{} to {} tasks",
        count(scaling.min_tasks),
        count(scaling.max_tasks)
    );
    match (&scaling.metric, scaling.target_value) {
        (Some(metric), Some(target)) => format!("{tasks}, keeping {metric} at {target}"),
        (Some(metric), None) => format!("{tasks}, on {metric}"),
        _ => tasks,
    }
}

/// A deployment's times and reason as the page's table shows them.
pub fn deployment_outcome(deployment: &DeploymentBrief) -> &'static str {
    match &deployment.status {
        DeploymentStatus::Successful => "ok",
        status if status.rolled_back() => "failed",
        DeploymentStatus::Stopped => "failed",
        status if !status.is_finished() => "busy",
        _ => "unknown",
    }
}

/// The traces filter of a service-map node: `service(id(name: "search", type: "AWS::ECS::Fargate"))`.
pub fn node_filter(node: &NodeRef) -> String {
    let quoted = |text: &str| text.replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        "service(id(name: \"{}\", type: \"{}\"))",
        quoted(&node.name),
        quoted(&node.node_type)
    )
}

#[cfg(test)]
#[path = "express_tests.rs"]
pub(crate) mod tests;
