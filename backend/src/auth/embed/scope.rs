//! What an embed link may read: the static bundle, and the API reads of its view. A link for the
//! map cannot list traces, and no link can change anything. Which API routes a view reads is a
//! column of the route table (`http::routes::table`), handed in as the request's
//! [`Access::embed`](crate::auth::Access).
//!
//! A link binds what it names. The parameters that select data (`region`, `group`) it pins
//! must be sent, once, with the pinned value, to every route that reads them — a route given no
//! region reads the default one, which is not the link's — and they are compared as the
//! server reads them, percent-decoded. A link to one resource (`/services/NAME`,
//! `/traces/ID`) reads that resource and what its page loads, nothing else.

use axum::http::Method;

use super::token::{EmbedClaims, EmbedError};
use crate::auth::Access;

/// The pages that can be embedded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Map,
    Services,
    Traces,
}

/// Query parameters that select data (not just its presentation).
const PINNED_PARAMETERS: &[&str] = &["region", "group"];

impl View {
    /// The view of a page path such as `/map` or `/services/shop`.
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

    /// Every view that can be embedded.
    pub const ALL: &'static [View] = &[Self::Map, Self::Services, Self::Traces];
}

/// What a link's page shows: a whole view, or one resource of it.
#[derive(Debug, PartialEq, Eq)]
enum Subject<'a> {
    Whole,
    /// `/services/NAME`: the service's path parameter `name`; `/traces/ID`: `id`.
    One {
        parameter: &'static str,
        value: &'a str,
    },
}

impl<'a> Subject<'a> {
    fn of_page(path: &'a str) -> Option<Self> {
        let mut segments = path.trim_start_matches('/').split('/');
        let view = segments.next()?;
        match (view, segments.next(), segments.next()) {
            (_, None, _) => Some(Self::Whole),
            ("services", Some(name), None) if !name.is_empty() => Some(Self::One {
                parameter: "name",
                value: name,
            }),
            ("traces", Some(id), None) if !id.is_empty() => Some(Self::One {
                parameter: "id",
                value: id,
            }),
            _ => None,
        }
    }
}

/// One request, as the scope check sees it.
pub struct Asked<'a> {
    pub method: &'a Method,
    pub path: &'a str,
    /// The raw query string.
    pub query: Option<&'a str>,
    /// The route's row: which views may read it and which parameters it reads.
    pub access: Access,
    /// The route's path parameters.
    pub params: &'a [(&'static str, &'a str)],
}

/// Ok when the request is within the link's scope.
pub fn check_scope(claims: &EmbedClaims, asked: &Asked<'_>) -> Result<(), EmbedError> {
    let out_of_scope = || EmbedError::OutOfScope {
        view: claims.view.clone(),
        request: format!("{} {}", asked.method, asked.path),
    };
    if asked.method != Method::GET && asked.method != Method::HEAD {
        return Err(out_of_scope());
    }
    let view = View::of_page(&claims.view).map_err(|_| out_of_scope())?;
    let subject = Subject::of_page(&claims.view).ok_or_else(out_of_scope)?;
    let path = asked.path;
    if path != "/api" && !path.starts_with("/api/") {
        // Assets hold no data; a page must be the link's own view.
        return match is_asset(path) || View::of_page(path) == Ok(view) {
            true => Ok(()),
            false => Err(out_of_scope()),
        };
    }
    if !asked.access.embed.contains(&view) {
        return Err(out_of_scope());
    }
    // What every page loads (the configuration, health) is readable by every view.
    let common = asked.access.embed == View::ALL;
    if let Subject::One { parameter, value } = subject
        && !common
        && !asked.params.contains(&(parameter, value))
    {
        return Err(out_of_scope());
    }
    let query: Vec<(String, String)> = decoded_pairs(asked.query.unwrap_or_default()).collect();
    for name in PINNED_PARAMETERS {
        let sent: Vec<&str> = query
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .chain(
                asked
                    .params
                    .iter()
                    .filter(|(n, _)| n == name)
                    .map(|(_, v)| *v),
            )
            .collect();
        let pinned = claims.query.get(*name).map(String::as_str);
        let bound = match (pinned, asked.access.reads.contains(name)) {
            // Sent twice, the server might read either: never within scope.
            _ if sent.len() > 1 => false,
            (Some(pinned), true) => sent == [pinned],
            (Some(_), false) | (None, _) => true,
        };
        if !bound {
            return Err(out_of_scope());
        }
    }
    Ok(())
}

/// `name=value` pairs of a raw query string, decoded as the server's query extractor decodes
/// them (`%72egion` is `region`, `+` is a space).
fn decoded_pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    url::form_urlencoded::parse(query.as_bytes()).map(|(n, v)| (n.into_owned(), v.into_owned()))
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
    use super::*;

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
