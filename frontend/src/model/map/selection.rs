//! What is selected on the map, by name (the URL's `node=` or `source=`/`target=`) and by id (what
//! the canvas hit). Names are what survives a refresh: X-Ray's reference ids may not.

use shared::api::ServiceMap;

use super::hit::Hit;

/// A selected node, or an edge by its two ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection<T> {
    Node(T),
    Edge(T, T),
}

impl Selection<String> {
    /// The node or edge of `map` this selection names; `None` when the map has no such node.
    pub fn hit_in(&self, map: &ServiceMap) -> Option<Hit> {
        let id = |name: &str| map.nodes.iter().find(|n| n.name == name).map(|n| n.id);
        match self {
            Selection::Node(name) => Some(Hit::Node(id(name)?)),
            Selection::Edge(source, target) => Some(Hit::Edge(id(source)?, id(target)?)),
        }
    }

    /// The selection naming what `hit` is in `map`.
    pub fn of_hit(map: &ServiceMap, hit: Hit) -> Option<Self> {
        let name = |id: i32| {
            map.nodes
                .iter()
                .find(|n| n.id == id)
                .map(|n| n.name.clone())
        };
        match hit {
            Hit::Node(id) => Some(Selection::Node(name(id)?)),
            Hit::Edge(source, target) => Some(Selection::Edge(name(source)?, name(target)?)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::movies;
    use super::*;

    #[test]
    fn names_and_ids_map_both_ways_within_one_map() {
        let map = movies();
        let node = |name: &str| Selection::Node(name.to_owned());
        let edge = |a: &str, b: &str| Selection::Edge(a.to_owned(), b.to_owned());
        let check = |selection: Selection<String>, hit: Option<Hit>| {
            assert_eq!(selection.hit_in(&map), hit, "{selection:?}");
            if let Some(hit) = hit {
                assert_eq!(Selection::of_hit(&map, hit), Some(selection), "{hit:?}");
            }
        };
        check(node("movies_app"), Some(Hit::Node(1)));
        check(edge("client", "movies_app"), Some(Hit::Edge(0, 1)));
        check(node("gone"), None);
        check(edge("client", "gone"), None);
        assert_eq!(Selection::of_hit(&map, Hit::Node(9)), None);
        assert_eq!(Selection::of_hit(&map, Hit::Edge(1, 9)), None);
    }
}
