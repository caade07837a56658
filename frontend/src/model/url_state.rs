//! A view's state in the URL query, as one trait: the keys a state owns, how it reads them and how
//! it writes them. Writing replaces exactly those keys and keeps every other one where it was (the
//! time range, the embedding, another view's filter), so no view can drop another's state. The
//! router side is `crate::url_state::use_url_state`.

/// A view state that lives in the URL query.
pub trait UrlState: Sized {
    /// The query keys this state reads and writes; it never touches any other.
    const KEYS: &'static [&'static str];

    /// Reads decoded query pairs (as the router hands them over). Never fails: a malformed value
    /// reads as its default, so a stale bookmark still opens.
    fn parse<K: AsRef<str>, V: AsRef<str>>(pairs: impl IntoIterator<Item = (K, V)>) -> Self;

    /// This state's own pairs, in the order they are written; defaults may be left out so plain
    /// links stay plain.
    fn pairs(&self) -> Vec<(String, String)>;

    /// `current` with this state written over its keys: the pairs it does not own are kept, in
    /// their order, before its own.
    fn merge_into<K: AsRef<str>, V: AsRef<str>>(
        &self,
        current: impl IntoIterator<Item = (K, V)>,
    ) -> Vec<(String, String)> {
        let mut pairs = select(current, |key| !Self::KEYS.contains(&key));
        pairs.extend(self.pairs());
        pairs
    }

    /// Only the pairs of `current` this state owns, untouched (an unparsed value stays as typed).
    fn owned<K: AsRef<str>, V: AsRef<str>>(
        current: impl IntoIterator<Item = (K, V)>,
    ) -> Vec<(String, String)> {
        select(current, |key| Self::KEYS.contains(&key))
    }

    /// Only the pairs of `current` this state does not own.
    fn others<K: AsRef<str>, V: AsRef<str>>(
        current: impl IntoIterator<Item = (K, V)>,
    ) -> Vec<(String, String)> {
        select(current, |key| !Self::KEYS.contains(&key))
    }
}

fn select<K: AsRef<str>, V: AsRef<str>>(
    pairs: impl IntoIterator<Item = (K, V)>,
    keep: impl Fn(&str) -> bool,
) -> Vec<(String, String)> {
    pairs
        .into_iter()
        .filter(|(key, _)| keep(key.as_ref()))
        .map(|(key, value)| (key.as_ref().to_owned(), value.as_ref().to_owned()))
        .collect()
}

/// Owned pairs from borrowed ones, for tables of expectations.
#[cfg(test)]
pub(crate) fn owned_pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The smallest state: `a=` when set.
    #[derive(Debug, PartialEq)]
    struct A(Option<String>);

    impl UrlState for A {
        const KEYS: &'static [&'static str] = &["a"];
        fn parse<K: AsRef<str>, V: AsRef<str>>(pairs: impl IntoIterator<Item = (K, V)>) -> Self {
            A(pairs
                .into_iter()
                .find(|(key, _)| key.as_ref() == "a")
                .map(|(_, value)| value.as_ref().to_owned()))
        }
        fn pairs(&self) -> Vec<(String, String)> {
            self.0.iter().map(|a| ("a".to_owned(), a.clone())).collect()
        }
    }

    #[test]
    fn merging_replaces_only_the_own_keys_and_keeps_the_order_of_the_rest() {
        let check = |state: A, current: &[(&str, &str)], expect: &[(&str, &str)]| {
            let merged = state.merge_into(current.iter().copied());
            assert_eq!(merged, owned_pairs(expect), "{current:?}");
        };
        check(
            A(None),
            &[("z", "1"), ("a", "x"), ("b", "2")],
            &[("z", "1"), ("b", "2")],
        );
        check(
            A(Some("y".into())),
            &[("a", "x"), ("z", "1")],
            &[("z", "1"), ("a", "y")],
        );
        check(A(Some("y".into())), &[], &[("a", "y")]);
    }

    #[test]
    fn owned_and_other_pairs_split_a_query() {
        let query = [("z", "1"), ("a", " raw "), ("b", "2")];
        assert_eq!(A::owned(query), owned_pairs(&[("a", " raw ")]));
        assert_eq!(A::others(query), owned_pairs(&[("z", "1"), ("b", "2")]));
        assert_eq!(A::parse(query), A(Some(" raw ".into())));
    }
}
