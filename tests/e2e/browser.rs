//! A headless Chromium driven through ChromeDriver (WebDriver), started fresh for each test.

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

impl Browser {
    pub async fn start() -> Browser {
        let port = free_port();
        let path = chromedriver_path();
        let driver = Command::new(&path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {path} ({e}): run the suite with `cargo xtask test`")
            });
        let profile =
            std::env::temp_dir().join(format!("offerta-e2e-profile-{}-{port}", std::process::id()));
        let downloads = profile.join("downloads");
        std::fs::create_dir_all(&downloads).expect("download folder");
        let caps = json!({
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
        panic!("chromedriver did not accept a session: {last_error:?}");
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

    /// Waits for an element and returns its text.
    pub async fn text(&self, css: &str) -> String {
        self.element(css).await.text().await.expect("element text")
    }

    /// Types `text` into the field `css`, replacing what was there.
    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.element(css).await;
        field.clear().await.expect("clear field");
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
                "return !!document.activeElement && document.activeElement.matches(arguments[0])",
                vec![json!(css)],
            )
            .await
            .is_ok_and(|v| v == json!(true))
    }

    /// Presses Tab until `css` has the focus (failing after 300 presses: not reachable by
    /// keyboard), then checks that the focus can be seen.
    pub async fn tab_to(&self, css: &str) {
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
            self.press(TAB).await;
        }
        panic!("{css} cannot be reached with the Tab key");
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
        let _ = Command::new("pkill")
            .args(["-f", "--"])
            .arg(format!("--user-data-dir={}", self.profile.display()))
            .status();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}
