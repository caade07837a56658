//! ARCHITECTURE.md's dependency invariants as data: which folders may not refer to which
//! crates or modules. To add an invariant, add a row (and a case to the tests below).

use super::paths::references;

pub struct Rule {
    /// Printed with every violation: the invariant and where it is written down.
    pub why: &'static str,
    /// Files below these paths (relative to the workspace root, `/`-separated) are checked...
    pub within: &'static [&'static str],
    /// ...except those below these.
    pub except: &'static [&'static str],
    /// Path patterns: `tokio` is the crate and everything in it, `std::fs` a module and
    /// everything in it, and a trailing `*` makes a name a prefix (`aws_sdk_*`).
    pub forbidden: &'static [&'static str],
}

/// What the pure cores may not touch: I/O, clocks, threads, the browser, a UI framework or a
/// runtime. Leptos, web-sys and friends also would not compile for the native tests.
const IMPURE: &[&str] = &[
    "std::fs",
    "std::net",
    "std::process",
    "std::env",
    "std::thread",
    "std::time::Instant",
    "std::time::SystemTime",
    "tokio",
    "tokio_*",
    "futures",
    "leptos",
    "leptos_*",
    "web_sys",
    "js_sys",
    "wasm_bindgen",
    "wasm_bindgen_*",
    "gloo",
    "gloo_*",
    "reqwest",
    "hyper",
    "hyper_*",
    "axum",
    "tower",
    "tower_*",
];

pub const RULES: &[Rule] = &[
    Rule {
        why: "`shared` and the frontend's `model/` are pure: no I/O, clock, browser, UI \
              framework or runtime (ARCHITECTURE.md, Invariants)",
        within: &["shared/src", "frontend/src/model"],
        except: &[],
        forbidden: IMPURE,
    },
    Rule {
        why: "`http/` never imports an AWS SDK crate; AWS is reached through `aws::Upstream` \
              (ARCHITECTURE.md, Invariants)",
        within: &["backend/src/http"],
        except: &[],
        forbidden: &[
            "aws_sdk_*",
            "aws_smithy_*",
            "aws_config",
            "aws_credential_types",
            "aws_types",
        ],
    },
    Rule {
        why: "`aws/` never imports axum or HTTP-server types; the HTTP side sees it only \
              through `aws::Upstream` (ARCHITECTURE.md, Invariants)",
        within: &["backend/src/aws"],
        except: &[],
        forbidden: &[
            "axum",
            "axum_*",
            "tower_http",
            "hyper::server",
            "hyper::service",
            "hyper_util::server",
            "hyper_util::service",
        ],
    },
    Rule {
        why: "only `backend/src/startup` (and the command line that carries the emulator's \
              options) starts the emulator; the server reaches it like AWS, through \
              `endpoint_url` (ARCHITECTURE.md, Invariants)",
        within: &["backend", "shared", "decode", "frontend", "xtask", "e2e"],
        except: &[
            "backend/src/startup",
            "backend/src/cli.rs",
            "backend/tests",
            "backend/examples",
        ],
        forbidden: &["emulator"],
    },
];

/// Packages `shared` may never depend on (Cargo names): the same impurities as [`IMPURE`], as
/// the manifest spells them, and the other crates of the workspace.
pub const SHARED_MANIFEST: &str = "shared/Cargo.toml";
pub const SHARED_FORBIDDEN_PACKAGES: &[&str] = &[
    "tokio*",
    "futures*",
    "leptos*",
    "web-sys",
    "js-sys",
    "wasm-bindgen*",
    "gloo*",
    "reqwest",
    "hyper*",
    "axum*",
    "tower*",
    "mio",
    "aws-*",
    "emulator",
    "backend",
    "frontend",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub file: String,
    pub line: usize,
    pub what: String,
    pub why: &'static str,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: `{}`: {}",
            self.file, self.line, self.what, self.why
        )
    }
}

