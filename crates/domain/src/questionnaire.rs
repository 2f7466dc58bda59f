//! The checked questionnaire model: principles, expectations, prompts, suggested actions
//! and the rating scale.
//!
//! A `Questionnaire` is only ever built by `cpp_format::questionnaire_file` (through its
//! checker, by `parse` or `parse_known`), which guarantees unique ids, non-empty texts and
//! a valid scale.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::rating::Rating;

#[derive(Debug, Clone, PartialEq)]
pub struct Questionnaire {
    pub id: String,
    pub version: String,
    pub title: String,
    pub summary: String,
    pub source: Source,
    pub scale: Scale,
    pub principles: Vec<Principle>,
    /// Built by the first lookup of an expectation by id.
    pub index: ExpectationIndex,
}

/// Where each expectation is (its principle's place and its own, from 0), so looking
/// expectations up by id in a loop over thousands of them is not quadratic. Built the
/// first time one is looked up. Every hit is checked against the principles themselves,
/// so a questionnaire changed after that (only tests change one) still answers correctly.
#[derive(Default, Clone)]
pub struct ExpectationIndex(OnceLock<BTreeMap<String, (usize, usize)>>);

/// Only the principles say what a questionnaire is; the index follows from them.
impl PartialEq for ExpectationIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for ExpectationIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ExpectationIndex")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub title: String,
    pub publisher: String,
    pub licence: String,
    pub attribution: String,
    pub guidance_reference: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Principle {
    pub id: String,
    pub title: String,
    pub expectations: Vec<Expectation>,
}

/// How a questionnaire's `guidance_reference` begins when it cites the statutory guidance
/// on community planning.
pub const STATUTORY_GUIDANCE: &str = "Statutory guidance";

#[derive(Debug, Clone, PartialEq)]
pub struct Expectation {
    pub id: String,
    pub statement: String,
    pub guidance_paragraphs: Vec<u32>,
    pub prompts: Vec<Prompt>,
    pub actions: Vec<SuggestedAction>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub question: String,
    pub evidence: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SuggestedAction {
    pub text: String,
    pub timescale: Timescale,
    /// The paragraph of the source the action rests on, where the source numbers them.
    pub guidance_paragraph: Option<u32>,
}

/// The LOIP planning horizons the guidance uses for improvement timescales.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timescale {
    Short,
    Medium,
    Long,
}

impl Timescale {
    pub const ALL: [Timescale; 3] = [Timescale::Short, Timescale::Medium, Timescale::Long];

    pub fn as_str(self) -> &'static str {
        match self {
            Timescale::Short => "short",
            Timescale::Medium => "medium",
            Timescale::Long => "long",
        }
    }

    pub fn parse(text: &str) -> Option<Timescale> {
        Timescale::ALL.into_iter().find(|t| t.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            Timescale::Short => "Short term (1 year)",
            Timescale::Medium => "Medium term (3 years)",
            Timescale::Long => "Long term (10 years)",
        }
    }
}

/// An ordered rating scale. Levels are stored highest first, as they are shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub id: String,
    pub name: String,
    pub levels: Vec<ScaleLevel>,
    pub dont_know: DontKnowOption,
    /// The level a partnership should reach; expectations scoring below it are
    /// areas for improvement.
    pub target: u8,
    /// The question asked above the scale, worded for it ("How far do you agree…").
    pub question: String,
}

/// The question above an evaluative scale, for a questionnaire that does not word its own.
pub const DEFAULT_RATING_QUESTION: &str = "How well does your partnership meet this expectation?";

#[derive(Debug, Clone, PartialEq)]
pub struct ScaleLevel {
    pub value: u8,
    pub label: String,
    pub descriptor: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DontKnowOption {
    pub label: String,
    pub descriptor: String,
}

impl Scale {
    pub fn min_value(&self) -> u8 {
        self.levels.iter().map(|l| l.value).min().unwrap_or(0)
    }

    pub fn max_value(&self) -> u8 {
        self.levels.iter().map(|l| l.value).max().unwrap_or(0)
    }

    pub fn level(&self, value: u8) -> Option<&ScaleLevel> {
        self.levels.iter().find(|l| l.value == value)
    }

