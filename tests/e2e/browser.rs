//! A headless browser driven through WebDriver, started fresh for each test: Chromium through
//! ChromeDriver, or Firefox ESR through geckodriver when `OFFERTA_E2E_BROWSER=firefox`
//! (`cargo xtask test` runs the suite in both).

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

pub const TAB: char = '\u{e004}';
pub const ENTER: char = '\u{e007}';
pub const SPACE: char = '\u{e00d}';
pub const ARROW_DOWN: char = '\u{e015}';
const CONTROL: char = '\u{e009}';
const SHIFT: char = '\u{e008}';

/// True when the focused element shows a ring: its own outline or shadow, its label's (the
/// design system's checkboxes draw themselves on the label), or its drop zone's.
const FOCUS_IS_VISIBLE: &str = "
    const el = document.activeElement;
    const ring = (e) => {
        if (!e) return false;
        const s = getComputedStyle(e);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
            || (s.boxShadow && s.boxShadow !== 'none');
    };
    const label = el.id ? document.querySelector('label[for=\"' + el.id + '\"]') : null;
    return ring(el) || (el.type === 'checkbox' && ring(label)) || ring(el.closest('.drop-zone'));
";

pub struct Browser {
    pub client: Client,
    driver: Child,
    profile: PathBuf,
    /// Where the browser saves downloads, without asking.
    pub downloads: PathBuf,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free local port")
        .port()
}

fn chromedriver_path() -> String {
    std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into())
}

/// The browser the suite runs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Chromium,
    Firefox,
}

/// `OFFERTA_E2E_BROWSER=firefox` runs the suite in Firefox; Chromium otherwise.
pub fn engine() -> Engine {
    match std::env::var("OFFERTA_E2E_BROWSER").as_deref() {
        Ok("firefox") => Engine::Firefox,
        _ => Engine::Chromium,
    }
}

/// The driver to start, its arguments, and the session's capabilities.
fn driver_and_capabilities(
    port: u16,
    profile: &std::path::Path,
    downloads: &std::path::Path,
) -> (String, Vec<String>, serde_json::Value) {
    match engine() {
        Engine::Chromium => (
            chromedriver_path(),
            vec![format!("--port={port}")],
            json!({
                "goog:chromeOptions": {
                    "prefs": {
                        "download.default_directory": downloads.display().to_string(),
                        "download.prompt_for_download": false,
                        "download.directory_upgrade": true
                    },
                    "args": [
                        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                        // Unbucketed performance.memory, for the heap figures of the bench.
                        "--enable-precise-memory-info",
                        format!("--user-data-dir={}", profile.display()),
                    ]
                }
            }),
        ),
        Engine::Firefox => (
            std::env::var("GECKODRIVER").unwrap_or_else(|_| "geckodriver".into()),
            vec![format!("--port={port}"), "--log".into(), "fatal".into()],
            json!({
                "moz:firefoxOptions": {
                    "binary": std::env::var("FIREFOX").unwrap_or_else(|_| "/usr/bin/firefox-esr".into()),
                    "args": ["-headless", "-profile", profile.display().to_string()],
                    "prefs": {
                        // Downloads go to the test's folder without asking.
                        "browser.download.dir": downloads.display().to_string(),
                        "browser.download.folderList": 2,
                        "browser.download.useDownloadDir": true,
                        "browser.download.always_ask_before_handling_new_types": false,
                        "browser.download.start_downloads_in_tmp_dir": false,
                        "browser.download.manager.showWhenStarting": false,
                        // The downloads panel would take the keyboard focus from the page.
                        "browser.download.alwaysOpenPanel": false,
                        "browser.helperApps.neverAsk.saveToDisk": "application/json,text/csv,application/octet-stream,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        "pdfjs.disabled": true,
                        // No traffic of the browser's own on this closed network.
                        "app.update.enabled": false,
                        "browser.shell.checkDefaultBrowser": false,
                        "datareporting.policy.dataSubmissionEnabled": false,
                        "network.captive-portal-service.enabled": false,
                        "network.connectivity-service.enabled": false
                    }
                }
            }),
        ),
    }
}

