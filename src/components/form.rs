//! The submission form: every section of the plan (a-k), rows per comune, live totals, and
//! the rule findings next to the fields they concern. Every change becomes a `DraftChange`:
//! plain data (rows added or removed, warnings confirmed, toggles), or for a typed or chosen
//! value the field's setter. The findings come from `offerta_core::validate`, never from here.

use std::rc::Rc;

use offerta_core::carried;
use offerta_core::comuni::{self, IstatCode};
use offerta_core::count::parse_count;
use offerta_core::percent::Percent;
use offerta_core::quota;
use offerta_core::rules::{self, Finding, Report, Severity};
use offerta_core::sections::fields::{
    self, Field, ASSEGNATE_ANNO, ASSEGNATE_IN_DEROGA, ASSEGNATE_ORDINARIE,
    AVVICENDAMENTO_SAS_SENZA_RIPARTIZIONE, AVVICENDAMENTO_SENZA_RIPARTIZIONE,
    CATEGORIA_AGGIUNTIVA_MOTIVAZIONE, CATEGORIA_AGGIUNTIVA_NOME, CATEGORIA_AGGIUNTIVA_PERCENTO,
    CATEGORIE_ART14_ELENCO, CONSISTENZA_SAP, CONSISTENZA_SAS, COPERTURA_SPESE_ALLOGGIO,
    MISURE_WELFARE, NESSUN_PATRIMONIO, PROGETTUALITA, REFERENTE_EMAIL, REFERENTE_NOME,
    REFERENTE_RUOLO, REFERENTE_TELEFONO,
};
use offerta_core::sections::{
    Section, ASSEGNATE_ANNO_PRECEDENTE, AVVICENDAMENTO, AVVICENDAMENTO_SAS, CARENZA_MANUTENTIVA,
    CATEGORIA_AGGIUNTIVA, CATEGORIE_ART14, CONFERITE_DA_PRIVATI, CONSISTENZA, FORZE_POLIZIA,
    NUOVA_EDIFICAZIONE, POLIZIA_LOCALE, REFERENTE, SOGLIA_INDIGENZA, TRANSITORI,
};
use offerta_core::submission::FORMAT_VERSION;
use offerta_core::submission::{
    AdditionalCategory, CarriedSection, CategoriaArt14, Ente, Intervento, RowSection, Share,
    ShareSlot, TypedText, UnitsInComune, WorksInComune,
};
use offerta_core::thresholds::{
    CATEGORIE_ART14_MAX_PERCENT, FORZE_POLIZIA_MAX_PERCENT_2019, INDIGENZA_DEFAULT_PERCENT,
    SUGGESTED_CATEGORIE_ART14_PERCENT, SUGGESTED_FORZE_POLIZIA_PERCENT,
    SUGGESTED_INDIGENZA_PERCENT, SUGGESTED_POLIZIA_LOCALE_PERCENT, TRANSITION_PLAN_YEAR_RR_2_2025,
};
use offerta_core::typed_text::Total;
use offerta_core::Submission;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::format;
use crate::i18n::use_lang;
use crate::state::DraftChange;

#[cfg(test)]
mod tests {
    use super::dom_id;

    #[test]
    fn dom_ids_follow_field_paths() {
        assert_eq!(dom_id("referente.email"), "f-referente-email");
        assert_eq!(
            dom_id("carenza_manutentiva[2].unita"),
            "f-carenza_manutentiva-2-unita"
        );
        assert_eq!(dom_id("transitori"), "f-transitori");
    }
}

/// DOM id of the input for a field path (`carenza_manutentiva[2].unita` ->
/// `f-carenza_manutentiva-2-unita`), used by the summary's links; a section's path names its
/// fieldset. The path of a row of a rule's field pattern is `offerta_core::sections::instance`.
pub fn dom_id(field: &str) -> String {
    let mut id = String::from("f");
    for c in field.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    if !id.starts_with("f-") {
        id.insert(1, '-');
    }
    id.trim_end_matches('-').to_owned()
}

fn messages_id(field: &str) -> String {
    format!("m{}", &dom_id(field)[1..])
}

pub type Options = Rc<Vec<(IstatCode, String)>>;

/// The findings on `field` and below it. Each part of the form gets only its own, so the
/// parts whose findings did not change are equal to last time and are not re-rendered.
fn scoped(report: &Report, field: &str) -> Rc<Report> {
    let under = |f: &Finding| {
        f.field == field
            || f.field
                .strip_prefix(field)
                .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
    };
    Rc::new(Report {
        rule_set: report.rule_set,
        findings: report
            .findings
            .iter()
            .filter(|f| under(f))
            .cloned()
            .collect(),
    })
}

#[derive(Properties, PartialEq)]
pub struct FormProps {
    pub draft: Rc<Submission>,
    pub report: Rc<Report>,
    pub comuni: Options,
    pub on_edit: Callback<DraftChange>,
}

/// A field's new value, written by `f`.
fn edit(on_edit: &Callback<DraftChange>, f: impl Fn(&mut Submission) + 'static) {
    on_edit.emit(DraftChange::Set(Rc::new(f)));
}

/// The findings on one field, each with its kind in words (never colour alone), and for a
/// warning the acknowledgement with a reason.
#[derive(Properties, PartialEq)]
pub struct MessagesProps {
    pub field: String,
    pub report: Rc<Report>,
    pub on_edit: Callback<DraftChange>,
}