    /// The label of the level a (possibly fractional) score rounds to, for plain-English
    /// summaries such as "3.6 (Good)".
    pub fn nearest_label(&self, score: f64) -> &str {
        self.levels
            .iter()
            .min_by(|a, b| {
                let da = (f64::from(a.value) - score).abs();
                let db = (f64::from(b.value) - score).abs();
                // Ties round up, matching ordinary rounding of .5.
                da.total_cmp(&db).then(b.value.cmp(&a.value))
            })
            .map(|l| l.label.as_str())
            .unwrap_or("")
    }
}

impl Questionnaire {
    /// Why a rating cannot belong to this questionnaire, if it cannot: the expectation is
    /// not one of its, or the level is not on its scale.
    pub fn rating_problem(&self, expectation_id: &str, rating: Rating) -> Option<String> {
        if self.expectation(expectation_id).is_none() {
            return Some(format!(
                "it rates \"{expectation_id}\", which is not an expectation of {} version {}",
                self.title, self.version
            ));
        }
        match rating {
            Rating::Level(value) if self.scale.level(value).is_none() => Some(format!(
                "its rating {value} for \"{expectation_id}\" is not on the {} ({} to {})",
                self.scale.name.to_lowercase(),
                self.scale.min_value(),
                self.scale.max_value()
            )),
            _ => None,
        }
    }

    /// Where an expectation comes from, e.g. "Statutory guidance, Part 2 section A,
    /// paragraphs 3, 5", or the source's reference alone when it has no numbered paragraphs.
    pub fn guidance_reference(&self, paragraphs: &[u32]) -> String {
        let source = &self.source.guidance_reference;
        if paragraphs.is_empty() {
            return source.clone();
        }
        let list: Vec<String> = paragraphs.iter().map(u32::to_string).collect();
        format!(
            "{source}, paragraph{} {}",
            if list.len() == 1 { "" } else { "s" },
            list.join(", ")
        )
    }

    /// Whether its paragraph numbers are the statutory guidance's, so the guidance's
    /// paragraph digests apply to them.
    pub fn cites_statutory_guidance(&self) -> bool {
        self.source
            .guidance_reference
            .starts_with(STATUTORY_GUIDANCE)
    }

    pub fn expectations(&self) -> impl Iterator<Item = &Expectation> {
        self.principles.iter().flat_map(|p| p.expectations.iter())
    }

    pub fn expectation_count(&self) -> usize {
        self.expectations().count()
    }

    pub fn expectation(&self, id: &str) -> Option<&Expectation> {
        self.locate(id)
            .map(|(p, e)| &self.principles[p].expectations[e])
    }

    /// The places (from 0) of an expectation's principle and of the expectation in it.
    fn locate(&self, id: &str) -> Option<(usize, usize)> {
        let index = self.index.0.get_or_init(|| {
            self.principles
                .iter()
                .enumerate()
                .flat_map(|(p, principle)| {
                    principle
                        .expectations
                        .iter()
                        .enumerate()
                        .map(move |(e, expectation)| (expectation.id.clone(), (p, e)))
                })
                .collect()
        });
        let at = |&(p, e): &(usize, usize)| {
            self.principles
                .get(p)
                .and_then(|principle| principle.expectations.get(e))
                .is_some_and(|expectation| expectation.id == id)
        };
        match index.get(id) {
            Some(place) if at(place) => Some(*place),
            // Not one of its expectations, or the principles changed after indexing.
            _ => self
                .principles
                .iter()
                .enumerate()
                .find_map(|(p, principle)| {
                    principle
                        .expectations
                        .iter()
                        .position(|e| e.id == id)
                        .map(|e| (p, e))
                }),
        }
    }

    pub fn principle(&self, id: &str) -> Option<&Principle> {
        self.principles.iter().find(|p| p.id == id)
    }

    /// The principle an expectation belongs to.
    pub fn principle_of(&self, expectation_id: &str) -> Option<&Principle> {
        self.locate(expectation_id)
            .map(|(p, _)| &self.principles[p])
    }

    /// The expectation after this one in questionnaire order, across principles.
    pub fn next_expectation(&self, expectation_id: &str) -> Option<&Expectation> {
        let (p, e) = self.locate(expectation_id)?;
        self.principles[p].expectations.get(e + 1).or_else(|| {
            self.principles[p + 1..]
                .iter()
                .find_map(|later| later.expectations.first())
        })
    }

