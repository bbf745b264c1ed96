//! The files received at a glance: a count per state linking to its group, the groups by
//! what the capofila must do, one line per file (its ente, its state and why, the decision
//! it waits for), the whole explanation on demand. A long list of files in the plan starts
//! closed, and a long group shows its first rows and the rest on request.

use std::rc::Rc;

use offerta_core::intake::groups::FileGroup;
use offerta_core::intake::{Disposition, FileState, ReceivedFile};
use offerta_core::signing::{check_retirement, Outcome};
use yew::prelude::*;

use crate::components::ScrollRegion;
use crate::i18n::{use_lang, Lang};
use crate::state::EnteKey;

/// A key the capofila accepts for an ente, after comparing its fingerprint.
pub type KeyToAccept = EnteKey;

/// The ente's new key, to take the place of the one registered, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyReplacement {
    pub key: EnteKey,
    pub reason: String,
}

#[derive(Properties, PartialEq)]
pub struct FileTableProps {
    pub received: Rc<Vec<ReceivedFile>>,
    /// The files by what the capofila must do, from the core.
    pub groups: Rc<Vec<FileGroup>>,
    /// What goes under the keys to accept: the fingerprints to paste.
    #[prop_or_default]
    pub under_keys: Html,
    pub on_accept: Callback<KeyToAccept>,
    pub on_replace: Callback<KeyReplacement>,
    /// The capofila confirms the future signing date of the file of this name.
    pub on_confirm_date: Callback<String>,
    /// The capofila confirms that the signer of the `.p7m` of this name signs for its ente.
    pub on_confirm_signer: Callback<String>,
    /// How many signers waiting the bulk confirmation would record (the core's count).
    #[prop_or_default]
    pub bulk_signers: usize,
    /// What the last bulk confirmation did, in the core's words.
    #[prop_or_default]
    pub signers_confirmed: Option<offerta_core::text::Bilingual>,
    /// The capofila confirms every signer whose certificate names the ente they sign for.
    pub on_confirm_signers: Callback<()>,
}

/// The colour of a file's line: in the plan, replaced, waiting, set aside or refused.
fn status_class(f: &ReceivedFile) -> &'static str {
    match f.state() {
        FileState::Counted => "ok",
        FileState::Superseded | FileState::Duplicate => "info",
        s if s.waits_for_decision() => "warn",
        FileState::OutsideAmbito => "warn",
        _ => "bad",
    }
}

/// The key of a file waiting for one, when it has a readable submission.
fn key_to_accept(f: &ReceivedFile) -> Option<KeyToAccept> {
    let (Disposition::ChiaveDaAccettare, Some(s), Some(key)) = (
        &f.disposition,
        &f.verified.submission,
        &f.verified.public_key,
    ) else {
        return None;
    };
    Some(KeyToAccept {
        ente_id: s.ente.id(),
        ente: s.ente.display_name(),
        public_key: key.clone(),
    })
}

/// The new key of a file signed with another key than the one registered for its ente, and
/// the fingerprints registered: the capofila may replace them once the ente confirms.
fn key_to_replace(f: &ReceivedFile) -> Option<(EnteKey, String, Vec<String>)> {
    let (Outcome::KeyMismatch(known), Some(s), Some(key), Some(fingerprint)) = (
        &f.verified.outcome,
        &f.verified.submission,
        &f.verified.public_key,
        &f.verified.fingerprint,
    ) else {
        return None;
    };
    let key = EnteKey {
        ente_id: s.ente.id(),
        ente: s.ente.display_name(),
        public_key: key.clone(),
    };
    Some((key, fingerprint.clone(), known.clone()))
}

