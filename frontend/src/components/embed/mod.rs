//! Embed mode in the browser: the slim chrome that replaces the top bar, and the guard that keeps
//! the embedding across in-app navigation (the state itself is read once, `browser::embed`).

mod chrome;

pub use chrome::EmbedChrome;
