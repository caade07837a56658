//! Transaction Search's two account settings (per region): where trace segments go
//! (Get/UpdateTraceSegmentDestination: `XRay`, or `CloudWatchLogs` = every span in `aws/spans`)
//! and which share of traces X-Ray indexes (Get/UpdateIndexingRules, the rule `Default` with a
//! probabilistic percentage). A change of destination is `PENDING` for a while before it is
//! `ACTIVE` and takes effect; the indexing share applies at once.
//!
//! Indexing is decided per trace, from its id alone (a hash), so every segment and span of a
//! trace — sent in any order, through any endpoint — is indexed together or not at all.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::{Value, json};

use super::XRay;
use crate::protocol::{AwsError, AwsResult};

pub(crate) const RULE_NAME: &str = "Default";
/// AWS's default (and free) share.
pub const DEFAULT_INDEXING_PERCENT: f64 = 1.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Destination {
    XRay,
    CloudWatchLogs,
}

impl Destination {
    fn parse(text: &str) -> AwsResult<Self> {
        match text {
            "XRay" => Ok(Self::XRay),
            "CloudWatchLogs" => Ok(Self::CloudWatchLogs),
            other => Err(AwsError::invalid_request(format!(
                "Destination must be XRay or CloudWatchLogs, got {other:?}"
            ))),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Self::XRay => "XRay",
            Self::CloudWatchLogs => "CloudWatchLogs",
        }
    }
}

/// Where a region's segments go right now.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Mode {
    XRay,
    /// Every span to `aws/spans`; traces whose id falls in the share to X-Ray too.
    Spans {
        indexing_percent: f64,
    },
}

/// How an emulator starts: Transaction Search on or off, and how long changes take.
#[derive(Clone, Debug)]
pub struct TransactionSearchOptions {
    /// `Some(percent)`: every region starts with destination `CloudWatchLogs` (ACTIVE) and
    /// this indexing share.
    pub enabled_with_percent: Option<f64>,
    /// How long a destination change stays PENDING (and, elsewhere, how long retrievals and
    /// Logs Insights queries take).
    pub async_seconds: f64,
}

impl Default for TransactionSearchOptions {
    fn default() -> Self {
        Self {
            enabled_with_percent: None,
            async_seconds: 2.0,
        }
    }
}

struct RegionSetting {
    active: Destination,
    /// A change not yet in effect: the destination and when it becomes ACTIVE.
    pending: Option<(Destination, f64)>,
    percent: f64,
    rule_modified: f64,
    /// `aws/spans` exists once the destination has been CloudWatchLogs.
    log_group: bool,
}

pub(crate) struct Settings {
    options: TransactionSearchOptions,
    regions: HashMap<String, RegionSetting>,
}

impl Settings {
    pub fn new(options: TransactionSearchOptions) -> Self {
        Self {
            options,
            regions: HashMap::new(),
        }
    }

    pub fn async_seconds(&self) -> f64 {
        self.options.async_seconds
    }

    fn region(&mut self, region: &str, now: f64) -> &mut RegionSetting {
        let enabled = self.options.enabled_with_percent;
        let setting = self
            .regions
            .entry(region.to_owned())
            .or_insert_with(|| RegionSetting {
                active: match enabled {
                    Some(_) => Destination::CloudWatchLogs,
                    None => Destination::XRay,
                },
                pending: None,
                percent: enabled.unwrap_or(DEFAULT_INDEXING_PERCENT),
                rule_modified: now,
                log_group: enabled.is_some(),
            });
        if let Some((destination, ready_at)) = setting.pending
            && now >= ready_at
        {
            setting.active = destination;
            setting.pending = None;
            setting.log_group |= destination == Destination::CloudWatchLogs;
        }
        setting
    }

    pub fn mode(&mut self, region: &str, now: f64) -> Mode {
        let setting = self.region(region, now);
        match setting.active {
            Destination::XRay => Mode::XRay,
            Destination::CloudWatchLogs => Mode::Spans {
                indexing_percent: setting.percent,
            },
        }
    }

    pub fn log_group_exists(&mut self, region: &str, now: f64) -> bool {
        self.region(region, now).log_group
    }
}

/// Whether X-Ray indexes the trace `trace_id` (X-Ray or W3C form) at `percent`.
pub(crate) fn indexed(trace_id: &str, percent: f64) -> bool {
    let key = crate::spans::w3c_trace_id(trace_id);
    // FNV-1a, stable across runs and platforms (unlike the standard library's hasher), then
    // MurmurHash3's finalizer: ids that differ only in their last digits spread over the range.
    let mut hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    hash ^= hash >> 33;
    let share = (hash >> 11) as f64 / (1_u64 << 53) as f64;
    share * 100.0 < percent
}

fn destination_json(setting: &RegionSetting) -> Value {
    let (destination, status) = match setting.pending {
        Some((destination, _)) => (destination, "PENDING"),
        None => (setting.active, "ACTIVE"),
    };
    json!({"Destination": destination.as_str(), "Status": status})
}

fn rule_json(setting: &RegionSetting) -> Value {
    json!({
        "Name": RULE_NAME,
        "ModifiedAt": setting.rule_modified,
        "Rule": {"Probabilistic": {
            "DesiredSamplingPercentage": setting.percent,
            "ActualSamplingPercentage": setting.percent,
        }},
    })
}