/// One file's row (a plain function: a thousand rows are not worth a component each): its
/// explanation on one line, the whole of it and the technical detail on demand; the
/// capofila's decision (accept the key, confirm the date, replace the key) beside it. The
/// state is the group's heading, not repeated on each line.
fn file_row(f: &ReceivedFile, lang: Lang, actions: &FileActions) -> Html {
    let t = lang.texts();
    let class = status_class(f);
    let accept = key_to_accept(f).map(|key| {
        let onclick = actions.on_accept.reform(move |_| key.clone());
        html! {
            <button type="button" class="btn btn-outline-primary btn-sm accept-key" {onclick}>
                { (t.accept_key)(f.verified.fingerprint.as_deref().unwrap_or_default()) }
            </button>
        }
    });
    html! {
        <tr class={classes!("file", class)}>
            <th scope="row" class="file-name">{ f.shown_name() }</th>
            <td>{ f.ente_name().unwrap_or_else(|| "-".into()) }</td>
            <td class="detail"><div class="file-line">
                <details class="why">
                    <summary>{ lang.say(&f.explanation()).to_owned() }</summary>
                    if let Some(detail) = f.technical_detail() {
                        <details class="technical">
                            <summary>{ t.technical_details }</summary>
                            { lang.say(&detail).to_owned() }
                        </details>
                    }
                </details>
                { for accept }
                if let Some(who) = signer_to_confirm(f) {
                    <button type="button" class="btn btn-outline-primary btn-sm confirm-signer"
                        onclick={actions.on_confirm_signer.reform({ let name = f.name.clone(); move |_| name.clone() })}>
                        { (t.confirm_signer)(lang.say(&who)) }
                    </button>
                }
                if matches!(f.disposition, Disposition::DataFutura(_)) {
                    <button type="button" class="btn btn-outline-primary btn-sm confirm-date"
                        onclick={actions.on_confirm_date.reform({ let name = f.name.clone(); move |_| name.clone() })}>
                        { t.confirm_date }
                    </button>
                }
                </div>
                if let Some((key, fingerprint, registered)) = key_to_replace(f) {
                    <ReplaceKey ente_key={key} {fingerprint} {registered} on_replace={actions.on_replace.clone()} />
                }
            </td>
        </tr>
    }
}

/// «MARIO ROSSI firma per il Comune di Castelleone», for a `.p7m` whose signer waits for the
/// capofila's confirmation (the core's words, `signs_for`).
fn signer_to_confirm(f: &ReceivedFile) -> Option<offerta_core::text::Bilingual> {
    let (Disposition::FirmatarioDaConfermare, Outcome::Qualified(signature, _), Some(s)) =
        (&f.disposition, &f.verified.outcome, &f.verified.submission)
    else {
        return None;
    };
    Some(offerta_core::signing::trust::signs_for(
        &signature.signer.nome_cognome,
        &s.ente.display_name(),
    ))
}

/// What the capofila can do on a file's row.
#[derive(Clone, PartialEq)]
struct FileActions {
    on_accept: Callback<KeyToAccept>,
    on_confirm_signer: Callback<String>,
    on_replace: Callback<KeyReplacement>,
    on_confirm_date: Callback<String>,
}

/// The files received, grouped by what the capofila must do (the core's
/// [`offerta_core::intake::groups`]): its decisions first, then the files in the plan, then
/// those that are not. `#files-table` holds every group's table.
#[function_component(FileTable)]
pub fn file_table(props: &FileTableProps) -> Html {
    let actions = FileActions {
        on_accept: props.on_accept.clone(),
        on_replace: props.on_replace.clone(),
        on_confirm_date: props.on_confirm_date.clone(),
        on_confirm_signer: props.on_confirm_signer.clone(),
    };
    let lang = use_lang();
    let bulk = bulk_confirmation(lang, props.bulk_signers, &props.on_confirm_signers);
    html! {
        <div id="files-table">
            if let Some(done) = &props.signers_confirmed {
                <p id="signers-confirmed" class="alert alert-success" role="status">{ lang.say(done).to_owned() }</p>
            }
            { for props.groups.iter().map(|group| html! {
                <GroupView key={group.anchor()} group={group.clone()} received={props.received.clone()}
                    actions={actions.clone()}
                    head={if group.state == FileState::SignerToConfirm { bulk.clone() } else { Html::default() }}>
                    if group.state == FileState::KeyToAccept { { props.under_keys.clone() } }
                </GroupView>
            }) }
        </div>
    }
}

