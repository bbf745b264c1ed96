//! Renders the plan's tables as `offerta_core::tables::tables` defines them, in the page's
//! language, so the page, the printout and the exports show the same thing.

use std::rc::Rc;

use offerta_core::tables::{Cell, Table};
use yew::prelude::*;

use super::accordion::AccordionItem;
use super::long_table::use_row_limit;
use super::ScrollRegion;
use crate::format;
use crate::i18n::{use_lang, Lang};

#[derive(Properties, PartialEq)]
pub struct PlanTablesProps {
    pub tables: Rc<Vec<Table>>,
}

/// Whether column `i` holds figures (judged on the first row, or the total).
fn counts_column(t: &Table, i: usize) -> bool {
    t.rows
        .first()
        .or(t.total.as_ref())
        .and_then(|row| row.get(i))
        .is_some_and(|c| matches!(c, Cell::Count(_)))
}

fn cell(c: &Cell, lang: Lang) -> Html {
    match c {
        Cell::Text(t) => html! { <td>{ t }</td> },
        Cell::Label(l) => html! { <td>{ lang.say(l) }</td> },
        Cell::Count(n) => html! { <td class="num">{ format::count(*n) }</td> },
    }
}

#[function_component(PlanTables)]
pub fn plan_tables(props: &PlanTablesProps) -> Html {
    let lang = use_lang();
    html! {
        <div id="plan-tables" class="accordion">
            { for props.tables.iter().enumerate().map(|(index, t)| html! {
                <AccordionItem id={format!("section-{}", format::slug(t.sheet))} title={lang.say(&t.title).to_owned()}>
                    <SectionTable tables={props.tables.clone()} {index} />
                </AccordionItem>
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SectionTableProps {
    tables: Rc<Vec<Table>>,
    index: usize,
}

#[function_component(SectionTable)]
fn section_table(props: &SectionTableProps) -> Html {
    let lang = use_lang();
    let texts = lang.texts();
    let t = &props.tables[props.index];
    let limit = use_row_limit(t.rows.len());
    let caption_id = format!("caption-{}", format::slug(t.sheet));
    html! {
        <>
        <ScrollRegion labelled_by={caption_id.clone()}>
            <table class="table section" data-sheet={t.sheet}>
                // The accordion's header shows the title; the caption names the table for
                // screen readers and in print.
                <caption id={caption_id} class="section-caption">{ lang.say(&t.title) }{ limit.caption_note.map(|n| format!(" {n}")) }</caption>
                <thead><tr>{ for t.headers.iter().enumerate().map(|(i, h)| html! {
                    // A column of figures has its header over the figures, on the right.
                    <th scope="col" class={classes!(counts_column(t, i).then_some("num"))}>{ lang.say(h) }</th>
                }) }</tr></thead>
                <tbody>
                    if t.rows.is_empty() {
                        <tr><td colspan={t.headers.len().to_string()}>{ texts.no_units }</td></tr>
                    }
                    { for t.rows[..limit.shown].iter().map(|r| html! { <tr>{ for r.iter().map(|c| cell(c, lang)) }</tr> }) }
                </tbody>
                if let Some(total) = &t.total {
                    <tfoot><tr class="total">{ for total.iter().map(|c| cell(c, lang)) }</tr></tfoot>
                }
            </table>
        </ScrollRegion>
        { limit.toggle }
        </>
    }
}
