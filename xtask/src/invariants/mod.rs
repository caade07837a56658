//! `cargo xtask invariants` (also the first step of `cargo xtask test`): ARCHITECTURE.md's
//! invariants checked on the sources, without building anything. A file that refers to a crate
//! its folder may not use (in a `use` tree, an `extern crate` or a path in the code), a
//! forbidden dependency in `shared`'s manifest, or a top-level module the code map does not
//! name is reported with its file and line, and the step fails.
//!
//! The rules are data ([`rules::RULES`]); the scanning is pure ([`paths`], [`lexer`]); only
//! this file reads the disk.

mod code_map;
mod lexer;
mod paths;
mod rules;

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::sh::root;

pub fn check() -> Result<()> {
    let root = root();
    let mut problems = Vec::new();
    let mut files = Vec::new();
    for folder in rules::RULES.iter().flat_map(|rule| rule.within) {
        rust_files(&root, folder, &mut files)?;
    }
    files.sort();
    files.dedup();
    for file in &files {
        let source =
            std::fs::read_to_string(root.join(file)).with_context(|| format!("reading {file}"))?;
        problems.extend(
            rules::source_violations(file, &source)
                .iter()
                .map(ToString::to_string),
        );
    }
    let manifest = std::fs::read_to_string(root.join(rules::SHARED_MANIFEST))
        .with_context(|| format!("reading {}", rules::SHARED_MANIFEST))?;
    problems.extend(
        rules::manifest_violations(
            rules::SHARED_MANIFEST,
            &manifest,
            rules::SHARED_FORBIDDEN_PACKAGES,
        )
        .iter()
        .map(ToString::to_string),
    );
    problems.extend(code_map_problems(&root)?);
    for problem in &problems {
        eprintln!("{problem}");
    }
    if !problems.is_empty() {
        bail!("{} invariant violation(s), listed above", problems.len());
    }
    eprintln!(
        "invariants hold: {} Rust files, {} rules, the shared manifest and the code map checked",
        files.len(),
        rules::RULES.len()
    );
    Ok(())
}

/// The `.rs` files below `folder` (relative to `root`), as `/`-separated relative paths.
fn rust_files(root: &Path, folder: &str, into: &mut Vec<String>) -> Result<()> {
    let path = root.join(folder);
    if path.is_file() {
        into.push(folder.to_owned());
        return Ok(());
    }
    if !path.is_dir() {
        return Ok(());
    }
    let entries = std::fs::read_dir(&path).with_context(|| format!("listing {folder}"))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("listing {folder}"))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // Build output and fixtures are not source.
        if matches!(name.as_str(), "target" | "node_modules" | "dist") || name.starts_with('.') {
            continue;
        }
        let relative = format!("{folder}/{name}");
        if entry.path().is_dir() {
            rust_files(root, &relative, into)?;
        } else if name.ends_with(".rs") {
            into.push(relative);
        }
    }
    Ok(())
}

fn code_map_problems(root: &Path) -> Result<Vec<String>> {
    let document =
        std::fs::read_to_string(root.join("ARCHITECTURE.md")).context("reading ARCHITECTURE.md")?;
    let mut problems = Vec::new();
    for krate in code_map::CRATES {
        let src = root.join(krate).join("src");
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(&src).with_context(|| format!("listing {krate}/src"))? {
            let entry = entry.with_context(|| format!("listing {krate}/src"))?;
            entries.push((
                entry.file_name().to_string_lossy().into_owned(),
                entry.path().is_dir(),
            ));
        }
        entries.sort();
        let modules: Vec<&str> = entries
            .iter()
            .filter_map(|(name, is_dir)| code_map::module_name(name, *is_dir))
            .collect();
        for name in code_map::unnamed(&document, krate, &modules) {
            let entry = entries
                .iter()
                .find(|(entry, _)| entry == name || entry.strip_suffix(".rs") == Some(name))
                .map_or(name, |(entry, _)| entry.as_str());
            problems.push(format!(
                "ARCHITECTURE.md: the code map's `{krate}/` section does not name the module \
                 `{name}` ({krate}/src/{entry}): add a line saying what it is"
            ));
        }
    }
    Ok(problems)
}
