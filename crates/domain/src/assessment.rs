//! One partnership's self-assessment: who and when, the response to each expectation,
//! and the improvement plan. Progress through the task list is derived from here.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::plan::Plan;
use super::questionnaire::{Expectation, Principle, Questionnaire};
use super::rating::{Rating, Response};
use super::scoring::Scores;

pub const MAX_PARTNERSHIP_NAME_CHARS: usize = 150;
pub const MAX_ROLE_CHARS: usize = 150;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub id: String,
    pub questionnaire_id: String,
    pub questionnaire_version: String,
    pub details: AssessmentDetails,
    /// Responses keyed by expectation id. An expectation with no entry is unanswered.
    #[serde(default)]
    pub responses: BTreeMap<String, Response>,
    #[serde(default)]
    pub plan: Plan,
    /// A random token made the first time the member saves a response for a board
    /// session, and kept so that a later response replaces the earlier one in the session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_token: Option<String>,
    /// The code of the board session this is a member's ballot for, when the member joined
    /// from the session's link: rated one expectation per screen and handed in as a code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub board_session: Option<u32>,
    /// When the assessment was last changed, as an ISO 8601 timestamp.
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentDetails {
    pub partnership: String,
    /// The date of the assessment, `YYYY-MM-DD`.
    pub date: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub assessor_role: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskStatus {
    NotStarted,
    InProgress,
    Completed,
}

impl TaskStatus {
    pub fn label(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "Not started",
            TaskStatus::InProgress => "In progress",
            TaskStatus::Completed => "Completed",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailsField {
    Partnership,
    Date,
    AssessorRole,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: DetailsField,
    pub message: String,
}

impl AssessmentDetails {
    /// Checks what a person typed on the "new assessment" page, trimming spaces.
    /// Every problem is reported at once, in the order the fields appear.
    pub fn validate(
        partnership: &str,
        date: &str,
        assessor_role: &str,
    ) -> Result<AssessmentDetails, Vec<FieldError>> {
        let partnership = partnership.trim();
        let date = date.trim();
        let assessor_role = assessor_role.trim();
        let mut errors = Vec::new();
        if partnership.is_empty() {
            errors.push(FieldError {
                field: DetailsField::Partnership,
                message: "Enter the name of the partnership".into(),
            });
        } else if partnership.chars().count() > MAX_PARTNERSHIP_NAME_CHARS {
            errors.push(FieldError {
                field: DetailsField::Partnership,
                message: format!(
                    "Partnership name must be {MAX_PARTNERSHIP_NAME_CHARS} characters or fewer"
                ),
            });
        }
        if date.is_empty() {
            errors.push(FieldError {
                field: DetailsField::Date,
                message: "Enter the date of the assessment".into(),
            });
        } else if !is_real_iso_date(date) {
            errors.push(FieldError {
                field: DetailsField::Date,
                message: "Date of the assessment must be a real date".into(),
            });
        }
        if assessor_role.chars().count() > MAX_ROLE_CHARS {
            errors.push(FieldError {
                field: DetailsField::AssessorRole,
                message: format!("Your role must be {MAX_ROLE_CHARS} characters or fewer"),
            });
        }
        if errors.is_empty() {
            Ok(AssessmentDetails {
                partnership: partnership.to_owned(),
                date: date.to_owned(),
                assessor_role: assessor_role.to_owned(),
            })
        } else {
            Err(errors)
        }
    }
}

/// `YYYY-MM-DD` naming a day that exists (leap years included).
pub fn is_real_iso_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (
        year.parse::<u32>(),
        month.parse::<u32>(),
        day.parse::<u32>(),
    ) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    year >= 1900 && (1..=days_in_month).contains(&day)
}

/// "23 November 2026" for `2026-11-23`, as UK public-sector writing dates it; anything
/// that is not a real date is returned as it is.
pub fn long_date(iso: &str) -> String {
    written_date(iso, usize::MAX)
}

/// "23 Nov 2026" for `2026-11-23`: months cut to three letters, as tables may write them.
pub fn short_date(iso: &str) -> String {
    written_date(iso, 3)
}

fn written_date(iso: &str, month_letters: usize) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    if !is_real_iso_date(iso) {
        return iso.to_owned();
    }
    let (year, rest) = iso.split_at(4);
    let month: usize = rest[1..3].parse().unwrap_or(1);
    let day: u32 = rest[4..6].parse().unwrap_or(1);
    let name: String = MONTHS[month - 1].chars().take(month_letters).collect();
    format!("{day} {name} {year}")
}

impl Assessment {
    /// The scores of this person's ratings.
    pub fn scores(&self, questionnaire: &Questionnaire) -> Scores {
        Scores::compute(questionnaire, |e| self.rating(e))
    }

    pub fn new(
        id: String,
        questionnaire: &Questionnaire,
        details: AssessmentDetails,
        now: String,
    ) -> Assessment {
        Assessment {
            id,
            questionnaire_id: questionnaire.id.clone(),
            questionnaire_version: questionnaire.version.clone(),
            details,
            responses: BTreeMap::new(),
            plan: Plan::default(),
            response_token: None,
            board_session: None,
            updated_at: now,
        }
    }

    pub fn response(&self, expectation_id: &str) -> Option<&Response> {
        self.responses.get(expectation_id)
    }

    pub fn rating(&self, expectation_id: &str) -> Option<Rating> {
        self.response(expectation_id).and_then(|r| r.rating)
    }

    pub fn is_answered(&self, expectation: &Expectation) -> bool {
        self.response(&expectation.id)
            .is_some_and(Response::is_answered)
    }

    /// Sets the rating, keeping any evidence note already written.
    pub fn set_rating(&mut self, expectation_id: &str, rating: Rating) {
        self.responses
            .entry(expectation_id.to_owned())
            .or_default()
            .rating = Some(rating);
    }

    pub fn set_note(&mut self, expectation_id: &str, note: &str) {
        let response = self.responses.entry(expectation_id.to_owned()).or_default();
        response.note = note.to_owned();
        if *response == Response::default() {
            self.responses.remove(expectation_id);
        }
    }

    pub fn answered_count(&self, questionnaire: &Questionnaire) -> usize {
        questionnaire
            .expectations()
            .filter(|e| self.is_answered(e))
            .count()
    }

    pub fn is_complete(&self, questionnaire: &Questionnaire) -> bool {
        self.answered_count(questionnaire) == questionnaire.expectation_count()
    }

    pub fn principle_status(&self, principle: &Principle) -> TaskStatus {
        let answered = principle
            .expectations
            .iter()
            .filter(|e| self.is_answered(e))
            .count();
        let touched = principle
            .expectations
            .iter()
            .any(|e| self.responses.contains_key(&e.id));
        if answered == principle.expectations.len() {
            TaskStatus::Completed
        } else if touched {
            TaskStatus::InProgress
        } else {
            TaskStatus::NotStarted
        }
    }

    /// Where "continue this principle" should go: its first unanswered expectation, or its
    /// first expectation when all are answered.
    pub fn resume_point<'q>(&self, principle: &'q Principle) -> Option<&'q Expectation> {
        principle
            .expectations
            .iter()
            .find(|e| !self.is_answered(e))
            .or_else(|| principle.expectations.first())
    }

    /// Whether this is a member's ballot for the board session with this code.
    pub fn is_ballot_for(&self, session_code: u32, questionnaire: &Questionnaire) -> bool {
        self.board_session == Some(session_code)
            && self.questionnaire_id == questionnaire.id
            && self.questionnaire_version == questionnaire.version
    }

    /// The first unanswered expectation in the whole questionnaire.
    pub fn first_unanswered<'q>(
        &self,
        questionnaire: &'q Questionnaire,
    ) -> Option<&'q Expectation> {
        questionnaire.expectations().find(|e| !self.is_answered(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::test_support::questionnaire;

    fn details() -> AssessmentDetails {
        AssessmentDetails::validate("Anytown CPP", "2026-11-23", "").expect("valid details")
    }

    #[test]
    fn details_validation() {
        let long = "x".repeat(MAX_PARTNERSHIP_NAME_CHARS + 1);
        let cases: &[(&str, &str, &str, &[DetailsField])] = &[
            ("Anytown CPP", "2026-11-23", "", &[]),
            ("  Anytown CPP ", "2024-02-29", "Chief executive", &[]),
            ("", "2026-11-23", "", &[DetailsField::Partnership]),
            (
                "   ",
                "",
                "",
                &[DetailsField::Partnership, DetailsField::Date],
            ),
            (&long, "2026-11-23", "", &[DetailsField::Partnership]),
            ("A", "2023-02-29", "", &[DetailsField::Date]),
            ("A", "2026-13-01", "", &[DetailsField::Date]),
            ("A", "23/11/2026", "", &[DetailsField::Date]),
            ("A", "2026-11-31", "", &[DetailsField::Date]),
            (
                "A",
                "2026-11-23",
                &"r".repeat(MAX_ROLE_CHARS + 1),
                &[DetailsField::AssessorRole],
            ),
        ];
        for (partnership, date, role, expected) in cases {
            let fields: Vec<DetailsField> =
                match AssessmentDetails::validate(partnership, date, role) {
                    Ok(_) => vec![],
                    Err(errors) => errors.iter().map(|e| e.field).collect(),
                };
            assert_eq!(&fields, expected, "{partnership:?} {date:?} {role:?}");
        }
        let trimmed =
            AssessmentDetails::validate("  Anytown CPP ", "2026-11-23", " Officer ").unwrap();
        assert_eq!(trimmed.partnership, "Anytown CPP");
        assert_eq!(trimmed.assessor_role, "Officer");
    }

    #[test]
    fn long_and_short_dates() {
        for (iso, long, short) in [
            ("2026-11-23", "23 November 2026", "23 Nov 2026"),
            ("2024-02-29", "29 February 2024", "29 Feb 2024"),
            ("2026-05-01", "1 May 2026", "1 May 2026"),
            ("2026-13-01", "2026-13-01", "2026-13-01"),
            ("", "", ""),
        ] {
            assert_eq!(long_date(iso), long, "{iso}");
            assert_eq!(short_date(iso), short, "{iso}");
        }
    }

    #[test]
    fn principle_status_follows_answers() {
        let q = questionnaire(&[2, 1]);
        let mut a = Assessment::new("a".into(), &q, details(), "t".into());
        let p1 = &q.principles[0];
        assert_eq!(a.principle_status(p1), TaskStatus::NotStarted);
        a.set_note("p1-1", "evidence only");
        assert_eq!(a.principle_status(p1), TaskStatus::InProgress);
        assert_eq!(a.resume_point(p1).map(|e| e.id.as_str()), Some("p1-1"));
        a.set_rating("p1-1", Rating::Level(3));
        assert_eq!(a.resume_point(p1).map(|e| e.id.as_str()), Some("p1-2"));
        a.set_rating("p1-2", Rating::DontKnow);
        assert_eq!(a.principle_status(p1), TaskStatus::Completed);
        assert_eq!(a.resume_point(p1).map(|e| e.id.as_str()), Some("p1-1"));
        assert_eq!(a.answered_count(&q), 2);
        assert!(!a.is_complete(&q));
        assert_eq!(a.first_unanswered(&q).map(|e| e.id.as_str()), Some("p2-1"));
        assert_eq!(
            a.response("p1-1").map(|r| r.note.as_str()),
            Some("evidence only")
        );
    }

    #[test]
    fn clearing_a_lone_note_removes_the_response() {
        let q = questionnaire(&[1]);
        let mut a = Assessment::new("a".into(), &q, details(), "t".into());
        a.set_note("p1-1", "x");
        a.set_note("p1-1", "");
        assert!(a.responses.is_empty());
        assert_eq!(a.principle_status(&q.principles[0]), TaskStatus::NotStarted);
    }
}
