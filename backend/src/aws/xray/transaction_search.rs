//! A region's Transaction Search mode: GetTraceSegmentDestination and GetIndexingRules (its
//! pages followed by hand, with a bound: botocore defines no paginator for it).

use aws_sdk_xray::types::IndexingRuleValue;
use shared::api::{DestinationStatus, TraceSegmentDestination, TransactionSearch};

use crate::aws::UpstreamResult;
use crate::aws::error::UpstreamError;
use crate::aws::limiter::Limiter;

/// The rule AWS creates and the only one Transaction Search's documentation uses.
const DEFAULT_RULE: &str = "Default";
/// An account has at most 10 indexing rules, all on one page; this only stops a token that
/// never ends.
const MAX_PAGES: usize = 5;

pub async fn mode(
    client: &aws_sdk_xray::Client,
    region: &str,
    limiter: &Limiter,
) -> UpstreamResult<TransactionSearch> {
    let destination = limiter
        .run(client.get_trace_segment_destination().send())
        .await
        .map_err(|e| UpstreamError::from_sdk("xray:GetTraceSegmentDestination", region, e))?;
    let mut percent = None;
    let mut next_token = None;
    for _ in 0..MAX_PAGES {
        let page = limiter
            .run(
                client
                    .get_indexing_rules()
                    .set_next_token(next_token.take())
                    .send(),
            )
            .await
            .map_err(|e| UpstreamError::from_sdk("xray:GetIndexingRules", region, e))?;
        let rules = page.indexing_rules();
        let rule = rules
            .iter()
            .find(|r| r.name() == Some(DEFAULT_RULE))
            .or_else(|| rules.first());
        if let Some(IndexingRuleValue::Probabilistic(p)) = rule.and_then(|r| r.rule()) {
            percent = percent.or(Some(
                p.actual_sampling_percentage()
                    .unwrap_or(p.desired_sampling_percentage()),
            ));
        }
        next_token = page.next_token().map(str::to_owned);
        if next_token.is_none() || percent.is_some() {
            break;
        }
    }
    let status = destination.status().map_or(DestinationStatus::Active, |s| {
        DestinationStatus::from(s.as_str())
    });
    let destination = destination
        .destination()
        .map_or(TraceSegmentDestination::XRay, |d| {
            TraceSegmentDestination::from(d.as_str())
        });
    Ok(TransactionSearch {
        region: region.to_owned(),
        all_spans: destination == TraceSegmentDestination::CloudWatchLogs
            && status == DestinationStatus::Active,
        destination,
        status,
        indexing_percent: percent,
    })
}