pub(crate) fn get_destination(xray: &XRay, region: &str) -> AwsResult<Value> {
    let now = xray.now();
    xray.with_settings(|s| Ok(destination_json(s.region(region, now))))
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct UpdateDestinationInput {
    destination: Option<String>,
}

pub(crate) fn update_destination(
    xray: &XRay,
    region: &str,
    input: UpdateDestinationInput,
) -> AwsResult<Value> {
    let wanted = Destination::parse(
        input
            .destination
            .as_deref()
            .ok_or_else(|| AwsError::invalid_request("Destination is required"))?,
    )?;
    let now = xray.now();
    xray.with_settings(|s| {
        let delay = s.async_seconds();
        let setting = s.region(region, now);
        let current = setting.pending.map_or(setting.active, |(d, _)| d);
        if current != wanted {
            setting.pending = (wanted != setting.active).then_some((wanted, now + delay));
        }
        Ok(destination_json(setting))
    })
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct GetIndexingRulesInput {
    next_token: Option<String>,
}

pub(crate) fn get_indexing_rules(
    xray: &XRay,
    region: &str,
    input: GetIndexingRulesInput,
) -> AwsResult<Value> {
    if input.next_token.is_some() {
        return Err(AwsError::invalid_request(
            "The NextToken is invalid or expired (the one rule fits one page).",
        ));
    }
    let now = xray.now();
    xray.with_settings(|s| Ok(json!({"IndexingRules": [rule_json(s.region(region, now))]})))
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct UpdateIndexingRuleInput {
    name: Option<String>,
    rule: Option<Value>,
}

pub(crate) fn update_indexing_rule(
    xray: &XRay,
    region: &str,
    input: UpdateIndexingRuleInput,
) -> AwsResult<Value> {
    let name = input
        .name
        .ok_or_else(|| AwsError::invalid_request("Name is required"))?;
    let percent = probabilistic_percent(input.rule.as_ref())?;
    if name != RULE_NAME {
        return Err(AwsError::not_found(format!(
            "Indexing rule {name} not found; the account has one rule, {RULE_NAME}"
        ))
        .with_members(json!({"ResourceName": name})));
    }
    let now = xray.now();
    xray.with_settings(|s| {
        let setting = s.region(region, now);
        setting.percent = percent;
        setting.rule_modified = now;
        Ok(json!({"IndexingRule": rule_json(setting)}))
    })
}

/// `{"Probabilistic": {"DesiredSamplingPercentage": N}}` with N a percentage.
fn probabilistic_percent(rule: Option<&Value>) -> AwsResult<f64> {
    let rule = rule.ok_or_else(|| AwsError::invalid_request("Rule is required"))?;
    let percent = rule
        .pointer("/Probabilistic/DesiredSamplingPercentage")
        .and_then(Value::as_f64)
        .ok_or_else(|| {
            AwsError::invalid_request(
                "Rule must be {\"Probabilistic\": {\"DesiredSamplingPercentage\": <0-100>}}",
            )
        })?;
    if !(0.0..=100.0).contains(&percent) {
        return Err(AwsError::invalid_request(format!(
            "DesiredSamplingPercentage must be between 0 and 100, got {percent}"
        )));
    }
    Ok(percent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexing_is_decided_by_the_trace_id_alone() {
        let ids: Vec<String> = (0..20_000_u32)
            .map(|i| {
                format!(
                    "1-6553f100-{:024x}",
                    u128::from(i).wrapping_mul(0x9e37_79b9_7f4a_7c15)
                )
            })
            .collect();
        let share = |percent: f64| ids.iter().filter(|id| indexed(id, percent)).count();
        let one = share(1.0);
        assert!((120..=280).contains(&one), "about 1 % of 20,000: {one}");
        assert_eq!(share(0.0), 0);
        assert_eq!(share(100.0), ids.len());
        let id = &ids[7];
        assert_eq!(
            indexed(id, 37.0),
            indexed(&crate::spans::w3c_trace_id(id), 37.0),
            "either form of the id"
        );
        // A trace indexed at a share stays indexed at any larger one.
        for id in ids.iter().filter(|id| indexed(id, 1.0)) {
            assert!(indexed(id, 5.0));
        }
    }

    #[test]
    fn a_destination_change_is_pending_then_active() {
        let mut settings = Settings::new(TransactionSearchOptions {
            enabled_with_percent: None,
            async_seconds: 10.0,
        });
        assert_eq!(settings.mode("r", 0.0), Mode::XRay);
        assert!(!settings.log_group_exists("r", 0.0));
        let setting = settings.region("r", 0.0);
        setting.pending = Some((Destination::CloudWatchLogs, 10.0));
        assert_eq!(destination_json(setting)["Status"], "PENDING");
        assert_eq!(settings.mode("r", 9.0), Mode::XRay, "not yet in effect");
        assert_eq!(
            settings.mode("r", 10.0),
            Mode::Spans {
                indexing_percent: 1.0
            }
        );
        assert!(settings.log_group_exists("r", 10.0));
        assert_eq!(
            destination_json(settings.region("r", 10.0))["Status"],
            "ACTIVE"
        );
    }

    #[test]
    fn check_rules() {
        let check = |rule: Value, expect: Result<f64, ()>| {
            assert_eq!(
                probabilistic_percent(Some(&rule)).map_err(drop),
                expect,
                "{rule}"
            );
        };
        check(
            json!({"Probabilistic": {"DesiredSamplingPercentage": 5}}),
            Ok(5.0),
        );
        check(
            json!({"Probabilistic": {"DesiredSamplingPercentage": 100.0}}),
            Ok(100.0),
        );
        check(
            json!({"Probabilistic": {"DesiredSamplingPercentage": 101}}),
            Err(()),
        );
        check(json!({"Probabilistic": {}}), Err(()));
        check(json!({"Other": 1}), Err(()));
    }
}
