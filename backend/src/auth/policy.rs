//! The decision for one request: who is asking, and may they do this? Pure — the middleware
//! gathers the facts (method, path, headers, peer address, now) and applies the answer.

use std::net::IpAddr;

use axum::http::{HeaderMap, Method, header};
use shared::api::{AuthMode, Role};

use super::csrf;
use super::embed::{self, EMBED_HEADER, KeyRing, PAGE_PARAMETER};
use super::host::HostPolicy;
use super::principal::Principal;
use super::proxy::ProxyAuth;
use super::refusal::Refusal;
use super::route_class::{Access, RouteClass};
use super::tokens::TokenStore;

/// How people who are not using an embed link sign in.
#[derive(Debug, Clone)]
pub enum Mode {
    None,
    Token(TokenStore),
    Proxy(ProxyAuth),
}

impl Mode {
    pub fn auth_mode(&self) -> AuthMode {
        match self {
            Self::None => AuthMode::None,
            Self::Token(_) => AuthMode::Token,
            Self::Proxy(_) => AuthMode::Proxy,
        }
    }
}

/// What the middleware knows about a request.
pub struct RequestFacts<'a> {
    pub method: &'a Method,
    pub path: &'a str,
    pub query: Option<&'a str>,
    pub headers: &'a HeaderMap,
    /// The TCP peer; `None` when unknown (e.g. tests without a socket).
    pub peer: Option<IpAddr>,
    pub now: i64,
    /// The route's class and embed scope, from the route table.
    pub access: Access,
    /// The route's path parameters (`region`, `name`, `id`) with their values.
    pub params: &'a [(&'static str, &'a str)],
}

#[derive(Debug)]
pub struct Policy {
    pub mode: Mode,
    /// Embed links are refused when there is no key.
    pub embed_keys: Option<KeyRing>,
    /// The names requests may address runtrace by.
    pub hosts: HostPolicy,
}

/// Headers that decide who is asking or whether a change is same-origin.
const SINGLE_HEADERS: &[&str] = &[
    "host",
    "origin",
    "sec-fetch-site",
    "authorization",
    EMBED_HEADER,
    csrf::CSRF_HEADER,
];

impl Policy {
    pub fn open() -> Self {
        Self {
            mode: Mode::None,
            embed_keys: None,
            hosts: HostPolicy::Any,
        }
    }

    /// Who is asking and whether they may: [`Self::admit`], [`Self::identify`], then
    /// [`Self::permit`].
    pub fn authorize(&self, request: &RequestFacts<'_>) -> Result<Principal, Refusal> {
        self.admit(request.headers)?;
        let principal = self.identify(request)?;
        Self::permit(&principal, request)?;
        Ok(principal)
    }

    /// Before anyone is identified: the request names a host runtrace answers to, and sends
    /// each header that decides access at most once (a proxy and runtrace could otherwise each
    /// read a different one).
    pub fn admit(&self, headers: &HeaderMap) -> Result<(), Refusal> {
        let proxy_header = match &self.mode {
            Mode::Proxy(proxy) => Some(proxy.header_name()),
            _ => None,
        };
        let twice = SINGLE_HEADERS
            .iter()
            .copied()
            .chain(proxy_header)
            .find(|name| headers.get_all(*name).iter().nth(1).is_some());
        if let Some(name) = twice {
            return Err(Refusal::Ambiguous(format!(
                "the request sends the header {name} more than once"
            )));
        }
        self.hosts.check(headers).map_err(Refusal::Misdirected)
    }

    /// Who is asking: an embed link (checked against its scope), anyone for the bundle, else
    /// the configured mode.
    pub fn identify(&self, request: &RequestFacts<'_>) -> Result<Principal, Refusal> {
        if let Some(token) = embed_token(request) {
            return self.embed_principal(token, request);
        }
        match (&self.mode, request.access.class) {
            (Mode::None, _) => Ok(Principal::local()),
            // Anonymous: the bundle holds no data.
            (mode, RouteClass::Static) => Ok(self.anonymous(mode.auth_mode())),
            // The probe says only whether things answer to anyone, and why to the signed-in.
            (mode, RouteClass::Probe) => Ok(self
                .signed_in(mode, request)
                .unwrap_or_else(|_| self.anonymous(mode.auth_mode()))),
            (mode, _) => self.signed_in(mode, request),
        }
    }

    /// Who is asking by the configured mode's own means (a token, the proxy's header).
    fn signed_in(&self, mode: &Mode, request: &RequestFacts<'_>) -> Result<Principal, Refusal> {
        match mode {
            Mode::None => Ok(Principal::local()),
            Mode::Token(store) => bearer_principal(store, request.headers),
            Mode::Proxy(proxy) => proxy
                .identify(request.peer, request.headers)
                .map_err(Refusal::Unauthenticated),
        }
    }

    /// Changes need an operator and must pass the CSRF checks; stopping a search needs only
    /// the CSRF checks; reads need only a principal.
    pub fn permit(principal: &Principal, request: &RequestFacts<'_>) -> Result<(), Refusal> {
        match request.access.class {
            RouteClass::Static | RouteClass::Probe | RouteClass::Read => return Ok(()),
            RouteClass::Cancel => return csrf::check(request.headers).map_err(Refusal::Csrf),
            RouteClass::Mutation => {}
        }
        if principal.role != Role::Operator {
            return Err(Refusal::Forbidden(format!(
                "{} is a viewer; changes need the operator role",
                principal.who()
            )));
        }
        csrf::check(request.headers).map_err(Refusal::Csrf)
    }

    /// Someone not (yet) identified, for the audit of a refused change.
    pub fn anonymous(&self, mode: AuthMode) -> Principal {
        Principal {
            mode,
            role: Role::Viewer,
            user: None,
        }
    }

    fn embed_principal(
        &self,
        token: &str,
        request: &RequestFacts<'_>,
    ) -> Result<Principal, Refusal> {
        let keys = self.embed_keys.as_ref().ok_or_else(|| {
            Refusal::Embed(embed::EmbedError::UnknownKey(
                "(no embed keys configured)".into(),
            ))
        })?;
        let claims = embed::verify(keys, token, request.now).map_err(Refusal::Embed)?;
        embed::check_scope(
            &claims,
            &embed::Asked {
                method: request.method,
                path: request.path,
                query: request.query,
                access: request.access,
                params: request.params,
            },
        )
        .map_err(Refusal::Embed)?;
        Ok(Principal::embed())
    }
}

/// The embed token from the API header or, on page loads, the page's query parameter.
fn embed_token<'a>(request: &RequestFacts<'a>) -> Option<&'a str> {
    if let Some(value) = request.headers.get(EMBED_HEADER) {
        // A header that is not text is still an (invalid) token, never "no token".
        return Some(value.to_str().unwrap_or_default());
    }
    embed::scope::query_pairs(request.query.unwrap_or_default())
        .find(|(name, _)| *name == PAGE_PARAMETER)
        .map(|(_, value)| value)
}

fn bearer_principal(store: &TokenStore, headers: &HeaderMap) -> Result<Principal, Refusal> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .ok_or_else(|| {
            Refusal::Unauthenticated(
                "sign in: send `Authorization: Bearer <token>` with a token from the server's \
                 token file"
                    .into(),
            )
        })?;
    let holder = store.holder(token).ok_or_else(|| {
        Refusal::Unauthenticated("this token is not valid (unknown, or revoked)".into())
    })?;
    Ok(Principal {
        mode: AuthMode::Token,
        role: holder.role,
        user: Some(holder.name),
    })
}
