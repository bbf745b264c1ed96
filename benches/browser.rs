//! Entry point of the browser benchmark (see `browser_native.rs`): it drives Chromium from the
//! host, so on wasm32 there is nothing to run.

#[cfg(not(target_arch = "wasm32"))]
#[path = "browser_native.rs"]
mod native;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main();
}

#[cfg(target_arch = "wasm32")]
fn main() {}
