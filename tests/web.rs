//! Component tests: the Yew shell rendered in headless Chromium by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use offerta_abitativa::App;
use offerta_core::sections::fields;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Yew renders asynchronously: give its scheduler a turn.
async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(20)).await;
}

thread_local! {
    /// The app of the test running: the tests share one page, and an app left mounted
    /// would follow the address's hash routes of the next one.
    static MOUNTED: std::cell::RefCell<Option<yew::AppHandle<App>>> = const { std::cell::RefCell::new(None) };
    /// Whether a test holds the page: the runner starts every test at once, and two apps
    /// would share one address (its hash route) and fight over it.
    static BUSY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The page, for one test at a time, until the turn is dropped.
struct Turn;

impl Drop for Turn {
    fn drop(&mut self) {
        BUSY.with(|b| b.set(false));
    }
}

async fn one_at_a_time() -> Turn {
    while BUSY.with(|b| b.get()) {
        settle().await;
    }
    BUSY.with(|b| b.set(true));
    Turn
}

async fn render_app() -> Element {
    if let Some(previous) = MOUNTED.with(|m| m.borrow_mut().take()) {
        previous.destroy();
    }
    // Each test starts as a first visit does: no screen in the address (a reload comes
    // back to the screen it names) and no draft open in this tab.
    let window = web_sys::window().unwrap();
    window.session_storage().unwrap().unwrap().clear().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("#/"))
        .unwrap();
    let document = window.document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let app = yew::Renderer::<App>::with_root(root.clone()).render();
    MOUNTED.with(|m| *m.borrow_mut() = Some(app));
    settle().await;
    root
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} not rendered in: {}", root.inner_html()))
}

async fn click(root: &Element, selector: &str) {
    find(root, selector).unchecked_into::<HtmlElement>().click();
    settle().await;
}

#[wasm_bindgen_test]
async fn home_offers_both_roles_in_italian() {
    let _turn = one_at_a_time().await;
    let root = render_app().await;
    assert!(find(&root, "#role-compila")
        .text_content()
        .unwrap()
        .contains("Compila la scheda dell'ente"));
    assert!(find(&root, "#role-capofila")
        .text_content()
        .unwrap()
        .contains("Aggrega come comune capofila"));
}

#[wasm_bindgen_test]
async fn roles_open_their_screen_and_back_returns_home() {
    let _turn = one_at_a_time().await;
    let root = render_app().await;
    click(&root, "#role-compila").await;
    find(&root, "#compila-title");
    click(&root, "button.back").await;
    click(&root, "#role-capofila").await;
    find(&root, "#capofila-title");
    find(&root, "#no-files");
}

#[wasm_bindgen_test]
async fn demo_shows_the_published_crema_totals() {
    let _turn = one_at_a_time().await;
    let root = render_app().await;
    click(&root, "#load-demo").await;
    let totals: Vec<String> = {
        let cells = find(&root, "#plan-summary tfoot")
            .query_selector_all("td")
            .unwrap();
        (0..cells.length())
            .map(|i| cells.item(i).unwrap().text_content().unwrap())
            .collect()
    };
    assert_eq!(totals, ["1.699", "1.678", "21", "114", "12"]);
    assert_eq!(find(&root, "#plan-summary tbody").child_element_count(), 24);
}

/// Sets a field's value and fires the event Yew listens to, as typing would.
async fn type_into(root: &Element, selector: &str, value: &str) {
    let input: HtmlInputElement = find(root, selector).unchecked_into();
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
    settle().await;
}

async fn choose(root: &Element, selector: &str, value: &str) {
    let select: HtmlSelectElement = find(root, selector).unchecked_into();
    select.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    settle().await;
}

async fn new_draft(root: &Element, ente: &str, year: &str) {
    // Each test starts from an empty browser store: drafts of other tests must not resume.
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
    click(root, "#role-compila").await;
    choose(root, "#start-ente", ente).await;
    type_into(root, "#start-year", year).await;
    click(root, "#start").await;
    find(root, "#draft-title");
}

