//! A comune opens the capofila's request on the home screen (chosen or dropped): the app
//! verifies it, shows who asks and the deadline, remembers the capofila's key for the next
//! request, and starts the submission with the ambito and the year fixed and the ente picked
//! from the ambito's list. Whether the request's key is trusted is the core's decision
//! (`VerifiedRequest::standing`); this panel asks the browser what it remembers and says it.

mod answer;
mod summary;

use std::rc::Rc;

use offerta_core::request::{
    read_request, read_request_p7m, KeyStanding, QualifiedRequest, VerifiedRequest,
};
use offerta_core::signing::cades::looks_like_p7m;
use offerta_core::text::{visible, Bilingual};
use yew::prelude::*;

use crate::browser::{files, storage};
use crate::hooks::use_file_read;
use crate::i18n::{use_lang, Lang, Shown};
use crate::state::AppState;
use answer::AnswerForm;
use summary::{KeyCheck, RequestSummary};

/// A request as opened here: what this browser knew of its capofila's key, and whether the
/// clerk confirmed the fingerprint (a known key needs no confirmation); `kept`: whether the
/// confirmed key was remembered.
#[derive(Clone, PartialEq)]
struct Opened {
    request: VerifiedRequest,
    standing: KeyStanding,
    confirmed: bool,
    kept: bool,
}

/// A request signed with another key than the one remembered for its capofila: what the
/// clerk may forget once the capofila confirmed its new key by telephone or PEC.
#[derive(Clone, PartialEq)]
struct OtherKey {
    codice_istat: String,
    advice: Bilingual,
}

/// What the panel shows: the request opened, why the last file was refused, the offer to
/// forget another key, whether a key was just forgotten.
#[derive(Clone, Default, PartialEq)]
struct Panel {
    opened: Option<Opened>,
    /// How many requests were opened: each starts its answer afresh.
    openings: u32,
    error: Option<Shown>,
    other_key: Option<OtherKey>,
    forgotten: bool,
}

/// What happens in the panel: plain data, reduced by [`Panel`].
enum PanelAction {
    Opened(Box<Opened>),
    /// A file that is no request to answer, said; `other_key` when it is signed with
    /// another key than the one remembered.
    Refused {
        message: Shown,
        other_key: Option<OtherKey>,
    },
    /// The clerk confirmed the fingerprint; `kept`: the key was remembered.
    Confirmed {
        kept: bool,
    },
    KeyForgotten,
    NotForgotten(Shown),
}

impl Reducible for Panel {
    type Action = PanelAction;

    fn reduce(self: Rc<Self>, action: PanelAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            PanelAction::Opened(opened) => {
                next.opened = Some(*opened);
                next.openings += 1;
                next.error = None;
                next.other_key = None;
                next.forgotten = false;
            }
            PanelAction::Refused { message, other_key } => {
                // A bad request changes nothing: the one opened before stays.
                next.error = Some(message);
                next.other_key = other_key;
                next.forgotten = false;
            }
            PanelAction::Confirmed { kept } => {
                if let Some(opened) = &mut next.opened {
                    opened.confirmed = true;
                    opened.kept = kept;
                }
            }
            PanelAction::KeyForgotten => {
                next.other_key = None;
                next.error = None;
                next.forgotten = true;
            }
            PanelAction::NotForgotten(message) => next.error = Some(message),
        }
        Rc::new(next)
    }
}

/// A request whose signature holds (file `name`), against the key this browser keeps for
/// its capofila. A first request (or one met when the memory of keys cannot be read) is
/// opened to be checked: its key is remembered only once the clerk confirms the
/// fingerprint; a later one signed otherwise is refused by the core.
fn open(name: &str, request: VerifiedRequest, lang: Lang) -> PanelAction {
    let code = request.request.capofila.codice_istat.clone();
    let remembered = storage::known_capofila_key(&code);
    match request.standing(remembered.as_ref().map(|k| k.as_deref()).map_err(|_| ())) {
        Ok(standing) => {
            let known = standing == KeyStanding::Known;
            if known {
                storage::keep_ambito(&request.request.ambito);
            }
            PanelAction::Opened(Box::new(Opened {
                request,
                standing,
                confirmed: known,
                kept: known,
            }))
        }
        Err(other) => PanelAction::Refused {
            message: Shown::of_file(&visible(name), lang.show(&other.why)),
            other_key: Some(OtherKey {
                codice_istat: code,
                advice: other.advice,
            }),
        },
    }
}

/// The clerk confirmed the fingerprint: the key is remembered (unless the memory cannot be
/// read, which is never written over) and the ambito kept.
fn confirm(o: &Opened) -> PanelAction {
    let kept = o.standing == KeyStanding::First
        && storage::remember_capofila_key(
            &o.request.request.capofila.codice_istat,
            &o.request.public_key,
        )
        .is_ok();
    storage::keep_ambito(&o.request.request.ambito);
    PanelAction::Confirmed { kept }
}

/// The clerk forgets the key remembered for a capofila that says it changed its key.
fn forget(other: &OtherKey, lang: Lang) -> PanelAction {
    match storage::forget_capofila_key(&other.codice_istat) {
        Ok(()) => PanelAction::KeyForgotten,
        Err(e) => PanelAction::NotForgotten(lang.texts().explain(&e)),
    }
}

