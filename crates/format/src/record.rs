//! Versioned records: how an assessment or a board session is kept in browser storage and
//! written to an exported file. Both use the same envelope, so a backup file and a stored
//! record are read by the same code, with the same migrations:
//!
//! `{"format": "cpp-self-assessment.<kind>", "schema_version": N, "app_version": "…", "<kind>": {…}}`

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use super::APP_VERSION;
use cpp_domain::assessment::Assessment;
use cpp_domain::quiz::QuizProgress;
use cpp_domain::session::{Ballot, BallotColumns, Session};

/// Upgrades a record's envelope from schema version `index + 1` to `index + 2`.
pub type Migration = fn(Value) -> Result<Value, String>;

pub trait Record: Serialize + DeserializeOwned + Clone {
    const FORMAT_NAME: &'static str;
    const SCHEMA_VERSION: u32;
    /// The envelope field that holds the record, and its storage key segment.
    const KIND: &'static str;
    /// What a person calls it in messages.
    const NOUN: &'static str;
    /// Exported file names end `.<FILE_SUFFIX>.json`.
    const FILE_SUFFIX: &'static str;
    /// One migration per older schema version. Append one for each new version, with a
    /// fixture of the old version under `crates/format/tests/fixtures/stored/`.
    const MIGRATIONS: &'static [Migration];

    /// The record as it goes into a file (a download or a backup): by default all of it.
    fn for_file(&self) -> Self {
        self.clone()
    }

    fn id(&self) -> &str;
    fn updated_at(&self) -> &str;
    fn set_updated_at(&mut self, now: String);
    fn partnership(&self) -> &str;
    /// The date in its file name, `YYYY-MM-DD`: by default the day it was last changed.
    fn date(&self) -> &str {
        self.updated_at().get(..10).unwrap_or("")
    }
    /// The id and version of the questionnaire it answers.
    fn questionnaire(&self) -> (&str, &str);
}

/// Every record keeps its last change in a field `updated_at`.
macro_rules! updated_at_accessors {
    () => {
        fn updated_at(&self) -> &str {
            &self.updated_at
        }
        fn set_updated_at(&mut self, now: String) {
            self.updated_at = now;
        }
    };
}
pub(crate) use updated_at_accessors;

/// Assessments and sessions keep these fields under the same names.
macro_rules! record_accessors {
    () => {
        fn id(&self) -> &str {
            &self.id
        }
        updated_at_accessors!();
        fn partnership(&self) -> &str {
            &self.details.partnership
        }
        fn date(&self) -> &str {
            &self.details.date
        }
        fn questionnaire(&self) -> (&str, &str) {
            (&self.questionnaire_id, &self.questionnaire_version)
        }
    };
}

impl Record for Assessment {
    const FORMAT_NAME: &'static str = "cpp-self-assessment.assessment";
    const SCHEMA_VERSION: u32 = 4;
    const KIND: &'static str = "assessment";
    const NOUN: &'static str = "assessment";
    const FILE_SUFFIX: &'static str = "self-assessment";
    const MIGRATIONS: &'static [Migration] = &[
        |v| plan_actions_address_many(v, "assessment"),
        // Version 3 adds the optional response token; nothing to change.
        |v| Ok(with_schema_version(v, 3)),
        // Version 4 adds the optional board session a member's ballot is for; likewise.
        |v| Ok(with_schema_version(v, 4)),
    ];

    record_accessors!();
}

impl Record for Session {
    const FORMAT_NAME: &'static str = "cpp-self-assessment.session";
    const SCHEMA_VERSION: u32 = 6;
    const KIND: &'static str = "session";
    const NOUN: &'static str = "board session";
    const FILE_SUFFIX: &'static str = "board-session";
    const MIGRATIONS: &'static [Migration] = &[
        |v| plan_actions_address_many(v, "session"),
        participants_become_ballots,
        // Version 4 adds the optional number of board members and agenda order; nothing
        // to change.
        |v| Ok(with_schema_version(v, 4)),
        // Version 5 adds the optional time for the discussion; nothing to change.
        |v| Ok(with_schema_version(v, 5)),
        ballots_in_columns,
    ];

    record_accessors!();

    fn for_file(&self) -> Self {
        self.without_turn_in_progress()
    }
}

/// A member's quiz progress: one record per quiz, never exported.
impl Record for QuizProgress {
    const FORMAT_NAME: &'static str = "cpp-self-assessment.quiz-progress";
    const SCHEMA_VERSION: u32 = 1;
    const KIND: &'static str = "quiz-progress";
    const NOUN: &'static str = "quiz progress";
    const FILE_SUFFIX: &'static str = "quiz-progress";
    const MIGRATIONS: &'static [Migration] = &[];