#[wasm_bindgen_test]
async fn form_shows_an_error_next_to_its_field_and_drops_it_when_fixed() {
    let _turn = one_at_a_time().await;
    let root = render_app().await;
    new_draft(&root, "019035", "2021").await;
    type_into(&root, "#f-referente-email", "non-un-indirizzo").await;
    let messages = find(&root, "#m-referente-email").text_content().unwrap();
    assert!(messages.contains("Errore: "), "{messages}");
    assert_eq!(
        find(&root, "#f-referente-email")
            .get_attribute("aria-describedby")
            .as_deref(),
        Some("m-referente-email")
    );
    type_into(&root, "#f-referente-email", "casa@comune.example.org").await;
    assert!(root.query_selector("#m-referente-email").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn form_computes_totals_live_and_blocks_signing_with_a_reason() {
    let _turn = one_at_a_time().await;
    let root = render_app().await;
    new_draft(&root, "019035", "2021").await;
    type_into(&root, "#f-consistenza-sap", "353").await;
    type_into(&root, "#f-consistenza-sas", "5").await;
    assert_eq!(
        find(&root, "#total-a").text_content().unwrap(),
        "Totale alloggi: 358"
    );
    click(&root, "#add-carenza_manutentiva").await;
    type_into(&root, "#f-carenza_manutentiva-0-unita", "4").await;
    assert!(find(&root, "#total-f")
        .text_content()
        .unwrap()
        .ends_with(": 4"));
    let sign: HtmlElement = find(&root, "#sign").unchecked_into();
    assert!(sign.has_attribute("disabled"));
    assert!(find(&root, "#sign-why")
        .text_content()
        .unwrap()
        .contains("errori"));
    type_into(&root, "#f-consistenza-sap", "3,5").await;
    assert!(find(&root, "#m-consistenza-sap")
        .text_content()
        .unwrap()
        .contains("numero intero"));
    assert_eq!(
        find(&root, "#total-a").text_content().unwrap(),
        "Totale alloggi: 358 (incompleto: un campo contiene un testo da correggere, indicato come errore)",
        "a bad entry keeps the last good value, and the total says it leaves the field out"
    );
    assert!(
        find(&root, "#problems")
            .text_content()
            .unwrap()
            .contains("«3,5» non è ancora un valore"),
        "the summary lists the text to correct"
    );
}

#[wasm_bindgen_test]
async fn a_share_takes_one_decimal_and_says_why_it_refuses_more() {
    let _turn = one_at_a_time().await;
    let root = render_app().await;
    new_draft(&root, "019035", "2021").await;
    click(&root, "#f-forze_polizia").await;
    type_into(&root, "#f-forze_polizia-percento", "7,5").await;
    assert!(root
        .query_selector("#m-forze_polizia-percento")
        .unwrap()
        .is_none());
    type_into(&root, "#f-forze_polizia-percento", "7,25").await;
    assert!(find(&root, "#m-forze_polizia-percento")
        .text_content()
        .unwrap()
        .contains("al massimo un decimale"));
    let input: HtmlInputElement = find(&root, "#f-forze_polizia-percento").unchecked_into();
    assert_eq!(
        input.value(),
        "7,25",
        "what was typed stays until it is a share"
    );
    type_into(&root, "#f-forze_polizia-percento", "12.5").await;
    assert!(
        find(&root, "#m-forze_polizia-percento")
            .text_content()
            .unwrap()
            .contains("12,5%"),
        "the rule's cap, with the share as typed"
    );
}

/// Rule fields the form has intentionally no control for, and why. Any other field a rule
/// names must have one: an element whose id is `dom_id` of the field (rows: the first row).
const NOT_FORM_CONTROLS: [(&str, &str); 10] = [
    (
        fields::FORMATO.path,
        "written by the app; a file of another kind does not open as a draft",
    ),
    (
        fields::VERSIONE.path,
        "written by the app; a newer file does not open as a draft",
    ),
    (fields::AMBITO.path, "chosen on the start screen"),
    (
        fields::ENTE_ISTAT.path,
        "the comune is chosen on the start screen",
    ),
    (
        fields::ENTE_NOME.path,
        "a comune's is ISTAT's, written by the app; the ALER's is typed on the start screen",
    ),
    (
        fields::ENTE_COMUNI,
        "the ALER's comuni follow its rows (Submission::sync_aler_comuni)",
    ),
    (
        fields::TOTALI_CONSISTENZA.path,
        "computed when the file is written",
    ),
    (
        fields::TOTALI_ASSEGNABILI.path,
        "computed when the file is written",
    ),
    (
        fields::TOTALI_ASSEGNATE.path,
        "computed when the file is written",
    ),
    (
        fields::ASSEGNATE_ANNO.path,
        "the year before the plan, set when the draft starts; its findings show in section k",
    ),
];

/// Whether the form has intentionally no control for `field` (a row: the first).
fn not_a_form_control(field: &str) -> bool {
    NOT_FORM_CONTROLS
        .iter()
        .any(|(pattern, _)| offerta_core::sections::instance(pattern, 0) == field)
}

/// Opens `draft` as a draft kept in this browser, as a returning user would.
async fn open_stored_draft(draft: &offerta_core::Submission) -> Element {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    storage
        .set_item(&draft.draft_key(), &serde_json::to_string(draft).unwrap())
        .unwrap();
    let root = render_app().await;
    click(&root, "#role-compila").await;
    click(&root, ".resume-draft").await;
    settle().await;
    find(&root, "#draft-form");
    root
}

/// A submission with a row in every per-comune section and every share and category chosen.
fn with_every_choice(mut s: offerta_core::Submission) -> offerta_core::Submission {
    use offerta_core::percent::Percent;
    use offerta_core::submission::{AdditionalCategory, Share};
    let share = |percento| {
        Some(Share {
            percento: Percent::whole(percento),
            motivazione: "motivazione".into(),
        })
    };
    s.soglia_indigenza = share(25);
    s.forze_polizia = share(10);
    s.polizia_locale = share(5);
    s.categorie_art14 = share(10);
    s.categoria_aggiuntiva = Some(AdditionalCategory {
        nome: "famiglie numerose".into(),
        motivazione: "motivazione".into(),
        percento: Percent::from_tenths(125),
    });
    s.avvicendamento.senza_ripartizione = 3;
    s
}

#[wasm_bindgen_test]
async fn every_field_a_rule_names_has_a_form_control() {
    let _turn = one_at_a_time().await;
    use offerta_abitativa::dom_id;
    use offerta_core::sections::{self, Shape, SECTIONS};
    use offerta_core::submission::Ente;
    use offerta_core::{ambiti, fixtures, rules::RULE_SETS, thresholds};

    let crema = ambiti::preset("crema").unwrap();
    let from = thresholds::FIRST_PLAN_YEAR_RR_2_2025;
    let aler = with_every_choice(fixtures::aler_with_every_comune(&crema, from));
    let comune = |year: u16| {
        let mut s = aler.clone();
        s.ente = Ente::comune("019035").unwrap();
        s.anno_piano = year;
        s.assegnate_anno_precedente.anno = year - 1;
        s.carenza_manutentiva.truncate(2);
        s.nuova_edificazione.truncate(2);
        s.avvicendamento.per_comune.truncate(2);
        s.conferite_da_privati.truncate(2);
        s.transitori.truncate(2);
        s.avvicendamento.senza_ripartizione = 0;
        s.with_stated_totals()
    };
    let mut fields: Vec<String> = RULE_SETS
        .iter()
        .flat_map(|set| set.rules.iter())
        .flat_map(|rule| rule.field_paths())
        .map(|pattern| sections::instance(&pattern, 0))
        .collect();
    fields.sort();
    fields.dedup();
    for (field, _) in NOT_FORM_CONTROLS {
        let field = sections::instance(field, 0);
        assert!(
            fields.contains(&field),
            "{field} is listed as not a form control, but no rule names it any more"
        );
    }
    // Every section of the table has its element too (f is computed, not entered).
    fields.extend(
        SECTIONS
            .iter()
            .filter(|s| s.shape != Shape::Total)
            .map(|s| s.path.to_owned()),
    );
    fields.sort();
    fields.dedup();
    for draft in [comune(from), comune(from - 1), aler] {
        let root = open_stored_draft(&draft).await;
        let missing: Vec<&String> = fields
            .iter()
            .filter(|f| !not_a_form_control(f))
            .filter(|f| {
                root.query_selector(&format!("[id='{}']", dom_id(f)))
                    .unwrap()
                    .is_none()
            })
            .collect();
        assert!(
            missing.is_empty(),
            "{} {}: no form control for {missing:?}",
            draft.ente.display_name(),
            draft.anno_piano
        );
    }
}
