//! The axum side of access control: classes every request by the route table, runs
//! [`Policy`](super::Policy) on it, puts the [`Principal`] in the request's extensions, audits
//! changes and sets the framing policy. An API request no row of the table serves never reaches
//! a handler: it is answered 404 here (after the checks, so an unknown path tells a stranger no
//! more than a known one).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use shared::api::AuthMode;

use super::audit::AuditEvent;
use super::frame::with_frame_ancestors;
use super::policy::{Policy, RequestFacts};
use super::principal::Principal;
use super::refusal::Refusal;
use super::route_class::RouteClass;
use super::settings::AuthSettings;
use crate::http::AppError;
use crate::http::routes::no_route;
use crate::http::routes::table::{self, Lookup};

/// What the middleware needs: the settings, the clock (embed links expire) and the server's
/// CSP, into which `--frame-ancestors` is written.
pub struct AuthLayer {
    pub settings: Arc<AuthSettings>,
    pub now: Arc<dyn Fn() -> i64 + Send + Sync>,
    csp: HeaderValue,
}

impl AuthLayer {
    pub fn new(
        settings: Arc<AuthSettings>,
        now: Arc<dyn Fn() -> i64 + Send + Sync>,
        base_csp: &str,
    ) -> Self {
        let csp = with_frame_ancestors(base_csp, &settings.frame_ancestors);
        // `check_frame_ancestors` admits only visible ASCII, which is always a valid header.
        let csp = HeaderValue::from_str(&csp)
            .unwrap_or_else(|_| HeaderValue::from_static("frame-ancestors 'self'"));
        Self { settings, now, csp }
    }
}

pub async fn authorize(
    State(layer): State<Arc<AuthLayer>>,
    mut request: Request,
    next: Next,
) -> Response {
    let policy = &layer.settings.policy;
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let route = table::lookup(&method, &path);
    let access = route.access(&method, &path);
    let facts = RequestFacts {
        method: &method,
        path: &path,
        query: request.uri().query(),
        headers: request.headers(),
        peer,
        now: (layer.now)(),
        access,
        params: route.params(),
    };
    let identified = policy
        .admit(facts.headers)
        .and_then(|()| policy.identify(&facts));
    let decision = match &identified {
        Ok(principal) => Policy::permit(principal, &facts).map(|()| principal.clone()),
        Err(refusal) => Err(refusal.clone()),
    };
    let mutation = access.class.audited();
    let unrouted_api = matches!(route, Lookup::Unknown) && access.class != RouteClass::Static;
    let audit = |who: &Principal, status: StatusCode| {
        if mutation {
            let what = format!("{method} {path}");
            let (region, service) = route.service();
            let event = AuditEvent::new((layer.now)(), who, what, region, service, status);
            layer.settings.audit.record(&event);
        }
    };
    let mut response = match decision {
        Ok(principal) => {
            request.extensions_mut().insert(principal.clone());
            let response = match unrouted_api {
                true => no_route(&path).into_response(),
                false => next.run(request).await,
            };
            audit(&principal, response.status());
            response
        }
        Err(refusal) => {
            tracing::info!(target: "auth", %method, path, detail = refusal.detail(), "refused");
            let who = identified
                .as_ref()
                .map_or_else(|_| policy.anonymous(policy.mode.auth_mode()), Clone::clone);
            audit(&who, refusal.status());
            refusal_response(refusal, policy.mode.auth_mode(), &path)
        }
    };
    frame_policy(&mut response, &layer);
    response
}

fn refusal_response(refusal: Refusal, mode: AuthMode, path: &str) -> Response {
    let challenge = mode == AuthMode::Token && matches!(refusal, Refusal::Unauthenticated(_));
    // A page (a person, or a portal's iframe) gets a page that says why; the API gets the JSON
    // every error has.
    let mut response = if path.starts_with("/api/") {
        AppError::from(refusal).into_response()
    } else {
        (refusal.status(), Html(refusal_page(&refusal))).into_response()
    };
    if challenge {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"runtrace\""),
        );
    }
    response
}

/// A plain page without scripts or styles, so the default CSP allows it anywhere.
fn refusal_page(refusal: &Refusal) -> String {
    let (title, advice) = match refusal {
        Refusal::Embed(_) => (
            "This link does not work",
            "The embed link is invalid, has expired or is for another view. Ask whoever gave it to you for a new one (runtrace embed-link).",
        ),
        Refusal::Unauthenticated(_) => (
            "Sign-in needed",
            "This runtrace asks for credentials; open it through your organisation's sign-in.",
        ),
        Refusal::Forbidden(_) | Refusal::Csrf(_) => {
            ("Not allowed", "Your account may not open this page.")
        }
        Refusal::Misdirected(_) | Refusal::Ambiguous(_) => (
            "Not answered",
            "This address does not lead to runtrace as it is set up; use the address you were given.",
        ),
    };
    let message = escape_html(&refusal.public_body().message);
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>runtrace: {title}</title></head>\
         <body><main><h1>{title}</h1><p>{message}.</p><p>{advice}</p></main></body></html>"
    )
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The response's own CSP (index.html carries script hashes) or the server's, with
/// `frame-ancestors` from `--frame-ancestors`.
fn frame_policy(response: &mut Response, layer: &AuthLayer) {
    let headers = response.headers_mut();
    let own = headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .map(|policy| with_frame_ancestors(policy, &layer.settings.frame_ancestors))
        .and_then(|policy| HeaderValue::from_str(&policy).ok());
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        own.unwrap_or_else(|| layer.csp.clone()),
    );
}
