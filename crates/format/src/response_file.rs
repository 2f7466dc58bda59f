//! A member's response for a board session: the file a member who rated on their own
//! device hands to the facilitator. It carries their ratings and nothing else about them:
//! no notes, no role, no name; a random token (so the same response is never counted twice,
//! and a later one replaces it), the partnership and date of the session it is for, and the
//! questionnaire id and version. The member sees exactly this before saving it.
//!
//! `{"format": "cpp-self-assessment.response", "schema_version": 1, "app_version": "…", "response": {…}}`

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::record::{Migration, Record};
use cpp_domain::assessment::Assessment;
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::rating::Rating;
use cpp_domain::session::{Ballot, Session};

/// How long a token in a file may be. A token is only lowercase letters and digits, so it
/// can never carry other text into the session.
const TOKEN_CHARS: std::ops::RangeInclusive<usize> = 16..=64;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    pub token: String,
    /// The partnership whose session it is for, as the member typed it.
    pub partnership: String,
    /// The date of the board session, `YYYY-MM-DD`.
    pub date: String,
    pub questionnaire_id: String,
    pub questionnaire_version: String,
    pub ratings: BTreeMap<String, Rating>,
}

impl Record for Response {
    const FORMAT_NAME: &'static str = "cpp-self-assessment.response";
    const SCHEMA_VERSION: u32 = 1;
    const KIND: &'static str = "response";
    const NOUN: &'static str = "response for a board session";
    const FILE_SUFFIX: &'static str = "board-response";
    const MIGRATIONS: &'static [Migration] = &[];

    fn id(&self) -> &str {
        &self.token
    }
    fn updated_at(&self) -> &str {
        &self.date
    }
    fn set_updated_at(&mut self, _now: String) {}
    fn partnership(&self) -> &str {
        &self.partnership
    }
    fn date(&self) -> &str {
        &self.date
    }
    fn questionnaire(&self) -> (&str, &str) {
        (&self.questionnaire_id, &self.questionnaire_version)
    }
}

/// A token from random bytes: lowercase letters and digits, 26 of them for 16 bytes.
pub fn token_from_bytes(bytes: &[u8]) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(DIGITS[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(DIGITS[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

fn token_is_valid(token: &str) -> bool {
    TOKEN_CHARS.contains(&token.len())
        && token
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// The response a member's assessment gives, for the session they name.
pub fn from_assessment(
    questionnaire: &Questionnaire,
    assessment: &Assessment,
    token: &str,
    partnership: &str,
    date: &str,
) -> Response {
    Response {
        token: token.to_owned(),
        partnership: partnership.trim().to_owned(),
        date: date.trim().to_owned(),
        questionnaire_id: assessment.questionnaire_id.clone(),
        questionnaire_version: assessment.questionnaire_version.clone(),
        ratings: questionnaire
            .expectations()
            .filter_map(|e| assessment.rating(&e.id).map(|r| (e.id.clone(), r)))
            .collect(),
    }
}

/// Partnership names as people type them: case, spaces and "&"/"and" aside.
fn same_partnership(a: &str, b: &str) -> bool {
    let normal = |name: &str| {
        name.to_lowercase()
            .replace('&', " and ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    normal(a) == normal(b)
}

/// Why a response cannot go into a session as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// Never accepted: the ratings would mean something else.
    Refused(String),
    /// Made for another partnership or date: accepted only if the facilitator confirms.
    OtherSession(String),
}

/// Checks a response against the session and its questionnaire, and gives the ballot it
/// would add. Ratings are checked against the questionnaire's expectations and scale.
pub fn ballot_for(
    response: &Response,
    session: &Session,
    questionnaire: &Questionnaire,
    accept_other_session: bool,
) -> Result<Ballot, Mismatch> {
    if response.questionnaire_id != questionnaire.id {
        return Err(Mismatch::Refused(format!(
            "It answers a different questionnaire ({}). Only responses to this session's questionnaire can be added",
            response.questionnaire_id
        )));
    }
    if response.questionnaire_version != questionnaire.version {
        return Err(Mismatch::Refused(format!(
            "It was made with version {} of the questionnaire, but this session uses version {}. Ask the member to answer again with the same version",
            response.questionnaire_version, questionnaire.version
        )));
    }
    if !token_is_valid(&response.token) {
        return Err(Mismatch::Refused(
            "It is damaged: its response token is missing or not one this tool makes".into(),
        ));
    }
    super::import::check_ratings(questionnaire, response).map_err(Mismatch::Refused)?;
    if response.ratings.is_empty() {
        return Err(Mismatch::Refused(
            "It has no ratings: ask the member to rate at least one expectation first".into(),
        ));
    }
    let other_partnership = !same_partnership(&response.partnership, &session.details.partnership);
    let other_date = response.date != session.details.date;
    if (other_partnership || other_date) && !accept_other_session {
        let what = match (other_partnership, other_date) {
            (true, true) => "another partnership and date",
            (true, false) => "another partnership",
            _ => "another date",
        };
        return Err(Mismatch::OtherSession(format!(
            "It was made for {what} ({}, {}), not this session ({}, {}). Not added yet: add it only if you know it belongs here",
            response.partnership,
            cpp_domain::assessment::long_date(&response.date),
            session.details.partnership,
            cpp_domain::assessment::long_date(&session.details.date)
        )));
    }
    Ok(Ballot {
        token: Some(crate::ballot_code::ballot_token(&response.token)),
        ratings: response.ratings.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_made_of_safe_characters() {
        let token = token_from_bytes(&[0xff; 16]);
        assert_eq!(token.len(), 26);
        assert!(token_is_valid(&token));
        assert_ne!(token_from_bytes(&[1; 16]), token_from_bytes(&[2; 16]));
        for bad in [
            "",
            "short",
            "has space in it here",
            "UPPERCASEUPPERCASE",
            "<script>alert(1)</script>",
        ] {
            assert!(!token_is_valid(bad), "{bad}");
        }
    }

    #[test]
    fn partnership_names_match_as_people_type_them() {
        for (a, b, same) in [
            ("Anytown CPP", "anytown  cpp ", true),
            ("Anytown & District CPP", "Anytown and District CPP", true),
            ("Anytown CPP", "Othertown CPP", false),
        ] {
            assert_eq!(same_partnership(a, b), same, "{a} / {b}");
        }
    }
}
