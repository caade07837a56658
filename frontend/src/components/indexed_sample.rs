//! A region's Transaction Search mode (`GET /api/v1/transaction-search`), read once a minute at
//! most per region however many views ask, and the one-line note the map and trace views carry
//! where X-Ray's own views show only an indexed sample.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use shared::api::TransactionSearch;

use crate::api::{self, ModeRequest};
use crate::browser::now_seconds;
use crate::model::traces::sample_note;
use crate::polled::{erased_resource, typed};

/// The backend caches the mode for a minute; asking more often would show nothing new.
const KEEP_SECONDS: f64 = 60.0;

thread_local! {
    /// Per region asked for (`None`: the backend's default region), with when it was read.
    static MODES: RefCell<HashMap<Option<String>, (f64, TransactionSearch)>> =
        RefCell::new(HashMap::new());
}

fn cached(region: &Option<String>) -> Option<TransactionSearch> {
    MODES.with(|modes| {
        let modes = modes.borrow();
        let (read_at, mode) = modes.get(region)?;
        (now_seconds() - read_at < KEEP_SECONDS).then(|| mode.clone())
    })
}

/// The mode of `region`, `None` while it loads or when it cannot be read (a role without the
/// Transaction Search permissions: then nothing is said, as before Transaction Search).
pub fn use_transaction_mode(
    region: Signal<Option<String>>,
) -> Signal<Option<Arc<TransactionSearch>>> {
    let fetched = erased_resource(move || {
        let request = ModeRequest {
            region: region.get(),
        };
        async move {
            if let Some(mode) = cached(&request.region) {
                return Ok(mode);
            }
            let mode = api::transaction_search(&request).await?;
            MODES.with(|modes| {
                let entry = (now_seconds(), mode.clone());
                modes.borrow_mut().insert(request.region, entry);
            });
            Ok(mode)
        }
    });
    Signal::derive(move || fetched.with(|answer| answer.as_ref().and_then(|a| typed(a).ok())))
}

/// "Indexed sample: 1 % of spans" where the region's spans go to CloudWatch Logs; nothing
/// where X-Ray keeps every trace.
#[component]
pub fn IndexedSample(
    /// The region's mode (see [`use_transaction_mode`]).
    #[prop(into)]
    mode: Signal<Option<Arc<TransactionSearch>>>,
) -> impl IntoView {
    move || {
        let note = mode.with(|mode| sample_note(mode.as_deref()?))?;
        Some(view! {
            <p class="indexed-sample" role="note" title="CloudWatch Transaction Search keeps every span in the log group aws/spans; X-Ray indexes only this share of traces, and its map and trace search see only those.">
                {note}
            </p>
        })
    }
}
