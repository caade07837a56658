//! Installs the build and test tools a fresh machine lacks, each only when it is missing or at the
//! wrong version. The versions are the ones TOOLCHAIN.md found to work offline here.

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::sh::{self, cmd, output, run};

/// Trunk 0.22 needs a newer rustc than this machine's 1.95.
const TRUNK_VERSION: &str = "0.21.14";
/// npm's binaryen; Debian's (108) produces a module that fails at start. Trunk.toml pins the same.
const BINARYEN_VERSION: &str = "132.0.0";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The container image's binary is static: musl, with Debian's musl-gcc for the C in the TLS stack.
pub const MUSL_TARGET: &str = "x86_64-unknown-linux-musl";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// What a command needs beyond the build tools.
#[derive(Clone, Copy, Default)]
pub struct Needs {
    /// Chromium and chromedriver, for the browser tests.
    pub browser: bool,
    /// Servers the tests start: Redis, for the replicas' shared cache.
    pub services: bool,
    /// What builds and runs the container image: the musl target, musl-gcc, podman (and runc,
    /// which runs containers on machines where podman's default runtime cannot).
    pub image: bool,
}

impl Needs {
    /// Everything the test command uses.
    pub const ALL: Self = Self {
        browser: true,
        services: true,
        image: true,
    };
}

pub fn install(needs: Needs) -> Result<()> {
    rust_target(WASM_TARGET)?;
    trunk()?;
    wasm_bindgen()?;
    wasm_opt()?;
    let mut packages = Vec::new();
    if needs.browser {
        packages.extend(BROWSER);
    }
    if needs.services {
        packages.extend(SERVICES);
    }
    if needs.image {
        rust_target(MUSL_TARGET)?;
        packages.extend(IMAGE);
    }
    debian_packages(&packages)
}

/// Debian packages by the file each one installs, so a present one is not installed again.
type Package = (&'static str, &'static str);
const BROWSER: &[Package] = &[(CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")];
const SERVICES: &[Package] = &[("/usr/bin/redis-server", "redis-server")];
const IMAGE: &[Package] = &[
    ("/usr/bin/musl-gcc", "musl-tools"),
    ("/usr/bin/podman", "podman"),
    ("/usr/sbin/runc", "runc"),
    ("/etc/ssl/certs/ca-certificates.crt", "ca-certificates"),
];

fn rust_target(target: &str) -> Result<()> {
    let installed =
        output(cmd("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == target) {
        return Ok(());
    }
    run(cmd("rustup").args(["target", "add", target]))
}

fn trunk() -> Result<()> {
    if output(cmd("trunk").arg("--version")).as_deref() == Some(&format!("trunk {TRUNK_VERSION}")) {
        return Ok(());
    }
    eprintln!("installing Trunk {TRUNK_VERSION} (about 8 minutes on 2 cores)");
    // Trunk's own profile uses fat LTO (18 min here); these overrides build a correct Trunk in 8.
    run(cmd("cargo")
        .args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"])
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1"))
}

/// wasm-bindgen-cli must be exactly the wasm-bindgen in Cargo.lock, or Trunk downloads its own.
fn wasm_bindgen() -> Result<()> {
    let wanted = locked_version("wasm-bindgen")?;
    if output(cmd("wasm-bindgen").arg("--version")).as_deref()
        == Some(&format!("wasm-bindgen {wanted}"))
    {
        return Ok(());
    }
    eprintln!("installing wasm-bindgen-cli {wanted} (about 6 minutes on 2 cores)");
    // Not --locked: its lock file names a webpki-roots version the registry no longer has.
    run(cmd("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &wanted,
        "--force",
    ]))
}

fn wasm_opt() -> Result<()> {
    let major = BINARYEN_VERSION
        .split('.')
        .next()
        .unwrap_or(BINARYEN_VERSION);
    let version = output(cmd("wasm-opt").arg("--version")).unwrap_or_default();
    if version.contains(&format!("version {major}")) {
        return Ok(());
    }
    let prefix = sh::tools_dir();
    std::fs::create_dir_all(&prefix).with_context(|| format!("creating {}", prefix.display()))?;
    run(cmd("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&prefix)
        .arg(format!("binaryen@{BINARYEN_VERSION}")))
}

fn debian_packages(packages: &[Package]) -> Result<()> {
    let missing: Vec<&str> = packages
        .iter()
        .filter(|(file, _)| !Path::new(file).exists())
        .map(|(_, package)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let sudo = output(cmd("id").arg("-u")).as_deref() != Some("0");
    let apt = |args: &[&str]| {
        let mut command = if sudo { cmd("sudo") } else { cmd("apt-get") };
        if sudo {
            command.arg("apt-get");
        }
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut command)
    };
    apt(&["update"])?;
    let mut install = vec!["install", "-y", "--no-install-recommends"];
    install.extend(&missing);
    apt(&install)
}

/// The version of `package` recorded in Cargo.lock.
pub fn locked_version(package: &str) -> Result<String> {
    let lock =
        std::fs::read_to_string(sh::root().join("Cargo.lock")).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == format!("name = \"{package}\"")
            && let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(version.trim_end_matches('"').to_owned());
        }
    }
    bail!("{package} is not in Cargo.lock")
}
