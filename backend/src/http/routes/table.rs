//! The API's one table of routes. Each row is a route of `/api/v1` with everything the server
//! decides by route: who may call it ([`RouteClass`]: any signed-in role, or operators with the
//! CSRF checks and an audit line), which embed links may read it, and its handler. The router
//! is built from the table ([`router`]), the auth layer classes every request by it
//! ([`lookup`]), the embed scopes and the audit read their columns from it, and an API request
//! that matches no row is answered 404 before any handler runs: a route added to the router
//! behind the table's back is unreachable.
//!
//! To add a route: write the handler in its area's module, add one row here.

use axum::Router;
use axum::http::Method;
use axum::routing::{MethodFilter, MethodRouter, on};

use super::{groups, health, map, services, traces};
use crate::auth::embed::View;
use crate::auth::{Access, RouteClass};
use crate::http::state::AppState;

/// Where the table's paths are served.
pub const PREFIX: &str = "/api/v1";

pub struct Route {
    /// GET routes also answer HEAD.
    pub method: Method,
    /// Below [`PREFIX`], in axum's syntax: `{name}` is one non-empty segment.
    pub path: &'static str,
    pub class: RouteClass,
    /// The embedded views whose links may read the route (never a change).
    pub embed: &'static [View],
    /// The handler, for the method the row names.
    handler: fn(MethodFilter) -> MethodRouter<AppState>,
}

use RouteClass::{Mutation, Probe, Read};
const ALL: &[View] = View::ALL;
const MAP: &[View] = &[View::Map];
const SERVICES: &[View] = &[View::Services];
const TRACES: &[View] = &[View::Traces];
const NONE: &[View] = &[];

#[rustfmt::skip]
pub static API: &[Route] = &[
    row(Method::GET, "/health", Probe, ALL, |m| on(m, health::health)),
    row(Method::GET, "/config", Read, ALL, |m| on(m, health::config)),
    row(Method::GET, "/services", Read, SERVICES, |m| on(m, services::list)),
    row(Method::GET, "/services/{region}/{name}", Read, SERVICES, |m| on(m, services::detail)),
    row(Method::GET, "/services/{region}/{name}/operations/{id}", Read, SERVICES, |m| on(m, services::operation)),
    row(Method::PUT, "/services/{region}/{name}/tracing", Mutation, NONE, |m| on(m, services::set_tracing)),
    row(Method::GET, "/map", Read, MAP, |m| on(m, map::map)),
    row(Method::GET, "/map/timeseries", Read, MAP, |m| on(m, map::timeseries)),
    row(Method::GET, "/traces", Read, TRACES, |m| on(m, traces::list)),
    row(Method::GET, "/traces/{id}", Read, TRACES, |m| on(m, traces::one)),
    row(Method::GET, "/traces/{id}/documents/{index}", Read, TRACES, |m| on(m, traces::document)),
    row(Method::GET, "/traces/{id}/export", Read, TRACES, |m| on(m, traces::export)),
    row(Method::GET, "/traces/{id}/map", Read, TRACES, |m| on(m, traces::map)),
    row(Method::GET, "/groups", Read, &[View::Map, View::Traces], |m| on(m, groups::list)),
];

const fn row(
    method: Method,
    path: &'static str,
    class: RouteClass,
    embed: &'static [View],
    handler: fn(MethodFilter) -> MethodRouter<AppState>,
) -> Route {
    Route {
        method,
        path,
        class,
        embed,
        handler,
    }
}

impl Route {
    pub fn access(&self) -> Access {
        Access {
            class: self.class,
            embed: self.embed,
        }
    }

    fn serves(&self, method: &Method) -> bool {
        self.method == method || (self.method == Method::GET && method == Method::HEAD)
    }
}

/// The router of every row (below [`PREFIX`]); with `read_only`, the changes are not served at
/// all. Unknown paths get a JSON 404, known paths with another method a JSON 405.
pub fn router(read_only: bool) -> Router<AppState> {
    API.iter()
        .filter(|route| !(read_only && route.class == Mutation))
        .fold(Router::new(), |router, route| {
            // Every method of the table is one axum serves (a test checks each row).
            let filter = MethodFilter::try_from(route.method.clone()).unwrap_or(MethodFilter::GET);
            router.route(route.path, (route.handler)(filter))
        })
        .fallback(super::unknown)
        .method_not_allowed_fallback(super::method_not_allowed)
}

