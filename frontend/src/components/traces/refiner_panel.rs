use leptos::prelude::*;
use shared::filter::{AnnotationRefiner, AnyOp, Refiners, ServiceSelector, Value};

use crate::model::traces::{format_status, non_blank, parse_seconds, parse_status};

const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/// The refiner controls. Each change builds new [`Refiners`] (through the shared builder, in the
/// page) from the current ones plus the edited field. When the expression holds more than they
/// can show, `refiners` is `None` and they step aside for the raw box.
/// One change to the refiners, or why it could not be made (shown as a hint).
type RefinerEdit = Box<dyn FnOnce(&mut Refiners) -> Result<(), String>>;

#[component]
pub fn RefinerPanel(
    #[prop(into)] refiners: Signal<Option<Refiners>>,
    on_change: Callback<Refiners>,
) -> impl IntoView {
    let hint = RwSignal::new(None::<String>);
    let current = move || refiners.get_untracked().unwrap_or_default();
    let apply = move |edit: RefinerEdit| {
        let mut next = current();
        match edit(&mut next) {
            Ok(()) => {
                hint.set(None);
                on_change.run(next);
            }
            Err(message) => hint.set(Some(message)),
        }
    };
    let text_field =
        move |id: &'static str,
              label: &'static str,
              read: fn(&Refiners) -> String,
              write: fn(&mut Refiners, &str) -> Result<(), String>| {
            view! {
                <label class="refiner" for=id>
                    <span>{label}</span>
                    <input
                        id=id
                        type="text"
                        prop:value=move || refiners.get().map(|r| read(&r)).unwrap_or_default()
                        on:change=move |event| {
                            let text = event_target_value(&event);
                            apply(Box::new(move |r| write(r, &text)));
                        }
                    />
                </label>
            }
        };
    let method_box = move |method: &'static str| {
        let checked = move || {
            refiners
                .get()
                .is_some_and(|r| r.methods.iter().any(|m| m == method))
        };
        view! {
            <label class="refiner-check">
                <input
                    type="checkbox"
                    id=format!("refiner-method-{method}")
                    prop:checked=checked
                    on:change=move |event| {
                        let on = event_target_checked(&event);
                        apply(Box::new(move |r| {
                            r.methods.retain(|m| m != method);
                            if on {
                                r.methods.push(method.to_owned());
                            }
                            Ok(())
                        }));
                    }
                />
                {method}
            </label>
        }
    };
    let flag_box = move |name: &'static str, field: fn(&mut Refiners) -> &mut Option<bool>| {
        let checked = move || {
            refiners
                .get()
                .is_some_and(|mut r| *field(&mut r) == Some(true))
        };
        view! {
            <label class="refiner-check">
                <input
                    type="checkbox"
                    id=format!("refiner-flag-{name}")
                    prop:checked=checked
                    on:change=move |event| {
                        let on = event_target_checked(&event);
                        apply(Box::new(move |r| {
                            *field(r) = on.then_some(true);
                            Ok(())
                        }));
                    }
                />
                {name}
            </label>
        }
    };

    view! {
        <fieldset class="refiners" disabled=move || refiners.with(Option::is_none)>
            <legend>"Refine"</legend>
            {move || refiners.with(Option::is_none).then(|| view! {
                <p class="muted">"The expression holds more than these controls can show; edit it above, or clear it to use them."</p>
            })}
            <div class="refiner-grid">
                {text_field("refiner-status", "Status (500 or 5xx)", |r| format_status(r.http_status), |r, t| {
                    r.http_status = parse_status(t)?;
                    Ok(())
                })}
                {text_field("refiner-url", "URL contains", |r| r.url_contains.clone().unwrap_or_default(), |r, t| {
                    r.url_contains = non_blank(t);
                    Ok(())
                })}
                {text_field("refiner-rt-min", "Response ≥ (s)", |r| seconds(r.response_time_min), |r, t| {
                    r.response_time_min = parse_seconds(t)?;
                    Ok(())
                })}
                {text_field("refiner-rt-max", "Response ≤ (s)", |r| seconds(r.response_time_max), |r, t| {
                    r.response_time_max = parse_seconds(t)?;
                    Ok(())
                })}
                {text_field("refiner-service", "Service", |r| match &r.service {
                    Some(ServiceSelector::Name(name)) => name.clone(),
                    _ => String::new(),
                }, |r, t| {
                    r.service = non_blank(t).map(ServiceSelector::Name);
                    Ok(())
                })}
                {text_field("refiner-user", "User", |r| r.user.clone().unwrap_or_default(), |r, t| {
                    r.user = non_blank(t);
                    Ok(())
                })}
                {text_field("refiner-annotation", "Annotation (key=value)", annotation_text, |r, t| {
                    r.annotation = parse_annotation(t);
                    Ok(())
                })}
            </div>
            <div class="refiner-rows">
            <div class="refiner-row" role="group" aria-label="HTTP method">
                <span>"Method"</span>
                {METHODS.map(method_box).collect_view()}
            </div>
            <div class="refiner-row" role="group" aria-label="Outcome">
                <span>"Outcome"</span>
                {flag_box("ok", |r| &mut r.ok)}
                {flag_box("error", |r| &mut r.error)}
                {flag_box("fault", |r| &mut r.fault)}
                {flag_box("throttle", |r| &mut r.throttle)}
            </div>
            </div>
            <p class="refiner-hint" role="status">{move || hint.get()}</p>
        </fieldset>
    }
}

fn seconds(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn annotation_text(refiners: &Refiners) -> String {
    match &refiners.annotation {
        None => String::new(),
        Some(AnnotationRefiner { key, cond: None }) => key.clone(),
        Some(AnnotationRefiner {
            key,
            cond: Some((_, Value::String(text))),
        }) => format!("{key}={text}"),
        Some(AnnotationRefiner {
            key,
            cond: Some((_, value)),
        }) => format!("{key}={value}"),
    }
}

/// `key` tests that the annotation exists; `key=value` compares it, as a number when it is one.
fn parse_annotation(text: &str) -> Option<AnnotationRefiner> {
    let text = non_blank(text)?;
    let Some((key, value)) = text.split_once('=') else {
        return Some(AnnotationRefiner {
            key: text,
            cond: None,
        });
    };
    let value = value.trim();
    let value = match value.parse::<f64>() {
        Ok(number) => Value::Number(number),
        Err(_) if value == "true" || value == "false" => Value::Bool(value == "true"),
        Err(_) => Value::String(value.to_owned()),
    };
    Some(AnnotationRefiner {
        key: key.trim().to_owned(),
        cond: Some((AnyOp::Eq, value)),
    })
}