#[function_component(Messages)]
pub fn messages(props: &MessagesProps) -> Html {
    let findings: Vec<&Finding> = props.report.for_field(&props.field).collect();
    if findings.is_empty() {
        return html! {};
    }
    html! {
        <ul id={messages_id(&props.field)} class="messages">
            { for findings.into_iter().map(|f| html! { <FindingView finding={f.clone()} on_edit={props.on_edit.clone()} /> }) }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
struct FindingProps {
    finding: Finding,
    on_edit: Callback<DraftChange>,
}

#[function_component(FindingView)]
fn finding_view(props: &FindingProps) -> Html {
    let f = &props.finding;
    let lang = use_lang();
    let t = lang.texts();
    let (kind, class) = match f.severity {
        Severity::Error => (t.error, "error-msg"),
        Severity::Warning => (t.warning, "warning-msg"),
        Severity::Hint => (t.hint, "hint-msg"),
    };
    let ack = match (&f.severity, &f.acknowledged) {
        (Severity::Warning, Some(motivo)) => {
            let (rule, field) = (f.rule.to_owned(), f.field.clone());
            let on_edit = props.on_edit.clone();
            let undo = Callback::from(move |_| {
                on_edit.emit(DraftChange::WithdrawAcknowledgement {
                    rule: rule.clone(),
                    field: field.clone(),
                })
            });
            html! { <span class="ack">{ (t.confirmed)(motivo) }<button type="button" class="btn btn-link" onclick={undo}>{ t.undo_confirm }</button></span> }
        }
        (Severity::Warning, None) => html! {
            <WarningConfirm rule={f.rule} field={f.field.clone()} on_edit={props.on_edit.clone()} />
        },
        (Severity::Error, _) if f.rule == carried::RULE_ID => {
            match CarriedSection::of_field(&f.field) {
                Some(section) => {
                    let on_edit = props.on_edit.clone();
                    let confirm =
                        Callback::from(move |_| on_edit.emit(DraftChange::ConfirmCarried(section)));
                    html! {
                        <span class="ack">
                            <button type="button" id={format!("confirm-carried-{}", section.id())} class="btn btn-outline-primary confirm-carried"
                                onclick={confirm}>{ lang.yearly().confirm_carried }</button>
                        </span>
                    }
                }
                None => html! {},
            }
        }
        _ => html! {},
    };
    html! {
        <li class={class} data-rule={f.rule}>
            <strong>{ format!("{kind}: ") }</strong>{ lang.say(&f.message) }
            <span class="citation">{ format!(" ({})", f.citation) }</span>
            { ack }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct WarningConfirmProps {
    rule: &'static str,
    field: String,
    on_edit: Callback<DraftChange>,
}

/// A warning not yet confirmed: first what to check (a mistyped figure is corrected and the
/// warning goes), then, only on request, the reason that confirms figures that are right.
/// The box opened takes the focus, so the keyboard goes on typing the reason.
#[function_component(WarningConfirm)]
fn warning_confirm(props: &WarningConfirmProps) -> Html {
    let t = use_lang().texts();
    let opened = use_state(|| false);
    let reason = use_state(String::new);
    let input = use_node_ref();
    {
        let input = input.clone();
        use_effect_with(*opened, move |opened| {
            if *opened {
                if let Some(field) = input.cast::<HtmlInputElement>() {
                    let _ = field.focus();
                }
            }
        });
    }
    let suffix = &dom_id(&props.field)[1..];
    let advice = html! { <span class="ack-advice">{ t.check_first }</span> };
    if !*opened {
        let open = {
            let opened = opened.clone();
            Callback::from(move |_| opened.set(true))
        };
        return html! {
            <span class="ack">
                { advice }
                <button type="button" id={format!("open-ack{suffix}")} class="btn btn-link open-ack" onclick={open}>{ t.data_are_right }</button>
            </span>
        };
    }
    let input_id = format!("ack{suffix}");
    let (rule, field, on_edit, text) = (
        props.rule,
        props.field.clone(),
        props.on_edit.clone(),
        (*reason).clone(),
    );
    let confirm = Callback::from(move |_| {
        on_edit.emit(DraftChange::Acknowledge {
            rule: rule.to_owned(),
            field: field.clone(),
            reason: text.clone(),
        })
    });
    html! {
        <span class="ack">
            { advice }
            <label class="form-label" for={input_id.clone()}>{ t.confirm_reason }</label>
            <input class="form-control" id={input_id} ref={input} type="text" value={(*reason).clone()} oninput={super::inputs::typed(&reason)} />
            <button type="button" class="btn btn-outline-primary confirm-warning" onclick={confirm}>{ t.confirm_warning }</button>
        </span>
    }
}

/// A field's setter: writes the value where the field is, while its part is there.
fn set_field<T: 'static>(field: Field<T>) -> Setter<T> {
    Setter::new(move |s: &mut Submission, v: T| {
        if let Some(place) = field.get_mut(s) {
            *place = v
        }
    })
}

/// How a field writes its value into the draft.
pub struct Setter<T>(Rc<SetFn<T>>);

type SetFn<T> = dyn Fn(&mut Submission, T);

impl<T> Setter<T> {
    pub fn new(f: impl Fn(&mut Submission, T) + 'static) -> Self {
        Setter(Rc::new(f))
    }
}

impl<T> Clone for Setter<T> {
    fn clone(&self) -> Self {
        Setter(self.0.clone())
    }
}

/// A setter is rebuilt at every render, but what it does depends only on the field it is
/// given with (compared separately): treating setters as equal lets unchanged fields skip
/// re-rendering on each keystroke.
impl<T> PartialEq for Setter<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// A value a clerk types as text: a count ("1200", "1.200") or a share ("12,5", "25 %"),
/// read by the core's parser, which says why a text is not one yet.
pub trait Typed: Clone + PartialEq + std::fmt::Display + 'static {
    fn parse(text: &str) -> Result<Self, offerta_core::text::Bilingual>;
    /// The keyboard a phone or tablet shows for it.
    const INPUT_MODE: &'static str;
}

impl Typed for u32 {
    fn parse(text: &str) -> Result<u32, offerta_core::text::Bilingual> {
        parse_count(text)
    }
    const INPUT_MODE: &'static str = "numeric";
}

impl Typed for Percent {
    fn parse(text: &str) -> Result<Percent, offerta_core::text::Bilingual> {
        Percent::parse(text)
    }
    const INPUT_MODE: &'static str = "decimal";
}

#[derive(Properties, PartialEq)]
struct TypedFieldProps<T: Typed> {
    label: AttrValue,
    field: AttrValue,
    value: T,
    set: Setter<T>,
    report: Rc<Report>,
    on_edit: Callback<DraftChange>,
    /// The findings are shown by the caller, not under the control: a row of b-j lists
    /// them under the whole row, so an error does not push one control below another.
    #[prop_or_default]
    messages_apart: bool,
}

/// The texts of the draft's fields that are not yet values (`Submission::testi_da_correggere`),
/// given to every typed field by the form: a field shows its kept text, also after a reload.
#[derive(Clone, PartialEq)]
struct KeptTexts(Rc<Vec<TypedText>>);

/// After a total that leaves out a field still to correct: the total is incomplete.
fn incomplete(s: &Submission, total: Total, t: &crate::i18n::Texts) -> Html {
    if !s.incomplete(total) {
        return html! {};
    }
    html! { <strong class="incomplete">{ " " }{ t.total_incomplete }</strong> }
}

/// A count or a share as the clerk types it. The text stays exactly as typed. A text that
/// is not yet a value is kept in the draft (`DraftChange::Typed`): the rule
/// `testo-da-correggere` reports it next to the field and in the summary, signing waits, and
/// the value stays the last good one (so "1,5" typed fast never becomes 15, nor "-42" 42).
/// A text that reads sets the value and forgets the kept text. A value changed elsewhere
/// shows as the draft holds it.
#[function_component(TypedField)]
fn typed_field<T: Typed>(props: &TypedFieldProps<T>) -> Html {
    let typed = use_state(|| None::<String>);
    let kept_texts = use_context::<KeptTexts>();
    let kept = kept_texts
        .as_ref()
        .and_then(|k| k.0.iter().find(|t| t.campo == props.field.as_str()))
        .map(|t| t.testo.clone());
    let id = dom_id(&props.field);
    let shown = match (kept, &*typed) {
        (Some(text), _) => text,
        (None, Some(text)) if T::parse(text).as_ref() == Ok(&props.value) => text.clone(),
        _ => props.value.to_string(),
    };
    let invalid = props.report.for_field(&props.field).next().is_some();
    let oninput = {
        let (set, on_edit, typed) = (props.set.clone(), props.on_edit.clone(), typed.clone());
        let field = props.field.to_string();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            match T::parse(&text) {
                Ok(v) => {
                    let (set, field) = (set.clone(), field.clone());
                    edit(&on_edit, move |s| {
                        (set.0)(s, v.clone());
                        s.clear_typed_text(&field);
                    });
                }
                Err(_) => on_edit.emit(DraftChange::Typed {
                    field: field.clone(),
                    text: text.clone(),
                }),
            }
            typed.set(Some(text));
        })
    };
    html! {
        <div class="field">
            <label class="form-label" for={id.clone()}>{ &props.label }</label>
            <input id={id} type="text" inputmode={T::INPUT_MODE} class="form-control count" value={shown}
                {oninput} aria-describedby={invalid.then(|| messages_id(&props.field))} aria-invalid={invalid.then_some("true")} />
            if !props.messages_apart {
                <Messages field={props.field.to_string()} report={props.report.clone()} on_edit={props.on_edit.clone()} />
            }
        </div>
    }
}

