//! The kinds of request auth treats differently, and what access control knows of the
//! route a request is for.

use axum::http::Method;

use super::embed::View;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteClass {
    /// The browser bundle: no data, so it is public (a browser cannot attach a bearer token to
    /// a page load anyway).
    Static,
    /// The liveness check (`/api/v1/health`): load balancers and orchestrators call it without
    /// credentials, so anyone may read it; what it tells someone not signed in is only whether
    /// runtrace and AWS answer.
    Probe,
    /// `GET`/`HEAD` under `/api`: any signed-in role.
    Read,
    /// Anything else under `/api`: operators only, with the CSRF checks and an audit line.
    Mutation,
    /// Stopping an all-spans search (a read someone started; `DELETE
    /// /api/v1/traces/searches/{id}`): it changes nothing in AWS, so any signed-in role may;
    /// CSRF checks and an audit line as for a change. Only a row of the table makes a route
    /// one: by path and method alone, a `DELETE` is a change.
    Cancel,
}

/// Access control's columns of a row of the route table (`http::routes::table`): the route's
/// class and the embedded views whose links may read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Access {
    pub class: RouteClass,
    pub embed: &'static [View],
    /// The parameters that select data (`region`, `group`) the route reads, from its path or
    /// its query; one it reads but is not given takes its default.
    pub reads: &'static [&'static str],
}

impl Access {
    /// A request no route of the table serves: classed by [`RouteClass::of`], readable by no
    /// embed link.
    pub fn unrouted(method: &Method, path: &str) -> Self {
        Self {
            class: RouteClass::of(method, path),
            embed: &[],
            reads: &[],
        }
    }
}

impl RouteClass {
    /// By path and method alone: what a request gets when it matches no route of the table
    /// (the bundle, or an unknown API path that will be answered 404 or 405).
    pub fn of(method: &Method, path: &str) -> Self {
        let api = path == "/api" || path.starts_with("/api/");
        match (api, method == Method::GET || method == Method::HEAD) {
            (false, _) => Self::Static,
            (true, true) => Self::Read,
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
        check(Method::DELETE, "/api/v1/anything", RouteClass::Mutation);
    }
}
