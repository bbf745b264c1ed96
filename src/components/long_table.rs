//! Long tables show their first rows and a button for the rest: a plan for all of Lombardy
//! has thousands of rows, and rendering them all at once costs the capofila seconds for
//! rows nobody reads on screen (the exports and the printout have them all).

use gloo::events::EventListener;
use yew::prelude::*;

use crate::format;
use crate::i18n::use_lang;

/// Rows shown before "show all": more than the comuni of any ambito's Piano di Zona.
pub const FIRST_ROWS: usize = 60;

/// Whether the page is being printed, provided once by the app to every component (a
/// component that appears because of printing, like a closed accordion panel, must know too).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Printing(pub bool);

/// True while the page is being printed (Ctrl+P or the print button): then every row shows.
#[hook]
pub fn use_printing() -> bool {
    use_context::<Printing>().unwrap_or_default().0
}

/// Follows the window's beforeprint/afterprint events; the app provides the result as
/// [`Printing`].
#[hook]
pub fn use_print_events() -> Printing {
    let printing = use_state(|| false);
    {
        let printing = printing.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let (before, after) = (printing.clone(), printing);
            let listeners = [
                EventListener::new(&window, "beforeprint", move |_| before.set(true)),
                EventListener::new(&window, "afterprint", move |_| after.set(false)),
            ];
            move || drop(listeners)
        });
    }
    Printing(*printing)
}

pub struct RowLimit {
    /// How many rows to render now.
    pub shown: usize,
    /// Said after the caption when rows are hidden, e.g. "(prime 60 righe di 1.500)".
    pub caption_note: Option<String>,
    /// The button that shows every row or only the first ones (nothing for a short table).
    pub toggle: Html,
}

#[hook]
pub fn use_row_limit(total: usize) -> RowLimit {
    let expanded = use_state(|| false);
    let printing = use_printing();
    let t = use_lang().texts();
    if total <= FIRST_ROWS {
        return RowLimit {
            shown: total,
            caption_note: None,
            toggle: html! {},
        };
    }
    let all = *expanded || printing;
    let onclick = {
        let expanded = expanded.clone();
        Callback::from(move |_| expanded.set(!*expanded))
    };
    RowLimit {
        shown: if all { total } else { FIRST_ROWS },
        caption_note: (!all).then(|| (t.first_rows_of)(FIRST_ROWS, &format::count(total as u64))),
        toggle: html! {
            <button type="button" class="btn btn-link no-print show-rows" aria-expanded={all.to_string()} {onclick}>
                { if all { (t.show_first_rows)(FIRST_ROWS) } else { (t.show_all_rows)(&format::count(total as u64)) } }
            </button>
        },
    }
}