/// A count of units.
type CountField = TypedField<u32>;
/// A share, at most one decimal.
type PercentField = TypedField<Percent>;

/// A comune's name as ISTAT gives it, or its code when the table does not know it.
fn comune_name(code: IstatCode) -> String {
    comuni::by_code(code).map_or_else(|| code.to_string(), |c| c.nome.clone())
}

#[derive(Properties, PartialEq)]
struct TextFieldProps {
    label: AttrValue,
    field: AttrValue,
    value: AttrValue,
    #[prop_or_default]
    multiline: bool,
    #[prop_or(AttrValue::Static("text"))]
    kind: AttrValue,
    set: Setter<String>,
    report: Rc<Report>,
    on_edit: Callback<DraftChange>,
}

#[function_component(TextField)]
fn text_field(props: &TextFieldProps) -> Html {
    let id = dom_id(&props.field);
    let has_findings = props.report.for_field(&props.field).next().is_some();
    let described = has_findings.then(|| messages_id(&props.field));
    let (set, on_edit) = (props.set.clone(), props.on_edit.clone());
    let field = if props.multiline {
        let oninput = Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            let set = set.clone();
            edit(&on_edit, move |s| (set.0)(s, v.clone()));
        });
        html! { <textarea class="form-control" id={id.clone()} rows="4" value={props.value.clone()} {oninput} aria-describedby={described} /> }
    } else {
        let oninput = Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            let set = set.clone();
            edit(&on_edit, move |s| (set.0)(s, v.clone()));
        });
        html! { <input class="form-control" id={id.clone()} type={props.kind.clone()} value={props.value.clone()} {oninput}
        aria-describedby={described} aria-invalid={has_findings.then_some("true")} /> }
    };
    html! {
        <div class="field">
            <label class="form-label" for={id}>{ &props.label }</label>
            { field }
            <Messages field={props.field.to_string()} report={props.report.clone()} on_edit={props.on_edit.clone()} />
        </div>
    }
}

