//! The part of the URL query every view shares: `window=` or `start=`/`end=`, and `region=`.
//! Reading never fails outright: a bad range falls back to the default and says why, so a
//! mistyped deep link still opens.

use shared::api::{WindowError, parse_window};

use super::embed::EmbedState;
use super::instant::{InstantError, parse_instant};
use super::time_range::{RangeError, TimeRange};
use super::url_state::UrlState;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewQuery {
    pub range: TimeRange,
    /// `None`: the server's default region.
    pub region: Option<String>,
}

/// The outcome of reading a query: always a usable [`ViewQuery`], plus what was wrong with the
/// URL, if anything, for the page to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedQuery {
    pub view: ViewQuery,
    pub problem: Option<QueryError>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("window= in the address is not used: {0}")]
    Window(#[from] WindowError),
    #[error("{name}= in the address is not used: {source}")]
    Instant {
        name: &'static str,
        source: InstantError,
    },
    #[error("start= and end= in the address are not used: {0}")]
    Range(#[from] RangeError),
    #[error("the address has only one of start= and end=; a fixed time range needs both")]
    HalfRange,
    #[error("the address has both window= and start=/end=; remove one of them")]
    WindowAndRange,
}

impl ViewQuery {
    /// Reads decoded query pairs (as the router hands them over), with what was wrong.
    pub fn read<K, V>(pairs: impl IntoIterator<Item = (K, V)>) -> ParsedQuery
    where
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let (mut window, mut start, mut end, mut region) = (None, None, None, None);
        for (key, value) in pairs {
            let value = value.as_ref().trim().to_owned();
            match key.as_ref() {
                "window" => window = Some(value),
                "start" => start = Some(value),
                "end" => end = Some(value),
                "region" if !value.is_empty() => region = Some(value),
                _ => {}
            }
        }
        let (range, problem) = match read_range(window, start, end) {
            Ok(range) => (range, None),
            Err(problem) => (TimeRange::default(), Some(problem)),
        };
        ParsedQuery {
            view: ViewQuery { range, region },
            problem,
        }
    }
}

impl UrlState for ViewQuery {
    const KEYS: &'static [&'static str] = &["window", "start", "end", "region"];

    /// What [`ViewQuery::read`] makes of the pairs, without the problem.
    fn parse<K: AsRef<str>, V: AsRef<str>>(pairs: impl IntoIterator<Item = (K, V)>) -> Self {
        Self::read(pairs).view
    }

    fn pairs(&self) -> Vec<(String, String)> {
        let range = self.range.to_pairs().into_iter();
        let mut pairs: Vec<(String, String)> =
            range.map(|(key, value)| (key.to_owned(), value)).collect();
        if let Some(region) = &self.region {
            pairs.push(("region".to_owned(), region.clone()));
        }
        pairs
    }
}

/// Only the shared parameters from `current`, untouched: what links to other views carry, so
/// the time range and region follow the user but page-specific state (a filter) stays behind.
pub fn carry_over<K, V>(current: impl IntoIterator<Item = (K, V)>) -> Vec<(String, String)>
where
    K: AsRef<str>,
    V: AsRef<str>,
{
    ViewQuery::owned(current)
}

/// The query of a link to another view: the shared parameters of `current` as typed, then
/// `extra` (which replaces a shared parameter of the same key: a service's own region), then the
/// embedding's, so a link followed inside an iframe stays embedded.
pub fn link_query<K, V>(
    current: impl IntoIterator<Item = (K, V)>,
    extra: Vec<(String, String)>,
    embedding: &EmbedState,
) -> Vec<(String, String)>
where
    K: AsRef<str>,
    V: AsRef<str>,
{
    let mut pairs = carry_over(current);
    pairs.retain(|(key, _)| !extra.iter().any(|(replaced, _)| replaced == key));
    pairs.extend(extra);
    pairs.extend(embedding.persisted());
    pairs
}

