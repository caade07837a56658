//! App Runner operations (`OperationSummary`): what a tracing change is tracked by.

use serde::{Deserialize, Serialize};

use super::aws_enum::aws_enum;

aws_enum! {
    /// `OperationSummary.Type`.
    OperationKind {
        StartDeployment => "START_DEPLOYMENT",
        CreateService => "CREATE_SERVICE",
        PauseService => "PAUSE_SERVICE",
        ResumeService => "RESUME_SERVICE",
        DeleteService => "DELETE_SERVICE",
        UpdateService => "UPDATE_SERVICE",
    }
}

aws_enum! {
    /// `OperationSummary.Status`.
    OperationStatus {
        Pending => "PENDING",
        InProgress => "IN_PROGRESS",
        Failed => "FAILED",
        Succeeded => "SUCCEEDED",
        RollbackInProgress => "ROLLBACK_IN_PROGRESS",
        RollbackFailed => "ROLLBACK_FAILED",
        RollbackSucceeded => "ROLLBACK_SUCCEEDED",
    }
}

impl OperationStatus {
    /// Whether the operation has reached an end state. An unknown status counts as unfinished,
    /// so a poller keeps going until it sees a status it understands (or its own timeout).
    pub fn is_finished(&self) -> bool {
        matches!(
            self,
            Self::Failed | Self::Succeeded | Self::RollbackFailed | Self::RollbackSucceeded
        )
    }

    /// Whether the change took effect. `ROLLBACK_SUCCEEDED` is a failed change that was undone.
    pub fn succeeded(&self) -> bool {
        matches!(self, Self::Succeeded)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    pub id: String,
    pub kind: OperationKind,
    pub status: OperationStatus,
    #[serde(default)]
    pub target_arn: Option<String>,
    /// Epoch seconds.
    #[serde(default)]
    pub started_at: Option<f64>,
    /// Epoch seconds; absent while the operation runs.
    #[serde(default)]
    pub ended_at: Option<f64>,
    /// Epoch seconds.
    #[serde(default)]
    pub updated_at: Option<f64>,
}
