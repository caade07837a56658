//! `GET /api/v1/groups`: X-Ray groups, named filter expressions the map can be drawn for.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub name: String,
    #[serde(default)]
    pub arn: Option<String>,
    /// `None` for the `Default` group, which matches every trace.
    #[serde(default)]
    pub filter_expression: Option<String>,
}
