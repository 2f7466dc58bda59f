//! Self-assessment of a Community Planning Partnership against the Principles of Effective
//! Community Planning: a client-only web app. See ARCHITECTURE.md for the code map.

pub mod domain;
pub mod format;
/// Left out of the extras module's build (`--no-default-features`): its page chunks are
/// exported from any binary that links them, so they would otherwise travel with it.
#[cfg(feature = "app")]
pub mod ui;
