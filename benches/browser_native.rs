//! `cargo xtask bench` (through `browser.rs`): measures the release single file in headless Chromium (start-up,
//! keystroke, aggregation of 48 / 1,500 / 10,000 signed files, JS heap), the native CLI on
//! the same files, the core's criterion benches and the sizes; writes bench/results.json and
//! the table in docs/PERFORMANCE.md. Figures, not pass/fail: the goals are reported against.

#![allow(clippy::too_many_lines)] // A test reads as one story; the limit is for code.

// The same driver as the end-to-end tests; the bench uses only part of it.
#[allow(dead_code)]
#[path = "../tests/e2e/browser.rs"]
mod browser;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use browser::Browser;
use serde_json::{json, Value};

const START_RUNS: usize = 7;
const KEYSTROKES: usize = 30;

const DROP_RUNS: usize = 3;
/// Registries imported by the bench: ten keys per comune of Lombardy, and ten times that.
const REGISTRY_SIZES: [usize; 2] = [10_000, 100_000];

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn percentile(mut v: Vec<f64>, p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i]
}

fn file_url() -> String {
    format!("file://{}", xtask::paths::single_file().display())
}

async fn mark(b: &Browser, name: &str) -> Option<f64> {
    b.client
        .execute(
            &format!("return window.{name} === undefined ? null : window.{name}"),
            vec![],
        )
        .await
        .ok()
        .and_then(|v| v.as_f64())
}

