//! Field paths of span records, interned: a record stores `(path id, value)` pairs instead of its
//! JSON text, so thousands of spans share one copy of `resource.attributes.service.name`.
//!
//! Logs Insights addresses a nested JSON value by its flattened name — the keys joined with `.`
//! (`attributes.http.response.status_code`, where the attribute key itself holds dots) and array
//! positions as numbers (`events.0.name`). Two different nestings can flatten to one name
//! (`{"a.b":1}` and `{"a":{"b":1}}`); a query asking for that name sees whichever a record has.

use std::collections::HashMap;

use serde_json::{Map, Number, Value as Json};

/// One scalar of a record. Integers stay integers: nanosecond times do not fit an `f64`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Val {
    Str(Box<str>),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl Val {
    fn from_json(value: &Json) -> Option<Self> {
        Some(match value {
            Json::String(text) => Val::Str(text.as_str().into()),
            Json::Bool(flag) => Val::Bool(*flag),
            Json::Number(number) => match number.as_i64() {
                Some(int) => Val::Int(int),
                None => Val::Float(number.as_f64()?),
            },
            Json::Null | Json::Array(_) | Json::Object(_) => return None,
        })
    }

    fn to_json(&self) -> Json {
        match self {
            Val::Str(text) => Json::String(text.to_string()),
            Val::Int(int) => Json::from(*int),
            Val::Float(float) => Number::from_f64(*float).map_or(Json::Null, Json::Number),
            Val::Bool(flag) => Json::Bool(*flag),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Seg {
    Key(Box<str>),
    Index(u32),
}

/// Every path seen so far. Paths are never forgotten: their number is bounded by the variety of
/// attribute keys, not by the number of spans.
#[derive(Default)]
pub(crate) struct Paths {
    segments: Vec<Box<[Seg]>>,
    by_segments: HashMap<Box<[Seg]>, u32>,
    /// Flattened name → the paths that flatten to it.
    by_name: HashMap<Box<str>, Vec<u32>>,
}

/// At most this many distinct paths are interned; fields of new paths beyond it are kept out
/// of the queryable record (their values stay in the stored documents). It bounds the table
/// when a sender invents a new attribute key per span.
const MAX_PATHS: usize = 50_000;

impl Paths {
    /// The ids of every path named `name` (empty when no record has it).
    pub fn named(&self, name: &str) -> &[u32] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }

    fn intern(&mut self, segments: &[Seg]) -> Option<u32> {
        if let Some(&id) = self.by_segments.get(segments) {
            return Some(id);
        }
        if self.segments.len() >= MAX_PATHS {
            return None;
        }
        let id = u32::try_from(self.segments.len()).ok()?;
        let boxed: Box<[Seg]> = segments.into();
        self.by_name.entry(flat_name(&boxed)).or_default().push(id);
        self.segments.push(boxed.clone());
        self.by_segments.insert(boxed, id);
        Some(id)
    }

    /// The scalars of `value` as `(path id, value)` pairs, in document order.
    pub fn flatten(&mut self, value: &Json) -> Vec<(u32, Val)> {
        let mut out = Vec::new();
        let mut path = Vec::new();
        // Explicit stack of (value, depth): records come from our own converters, but attribute
        // values may nest as deep as an OTLP sender made them.
        let mut stack: Vec<(Option<Seg>, &Json, usize)> = vec![(None, value, 0)];
        while let Some((seg, value, depth)) = stack.pop() {
            path.truncate(depth.saturating_sub(1));
            if let Some(seg) = seg {
                path.push(seg);
            }
            match value {
                Json::Object(map) => {
                    let children = map.iter().rev();
                    stack.extend(
                        children.map(|(k, v)| (Some(Seg::Key(k.as_str().into())), v, depth + 1)),
                    );
                }
                Json::Array(items) => {
                    let children = items.iter().enumerate().rev();
                    stack.extend(children.map(|(i, v)| {
                        (
                            Some(Seg::Index(u32::try_from(i).unwrap_or(u32::MAX))),
                            v,
                            depth + 1,
                        )
                    }));
                }
                scalar => {
                    if let (Some(val), Some(id)) = (Val::from_json(scalar), self.intern(&path)) {
                        out.push((id, val));
                    }
                }
            }
        }
        out
    }

    /// The JSON object a record's fields came from (keys sorted, empty containers gone).
    pub fn unflatten(&self, fields: &[(u32, Val)]) -> Json {
        let mut root = Json::Object(Map::new());
        for (id, val) in fields {
            let Some(segments) = self.segments.get(*id as usize) else {
                continue;
            };
            insert(&mut root, segments, val.to_json());
        }
        root
    }
}

fn insert(root: &mut Json, segments: &[Seg], value: Json) {
    let mut at = root;
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        let next_is_index = matches!(segments.get(i + 1), Some(Seg::Index(_)));
        let fresh = || match next_is_index {
            true => Json::Array(Vec::new()),
            false => Json::Object(Map::new()),
        };
        at = match (seg, at) {
            (Seg::Key(key), Json::Object(map)) => {
                let slot = map.entry(key.to_string()).or_insert_with(fresh);
                if last {
                    *slot = value;
                    return;
                }
                slot
            }
            (Seg::Index(_), Json::Array(items)) => {
                if last {
                    items.push(value);
                    return;
                }
                // Fields of one array element arrive together: a new element starts when the
                // previous one already holds this field.
                let reuse = items
                    .last()
                    .is_some_and(|item| !holds(item, &segments[i + 1]));
                if !reuse {
                    items.push(fresh());
                }
                match items.last_mut() {
                    Some(item) => item,
                    None => return,
                }
            }
            // A path that clashes with an earlier one's shape is dropped from the rebuilt text.
            _ => return,
        };
    }
}

fn holds(item: &Json, seg: &Seg) -> bool {
    match (item, seg) {
        (Json::Object(map), Seg::Key(key)) => map.contains_key(&**key),
        (Json::Array(items), Seg::Index(_)) => !items.is_empty(),
        _ => true,
    }
}

fn flat_name(segments: &[Seg]) -> Box<str> {
    let parts: Vec<String> = segments
        .iter()
        .map(|seg| match seg {
            Seg::Key(key) => key.to_string(),
            Seg::Index(index) => index.to_string(),
        })
        .collect();
    parts.join(".").into()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn records_flatten_to_logs_insights_names_and_back() {
        let mut paths = Paths::default();
        let record = json!({
            "traceId": "69e9cc4771d7cabe0d8e8cea33b6b338",
            "startTimeUnixNano": 1_776_929_864_011_990_383_u64,
            "attributes": {"http.response.status_code": 200, "ratio": 0.5, "ok": true},
            "events": [{"name": "exception", "attributes": {"exception.type": "E"}}, {"name": "retry"}],
            "resource": {"attributes": {"service.name": "orders"}},
            "nothing": null,
        });
        let fields = paths.flatten(&record);
        let name = |flat: &str| {
            let ids = paths.named(flat);
            fields
                .iter()
                .find(|(id, _)| ids.contains(id))
                .map(|(_, v)| v.clone())
        };
        assert_eq!(
            name("attributes.http.response.status_code"),
            Some(Val::Int(200))
        );
        assert_eq!(
            name("startTimeUnixNano"),
            Some(Val::Int(1_776_929_864_011_990_383))
        );
        assert_eq!(
            name("resource.attributes.service.name"),
            Some(Val::Str("orders".into()))
        );
        assert_eq!(name("events.1.name"), Some(Val::Str("retry".into())));
        assert_eq!(
            name("events.0.attributes.exception.type"),
            Some(Val::Str("E".into()))
        );
        assert_eq!(name("attributes.ratio"), Some(Val::Float(0.5)));
        assert_eq!(name("nothing"), None);
        let mut expected = record.clone();
        expected.as_object_mut().map(|o| o.remove("nothing"));
        assert_eq!(paths.unflatten(&fields), expected);
    }

    #[test]
    fn paths_are_shared_between_records() {
        let mut paths = Paths::default();
        let a = paths.flatten(&json!({"name": "a", "kind": "SERVER"}));
        let b = paths.flatten(&json!({"kind": "CLIENT", "name": "b"}));
        let ids = |fields: &[(u32, Val)]| {
            let mut ids: Vec<u32> = fields.iter().map(|(id, _)| *id).collect();
            ids.sort_unstable();
            ids
        };
        assert_eq!(ids(&a), ids(&b));
    }
}