fn comune_select(
    id: String,
    options: &Options,
    value: IstatCode,
    on_change: Callback<IstatCode>,
    described: Option<String>,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        if let Ok(code) = e
            .target_unchecked_into::<HtmlSelectElement>()
            .value()
            .parse()
        {
            on_change.emit(code);
        }
    });
    let known = options.iter().any(|(c, _)| *c == value);
    html! {
        <select class="form-select" {id} {onchange} aria-describedby={described}>
            if !known { <option value={value.to_string()} selected=true>{ value.to_string() }</option> }
            { for options.iter().map(|(code, name)| html! {
                <option value={code.to_string()} selected={*code == value}>{ name }</option>
            }) }
        </select>
    }
}

/// One row of a section per comune (b, c, d, e, j), laid out alike in every section, with or
/// without findings: the comune and its units first, on one line (c's kind of works after
/// them, on the next line where the width is short), the remove button at the end of that
/// line, and the row's findings under the whole row (styles/app.css).
#[derive(Properties, PartialEq)]
struct RowLayoutProps {
    index: usize,
    comune_field: String,
    unita_field: String,
    report: Rc<Report>,
    on_edit: Callback<DraftChange>,
    remove: Callback<MouseEvent>,
    children: Html,
}

#[function_component(RowLayout)]
fn row_layout(props: &RowLayoutProps) -> Html {
    let t = use_lang().texts();
    html! {
        <div class="row-edit">
            <div class="row-fields">{ props.children.clone() }</div>
            <button type="button" class="btn btn-link row-remove" onclick={props.remove.clone()}>{ (t.remove_row)(props.index + 1) }</button>
            <div class="row-messages">
                <Messages field={props.comune_field.clone()} report={props.report.clone()} on_edit={props.on_edit.clone()} />
                <Messages field={props.unita_field.clone()} report={props.report.clone()} on_edit={props.on_edit.clone()} />
            </div>
        </div>
    }
}

/// The row at `i` of a section counted in units per comune.
fn unit_row(s: &mut Submission, section: RowSection, i: usize) -> Option<&mut UnitsInComune> {
    s.units_in_comune_mut(section)?.get_mut(i)
}

/// Rows "comune - units" of one section (b, d, e, j).
#[derive(Properties, PartialEq)]
struct UnitRowsProps {
    section: RowSection,
    title: AttrValue,
    rows: Vec<UnitsInComune>,
    default_comune: IstatCode,
    comuni: Options,
    report: Rc<Report>,
    on_edit: Callback<DraftChange>,
}

#[function_component(UnitRows)]
fn unit_rows(props: &UnitRowsProps) -> Html {
    let rows = props.section;
    let section = rows.field();
    let t = use_lang().texts();
    let add = {
        let (on_edit, comune) = (props.on_edit.clone(), props.default_comune);
        Callback::from(move |_| {
            on_edit.emit(DraftChange::AddRow {
                section: rows,
                comune,
            })
        })
    };
    html! {
        <fieldset class="rows" id={dom_id(section)}>
            <legend>{ &props.title }</legend>
            <Messages field={section} report={props.report.clone()} on_edit={props.on_edit.clone()} />
            if props.rows.is_empty() { <p class="hint">{ t.no_rows }</p> }
            { for props.rows.iter().enumerate().map(|(i, row)| {
                let comune_field = format!("{section}[{i}].comune");
                let unita_field = format!("{section}[{i}].unita");
                let on_comune = {
                    let on_edit = props.on_edit.clone();
                    Callback::from(move |code: IstatCode| edit(&on_edit, move |s| if let Some(r) = unit_row(s, rows, i) { r.comune = code }))
                };
                let remove = {
                    let on_edit = props.on_edit.clone();
                    Callback::from(move |_| on_edit.emit(DraftChange::RemoveRow { section: rows, index: i }))
                };
                let has = props.report.for_field(&comune_field).next().is_some();
                let unita = html! {
                    <CountField label={t.units} field={unita_field.clone()} value={row.unita} messages_apart=true
                        set={Setter::new(move |s: &mut Submission, n: u32| if let Some(r) = unit_row(s, rows, i) { r.unita = n })}
                        report={props.report.clone()} on_edit={props.on_edit.clone()} />
                };
                html! {
                    <RowLayout index={i} comune_field={comune_field.clone()} unita_field={unita_field} report={props.report.clone()} on_edit={props.on_edit.clone()} {remove}>
                        <div class="field row-comune">
                            <label class="form-label" for={dom_id(&comune_field)}>{ (t.comune_row)(i + 1) }</label>
                            { comune_select(dom_id(&comune_field), &props.comuni, row.comune, on_comune, has.then(|| messages_id(&comune_field))) }
                        </div>
                        { unita }
                    </RowLayout>
                }
            }) }
            <button type="button" id={format!("add-{}", dom_id(section)[2..].to_owned())} class="btn btn-outline-primary" onclick={add}>{ t.add_row }</button>
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct ShareProps {
    title: AttrValue,
    slot: ShareSlot,
    share: Option<Share>,
    default_percent: u8,
    report: Rc<Report>,
    on_edit: Callback<DraftChange>,
}

#[function_component(ShareEditor)]
fn share_editor(props: &ShareProps) -> Html {
    let t = use_lang().texts();
    let (slot, default_percent) = (props.slot, props.default_percent);
    let field = slot.field();
    let (percento, motivazione) = fields::of_share(slot);
    let (report, on_edit) = (&props.report, &props.on_edit);
    let toggle = {
        let on_edit = on_edit.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            on_edit.emit(DraftChange::Share {
                slot,
                percent: on.then_some(Percent::whole(default_percent)),
            });
        })
    };
    let check_id = dom_id(field);
    html! {
        <div class="share">
            <div class="form-check">
                <input id={check_id.clone()} type="checkbox" checked={props.share.is_some()} onchange={toggle} />
                <label for={check_id}>{ &props.title }</label>
            </div>
            <Messages field={field} report={report.clone()} on_edit={on_edit.clone()} />
            if let Some(sh) = &props.share {
                <PercentField label={t.percent} field={percento.path} value={sh.percento} set={set_field(percento)}
                    report={report.clone()} on_edit={on_edit.clone()} />
                <TextField label={t.motivation} field={motivazione.path} value={sh.motivazione.clone()} multiline=true set={set_field(motivazione)}
                    report={report.clone()} on_edit={on_edit.clone()} />
            }
        </div>
    }
}