/// A row that serves a request, and the request path's parameters by the row's names.
#[derive(Debug)]
pub struct Found<'a> {
    pub route: &'static Route,
    pub params: Vec<(&'static str, &'a str)>,
}

impl Found<'_> {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, value)| *value)
    }
}

impl std::fmt::Debug for Route {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}{}", self.method, PREFIX, self.path)
    }
}

#[derive(Debug)]
pub enum Lookup<'a> {
    Found(Found<'a>),
    /// The path is a route's, the method is not: the router answers 405.
    OtherMethod,
    /// No row has this path (or it is not an API path at all).
    Unknown,
}

/// The row serving `method` on the full request path `path` (`/api/v1/…`).
pub fn lookup<'a>(method: &Method, path: &'a str) -> Lookup<'a> {
    let Some(rest) = path.strip_prefix(PREFIX) else {
        return Lookup::Unknown;
    };
    let mut other_method = false;
    for route in API {
        if let Some(params) = path_params(route.path, rest) {
            if route.serves(method) {
                return Lookup::Found(Found { route, params });
            }
            other_method = true;
        }
    }
    match other_method {
        true => Lookup::OtherMethod,
        false => Lookup::Unknown,
    }
}

impl Lookup<'_> {
    /// The class and embed scope of the request: its row's, or by path and method when no
    /// row serves it.
    pub fn access(&self, method: &Method, path: &str) -> Access {
        match self {
            Self::Found(found) => found.route.access(),
            _ => Access::unrouted(method, path),
        }
    }

    /// The region and name of the service the request is about: its row's `{region}` and
    /// `{name}` (what a change's audit line names).
    pub fn service(&self) -> (Option<&str>, Option<&str>) {
        match self {
            Self::Found(found) => (found.param("region"), found.param("name")),
            _ => (None, None),
        }
    }
}

/// [`Lookup::access`] of a request.
pub fn access(method: &Method, path: &str) -> Access {
    lookup(method, path).access(method, path)
}