    /// The expectation before this one in questionnaire order, across principles.
    pub fn previous_expectation(&self, expectation_id: &str) -> Option<&Expectation> {
        let (p, e) = self.locate(expectation_id)?;
        match e.checked_sub(1) {
            Some(before) => self.principles[p].expectations.get(before),
            None => self.principles[..p]
                .iter()
                .rev()
                .find_map(|earlier| earlier.expectations.last()),
        }
    }

    /// "2.3": the expectation's number, its principle's and its own, both from 1.
    pub fn number_of(&self, expectation_id: &str) -> String {
        self.position_of(expectation_id)
            .map(|(p, e)| format!("{p}.{e}"))
            .unwrap_or_default()
    }

    /// "Good (4)" for a rating, the scale's "Don't know" text, or "Not answered".
    pub fn rating_label(&self, rating: Option<Rating>) -> String {
        match rating {
            Some(Rating::Level(value)) => self
                .scale
                .level(value)
                .map(|l| format!("{} ({value})", l.label))
                .unwrap_or_else(|| value.to_string()),
            Some(Rating::DontKnow) => self.scale.dont_know.label.clone(),
            None => "Not answered".into(),
        }
    }

    /// "3.6 (Good)" for a mean score, or "No score" when nothing was rated.
    pub fn score_label(&self, mean: Option<f64>) -> String {
        match mean {
            Some(mean) => format!("{mean:.1} ({})", self.scale.nearest_label(mean)),
            None => "No score".into(),
        }
    }

    /// "Principle 3, expectation 2" style position, both counted from 1.
    pub fn position_of(&self, expectation_id: &str) -> Option<(usize, usize)> {
        self.locate(expectation_id).map(|(p, e)| (p + 1, e + 1))
    }
}

/// Small questionnaires for the tests of this crate and the crates above it.
#[cfg(any(test, feature = "test-support"))]
pub mod test_support {
    use super::*;