    fn id(&self) -> &str {
        &self.quiz_id
    }
    updated_at_accessors!();
    fn partnership(&self) -> &str {
        &self.quiz_id
    }
    fn questionnaire(&self) -> (&str, &str) {
        (&self.quiz_id, &self.quiz_version)
    }
}

/// Version 1 to 2: a plan action addressed one `expectation_id`; it now lists
/// `expectation_ids`. Everything else new in version 2 has a default.
fn plan_actions_address_many(mut envelope: Value, kind: &str) -> Result<Value, String> {
    let actions = envelope
        .get_mut(kind)
        .and_then(|record| record.get_mut("plan"))
        .and_then(|plan| plan.get_mut("actions"))
        .and_then(Value::as_array_mut);
    for action in actions.into_iter().flatten() {
        let object = action
            .as_object_mut()
            .ok_or("a plan action is not an object")?;
        if let Some(single) = object.remove("expectation_id") {
            object.insert("expectation_ids".into(), Value::Array(vec![single]));
        }
    }
    Ok(with_schema_version(envelope, 2))
}

pub(crate) fn with_schema_version(mut envelope: Value, version: u32) -> Value {
    if let Some(object) = envelope.as_object_mut() {
        object.insert("schema_version".into(), version.into());
    }
    envelope
}

/// Session version 2 to 3: every link between members and ratings is dropped. Each
/// finished participant's ratings become an anonymous ballot (their label, sector, method
/// and source assessment id are not kept; the ballots are put in content order when read);
/// a turn left unfinished is discarded unseen; the sectors become attendance counts; a
/// session that has revealed a spread has its ballot box closed.
fn participants_become_ballots(mut envelope: Value) -> Result<Value, String> {
    let session = envelope
        .get_mut("session")
        .and_then(Value::as_object_mut)
        .ok_or("missing session")?;
    let participants = match session.remove("participants") {
        Some(Value::Array(list)) => list,
        None | Some(Value::Null) => Vec::new(),
        Some(_) => return Err("participants is not a list".into()),
    };
    session.remove("next_participant_number");
    let mut ballots = Vec::new();
    let mut attendance = Map::new();
    for participant in participants {
        let finished = match participant.get("method") {
            Some(method) => match method.get("method").and_then(Value::as_str) {
                Some("pass_the_device") => method.get("finished") == Some(&Value::Bool(true)),
                Some("imported") => true,
                _ => return Err("a participant's method is not known".into()),
            },
            None => return Err("a participant has no method".into()),
        };
        if !finished {
            continue;
        }
        if let Some(sector) = participant.get("sector").and_then(Value::as_str) {
            let count = attendance.get(sector).and_then(Value::as_u64).unwrap_or(0);
            attendance.insert(sector.to_owned(), (count + 1).into());
        }
        let ratings = participant.get("ratings").cloned().unwrap_or_default();
        let mut ballot = Map::new();
        ballot.insert("ratings".into(), ratings);
        ballots.push(Value::Object(ballot));
    }
    let revealed_any = session
        .get("revealed")
        .and_then(Value::as_array)
        .is_some_and(|r| !r.is_empty());
    session.insert("ballots".into(), Value::Array(ballots));
    session.insert("attendance".into(), Value::Object(attendance));
    session.insert("ballot_box_closed".into(), revealed_any.into());
    Ok(with_schema_version(envelope, 3))
}

/// Session version 5 to 6: the ballots, a list of ratings by expectation id each, are
/// stored in columns (`BallotColumns`: the ids once, then a character per rating), so a
/// session of thousands of ballots fits in the browser's storage.
fn ballots_in_columns(mut envelope: Value) -> Result<Value, String> {
    let session = envelope
        .get_mut("session")
        .and_then(Value::as_object_mut)
        .ok_or("missing session")?;
    let ballots: Vec<Ballot> = match session.remove("ballots") {
        None | Some(Value::Null) => Vec::new(),
        Some(list) => {
            serde_json::from_value(list).map_err(|e| format!("the ballots cannot be read: {e}"))?
        }
    };
    let columns = BallotColumns::from_ballots(&ballots)?;
    session.insert(
        "ballots".into(),
        serde_json::to_value(columns).map_err(|e| e.to_string())?,
    );
    Ok(with_schema_version(envelope, 6))
}

#[derive(Debug, Clone, PartialEq)]
pub enum DecodeError {
    NotJson(String),
    /// Not a record of the kind expected; `found` names the kind when it is one of ours.
    WrongKind {
        expected: &'static str,
        found: Option<String>,
    },
    /// Written by a newer version of the app; never partly loaded.
    Newer {
        schema_version: u32,
    },
    Invalid(String),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::NotJson(detail) => write!(f, "The file is not readable JSON ({detail})"),
            DecodeError::WrongKind { expected, found: Some(found) } => write!(
                f,
                "This is a saved {found}, not a saved {expected}"
            ),
            DecodeError::WrongKind { expected, found: None } => {
                write!(f, "This is not a saved {expected} from this tool")
            }
            DecodeError::Newer { schema_version } => write!(
                f,
                "It was saved by a newer version of this tool (data version {schema_version}). Open it in the newer version"
            ),
            DecodeError::Invalid(detail) => write!(f, "The data is damaged or incomplete ({detail})"),
        }
    }
}

