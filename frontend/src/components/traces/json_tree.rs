use leptos::prelude::*;
use serde_json::Value;

/// A JSON value as nested, collapsible `<details>`: objects and arrays open one level at a time.
#[component]
pub fn JsonTree(
    value: Value,
    #[prop(default = "metadata".to_owned())] name: String,
) -> impl IntoView {
    node(name, value, true)
}

fn node(name: String, value: Value, open: bool) -> AnyView {
    let children: Vec<(String, Value)> = match value {
        Value::Object(map) => map.into_iter().collect(),
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        scalar => {
            return view! {
                <div class="json-leaf">
                    <span class="json-key">{name}": "</span>
                    <code>{scalar.to_string()}</code>
                </div>
            }
            .into_any();
        }
    };
    let count = children.len();
    view! {
        <details class="json-node" open=open>
            <summary>
                <span class="json-key">{name}</span>
                <span class="muted">{format!(" ({count})")}</span>
            </summary>
            {children.into_iter().map(|(key, value)| node(key, value, false)).collect_view()}
        </details>
    }
    .into_any()
}
