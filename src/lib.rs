//! Self-assessment of a Community Planning Partnership against the Principles of Effective
//! Community Planning: a client-only web app. Its domain (`cpp_domain`) and its file formats
//! and storage (`cpp_format`) are crates of their own under `crates/`; this crate is the
//! user interface. See ARCHITECTURE.md for the code map.

pub mod ui;
