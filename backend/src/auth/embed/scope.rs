//! What an embed link may read: the static bundle, and the API reads of its view. A link for the
//! map cannot list traces, and no link can change anything. Which API routes a view reads is a
//! column of the route table (`http::routes::table`), handed in as the request's
//! [`Access::embed`](crate::auth::Access).

use axum::http::Method;

use super::token::{EmbedClaims, EmbedError};

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

    /// Every view that can be embedded.
    pub const ALL: &'static [View] = &[Self::Map, Self::Services, Self::Traces];
}

/// Ok when a request with this method, path and raw query is within the link's scope;
/// `readable_by` is the embed column of the API route the request is for.
pub fn check_scope(
    claims: &EmbedClaims,
    method: &Method,
    path: &str,
    query: Option<&str>,
    readable_by: &[View],
) -> Result<(), EmbedError> {
    let out_of_scope = || EmbedError::OutOfScope {
        view: claims.view.clone(),
        request: format!("{method} {path}"),
    };
    if method != Method::GET && method != Method::HEAD {
        return Err(out_of_scope());
    }
    let view = View::of_page(&claims.view).map_err(|_| out_of_scope())?;
    if path != "/api" && !path.starts_with("/api/") {
        // Assets hold no data; a page must be the link's own view.
        return match is_asset(path) || View::of_page(path) == Ok(view) {
            true => Ok(()),
            false => Err(out_of_scope()),
        };
    }
    if !readable_by.contains(&view) {
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
