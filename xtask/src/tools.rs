//! Installs what the build and the tests need, from the package registries only:
//! the wasm32 target (rustup), Trunk and wasm-bindgen-cli (crates.io), Chromium and
//! ChromeDriver, LibreOffice Writer (Debian), Bootstrap Italia, PurgeCSS and axe-core (npm). Each step is skipped when the right version is already there.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::paths;

pub const TRUNK_VERSION: &str = "0.21.14";

pub type Result<T> = std::result::Result<T, String>;

/// Runs a command, echoing it, and fails with a readable message.
pub fn run(cmd: &mut Command) -> Result<()> {
    eprintln!("$ {}", describe(cmd));
    let status = cmd
        .status()
        .map_err(|e| format!("cannot start {}: {e}", describe(cmd)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{} failed ({status})", describe(cmd)))
    }
}

fn describe(cmd: &Command) -> String {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|s| s.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// First line printed by `program --version`, if it runs.
fn version_of(program: &str) -> Option<String> {
    let out = Command::new(program).arg("--version").output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// Makes sure tools installed by `cargo install` are found by this process and its children.
/// Where `cargo install` puts its tools' folder: $CARGO_HOME, else ~/.cargo.
fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
}

pub fn put_cargo_bin_on_path() {
    let cargo_home = Some(cargo_home());
    if let Some(bin) = cargo_home.map(|h| h.join("bin")) {
        let current = std::env::var_os("PATH").unwrap_or_default();
        let mut dirs: Vec<PathBuf> = std::env::split_paths(&current).collect();
        if !dirs.contains(&bin) {
            dirs.insert(0, bin);
            let joined = std::env::join_paths(dirs).expect("PATH entries are valid");
            std::env::set_var("PATH", joined);
        }
    }
}

/// The wasm-bindgen version locked in Cargo.lock: the CLI must match it exactly.
pub fn locked_wasm_bindgen_version(lock: &str) -> Option<String> {
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            let version = lines.next()?.trim();
            return version
                .strip_prefix("version = \"")
                .and_then(|v| v.strip_suffix('"'))
                .map(str::to_owned);
        }
    }
    None
}

