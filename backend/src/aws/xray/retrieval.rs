//! Trace retrieval: StartTraceRetrieval, ListRetrievedTraces (format XRAY: segment documents)
//! and GetRetrievedTracesGraph. botocore defines no paginators for them, so pages are followed
//! by hand, with a bound.

use aws_sdk_xray::types::TraceFormatType;
use aws_smithy_types::DateTime;
use shared::api::{RetrievalStatus, ServiceMap};
use shared::trace::RawSegment;

use super::graph::TraceGraph;
use crate::aws::UpstreamResult;
use crate::aws::error::{ErrorKind, UpstreamError};
use crate::aws::limiter::Limiter;
use crate::aws::requests::TimeRange;

/// Five traces a page, at most 100 spans each; a trace of 10,000 spans (Transaction Search's
/// largest) takes 100 pages.
const MAX_TRACE_PAGES: usize = 120;
const MAX_GRAPH_PAGES: usize = 20;

pub async fn start(
    client: &aws_sdk_xray::Client,
    region: &str,
    trace_id: &str,
    range: TimeRange,
    limiter: &Limiter,
) -> UpstreamResult<String> {
    let action = "xray:StartTraceRetrieval";
    let answer = limiter
        .run(
            client
                .start_trace_retrieval()
                .trace_ids(trace_id)
                .start_time(DateTime::from_secs(range.start))
                .end_time(DateTime::from_secs(range.end))
                .send(),
        )
        .await
        .map_err(|e| UpstreamError::from_sdk(action, region, e))?;
    answer.retrieval_token().map(str::to_owned).ok_or_else(|| {
        UpstreamError::new(
            ErrorKind::Fault,
            action,
            region,
            "no RetrievalToken in the answer",
        )
    })
}

/// The retrieval's status and, once COMPLETE, the trace: its duration and documents (`None`
/// when the retrieval did not hold it).
pub struct Listed {
    pub status: RetrievalStatus,
    pub trace: Option<(Option<f64>, Vec<RawSegment>)>,
}

pub async fn list(
    client: &aws_sdk_xray::Client,
    region: &str,
    token: &str,
    trace_id: &str,
    limiter: &Limiter,
) -> UpstreamResult<Listed> {
    let mut listed = Listed {
        status: RetrievalStatus::Scheduled,
        trace: None,
    };
    let mut next_token = None;
    for _ in 0..MAX_TRACE_PAGES {
        let page = limiter
            .run(
                client
                    .list_retrieved_traces()
                    .retrieval_token(token)
                    .trace_format(TraceFormatType::Xray)
                    .set_next_token(next_token.take())
                    .send(),
            )
            .await
            .map_err(|e| UpstreamError::from_sdk("xray:ListRetrievedTraces", region, e))?;
        if let Some(status) = page.retrieval_status() {
            listed.status = RetrievalStatus::from(status.as_str());
        }
        // A trace longer than a page comes as several entries with its id.
        for trace in page.traces().iter().filter(|t| t.id() == Some(trace_id)) {
            let (duration, segments) = listed.trace.get_or_insert_with(|| (None, Vec::new()));
            *duration = duration.or(trace.duration());
            segments.extend(trace.spans().iter().map(|span| RawSegment {
                id: span.id().unwrap_or_default().to_owned(),
                document: span.document().unwrap_or_default().to_owned(),
            }));
        }
        next_token = page.next_token().map(str::to_owned);
        if next_token.is_none() {
            break;
        }
    }
    Ok(listed)
}

/// The retrieved trace's services and the calls between them, like GetTraceGraph's.
pub async fn graph(
    client: &aws_sdk_xray::Client,
    region: &str,
    token: &str,
    limiter: &Limiter,
) -> UpstreamResult<ServiceMap> {
    let mut graph = TraceGraph::default();
    let mut next_token = None;
    for _ in 0..MAX_GRAPH_PAGES {
        let page = limiter
            .run(
                client
                    .get_retrieved_traces_graph()
                    .retrieval_token(token)
                    .set_next_token(next_token.take())
                    .send(),
            )
            .await
            .map_err(|e| UpstreamError::from_sdk("xray:GetRetrievedTracesGraph", region, e))?;
        for service in page.services().iter().filter_map(|s| s.service()) {
            graph.add(service);
        }
        next_token = page.next_token().map(str::to_owned);
        if next_token.is_none() {
            break;
        }
    }
    Ok(graph.map)
}
