use leptos::prelude::*;
use shared::api::{OperationProgress, ServiceKind};

use super::confirm_dialog::ConfirmDialog;
use super::tracing_change::{TracingRequest, change_tracing, express_question};
use crate::browser::now_seconds;
use crate::model::services::{
    ChangeOutcome, Confirmation, ServiceRef, confirmation, progress_text,
};
use crate::server_config::use_server_config;

/// The tracing switch of one service of either kind: asks for confirmation (an Express
/// service's lists the variables it sets, read from its page first), starts the change, shows
/// the operation's progress (an Express deployment's stage and a rollback's reason) and the
/// state read back from the service. Read-only servers get the state as text and no switch.
#[component]
pub fn TracingToggle(
    service: ServiceRef,
    /// The state the service last reported; `None` when unknown.
    #[prop(into)]
    enabled: Signal<Option<bool>>,
    /// Called once a change has finished, to reload whatever shows the service.
    #[prop(optional)]
    on_finished: Option<Callback<()>>,
) -> impl IntoView {
    let config = use_server_config();
    // Until the configuration says otherwise, assume read-only: a switch that appears and then
    // vanishes is worse than one that appears a moment late.
    let writable = move || config.loaded().is_some_and(|config| !config.read_only);
    let progress = RwSignal::new(None::<OperationProgress>);
    let asking = RwSignal::new(None::<Confirmation>);
    // What the open question would change to.
    let asked_enable = StoredValue::new(false);
    // When the change was asked for: the progress line counts the seconds from there.
    let asked_at = StoredValue::new(0.0);
    let change = Action::new_local(move |request: &TracingRequest| {
        progress.set(None);
        asked_at.set_value(now_seconds());
        change_tracing(request.clone(), progress)
    });
    Effect::new(move |_| {
        if change.value().with(Option::is_some)
            && let Some(on_finished) = on_finished
        {
            on_finished.run(());
        }
    });

    // After a change the read-back state wins until the service's own data catches up.
    let shown = move || match change.value().get() {
        Some(Ok(ChangeOutcome::Applied { enabled })) => Some(enabled),
        _ => enabled.get(),
    };
    // An Express service's question needs its current plan, read when the switch is clicked;
    // `Some(Err)` says why it could not be. (A task and two signals, not another `Action`: each
    // is compiled anew for its types.)
    let preparing = RwSignal::new(false);
    let prepared = RwSignal::new(None::<String>);
    let pending = change.pending();
    let label = format!("Tracing for {}", service.name);
    let platform = service.platform();
    let ask = {
        let service = service.clone();
        move |_| {
            let enable = !shown().unwrap_or(false);
            asked_enable.set_value(enable);
            match service.kind {
                ServiceKind::AppRunner => asking.set(Some(confirmation(&service, enable, None))),
                ServiceKind::EcsExpress => {
                    preparing.set(true);
                    prepared.set(None);
                    let service = service.clone();
                    leptos::task::spawn_local(async move {
                        let question = express_question(service, enable).await;
                        preparing.try_set(false);
                        match question {
                            Ok(question) => drop(asking.try_set(Some(question))),
                            Err(why) => drop(prepared.try_set(Some(why))),
                        }
                    });
                }
            }
        }
    };
    let answer = Callback::new(move |confirmed: bool| {
        asking.set(None);
        if confirmed {
            change.dispatch(TracingRequest {
                service: service.clone(),
                enable: asked_enable.get_value(),
            });
        }
    });
    let status = move || {
        if pending.get() {
            let seconds = now_seconds() - asked_at.get_value();
            let text = progress.with(|p| p.as_ref().map(|p| progress_text(p, seconds, platform)));
            let text = text.unwrap_or_else(|| format!("Asking {platform}…"));
            return Some(view! { <span class="toggle-progress"><span class="spinner" aria-hidden="true"></span>{text}</span> }.into_any());
        }
        if preparing.get() {
            return Some(view! { <span class="toggle-progress"><span class="spinner" aria-hidden="true"></span>"Reading what would change…"</span> }.into_any());
        }
        if let Some(why) = prepared.get() {
            return Some(view! { <span class="toggle-error" role="alert">{why}</span> }.into_any());
        }
        match change.value().get()? {
            Ok(ChangeOutcome::Applied { enabled }) => {
                let text = format!("Done: tracing is {}", if enabled { "on" } else { "off" });
                Some(view! { <span class="toggle-done">{text}</span> }.into_any())
            }
            Ok(ChangeOutcome::Failed(why)) | Err(why) => {
                Some(view! { <span class="toggle-error" role="alert">{why}</span> }.into_any())
            }
        }
    };
    let state_text = move || match shown() {
        Some(true) => "On",
        Some(false) => "Off",
        None => "Unknown",
    };

    view! {
        <span class="tracing-cell" aria-live="polite">
            {move || if writable() {
                view! {
                    <button
                        type="button"
                        role="switch"
                        class="tracing-switch"
                        aria-checked=move || if shown() == Some(true) { "true" } else { "false" }
                        aria-label=label.clone()
                        disabled=move || pending.get() || preparing.get() || shown().is_none()
                        on:click=ask.clone()
                    >
                        <span class="switch-track" aria-hidden="true"><span class="switch-thumb"></span></span>
                        <span class="switch-text">{state_text}</span>
                    </button>
                    <ConfirmDialog question=asking.into() on_answer=answer />
                }
                .into_any()
            } else {
                view! { <span class="tracing-state">{state_text}</span> }.into_any()
            }}
            {status}
        </span>
    }
}
