use std::sync::Arc;

use leptos::prelude::*;
use shared::api::ServiceDetail;

use crate::browser::format_instant;
use crate::model::clock::Shown;
use crate::model::services::{Fact, FactValue};

/// Rows of facts about an ECS Express service as a description list: `rows` picks which
/// (`express_facts`: the service and its configuration; `tracing_setup_facts`: its tracing
/// setup). One component for both lists, so its code is compiled once.
#[component]
pub fn ExpressFacts(
    detail: Signal<Arc<ServiceDetail>>,
    rows: fn(&ServiceDetail, &dyn Fn(f64) -> String) -> Vec<Fact>,
    class: &'static str,
) -> impl IntoView {
    let time = |at: f64| format_instant(at, Shown::DateTime);
    let items = move || {
        let facts = detail.with(|d| rows(d, &time));
        facts
            .into_iter()
            .map(|(label, value)| {
                let (class, text, link) = match value {
                    FactValue::Text(text) => ("", text, None),
                    FactValue::Code(text) => ("mono", text, None),
                    FactValue::Warning(text) => ("fact-warning", text, None),
                    FactValue::Link(url) => ("", url.clone(), Some(url)),
                };
                let value = match link {
                    Some(href) => {
                        view! { <a href=href target="_blank" rel="noopener noreferrer">{text}</a> }
                            .into_any()
                    }
                    None => text.into_any(),
                };
                view! { <dt>{label}</dt><dd class=class>{value}</dd> }
            })
            .collect_view()
    };
    view! { <dl class=format!("service-facts {class}")>{items}</dl> }
}
