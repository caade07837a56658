use leptos::html::Dialog;
use leptos::prelude::*;

use crate::model::services::Confirmation;

/// A modal question. The native modal `<dialog>` makes the rest of the page inert (focus stays
/// inside) and turns Escape into a `cancel` event; focus starts on "Cancel", the safe answer.
#[component]
pub fn ConfirmDialog(
    /// Shown while `Some`.
    question: Signal<Option<Confirmation>>,
    on_answer: Callback<bool>,
) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    Effect::new(move |_| {
        let Some(element) = dialog.get() else { return };
        if question.with(Option::is_some) {
            if !element.open() {
                // Fails only if the dialog is not in the document, when there is nothing to show.
                let _ = element.show_modal();
            }
        } else if element.open() {
            element.close();
        }
    });
    let title = move || question.with(|question| question.as_ref().map(|q| q.title.clone()));
    let paragraphs = move |read: fn(&Confirmation) -> &Vec<String>| {
        move || {
            let lines = question.with(|q| q.as_ref().map(|q| read(q).clone()));
            lines
                .unwrap_or_default()
                .into_iter()
                .map(|line| view! { <p>{line}</p> })
                .collect_view()
        }
    };
    let list = move || {
        let items = question.with(|q| q.as_ref().map(|q| q.list.clone()));
        let items = items.unwrap_or_default();
        (!items.is_empty()).then(|| {
            let items = items
                .into_iter()
                .map(|item| view! { <li>{item}</li> })
                .collect_view();
            view! { <ul class="confirm-list mono">{items}</ul> }
        })
    };
    let confirm = move || question.with(|q| q.as_ref().and_then(|q| q.confirm.clone()));
    // A question that cannot be answered yes (the change is refused) only closes.
    let cancel = move || {
        if confirm().is_some() {
            "Cancel"
        } else {
            "Close"
        }
    };
    view! {
        <dialog
            node_ref=dialog
            class="confirm-dialog"
            aria-label=title
            on:cancel=move |event: web_sys::Event| {
                event.prevent_default();
                on_answer.run(false);
            }
        >
            <h2>{title}</h2>
            {paragraphs(|q| &q.body)}
            {list}
            {paragraphs(|q| &q.notes)}
            <div class="dialog-buttons">
                <button type="button" class="cancel" autofocus on:click=move |_| on_answer.run(false)>
                    {cancel}
                </button>
                <button
                    type="button"
                    class="confirm primary"
                    hidden=move || confirm().is_none()
                    on:click=move |_| on_answer.run(true)
                >
                    {confirm}
                </button>
            </div>
        </dialog>
    }
}
