//! The assessment record: how one assessment is kept in browser storage and written to an
//! exported file. Both use the same versioned envelope, so a backup file and a stored
//! record are read by the same code, with the same migrations.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::APP_VERSION;
use crate::domain::assessment::Assessment;

pub const FORMAT_NAME: &str = "cpp-self-assessment.assessment";
pub const SCHEMA_VERSION: u32 = 1;

/// Upgrades a record from schema version `index + 1` to `index + 2`. Append one function
/// for each new schema version, and a fixture of the old version under `tests/fixtures/`.
type Migration = fn(Value) -> Result<Value, String>;
const MIGRATIONS: &[Migration] = &[];

#[derive(Serialize, Deserialize)]
struct Envelope {
    format: String,
    schema_version: u32,
    app_version: String,
    assessment: Assessment,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DecodeError {
    NotJson(String),
    NotAnAssessment,
    /// Written by a newer version of the app; never partly loaded.
    Newer {
        schema_version: u32,
    },
    Invalid(String),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::NotJson(detail) => write!(f, "The data is not readable JSON ({detail})"),
            DecodeError::NotAnAssessment => write!(f, "The data is not a saved self-assessment"),
            DecodeError::Newer { schema_version } => write!(
                f,
                "The assessment was saved by a newer version of this tool (data version {schema_version}; this version reads up to {SCHEMA_VERSION}). Open it in the newer version"
            ),
            DecodeError::Invalid(detail) => write!(f, "The assessment data is damaged ({detail})"),
        }
    }
}

/// The file name for a backup of this assessment, e.g. `anytown-cpp-2026-11-23.json`.
pub fn file_name(assessment: &Assessment) -> String {
    let slug: String = assessment
        .details
        .partnership
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let slug = slug
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!(
        "{}-{}.self-assessment.json",
        if slug.is_empty() { "assessment" } else { &slug },
        assessment.details.date
    )
}

pub fn encode(assessment: &Assessment) -> String {
    let envelope = Envelope {
        format: FORMAT_NAME.to_owned(),
        schema_version: SCHEMA_VERSION,
        app_version: APP_VERSION.to_owned(),
        assessment: assessment.clone(),
    };
    // Serialising plain structs and maps with string keys cannot fail.
    serde_json::to_string(&envelope).unwrap_or_default()
}

pub fn decode(text: &str) -> Result<Assessment, DecodeError> {
    let mut value: Value =
        serde_json::from_str(text).map_err(|e| DecodeError::NotJson(e.to_string()))?;
    if value.get("format").and_then(Value::as_str) != Some(FORMAT_NAME) {
        return Err(DecodeError::NotAnAssessment);
    }
    let version = value
        .get("schema_version")
        .and_then(Value::as_u64)
        .and_then(|v| u32::try_from(v).ok())
        .filter(|v| *v >= 1)
        .ok_or_else(|| DecodeError::Invalid("missing schema_version".into()))?;
    if version > SCHEMA_VERSION {
        return Err(DecodeError::Newer {
            schema_version: version,
        });
    }
    for migration in &MIGRATIONS[(version as usize - 1)..] {
        value = migration(value).map_err(DecodeError::Invalid)?;
    }
    let envelope: Envelope =
        serde_json::from_value(value).map_err(|e| DecodeError::Invalid(e.to_string()))?;
    Ok(envelope.assessment)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::assessment::AssessmentDetails;
    use crate::domain::questionnaire::test_support::questionnaire;

    #[test]
    fn backup_file_names_are_safe() {
        let q = questionnaire(&[1]);
        for (name, expected) in [
            ("Anytown CPP", "anytown-cpp-2026-11-23.self-assessment.json"),
            (
                "  <script>/../x  ",
                "script-x-2026-11-23.self-assessment.json",
            ),
            ("Àò", "assessment-2026-11-23.self-assessment.json"),
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
    fn migrations_reach_the_current_version() {
        assert_eq!(MIGRATIONS.len() as u32, SCHEMA_VERSION - 1);
    }

    #[test]
    fn rejects_what_is_not_a_current_assessment() {
        type IsExpected = fn(&DecodeError) -> bool;
        let cases: &[(&str, IsExpected)] = &[
            ("", |e| matches!(e, DecodeError::NotJson(_))),
            ("{\"format\":", |e| matches!(e, DecodeError::NotJson(_))),
            ("[]", |e| matches!(e, DecodeError::NotAnAssessment)),
            ("{\"format\":\"something-else\"}", |e| matches!(e, DecodeError::NotAnAssessment)),
            (
                "{\"format\":\"cpp-self-assessment.assessment\"}",
                |e| matches!(e, DecodeError::Invalid(_)),
            ),
            (
                "{\"format\":\"cpp-self-assessment.assessment\",\"schema_version\":0}",
                |e| matches!(e, DecodeError::Invalid(_)),
            ),
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
            let error = decode(text).expect_err(text);
            assert!(expected(&error), "{text}: {error:?}");
            assert!(!error.to_string().is_empty());
        }
    }
}