/// A file name such as `anytown-cpp-2026-11-23.self-assessment.json`: letters, digits and
/// hyphens only, whatever the partnership is called.
pub fn file_name<T: Record>(record: &T) -> String {
    file_name_for(record, T::FILE_SUFFIX, "json")
}

/// The same stem for other files made from a record, e.g. `….ratings.csv`.
pub fn file_name_for<T: Record>(record: &T, what: &str, extension: &str) -> String {
    let slug = slug(record.partnership());
    let stem = if slug.is_empty() {
        "partnership"
    } else {
        &slug
    };
    format!("{stem}-{}.{what}.{extension}", record.date())
}

/// Text as part of a file name: lower-case letters, digits, single hyphens, and dots
/// between digits (a version such as 1.0.0).
pub fn slug(text: &str) -> String {
    let chars: Vec<char> = text.to_lowercase().chars().collect();
    let digit_at = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(char::is_ascii_digit)
    };
    let kept: String = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let version_dot = c == '.' && digit_at(i.checked_sub(1)) && digit_at(Some(i + 1));
            if c.is_ascii_alphanumeric() || version_dot {
                c
            } else {
                '-'
            }
        })
        .collect();
    kept.split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// An ISO 8601 UTC timestamp as the app writes it (`2026-11-23T10:00:00.000Z`, the
/// fraction optional), in a form that compares in time order; `None` for anything else,
/// which never counts as newer than a real time.
pub fn timestamp(text: &str) -> Option<String> {
    let (date, time) = text.split_once('T')?;
    let time = time.strip_suffix('Z')?;
    let (clock, fraction) = time.split_once('.').unwrap_or((time, "0"));
    let parts: Vec<u32> = clock
        .split(':')
        .map(|p| (p.len() == 2).then(|| p.parse().ok()).flatten())
        .collect::<Option<_>>()?;
    let fine = cpp_domain::assessment::is_real_iso_date(date)
        && matches!(parts[..], [h, m, s] if h < 24 && m < 60 && s < 61)
        && (1..=9).contains(&fraction.len())
        && fraction.bytes().all(|b| b.is_ascii_digit());
    fine.then(|| format!("{date}T{clock}.{fraction:0<9}"))
}

/// Ids a page's address can carry as one segment: letters, digits, hyphens, underscores.
pub fn is_route_safe_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A record serde could not write as JSON. No record this tool makes should ever be one;
/// if one is, it is reported, never written as an empty file or stored as `null`.
#[derive(Debug, Clone, PartialEq)]
pub struct EncodeError(String);

impl From<serde_json::Error> for EncodeError {
    fn from(error: serde_json::Error) -> Self {
        EncodeError(error.to_string())
    }
}

impl std::fmt::Display for EncodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "It could not be written as a file ({})", self.0)
    }
}

/// A record in its envelope: format name, schema version, app version and the record.
pub fn envelope<T: Record>(record: &T) -> Result<Value, EncodeError> {
    let body = serde_json::to_value(record)?;
    let mut envelope = Map::new();
    envelope.insert("format".into(), T::FORMAT_NAME.into());
    envelope.insert("schema_version".into(), T::SCHEMA_VERSION.into());
    envelope.insert("app_version".into(), APP_VERSION.into());
    envelope.insert(T::KIND.into(), body);
    Ok(Value::Object(envelope))
}

/// A record as written to a file the person downloads or backs up.
pub fn encode_for_file<T: Record>(record: &T) -> Result<String, EncodeError> {
    encode(&record.for_file())
}

/// A record as stored on this device.
pub fn encode<T: Record>(record: &T) -> Result<String, EncodeError> {
    envelope(record).map(|value| value.to_string())
}

/// A file exactly as it will be saved, laid out for people to read before saving (the
/// adviser file and a member's response are shown to their makers first).
pub fn encode_pretty<T: Record>(record: &T) -> Result<String, EncodeError> {
    envelope(record).map(|value| format!("{value:#}"))
}

/// The record kind a file holds, if it is one of this tool's records ("self-assessment"…).
fn kind_of(value: &Value) -> Option<String> {
    let format = value.get("format")?.as_str()?;
    let kind = format.strip_prefix("cpp-self-assessment.")?;
    Some(match kind {
        "assessment" => Assessment::NOUN.to_owned(),
        "session" => Session::NOUN.to_owned(),
        "adviser" => super::adviser_file::AdviserFile::NOUN.to_owned(),
        "collection" => super::adviser_file::Collection::NOUN.to_owned(),
        "response" => super::response_file::Response::NOUN.to_owned(),
        other => other.to_owned(),
    })
}