/// The parameters of `path` if it matches `pattern` segment by segment.
fn path_params<'a>(pattern: &'static str, path: &'a str) -> Option<Vec<(&'static str, &'a str)>> {
    let mut wanted = pattern.split('/');
    let mut given = path.split('/');
    let mut params = Vec::new();
    loop {
        match (wanted.next(), given.next()) {
            (None, None) => return Some(params),
            (Some(want), Some(segment)) => {
                match want.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
                    Some(name) if !segment.is_empty() => params.push((name, segment)),
                    Some(_) => return None,
                    None if want == segment => {}
                    None => return None,
                }
            }
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::auth::embed::{EmbedClaims, check_scope};

    #[test]
    fn paths_find_their_row_and_parameters() {
        let check = |method: Method, path: &str, expect: Option<(&str, &[(&str, &str)])>| {
            let got = match lookup(&method, path) {
                Lookup::Found(found) => Some((found.route.path, found.params)),
                _ => None,
            };
            let expect = expect.map(|(p, params)| (p, params.to_vec()));
            assert_eq!(got, expect, "{method} {path}");
        };
        check(Method::GET, "/api/v1/services", Some(("/services", &[])));
        check(Method::HEAD, "/api/v1/config", Some(("/config", &[])));
        check(
            Method::GET,
            "/api/v1/services/us-east-1/shop",
            Some((
                "/services/{region}/{name}",
                &[("region", "us-east-1"), ("name", "shop")],
            )),
        );
        check(
            Method::PUT,
            "/api/v1/services/eu-west-1/cart/tracing",
            Some((
                "/services/{region}/{name}/tracing",
                &[("region", "eu-west-1"), ("name", "cart")],
            )),
        );
        check(
            Method::GET,
            "/api/v1/traces/1-2-3/documents/4",
            Some((
                "/traces/{id}/documents/{index}",
                &[("id", "1-2-3"), ("index", "4")],
            )),
        );
        check(Method::GET, "/api/v1/services/", None);
        check(Method::GET, "/api/v1/services//shop", None);
        check(Method::GET, "/api/v1/mapx", None);
        check(Method::GET, "/api/v1", None);
        check(Method::GET, "/api/v2/services", None);
        check(Method::GET, "/map", None);
        assert!(matches!(
            lookup(&Method::POST, "/api/v1/services"),
            Lookup::OtherMethod
        ));
        assert!(matches!(
            lookup(&Method::GET, "/api/v1/services/r/n/tracing"),
            Lookup::OtherMethod
        ));
    }

    #[test]
    fn requests_are_classified_by_their_row() {
        let check = |method: Method, path: &str, expect: RouteClass| {
            assert_eq!(access(&method, path).class, expect, "{method} {path}");
        };
        check(Method::GET, "/", RouteClass::Static);
        check(Method::GET, "/map", RouteClass::Static);
        check(Method::GET, "/api/v1/services", Read);
        check(Method::HEAD, "/api/v1/config", Read);
        check(Method::PUT, "/api/v1/services/r/n/tracing", Mutation);
        // Unrouted: by method, so an unknown change still needs an operator and is audited.
        check(Method::POST, "/api/v1/services", Mutation);
        check(Method::DELETE, "/api/v1/anything", Mutation);
        check(Method::GET, "/api/v1/anything", Read);
    }

    #[test]
    fn every_row_is_unique_and_changes_are_never_embedded() {
        for (index, route) in API.iter().enumerate() {
            assert!(route.path.starts_with('/'), "{route:?}");
            // `router` relies on it: a method axum cannot serve would be served as GET.
            assert!(
                MethodFilter::try_from(route.method.clone()).is_ok(),
                "{route:?}"
            );
            let read = matches!(route.class, Read | Probe);
            assert_eq!(
                read,
                route.method == Method::GET,
                "reads are GETs and GETs are reads: {route:?}"
            );
            assert!(read || route.embed.is_empty(), "{route:?}");
            assert!(
                API[..index]
                    .iter()
                    .all(|other| (other.path, &other.method) != (route.path, &route.method)),
                "{route:?} twice"
            );
        }
    }

    fn claims(view: &str, query: &[(&str, &str)]) -> EmbedClaims {
        EmbedClaims {
            kid: "k1".into(),
            view: view.into(),
            query: query
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect::<BTreeMap<_, _>>(),
            exp: 0,
        }
    }

    #[test]
    fn each_view_reads_only_its_routes() {
        let map = claims("/map", &[("window", "1h"), ("region", "eu-west-1")]);
        let services = claims("/services/us-east-1/shop", &[]);
        let traces = claims("/traces", &[]);
        let check = |claims: &EmbedClaims, method: Method, uri: &str, allowed: bool| {
            let (path, query) = uri
                .split_once('?')
                .map_or((uri, None), |(p, q)| (p, Some(q)));
            let readable_by = access(&method, path).embed;
            let got = check_scope(claims, &method, path, query, readable_by);
            assert_eq!(
                got.is_ok(),
                allowed,
                "{} {method} {uri}: {got:?}",
                claims.view
            );
        };
        check(&map, Method::GET, "/api/v1/map?window=1h", true);
        check(&map, Method::GET, "/api/v1/map/timeseries?window=6h", true);
        check(&map, Method::GET, "/api/v1/map?region=eu-west-1", true);
        check(&map, Method::GET, "/api/v1/map?region=us-east-1", false);
        check(&map, Method::HEAD, "/api/v1/config", true);
        check(&map, Method::GET, "/api/v1/health", true);
        check(&map, Method::GET, "/api/v1/traces", false);
        check(&map, Method::GET, "/api/v1/services", false);
        check(&map, Method::GET, "/api/v1/mapx", false);
        check(&map, Method::GET, "/map", true);
        check(&map, Method::GET, "/frontend-1a2b.wasm", true);
        check(&map, Method::GET, "/assets/app.css", true);
        check(&map, Method::GET, "/traces", false);
        check(&map, Method::GET, "/", false);
        check(&map, Method::POST, "/map", false);
        check(&services, Method::GET, "/api/v1/services", true);
        check(
            &services,
            Method::GET,
            "/api/v1/services/us-east-1/shop",
            true,
        );
        check(
            &services,
            Method::PUT,
            "/api/v1/services/us-east-1/shop/tracing",
            false,
        );
        check(&services, Method::GET, "/api/v1/map", false);
        check(
            &traces,
            Method::GET,
            "/api/v1/traces/1-5f84c7a9-0123456789abcdef01234567",
            true,
        );
        check(&traces, Method::GET, "/api/v1/groups", true);
        check(&claims("/kiosk", &[]), Method::GET, "/api/v1/config", false);
    }
}
