//! The map's part of the URL: the selected node (`node=`) or edge (`source=`, `target=`), the
//! view (`view=list`), the zoom and centre (`zoom=`, `cx=`, `cy=`) and the X-Ray group (`group=`).
//! Nodes are named rather than numbered: X-Ray's reference ids are not stable across fetches.

use super::selection::Selection;
use crate::model::url_state::UrlState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MapView {
    #[default]
    Canvas,
    /// The accessible table of the same nodes.
    List,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct MapQuery {
    pub selection: Option<Selection<String>>,
    pub view: MapView,
    /// `(zoom, cx, cy)`; `None` until the user pans or zooms (the map is then fitted).
    pub camera: Option<(f64, f64, f64)>,
    pub group: Option<String>,
}

impl UrlState for MapQuery {
    const KEYS: &'static [&'static str] = &[
        "node", "source", "target", "view", "zoom", "cx", "cy", "group",
    ];

    /// A malformed value is ignored, as if absent.
    fn parse<K: AsRef<str>, V: AsRef<str>>(pairs: impl IntoIterator<Item = (K, V)>) -> Self {
        let mut get = std::collections::HashMap::new();
        for (key, value) in pairs {
            let value = value.as_ref().trim();
            if !value.is_empty() {
                get.insert(key.as_ref().to_owned(), value.to_owned());
            }
        }
        let selection = match (get.get("node"), get.get("source"), get.get("target")) {
            (Some(node), _, _) => Some(Selection::Node(node.clone())),
            (None, Some(source), Some(target)) => {
                Some(Selection::Edge(source.clone(), target.clone()))
            }
            _ => None,
        };
        let number = |key: &str| get.get(key)?.parse::<f64>().ok().filter(|v| v.is_finite());
        let camera = match (number("zoom"), number("cx"), number("cy")) {
            (Some(zoom), Some(cx), Some(cy)) if zoom > 0.0 => Some((zoom, cx, cy)),
            _ => None,
        };
        MapQuery {
            selection,
            view: match get.get("view").map(String::as_str) {
                Some("list") => MapView::List,
                _ => MapView::Canvas,
            },
            camera,
            group: get.get("group").cloned(),
        }
    }

    fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        let mut push = |key: &str, value: String| pairs.push((key.to_owned(), value));
        match &self.selection {
            Some(Selection::Node(name)) => push("node", name.clone()),
            Some(Selection::Edge(source, target)) => {
                push("source", source.clone());
                push("target", target.clone());
            }
            None => {}
        }
        if self.view == MapView::List {
            push("view", "list".to_owned());
        }
        if let Some((zoom, cx, cy)) = self.camera {
            // Rounded: the URL stays short and a reload lands within a pixel.
            push("zoom", format!("{}", (zoom * 1e4).round() / 1e4));
            push("cx", format!("{}", cx.round()));
            push("cy", format!("{}", cy.round()));
        }
        if let Some(group) = &self.group {
            push("group", group.clone());
        }
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_the_map_state() {
        let check = |query: &[(&str, &str)], expect: MapQuery| {
            let parsed = MapQuery::parse(query.iter().copied());
            assert_eq!(parsed, expect, "{query:?}");
            let written = parsed.merge_into([("window", "1h")]);
            assert_eq!(MapQuery::parse(written), expect, "round trip of {query:?}");
        };
        check(&[], MapQuery::default());
        check(
            &[
                ("node", "movies_app"),
                ("view", "list"),
                ("group", "large-100"),
            ],
            MapQuery {
                selection: Some(Selection::Node("movies_app".into())),
                view: MapView::List,
                camera: None,
                group: Some("large-100".into()),
            },
        );
        check(
            &[
                ("source", "a"),
                ("target", "b"),
                ("zoom", "0.5"),
                ("cx", "120"),
                ("cy", "-40"),
            ],
            MapQuery {
                selection: Some(Selection::Edge("a".into(), "b".into())),
                camera: Some((0.5, 120.0, -40.0)),
                ..MapQuery::default()
            },
        );
        // Half an edge, a bad zoom and an unknown view are ignored.
        check(
            &[
                ("source", "a"),
                ("zoom", "-1"),
                ("cx", "1"),
                ("cy", "1"),
                ("view", "3d"),
            ],
            MapQuery::default(),
        );
    }

    #[test]
    fn merging_keeps_other_parameters_and_replaces_its_own() {
        let state = MapQuery {
            selection: Some(Selection::Node("b".into())),
            ..MapQuery::default()
        };
        let merged = state.merge_into([("window", "1h"), ("node", "a"), ("zoom", "2")]);
        let expect = [("window", "1h"), ("node", "b")].map(|(k, v)| (k.to_owned(), v.to_owned()));
        assert_eq!(merged, expect);
    }
}
