//! A table wider than the screen scrolls sideways: its region takes the keyboard focus so
//! the arrow keys scroll it (WCAG 2.1.1), and is named after the table's caption.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ScrollRegionProps {
    /// Id of the caption that names the region.
    pub labelled_by: AttrValue,
    pub children: Html,
}

#[function_component(ScrollRegion)]
pub fn scroll_region(props: &ScrollRegionProps) -> Html {
    html! {
        <div class="table-responsive" tabindex="0" role="region" aria-labelledby={props.labelled_by.clone()}>
            { props.children.clone() }
        </div>
    }
}