/// A request file, chosen or dropped: read, verified, and opened against the key remembered.
#[hook]
fn use_request_file(panel: UseReducerDispatcher<Panel>) -> Callback<web_sys::File> {
    let lang = use_lang();
    let on_read = {
        let panel = panel.clone();
        Callback::from(move |(name, request): (String, VerifiedRequest)| {
            panel.dispatch(open(&name, request, lang))
        })
    };
    let on_error = Callback::from(move |message| {
        panel.dispatch(PanelAction::Refused {
            message,
            other_key: None,
        })
    });
    // A `.p7m` is read by the same core as the CLI's, against no trust anchor (a comune's
    // browser keeps no trusted list: the page says the certificate was not checked).
    use_file_read(
        |name, bytes| {
            let read = if looks_like_p7m(bytes) {
                read_request_p7m(bytes, &[], &crate::browser::now_rfc3339())
                    .map(QualifiedRequest::into_verified)
            } else {
                read_request(bytes, None)
            };
            read.map(|r| (name.to_owned(), r))
        },
        on_read,
        on_error,
    )
}

#[derive(Properties, PartialEq)]
pub struct OpenRequestProps {
    pub dispatch: UseReducerDispatcher<AppState>,
}

#[function_component(OpenRequest)]
pub fn open_request(props: &OpenRequestProps) -> Html {
    let lang = use_lang();
    let y = lang.yearly();
    let panel = use_reducer(Panel::default);
    let read = use_request_file(panel.dispatcher());
    let on_choose = {
        let read = read.clone();
        Callback::from(move |e: Event| {
            if let Some(file) = files::first_chosen(&e) {
                read.emit(file);
            }
            // The same file can be chosen again (after forgetting a key, or confirming with
            // the capofila): a browser fires no change for the file already chosen.
            let input: web_sys::HtmlInputElement = yew::TargetCast::target_unchecked_into(&e);
            input.set_value("");
        })
    };
    let on_drop = Callback::from(move |e: DragEvent| {
        e.prevent_default();
        let dropped = files::list(e.data_transfer().and_then(|d| d.files()));
        if let Some(file) = dropped.into_iter().next() {
            read.emit(file);
        }
    });
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_confirm = {
        let panel = panel.clone();
        Callback::from(move |()| {
            if let Some(o) = &panel.opened {
                panel.dispatch(confirm(o));
            }
        })
    };
    let on_forget = {
        let panel = panel.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(other) = &panel.other_key {
                panel.dispatch(forget(other, lang));
            }
        })
    };
    html! {
        <div id="open-request" class="card p-3 mt-4" ondrop={on_drop} ondragover={on_drag_over}>
            <h2>{ y.open_request_title }</h2>
            <p>{ y.open_request_intro }</p>
            <label class="form-label" for="request-file">{ y.open_request_file }</label>
            <input class="form-control" id="request-file" type="file" accept=".json,.p7m,application/json" onchange={on_choose} />
            if let Some(m) = &panel.error {
                <super::ErrorMessage id="request-error" class="mt-2" message={m.clone()} />
            }
            if let Some(o) = &panel.opened {
                <div id="request-opened" class="mt-3" role="status">
                    <RequestSummary request={o.request.clone()} />
                    <KeyCheck request={o.request.clone()} standing={o.standing} confirmed={o.confirmed}
                        kept={o.kept} {on_confirm} />
                    if o.confirmed {
                        <AnswerForm key={panel.openings} request={o.request.clone()} dispatch={props.dispatch.clone()} />
                    }
                </div>
            }
            if let Some(other) = &panel.other_key {
                <div id="request-forget" class="mt-2">
                    <p>{ lang.say(&other.advice) }</p>
                    <button type="button" id="request-forget-key" class="btn btn-outline-danger" onclick={on_forget}>{ y.request_forget_key }</button>
                </div>
            }
            if panel.forgotten {
                <p id="request-key-forgotten" class="alert alert-info mt-2" role="status">{ y.request_key_forgotten }</p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use offerta_core::request::Request;
    use offerta_core::signing::SigningKey;

    fn first_request() -> Opened {
        let request = Request::new(
            &offerta_core::ambiti::preset("crema").unwrap(),
            2027,
            "2026-12-20",
            offerta_core::demo::crema_capofila(),
            "",
        );
        let text = request.signed(&SigningKey::from_bytes(&[21; 32]), "2026-12-01T10:00:00Z");
        Opened {
            request: read_request(text.as_bytes(), None).unwrap(),
            standing: KeyStanding::First,
            confirmed: false,
            kept: false,
        }
    }

    fn after(panel: Panel, actions: Vec<PanelAction>) -> Panel {
        let end = actions
            .into_iter()
            .fold(Rc::new(panel), |p, action| p.reduce(action));
        (*end).clone()
    }

    #[test]
    fn a_refused_file_keeps_the_request_opened_before_and_a_new_one_starts_afresh() {
        let other = OtherKey {
            codice_istat: "019035".into(),
            advice: Bilingual::new("dimenticare", "forget"),
        };
        let panel = after(
            Panel::default(),
            vec![
                PanelAction::Opened(Box::new(first_request())),
                PanelAction::Confirmed { kept: true },
                PanelAction::Refused {
                    message: "altra chiave".into(),
                    other_key: Some(other.clone()),
                },
            ],
        );
        let opened = panel.opened.clone().unwrap();
        assert!(opened.confirmed && opened.kept);
        assert_eq!(panel.error, Some(Shown::from("altra chiave")));
        assert!(panel.other_key == Some(other));
        assert_eq!(panel.openings, 1);

        let forgotten = after(panel, vec![PanelAction::KeyForgotten]);
        assert!(forgotten.forgotten && forgotten.error.is_none() && forgotten.other_key.is_none());
        let reopened = after(
            forgotten,
            vec![PanelAction::Opened(Box::new(first_request()))],
        );
        assert_eq!(reopened.openings, 2);
        assert!(!reopened.forgotten && reopened.error.is_none());
        assert!(!reopened.opened.unwrap().confirmed);
    }
}