    /// A small questionnaire for tests: principles with the given number of expectations,
    /// on a 1–6 scale with target 4.
    pub fn questionnaire(shape: &[usize]) -> Questionnaire {
        let principles = shape
            .iter()
            .enumerate()
            .map(|(pi, &count)| Principle {
                id: format!("p{}", pi + 1),
                title: format!("Principle {}", pi + 1),
                expectations: (0..count)
                    .map(|ei| Expectation {
                        id: format!("p{}-{}", pi + 1, ei + 1),
                        statement: format!("Statement {}.{}", pi + 1, ei + 1),
                        guidance_paragraphs: vec![1],
                        prompts: vec![Prompt {
                            question: "What would show this?".into(),
                            evidence: vec!["Minutes".into()],
                        }],
                        actions: vec![
                            SuggestedAction {
                                text: format!("Action A for {}.{}", pi + 1, ei + 1),
                                timescale: Timescale::Short,
                                guidance_paragraph: Some(1),
                            },
                            SuggestedAction {
                                text: format!("Action B for {}.{}", pi + 1, ei + 1),
                                timescale: Timescale::Medium,
                                guidance_paragraph: Some(2),
                            },
                        ],
                    })
                    .collect(),
            })
            .collect();
        Questionnaire {
            index: ExpectationIndex::default(),
            id: "test".into(),
            version: "1.0.0".into(),
            title: "Test questionnaire".into(),
            summary: "For tests".into(),
            source: Source {
                title: "Source".into(),
                publisher: "Publisher".into(),
                licence: "Licence".into(),
                attribution: "Attribution".into(),
                guidance_reference: "Reference".into(),
            },
            scale: Scale {
                id: "six".into(),
                name: "Six-point".into(),
                levels: (1..=6)
                    .rev()
                    .map(|v| ScaleLevel {
                        value: v,
                        label: format!("Level {v}"),
                        descriptor: format!("Descriptor {v}"),
                    })
                    .collect(),
                dont_know: DontKnowOption {
                    label: "Don't know".into(),
                    descriptor: "Not enough evidence".into(),
                },
                target: 4,
                question: DEFAULT_RATING_QUESTION.into(),
            },
            principles,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::questionnaire;
    use super::{Expectation, Questionnaire};
    use crate::rating::Rating;
    use proptest::prelude::*;

    /// An expectation's id, its principle's id, the ids before and after it, its number.
    type Found = (String, String, Option<String>, Option<String>, String);

    /// The lookups by id as the order of the principles defines them, one scan each.
    fn scanned(q: &Questionnaire) -> Vec<Found> {
        let all: Vec<&Expectation> = q.expectations().collect();
        let mut rows = Vec::new();
        for (p, principle) in q.principles.iter().enumerate() {
            for (e, expectation) in principle.expectations.iter().enumerate() {
                let flat = all.iter().position(|x| x.id == expectation.id).unwrap();
                rows.push((
                    expectation.id.clone(),
                    principle.id.clone(),
                    flat.checked_sub(1).map(|i| all[i].id.clone()),
                    all.get(flat + 1).map(|x| x.id.clone()),
                    format!("{}.{}", p + 1, e + 1),
                ));
            }
        }
        rows
    }

    fn looked_up(q: &Questionnaire) -> Vec<Found> {
        q.expectations()
            .map(|e| {
                assert_eq!(q.expectation(&e.id).map(|x| &x.id), Some(&e.id));
                (
                    e.id.clone(),
                    q.principle_of(&e.id).unwrap().id.clone(),
                    q.previous_expectation(&e.id).map(|x| x.id.clone()),
                    q.next_expectation(&e.id).map(|x| x.id.clone()),
                    q.number_of(&e.id),
                )
            })
            .collect()
    }

    proptest! {
        /// Lookups by id (through the index) agree with scanning the principles, for any
        /// shape, an empty principle included, and still after the principles change.
        #[test]
        fn lookups_by_id_agree_with_the_principles(shape in prop::collection::vec(0usize..5, 1..6), drop in 0usize..20) {
            let mut q = questionnaire(&shape);
            prop_assert_eq!(looked_up(&q), scanned(&q));
            prop_assert!(q.expectation("not-an-expectation").is_none());
            // A change after the index was built: one expectation taken out.
            let ids: Vec<String> = q.expectations().map(|e| e.id.clone()).collect();
            if let Some(gone) = ids.get(drop % ids.len().max(1)) {
                for principle in &mut q.principles {
                    principle.expectations.retain(|e| &e.id != gone);
                }
                prop_assert!(q.expectation(gone).is_none());
                prop_assert_eq!(looked_up(&q), scanned(&q));
            }
        }
    }

    #[test]
    fn guidance_references_name_the_source_and_paragraphs() {
        let q = questionnaire(&[1]);
        let cases: [(&[u32], &str); 3] = [
            (&[], "Reference"),
            (&[7], "Reference, paragraph 7"),
            (&[3, 5], "Reference, paragraphs 3, 5"),
        ];
        for (paragraphs, expected) in cases {
            assert_eq!(q.guidance_reference(paragraphs), expected);
        }
    }

    #[test]
    fn navigation_crosses_principle_boundaries() {
        let q = questionnaire(&[2, 1]);
        assert_eq!(
            q.next_expectation("p1-2").map(|e| e.id.as_str()),
            Some("p2-1")
        );
        assert_eq!(
            q.previous_expectation("p2-1").map(|e| e.id.as_str()),
            Some("p1-2")
        );
        assert!(q.next_expectation("p2-1").is_none());
        assert!(q.previous_expectation("p1-1").is_none());
        assert_eq!(q.position_of("p2-1"), Some((2, 1)));
        assert_eq!(q.principle_of("p1-2").map(|p| p.id.as_str()), Some("p1"));
    }

    #[test]
    fn labels() {
        let q = questionnaire(&[2, 3]);
        assert_eq!(q.number_of("p2-3"), "2.3");
        assert_eq!(q.number_of("nope"), "");
        assert_eq!(q.rating_label(Some(Rating::Level(4))), "Level 4 (4)");
        assert_eq!(q.rating_label(Some(Rating::DontKnow)), "Don't know");
        assert_eq!(q.rating_label(None), "Not answered");
        assert_eq!(q.score_label(Some(3.64)), "3.6 (Level 4)");
        assert_eq!(q.score_label(None), "No score");
    }

    #[test]
    fn nearest_label_rounds_half_up() {
        let q = questionnaire(&[1]);
        for (score, label) in [
            (3.49, "Level 3"),
            (3.5, "Level 4"),
            (6.0, "Level 6"),
            (1.2, "Level 1"),
        ] {
            assert_eq!(q.scale.nearest_label(score), label, "score {score}");
        }
    }
}