/// At the head of the signers to confirm: one button for the `n` whose certificate's
/// organisation names the ente they sign for, with what was matched said plainly; none
/// when no signer is such.
fn bulk_confirmation(lang: Lang, n: usize, on_confirm: &Callback<()>) -> Html {
    if n == 0 {
        return Html::default();
    }
    let t = lang.texts();
    html! {
        <div class="bulk-signers">
            <button type="button" id="confirm-signers-naming-ente" class="btn btn-primary btn-sm"
                aria-describedby="confirm-signers-naming-ente-hint" onclick={on_confirm.reform(|_| ())}>
                { (t.confirm_signers_naming_ente)(n) }
            </button>
            <p id="confirm-signers-naming-ente-hint" class="hint">{ t.confirm_signers_naming_ente_hint }</p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct GroupProps {
    group: FileGroup,
    received: Rc<Vec<ReceivedFile>>,
    actions: FileActions,
    /// Shown under the group's heading, before its rows.
    #[prop_or_default]
    head: Html,
    /// Shown under the group's rows.
    #[prop_or_default]
    children: Html,
}

/// One group: its count and what it means as a heading, its first rows, the rest on
/// request. A long group of files in the plan starts closed (`#files-toggle`).
#[function_component(GroupView)]
fn group_view(props: &GroupProps) -> Html {
    let lang = use_lang();
    let t = lang.texts();
    let group = &props.group;
    // The capofila's choice to open or close the group, once made; until then the core's.
    let opened = use_state(|| None::<bool>);
    let asked = use_state(|| 0_usize);
    let open = opened.unwrap_or(!group.starts_closed());
    let anchor = group.anchor();
    let heading = format!("{anchor}-title");
    let toggle = group.starts_closed().then(|| {
        let opened = opened.clone();
        let onclick = Callback::from(move |_| opened.set(Some(!open)));
        let n = group.files.len();
        html! {
            <button type="button" id="files-toggle" class="btn btn-link no-print" aria-expanded={open.to_string()} {onclick}>
                { if open { t.files_show_to_check.to_owned() } else { (t.files_show_all)(n) } }
            </button>
        }
    });
    let shown = group.rows_shown(*asked);
    let more = group.more_rows(*asked);
    let on_more = {
        let asked = asked.clone();
        Callback::from(move |_| asked.set(*asked + 1))
    };
    let rows = group.files[..shown]
        .iter()
        .filter_map(|&i| props.received.get(i))
        .map(|f| file_row(f, lang, &props.actions));
    html! {
        <section class="file-group" aria-labelledby={anchor.clone()}>
            <h3 id={anchor} class="h5">{ offerta_core::text::capitalise(lang.say(&group.count())) }</h3>
            <p class="hint">{ lang.say(&group.state.sentence()).to_owned() }</p>
            { props.head.clone() }
            { for toggle }
            if open {
                <ScrollRegion labelled_by={heading.clone()}>
                    <table class="table table-sm files">
                        <caption id={heading} class="visually-hidden">{ lang.say(&group.count()).to_owned() }</caption>
                        <colgroup><col class="col-file" /><col class="col-ente" /><col /></colgroup>
                        // The columns say themselves (a name, an ente, a reason): their
                        // headers are for screen readers.
                        <thead class="visually-hidden"><tr>
                            <th scope="col">{ t.col_file }</th>
                            <th scope="col">{ t.col_ente }</th>
                            <th scope="col">{ t.col_detail }</th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </ScrollRegion>
                if more > 0 {
                    <button type="button" class="btn btn-link show-more-files no-print" onclick={on_more}>
                        { (t.show_more_files)(more, group.files.len() - shown) }
                    </button>
                }
            }
            { props.children.clone() }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct FilesSummaryProps {
    pub groups: Rc<Vec<FileGroup>>,
}

/// «5 chiavi da accettare, 1 data da confermare, 41 conteggiate, …»: each part a link to
/// its group, and, once a file counts, a link to the plan and its documents.
#[function_component(FilesSummary)]
pub fn files_summary(props: &FilesSummaryProps) -> Html {
    let lang = use_lang();
    let t = lang.texts();
    let has_plan = props.groups.iter().any(|g| g.state == FileState::Counted);
    let link = |target: String, text: String, id: Option<&'static str>| {
        let selector = format!("#{target}");
        let onclick = Callback::from(move |e: MouseEvent| {
            // The heading takes the focus, so reading and tabbing go on from there.
            e.prevent_default();
            crate::browser::focus_first(&selector);
        });
        html! { <a href={format!("#{target}")} {id} {onclick}>{ text }</a> }
    };
    let parts = props.groups.iter().enumerate().map(|(i, g)| {
        html! {
            <>
                if i > 0 { { ", " } }
                { link(g.anchor(), lang.say(&g.count()).to_owned(), None) }
            </>
        }
    });
    html! {
        <nav id="files-summary" class="no-print" aria-label={t.files_summary_label}>
            <p class="mb-1">{ for parts }</p>
            if has_plan {
                <p>{ link("plan-title".into(), t.go_to_plan.to_owned(), Some("go-to-plan")) }</p>
            }
        </nav>
    }
}

#[derive(Properties, PartialEq)]
struct ReplaceKeyProps {
    ente_key: EnteKey,
    /// The new key's fingerprint, and those registered for the ente.
    fingerprint: String,
    registered: Vec<String>,
    on_replace: Callback<KeyReplacement>,
}

/// The explicit step for an ente's new key (new PC, forgotten passphrase): the capofila
/// compares the fingerprint with the one the ente sent by PEC and writes why; the old key
/// stays in the registry as replaced from today, its earlier files still count.
#[function_component(ReplaceKey)]
fn replace_key(props: &ReplaceKeyProps) -> Html {
    let lang = use_lang();
    let t = lang.texts();
    let reason = use_state(String::new);
    let problem = use_state(|| None::<String>);
    let id = format!(
        "replace-{}",
        offerta_core::text::slug(&props.ente_key.ente_id)
    );
    let on_reason = crate::components::inputs::typed(&reason);
    let on_click = {
        let (reason, problem, key, on_replace) = (
            reason.clone(),
            problem.clone(),
            props.ente_key.clone(),
            props.on_replace.clone(),
        );
        Callback::from(
            move |_| match check_retirement(&crate::browser::now_rfc3339(), &reason) {
                Ok(_) => on_replace.emit(KeyReplacement {
                    key: key.clone(),
                    reason: (*reason).clone(),
                }),
                Err(why) => problem.set(Some(lang.say(&why).to_owned())),
            },
        )
    };
    html! {
        <details class="replace-key">
            <summary>{ t.replace_key_open }</summary>
            <p>{ (t.replace_key_intro)(&props.ente_key.ente, &props.fingerprint, &props.registered.join(", ")) }</p>
            <label class="form-label" for={format!("{id}-reason")}>{ t.replace_key_reason }</label>
            <input id={format!("{id}-reason")} class="form-control replace-key-reason" type="text"
                value={(*reason).clone()} oninput={on_reason}
                aria-describedby={problem.is_some().then(|| format!("{id}-problem"))} />
            if let Some(p) = &*problem {
                <p id={format!("{id}-problem")} class="error-msg">{ p }</p>
            }
            <button type="button" class="btn btn-outline-primary mt-2 replace-key-confirm" onclick={on_click}>
                { t.replace_key_confirm }
            </button>
        </details>
    }
}
