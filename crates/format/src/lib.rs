//! The boundary: every file format and everything kept in browser storage.
//!
//! Each format carries a format name and a schema version; readers migrate older versions
//! and refuse newer ones. Nothing outside this module reads or writes browser storage.

pub mod adviser_file;
pub mod backup;
pub mod ballot_code;
#[cfg(feature = "browser")]
pub mod browser_storage;
pub mod catalogue;
pub mod checked_json;
pub mod export;
pub mod guidance_digests;
pub mod import;
pub mod persistence;
pub mod questionnaire_file;
pub mod quiz_file;
pub mod record;
pub mod records;
pub mod report;
pub mod response_file;
pub mod store;

/// The app's own version, written into every stored record and exported file.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
