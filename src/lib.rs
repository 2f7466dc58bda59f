//! Self-assessment of a Community Planning Partnership against the Principles of Effective
//! Community Planning: a client-only web app. Its domain (`cpp_domain`) and its file formats
//! and storage (`cpp_format`) are crates of their own under `crates/`; this crate is the
//! user interface. See ARCHITECTURE.md for the code map.

/// Left out of the extras module's build (`--no-default-features`): its page chunks are
/// exported from any binary that links them, so they would otherwise travel with it.
#[cfg(feature = "app")]
pub mod ui;
