//! The four kinds of request auth treats differently.

use axum::http::Method;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteClass {
    /// The browser bundle: no data, so it is public (a browser cannot attach a bearer token to
    /// a page load anyway).
    Static,
    /// `GET`/`HEAD` under `/api`: any signed-in role.
    Read,
    /// Anything else under `/api`: operators only, with the CSRF checks and an audit line.
    Mutation,
    /// `DELETE /api/v1/traces/searches/{id}`: stopping an all-spans search (a read someone
    /// started) changes nothing in AWS, so any signed-in role may; CSRF checks and an audit
    /// line as for a change.
    Cancel,
}

/// Where the all-spans searches live; deleting one stops it.
pub const SEARCHES: &str = "/api/v1/traces/searches/";

impl RouteClass {
    pub fn of(method: &Method, path: &str) -> Self {
        let api = path == "/api" || path.starts_with("/api/");
        let cancel = method == Method::DELETE
            && path
                .strip_prefix(SEARCHES)
                .is_some_and(|id| !id.is_empty() && !id.contains('/'));
        match (api, method == Method::GET || method == Method::HEAD) {
            (false, _) => Self::Static,
            (true, true) => Self::Read,
            (true, false) if cancel => Self::Cancel,
            (true, false) => Self::Mutation,
        }
    }

    /// Whether the request is audited (changes and cancellations).
    pub fn audited(self) -> bool {
        matches!(self, Self::Mutation | Self::Cancel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_classified_by_path_and_method() {
        let check = |method: Method, path: &str, expect: RouteClass| {
            assert_eq!(RouteClass::of(&method, path), expect, "{method} {path}");
        };
        check(Method::GET, "/", RouteClass::Static);
        check(Method::GET, "/map", RouteClass::Static);
        check(Method::GET, "/apix", RouteClass::Static);
        check(Method::GET, "/api/v1/services", RouteClass::Read);
        check(Method::HEAD, "/api/v1/config", RouteClass::Read);
        check(
            Method::PUT,
            "/api/v1/services/r/n/tracing",
            RouteClass::Mutation,
        );
        check(Method::POST, "/api", RouteClass::Mutation);
        check(
            Method::DELETE,
            "/api/v1/traces/searches/0f3a",
            RouteClass::Cancel,
        );
        check(
            Method::DELETE,
            "/api/v1/traces/searches/0f3a/x",
            RouteClass::Mutation,
        );
        check(
            Method::DELETE,
            "/api/v1/traces/searches/",
            RouteClass::Mutation,
        );
        check(
            Method::GET,
            "/api/v1/traces/searches/0f3a",
            RouteClass::Read,
        );
        check(Method::DELETE, "/api/v1/anything", RouteClass::Mutation);
    }
}
