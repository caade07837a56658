//! ARCHITECTURE.md's code map names every top-level module of the crates it maps: each folder
//! and file directly under `src/` is written as `` `name` `` or `` `name/` `` in its crate's
//! section (`### `crate/``), so a new module cannot arrive without a line saying what it is.

/// The crates whose modules the check covers. (`frontend` and `e2e` can join once their
/// sections name every module.)
pub const CRATES: &[&str] = &[
    "backend", "emulator", "shared", "decode", "xtask", "frontend", "e2e",
];

/// The module a `src/` entry declares: a folder, or a `.rs` file other than the crate root
/// and other than tests kept beside the code (`*_tests.rs`, `tests.rs`).
pub fn module_name(entry: &str, is_dir: bool) -> Option<&str> {
    if is_dir {
        return Some(entry);
    }
    let stem = entry.strip_suffix(".rs")?;
    let is_test = stem == "tests" || stem.ends_with("_tests");
    (!matches!(stem, "lib" | "main" | "mod") && !is_test).then_some(stem)
}

/// The text of the `### `crate/`` section, up to the next heading.
pub fn section<'a>(document: &'a str, krate: &str) -> Option<&'a str> {
    let heading = format!("### `{krate}/`");
    let start = document.find(&heading)? + heading.len();
    let rest = &document[start..];
    let end = rest.find("\n#").unwrap_or(rest.len());
    Some(&rest[..end])
}

/// The modules the crate's section does not name.
pub fn unnamed<'m>(document: &str, krate: &str, modules: &[&'m str]) -> Vec<&'m str> {
    let Some(text) = section(document, krate) else {
        return modules.to_vec();
    };
    modules
        .iter()
        .filter(|name| {
            !text.contains(&format!("`{name}`"))
                && !text.contains(&format!("`{name}/`"))
                && !text.contains(&format!("`{name}.rs`"))
        })
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "# Architecture\n\n### `backend/`\nThe binary: `http/` routes, `cli` \
                       parses, `main.rs` glue.\n\n### `emulator/`\nThe `server` and `xray/`.\n\
                       \n## Invariants\n`clock` is mentioned here, outside any crate.\n";

    #[test]
    fn every_module_must_be_named_in_its_crate_section() {
        let check = |krate: &str, modules: &[&str], expect: &[&str]| {
            assert_eq!(unnamed(DOC, krate, modules), expect, "{krate}");
        };
        check("backend", &["http", "cli", "main"], &[]);
        check("backend", &["http", "aws", "cursor"], &["aws", "cursor"]);
        // Named in another section only: still missing here.
        check(
            "emulator",
            &["server", "xray", "clock", "http"],
            &["clock", "http"],
        );
        check("shared", &["api"], &["api"]);
    }

    #[test]
    fn modules_are_folders_and_files_but_not_roots_or_tests() {
        let check = |entry: &str, is_dir: bool, expect: Option<&str>| {
            assert_eq!(module_name(entry, is_dir), expect, "{entry}");
        };
        check("http", true, Some("http"));
        check("cursor.rs", false, Some("cursor"));
        check("lib.rs", false, None);
        check("main.rs", false, None);
        check("server_tests.rs", false, None);
        check("tests.rs", false, None);
        check("no_bundle.html", false, None);
    }
}
