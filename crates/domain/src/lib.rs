//! The domain core: the questionnaire model, ratings, scoring and plan drafting.
//!
//! Pure Rust with no browser or UI dependencies, so every rule here is tested natively.
//! Values arrive already validated (see `cpp_format::questionnaire_file`), so the
//! functions here trust the questionnaire's invariants instead of re-checking them.

pub mod assessment;
pub mod collation;
pub mod comparison;
pub mod group;
pub mod meeting;
pub mod partners;
pub mod plan;
pub mod progress;
pub mod questionnaire;
pub mod quiz;
pub mod rating;
pub mod scoring;
pub mod session;
pub mod sorting;
