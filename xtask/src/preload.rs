//! The inline script index.html carries so that a page opened on a route starts fetching that
//! view's chunks with the main module instead of after it: without it, the chunks wait until the
//! main module has downloaded, compiled and routed. It adds `<link rel=preload as=fetch>` for the
//! chunks of the route in the address bar, which the split loader's own `fetch` then reuses
//! (same URL, CORS mode, same-origin credentials). The backend allows it by hash, like Trunk's.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::bundle_sizes::EntryRoute;

/// `<script>…</script>` preloading the chunks of whichever of `routes` the page is on (and of
/// `/services` for `/`, which redirects there).
pub fn script(routes: &[EntryRoute], chunks_of: &BTreeMap<String, Vec<String>>) -> String {
    let mut table = String::new();
    let mut patterns: Vec<(String, &str)> = vec![("^\\/$".to_owned(), "services")];
    patterns.extend(routes.iter().map(|r| (pattern(r.route), r.point)));
    for (pattern, point) in patterns {
        let files = chunks_of.get(point).map(Vec::as_slice).unwrap_or_default();
        let files: Vec<String> = files.iter().map(|f| format!("\"/{f}\"")).collect();
        let _ = write!(table, "[/{pattern}/,[{}]],", files.join(","));
    }
    format!(
        "<script>for(const[p,fs]of[{table}])if(p.test(location.pathname)){{for(const f of fs){{\
         const l=document.createElement(\"link\");l.rel=\"preload\";l.as=\"fetch\";\
         l.crossOrigin=\"anonymous\";l.href=f;document.head.append(l)}}break}}</script>"
    )
}

/// `/traces/{id}` → `^\/traces\/[^\/]+\/?$`: a path parameter is one segment.
fn pattern(route: &str) -> String {
    let segments: Vec<&str> = route
        .trim_start_matches('/')
        .split('/')
        .map(|segment| match segment.starts_with('{') {
            true => "[^\\/]+",
            false => segment,
        })
        .collect();
    format!("^\\/{}\\/?$", segments.join("\\/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_patterns() {
        let check = |route: &str, expect: &str| assert_eq!(pattern(route), expect, "{route}");
        check("/map", "^\\/map\\/?$");
        check("/traces/{id}", "^\\/traces\\/[^\\/]+\\/?$");
        check("/services/{name}", "^\\/services\\/[^\\/]+\\/?$");
    }

    #[test]
    fn each_route_preloads_its_own_chunks() {
        let routes = [
            EntryRoute {
                route: "/services",
                point: "services",
                ceiling_kb: 1,
            },
            EntryRoute {
                route: "/traces/{id}",
                point: "trace_detail",
                ceiling_kb: 1,
            },
        ];
        let chunks_of = BTreeMap::from([
            ("services".to_owned(), vec!["a-1.wasm".to_owned()]),
            (
                "trace_detail".to_owned(),
                vec!["a-1.wasm".to_owned(), "t-2.wasm".to_owned()],
            ),
        ]);
        let script = script(&routes, &chunks_of);
        for expect in [
            "[/^\\/$/,[\"/a-1.wasm\"]]",
            "[/^\\/services\\/?$/,[\"/a-1.wasm\"]]",
            "[/^\\/traces\\/[^\\/]+\\/?$/,[\"/a-1.wasm\",\"/t-2.wasm\"]]",
        ] {
            assert!(script.contains(expect), "{expect} not in {script}");
        }
        assert!(script.starts_with("<script>") && script.ends_with("</script>"));
    }
}
