//! A single rating of an expectation, and one person's response (rating plus evidence).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// A value on the questionnaire's scale.
    Level(u8),
    /// "Don't know / not enough evidence": counted, but never averaged in.
    DontKnow,
}

impl Rating {
    pub fn level(self) -> Option<u8> {
        match self {
            Rating::Level(value) => Some(value),
            Rating::DontKnow => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Response {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<Rating>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Response {
    pub fn is_answered(&self) -> bool {
        self.rating.is_some()
    }
}
