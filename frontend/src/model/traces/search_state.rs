//! The trace search's part of the URL: the raw filter expression (`filter=`, which the map view
//! also links to), the table's sort (`sort=`, `-` first for descending) and where the traces come
//! from (`source=spans`: every span, with Transaction Search; X-Ray's index otherwise). The
//! refiner controls are derived from the expression, so the two can never disagree.

use std::cmp::Ordering;

use shared::api::{TraceSource, TraceSummary};
use shared::filter::{BuildError, Refiners, parse_optional};

use crate::model::url_state::UrlState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Start,
    Method,
    Url,
    Status,
    ResponseTime,
    Duration,
}

impl SortKey {
    pub const ALL: [SortKey; 6] = [
        SortKey::Start,
        SortKey::Method,
        SortKey::Url,
        SortKey::Status,
        SortKey::ResponseTime,
        SortKey::Duration,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SortKey::Start => "start",
            SortKey::Method => "method",
            SortKey::Url => "url",
            SortKey::Status => "status",
            SortKey::ResponseTime => "response",
            SortKey::Duration => "duration",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchState {
    /// As typed; blank means no filter.
    pub filter: String,
    pub sort: SortKey,
    pub descending: bool,
    pub source: TraceSource,
}

impl UrlState for SearchState {
    const KEYS: &'static [&'static str] = &["filter", "sort", "source"];

    /// An unknown sort falls back to the default (newest first), an unknown source to X-Ray's
    /// index.
    fn parse<K: AsRef<str>, V: AsRef<str>>(pairs: impl IntoIterator<Item = (K, V)>) -> Self {
        let mut state = SearchState {
            descending: true,
            ..Self::default()
        };
        for (key, value) in pairs {
            match key.as_ref() {
                "filter" => state.filter = value.as_ref().to_owned(),
                "source" if value.as_ref() == "spans" => state.source = TraceSource::Spans,
                "sort" => {
                    let value = value.as_ref();
                    let (descending, name) = match value.strip_prefix('-') {
                        Some(name) => (true, name),
                        None => (false, value),
                    };
                    if let Some(key) = SortKey::ALL.into_iter().find(|key| key.name() == name) {
                        state.sort = key;
                        state.descending = descending;
                    }
                }
                _ => {}
            }
        }
        state
    }

    /// The default sort and an empty filter are left out so plain links stay short.
    fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        if !self.filter.trim().is_empty() {
            pairs.push(("filter".to_owned(), self.filter.clone()));
        }
        if self.sort != SortKey::Start || !self.descending {
            let sign = if self.descending { "-" } else { "" };
            pairs.push(("sort".to_owned(), format!("{sign}{}", self.sort.name())));
        }
        if self.source == TraceSource::Spans {
            pairs.push(("source".to_owned(), "spans".to_owned()));
        }
        pairs
    }
}

impl SearchState {
    /// The refiners the expression is made of: `None` when it does not parse or holds more
    /// than they can show (the controls then step aside for the raw box).
    pub fn refiners(&self) -> Option<Refiners> {
        match parse_optional(&self.filter) {
            Ok(None) => Some(Refiners::default()),
            Ok(Some(expr)) => Refiners::from_expr(&expr),
            Err(_) => None,
        }
    }

    /// The state with its filter replaced by what `refiners` stand for.
    ///
    /// # Errors
    /// A refiner value no expression can carry (a quote in a URL, a negative time…).
    pub fn with_refiners(&self, refiners: &Refiners) -> Result<Self, BuildError> {
        let filter = refiners
            .to_expr()?
            .map(|expr| expr.to_string())
            .unwrap_or_default();
        Ok(SearchState {
            filter,
            ..self.clone()
        })
    }

    /// Sorted by `key`; choosing the current key again flips the direction.
    pub fn sorted_by(&self, key: SortKey) -> Self {
        let descending = if key == self.sort {
            !self.descending
        } else {
            key != SortKey::Method && key != SortKey::Url
        };
        SearchState {
            sort: key,
            descending,
            ..self.clone()
        }
    }
}

/// Orders `traces` for the table; traces without the value go last either way.
pub fn sort_traces(traces: &mut [TraceSummary], key: SortKey, descending: bool) {
    let http = |trace: &TraceSummary| trace.http.clone().unwrap_or_default();
    traces.sort_by(|a, b| {
        let order = match key {
            SortKey::Start => Some(a.start_time.total_cmp(&b.start_time)),
            SortKey::Method => option_cmp(http(a).method, http(b).method),
            SortKey::Url => option_cmp(http(a).url, http(b).url),
            SortKey::Status => option_cmp(http(a).status, http(b).status),
            SortKey::ResponseTime => float_cmp(a.response_time, b.response_time),
            SortKey::Duration => float_cmp(a.duration, b.duration),
        };
        match order {
            Some(order) if descending => order.reverse(),
            Some(order) => order,
            None => missing_last(a, b, key),
        }
    });
}

fn option_cmp<T: Ord>(a: Option<T>, b: Option<T>) -> Option<Ordering> {
    Some(a?.cmp(&b?))
}

