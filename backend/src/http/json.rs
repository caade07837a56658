//! JSON answers. A cached [`Answer`] is sent as the bytes it already holds — plain, gzip or brotli,
//! whichever the client accepts — so serving it from cache costs no serialization and no
//! compression. The compression layer leaves responses that carry a `Content-Encoding` alone.

use std::convert::Infallible;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::negotiate::{Encoding, preferred};
use crate::answer::Answer;

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
        let (encoding, body) = match wanted {
            Encoding::Brotli => match answer.brotli() {
                Some(body) => (Encoding::Brotli, body.clone()),
                None => (Encoding::Identity, answer.json().clone()),
            },
            Encoding::Gzip => match answer.gzip() {
                Some(body) => (Encoding::Gzip, body.clone()),
                None => (Encoding::Identity, answer.json().clone()),
            },
            Encoding::Identity => (Encoding::Identity, answer.json().clone()),
        };
        let mut response = Response::new(Body::from(body));
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        if let Some(value) = encoding.header_value() {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(value));
        }
        response
    }
}
