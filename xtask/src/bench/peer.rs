//! The peer viewer for the side-by-side comparison: speedscope, installed from npm into
//! `~/.cache/runtrace-tools/peer` from the manifest and lock file in bench/peer/ (never into the
//! repository). Jaeger UI was the first choice, but its built app is not on npm: `npm view
//! jaeger-ui` returns nothing and `@jaegertracing/jaeger-ui` is a 404; `@jaegertracing/plexus`
//! is only its graph component.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::sh::{cmd, root, run, tools_dir};

/// speedscope's npm package folder, installing it when missing or at another version.
pub fn install() -> Result<PathBuf> {
    let source = root().join("bench/peer");
    let prefix = tools_dir().join("peer");
    let package = prefix.join("node_modules/speedscope");
    let wanted = speedscope_version(&source.join("package.json"))?;
    if speedscope_version(&package.join("package.json"))
        .ok()
        .as_deref()
        == Some(wanted.as_str())
    {
        return Ok(package);
    }
    std::fs::create_dir_all(&prefix).with_context(|| format!("creating {}", prefix.display()))?;
    for file in ["package.json", "package-lock.json"] {
        std::fs::copy(source.join(file), prefix.join(file))
            .with_context(|| format!("copying bench/peer/{file}"))?;
    }
    run(cmd("npm")
        .args(["ci", "--no-audit", "--no-fund", "--prefix"])
        .arg(&prefix))?;
    Ok(package)
}

/// The speedscope version a manifest names: the dependency in ours, `version` in speedscope's.
fn speedscope_version(manifest: &std::path::Path) -> Result<String> {
    let text =
        std::fs::read(manifest).with_context(|| format!("reading {}", manifest.display()))?;
    let json: Value = serde_json::from_slice(&text)?;
    let version = json["dependencies"]["speedscope"]
        .as_str()
        .or(json["version"].as_str());
    match version {
        Some(version) => Ok(version.to_owned()),
        None => bail!("{} names no speedscope version", manifest.display()),
    }
}
