//! What each entry route's first load costs: the shell (index.html, stylesheets, the JavaScript
//! glue, the split loader and the main module) plus the chunks of the views that route renders.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// An entry route, the split point (`frontend/src/pages/split.rs`) it renders, and the ceiling
/// `cargo xtask test` holds its first load to.
pub struct EntryRoute {
    pub route: &'static str,
    pub point: &'static str,
    pub ceiling_kb: u64,
}

/// DESIGN.md's entry routes (and a service's page). The ceilings are a ratchet: each is the load
/// measured on 2026-12-05 plus 2 % for toolchain noise; lower one whenever its route shrinks,
/// never raise one without a line in ARCHITECTURE.md ("Bundle size") saying what bought the bytes.
pub const ENTRY_ROUTES: &[EntryRoute] = &[
    EntryRoute {
        route: "/services",
        point: "services",
        ceiling_kb: 399,
    },
    EntryRoute {
        route: "/services/{name}",
        point: "service_detail",
        ceiling_kb: 393,
    },
    EntryRoute {
        route: "/map",
        point: "map",
        ceiling_kb: 419,
    },
    EntryRoute {
        route: "/traces",
        point: "traces",
        ceiling_kb: 436,
    },
    EntryRoute {
        route: "/traces/{id}",
        point: "trace_detail",
        ceiling_kb: 425,
    },
    EntryRoute {
        route: "/kiosk",
        point: "kiosk",
        ceiling_kb: 406,
    },
];

pub struct Asset {
    pub name: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// One route's first load, summed over its files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Load {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

impl Load {
    fn add(self, asset: &Asset) -> Self {
        Load {
            raw: self.raw + asset.raw,
            gzip: self.gzip + asset.gzip,
            brotli: self.brotli + asset.brotli,
        }
    }
}

pub struct Sizes {
    pub assets: Vec<Asset>,
    /// Which chunk files each split point needs; empty for an unsplit bundle.
    pub chunks_of: BTreeMap<String, Vec<String>>,
}

impl Sizes {
    fn is_chunk(&self, name: &str) -> bool {
        self.chunks_of.values().flatten().any(|chunk| chunk == name)
    }

    /// Everything a page loads before any view: all but the chunks.
    pub fn shell(&self) -> Load {
        self.assets
            .iter()
            .filter(|a| !self.is_chunk(&a.name))
            .fold(Load::default(), Load::add)
    }

    /// The shell plus the chunks of `point`.
    pub fn route(&self, point: &str) -> Load {
        let chunks: BTreeSet<&String> = self.chunks_of.get(point).into_iter().flatten().collect();
        self.assets
            .iter()
            .filter(|a| chunks.contains(&a.name))
            .fold(self.shell(), Load::add)
    }

    /// Every asset, as an unsplit bundle loads it.
    pub fn everything(&self) -> Load {
        self.assets.iter().fold(Load::default(), Load::add)
    }

    pub fn print(&self) {
        let line = |name: &str, raw: u64, gzip: u64, brotli: u64| {
            eprintln!("{name:<44} {raw:>10} {gzip:>10} {brotli:>10}");
        };
        eprintln!(
            "{:<44} {:>10} {:>10} {:>10}",
            "bundle asset", "raw", "gzip -9", "brotli 11"
        );
        for a in &self.assets {
            line(&a.name, a.raw, a.gzip, a.brotli);
        }
        let all = self.everything();
        line("all assets (bytes)", all.raw, all.gzip, all.brotli);
        let shell = self.shell();
        line("first load: the shell", shell.raw, shell.gzip, shell.brotli);
        for entry in ENTRY_ROUTES {
            let load = self.route(entry.point);
            line(
                &format!("first load: {}", entry.route),
                load.raw,
                load.gzip,
                load.brotli,
            );
        }
    }
}

/// The bundle's assets (wasm, js, css, html, svg) with their compressed sizes.
pub fn measure(dist: &Path, chunks_of: BTreeMap<String, Vec<String>>) -> Result<Sizes> {
    let mut assets = Vec::new();
    for entry in std::fs::read_dir(dist).with_context(|| format!("reading {}", dist.display()))? {
        let path = entry?.path();
        let loaded = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("wasm" | "js" | "css" | "html" | "svg")
        );
        if !loaded {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        assets.push(Asset {
            name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            raw: bytes.len() as u64,
            gzip: gzip_len(&bytes)?,
            brotli: brotli_len(&bytes)?,
        });
    }
    if !assets.iter().any(|a| a.name.ends_with(".wasm")) {
        bail!(
            "{} holds no .wasm file: the bundle was not built",
            dist.display()
        );
    }
    assets.sort_by_key(|a| std::cmp::Reverse(a.raw));
    Ok(Sizes { assets, chunks_of })
}

fn gzip_len(bytes: &[u8]) -> Result<u64> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len() as u64)
}

fn brotli_len(bytes: &[u8]) -> Result<u64> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes)?;
    }
    Ok(out.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asset(name: &str, gzip: u64) -> Asset {
        Asset {
            name: name.to_owned(),
            raw: gzip * 3,
            gzip,
            brotli: gzip - 1,
        }
    }

    #[test]
    fn a_route_loads_the_shell_and_its_own_chunks() {
        let sizes = Sizes {
            assets: vec![
                asset("index.html", 2),
                asset("frontend-1_bg.wasm", 100),
                asset("chunk_0-a.wasm", 10),
                asset("split_map-b.wasm", 30),
                asset("split_traces-c.wasm", 50),
            ],
            chunks_of: BTreeMap::from([
                (
                    "map".to_owned(),
                    vec!["chunk_0-a.wasm".to_owned(), "split_map-b.wasm".to_owned()],
                ),
                (
                    "traces".to_owned(),
                    vec![
                        "chunk_0-a.wasm".to_owned(),
                        "split_traces-c.wasm".to_owned(),
                    ],
                ),
            ]),
        };
        let check = |load: Load, gzip: u64| assert_eq!(load.gzip, gzip);
        check(sizes.shell(), 102);
        check(sizes.route("map"), 142);
        check(sizes.route("traces"), 162);
        check(sizes.route("kiosk"), 102);
        check(sizes.everything(), 192);
    }
}
