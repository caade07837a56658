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

use super::{groups, health, map, services, spans, traces};
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
    /// The data-selecting parameters it reads (an embed link that pins one must send it).
    pub reads: &'static [&'static str],
    /// The handler, for the method the row names.
    handler: fn(MethodFilter) -> MethodRouter<AppState>,
}

use RouteClass::{Cancel, Mutation, Probe, Read};
const ALL: &[View] = View::ALL;
const MAP: &[View] = &[View::Map];
const SERVICES: &[View] = &[View::Services];
const TRACES: &[View] = &[View::Traces];
const NONE: &[View] = &[];
const NOTHING: &[&str] = &[];
const REGION: &[&str] = &["region"];
const REGION_GROUP: &[&str] = &["region", "group"];

#[rustfmt::skip]
pub static API: &[Route] = &[
    row(Method::GET, "/health", Probe, ALL, NOTHING, |m| on(m, health::health)),
    row(Method::GET, "/config", Read, ALL, NOTHING, |m| on(m, health::config)),
    // Every region's services: a link pinned to one region cannot read it.
    row(Method::GET, "/services", Read, SERVICES, REGION, |m| on(m, services::list)),
    row(Method::GET, "/services/{region}/{name}", Read, SERVICES, REGION, |m| on(m, services::detail)),
    row(Method::GET, "/services/{region}/{name}/operations/{id}", Read, SERVICES, REGION, |m| on(m, services::operation)),
    row(Method::PUT, "/services/{region}/{name}/tracing", Mutation, NONE, REGION, |m| on(m, services::set_tracing)),
    row(Method::GET, "/map", Read, MAP, REGION_GROUP, |m| on(m, map::map)),
    row(Method::GET, "/map/timeseries", Read, MAP, REGION_GROUP, |m| on(m, map::timeseries)),
    row(Method::GET, "/traces", Read, TRACES, REGION, |m| on(m, traces::list)),
    // Before the rows of one trace: a search id is a path segment where a trace id is too.
    row(Method::GET, "/traces/searches/{id}", Read, TRACES, NOTHING, |m| on(m, spans::poll_search)),
    row(Method::DELETE, "/traces/searches/{id}", Cancel, NONE, NOTHING, |m| on(m, spans::stop_search)),
    row(Method::GET, "/traces/{id}", Read, TRACES, REGION, |m| on(m, traces::one)),
    row(Method::GET, "/traces/{id}/retrieval", Read, TRACES, REGION, |m| on(m, spans::retrieval)),
    row(Method::GET, "/traces/{id}/documents/{index}", Read, TRACES, REGION, |m| on(m, traces::document)),
    row(Method::GET, "/traces/{id}/export", Read, TRACES, REGION, |m| on(m, traces::export)),
    row(Method::GET, "/traces/{id}/map", Read, TRACES, REGION, |m| on(m, traces::map)),
    row(Method::GET, "/groups", Read, &[View::Map, View::Traces], REGION, |m| on(m, groups::list)),
    row(Method::GET, "/transaction-search", Read, &[View::Map, View::Traces], REGION, |m| on(m, spans::mode)),
];

const fn row(
    method: Method,
    path: &'static str,
    class: RouteClass,
    embed: &'static [View],
    reads: &'static [&'static str],
    handler: fn(MethodFilter) -> MethodRouter<AppState>,
) -> Route {
    Route {
        method,
        path,
        class,
        embed,
        reads,
        handler,
    }
}

