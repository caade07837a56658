//! A trace page's part of the URL: the selected span (`span=` its id), so a link shows the span
//! it was copied at.

use crate::model::url_state::UrlState;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TraceQuery {
    pub span: Option<String>,
}

impl UrlState for TraceQuery {
    const KEYS: &'static [&'static str] = &["span"];

    fn parse<K: AsRef<str>, V: AsRef<str>>(pairs: impl IntoIterator<Item = (K, V)>) -> Self {
        let span = pairs
            .into_iter()
            .find(|(key, value)| key.as_ref() == "span" && !value.as_ref().trim().is_empty())
            .map(|(_, value)| value.as_ref().trim().to_owned());
        TraceQuery { span }
    }

    fn pairs(&self) -> Vec<(String, String)> {
        let span = self.span.iter();
        span.map(|id| ("span".to_owned(), id.clone())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::url_state::owned_pairs;

    #[test]
    fn the_span_reads_and_writes_back() {
        let check = |query: &[(&str, &str)], expect: Option<&str>| {
            let state = TraceQuery::parse(query.iter().copied());
            assert_eq!(state.span.as_deref(), expect, "{query:?}");
            let written = state.merge_into(query.iter().copied());
            assert_eq!(TraceQuery::parse(written), state);
        };
        check(&[], None);
        check(&[("span", "53995c3f42cd8ad8")], Some("53995c3f42cd8ad8"));
        check(&[("span", "  "), ("region", "us-east-1")], None);
        let state = TraceQuery {
            span: Some("abc".into()),
        };
        assert_eq!(
            state.merge_into([("filter", "ok"), ("span", "old")]),
            owned_pairs(&[("filter", "ok"), ("span", "abc")])
        );
    }
}
