//! Embed mode's URL rules: which query parameters make a page embedded, which of them every link
//! and every in-app navigation must keep, and the "open in runtrace" address without them.

use super::Theme;
use super::url_state::UrlState;

/// Parameters that belong to the embedding, not to the view: they survive every navigation.
pub const PERSISTED_KEYS: [&str; 3] = ["embed", "embed_token", "theme"];

/// The header that carries the signed link's token on every API call.
pub const TOKEN_HEADER: &str = "X-Runtrace-Embed";

/// The error code the frontend gives a refused embed link, for its own heading.
pub const REFUSED_CODE: &str = "embed_link_refused";

/// What a person sees when the backend refuses the embed link (bad, tampered or expired token).
pub const REFUSED_MESSAGE: &str =
    "this embed link is not valid or has expired; ask whoever shared it for a new link";

/// How the page was opened: embedded or not, with which token, in which host-chosen theme.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmbedState {
    pub embedded: bool,
    pub token: Option<String>,
    /// `?theme=dark|light` from the host page: overrides the stored choice, is never stored.
    pub theme: Option<Theme>,
}

impl UrlState for EmbedState {
    const KEYS: &'static [&'static str] = &PERSISTED_KEYS;

    /// `embed=1` (or `true`) embeds; a token alone does not hide the chrome but is still sent, so
    /// a link without `embed=1` keeps working.
    fn parse<K: AsRef<str>, V: AsRef<str>>(pairs: impl IntoIterator<Item = (K, V)>) -> Self {
        let mut state = EmbedState::default();
        for (key, value) in pairs {
            let value = value.as_ref().trim();
            match key.as_ref() {
                "embed" => state.embedded = matches!(value, "1" | "true"),
                "embed_token" if !value.is_empty() => state.token = Some(value.to_owned()),
                "theme" => state.theme = Theme::parse(value),
                _ => {}
            }
        }
        state
    }

    fn pairs(&self) -> Vec<(String, String)> {
        self.persisted()
    }
}

impl EmbedState {
    /// The parameters a link must carry to stay in this embedding, in [`PERSISTED_KEYS`] order.
    pub fn persisted(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        if self.embedded {
            pairs.push(("embed".to_owned(), "1".to_owned()));
        }
        if let Some(token) = &self.token {
            pairs.push(("embed_token".to_owned(), token.clone()));
        }
        if let Some(theme) = self.theme {
            pairs.push(("theme".to_owned(), theme.as_str().to_owned()));
        }
        pairs
    }
}

/// `pairs` with this embedding's parameters set (added, or replacing a stale value), or `None`
/// when they already hold: the caller then has nothing to rewrite.
pub fn with_persisted<K, V>(
    pairs: impl IntoIterator<Item = (K, V)>,
    state: &EmbedState,
) -> Option<Vec<(String, String)>>
where
    K: AsRef<str>,
    V: AsRef<str>,
{
    let pairs: Vec<(String, String)> = pairs
        .into_iter()
        .map(|(key, value)| (key.as_ref().to_owned(), value.as_ref().to_owned()))
        .collect();
    let kept = state.persisted().iter().all(|pair| pairs.contains(pair));
    (!kept).then(|| state.merge_into(pairs))
}

/// The view's own parameters: what "open in runtrace" keeps when it leaves the embedding.
pub fn without_persisted<K, V>(pairs: impl IntoIterator<Item = (K, V)>) -> Vec<(String, String)>
where
    K: AsRef<str>,
    V: AsRef<str>,
{
    EmbedState::others(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn reads_the_embedding_from_the_query() {
        let check = |query: &[(&str, &str)], embedded: bool, token: Option<&str>, theme| {
            let state = EmbedState::parse(pairs(query));
            let expect = EmbedState {
                embedded,
                token: token.map(str::to_owned),
                theme,
            };
            assert_eq!(state, expect, "{query:?}");
        };
        check(&[("window", "1h")], false, None, None);
        check(
            &[("embed", "1"), ("embed_token", "abc")],
            true,
            Some("abc"),
            None,
        );
        check(
            &[("embed", "true"), ("theme", "dark")],
            true,
            None,
            Some(Theme::Dark),
        );
        check(&[("embed", "0"), ("embed_token", " ")], false, None, None);
        check(&[("embed", "1"), ("theme", "purple")], true, None, None);
        check(&[("embed_token", "t")], false, Some("t"), None);
    }

    #[test]
    fn navigation_gets_the_embedding_back_when_it_lost_it() {
        let state = EmbedState::parse(pairs(&[
            ("embed", "1"),
            ("embed_token", "tok"),
            ("theme", "light"),
        ]));
        let check = |query: &[(&str, &str)], expect: Option<&[(&str, &str)]>| {
            assert_eq!(
                with_persisted(pairs(query), &state),
                expect.map(pairs),
                "{query:?}"
            );
        };
        check(
            &[("window", "1h")],
            Some(&[
                ("window", "1h"),
                ("embed", "1"),
                ("embed_token", "tok"),
                ("theme", "light"),
            ]),
        );
        check(
            &[("embed", "1"), ("window", "1h"), ("embed_token", "old")],
            Some(&[
                ("window", "1h"),
                ("embed", "1"),
                ("embed_token", "tok"),
                ("theme", "light"),
            ]),
        );
        check(
            &[
                ("theme", "light"),
                ("embed_token", "tok"),
                ("embed", "1"),
                ("window", "1h"),
            ],
            None,
        );
    }

    #[test]
    fn a_page_that_is_not_embedded_is_never_rewritten() {
        let state = EmbedState::default();
        assert_eq!(with_persisted(pairs(&[("window", "1h")]), &state), None);
        assert!(state.persisted().is_empty());
    }

    #[test]
    fn open_in_runtrace_drops_only_the_embedding() {
        let query = pairs(&[
            ("embed", "1"),
            ("window", "1h"),
            ("embed_token", "tok"),
            ("group", "web"),
            ("theme", "dark"),
        ]);
        assert_eq!(
            without_persisted(query),
            pairs(&[("window", "1h"), ("group", "web")])
        );
    }
}