impl Route {
    pub fn access(&self) -> Access {
        Access {
            class: self.class,
            embed: self.embed,
            reads: self.reads,
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

    /// The row's path parameters (`{region}`, `{id}`, …) with their values; none when no row
    /// serves the request.
    pub fn params(&self) -> &[(&'static str, &str)] {
        match self {
            Self::Found(found) => &found.params,
            _ => &[],
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
    use crate::auth::embed::{Asked, EmbedClaims, check_scope};

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

    /// Whether `claims` may make the request `method uri`, as the auth layer decides it.
    fn within(claims: &EmbedClaims, method: &Method, uri: &str) -> bool {
        let (path, query) = uri
            .split_once('?')
            .map_or((uri, None), |(p, q)| (p, Some(q)));
        let route = lookup(method, path);
        let asked = Asked {
            method,
            path,
            query,
            access: route.access(method, path),
            params: route.params(),
        };
        check_scope(claims, &asked).is_ok()
    }

    /// Every route, and hostile variants, against every kind of link: a view, a view pinned to
    /// a region, one service, one trace.
    #[test]
    fn every_route_against_every_scope() {
        const TRACE: &str = "1-5f84c7a9-0123456789abcdef01234567";
        let scopes = [
            claims("/map", &[("window", "1h")]),
            claims("/map", &[("region", "eu-west-1")]),
            claims("/services", &[]),
            claims("/services/shop", &[("region", "us-east-1")]),
            claims("/traces", &[]),
            claims(&format!("/traces/{TRACE}"), &[("region", "us-east-1")]),
        ];
        let (t, f) = (true, false);
        let trace = |rest: &str| format!("/api/v1/traces/{TRACE}{rest}");
        #[rustfmt::skip]
        let cases: Vec<(Method, String, [bool; 6])> = vec![
            //                                                     map    map@eu services service traces trace
            (Method::GET, "/api/v1/health".into(),                [t,     t,     t,       t,      t,     t]),
            (Method::GET, "/api/v1/config".into(),                [t,     t,     t,       t,      t,     t]),
            (Method::GET, "/api/v1/services".into(),              [f,     f,     t,       f,      f,     f]),
            (Method::GET, "/api/v1/services/us-east-1/shop".into(), [f,   f,     t,       t,      f,     f]),
            (Method::GET, "/api/v1/services/eu-west-1/shop".into(), [f,   f,     t,       f,      f,     f]),
            (Method::GET, "/api/v1/services/us-east-1/cart".into(), [f,   f,     t,       f,      f,     f]),
            (Method::GET, "/api/v1/services/us-east-1/shop/operations/op-1".into(), [f, f, t, t, f, f]),
            (Method::PUT, "/api/v1/services/us-east-1/shop/tracing".into(), [f, f, f,     f,      f,     f]),
            (Method::GET, "/api/v1/map?region=eu-west-1".into(),  [t,     t,     f,       f,      f,     f]),
            (Method::GET, "/api/v1/map?window=1h".into(),         [t,     f,     f,       f,      f,     f]),
            (Method::GET, "/api/v1/map?region=us-east-1".into(),  [t,     f,     f,       f,      f,     f]),
            (Method::GET, "/api/v1/map?%72egion=us-east-1".into(), [t,    f,     f,       f,      f,     f]),
            (Method::GET, "/api/v1/map?region=eu%2Dwest%2D1".into(), [t,  t,     f,       f,      f,     f]),
            (Method::GET, "/api/v1/map?region=eu-west-1&region=us-east-1".into(), [f, f, f, f, f,     f]),
            (Method::GET, "/api/v1/map?group=a&group=b".into(),   [f,     f,     f,       f,      f,     f]),
            (Method::GET, "/api/v1/map/timeseries?region=eu-west-1&node=api".into(), [t, t, f, f, f,   f]),
            (Method::GET, "/api/v1/traces?region=us-east-1".into(), [f,   f,     f,       f,      t,     f]),
            (Method::GET, format!("{}?region=us-east-1", trace("")), [f,  f,     f,       f,      t,     t]),
            (Method::GET, trace(""),                              [f,     f,     f,       f,      t,     f]),
            (Method::GET, format!("{}?region=eu-west-1", trace("")), [f,  f,     f,       f,      t,     f]),
            (Method::GET, "/api/v1/traces/1-5f84c7a9-ffffffffffffffffffffffff?region=us-east-1".into(), [f, f, f, f, t, f]),
            (Method::GET, format!("{}?region=us-east-1", trace("/documents/0")), [f, f, f, f,    t,     t]),
            (Method::GET, format!("{}?region=us-east-1", trace("/export")), [f, f, f, f,         t,     t]),
            (Method::GET, format!("{}?region=us-east-1", trace("/map")), [f, f,  f,       f,      t,     t]),
            (Method::GET, "/api/v1/groups?region=eu-west-1".into(), [t,   t,     f,       f,      t,     f]),
            (Method::GET, "/api/v1/transaction-search?region=eu-west-1".into(), [t, t, f, f,      t,     f]),
            (Method::GET, "/api/v1/transaction-search?region=us-east-1".into(), [t, f, f, f,      t,     f]),
            (Method::GET, "/api/v1/traces/searches/0f3a".into(),  [f,     f,     f,       f,      t,     f]),
            (Method::DELETE, "/api/v1/traces/searches/0f3a".into(), [f,   f,     f,       f,      f,     f]),
            (Method::GET, format!("{}?region=us-east-1", trace("/retrieval")), [f, f, f, f,      t,     t]),
            (Method::GET, "/api/v1/mapx".into(),                  [f,     f,     f,       f,      f,     f]),
            // Pages and assets: the link's own view, any file of the bundle.
            (Method::GET, "/map".into(),                          [t,     t,     f,       f,      f,     f]),
            (Method::GET, "/traces".into(),                       [f,     f,     f,       f,      t,     t]),
            (Method::GET, "/frontend-1a2b.wasm".into(),           [t,     t,     t,       t,      t,     t]),
            (Method::GET, "/".into(),                             [f,     f,     f,       f,      f,     f]),
            (Method::POST, "/map".into(),                         [f,     f,     f,       f,      f,     f]),
        ];
        for (method, uri, expect) in &cases {
            let got: Vec<bool> = scopes.iter().map(|c| within(c, method, uri)).collect();
            assert_eq!(got, expect.to_vec(), "{method} {uri}");
        }
        // Every row of the table appears above.
        for route in API {
            let covered = cases.iter().any(|(method, uri, _)| {
                let path = uri.split('?').next().unwrap_or_default();
                *method == route.method
                    && matches!(lookup(method, path), Lookup::Found(f) if std::ptr::eq(f.route, route))
            });
            assert!(covered, "no case for {route:?}");
        }
        assert!(!within(
            &claims("/kiosk", &[]),
            &Method::GET,
            "/api/v1/config"
        ));
        assert!(!within(
            &claims("/services/a/b", &[]),
            &Method::GET,
            "/api/v1/config"
        ));
    }
}
