//! The release bundle's split: each view's code in a chunk of its own, fetched when its route
//! first opens (`frontend/src/pages/split.rs` marks the points).
//!
//! Trunk 0.21 cannot host this step: the module has to be split between `cargo build` and
//! `wasm-bindgen`, and Trunk runs both back to back. So Trunk builds dist/ as usual (stylesheets,
//! hashed names, index.html), compiling with `--cfg runtrace_split` and the relocations the
//! splitter reads; then this step splits cargo's module, runs `wasm-bindgen` and `wasm-opt` on the
//! parts as Trunk would have, puts them in place of Trunk's two files under the same names, and
//! updates index.html's integrity hashes for them. The chunks and their loader get names with
//! their content's hash, so the backend serves them as immutable and a page built against another
//! version gets a 404 (and the view says so) rather than mismatched code.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use base64::Engine;
use sha2::{Digest, Sha384};

use crate::bundle_sizes::ENTRY_ROUTES;
use crate::preload;
use crate::sh::{cmd, root, run};

/// The rustc flags of the split build, on top of .cargo/config.toml's (which an environment
/// variable replaces rather than extends).
pub const RUSTFLAGS: &str = "--cfg erase_components --cfg runtrace_split -Clink-args=--emit-relocs";

/// The split bundle: for each split point, the chunk files it needs (its own and shared ones).
pub struct Split {
    pub chunks_of: BTreeMap<String, Vec<String>>,
}

/// Splits the module Trunk just built into dist/ (see the module's comment).
pub fn split_dist(dist: &Path, profile: &str) -> Result<Split> {
    let trunk = TrunkOutput::find(dist)?;
    let input = root().join(format!(
        "target/wasm32-unknown-unknown/{profile}/frontend.wasm"
    ));
    let input_wasm =
        std::fs::read(&input).with_context(|| format!("reading {}", input.display()))?;
    let work = root().join("target/split");
    if work.exists() {
        std::fs::remove_dir_all(&work).with_context(|| format!("clearing {}", work.display()))?;
    }
    let parts = work.join("parts");
    std::fs::create_dir_all(&parts)?;
    let main_out = work.join("main.wasm");
    let loader = format!("split-{}.js", trunk.hash);
    let link_name = format!("./{loader}");
    let main_module = format!("./{}", trunk.js_name());
    let split = wasm_split_cli_support::transform({
        let mut options = wasm_split_cli_support::Options::new(&input_wasm);
        options.output_dir = &parts;
        options.main_out_path = &main_out;
        options.link_name = &link_name;
        options.main_module = &main_module;
        options
    })
    .map_err(|e| anyhow::anyhow!("splitting {}: {e:?}", input.display()))?;

    let bindgen = work.join("bindgen");
    run(cmd("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--keep-lld-exports",
            "--no-demangle",
            "--no-typescript",
        ])
        .args(["--out-name", &trunk.stem, "--out-dir"])
        .arg(&bindgen)
        .arg(&main_out))?;
    let main_wasm = bindgen.join(trunk.wasm_name());
    let wasm_opt = WasmOpt::as_trunk_runs_it()?;
    wasm_opt.run(&main_wasm)?;

    // Chunks take their content's hash; the loader names them, so it is rewritten to match.
    let mut loader_js = std::fs::read_to_string(parts.join(&loader))
        .with_context(|| format!("reading the split loader {loader}"))?;
    let mut renamed = BTreeMap::new();
    for chunk in &split.split_modules {
        wasm_opt.run(chunk)?;
        let stem = file_stem(chunk)?;
        let bytes = std::fs::read(chunk)?;
        let hashed = format!("{stem}-{}.wasm", short_hash(&bytes));
        let reference = format!("\"./{stem}.wasm\"");
        if !loader_js.contains(&reference) {
            bail!("the split loader does not name {reference}");
        }
        loader_js = loader_js.replace(&reference, &format!("\"./{hashed}\""));
        std::fs::write(dist.join(&hashed), bytes)?;
        renamed.insert(stem, hashed);
    }
    std::fs::write(dist.join(&loader), loader_js)?;

    let chunks_of = split
        .prefetch_map
        .into_iter()
        .map(|(point, stems)| {
            let files = stems
                .iter()
                .filter_map(|stem| renamed.get(stem).cloned())
                .collect();
            (point, files)
        })
        .collect();
    let mut index = std::fs::read_to_string(dist.join("index.html"))?;
    for (built, name) in [
        (bindgen.join(trunk.js_name()), trunk.js_name()),
        (main_wasm, trunk.wasm_name()),
    ] {
        let old = integrity(&std::fs::read(dist.join(&name))?);
        let new_bytes = std::fs::read(&built)?;
        if index.matches(&old).count() != 1 {
            bail!("index.html does not carry {name}'s integrity hash once");
        }
        index = index.replace(&old, &integrity(&new_bytes));
        std::fs::write(dist.join(&name), new_bytes)?;
    }
    let preload = preload::script(ENTRY_ROUTES, &chunks_of);
    if !index.contains("</head>") {
        bail!("index.html has no </head> to put the chunk preloads before");
    }
    index = index.replacen("</head>", &format!("{preload}</head>"), 1);
    std::fs::write(dist.join("index.html"), index)?;

    Ok(Split { chunks_of })
}

