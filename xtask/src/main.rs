//! `cargo xtask run | build | test | serve`: the two README commands and their parts.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

use xtask::tools::{self, run, Result};
use xtask::{bundle, paths, serve};

const USAGE: &str = "\
usage: cargo xtask <task>
  run     install what is missing, build in release, write the single file, serve on 127.0.0.1
  build   install what is missing, build in release and write the single file
  test    install what is missing (also Chromium, LibreOffice), build, then run every test tier
  serve   serve the existing dist/ folder on 127.0.0.1
  fuzz    run the fuzz targets for longer: cargo xtask fuzz [SECONDS]
  bench   measure start-up, keystroke, aggregation, core and sizes: bench/results.json, docs/PERFORMANCE.md";

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let outcome = match task.as_str() {
        "run" => build().and_then(|()| serve_forever()),
        "build" => build(),
        "test" => test(),
        "serve" => serve_forever(),
        "bench" => bench(),
        "fuzz" => {
            let seconds = std::env::args()
                .nth(2)
                .and_then(|s| s.parse().ok())
                .unwrap_or(300);
            let mut summaries = Vec::new();
            let mut ok = true;
            for target in FUZZ_TARGETS {
                ok &= fuzz(target, seconds, &mut summaries);
            }
            summaries.iter().for_each(|l| println!("{l}"));
            if ok {
                Ok(())
            } else {
                Err("a fuzz target failed".into())
            }
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(paths::repo_root());
    cmd
}

fn build() -> Result<()> {
    tools::ensure_build_tools()?;
    xtask::styles::build_stylesheet()?;
    run(Command::new("trunk")
        .args(["build", "--release"])
        .current_dir(paths::repo_root()))?;
    write_single_file()
}

/// wasm-bindgen `--target no-modules` on the wasm Trunk just built, then everything inlined.
fn write_single_file() -> Result<()> {
    let out_dir = paths::target_dir().join("single-file");
    run(Command::new("wasm-bindgen")
        .args([
            "--target",
            "no-modules",
            "--no-typescript",
            "--out-name",
            "app",
        ])
        .arg("--out-dir")
        .arg(&out_dir)
        .arg(paths::release_wasm()))?;
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()));
    let glue = String::from_utf8(read(&out_dir.join("app.js"))?).map_err(|e| e.to_string())?;
    let wasm = read(&out_dir.join("app_bg.wasm"))?;
    let html = String::from_utf8(read(&paths::dist_dir().join("index.html"))?)
        .map_err(|e| e.to_string())?;
    let dist = paths::dist_dir();
    let read_asset = |href: &str| std::fs::read(dist.join(href));
    let single = bundle::single_file(&bundle::Inputs {
        html: &html,
        glue_js: &glue,
        wasm: &wasm,
        read_asset: &read_asset,
    })
    .map_err(|e| format!("cannot write the single file: {e}"))?;
    let target = paths::single_file();
    std::fs::write(&target, &single).map_err(|e| format!("{}: {e}", target.display()))?;
    // The served app gets its policy too (no connection beyond its own server).
    let served = bundle::with_served_csp(&html).map_err(|e| format!("cannot add the CSP: {e}"))?;
    let index = paths::dist_dir().join("index.html");
    std::fs::write(&index, served).map_err(|e| format!("{}: {e}", index.display()))?;
    eprintln!(
        "single-file build: {} ({} bytes; wasm {} bytes)",
        target.display(),
        single.len(),
        wasm.len()
    );
    Ok(())
}

fn serve_forever() -> Result<()> {
    let port = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(8080);
    let server = serve::start(paths::dist_dir(), port)
        .or_else(|_| serve::start(paths::dist_dir(), 0))
        .map_err(|e| format!("cannot listen on 127.0.0.1: {e}"))?;
    println!();
    println!("Offerta Abitativa è pronta / is ready:");
    println!("  app servita:        {}", server.url());
    println!(
        "  file unico offline: file://{}",
        paths::single_file().display()
    );
    println!("Ctrl+C per fermare / to stop.");
    loop {
        std::thread::park();
    }
}

/// Runs one test tier, streaming its output and keeping the runners' summary lines.
fn tier(name: &str, cmd: &mut Command, summaries: &mut Vec<String>) -> bool {
    eprintln!("\n=== {name} ===");
    let child = cmd.stdout(Stdio::piped()).spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            summaries.push(format!("{name}: cannot start: {e}"));
            return false;
        }
    };
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(|l| l.ok()) {
            println!("{line}");
            // Test binaries without tests (doc tests of a binary, say) only add noise. A
            // test's own measurement («LibreOffice converted … in 4.7 s») is kept too.
            let measured = line.starts_with("LibreOffice converted");
            if measured
                || (line.starts_with("test result:") && !line.contains(" 0 passed; 0 failed"))
            {
                summaries.push(format!("{name}: {line}"));
            }
        }
    }
    let ok = child.wait().is_ok_and(|s| s.success());
    if !ok {
        summaries.push(format!("{name}: FAILED"));
    }
    ok
}