pub fn ensure_wasm_target() -> Result<()> {
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn cargo_install(krate: &str, version: &str) -> Result<()> {
    let locked = run(Command::new("cargo").args([
        "install",
        krate,
        "--version",
        &format!("={version}"),
        "--locked",
    ]));
    // A lock file can name a dependency version the registry mirror no longer offers;
    // resolving afresh is then the only way to get the tool.
    locked.or_else(|_| {
        run(Command::new("cargo").args(["install", krate, "--version", &format!("={version}")]))
    })
}

pub fn ensure_trunk() -> Result<()> {
    let wanted = format!("trunk {TRUNK_VERSION}");
    if version_of("trunk").as_deref() == Some(wanted.as_str()) {
        return Ok(());
    }
    cargo_install("trunk", TRUNK_VERSION)
}

pub fn ensure_wasm_bindgen() -> Result<()> {
    let lock = std::fs::read_to_string(paths::repo_root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let version = locked_wasm_bindgen_version(&lock)
        .ok_or("Cargo.lock does not lock wasm-bindgen".to_owned())?;
    let wanted = format!("wasm-bindgen {version}");
    let have_cli = version_of("wasm-bindgen").as_deref() == Some(wanted.as_str());
    let have_runner = version_of("wasm-bindgen-test-runner").is_some_and(|v| v.contains(&version));
    if have_cli && have_runner {
        return Ok(());
    }
    cargo_install("wasm-bindgen-cli", &version)
}

pub const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// cargo-fuzz (libFuzzer), for the short fuzzing run of the test command.
pub fn ensure_cargo_fuzz() -> Result<()> {
    let have = Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains(CARGO_FUZZ_VERSION));
    if have {
        return Ok(());
    }
    cargo_install("cargo-fuzz", CARGO_FUZZ_VERSION)
}

/// Installs Debian packages with apt-get (as root, or through sudo).
fn apt_install(packages: &[&str]) -> Result<()> {
    let as_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let apt = |args: &[&str]| {
        let mut cmd = if as_root {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.arg("apt-get");
            sudo
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut cmd)
    };
    apt(&["update"])?;
    let mut install = vec!["install", "-y", "--no-install-recommends"];
    install.extend_from_slice(packages);
    apt(&install)
}

/// Chromium and its driver, and poppler's pdftotext, as Debian packages.
pub fn ensure_chromium() -> Result<PathBuf> {
    let driver = Path::new("/usr/bin/chromedriver");
    let have = ["/usr/bin/chromium", "/usr/bin/pdftotext"]
        .iter()
        .all(|p| Path::new(p).exists());
    if !(driver.exists() && have) {
        // pdftotext: the e2e tests read the text of the plan printed to PDF.
        apt_install(&["chromium", "chromium-driver", "poppler-utils"])?;
    }
    Ok(driver.to_path_buf())
}

/// LibreOffice Writer without its desktop parts, Carlito (metrically Calibri, the DOCX's
/// font: Writer then breaks lines where Word does) and poppler, as Debian packages: the test
/// command converts the plan's DOCX to PDF with `soffice --headless` and reads it back
/// (crates/cli/tests/writer.rs).
pub fn ensure_libreoffice() -> Result<()> {
    let have = [
        "/usr/bin/soffice",
        "/usr/bin/pdftotext",
        "/usr/bin/pdfinfo",
        "/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf",
    ]
    .iter()
    .all(|p| Path::new(p).exists());
    if have {
        return Ok(());
    }
    apt_install(&[
        "libreoffice-writer-nogui",
        "fonts-crosextra-carlito",
        "poppler-utils",
    ])
}

/// geckodriver, pinned: the version verified to drive Debian's Firefox ESR headless, file://
/// included.
pub const GECKODRIVER_VERSION: &str = "0.37.1";

/// Debian's Firefox ESR, and geckodriver from crates.io (no prebuilt download): the e2e
/// suite runs in it too. Returns the path of geckodriver.
pub fn ensure_firefox() -> Result<PathBuf> {
    if !Path::new("/usr/bin/firefox-esr").exists() {
        apt_install(&["firefox-esr"])?;
    }
    let driver = cargo_home().join("bin").join("geckodriver");
    let have = Command::new(&driver)
        .arg("--version")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains(GECKODRIVER_VERSION));
    if !have {
        cargo_install("geckodriver", GECKODRIVER_VERSION)?;
    }
    Ok(driver)
}

/// The front-end packages pinned by tools/npm/package-lock.json (Bootstrap Italia, PurgeCSS,
/// axe-core), with the machine's Node.js; `npm ci` runs again whenever the lock changes.
pub fn ensure_npm_packages() -> Result<()> {
    let npm = paths::npm_dir();
    let lock = std::fs::read(npm.join("package-lock.json"))
        .map_err(|e| format!("cannot read tools/npm/package-lock.json: {e}"))?;
    let stamp = npm.join("node_modules").join(".installed-lock");
    if std::fs::read(&stamp).is_ok_and(|installed| installed == lock) {
        return Ok(());
    }
    run(Command::new("npm")
        .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
        .current_dir(&npm))?;
    std::fs::write(&stamp, lock).map_err(|e| format!("{}: {e}", stamp.display()))
}

/// Everything the build needs.
pub fn ensure_build_tools() -> Result<()> {
    put_cargo_bin_on_path();
    ensure_wasm_target()?;
    ensure_wasm_bindgen()?;
    ensure_trunk()?;
    ensure_npm_packages()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_locked_wasm_bindgen_version_and_not_a_lookalike() {
        let lock = "[[package]]\nname = \"wasm-bindgen-backend\"\nversion = \"9.9.9\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(
            locked_wasm_bindgen_version(lock).as_deref(),
            Some("0.2.130")
        );
        assert_eq!(locked_wasm_bindgen_version("[[package]]\n"), None);
    }
}
