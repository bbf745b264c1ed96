use std::rc::Rc;

use offerta_core::aggregate::OwnerFigures;
use offerta_core::Plan;
use yew::prelude::*;

use super::long_table::use_row_limit;
use super::ScrollRegion;
use crate::format;
use crate::i18n::use_lang;

#[derive(Properties, PartialEq)]
pub struct PlanTableProps {
    pub plan: Rc<Plan>,
}

/// A row of `figures`, headed by `label` (the ente, or "Totale" in the page's language).
fn row(figures: &OwnerFigures, label: &str, total: bool) -> Html {
    let cells = [
        figures.consistenza_totale,
        figures.consistenza_sap,
        figures.consistenza_sas,
        figures.totale_assegnabili,
        figures.assegnate_totale,
    ];
    html! {
        <tr class={classes!(total.then_some("total"))}>
            <th scope="row">{ label }</th>
            { for cells.iter().map(|n| html! { <td class="num">{ format::count(*n) }</td> }) }
        </tr>
    }
}

/// Section a (stock), f (assignable) and k (assigned last year) per ente, with totals.
#[function_component(PlanTable)]
pub fn plan_table(props: &PlanTableProps) -> Html {
    let plan = &props.plan;
    let t = use_lang().texts();
    let limit = use_row_limit(plan.per_ente.len());
    html! {
        <>
        <ScrollRegion labelled_by="plan-summary-caption">
            <table id="plan-summary" class="table">
                <caption id="plan-summary-caption">{ t.summary_caption }{ limit.caption_note.map(|n| format!(" {n}")) }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ t.summary_owner }</th>
                        <th scope="col" class="num">{ t.summary_total }</th>
                        <th scope="col" class="num">{ t.summary_sap }</th>
                        <th scope="col" class="num">{ t.summary_sas }</th>
                        <th scope="col" class="num">{ t.summary_assignable }</th>
                        <th scope="col" class="num">{ t.summary_assigned }</th>
                    </tr>
                </thead>
                <tbody>
                    { for plan.per_ente[..limit.shown].iter().map(|f| row(f, &f.ente, false)) }
                </tbody>
                <tfoot>
                    { row(&plan.totale, t.total_row, true) }
                </tfoot>
            </table>
        </ScrollRegion>
        { limit.toggle }
        </>
    }
}