/// The free space where the builds go, for the summary: a CI run once failed on a full disk,
/// and the figure tells a full disk from a failing test at a glance.
fn free_disk_line(when: &str) -> String {
    let target = paths::target_dir();
    let _ = std::fs::create_dir_all(&target);
    let free = Command::new("df")
        .args(["-Pk"])
        .arg(&target)
        .output()
        .ok()
        .and_then(|o| {
            let text = String::from_utf8_lossy(&o.stdout).into_owned();
            let line = text.lines().nth(1)?.to_owned();
            line.split_whitespace().nth(3)?.parse::<u64>().ok()
        });
    match free {
        Some(kib) => format!(
            "free disk space {when}: {:.1} GB ({})",
            kib as f64 / 1_048_576.0,
            target.display()
        ),
        None => format!("free disk space {when}: unknown (df failed)"),
    }
}

/// Every fuzz target, one per reader of outside input (fuzz/fuzz_targets/).
const FUZZ_TARGETS: [&str; 11] = [
    "received_file",
    "draft_loader",
    "ambito_import",
    "trust_registry",
    "key_file",
    "request_file",
    "previous_plan",
    "plan_texts",
    "p7m",
    "trusted_list",
    "crl",
];

/// How long each fuzz target runs in the test command (a long run is documented in README):
/// the eleven together take about two and a half minutes.
const FUZZ_SECONDS_IN_TESTS: u32 = 12;

/// A coverage-guided run of one fuzz target; new inputs go to target/, the seeds stay as
/// committed. The runner's last line ("Done N runs in S second(s)") is the summary.
fn fuzz(target: &str, seconds: u32, summaries: &mut Vec<String>) -> bool {
    let name = format!("fuzz {target} ({seconds} s)");
    if let Err(e) = tools::ensure_cargo_fuzz() {
        summaries.push(format!("{name}: cannot install cargo-fuzz: {e}"));
        return false;
    }
    let work = paths::target_dir().join("fuzz-corpus").join(target);
    let _ = std::fs::create_dir_all(&work);
    let output = cargo()
        .args([
            "fuzz",
            "run",
            "--fuzz-dir",
            "fuzz",
            "--sanitizer",
            "none",
            target,
        ])
        .arg(&work)
        .arg(paths::repo_root().join("fuzz/corpus").join(target))
        .arg("--")
        .arg(format!("-max_total_time={seconds}"))
        .output();
    match output {
        Ok(out) => {
            let log = String::from_utf8_lossy(&out.stderr);
            let done = log
                .lines()
                .rfind(|l| l.starts_with("Done "))
                .unwrap_or("no summary");
            eprintln!(
                "\n=== {name} ===\n{}",
                log.lines().rev().take(3).collect::<Vec<_>>().join("\n")
            );
            summaries.push(format!("{name}: {done}"));
            if !out.status.success() {
                summaries.push(format!("{name}: FAILED (see fuzz/artifacts/{target})"));
            }
            out.status.success()
        }
        Err(e) => {
            summaries.push(format!("{name}: cannot start: {e}"));
            false
        }
    }
}

/// The test that opens the plan's DOCX in LibreOffice (crates/cli/tests/writer.rs).
const WRITER_TEST: &str = "libreoffice_lays_out_every_heading_and_total_with_whole_words";

/// The plan's DOCX converted by LibreOffice headless and read back: a tier of its own, so
/// that a missing soffice is a failure here (OFFERTA_REQUIRE_SOFFICE), not the plain
/// `cargo test` skip, and the conversion time reaches the summary.
fn writer_tier(summaries: &mut Vec<String>) -> bool {
    let name = "native: the plan's DOCX in LibreOffice Writer (headless)";
    if let Err(e) = tools::ensure_libreoffice() {
        summaries.push(format!("{name}: cannot install LibreOffice: {e}"));
        return false;
    }
    let before = summaries.len();
    let ok = tier(
        name,
        cargo()
            .args(["test", "-p", "offerta-cli", "--test", "writer", "--"])
            .args([WRITER_TEST, "--exact", "--nocapture"])
            .env("OFFERTA_REQUIRE_SOFFICE", "1"),
        summaries,
    );
    // A renamed test would match nothing here and pass unseen.
    let ran = summaries[before..]
        .iter()
        .any(|l| l.contains("test result: ok. 1 passed"));
    if ok && !ran {
        summaries.push(format!("{name}: FAILED (no test named {WRITER_TEST} ran)"));
    }
    ok && ran
}

