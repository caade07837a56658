//! X-Ray groups: a name for a filter expression. Every region has the `Default` group (no
//! filter); CreateGroup validates the expression as GetTraceSummaries would evaluate it.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::{Value, json};
use shared::filter::{Expr, GroupBy};

use super::XRay;
use super::eval_check::{GroupLookup, parse_filter};
use crate::DEFAULT_ACCOUNT_ID;
use crate::protocol::{AwsError, AwsResult, page};

pub(crate) const DEFAULT_GROUP: &str = "Default";
const PAGE_SIZE: usize = 50;

#[derive(Clone, Debug)]
pub(crate) struct Group {
    pub name: String,
    pub arn: String,
    pub filter: Option<String>,
    pub insights: Value,
}

impl Group {
    fn to_json(&self) -> Value {
        let mut group = json!({"GroupName": self.name, "GroupARN": self.arn, "InsightsConfiguration": self.insights});
        if let Some(filter) = &self.filter {
            group["FilterExpression"] = json!(filter);
        }
        group
    }
}

#[derive(Default)]
pub(crate) struct Groups {
    regions: HashMap<String, Vec<Group>>,
}

impl Groups {
    fn region(&mut self, region: &str) -> &mut Vec<Group> {
        self.regions.entry(region.to_owned()).or_insert_with(|| {
            vec![Group {
                name: DEFAULT_GROUP.into(),
                arn: format!("arn:aws:xray:{region}:{DEFAULT_ACCOUNT_ID}:group/{DEFAULT_GROUP}"),
                filter: None,
                insights: json!({"InsightsEnabled": false, "NotificationsEnabled": false}),
            }]
        })
    }

    pub fn find(&mut self, region: &str, by: GroupBy, value: &str) -> Option<Group> {
        self.region(region)
            .iter()
            .find(|g| match by {
                GroupBy::Name => g.name == value,
                GroupBy::Arn => g.arn == value,
            })
            .cloned()
    }
}

/// Resolves `group.name`/`group.arn` in a region, for the evaluator.
pub(crate) fn lookup<'a>(xray: &'a XRay, region: &'a str) -> Box<GroupLookup<'a>> {
    Box::new(move |by: GroupBy, value: &str| {
        let group = xray
            .with_groups(|g| g.find(region, by, value))
            .ok_or_else(|| AwsError::invalid_request(format!("Group {value:?} not found")))?;
        group
            .filter
            .map(|f| {
                shared::filter::parse(&f)
                    .map_err(|e| AwsError::invalid_request(format!("group {}: {e}", group.name)))
            })
            .transpose()
    })
}

/// The group named by `GroupName` or `GroupARN` (at most one may be given); `None` for neither.
pub(crate) fn selected(
    xray: &XRay,
    region: &str,
    name: Option<&str>,
    arn: Option<&str>,
) -> AwsResult<Option<Group>> {
    let (by, value) = match (name, arn) {
        (Some(_), Some(_)) => {
            return Err(AwsError::invalid_request(
                "Give GroupName or GroupARN, not both",
            ));
        }
        (Some(name), None) => (GroupBy::Name, name),
        (None, Some(arn)) => (GroupBy::Arn, arn),
        (None, None) => return Ok(None),
    };
    xray.with_groups(|g| g.find(region, by, value))
        .map(Some)
        .ok_or_else(|| AwsError::invalid_request(format!("Group {value:?} not found")))
}

/// The group's filter, parsed and prepared for evaluation (`None` for a group without one).
pub(crate) fn group_filter(
    xray: &XRay,
    region: &str,
    group: Option<&Group>,
) -> AwsResult<Option<Expr>> {
    match group.and_then(|g| g.filter.as_deref()) {
        Some(filter) => parse_filter(filter, &*lookup(xray, region)),
        None => Ok(None),
    }
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct GetGroupsInput {
    next_token: Option<String>,
}

pub(crate) fn get_groups(xray: &XRay, region: &str, input: GetGroupsInput) -> AwsResult<Value> {
    let groups = xray.with_groups(|g| g.region(region).clone());
    let (groups, next) = page(&groups, input.next_token.as_deref(), PAGE_SIZE)?;
    let groups: Vec<Value> = groups.iter().map(Group::to_json).collect();
    Ok(json!({"Groups": groups, "NextToken": next}))
}

#[derive(Default, Deserialize)]
pub(crate) struct GetGroupInput {
    #[serde(rename = "GroupName")]
    group_name: Option<String>,
    #[serde(rename = "GroupARN")]
    group_arn: Option<String>,
}

pub(crate) fn get_group(xray: &XRay, region: &str, input: GetGroupInput) -> AwsResult<Value> {
    let group = selected(
        xray,
        region,
        input.group_name.as_deref(),
        input.group_arn.as_deref(),
    )?
    .ok_or_else(|| AwsError::invalid_request("GroupName or GroupARN is required"))?;
    Ok(json!({"Group": group.to_json()}))
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct CreateGroupInput {
    group_name: Option<String>,
    filter_expression: Option<String>,
    insights_configuration: Option<Value>,
}

pub(crate) fn create_group(xray: &XRay, region: &str, input: CreateGroupInput) -> AwsResult<Value> {
    let name = input.group_name.unwrap_or_default();
    let valid_name = (1..=32).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !valid_name {
        return Err(AwsError::invalid_request(format!(
            "GroupName {name:?} must be 1-32 characters of letters, digits, '-' and '_'"
        )));
    }
    if name == DEFAULT_GROUP {
        return Err(AwsError::invalid_request(
            "The Default group exists in every region and cannot be created",
        ));
    }
    let filter = input.filter_expression.filter(|f| !f.trim().is_empty());
    if let Some(filter) = &filter {
        parse_filter(filter, &*lookup(xray, region))?;
    }
    let arn = format!(
        "arn:aws:xray:{region}:{DEFAULT_ACCOUNT_ID}:group/{name}/{}",
        arn_suffix(region, &name)
    );
    let group = Group {
        name,
        arn,
        filter,
        insights: input
            .insights_configuration
            .unwrap_or_else(|| json!({"InsightsEnabled": false, "NotificationsEnabled": false})),
    };
    xray.with_groups(|groups| {
        let groups = groups.region(region);
        if groups.iter().any(|g| g.name == group.name) {
            return Err(AwsError::invalid_request(format!(
                "Group {:?} already exists",
                group.name
            )));
        }
        groups.push(group.clone());
        Ok(json!({"Group": group.to_json()}))
    })
}

/// A stable 26-character id for the ARN (AWS's are random; stable ones keep runs reproducible).
fn arn_suffix(region: &str, name: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(format!("{region}/{name}").as_bytes());
    hex::encode_upper(digest)[..26].to_owned()
}