/// Trunk's `frontend-<hash>.js` and `frontend-<hash>_bg.wasm` in dist/.
struct TrunkOutput {
    /// `frontend-<hash>`.
    stem: String,
    hash: String,
}

impl TrunkOutput {
    fn find(dist: &Path) -> Result<Self> {
        for entry in std::fs::read_dir(dist)? {
            let name = entry?.file_name().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix("_bg.wasm")
                && let Some(hash) = stem.strip_prefix("frontend-")
            {
                return Ok(Self {
                    stem: stem.to_owned(),
                    hash: hash.to_owned(),
                });
            }
        }
        bail!(
            "{} has no frontend-<hash>_bg.wasm from Trunk",
            dist.display()
        )
    }

    fn js_name(&self) -> String {
        format!("{}.js", self.stem)
    }

    fn wasm_name(&self) -> String {
        format!("{}_bg.wasm", self.stem)
    }
}

/// wasm-opt as frontend/index.html tells Trunk to run it (`data-wasm-opt`, and the features
/// rustc emits in `data-wasm-opt-params`), so the split parts get what the module would have.
struct WasmOpt {
    args: Vec<String>,
}

impl WasmOpt {
    fn as_trunk_runs_it() -> Result<Self> {
        let index = std::fs::read_to_string(root().join("frontend/index.html"))
            .context("reading frontend/index.html")?;
        let attribute = |name: &str| {
            let start = format!("{name}=\"");
            let from = index.find(&start)? + start.len();
            let len = index[from..].find('"')?;
            Some(index[from..from + len].to_owned())
        };
        let (Some(level), Some(params)) = (
            attribute("data-wasm-opt"),
            attribute("data-wasm-opt-params"),
        ) else {
            bail!(
                "frontend/index.html has no data-wasm-opt and data-wasm-opt-params for the split parts"
            );
        };
        let mut args = vec![format!("-O{level}")];
        args.extend(params.split_whitespace().map(str::to_owned));
        Ok(Self { args })
    }

    fn run(&self, file: &Path) -> Result<()> {
        run(cmd("wasm-opt")
            .args(&self.args)
            .arg(file)
            .arg("-o")
            .arg(file))
    }
}

fn file_stem(path: &Path) -> Result<String> {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .with_context(|| format!("{} has no file name", path.display()))
}

/// The first 16 hex digits of the content's SHA-384, Trunk's length, which the backend's
/// `is_hashed` recognises.
fn short_hash(bytes: &[u8]) -> String {
    Sha384::digest(bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The `integrity` value Trunk writes: `sha384-` and the base64 digest.
fn integrity(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}