fn float_cmp(a: Option<f64>, b: Option<f64>) -> Option<Ordering> {
    Some(a?.total_cmp(&b?))
}

fn missing_last(a: &TraceSummary, b: &TraceSummary, key: SortKey) -> Ordering {
    let has = |trace: &TraceSummary| match key {
        SortKey::Start => true,
        SortKey::Method => trace.http.as_ref().is_some_and(|h| h.method.is_some()),
        SortKey::Url => trace.http.as_ref().is_some_and(|h| h.url.is_some()),
        SortKey::Status => trace.http.as_ref().is_some_and(|h| h.status.is_some()),
        SortKey::ResponseTime => trace.response_time.is_some(),
        SortKey::Duration => trace.duration.is_some(),
    };
    has(b).cmp(&has(a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::HttpSummary;
    use shared::filter::StatusRefiner;

    #[test]
    fn the_url_round_trips_and_keeps_other_parameters() {
        let check = |query: &[(&str, &str)], expect: SearchState, written: &[(&str, &str)]| {
            let state = SearchState::parse(query.iter().copied());
            assert_eq!(state, expect, "{query:?}");
            let pairs = state.merge_into([("window", "1h"), ("filter", "old")]);
            let written: Vec<(String, String)> = written
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            assert_eq!(pairs, written, "{query:?}");
        };
        let newest = SearchState {
            descending: true,
            ..SearchState::default()
        };
        check(&[], newest.clone(), &[("window", "1h")]);
        check(&[("sort", "bogus")], newest.clone(), &[("window", "1h")]);
        check(
            &[("source", "indexed")],
            newest.clone(),
            &[("window", "1h")],
        );
        check(&[("source", "bogus")], newest.clone(), &[("window", "1h")]);
        check(
            &[("source", "spans"), ("filter", "fault")],
            SearchState {
                filter: "fault".into(),
                source: TraceSource::Spans,
                ..newest
            },
            &[("window", "1h"), ("filter", "fault"), ("source", "spans")],
        );
        check(
            &[("filter", "http.status = 500"), ("sort", "-duration")],
            SearchState {
                filter: "http.status = 500".into(),
                sort: SortKey::Duration,
                descending: true,
                source: TraceSource::Indexed,
            },
            &[
                ("window", "1h"),
                ("filter", "http.status = 500"),
                ("sort", "-duration"),
            ],
        );
        check(
            &[("sort", "method")],
            SearchState {
                filter: String::new(),
                sort: SortKey::Method,
                descending: false,
                source: TraceSource::Indexed,
            },
            &[("window", "1h"), ("sort", "method")],
        );
    }

    #[test]
    fn refiners_and_the_raw_expression_stay_in_sync() {
        let state = SearchState::default();
        let refiners = Refiners {
            http_status: Some(StatusRefiner::Exact(500)),
            methods: vec!["POST".into()],
            ..Refiners::default()
        };
        let built = state.with_refiners(&refiners).expect("expressible");
        assert_eq!(built.filter, "http.status = 500 AND http.method = \"POST\"");
        assert_eq!(built.refiners(), Some(refiners));
        let raw = |filter: &str| SearchState {
            filter: filter.into(),
            ..SearchState::default()
        };
        assert_eq!(raw("").refiners(), Some(Refiners::default()));
        assert_eq!(
            raw("responsetime > 1 OR fault").refiners(),
            None,
            "not a refiner shape"
        );
        assert_eq!(raw("http.status =").refiners(), None, "does not parse");
    }

    #[test]
    fn sorting_orders_the_table_and_flips_on_the_same_key() {
        let trace = |id: &str, status: Option<u16>, response: Option<f64>| TraceSummary {
            id: id.into(),
            start_time: 0.0,
            duration: None,
            response_time: response,
            has_fault: false,
            has_error: false,
            has_throttle: false,
            is_partial: false,
            http: Some(HttpSummary {
                status,
                ..HttpSummary::default()
            }),
            services: vec![],
            entry_point: None,
            users: vec![],
            annotations: Default::default(),
            fault_root_causes: vec![],
            error_root_causes: vec![],
            revision: None,
        };
        let check = |key: SortKey, descending: bool, expect: &[&str]| {
            let mut traces = vec![
                trace("a", Some(200), Some(0.2)),
                trace("b", None, None),
                trace("c", Some(500), Some(0.1)),
            ];
            sort_traces(&mut traces, key, descending);
            let ids: Vec<&str> = traces.iter().map(|t| t.id.as_str()).collect();
            assert_eq!(ids, expect, "{key:?} descending={descending}");
        };
        check(SortKey::Status, false, &["a", "c", "b"]);
        check(SortKey::Status, true, &["c", "a", "b"]);
        check(SortKey::ResponseTime, true, &["a", "c", "b"]);
        let state = SearchState::default().sorted_by(SortKey::Status);
        assert!(state.descending);
        assert!(!state.sorted_by(SortKey::Status).descending);
    }
}
