//! `cargo xtask image`: the container image of deploy/Containerfile. The release `runtrace` is
//! built static (musl) with the bundle in dist/ embedded, laid out with a passwd entry and CA
//! certificates as the image's whole filesystem, and handed to `podman build` (no daemon, no
//! base image to pull: the registries that hold base images are not reachable from here).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::sh::{cmd, output, root, run};
use crate::tools::MUSL_TARGET;

/// The user the image runs as (the "nonroot" of distroless images).
const USER: &str = "runtrace:x:65532:65532:runtrace:/nonexistent:/sbin/nologin\n";
const GROUP: &str = "runtrace:x:65532:\n";
const CA_CERTIFICATES: &str = "/etc/ssl/certs/ca-certificates.crt";

pub struct Image {
    /// `localhost/runtrace:<version>`.
    pub tag: String,
    /// What the image takes once stored (podman's figure), and its static binary's size.
    pub bytes: u64,
    pub binary_bytes: u64,
}

impl Image {
    pub fn print(&self) {
        println!(
            "image {}: {:.1} MB ({:.1} MB of it the static runtrace binary)",
            self.tag,
            self.bytes as f64 / 1e6,
            self.binary_bytes as f64 / 1e6
        );
    }
}

/// Builds the image from the bundle already in dist/.
pub fn build() -> Result<Image> {
    if !root().join("dist/index.html").exists() {
        bail!("dist/ has no bundle: the image embeds it (run `cargo xtask dist` first)");
    }
    run(cmd("cargo")
        .args([
            "build",
            "--release",
            "--locked",
            "--target",
            MUSL_TARGET,
            "--package",
            "backend",
            "--bin",
            "runtrace",
        ])
        .env("RUNTRACE_BUNDLE_STAMP", crate::bundle::stamp()))?;
    let binary = root().join(format!("target/{MUSL_TARGET}/release/runtrace"));
    let context = stage(&binary)?;
    let tag = format!("localhost/runtrace:{}", env!("CARGO_PKG_VERSION"));
    run(cmd("podman")
        .args(["build", "--file"])
        .arg(root().join("deploy/Containerfile"))
        .args(["--tag", &tag])
        .arg(&context))?;
    let size = output(cmd("podman").args(["image", "inspect", "--format", "{{.Size}}", &tag]))
        .context("podman did not report the image's size")?;
    Ok(Image {
        bytes: size
            .parse()
            .with_context(|| format!("image size {size:?}"))?,
        binary_bytes: std::fs::metadata(context.join("rootfs/usr/local/bin/runtrace"))?.len(),
        tag,
    })
}

/// target/image/context/rootfs: exactly what the image contains.
fn stage(binary: &Path) -> Result<PathBuf> {
    let context = root().join("target/image/context");
    if context.exists() {
        std::fs::remove_dir_all(&context)?;
    }
    let rootfs = context.join("rootfs");
    let place = |path: &str, bytes: &[u8]| -> Result<()> {
        let target = rootfs.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&target, bytes).with_context(|| format!("writing {}", target.display()))
    };
    place("etc/passwd", USER.as_bytes())?;
    place("etc/group", GROUP.as_bytes())?;
    let certificates = std::fs::read(CA_CERTIFICATES)
        .with_context(|| format!("reading {CA_CERTIFICATES} (Debian's ca-certificates)"))?;
    place("etc/ssl/certs/ca-certificates.crt", &certificates)?;
    place("usr/local/bin/runtrace", &std::fs::read(binary)?)?;
    let staged = rootfs.join("usr/local/bin/runtrace");
    set_executable(&staged)?;
    // The image carries no debugger, so its copy loses the symbols the release profile keeps.
    run(cmd("strip").arg(&staged))?;
    Ok(context)
}

fn set_executable(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .with_context(|| format!("making {} executable", path.display()))
}