#[function_component(DraftForm)]
pub fn draft_form(props: &FormProps) -> Html {
    let s = &props.draft;
    let (report, on_edit) = (&props.report, &props.on_edit);
    let lang = use_lang();
    let t = lang.texts();
    let own = s.ente.comune_code();
    let default_comune = own
        .or_else(|| props.comuni.first().map(|(c, _)| *c))
        .unwrap_or_else(|| "000000".parse().unwrap());
    let is_aler = matches!(s.ente, Ente::Aler { .. });
    let k_total = s.assegnate_anno_precedente.totale();

    let no_stock_toggle = {
        let on_edit = on_edit.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            on_edit.emit(DraftChange::NoStock(on));
        })
    };

    let rows = |section: RowSection, of: &Section, list: &Vec<UnitsInComune>| {
        html! {
            <UnitRows {section} title={AttrValue::from(lang.heading(of, s.anno_piano))} rows={list.clone()} {default_comune}
                comuni={props.comuni.clone()} report={scoped(report, section.field())} on_edit={on_edit.clone()} />
        }
    };

    let kept = KeptTexts(Rc::new(s.testi_da_correggere.clone()));
    html! {
        <ContextProvider<KeptTexts> context={kept}>
        <form id="draft-form" class="draft-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <ReferenteFields draft={s.clone()} report={report.clone()} on_edit={on_edit.clone()} />

            <div class="form-check no-stock">
                <input id={dom_id(NESSUN_PATRIMONIO.path)} type="checkbox" checked={s.nessun_patrimonio} onchange={no_stock_toggle} />
                <label for={dom_id(NESSUN_PATRIMONIO.path)}>{ t.no_stock }</label>
            </div>
            <Messages field={NESSUN_PATRIMONIO.path} report={scoped(report, NESSUN_PATRIMONIO.path)} on_edit={on_edit.clone()} />

            if !s.nessun_patrimonio {
                <fieldset id={dom_id(CONSISTENZA.path)}>
                    <legend>{ lang.heading(&CONSISTENZA, s.anno_piano) }</legend>
                    <Messages field={CONSISTENZA.path} report={scoped(report, CONSISTENZA.path)} on_edit={on_edit.clone()} />
                    <CountField label={t.sap_units} field={CONSISTENZA_SAP.path} value={s.consistenza.sap} set={set_field(CONSISTENZA_SAP)} report={scoped(report, CONSISTENZA_SAP.path)} on_edit={on_edit.clone()} />
                    <CountField label={t.sas_units} field={CONSISTENZA_SAS.path} value={s.consistenza.sas} set={set_field(CONSISTENZA_SAS)} report={scoped(report, CONSISTENZA_SAS.path)} on_edit={on_edit.clone()} />
                    <p class="computed" id="total-a">{ (t.total_units)(&format::count(s.consistenza.totale())) }{ incomplete(s, Total::Consistenza, t) }</p>
                </fieldset>
                { rows(RowSection::CarenzaManutentiva, &CARENZA_MANUTENTIVA, &s.carenza_manutentiva) }
                <WorksRows year={s.anno_piano} rows={s.nuova_edificazione.clone()} {default_comune} comuni={props.comuni.clone()} report={scoped(report, NUOVA_EDIFICAZIONE.path)} on_edit={on_edit.clone()} />
                <div id={dom_id(AVVICENDAMENTO.path)}>
                <Messages field={AVVICENDAMENTO.path} report={scoped(report, AVVICENDAMENTO.path)} on_edit={on_edit.clone()} />
                { rows(RowSection::Avvicendamento, &AVVICENDAMENTO, &s.avvicendamento.per_comune) }
                if is_aler {
                    <CountField label={t.section_d_unsplit} field={AVVICENDAMENTO_SENZA_RIPARTIZIONE.path} value={s.avvicendamento.senza_ripartizione} set={set_field(AVVICENDAMENTO_SENZA_RIPARTIZIONE)} report={scoped(report, AVVICENDAMENTO_SENZA_RIPARTIZIONE.path)} on_edit={on_edit.clone()} />
                }
                </div>
                // From 2026 (format 4) d) gives the SAS units apart: not in f.
                if let Some(sas) = &s.avvicendamento_sas {
                    <div id={dom_id(AVVICENDAMENTO_SAS.path)}>
                    <Messages field={AVVICENDAMENTO_SAS.path} report={scoped(report, AVVICENDAMENTO_SAS.path)} on_edit={on_edit.clone()} />
                    { rows(RowSection::AvvicendamentoSas, &AVVICENDAMENTO_SAS, &sas.per_comune) }
                    if is_aler {
                        <CountField label={t.section_d_sas_unsplit} field={AVVICENDAMENTO_SAS_SENZA_RIPARTIZIONE.path} value={sas.senza_ripartizione} set={set_field(AVVICENDAMENTO_SAS_SENZA_RIPARTIZIONE)} report={scoped(report, AVVICENDAMENTO_SAS_SENZA_RIPARTIZIONE.path)} on_edit={on_edit.clone()} />
                    }
                    </div>
                }
                { rows(RowSection::ConferiteDaPrivati, &CONFERITE_DA_PRIVATI, &s.conferite_da_privati) }
                <p class="computed" id="total-f">{ (t.total_f)(&format::count(s.totale_assegnabili())) }{ incomplete(s, Total::Assegnabili, t) }</p>
                <QuotaChoices draft={s.clone()} report={report.clone()} on_edit={on_edit.clone()} />
                { rows(RowSection::Transitori, &TRANSITORI, &s.transitori) }
                <fieldset id={dom_id(ASSEGNATE_ANNO_PRECEDENTE.path)}>
                    <legend>{ (t.section_k)(s.anno_piano.saturating_sub(1)) }</legend>
                    <CountField label={t.ordinary} field={ASSEGNATE_ORDINARIE.path} value={s.assegnate_anno_precedente.ordinarie} set={set_field(ASSEGNATE_ORDINARIE)} report={scoped(report, ASSEGNATE_ORDINARIE.path)} on_edit={on_edit.clone()} />
                    <CountField label={t.by_exception} field={ASSEGNATE_IN_DEROGA.path} value={s.assegnate_anno_precedente.in_deroga} set={set_field(ASSEGNATE_IN_DEROGA)} report={scoped(report, ASSEGNATE_IN_DEROGA.path)} on_edit={on_edit.clone()} />
                    <Messages field={ASSEGNATE_ANNO.path} report={scoped(report, ASSEGNATE_ANNO.path)} on_edit={on_edit.clone()} />
                    <p class="computed" id="total-k">{ (t.total_k)(&format::count(k_total)) }{ incomplete(s, Total::Assegnate, t) }</p>
                </fieldset>
                <fieldset>
                    <legend>{ t.texts_title }</legend>
                    <TextField label={t.welfare} field={MISURE_WELFARE.path} value={s.misure_welfare.clone()} multiline=true set={set_field(MISURE_WELFARE)} report={scoped(report, MISURE_WELFARE.path)} on_edit={on_edit.clone()} />
                    <TextField label={t.projects} field={PROGETTUALITA.path} value={s.progettualita.clone()} multiline=true set={set_field(PROGETTUALITA)} report={scoped(report, PROGETTUALITA.path)} on_edit={on_edit.clone()} />
                </fieldset>
            }
        </form>
        </ContextProvider<KeptTexts>>
    }
}

