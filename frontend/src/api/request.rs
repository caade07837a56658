//! What each route is asked, as types: a page says which window, filter or node it wants, and
//! only this module names the query parameters the backend reads.

use crate::model::ViewQuery;
use crate::model::map::Entity;

/// `GET /traces`: one page of trace summaries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TracesRequest {
    /// The time range and region.
    pub view: ViewQuery,
    /// An X-Ray filter expression; blank for every trace.
    pub filter: String,
    /// Where the previous page ended; `None` for the first page.
    pub cursor: Option<String>,
    /// With a first page, every matching trace of the window as a point (the counts and plot).
    pub overview: bool,
    /// X-Ray's index, or every span (an all-spans search, which has no pages or overview).
    pub source: shared::api::TraceSource,
}

/// `GET /map`: the service graph of the window, of one X-Ray group or of all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapRequest {
    pub view: ViewQuery,
    pub group: Option<String>,
}

/// `GET /map/timeseries`: one node's or edge's statistics over the map's window.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesRequest {
    pub map: MapRequest,
    pub of: Entity,
}

/// One trace (`GET /traces/{id}` and the routes below it): its id and region.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceSource {
    pub id: String,
    pub region: Option<String>,
}

/// `GET /transaction-search`: the mode of one region (the backend's default when `None`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModeRequest {
    pub region: Option<String>,
}

/// `GET /traces/{id}/retrieval`: reading a trace X-Ray did not index from every span.
#[derive(Debug, Clone, PartialEq)]
pub struct RetrievalRequest {
    pub trace: TraceSource,
    /// Start over after a retrieval that ended without the trace.
    pub retry: bool,
}

/// A request's query parameters, in the order they are sent.
pub trait QueryPairs {
    fn query_pairs(&self) -> Vec<(&'static str, String)>;
}

impl QueryPairs for ViewQuery {
    fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = self.range.to_pairs();
        pairs.extend(self.region.clone().map(|region| ("region", region)));
        pairs
    }
}

impl QueryPairs for TracesRequest {
    fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = self.view.query_pairs();
        let filter = self.filter.trim();
        if !filter.is_empty() {
            pairs.push(("filter", filter.to_owned()));
        }
        if self.source == shared::api::TraceSource::Spans {
            pairs.push(("source", "spans".to_owned()));
            return pairs;
        }
        pairs.extend(self.cursor.clone().map(|cursor| ("cursor", cursor)));
        if self.overview && self.cursor.is_none() {
            pairs.push(("overview", "1".to_owned()));
        }
        pairs
    }
}

impl QueryPairs for MapRequest {
    fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = self.view.query_pairs();
        pairs.extend(self.group.clone().map(|group| ("group", group)));
        pairs
    }
}

impl QueryPairs for SeriesRequest {
    fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = self.map.query_pairs();
        match &self.of {
            Entity::Node { name, node_type } => {
                pairs.push(("node", name.clone()));
                pairs.push(("type", node_type.clone()));
            }
            Entity::Edge { source, target } => {
                pairs.push(("source", source.clone()));
                pairs.push(("target", target.clone()));
            }
        }
        pairs
    }
}

impl QueryPairs for TraceSource {
    fn query_pairs(&self) -> Vec<(&'static str, String)> {
        self.region
            .clone()
            .map(|region| ("region", region))
            .into_iter()
            .collect()
    }
}

impl QueryPairs for ModeRequest {
    fn query_pairs(&self) -> Vec<(&'static str, String)> {
        self.region
            .clone()
            .map(|region| ("region", region))
            .into_iter()
            .collect()
    }
}

impl QueryPairs for RetrievalRequest {
    fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = self.trace.query_pairs();
        if self.retry {
            pairs.push(("retry", "true".to_owned()));
        }
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TimeRange;

    fn check(request: &dyn QueryPairs, expect: &[(&str, &str)]) {
        let expect: Vec<(&str, String)> =
            expect.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
        assert_eq!(request.query_pairs(), expect);
    }

    fn view(region: Option<&str>) -> ViewQuery {
        ViewQuery {
            range: TimeRange::Relative { seconds: 3600 },
            region: region.map(str::to_owned),
        }
    }

    #[test]
    fn trace_searches_send_the_window_filter_and_cursor_when_set() {
        check(&TracesRequest::default(), &[("window", "15m")]);
        check(
            &TracesRequest {
                view: view(Some("eu-west-1")),
                filter: "  ".into(),
                cursor: None,
                overview: true,
                ..TracesRequest::default()
            },
            &[("window", "1h"), ("region", "eu-west-1"), ("overview", "1")],
        );
        // An all-spans search has neither pages nor an overview.
        check(
            &TracesRequest {
                view: view(None),
                filter: "fault".into(),
                cursor: Some("c1".into()),
                overview: true,
                source: shared::api::TraceSource::Spans,
            },
            &[("window", "1h"), ("filter", "fault"), ("source", "spans")],
        );
        check(
            &TracesRequest {
                view: ViewQuery {
                    range: TimeRange::Absolute { start: 10, end: 70 },
                    region: None,
                },
                filter: " http.status = 500 ".into(),
                cursor: Some("c1".into()),
                // A cursor's page never carries the overview.
                overview: true,
                ..TracesRequest::default()
            },
            &[
                ("start", "10"),
                ("end", "70"),
                ("filter", "http.status = 500"),
                ("cursor", "c1"),
            ],
        );
    }

    #[test]
    fn maps_and_series_send_the_group_and_the_node_or_edge() {
        let map = MapRequest {
            view: view(None),
            group: Some("large-100".into()),
        };
        check(&map, &[("window", "1h"), ("group", "large-100")]);
        let node = SeriesRequest {
            map: map.clone(),
            of: Entity::Node {
                name: "movies_app".into(),
                node_type: "AWS::AppRunner::Service".into(),
            },
        };
        check(
            &node,
            &[
                ("window", "1h"),
                ("group", "large-100"),
                ("node", "movies_app"),
                ("type", "AWS::AppRunner::Service"),
            ],
        );
        let edge = SeriesRequest {
            map: MapRequest::default(),
            of: Entity::Edge {
                source: "a".into(),
                target: "b".into(),
            },
        };
        check(
            &edge,
            &[("window", "15m"), ("source", "a"), ("target", "b")],
        );
        let trace = TraceSource {
            id: "1-a-b".into(),
            region: Some("us-east-1".into()),
        };
        check(&trace, &[("region", "us-east-1")]);
        check(
            &RetrievalRequest {
                trace: trace.clone(),
                retry: false,
            },
            &[("region", "us-east-1")],
        );
        check(
            &RetrievalRequest { trace, retry: true },
            &[("region", "us-east-1"), ("retry", "true")],
        );
        check(&ModeRequest::default(), &[]);
        check(
            &ModeRequest {
                region: Some("eu-west-1".into()),
            },
            &[("region", "eu-west-1")],
        );
    }
}
