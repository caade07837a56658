//! `GET /traces/{id}` in either form: JSON, the public contract, or the compact form
//! (`shared::api::compact_trace`) that a client asks for by naming its media type in `Accept`,
//! as runtrace's own pages do. Both are made once per cached answer and compressed like any
//! JSON answer; a client that does not ask, or asks in a way that does not parse, gets JSON.

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use shared::api::TraceDetail;
use shared::api::compact_trace::{MEDIA_TYPE, encode};

use super::json::{AcceptEncoding, respond};
use super::negotiate::prefers_media;
use crate::answer::Answer;

/// The answer depends on both headers, so a cache between must key on both.
const VARY: &str = "accept, accept-encoding";

/// Whether the request's `Accept` asks for the compact form over JSON.
pub struct AcceptsCompact(pub bool);

impl<S: Send + Sync> FromRequestParts<S> for AcceptsCompact {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        let accept = parts
            .headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        Ok(Self(prefers_media(accept, MEDIA_TYPE)))
    }
}

pub struct TraceAnswer {
    pub answer: Arc<Answer<TraceDetail>>,
    pub encoding: AcceptEncoding,
    pub compact: AcceptsCompact,
}

impl IntoResponse for TraceAnswer {
    fn into_response(self) -> Response {
        let AcceptEncoding(wanted) = self.encoding;
        let compact = self.compact.0.then(|| {
            self.answer.other_body(|detail| {
                encode(detail)
                    .inspect_err(|error| {
                        tracing::error!(%error, id = %detail.id, "a trace has no compact form; JSON is sent");
                    })
                    .ok()
            })
        });
        match compact.flatten() {
            Some(body) => respond(MEDIA_TYPE, VARY, body, wanted),
            None => respond("application/json", VARY, self.answer.json_body(), wanted),
        }
    }
}