pub fn decode<T: Record>(text: &str) -> Result<T, DecodeError> {
    let mut value: Value =
        serde_json::from_str(text).map_err(|e| DecodeError::NotJson(e.to_string()))?;
    if value.get("format").and_then(Value::as_str) != Some(T::FORMAT_NAME) {
        return Err(DecodeError::WrongKind {
            expected: T::NOUN,
            found: kind_of(&value),
        });
    }
    let version = value
        .get("schema_version")
        .and_then(Value::as_u64)
        .and_then(|v| u32::try_from(v).ok())
        .filter(|v| *v >= 1)
        .ok_or_else(|| DecodeError::Invalid("missing schema_version".into()))?;
    if version > T::SCHEMA_VERSION {
        return Err(DecodeError::Newer {
            schema_version: version,
        });
    }
    for migration in T::MIGRATIONS
        .get((version as usize - 1)..)
        .unwrap_or_default()
    {
        value = migration(value).map_err(DecodeError::Invalid)?;
    }
    let body = value
        .get_mut(T::KIND)
        .map(Value::take)
        .ok_or_else(|| DecodeError::Invalid(format!("missing {}", T::KIND)))?;
    serde_json::from_value(body).map_err(|e| DecodeError::Invalid(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response_file::Response;
    use cpp_domain::assessment::AssessmentDetails;
    use cpp_domain::questionnaire::test_support::questionnaire;

    #[test]
    fn migrations_reach_the_current_versions() {
        assert_eq!(
            Assessment::MIGRATIONS.len() as u32,
            Assessment::SCHEMA_VERSION - 1
        );
        assert_eq!(
            Session::MIGRATIONS.len() as u32,
            Session::SCHEMA_VERSION - 1
        );
        assert_eq!(
            Response::MIGRATIONS.len() as u32,
            Response::SCHEMA_VERSION - 1
        );
    }

    #[test]
    fn file_names_are_safe() {
        let q = questionnaire(&[1]);
        for (name, expected) in [
            ("Anytown CPP", "anytown-cpp-2026-11-23.self-assessment.json"),
            (
                "  <script>/../x  ",
                "script-x-2026-11-23.self-assessment.json",
            ),
            ("Àò", "partnership-2026-11-23.self-assessment.json"),
        ] {
            let details = AssessmentDetails {
                partnership: name.into(),
                date: "2026-11-23".into(),
                assessor_role: String::new(),
            };
            let a = Assessment::new("id".into(), &q, details, "t".into());
            assert_eq!(file_name(&a), expected);
        }
    }

    #[test]
    fn rejects_what_is_not_a_current_assessment() {
        type IsExpected = fn(&DecodeError) -> bool;
        let cases: &[(&str, IsExpected)] = &[
            ("", |e| matches!(e, DecodeError::NotJson(_))),
            ("{\"format\":", |e| matches!(e, DecodeError::NotJson(_))),
            ("[]", |e| matches!(e, DecodeError::WrongKind { found: None, .. })),
            ("{\"format\":\"something-else\"}", |e| {
                matches!(e, DecodeError::WrongKind { found: None, .. })
            }),
            ("{\"format\":\"cpp-self-assessment.session\",\"schema_version\":1}", |e| {
                *e == DecodeError::WrongKind { expected: "assessment", found: Some("board session".into()) }
            }),
            ("{\"format\":\"cpp-self-assessment.assessment\"}", |e| matches!(e, DecodeError::Invalid(_))),
            ("{\"format\":\"cpp-self-assessment.assessment\",\"schema_version\":0}", |e| {
                matches!(e, DecodeError::Invalid(_))
            }),
            ("{\"format\":\"cpp-self-assessment.assessment\",\"schema_version\":1}", |e| {
                matches!(e, DecodeError::Invalid(_))
            }),
            (
                "{\"format\":\"cpp-self-assessment.assessment\",\"schema_version\":99,\"app_version\":\"9\"}",
                |e| *e == DecodeError::Newer { schema_version: 99 },
            ),
            (
                "{\"format\":\"cpp-self-assessment.assessment\",\"schema_version\":1,\"app_version\":\"0\",\"assessment\":{\"id\":3}}",
                |e| matches!(e, DecodeError::Invalid(_)),
            ),
        ];
        for (text, expected) in cases {
            let error = decode::<Assessment>(text).expect_err(text);
            assert!(expected(&error), "{text}: {error:?}");
            assert!(!error.to_string().is_empty());
        }
    }
}
