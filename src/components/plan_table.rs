use std::rc::Rc;

use offerta_core::aggregate::OwnerFigures;
use offerta_core::Plan;
use yew::prelude::*;

use crate::format;

#[derive(Properties, PartialEq)]
pub struct PlanTableProps {
    pub plan: Rc<Plan>,
}

fn row(figures: &OwnerFigures, total: bool) -> Html {
    let cells = [
        figures.consistenza_totale,
        figures.consistenza_sap,
        figures.consistenza_sas,
        figures.totale_assegnabili,
        figures.assegnate_totale,
    ];
    html! {
        <tr class={classes!(total.then_some("total"))}>
            <th scope="row">{ &figures.ente }</th>
            { for cells.iter().map(|n| html! { <td class="num">{ format::count(*n) }</td> }) }
        </tr>
    }
}

/// Section a (stock), f (assignable) and k (assigned last year) per ente, with totals.
#[function_component(PlanTable)]
pub fn plan_table(props: &PlanTableProps) -> Html {
    let plan = &props.plan;
    html! {
        <table id="plan-summary" class="table">
            <caption>{ "Consistenza (a), unità assegnabili (f) e assegnate l'anno precedente (k) per ente proprietario" }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "Ente proprietario" }</th>
                    <th scope="col">{ "Totale alloggi" }</th>
                    <th scope="col">{ "di cui SAP" }</th>
                    <th scope="col">{ "di cui SAS" }</th>
                    <th scope="col">{ "Assegnabili (f)" }</th>
                    <th scope="col">{ "Assegnate anno prec. (k)" }</th>
                </tr>
            </thead>
            <tbody>
                { for plan.per_ente.iter().map(|f| row(f, false)) }
            </tbody>
            <tfoot>
                { row(&plan.totale, true) }
            </tfoot>
        </table>
    }
}