impl Browser {
    pub async fn start() -> Browser {
        let port = free_port();
        let profile =
            std::env::temp_dir().join(format!("offerta-e2e-profile-{}-{port}", std::process::id()));
        let downloads = profile.join("downloads");
        std::fs::create_dir_all(&downloads).expect("download folder");
        let (path, args, caps) = driver_and_capabilities(port, &profile, &downloads);
        let driver = Command::new(&path)
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {path} ({e}): run the suite with `cargo xtask test`")
            });
        let caps = caps.as_object().expect("an object").clone();
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = None;
        for _ in 0..100 {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    return Browser {
                        client,
                        driver,
                        profile,
                        downloads,
                    }
                }
                Err(e) => last_error = Some(e),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{path} did not accept a session: {last_error:?}");
    }

    /// Waits up to 20 s for an element to appear.
    pub async fn element(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} never appeared: {e}"))
    }

    /// Waits for an element and returns its text. An element the page re-rendered between
    /// finding it and reading it (stale) is found again.
    pub async fn text(&self, css: &str) -> String {
        let mut last_error = None;
        for _ in 0..20 {
            match self.element(css).await.text().await {
                Ok(text) => return text,
                Err(e) => last_error = Some(e),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css}: its text could not be read: {last_error:?}");
    }

    /// Types `text` into the field `css`, replacing what was there; for a file input,
    /// `text` is the paths of the files chosen, one per line (a file input has nothing to
    /// clear, and Firefox refuses to clear one the design system hides).
    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.element(css).await;
        let is_file = field.attr("type").await.ok().flatten().as_deref() == Some("file");
        if !is_file {
            field.clear().await.expect("clear field");
        }
        field.send_keys(text).await.expect("type into field");
    }

    /// Waits until the text of `css` satisfies `test`, and returns it.
    pub async fn text_when(&self, css: &str, test: impl Fn(&str) -> bool) -> String {
        for _ in 0..200 {
            if let Ok(el) = self.client.find(Locator::Css(css)).await {
                if let Ok(text) = el.text().await {
                    if test(&text) {
                        return text;
                    }
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{css} never showed the expected text");
    }

    /// Waits for a completed download named `name` and returns its text.
    pub async fn downloaded(&self, name: &str) -> String {
        String::from_utf8(self.downloaded_bytes(name).await).expect("a text download")
    }

    /// Waits for a completed download named `name` and returns its bytes.
    pub async fn downloaded_bytes(&self, name: &str) -> Vec<u8> {
        let path = self.downloads.join(name);
        for _ in 0..200 {
            if let Ok(bytes) = std::fs::read(&path) {
                if !bytes.is_empty() {
                    return bytes;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let seen: Vec<_> = std::fs::read_dir(&self.downloads)
            .map(|d| d.flatten().map(|e| e.file_name()).collect())
            .unwrap_or_default();
        panic!("download {name} never arrived; the folder holds {seen:?}");
    }

    /// Chooses the option with `value` in the select `css`.
    pub async fn select(&self, css: &str, value: &str) {
        self.element(css)
            .await
            .select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("cannot choose {value} in {css}: {e}"));
    }

    /// The current value of the input `css`.
    pub async fn value(&self, css: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} not found: {e}"))
            .prop("value")
            .await
            .expect("value property")
            .unwrap_or_default()
    }

    /// Whether an element matching `css` is on the page now.
    pub async fn exists(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_ok()
    }

    pub async fn click(&self, css: &str) {
        self.element(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
    }

    /// The heading of the group of received files (issue #28) that lists the file whose
    /// name starts with `file`: «5 chiavi da accettare», «41 conteggiate».
    pub async fn file_group(&self, file: &str) -> String {
        let heading = self
            .client
            .execute(
                "const row = [...document.querySelectorAll('#files-table tbody tr')] \
                     .find(tr => tr.querySelector('th').textContent.startsWith(arguments[0])); \
                 return row ? row.closest('section').querySelector('h3').textContent : null;",
                vec![serde_json::Value::String(file.to_owned())],
            )
            .await
            .expect("script");
        heading
            .as_str()
            .unwrap_or_else(|| panic!("no row for {file}"))
            .to_owned()
    }

    /// Texts of every element matching `css`, in document order.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let mut out = Vec::new();
        for el in self
            .client
            .find_all(Locator::Css(css))
            .await
            .expect("query")
        {
            out.push(el.text().await.expect("element text"));
        }
        out
    }

    /// Presses and releases one key (a character, or a WebDriver code such as [`TAB`]) on
    /// whatever has the focus: the keyboard, no mouse.
    pub async fn press(&self, key: char) {
        self.type_keys(&key.to_string()).await;
    }

    /// Types `text` key by key into whatever has the focus.
    pub async fn type_keys(&self, text: &str) {
        let mut keys = KeyActions::new("keyboard".into());
        for c in text.chars() {
            keys = keys
                .then(KeyAction::Down { value: c })
                .then(KeyAction::Up { value: c });
        }
        self.client
            .perform_actions(keys)
            .await
            .unwrap_or_else(|e| panic!("cannot type {text:?}: {e}"));
    }

    /// Shift+Tab: the focus goes back one control.
    pub async fn shift_tab(&self) {
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: SHIFT })
            .then(KeyAction::Down { value: TAB })
            .then(KeyAction::Up { value: TAB })
            .then(KeyAction::Up { value: SHIFT });
        self.client.perform_actions(keys).await.expect("Shift+Tab");
    }

    /// Replaces the text of the focused field: Ctrl+A selects it, typing replaces it.
    pub async fn replace_keys(&self, text: &str) {
        let select_all = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: CONTROL })
            .then(KeyAction::Down { value: 'a' })
            .then(KeyAction::Up { value: 'a' })
            .then(KeyAction::Up { value: CONTROL });
        self.client
            .perform_actions(select_all)
            .await
            .expect("Ctrl+A");
        self.type_keys(text).await;
    }

    /// Whether the focused element matches `css`.
    pub async fn focused_is(&self, css: &str) -> bool {
        self.client
            .execute(
                // Also really focused: Firefox's Tab goes through its own toolbar too, and the
                // page keeps its last active element meanwhile.
                "const el = document.activeElement;
                 return !!el && el.matches(arguments[0]) && el.matches(':focus') && document.hasFocus()",
                vec![json!(css)],
            )
            .await
            .is_ok_and(|v| v == json!(true))
    }

    /// Presses Tab until `css` has the focus (failing after 300 presses: not reachable by
    /// keyboard), then checks that the focus can be seen. A control before the focus is
    /// reached with Shift+Tab, as a keyboard user goes back (Firefox's Tab past the page's
    /// end goes on through its own toolbar).
    pub async fn tab_to(&self, css: &str) {
        let before = self
            .client
            .execute(
                "const t = document.querySelector(arguments[0]), a = document.activeElement;
                 return !!t && !!a && a !== document.body
                     && !!(t.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING);",
                vec![json!(css)],
            )
            .await
            .is_ok_and(|v| v == json!(true));
        for _ in 0..300 {
            if self.focused_is(css).await {
                let visible = self
                    .client
                    .execute(FOCUS_IS_VISIBLE, vec![])
                    .await
                    .expect("focus style");
                assert_eq!(visible, json!(true), "the focus on {css} cannot be seen");
                return;
            }
            if before {
                self.shift_tab().await;
            } else {
                self.press(TAB).await;
            }
        }
        panic!("{css} cannot be reached with the Tab key");
    }

    /// Kills the page's renderer mid-work (Chromium's chrome://crash), as a crash or a
    /// killed tab does: nothing of the page runs on the way out. Returns whether the page was
    /// really gone; the browser is then on a new, working window.
    pub async fn kill_page(&self) -> bool {
        let new = self.client.new_window(true).await.unwrap();
        let _ = self.client.goto("chrome://crash").await;
        let crashed = self.client.execute("return 1", vec![]).await.is_err();
        self.client.switch_to_window(new.handle).await.unwrap();
        crashed
    }

    /// Opens `url`, empties the browser's storage, stores `items` (key, text) and loads the
    /// page again: a browser as a copy of the app left it.
    pub async fn with_storage(&self, url: &str, items: &[(&str, &str)]) {
        self.client.goto(url).await.unwrap();
        let pairs: Vec<serde_json::Value> = items.iter().map(|(k, v)| json!([k, v])).collect();
        self.client
            .execute(
                "localStorage.clear(); sessionStorage.clear();
                 for (const [k, v] of arguments[0]) localStorage.setItem(k, v);",
                vec![serde_json::Value::from(pairs)],
            )
            .await
            .unwrap();
        self.client.refresh().await.unwrap();
    }

    /// Reloads the page as a clerk does with files loaded: where the browser asks whether to
    /// leave (headless Chromium under WebDriver may not show the question), the clerk goes on.
    pub async fn reload_past_the_leave_question(&self) {
        self.client
            .execute("setTimeout(() => location.reload(), 0)", vec![])
            .await
            .unwrap();
        for _ in 0..10 {
            if self.client.accept_alert().await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The text stored under `key` (null when none).
    pub async fn stored(&self, key: &str) -> serde_json::Value {
        self.client
            .execute(
                "return localStorage.getItem(arguments[0])",
                vec![json!(key)],
            )
            .await
            .unwrap()
    }

    pub async fn finish(self) {
        let _ = self.client.clone().close().await;
        // Drop stops the driver and removes the profile.
    }
}

impl Drop for Browser {
    /// Also when a test fails half way: no Chromium is left running to slow the next tests.
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        // Chromium names its profile with --user-data-dir=, Firefox with -profile: either
        // way the path is in the command line of the browser and its children.
        let _ = Command::new("pkill")
            .args(["-f", "--"])
            .arg(self.profile.display().to_string())
            .status();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}