fn test() -> Result<()> {
    let chromedriver = tools::ensure_chromium()?;
    build()?;
    let mut summaries = vec![free_disk_line("before the tiers")];
    let mut ok = true;
    ok &= tier(
        "format",
        cargo().args(["fmt", "--all", "--check"]),
        &mut summaries,
    );
    ok &= tier(
        "clippy (native)",
        cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
        &mut summaries,
    );
    ok &= tier(
        "clippy (wasm32)",
        cargo().args([
            "clippy",
            // The core is linted for wasm32 as a dependency of the app; its native-only
            // dev tools (proptest, criterion) are linted by the native pass.
            "-p",
            "offerta-abitativa",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
        &mut summaries,
    );
    ok &= tier(
        "native: core, CLI, build tools",
        cargo().args([
            "test",
            "-p",
            "offerta-core",
            "-p",
            "offerta-cli",
            "-p",
            "xtask",
            "--",
            "--skip",
            WRITER_TEST,
        ]),
        &mut summaries,
    );
    ok &= writer_tier(&mut summaries);
    ok &= tier(
        "native: shell state",
        cargo().args(["test", "-p", "offerta-abitativa", "--lib"]),
        &mut summaries,
    );
    ok &= tier(
        "end-to-end: served app and file:// single file in headless Chromium",
        cargo()
            .args(["test", "-p", "offerta-abitativa", "--test", "e2e"])
            .env("CHROMEDRIVER", &chromedriver),
        &mut summaries,
    );
    ok &= match tools::ensure_firefox() {
        Ok(geckodriver) => tier(
            "end-to-end: served app and file:// single file in headless Firefox ESR",
            cargo()
                .args(["test", "-p", "offerta-abitativa", "--test", "e2e"])
                .env("OFFERTA_E2E_BROWSER", "firefox")
                .env("GECKODRIVER", &geckodriver),
            &mut summaries,
        ),
        Err(e) => {
            summaries.push(format!("end-to-end in Firefox ESR: cannot install it: {e}"));
            false
        }
    };
    ok &= tier(
        "wasm32: components in headless Chromium (wasm-bindgen-test)",
        cargo()
            .args([
                "test",
                "-p",
                "offerta-abitativa",
                "--target",
                "wasm32-unknown-unknown",
                "--test",
                "web",
            ])
            .env("CHROMEDRIVER", &chromedriver),
        &mut summaries,
    );
    for target in FUZZ_TARGETS {
        ok &= fuzz(target, FUZZ_SECONDS_IN_TESTS, &mut summaries);
    }
    summaries.push(free_disk_line("after the tiers"));
    println!("\n=== summary ===");
    for line in &summaries {
        println!("{line}");
    }
    if ok {
        println!("all test tiers passed");
        Ok(())
    } else {
        Err("some test tiers failed (see summary above)".into())
    }
}

/// The performance figures of docs/PERFORMANCE.md, on the release single file.
fn bench() -> Result<()> {
    let chromedriver = tools::ensure_chromium()?;
    build()?;
    run(cargo().args(["build", "--release", "-p", "offerta-cli"]))?;
    let files = paths::target_dir().join("bench-files");
    let cli = paths::target_dir().join("release").join("offerta");
    // BENCH_QUICK: only the 1,500-file drop (see README), on the files already generated;
    // BENCH_SCALE=48,1500,10000: only the drops of these sizes, likewise (files generated
    // only when missing, no criterion run).
    let quick = std::env::var_os("BENCH_QUICK").is_some();
    let scale = std::env::var("BENCH_SCALE").ok();
    for count in ["48", "1500", "10000"] {
        let dir = files.join(count);
        let generated = dir.join("registro.json").is_file();
        if quick && (count != "1500" || generated) {
            continue;
        }
        if let Some(sizes) = &scale {
            if generated || !sizes.split(',').any(|s| s.trim() == count) {
                continue;
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
        run(Command::new(&cli)
            .args(["generate", "--count", count, "--year", "2027", "--out"])
            .arg(&dir))?;
    }
    if !quick && scale.is_none() {
        run(cargo().args(["bench", "-p", "offerta-core"]))?;
    }
    run(cargo()
        .args(["bench", "-p", "offerta-abitativa", "--bench", "browser"])
        .env("CHROMEDRIVER", &chromedriver)
        .env("BENCH_FILES_DIR", &files))
}