fn read_range(
    window: Option<String>,
    start: Option<String>,
    end: Option<String>,
) -> Result<TimeRange, QueryError> {
    match (window, start, end) {
        (None, None, None) => Ok(TimeRange::default()),
        (Some(window), None, None) => Ok(TimeRange::Relative {
            seconds: parse_window(&window)?,
        }),
        (Some(_), _, _) => Err(QueryError::WindowAndRange),
        (None, Some(start), Some(end)) => {
            let instant = |name: &'static str, text: &str| {
                parse_instant(text).map_err(|source| QueryError::Instant { name, source })
            };
            Ok(TimeRange::absolute(
                instant("start", &start)?,
                instant("end", &end)?,
            )?)
        }
        (None, _, _) => Err(QueryError::HalfRange),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::url_state::owned_pairs;

    fn parse(query: &[(&str, &str)]) -> ParsedQuery {
        ViewQuery::read(query.iter().copied())
    }

    #[test]
    fn reads_ranges_and_regions() {
        let check = |query: &[(&str, &str)], range: TimeRange, region: Option<&str>| {
            let expect = ViewQuery {
                range,
                region: region.map(str::to_owned),
            };
            assert_eq!(
                parse(query),
                ParsedQuery {
                    view: expect,
                    problem: None
                },
                "{query:?}"
            );
        };
        check(&[], TimeRange::default(), None);
        check(
            &[("window", "1h")],
            TimeRange::Relative { seconds: 3600 },
            None,
        );
        check(
            &[("window", " 90s ")],
            TimeRange::Relative { seconds: 90 },
            None,
        );
        check(
            &[
                ("start", "1700000000"),
                ("end", "2023-11-14T23:13:20Z"),
                ("region", "eu-west-1"),
            ],
            TimeRange::Absolute {
                start: 1_700_000_000,
                end: 1_700_003_600,
            },
            Some("eu-west-1"),
        );
        check(
            &[("region", ""), ("filter", "ok")],
            TimeRange::default(),
            None,
        );
    }

    #[test]
    fn a_bad_range_falls_back_to_the_default_and_keeps_the_region() {
        let check = |query: &[(&str, &str)], problem: QueryError| {
            let mut parsed = parse(query);
            assert_eq!(parsed.problem.take(), Some(problem), "{query:?}");
            assert_eq!(parsed.view.range, TimeRange::default(), "{query:?}");
            assert_eq!(
                parsed.view.region.as_deref(),
                Some("us-east-1"),
                "{query:?}"
            );
        };
        let region = ("region", "us-east-1");
        check(
            &[("window", "7h"), region],
            QueryError::Window(WindowError::TooLong("7h".into())),
        );
        check(
            &[("window", "0m"), region],
            QueryError::Window(WindowError::Zero),
        );
        check(&[("start", "10"), region], QueryError::HalfRange);
        check(&[("end", "10"), region], QueryError::HalfRange);
        check(
            &[("window", "1h"), ("start", "10"), region],
            QueryError::WindowAndRange,
        );
        check(
            &[("start", "20"), ("end", "10"), region],
            RangeError::EndNotAfterStart.into(),
        );
        check(
            &[("start", "noon"), ("end", "10"), region],
            QueryError::Instant {
                name: "start",
                source: InstantError("noon".into()),
            },
        );
    }

    #[test]
    fn merging_replaces_own_parameters_and_keeps_the_rest() {
        let view = ViewQuery {
            range: TimeRange::Relative { seconds: 3600 },
            region: Some("eu-west-1".into()),
        };
        let current = [
            ("filter", "http.status = 500"),
            ("start", "1"),
            ("end", "2"),
            ("region", "x"),
        ];
        let expect = [
            ("filter", "http.status = 500"),
            ("window", "1h"),
            ("region", "eu-west-1"),
        ];
        let expect: Vec<_> = expect.map(|(k, v)| (k.to_owned(), v.to_owned())).into();
        assert_eq!(view.merge_into(current), expect);
    }

    #[test]
    fn links_carry_only_the_shared_parameters() {
        let current = [
            ("filter", "ok"),
            ("window", "7h"),
            ("node", "db"),
            ("region", "eu-west-1"),
        ];
        let expect = [("window", "7h"), ("region", "eu-west-1")];
        let expect: Vec<_> = expect.map(|(k, v)| (k.to_owned(), v.to_owned())).into();
        assert_eq!(carry_over(current), expect);
    }

    #[test]
    fn links_replace_a_shared_parameter_they_set_and_keep_the_embedding() {
        let current = [
            ("filter", "ok"),
            ("region", "eu-west-1"),
            ("window", "7h"),
            ("embed", "1"),
        ];
        let embedded = EmbedState {
            embedded: true,
            token: Some("tok".into()),
            theme: None,
        };
        let check = |extra: &[(&str, &str)], embedding: &EmbedState, expect: &[(&str, &str)]| {
            let link = link_query(current, owned_pairs(extra), embedding);
            assert_eq!(link, owned_pairs(expect), "{extra:?}");
        };
        let plain = EmbedState::default();
        check(&[], &plain, &[("region", "eu-west-1"), ("window", "7h")]);
        check(
            &[("region", "us-east-1")],
            &plain,
            &[("window", "7h"), ("region", "us-east-1")],
        );
        check(
            &[("filter", "fault")],
            &embedded,
            &[
                ("region", "eu-west-1"),
                ("window", "7h"),
                ("filter", "fault"),
                ("embed", "1"),
                ("embed_token", "tok"),
            ],
        );
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        let views = [
            ViewQuery::default(),
            ViewQuery {
                range: TimeRange::Relative { seconds: 6 * 3600 },
                region: None,
            },
            ViewQuery {
                range: TimeRange::Absolute {
                    start: 1_700_000_000,
                    end: 1_700_000_060,
                },
                region: Some("ap-southeast-2".into()),
            },
        ];
        for view in views {
            let written = view.merge_into(Vec::<(String, String)>::new());
            assert_eq!(
                ViewQuery::read(written),
                ParsedQuery {
                    view: view.clone(),
                    problem: None
                }
            );
        }
    }
}