/// The parts of the form that get the whole draft and report, and hand each field only
/// its own findings (so an unchanged field is not rendered again).
#[derive(Properties, PartialEq)]
struct PartProps {
    draft: Rc<Submission>,
    report: Rc<Report>,
    on_edit: Callback<DraftChange>,
}

/// Who to contact at the ente about this submission.
#[function_component(ReferenteFields)]
fn referente_fields(props: &PartProps) -> Html {
    let (s, report, on_edit) = (&props.draft, &props.report, &props.on_edit);
    let t = use_lang().texts();
    html! {
        <fieldset id={dom_id(REFERENTE)}>
            <legend>{ t.referente }</legend>
            <Messages field={REFERENTE} report={scoped(report, REFERENTE)} on_edit={on_edit.clone()} />
            <TextField label={t.full_name} field={REFERENTE_NOME.path} value={s.referente.nome.clone()} set={set_field(REFERENTE_NOME)} report={scoped(report, REFERENTE_NOME.path)} on_edit={on_edit.clone()} />
            <TextField label={t.role} field={REFERENTE_RUOLO.path} value={s.referente.ruolo.clone()} set={set_field(REFERENTE_RUOLO)} report={scoped(report, REFERENTE_RUOLO.path)} on_edit={on_edit.clone()} />
            <TextField label={t.email} kind={"email"} field={REFERENTE_EMAIL.path} value={s.referente.email.clone()} set={set_field(REFERENTE_EMAIL)} report={scoped(report, REFERENTE_EMAIL.path)} on_edit={on_edit.clone()} />
            <TextField label={t.phone} kind={"tel"} field={REFERENTE_TELEFONO.path} value={s.referente.telefono.clone()} set={set_field(REFERENTE_TELEFONO)} report={scoped(report, REFERENTE_TELEFONO.path)} on_edit={on_edit.clone()} />
        </fieldset>
    }
}

