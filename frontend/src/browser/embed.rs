//! The embedding is decided once, by the address the page was loaded with: a link that forgets
//! the parameters must not turn an iframe into the full app, nor drop the API token.

use std::sync::OnceLock;

use crate::model::UrlState;
use crate::model::embed::EmbedState;

static STATE: OnceLock<EmbedState> = OnceLock::new();

/// The embedding of this page load (not embedded when there is no browser, as in native tests).
pub fn page_embed_state() -> &'static EmbedState {
    STATE.get_or_init(|| EmbedState::parse(load_query()))
}

fn load_query() -> Vec<(String, String)> {
    let search = web_sys::window()
        .and_then(|window| window.location().search().ok())
        .unwrap_or_default();
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (key, value) = part.split_once('=').unwrap_or((part, ""));
            (decode(key), decode(value))
        })
        .collect()
}

fn decode(text: &str) -> String {
    let spaced = text.replace('+', " ");
    // A malformed escape is kept as typed: the backend then refuses the token and says so.
    js_sys::decode_uri_component(&spaced).map_or(spaced, String::from)
}
