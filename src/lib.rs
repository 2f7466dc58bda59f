//! Self-assessment of a Community Planning Partnership against the Principles of Effective
//! Community Planning: a client-only web app. See ARCHITECTURE.md for the code map.

pub mod domain;
pub mod format;
pub mod ui;
