//! Centralized sampling: GetSamplingRules and GetSamplingTargets, which the X-Ray SDKs (through
//! the daemon's TCP port) and OpenTelemetry's X-Ray remote sampler poll to decide which requests
//! to trace.
//!
//! The emulator serves one rule, `Default`, that samples every request. AWS's own `Default`
//! rule traces the first request each second and 5 % of the rest, which suits a fleet; a
//! developer tracing an app before deploying it wants to see every request.

use serde::Deserialize;
use serde_json::{Value, json};

use super::XRay;
use crate::DEFAULT_ACCOUNT_ID;
use crate::protocol::{AwsError, AwsResult};

const RULE_NAME: &str = "Default";
/// Requests each second the rule's reservoir takes before its fixed rate applies.
const RESERVOIR: u32 = 1;
const FIXED_RATE: f64 = 1.0;
/// How often samplers should ask for new targets, in seconds (AWS answers 10).
const TARGET_INTERVAL: u32 = 10;
/// When the rule was made: the emulator's rule never changes, so any fixed time will do.
const RULE_CREATED: f64 = 1_704_067_200.0;

#[derive(Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct GetSamplingRulesInput {
    #[allow(dead_code)] // accepted as AWS does; one rule fits one page
    next_token: Option<String>,
}

pub(crate) fn get_sampling_rules(
    _xray: &XRay,
    region: &str,
    _input: GetSamplingRulesInput,
) -> AwsResult<Value> {
    Ok(json!({
        "SamplingRuleRecords": [{
            "SamplingRule": {
                "RuleName": RULE_NAME,
                "RuleARN": format!("arn:aws:xray:{region}:{DEFAULT_ACCOUNT_ID}:sampling-rule/{RULE_NAME}"),
                "ResourceARN": "*",
                "Priority": 10000,
                "FixedRate": FIXED_RATE,
                "ReservoirSize": RESERVOIR,
                "ServiceName": "*",
                "ServiceType": "*",
                "Host": "*",
                "HTTPMethod": "*",
                "URLPath": "*",
                "Version": 1,
                "Attributes": {}
            },
            "CreatedAt": RULE_CREATED,
            "ModifiedAt": RULE_CREATED
        }]
    }))
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct GetSamplingTargetsInput {
    sampling_statistics_documents: Option<Vec<StatisticsDocument>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct StatisticsDocument {
    rule_name: String,
    #[serde(rename = "ClientID")]
    client_id: String,
    request_count: i64,
    sampled_count: i64,
    #[serde(default)]
    borrow_count: i64,
}

pub(crate) fn get_sampling_targets(
    xray: &XRay,
    _region: &str,
    input: GetSamplingTargetsInput,
) -> AwsResult<Value> {
    let documents = input
        .sampling_statistics_documents
        .ok_or_else(|| AwsError::invalid_request("SamplingStatisticsDocuments is required"))?;
    if documents.len() > 25 {
        return Err(AwsError::invalid_request(format!(
            "SamplingStatisticsDocuments holds {} documents; at most 25 are accepted",
            documents.len()
        )));
    }
    let mut targets = Vec::new();
    let mut unprocessed = Vec::new();
    for document in documents {
        if document.client_id.len() != 24 {
            return Err(AwsError::invalid_request(format!(
                "ClientID must be 24 characters, got {:?}",
                document.client_id
            )));
        }
        if [
            document.request_count,
            document.sampled_count,
            document.borrow_count,
        ]
        .iter()
        .any(|count| *count < 0)
        {
            return Err(AwsError::invalid_request("counts must not be negative"));
        }
        if document.rule_name == RULE_NAME {
            targets.push(json!({
                "RuleName": RULE_NAME,
                "FixedRate": FIXED_RATE,
                "ReservoirQuota": RESERVOIR,
                "ReservoirQuotaTTL": xray.now() + f64::from(TARGET_INTERVAL) * 3.0,
                "Interval": TARGET_INTERVAL
            }));
        } else {
            unprocessed.push(json!({
                "RuleName": document.rule_name,
                "ErrorCode": "400",
                "Message": format!("no sampling rule is named {:?}", document.rule_name)
            }));
        }
    }
    Ok(json!({
        "SamplingTargetDocuments": targets,
        "LastRuleModification": RULE_CREATED,
        "UnprocessedStatistics": unprocessed
    }))
}