/// g, h, i (and from r.r. 2/2025 the Polizia Locale and art. 14 shares), with the quotas
/// in units they give.
#[function_component(QuotaChoices)]
fn quota_choices(props: &PartProps) -> Html {
    let (s, report, on_edit) = (&props.draft, &props.report, &props.on_edit);
    let lang = use_lang();
    let t = lang.texts();
    // The rules of the plan year say which shares the ente may choose (g, h and i are each
    // comune's; the shares of r.r. 2/2025 come with the 2025 plans, where they are to be
    // confirmed); a share chosen all the same is shown, to be removed.
    let open = use_memo((s.anno_piano, s.ente.clone()), |(year, ente)| {
        rules::open_shares(*year, ente)
    });
    let offered = |section: &Section| open.iter().any(|o| o.path == section.path);
    let to_confirm = open.iter().any(|o| o.to_confirm);
    let comune = !matches!(s.ente, Ente::Aler { .. });
    let new_shares = s.anno_piano >= TRANSITION_PLAN_YEAR_RR_2_2025;
    let quotas = quota::for_submission(s);
    let per_comune = quota::indigenza_per_comune(s);
    // What only a file of version 4 (plans from 2026) can say: art. 13 c.3's guarantee, shown
    // once the share is above 20%, and the art. 14 categories of the c bis share.
    let split = s.versione >= FORMAT_VERSION;
    let above_20 = split
        && s.soglia_indigenza
            .as_ref()
            .is_some_and(|g| g.percento > Percent::whole(INDIGENZA_DEFAULT_PERCENT));
    html! {
        <fieldset>
            <legend>{ t.section_ghi }</legend>
            if !comune { <p class="hint" id="aler-choices">{ t.aler_choices }</p> }
            if offered(&SOGLIA_INDIGENZA) || s.soglia_indigenza.is_some() {
                <ShareEditor title={(t.share_g)(INDIGENZA_DEFAULT_PERCENT)} slot={ShareSlot::SogliaIndigenza} share={s.soglia_indigenza.clone()} default_percent={SUGGESTED_INDIGENZA_PERCENT} report={scoped(report, SOGLIA_INDIGENZA.path)} on_edit={on_edit.clone()} />
            }
            if above_20 {
                <Toggle field={COPERTURA_SPESE_ALLOGGIO.path} label={t.housing_costs_covered} checked={s.copertura_spese_alloggio}
                    set={set_field(COPERTURA_SPESE_ALLOGGIO)}
                    report={scoped(report, COPERTURA_SPESE_ALLOGGIO.path)} on_edit={on_edit.clone()} />
            }
            if offered(&CATEGORIA_AGGIUNTIVA) || s.categoria_aggiuntiva.is_some() {
                <AdditionalCategoryEditor value={s.categoria_aggiuntiva.clone()} report={scoped(report, CATEGORIA_AGGIUNTIVA.path)} on_edit={on_edit.clone()} />
            }
            if offered(&FORZE_POLIZIA) || s.forze_polizia.is_some() {
                <ShareEditor title={if new_shares { AttrValue::from(t.share_i_2026) } else { (t.share_i)(FORZE_POLIZIA_MAX_PERCENT_2019).into() }} slot={ShareSlot::ForzePolizia} share={s.forze_polizia.clone()} default_percent={SUGGESTED_FORZE_POLIZIA_PERCENT} report={scoped(report, FORZE_POLIZIA.path)} on_edit={on_edit.clone()} />
            }
            if offered(&POLIZIA_LOCALE) || s.polizia_locale.is_some() {
                <ShareEditor title={t.share_local_police} slot={ShareSlot::PoliziaLocale} share={s.polizia_locale.clone()} default_percent={SUGGESTED_POLIZIA_LOCALE_PERCENT} report={scoped(report, POLIZIA_LOCALE.path)} on_edit={on_edit.clone()} />
            }
            if offered(&CATEGORIE_ART14) || s.categorie_art14.is_some() {
                <ShareEditor title={(t.share_art14)(CATEGORIE_ART14_MAX_PERCENT)} slot={ShareSlot::CategorieArt14} share={s.categorie_art14.clone()} default_percent={SUGGESTED_CATEGORIE_ART14_PERCENT} report={scoped(report, CATEGORIE_ART14.path)} on_edit={on_edit.clone()} />
                <p class="hint" id="art14-categories">{ t.art14_categories }</p>
                if split && s.categorie_art14.is_some() {
                    <Art14Categories chosen={s.categorie_art14_elenco.clone()} report={scoped(report, CATEGORIE_ART14_ELENCO.path)} on_edit={on_edit.clone()} />
                }
            }
            if to_confirm { <p class="hint">{ t.shares_2025 }</p> }
            <p class="computed" id="quotas">{ (t.quotas)(&quotas, s.totale_assegnabili(), lang.say(&quota::indigenza_basis(s))) }{ incomplete(s, Total::Quote, t) }</p>
            if !per_comune.is_empty() {
                <p class="computed">{ t.aler_indigenza_per_comune }</p>
                <ul class="computed" id="quotas-per-comune">
                    { for per_comune.iter().map(|g| {
                        let place = g.comune.map_or_else(|| t.without_comune.to_owned(), comune_name);
                        html! { <li>{ (t.aler_indigenza_in)(&place, g.assegnabili, g.indigenza) }</li> }
                    }) }
                </ul>
            }
        </fieldset>
    }
}

/// A checkbox for a yes-or-no field, with its findings.
#[derive(Properties, PartialEq)]
struct ToggleProps {
    field: &'static str,
    label: AttrValue,
    checked: bool,
    set: Setter<bool>,
    report: Rc<Report>,
    on_edit: Callback<DraftChange>,
}

#[function_component(Toggle)]
fn toggle(props: &ToggleProps) -> Html {
    let onchange = {
        let (on_edit, set) = (props.on_edit.clone(), props.set.clone());
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            let set = set.clone();
            edit(&on_edit, move |s| (set.0)(s, on));
        })
    };
    let id = dom_id(props.field);
    html! {
        <div class="form-check">
            <input id={id.clone()} type="checkbox" checked={props.checked} {onchange} />
            <label for={id}>{ &props.label }</label>
            <Messages field={props.field} report={props.report.clone()} on_edit={props.on_edit.clone()} />
        </div>
    }
}

/// The categories of art. 14 the c bis share goes to, one checkbox each.
#[derive(Properties, PartialEq)]
struct Art14CategoriesProps {
    chosen: Vec<CategoriaArt14>,
    report: Rc<Report>,
    on_edit: Callback<DraftChange>,
}

