//! Bootstrap Italia's accordion without its JavaScript: the header's button says whether its
//! panel is open (`aria-expanded`) and which panel it controls; a closed panel is not
//! rendered at all, and every panel opens for printing.

use yew::prelude::*;

use super::long_table::use_printing;

#[derive(Properties, PartialEq)]
pub struct AccordionItemProps {
    /// Unique in the page: the ids of the header and the panel derive from it.
    pub id: AttrValue,
    pub title: AttrValue,
    pub children: Html,
}

#[function_component(AccordionItem)]
pub fn accordion_item(props: &AccordionItemProps) -> Html {
    let open = use_state(|| true);
    let printing = use_printing();
    let (header_id, panel_id) = (
        format!("{}-header", props.id),
        format!("{}-panel", props.id),
    );
    let onclick = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let shown = *open || printing;
    html! {
        <div class="accordion-item">
            <h3 class="accordion-header" id={header_id.clone()}>
                <button type="button" class={classes!("accordion-button", (!shown).then_some("collapsed"))}
                    aria-expanded={shown.to_string()} aria-controls={panel_id.clone()} {onclick}>
                    { props.title.clone() }
                </button>
            </h3>
            <div id={panel_id} class={classes!("accordion-collapse", "collapse", shown.then_some("show"))}
                role="region" aria-labelledby={header_id}>
                if shown {
                    <div class="accordion-body">{ props.children.clone() }</div>
                }
            </div>
        </div>
    }
}
