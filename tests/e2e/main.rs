//! End-to-end tests: the release build, served on 127.0.0.1 and as the single file opened
//! from file://, driven in headless Chromium. `cargo xtask test` builds dist/ first.
#![cfg(not(target_arch = "wasm32"))]

mod accessibility;
mod at_a_glance;
mod browser;
mod capofila;
mod corpus;
mod document;
mod firma_digitale;
mod form;
mod home;
mod keys;
mod last_year_p7m;
mod lombardy;
mod long_tables;
mod navigation;
mod nothing_lost;
mod open_p7m;
mod request_trust;
mod revocation;
mod scale;
mod site;
mod stored;
mod trust;
mod trusted_list;
mod yearly;
