//! What an embed link may read: the static bundle, and the API reads of its view. A link for the
//! map cannot list traces, and no link can change anything.

use axum::http::Method;

use super::token::{EmbedClaims, EmbedError};
use crate::auth::route_class::RouteClass;

/// The pages that can be embedded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Map,
    Services,
    Traces,
}

/// Query parameters that select data (not just its presentation): when the link pins one, API
/// reads may not ask for another value.
const PINNED_PARAMETERS: &[&str] = &["region", "group"];

/// Every view needs the server's configuration and health.
const COMMON_READS: &[&str] = &["/api/v1/config", "/api/v1/health"];

impl View {
    /// The view of a page path such as `/map` or `/services/us-east-1/shop`.
    pub fn of_page(path: &str) -> Result<Self, String> {
        let first = path
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or_default();
        match first {
            "map" => Ok(Self::Map),
            "services" => Ok(Self::Services),
            "traces" => Ok(Self::Traces),
            _ => Err(format!(
                "`{path}` cannot be embedded; choose a view under /map, /services or /traces"
            )),
        }
    }

    /// API paths (exact, or with sub-paths after `/`) this view reads.
    fn reads(self) -> &'static [&'static str] {
        match self {
            Self::Map => &[
                "/api/v1/map",
                "/api/v1/groups",
                "/api/v1/transaction-search",
            ],
            Self::Services => &["/api/v1/services"],
            Self::Traces => &[
                "/api/v1/traces",
                "/api/v1/groups",
                "/api/v1/transaction-search",
            ],
        }
    }

    fn allows_api(self, path: &str) -> bool {
        let under = |base: &str| {
            path == base
                || path
                    .strip_prefix(base)
                    .is_some_and(|rest| rest.starts_with('/'))
        };
        COMMON_READS.contains(&path) || self.reads().iter().any(|base| under(base))
    }
}

/// Ok when a request with this method, path and raw query is within the link's scope.
pub fn check_scope(
    claims: &EmbedClaims,
    method: &Method,
    path: &str,
    query: Option<&str>,
) -> Result<(), EmbedError> {
    let out_of_scope = || EmbedError::OutOfScope {
        view: claims.view.clone(),
        request: format!("{method} {path}"),
    };
    let view = View::of_page(&claims.view).map_err(|_| out_of_scope())?;
    // The one change a link may make: stopping the all-spans search its traces view started.
    let stops_search = RouteClass::of(method, path) == RouteClass::Cancel && view == View::Traces;
    if method != Method::GET && method != Method::HEAD && !stops_search {
        return Err(out_of_scope());
    }
    if path != "/api" && !path.starts_with("/api/") {
        // Assets hold no data; a page must be the link's own view.
        return match is_asset(path) || View::of_page(path) == Ok(view) {
            true => Ok(()),
            false => Err(out_of_scope()),
        };
    }
    if !view.allows_api(path) {
        return Err(out_of_scope());
    }
    let asks_for_other = query_pairs(query.unwrap_or_default()).any(|(name, value)| {
        PINNED_PARAMETERS.contains(&name)
            && claims.query.get(name).is_some_and(|pinned| pinned != value)
    });
    if asks_for_other {
        return Err(out_of_scope());
    }
    Ok(())
}

/// Files of the bundle (`/frontend-1a2b.wasm`) have an extension; pages (`/map`) do not.
fn is_asset(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|file| file.contains('.'))
}

/// `name=value` pairs of a raw query string, undecoded.
pub fn query_pairs(query: &str) -> impl Iterator<Item = (&str, &str)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

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
            let got = check_scope(claims, &method, path, query);
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
        check(&traces, Method::GET, "/api/v1/traces?source=spans", true);
        check(&traces, Method::GET, "/api/v1/traces/searches/0f3a", true);
        check(
            &traces,
            Method::DELETE,
            "/api/v1/traces/searches/0f3a",
            true,
        );
        check(
            &traces,
            Method::DELETE,
            "/api/v1/traces/1-5f84c7a9-0123456789abcdef01234567",
            false,
        );
        check(
            &traces,
            Method::GET,
            "/api/v1/transaction-search?region=us-east-1",
            true,
        );
        check(
            &map,
            Method::GET,
            "/api/v1/transaction-search?region=eu-west-1",
            true,
        );
        check(
            &map,
            Method::GET,
            "/api/v1/transaction-search?region=us-east-1",
            false,
        );
        check(&map, Method::DELETE, "/api/v1/traces/searches/0f3a", false);
        check(&services, Method::GET, "/api/v1/transaction-search", false);
        check(&claims("/kiosk", &[]), Method::GET, "/api/v1/config", false);
    }

    #[test]
    fn only_the_three_views_can_be_embedded() {
        let check = |path: &str, expect: Option<View>| {
            assert_eq!(View::of_page(path).ok(), expect, "{path}");
        };
        check("/map", Some(View::Map));
        check("/services/eu-west-1/cart", Some(View::Services));
        check("traces", Some(View::Traces));
        check("/", None);
        check("/kiosk", None);
        check("/mapping", None);
    }
}