/// Whether `file` (workspace-relative) is below `folder` (the folder itself, or a file).
pub fn is_below(file: &str, folder: &str) -> bool {
    file == folder
        || file
            .strip_prefix(folder)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The rules that apply to `file`.
pub fn rules_for(file: &str) -> impl Iterator<Item = &'static Rule> + '_ {
    RULES.iter().filter(move |rule| {
        rule.within.iter().any(|w| is_below(file, w))
            && !rule.except.iter().any(|e| is_below(file, e))
    })
}

/// Whether `pattern` names `path` or a module `path` is in (segments separated by `sep`).
pub fn matches(pattern: &str, path: &str, sep: &str) -> bool {
    let mut names = path.split(sep);
    pattern.split(sep).all(|want| {
        let Some(name) = names.next() else {
            return false;
        };
        match want.strip_suffix('*') {
            Some(prefix) => name.starts_with(prefix),
            None => name == want,
        }
    })
}

/// Every reference in `source` (the text of `file`) that a rule forbids.
pub fn source_violations(file: &str, source: &str) -> Vec<Violation> {
    let rules: Vec<&Rule> = rules_for(file).collect();
    if rules.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for reference in references(source) {
        for rule in &rules {
            if rule
                .forbidden
                .iter()
                .any(|pattern| matches(pattern, &reference.path, "::"))
            {
                found.push(Violation {
                    file: file.to_owned(),
                    line: reference.line,
                    what: reference.path.clone(),
                    why: rule.why,
                });
            }
        }
    }
    found
}

/// The forbidden packages among a manifest's dependencies (normal, build and per-target; dev
/// dependencies only build tests and benches, so they are free).
pub fn manifest_violations(file: &str, manifest: &str, forbidden: &[&str]) -> Vec<Violation> {
    let mut section = String::new();
    let mut found = Vec::new();
    for (index, raw) in manifest.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or_default().trim();
        if let Some(header) = line.strip_prefix('[') {
            section = header.trim_end_matches(']').trim().to_owned();
            // `[dependencies.tokio]`: the table names the package itself.
            if let Some((table, name)) = section.rsplit_once('.')
                && is_dependency_table(table)
            {
                found.extend(package_violation(file, index + 1, name, forbidden));
            }
            continue;
        }
        if !is_dependency_table(&section) || line.is_empty() {
            continue;
        }
        let key = line
            .split(['=', '.'])
            .next()
            .unwrap_or_default()
            .trim()
            .trim_matches('"');
        found.extend(package_violation(file, index + 1, key, forbidden));
        // `alias = { package = "tokio", … }`
        if let Some(renamed) = line.split("package").nth(1).and_then(|rest| {
            rest.trim_start()
                .strip_prefix('=')?
                .trim_start()
                .strip_prefix('"')?
                .split('"')
                .next()
        }) {
            found.extend(package_violation(file, index + 1, renamed, forbidden));
        }
    }
    found
}

fn is_dependency_table(section: &str) -> bool {
    section == "dependencies"
        || section == "build-dependencies"
        || (section.starts_with("target.") && section.ends_with(".dependencies"))
        || (section.starts_with("target.") && section.ends_with(".build-dependencies"))
}