#[function_component(Art14Categories)]
fn art14_categories(props: &Art14CategoriesProps) -> Html {
    let lang = use_lang();
    let t = lang.texts();
    let field = CATEGORIE_ART14_ELENCO.path;
    html! {
        <fieldset class="rows" id={dom_id(field)}>
            <legend>{ t.art14_categories_chosen }</legend>
            <Messages field={field} report={props.report.clone()} on_edit={props.on_edit.clone()} />
            { for CategoriaArt14::ALL.iter().enumerate().map(|(n, &c)| {
                let id = format!("{}-{n}", dom_id(field));
                let onchange = {
                    let on_edit = props.on_edit.clone();
                    Callback::from(move |e: Event| {
                        let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                        edit(&on_edit, move |s| {
                            let list = &mut s.categorie_art14_elenco;
                            list.retain(|x| *x != c);
                            if on {
                                list.push(c);
                                list.sort();
                            }
                        });
                    })
                };
                html! {
                    <div class="form-check">
                        <input id={id.clone()} type="checkbox" checked={props.chosen.contains(&c)} {onchange} />
                        <label for={id}>{ lang.say(&c.label()) }</label>
                    </div>
                }
            }) }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct WorksRowsProps {
    /// The plan year, whose heading the section has.
    year: u16,
    rows: Vec<WorksInComune>,
    default_comune: IstatCode,
    comuni: Options,
    report: Rc<Report>,
    on_edit: Callback<DraftChange>,
}

#[function_component(WorksRows)]
fn works_rows(props: &WorksRowsProps) -> Html {
    let section = NUOVA_EDIFICAZIONE.path;
    let lang = use_lang();
    let t = lang.texts();
    let add = {
        let (on_edit, comune) = (props.on_edit.clone(), props.default_comune);
        Callback::from(move |_| {
            on_edit.emit(DraftChange::AddRow {
                section: RowSection::NuovaEdificazione,
                comune,
            })
        })
    };
    html! {
        <fieldset class="rows" id={dom_id(section)}>
            <legend>{ lang.heading(&NUOVA_EDIFICAZIONE, props.year) }</legend>
            <Messages field={section} report={props.report.clone()} on_edit={props.on_edit.clone()} />
            if props.rows.is_empty() { <p class="hint">{ t.no_rows }</p> }
            { for props.rows.iter().enumerate().map(|(i, row)| {
                let comune_field = format!("{section}[{i}].comune");
                let kind_id = dom_id(&format!("{section}[{i}].intervento"));
                let on_comune = {
                    let on_edit = props.on_edit.clone();
                    Callback::from(move |code: IstatCode| edit(&on_edit, move |s| if let Some(r) = s.nuova_edificazione.get_mut(i) { r.comune = code }))
                };
                let on_kind = {
                    let on_edit = props.on_edit.clone();
                    Callback::from(move |e: Event| {
                        let v: usize = e.target_unchecked_into::<HtmlSelectElement>().value().parse().unwrap_or(0);
                        edit(&on_edit, move |s| if let Some(r) = s.nuova_edificazione.get_mut(i) { r.intervento = Intervento::ALL[v.min(3)] })
                    })
                };
                let remove = {
                    let on_edit = props.on_edit.clone();
                    Callback::from(move |_| on_edit.emit(DraftChange::RemoveRow { section: RowSection::NuovaEdificazione, index: i }))
                };
                let has = props.report.for_field(&comune_field).next().is_some();
                let unita_field = format!("{section}[{i}].unita");
                html! {
                    <RowLayout index={i} comune_field={comune_field.clone()} unita_field={unita_field.clone()} report={props.report.clone()} on_edit={props.on_edit.clone()} {remove}>
                        <div class="field row-comune">
                            <label class="form-label" for={dom_id(&comune_field)}>{ (t.comune_row)(i + 1) }</label>
                            { comune_select(dom_id(&comune_field), &props.comuni, row.comune, on_comune, has.then(|| messages_id(&comune_field))) }
                        </div>
                        <CountField label={t.units} field={unita_field} value={row.unita} messages_apart=true
                            set={Setter::new(move |s: &mut Submission, n: u32| if let Some(r) = s.nuova_edificazione.get_mut(i) { r.unita = n })}
                            report={props.report.clone()} on_edit={props.on_edit.clone()} />
                        <div class="field row-kind">
                            <label class="form-label" for={kind_id.clone()}>{ t.intervention }</label>
                            <select class="form-select" id={kind_id} onchange={on_kind}>
                                { for Intervento::ALL.iter().enumerate().map(|(k, kind)| html! {
                                    <option value={k.to_string()} selected={*kind == row.intervento}>{ lang.say(&kind.label()).to_owned() }</option>
                                }) }
                            </select>
                        </div>
                    </RowLayout>
                }
            }) }
            <button type="button" id={format!("add-{}", &dom_id(section)[2..])} class="btn btn-outline-primary" onclick={add}>{ t.add_row }</button>
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct CategoryProps {
    value: Option<AdditionalCategory>,
    report: Rc<Report>,
    on_edit: Callback<DraftChange>,
}

#[function_component(AdditionalCategoryEditor)]
fn additional_category_editor(props: &CategoryProps) -> Html {
    let t = use_lang().texts();
    let toggle = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            on_edit.emit(DraftChange::AdditionalCategory(on));
        })
    };
    html! {
        <div class="share">
            <div class="form-check">
                <input id={dom_id(CATEGORIA_AGGIUNTIVA.path)} type="checkbox" checked={props.value.is_some()} onchange={toggle} />
                <label for={dom_id(CATEGORIA_AGGIUNTIVA.path)}>{ t.share_h }</label>
            </div>
            if let Some(h) = &props.value {
                <TextField label={t.category_name} field={CATEGORIA_AGGIUNTIVA_NOME.path} value={h.nome.clone()}
                    set={set_field(CATEGORIA_AGGIUNTIVA_NOME)}
                    report={props.report.clone()} on_edit={props.on_edit.clone()} />
                <TextField label={t.motivation} field={CATEGORIA_AGGIUNTIVA_MOTIVAZIONE.path} value={h.motivazione.clone()} multiline=true
                    set={set_field(CATEGORIA_AGGIUNTIVA_MOTIVAZIONE)}
                    report={props.report.clone()} on_edit={props.on_edit.clone()} />
                // The share reserved for the category, if any: 0 sets none.
                <PercentField label={t.percent} field={CATEGORIA_AGGIUNTIVA_PERCENTO.path} value={h.percento.unwrap_or(Percent::ZERO)}
                    set={Setter::new(|s: &mut Submission, p: Percent| if let Some(x) = CATEGORIA_AGGIUNTIVA_PERCENTO.get_mut(s) { *x = (p > Percent::ZERO).then_some(p) })}
                    report={props.report.clone()} on_edit={props.on_edit.clone()} />
            }
        </div>
    }
}
