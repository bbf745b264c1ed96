fn main() {
    yew::Renderer::<offerta_abitativa::App>::new().render();
}