fn package_violation(
    file: &str,
    line: usize,
    package: &str,
    forbidden: &[&str],
) -> Option<Violation> {
    let package = package.trim().trim_matches('"');
    forbidden
        .iter()
        .any(|pattern| matches(pattern, package, "::"))
        .then(|| Violation {
            file: file.to_owned(),
            line,
            what: package.to_owned(),
            why: "`shared` depends on no I/O, browser, UI, runtime or AWS crate and on no other \
                  crate of the workspace, so it builds for the browser and natively alike \
                  (ARCHITECTURE.md, Invariants)",
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file, its source, and the forbidden paths expected in it with their lines.
    type Case = (&'static str, &'static str, &'static [(usize, &'static str)]);

    /// (file, source) → the forbidden paths found, with their lines.
    fn check(file: &str, source: &str, expect: &[(usize, &str)]) {
        let got: Vec<(usize, String)> = source_violations(file, source)
            .into_iter()
            .map(|v| (v.line, v.what))
            .collect();
        let expect: Vec<(usize, String)> =
            expect.iter().map(|(l, w)| (*l, (*w).to_owned())).collect();
        assert_eq!(got, expect, "{file}: {source}");
    }

    #[test]
    fn bad_imports_are_caught_in_every_form() {
        let (shared, model) = ("shared/src/x.rs", "frontend/src/model/x.rs");
        let (http, aws) = ("backend/src/http/x.rs", "backend/src/aws/x.rs");
        let cases: &[Case] = &[
            (shared, "use tokio::fs;", &[(1, "tokio::fs")]),
            (
                shared,
                "use std::{collections::BTreeMap, fs::{self, File}};",
                &[(1, "std::fs"), (1, "std::fs::File")],
            ),
            (
                model,
                "fn f() {\n    web_sys::window();\n}",
                &[(2, "web_sys::window")],
            ),
            (model, "use leptos::prelude::*;", &[(1, "leptos::prelude")]),
            (shared, "extern crate js_sys;", &[(1, "js_sys")]),
            (
                shared,
                "#[tokio::test]\nasync fn t() {}",
                &[(1, "tokio::test")],
            ),
            (
                shared,
                "fn f() { std::time::Instant::now(); }",
                &[(1, "std::time::Instant::now")],
            ),
            (
                http,
                "use aws_sdk_xray::Client;",
                &[(1, "aws_sdk_xray::Client")],
            ),
            (
                http,
                "fn f(t: aws_smithy_types::DateTime) {}",
                &[(1, "aws_smithy_types::DateTime")],
            ),
            (
                aws,
                "use axum::{Json, http::StatusCode};",
                &[(1, "axum::Json"), (1, "axum::http::StatusCode")],
            ),
            (
                aws,
                "use hyper::server::conn::http1;",
                &[(1, "hyper::server::conn::http1")],
            ),
            (
                http,
                "fn f() { emulator::start(c); }",
                &[(1, "emulator::start")],
            ),
            (aws, "use emulator::Emulator;", &[(1, "emulator::Emulator")]),
        ];
        for (file, source, expect) in cases {
            check(file, source, expect);
        }
    }

    #[test]
    fn allowed_code_is_not_flagged() {
        // What each folder may use, and look-alikes that are not the forbidden crate.
        let cases = [
            (
                "shared/src/x.rs",
                "use std::collections::BTreeMap; use std::time::Duration;",
            ),
            (
                "shared/src/x.rs",
                "use std::fmt::Write as _; use serde::Serialize;",
            ),
            (
                "backend/src/http/x.rs",
                "use crate::aws::Upstream; use axum::Router;",
            ),
            (
                "backend/src/aws/x.rs",
                "use aws_sdk_xray::Client; use tokio::sync::Semaphore;",
            ),
            (
                "backend/src/startup/demo.rs",
                "use emulator::EmulatorConfig;",
            ),
            ("backend/src/cli.rs", "Emulator(emulator::EmulatorArgs),"),
            ("backend/tests/routes/common.rs", "use emulator::Clock;"),
            (
                "xtask/src/bench/mod.rs",
                "mod emulator;\nfn f() { emulator::run(p); }",
            ),
            ("frontend/src/pages/x.rs", "use leptos::prelude::*;"),
            ("emulator/src/lib.rs", "use tokio::net::TcpListener;"),
            (
                "backend/src/http/x.rs",
                "fn f(x: &AwsSdkError) { x.aws_sdk_xray(); }",
            ),
        ];
        for (file, source) in cases {
            check(file, source, &[]);
        }
    }

    #[test]
    fn comments_and_strings_are_not_imports() {
        let source = r##"//! Never imports an `aws_sdk_*` crate: `use aws_sdk_xray::Client;` is wrong here.
/// ```
/// use aws_sdk_apprunner::Client;
/// ```
fn f() -> &'static str {
    /* aws_smithy_types::DateTime */
    let message = "aws_sdk_xray::Client is not here";
    let raw = r#"use aws_config;"#;
    message
}
"##;
        check("backend/src/http/mod.rs", source, &[]);
    }

    #[test]
    fn shared_manifest_keeps_out_io_and_workspace_crates() {
        let check = |manifest: &str, expect: &[&str]| {
            let got: Vec<String> =
                manifest_violations("shared/Cargo.toml", manifest, SHARED_FORBIDDEN_PACKAGES)
                    .into_iter()
                    .map(|v| v.what)
                    .collect();
            assert_eq!(got, expect, "{manifest}");
        };
        let clean = "[package]\nname = \"shared\"\n\n[dependencies]\nserde.workspace = true\nwinnow = \"1\"\n\n[dev-dependencies]\ntokio = \"1\"\n";
        check(clean, &[]);
        check("[dependencies]\ntokio.workspace = true\n", &["tokio"]);
        check(
            "[dependencies]\nweb-sys = { version = \"0.3\" }\n",
            &["web-sys"],
        );
        check(
            "[dependencies]\nrt = { package = \"tokio\", version = \"1\" }\n",
            &["tokio"],
        );
        check("[dependencies.leptos]\nversion = \"0.8\"\n", &["leptos"]);
        check(
            "[target.'cfg(target_arch = \"wasm32\")'.dependencies]\ngloo-net = \"0.7\"\n",
            &["gloo-net"],
        );
        check(
            "[dependencies]\nemulator = { path = \"../emulator\" } # no\n",
            &["emulator"],
        );
        check("[dependencies]\n# tokio = \"1\"\nserde = \"1\"\n", &[]);
    }

    #[test]
    fn patterns_match_whole_names_or_prefixes() {
        let check = |pattern: &str, path: &str, expect: bool| {
            assert_eq!(matches(pattern, path, "::"), expect, "{pattern} ~ {path}");
        };
        check("tokio", "tokio::spawn", true);
        check("tokio", "tokio", true);
        check("tokio", "tokio_util::codec", false);
        check("tokio_*", "tokio_util::codec", true);
        check("std::fs", "std::fs::read", true);
        check("std::fs", "std::fmt", false);
        check("std::time::Instant", "std::time::Duration", false);
        check("aws_sdk_*", "aws_sdk_xray::Client", true);
        check("aws_sdk_*", "aws_smithy_types", false);
        assert!(is_below("backend/src/http/mod.rs", "backend/src/http"));
        assert!(!is_below("backend/src/https.rs", "backend/src/http"));
        assert!(is_below("backend/src/cli.rs", "backend/src/cli.rs"));
    }
}
