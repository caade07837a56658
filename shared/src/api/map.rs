//! `GET /api/v1/map`: X-Ray's service graph with derived statistics.

use serde::{Deserialize, Serialize};

use super::statistics::{Derived, HistogramBin, Stats};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ServiceMap {
    /// Epoch seconds.
    pub start: f64,
    /// Epoch seconds.
    pub end: f64,
    pub nodes: Vec<MapNode>,
    pub edges: Vec<MapEdge>,
    /// The group's filter changed within the window, so part of the map used the old one.
    #[serde(default)]
    pub contains_old_group_versions: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapNode {
    /// X-Ray's `ReferenceId`, unique within one map.
    pub id: i32,
    pub name: String,
    #[serde(default)]
    pub names: Vec<String>,
    /// The raw X-Ray type, e.g. `AWS::AppRunner::Service`, `client`, `remote`.
    pub node_type: String,
    /// What to draw, derived from `node_type` by [`NodeKind::from_node_type`].
    pub kind: NodeKind,
    #[serde(default)]
    pub account_id: Option<String>,
    /// X-Ray's `Root`: the node is an entry point of the graph.
    #[serde(default)]
    pub root: bool,
    /// X-Ray's `State`, e.g. `active` or `unknown`.
    #[serde(default)]
    pub state: Option<String>,
    pub stats: Stats,
    pub derived: Derived,
    #[serde(default)]
    pub response_time_histogram: Vec<HistogramBin>,
    #[serde(default)]
    pub duration_histogram: Vec<HistogramBin>,
}

/// A call from `source` to `target` (both [`MapNode::id`]s).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapEdge {
    pub source: i32,
    pub target: i32,
    pub stats: Stats,
    pub derived: Derived,
    /// Synchronous edges only; asynchronous ones have none.
    #[serde(default)]
    pub response_time_histogram: Vec<HistogramBin>,
    /// X-Ray's `EdgeType`; `link` marks an asynchronous edge.
    #[serde(default)]
    pub edge_type: Option<String>,
}

/// The kinds of node the map draws differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// The callers outside the traced system.
    Client,
    AppRunnerService,
    DynamoDbTable,
    Sqs,
    S3,
    SqlDatabase,
    /// An HTTP API outside AWS (X-Ray type `remote`).
    RemoteApi,
    /// Any other AWS service.
    AwsService,
    #[serde(other)]
    Other,
}

impl NodeKind {
    /// Classifies an X-Ray node type. AWS names the same resource differently depending on how
    /// it was inferred (`AWS::DynamoDB::Table` from a segment, `AWS::DynamoDB` from a subsegment),
    /// so the match is on the service part.
    pub fn from_node_type(node_type: &str) -> Self {
        let lower = node_type.to_ascii_lowercase();
        let mut parts = lower.split("::");
        match (parts.next(), parts.next()) {
            (Some("client"), None) => Self::Client,
            (Some("remote"), None) => Self::RemoteApi,
            (Some("database"), Some("sql")) => Self::SqlDatabase,
            (Some("aws"), Some("apprunner")) => Self::AppRunnerService,
            (Some("aws"), Some("dynamodb")) => Self::DynamoDbTable,
            (Some("aws"), Some("sqs")) => Self::Sqs,
            (Some("aws"), Some("s3")) => Self::S3,
            (Some("aws"), Some("rds")) => Self::SqlDatabase,
            (Some("aws"), Some(_)) => Self::AwsService,
            _ => Self::Other,
        }
    }
}
