//! Embed mode in the browser: the state read from the page's address, the slim chrome that
//! replaces the top bar, and the guard that keeps the embedding across in-app navigation.

mod chrome;
mod page_state;

pub use chrome::EmbedChrome;
pub use page_state::page_embed_state;
