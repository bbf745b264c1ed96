//! Renders the plan's tables as `offerta_core::export::tables` (or `tables_en`, for a page in
//! English) defines them, so the page, the printout and the exports show the same thing.

use offerta_core::export::{Cell, Table};
use yew::prelude::*;

use super::ScrollRegion;
use crate::format;
use crate::i18n::use_lang;

#[derive(Properties, PartialEq)]
pub struct PlanTablesProps {
    pub tables: Vec<Table>,
}

fn cell(c: &Cell) -> Html {
    match c {
        Cell::Text(t) => html! { <td>{ t }</td> },
        Cell::Count(n) => html! { <td class="num">{ format::count(*n) }</td> },
    }
}

#[function_component(PlanTables)]
pub fn plan_tables(props: &PlanTablesProps) -> Html {
    let texts = use_lang().texts();
    html! {
        <div id="plan-tables">
            { for props.tables.iter().map(|t| html! {
                <ScrollRegion labelled_by={format!("caption-{}", t.sheet)}>
                    <table class="table section" data-sheet={t.sheet}>
                        <caption id={format!("caption-{}", t.sheet)}>{ &t.title }</caption>
                        <thead><tr>{ for t.headers.iter().map(|h| html! { <th scope="col">{ *h }</th> }) }</tr></thead>
                        <tbody>
                            if t.rows.is_empty() {
                                <tr><td colspan={t.headers.len().to_string()}>{ texts.no_units }</td></tr>
                            }
                            { for t.rows.iter().map(|r| html! { <tr>{ for r.iter().map(cell) }</tr> }) }
                        </tbody>
                        if let Some(total) = &t.total {
                            <tfoot><tr class="total">{ for total.iter().map(cell) }</tr></tfoot>
                        }
                    </table>
                </ScrollRegion>
            }) }
        </div>
    }
}
