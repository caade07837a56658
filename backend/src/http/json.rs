//! JSON answers. A cached [`Answer`] is sent as the bytes it already holds — plain, gzip or brotli,
//! whichever the client accepts — so serving it from cache costs no serialization and no
//! compression. The compression layer leaves responses that carry a `Content-Encoding` alone.

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::negotiate::{Encoding, preferred};
use crate::answer::{Answer, Body};

/// The best encoding the client accepts, from `Accept-Encoding`.
pub struct AcceptEncoding(pub Encoding);

impl<S: Send + Sync> FromRequestParts<S> for AcceptEncoding {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        let header = parts
            .headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        Ok(Self(preferred(header)))
    }
}

pub struct JsonAnswer<T>(pub Arc<Answer<T>>, pub AcceptEncoding);

impl<T: Serialize> IntoResponse for JsonAnswer<T> {
    fn into_response(self) -> Response {
        let Self(answer, AcceptEncoding(wanted)) = self;
        respond(
            "application/json",
            "accept-encoding",
            answer.json_body(),
            wanted,
        )
    }
}

/// `body` in the encoding `wanted`, or plain when it did not gain from compression.
pub fn respond(
    content_type: &'static str,
    vary: &'static str,
    body: &Body,
    wanted: Encoding,
) -> Response {
    let compressed = match wanted {
        Encoding::Brotli => body.brotli(),
        Encoding::Gzip => body.gzip(),
        Encoding::Identity => None,
    };
    let (encoding, bytes) = match compressed {
        Some(bytes) => (wanted, bytes.clone()),
        None => (Encoding::Identity, body.plain().clone()),
    };
    let mut response = Response::new(axum::body::Body::from(bytes));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::VARY, HeaderValue::from_static(vary));
    if let Some(value) = encoding.header_value() {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(value));
    }
    response
}