async fn wait_mark(b: &Browser, name: &str) -> f64 {
    for _ in 0..6000 {
        if let Some(v) = mark(b, name).await {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("{name} never set");
}

async fn start_up(b: &Browser) -> Vec<f64> {
    let mut runs = Vec::new();
    for _ in 0..START_RUNS {
        b.client.goto("about:blank").await.unwrap();
        b.client.goto(&file_url()).await.unwrap();
        runs.push(wait_mark(b, "__offertaReady").await);
    }
    runs
}

struct Keystrokes {
    /// From the input event to the re-validated form in the DOM, each.
    ms: Vec<f64>,
    /// Renders of the draft screen (`window.__offertaDraftRenders`) per keystroke: 1 is the
    /// goal, each keystroke's state rendered once.
    renders: f64,
}

/// Keystrokes in the SAP field of the ALER's draft with rows for all 48 comuni of Crema:
/// from the input event to the re-validated form in the DOM.
async fn keystrokes(b: &Browser, scratch: &Path) -> Keystrokes {
    let ambito = offerta_core::ambiti::preset("crema").unwrap();
    let draft = offerta_core::fixtures::aler_with_every_comune(&ambito, 2021);
    let path = scratch.join("aler-48-comuni.json");
    std::fs::write(&path, serde_json::to_string(&draft).unwrap()).unwrap();
    b.client.goto(&file_url()).await.unwrap();
    b.click("#role-compila").await;
    b.fill("#draft-open", path.to_str().unwrap()).await;
    b.text("#draft-title").await;
    let measured = b
        .client
        .execute_async(
            "const [count, done] = arguments;
             const input = document.getElementById('f-consistenza-sap');
             const total = document.getElementById('total-a');
             const renders = () => window.__offertaDraftRenders || 0;
             const out = [];
             (async () => {
               const before = renders();
               for (let k = 0; k < count; k++) {
                 const value = String(900 + k);
                 const t0 = performance.now();
                 input.value = value;
                 input.dispatchEvent(new Event('input', {bubbles: true}));
                 for (let spin = 0; spin < 100000 && !total.textContent.endsWith(value); spin++) {
                   await Promise.resolve();
                   if (spin % 100 === 99) await new Promise(r => setTimeout(r, 0));
                 }
                 out.push(performance.now() - t0);
                 await new Promise(r => setTimeout(r, 20));
               }
               done({samples: out, renders: renders() - before});
             })();",
            vec![json!(KEYSTROKES)],
        )
        .await
        .unwrap();
    Keystrokes {
        ms: measured["samples"]
            .as_array()
            .expect("the keystroke samples")
            .iter()
            .filter_map(Value::as_f64)
            .collect(),
        renders: measured["renders"].as_f64().expect("the render count") / KEYSTROKES as f64,
    }
}

struct Drop {
    ms: f64,
    peak_heap: f64,
    /// Of `ms`, the time spent verifying in wasm.
    verify_ms: f64,
    /// The longest task the browser ran from the drop to a second after the tables were in
    /// the page (Chromium's `longtask` entries, which start at 50 ms: 0 when none was longer).
    longest_task_ms: f64,
    /// The long tasks of that span: (start after the drop's start, duration), in ms.
    long_tasks: Vec<(f64, f64)>,
    /// The longest task of each phase (0 when none reached 50 ms): verifying (the tasks
    /// ended before the last file was verified), the list (from the task that ended the
    /// verifying to the one that rendered the list) and after it (the plan and its tables).
    phases: [f64; 3],
}

/// The longest of `tasks` (start after the drop's, duration) in each phase of [`Drop`],
/// the files all verified at `checked` and the list rendered at `listed` (after the drop's
/// start, ms).
fn longest_by_phase(tasks: &[(f64, f64)], checked: f64, listed: f64) -> [f64; 3] {
    let mut phases = [0.0_f64; 3];
    for &(at, ms) in tasks {
        let phase = if at + ms < checked {
            0
        } else if at <= listed {
            1
        } else {
            2
        };
        phases[phase] = phases[phase].max(ms);
    }
    phases
}

/// Records every task longer than 50 ms from now on in `window.__longTasks`.
const WATCH_LONG_TASKS: &str = "window.__longTasks = [];      new PerformanceObserver(list => { for (const e of list.getEntries())          window.__longTasks.push([e.startTime, e.duration]); })          .observe({ type: 'longtask' }); return true;";

/// The long tasks recorded from `start` (ms on the page's clock) on, as (start after
/// `start`, duration).
async fn long_tasks_since(b: &Browser, start: f64) -> Vec<(f64, f64)> {
    let tasks = b
        .client
        .execute("return window.__longTasks || []", vec![])
        .await
        .unwrap();
    tasks
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| Some((t[0].as_f64()?, t[1].as_f64()?)))
        .filter(|(at, _)| *at + 1.0 >= start)
        .map(|(at, ms)| (at - start, ms))
        .collect()
}

async fn aggregate_in_browser(b: &Browser, dir: &Path, count: usize) -> Drop {
    b.client.goto(&file_url()).await.unwrap();
    b.click("#role-capofila").await;
    b.fill("#ambito-file", dir.join("ambito.json").to_str().unwrap())
        .await;
    b.text_when("#capofila-message", |t| t.contains("importato"))
        .await;
    b.fill("#year-input", "2027\n").await;
    b.fill(
        "#registry-import",
        dir.join("registro.json").to_str().unwrap(),
    )
    .await;
    b.text_when("#capofila-message", |t| t.contains("Registro importato"))
        .await;
    let files: Vec<String> = scheda_files(dir)
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    b.client.execute(WATCH_LONG_TASKS, vec![]).await.unwrap();
    b.fill("#files-input", &files.join("\n")).await;
    let mut peak: f64 = 0.0;
    let end = loop {
        if let Some(heap) = b
            .client
            .execute("return performance.memory.usedJSHeapSize", vec![])
            .await
            .ok()
            .and_then(|v| v.as_f64())
        {
            peak = peak.max(heap);
        }
        if let Some(end) = mark(b, "__offertaDropEnd").await {
            break end;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    // The end is when the tables are in the page, whichever comes last of the drop's end
    // and the render (Yew renders in a microtask, and may yield to the browser).
    let end = end.max(wait_mark(b, "__offertaTablesRendered").await);
    let start = wait_mark(b, "__offertaDropStart").await;
    let shown = b.text("#received-count").await;
    assert!(
        shown.starts_with(&format!(
            "Schede ricevute: {} ",
            offerta_core::text::count(count as u64)
        )),
        "{shown}"
    );
    // What the page still does once the tables are in it (a deferred part) counts too.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let long_tasks = long_tasks_since(b, start).await;
    let checked = wait_mark(b, "__offertaChecked").await - start;
    let listed = wait_mark(b, "__offertaFilesRendered").await - start;
    Drop {
        phases: longest_by_phase(&long_tasks, checked, listed),
        ms: end - start,
        peak_heap: peak,
        verify_ms: wait_mark(b, "__offertaVerifyMs").await,
        longest_task_ms: long_tasks.iter().map(|t| t.1).fold(0.0, f64::max),
        long_tasks,
    }
}

/// A registry of `keys` keys (one per ente, synthetic ids), written as a file the capofila
/// imports: the Region's scale and ten times more.
fn registry_file(scratch: &Path, keys: usize) -> PathBuf {
    use offerta_core::signing::{multikey, TrustRegistry};
    let mut registry = TrustRegistry::default();
    for n in 0..keys {
        let mut seed = [7u8; 32];
        seed[..8].copy_from_slice(&(n as u64).to_le_bytes());
        let key = offerta_core::signing::SigningKey::from_bytes(&seed);
        registry.accept(
            &format!("9{n:07}"),
            &format!("Ente di prova {n}"),
            &multikey::public_key_multibase(&key.verifying_key()),
            "2026-01-01T00:00:00Z",
            "prova di carico",
        );
    }
    let path = scratch.join(format!("registro-{keys}.json"));
    std::fs::write(&path, registry.to_file_json()).unwrap();
    path
}

/// From choosing the registry file to the page's message about it (ms), with the message:
/// «Registro importato», or why it could not be (or be kept).
async fn import_registry(b: &Browser, file: &Path) -> (f64, String) {
    b.client.goto(&file_url()).await.unwrap();
    b.click("#role-capofila").await;
    b.fill("#year-input", "2027\n").await;
    let message = || async {
        match b
            .client
            .find(fantoccini::Locator::Css("#capofila-message"))
            .await
        {
            Ok(el) => el.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    };
    let before = message().await;
    let start = Instant::now();
    b.fill("#registry-import", file.to_str().unwrap()).await;
    loop {
        let said = message().await;
        if said != before && !said.is_empty() {
            // The import's own message, and the save's after it if any.
            tokio::time::sleep(Duration::from_millis(300)).await;
            let settled = message().await;
            return (start.elapsed().as_secs_f64() * 1000.0, settled);
        }
        assert!(
            start.elapsed() < Duration::from_secs(600),
            "no message after 10 minutes"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// What the browser alone needs to read the same files (`Promise.all` of `arrayBuffer()`,
/// no wasm): the floor under the app's own drop.
async fn browser_read_alone(b: &Browser, dir: &Path) -> f64 {
    b.client.goto(&file_url()).await.unwrap();
    b.element("#role-capofila").await;
    b.client
        .execute(
            "const i = document.createElement('input'); i.type = 'file'; i.multiple = true; \
             i.id = 'read-probe'; document.body.appendChild(i); return true;",
            vec![],
        )
        .await
        .unwrap();
    let files: Vec<String> = scheda_files(dir)
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    b.fill("#read-probe", &files.join("\n")).await;
    b.client
        .execute_async(
            "const done = arguments[0]; const t = performance.now(); \
             Promise.all([...document.getElementById('read-probe').files].map(f => f.arrayBuffer())) \
                 .then(() => done(performance.now() - t));",
            vec![],
        )
        .await
        .unwrap()
        .as_f64()
        .unwrap_or(f64::NAN)
}

fn scheda_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("scheda-"))
        })
        .collect();
    files.sort();
    files
}

fn aggregate_natively(dir: &Path) -> f64 {
    let cli = xtask::paths::target_dir().join("release").join("offerta");
    let out = dir.join("piano-nativo.json");
    let start = Instant::now();
    let status = Command::new(&cli)
        .args(["aggregate", "--year", "2027", "--ambito"])
        .arg(dir.join("ambito.json"))
        .arg("--registry")
        .arg(dir.join("registro.json"))
        .arg("--out")
        .arg(&out)
        .args(scheda_files(dir))
        .stderr(std::process::Stdio::null())
        .status()
        .expect("the release CLI runs");
    assert!(status.success());
    start.elapsed().as_secs_f64() * 1000.0
}

/// Mean times of the criterion benches of the core (run before by `cargo xtask bench`).
fn criterion_results() -> Vec<(String, f64)> {
    let root = xtask::paths::target_dir().join("criterion");
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.ends_with("new/estimates.json") {
                let v: Value =
                    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
                let bench: Value = serde_json::from_str(
                    &std::fs::read_to_string(path.with_file_name("benchmark.json"))
                        .unwrap_or_default(),
                )
                .unwrap_or(Value::Null);
                let name = bench["full_id"]
                    .as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|| path.display().to_string());
                out.push((
                    name,
                    v["mean"]["point_estimate"].as_f64().unwrap_or(0.0) / 1e6,
                ));
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The longest task, or that none reached the 50 ms Chromium reports from.
fn longest(ms: f64) -> String {
    if ms > 0.0 {
        fmt_ms(ms)
    } else {
        "< 50 ms".into()
    }
}

fn rounded(tasks: &[(f64, f64)]) -> Vec<(f64, f64)> {
    tasks
        .iter()
        .map(|(at, ms)| (at.round(), ms.round()))
        .collect()
}

fn fmt_ms(ms: f64) -> String {
    if ms < 1.0 {
        format!("{:.3} ms", ms)
    } else {
        format!("{:.0} ms", ms)
    }
}

pub fn main() {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(run());
}

async fn run() {
    let files_root =
        PathBuf::from(std::env::var("BENCH_FILES_DIR").expect("run through `cargo xtask bench`"));
    let scratch = std::env::temp_dir().join(format!("offerta-bench-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let wasm = std::fs::metadata(
        xtask::paths::target_dir()
            .join("single-file")
            .join("app_bg.wasm"),
    )
    .map(|m| m.len())
    .unwrap_or(0);
    let single = std::fs::metadata(xtask::paths::single_file())
        .map(|m| m.len())
        .unwrap_or(0);

    let b = Browser::start().await;
    // BENCH_QUICK=1: only the 1,500-file drop, three times, printed with where the time
    // goes; nothing written (for trying changes).
    if std::env::var_os("BENCH_QUICK").is_some() {
        let dir = files_root.join("1500");
        for _ in 0..3 {
            let drop = aggregate_in_browser(&b, &dir, 1500).await;
            let start = wait_mark(&b, "__offertaDropStart").await;
            let checked = wait_mark(&b, "__offertaChecked").await;
            let verifying = wait_mark(&b, "__offertaVerifyMs").await;
            let since = |name: &'static str| {
                let b = &b;
                async move { mark(b, name).await.map(|at| (at - start).round()) }
            };
            eprintln!(
                "  after the drop's start (ms): checked {:?}, files rendered {:?}, tables \
                 rendered {:?}; plan_of {:?} ms, tables {:?} ms",
                since("__offertaChecked").await,
                since("__offertaFilesRendered").await,
                since("__offertaTablesRendered").await,
                mark(&b, "__offertaPlanMs").await,
                mark(&b, "__offertaTablesMs").await,
            );
            let read = browser_read_alone(&b, &dir).await;
            eprintln!(
                "1500 files: {:.0} ms (the browser alone reads them in {read:.0} ms); read and \
                 verified after {:.0} ms (verifying {:.0} ms); peak heap {:.1} MB; longest task \
                 {:.0} ms; long tasks (start after the drop's, ms): {:?}",
                drop.ms,
                checked - start,
                verifying,
                drop.peak_heap / 1e6,
                drop.longest_task_ms,
                rounded(&drop.long_tasks)
            );
        }
        b.finish().await;
        return;
    }
    // BENCH_SCALE=48,1500,10000: only drops of these sizes (files generated before), each
    // once beside the browser's own read, printed as the rows of the table of
    // docs/PERFORMANCE.md (for measuring the scale without the rest).
    if let Ok(sizes) = std::env::var("BENCH_SCALE") {
        // The start-up beside the drops: the single file grew with the CAdES verifier.
        let start = start_up(&b).await;
        eprintln!(
            "start-up, file:// to the home screen interactive: median {:.0} ms of {START_RUNS} ({start:?})",
            median(start.clone())
        );
        for count in sizes
            .split(',')
            .filter_map(|n| n.trim().parse::<usize>().ok())
        {
            let dir = files_root.join(count.to_string());
            let drop = aggregate_in_browser(&b, &dir, count).await;
            // Read before the browser's own read, which loads another page.
            let plan_ms = mark(&b, "__offertaPlanMs").await.map(f64::round);
            let tables_ms = mark(&b, "__offertaTablesMs").await.map(f64::round);
            let read = browser_read_alone(&b, &dir).await;
            println!(
                "| {count} | {} | {:.2} ms | {} | {:.2}x | {} |",
                fmt_ms(drop.ms),
                drop.ms / count as f64,
                fmt_ms(read),
                drop.ms / read,
                longest(drop.longest_task_ms)
            );
            let [verifying, list, plan] = drop.phases;
            eprintln!(
                "  longest task verifying {}, the list {}, the plan and after {}; plan_of {:?} \
                 ms, tables {:?} ms; long tasks (start after the drop's, ms): {:?}",
                longest(verifying),
                longest(list),
                longest(plan),
                plan_ms,
                tables_ms,
                rounded(&drop.long_tasks)
            );
        }
        b.finish().await;
        return;
    }
    // BENCH_REGISTRY=2000,4000: only registry imports of these sizes, printed (for trying
    // changes to the import's cost).
    if let Ok(sizes) = std::env::var("BENCH_REGISTRY") {
        for keys in sizes.split(',').filter_map(|n| n.trim().parse().ok()) {
            let (ms, said) = import_registry(&b, &registry_file(&scratch, keys)).await;
            eprintln!("registry of {keys} keys: {ms:.0} ms, «{said}»");
        }
        b.finish().await;
        return;
    }
    let start = start_up(&b).await;
    eprintln!("start-up runs (ms): {start:?}");
    let Keystrokes {
        ms: keys,
        renders: renders_per_key,
    } = keystrokes(&b, &scratch).await;
    eprintln!("keystrokes (ms): {keys:?}");
    eprintln!("renders of the draft screen per keystroke: {renders_per_key:.2}");
    let mut drops = Vec::new();
    for count in [48usize, 1500, 10000] {
        let dir = files_root.join(count.to_string());
        // The median of three drops (one for 10,000: it takes seconds); the peak heap is the
        // largest seen.
        let runs = if count > 1500 { 1 } else { DROP_RUNS };
        // Each drop beside the browser's own read of the same files, in turn, so that both
        // see the same machine.
        let mut drops_of_count = Vec::new();
        let mut reads = Vec::new();
        for _ in 0..runs {
            drops_of_count.push(aggregate_in_browser(&b, &dir, count).await);
            reads.push(browser_read_alone(&b, &dir).await);
        }
        let browser = Drop {
            ms: median(drops_of_count.iter().map(|d| d.ms).collect()),
            peak_heap: drops_of_count
                .iter()
                .map(|d| d.peak_heap)
                .fold(0.0, f64::max),
            verify_ms: median(drops_of_count.iter().map(|d| d.verify_ms).collect()),
            longest_task_ms: drops_of_count
                .iter()
                .map(|d| d.longest_task_ms)
                .fold(0.0, f64::max),
            long_tasks: Vec::new(),
            phases: [0, 1, 2].map(|p| {
                drops_of_count
                    .iter()
                    .map(|d| d.phases[p])
                    .fold(0.0, f64::max)
            }),
        };
        let read = median(reads);
        let native = median((0..runs).map(|_| aggregate_natively(&dir)).collect());
        eprintln!(
            "{count} files: browser {:.0} ms ({:.2} ms a file; the browser alone reads them \
             in {read:.0} ms), native {:.0} ms, peak heap {:.1} MB, longest task {:.0} ms",
            browser.ms,
            browser.ms / count as f64,
            native,
            browser.peak_heap / 1e6,
            browser.longest_task_ms
        );
        drops.push((count, browser, native, read));
    }
    let read_1500 = drops.iter().find(|d| d.0 == 1500).unwrap().3;
    let mut imports = Vec::new();
    for keys in REGISTRY_SIZES {
        let (ms, said) = import_registry(&b, &registry_file(&scratch, keys)).await;
        eprintln!("registry of {keys} keys: {ms:.0} ms, «{said}»");
        imports.push((keys, ms, said));
    }
    b.finish().await;
    let core = criterion_results();

    let start_median = median(start.clone());
    let (key_p50, key_p95) = (
        percentile(keys.clone(), 0.5),
        percentile(keys.clone(), 0.95),
    );
    let results = json!({
        "machine": "2-core Linux, headless Chromium (Debian), release single file opened from file://",
        "start_ms": { "median": start_median, "runs": start },
        "keystroke_ms": { "p50": key_p50, "p95": key_p95, "samples": keys },
        "draft_renders_per_keystroke": renders_per_key,
        "aggregation": drops.iter().map(|(n, b, native, read)| json!({
            "files": n, "browser_ms": b.ms, "browser_ms_per_file": b.ms / *n as f64,
            "browser_read_alone_ms": read, "ratio_to_read_alone": b.ms / read,
            "longest_task_ms": b.longest_task_ms,
            "native_ms": native, "ratio": b.ms / native, "peak_js_heap_bytes": b.peak_heap,
            "browser_verify_ms": b.verify_ms
        })).collect::<Vec<_>>(),
        "browser_read_alone_1500_ms": read_1500,
        "registry_import_ms": imports.iter().map(|(keys, ms, said)| json!({"keys": keys, "ms": ms, "message": said})).collect::<Vec<_>>(),
        "core_ms": core.iter().map(|(n, ms)| json!({"bench": n, "mean_ms": ms})).collect::<Vec<_>>(),
        "size_bytes": { "wasm": wasm, "single_file": single },
    });
    let repo = xtask::paths::repo_root();
    std::fs::create_dir_all(repo.join("bench")).unwrap();
    std::fs::write(
        repo.join("bench/results.json"),
        serde_json::to_string_pretty(&results).unwrap(),
    )
    .unwrap();

    let verdict = |ok: bool| if ok { "met" } else { "missed" };
    let d1500 = drops.iter().find(|d| d.0 == 1500).unwrap();
    let mut md = String::from("# Performance\n\nWritten by `cargo xtask bench` (see README); raw figures in `bench/results.json`.\n\
        Measured on the 2-core build machine, headless Chromium, the release single file opened from file://.\n\n\
        | what | figure | goal | |\n|---|---|---|---|\n");
    md.push_str(&format!("| start: file:// to home screen interactive (median of {START_RUNS}) | {} | < 500 ms | {} |\n", fmt_ms(start_median), verdict(start_median < 500.0)));
    md.push_str(&format!("| keystroke to re-validated form, ALER with 48 comuni (p50 / p95 of {KEYSTROKES}) | {} / {} | p95 < 16 ms | {} |\n", fmt_ms(key_p50), fmt_ms(key_p95), verdict(key_p95 < 16.0)));
    md.push_str(&format!("| renders of the draft screen per keystroke, same keystrokes (mean of {KEYSTROKES}) | {renders_per_key:.2} | 1 | {} |\n", verdict(renders_per_key <= 1.0)));
    for (n, b, native, _) in &drops {
        md.push_str(&format!("| drop-to-tables, {n} signed files, median (browser / native CLI, ratio; peak JS heap) | {} / {} ({:.1}x; {:.0} MB) | {} | {} |\n",
            fmt_ms(b.ms), fmt_ms(*native), b.ms / native, b.peak_heap / 1e6,
            if *n == 1500 { "< 1 s; within 2x of native" } else { "-" },
            if *n == 1500 { format!("{}; {}", verdict(d1500.1.ms < 1000.0), verdict(d1500.1.ms / d1500.2 <= 2.0)) } else { String::new() }));
    }
    for (keys, ms, said) in &imports {
        md.push_str(&format!("| registry import, {keys} keys: file chosen to the page's message («{said}») | {} | linear in the keys | |\n", fmt_ms(*ms)));
    }
    md.push_str(&format!(
        "| size: wasm | {} bytes | - | |\n| size: single-file HTML | {} bytes | < 1.5 MB | {} |\n",
        wasm,
        single,
        verdict(single < 1_500_000)
    ));
    md.push_str(
        "\n## The drop at the Region's scale\n\n\
         Each drop beside the browser alone reading the same files (`Promise.all` of \
         `arrayBuffer()`, no wasm), in turn in the same run; the longest task is the longest \
         the browser ran from the drop to a second after the tables were in the page \
         (Chromium's `longtask` entries, which start at 50 ms).\n\n\
         | files | drop (median) | per file | browser alone reading them | drop / read | longest task |\n\
         |---|---|---|---|---|---|\n",
    );
    for (n, b, _, read) in &drops {
        md.push_str(&format!(
            "| {n} | {} | {:.2} ms | {} | {:.2}x | {} |\n",
            fmt_ms(b.ms),
            b.ms / *n as f64,
            fmt_ms(*read),
            b.ms / read,
            if b.longest_task_ms > 0.0 {
                fmt_ms(b.longest_task_ms)
            } else {
                "< 50 ms".into()
            }
        ));
    }
    md.push_str(&format!(
        "\n## Where the 1,500-file drop goes\n\n\
         | part | ms |\n|---|---|\n\
         | whole drop in the app (median) | {} |\n\
         | of which verifying in wasm | {} |\n\
         | the browser alone reading the same files (`Promise.all` of `arrayBuffer()`, no wasm; median of {DROP_RUNS}) | {} |\n\
         | the native CLI, everything | {} |\n\n\
         Twice native is {}. The browser alone needs {:.0} % of that just to read the files \
         (before any wasm runs), and verifying them in wasm takes {} on the same two cores; \
         classifying, aggregating, rendering and the part of reading and verifying that does \
         not overlap make the remaining {}.\n",
        fmt_ms(d1500.1.ms),
        fmt_ms(d1500.1.verify_ms),
        fmt_ms(read_1500),
        fmt_ms(d1500.2),
        fmt_ms(2.0 * d1500.2),
        100.0 * read_1500 / (2.0 * d1500.2),
        fmt_ms(d1500.1.verify_ms),
        fmt_ms((d1500.1.ms - d1500.1.verify_ms - read_1500).max(0.0))
    ));
    md.push_str("\n## Core (criterion, native, release profile)\n\n| bench | mean |\n|---|---|\n");
    for (name, ms) in &core {
        md.push_str(&format!("| {name} | {} |\n", fmt_ms(*ms)));
    }
    md.push_str("\nNotes: the native figure runs the release CLI as a process (start-up and file reading included); the browser figure runs from the file input's change event to the tables in the page (reading, verifying with the progress repainted every 100 ms, classifying, aggregating, rendering; long tables show their first 60 rows, the rest on request and in print). Drops of 48 and 1,500 files: median of 3; 10,000: one run.\n");
    std::fs::write(repo.join("docs/PERFORMANCE.md"), &md).unwrap();
    println!("{md}");
}
