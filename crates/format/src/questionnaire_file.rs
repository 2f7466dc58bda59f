//! The questionnaire file format (JSON, documented in `questionnaires/README.md`):
//! raw serde types, and validation of them into the checked `domain::questionnaire` model.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::checked_json::{parse_checked, parse_trusted, Checker, FileError};
use super::record::{updated_at_accessors, Migration, Record};

use cpp_domain::questionnaire::{
    DontKnowOption, Expectation, Principle, Prompt, Questionnaire, Scale, ScaleLevel, Source,
    SuggestedAction, Timescale, DEFAULT_RATING_QUESTION,
};
use cpp_domain::sorting::sort_by_key;

pub const FORMAT_NAME: &str = "cpp-questionnaire";
pub const FORMAT_VERSION: u32 = 1;

/// The questionnaires that ship with the app, embedded at build time.
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "principles-of-effective-community-planning.json",
        include_str!("../../../questionnaires/principles-of-effective-community-planning.json"),
    ),
    (
        "board-member-checklist.json",
        include_str!("../../../questionnaires/board-member-checklist.json"),
    ),
    (
        "statutory-plans-checklist.json",
        include_str!("../../../questionnaires/statutory-plans-checklist.json"),
    ),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestionnaire {
    format: String,
    format_version: u32,
    id: String,
    version: String,
    title: String,
    summary: String,
    source: RawSource,
    scale: RawScale,
    principles: Vec<RawPrinciple>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    title: String,
    publisher: String,
    licence: String,
    attribution: String,
    guidance_reference: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    id: String,
    name: String,
    levels: Vec<RawLevel>,
    dont_know: RawDontKnow,
    target: u8,
    /// The question above the scale; the evaluative one when left out.
    #[serde(default)]
    question: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    value: u8,
    label: String,
    descriptor: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDontKnow {
    label: String,
    descriptor: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrinciple {
    id: String,
    title: String,
    expectations: Vec<RawExpectation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExpectation {
    id: String,
    statement: String,
    guidance_paragraphs: Vec<u32>,
    prompts: Vec<RawPrompt>,
    actions: Vec<RawAction>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrompt {
    question: String,
    evidence: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAction {
    text: String,
    timescale: String,
    #[serde(default)]
    guidance_paragraph: Option<u32>,
}

/// What the app offers for writing a questionnaire, by the name each downloads as. Only
/// the writing aids' code chunk (`ui::extras`) holds their text.
pub const WRITING_AIDS: &[(&str, &str)] = &[
    (
        "questionnaire-template.json",
        include_str!("../../../questionnaires/examples/template.json"),
    ),
    (
        "questionnaire-worked-example.json",
        include_str!("../../../questionnaires/examples/worked-example.json"),
    ),
    (
        "questionnaire-format-guide.md",
        include_str!("../../../questionnaires/README.md"),
    ),
];

/// Parses and validates a questionnaire file a person has chosen, naming each problem's
/// field and line.
pub fn parse(text: &str) -> Result<Questionnaire, FileError> {
    parse_checked(text, Checker::questionnaire)
}

/// Parses a questionnaire file that passed [`parse`] before (bundled, or stored after
/// loading), with the same rules.
pub fn parse_known(text: &str) -> Result<Questionnaire, FileError> {
    parse_trusted(text, Checker::questionnaire)
}

/// How many expectations the national questionnaire (the first bundled one) has, for the
/// start page, which does not read the questionnaires.
pub const NATIONAL_EXPECTATION_COUNT: usize = 33;

/// The bundled questionnaires, parsed. They are validated by tests, so a failure here
/// means a broken build; it is still reported rather than panicking.
pub fn bundled() -> Result<Vec<Questionnaire>, (String, FileError)> {
    BUNDLED
        .iter()
        .map(|(name, text)| parse_known(text).map_err(|e| (name.to_string(), e)))
        .collect()
}

impl Checker {
    fn questionnaire(&mut self, raw: RawQuestionnaire) -> Questionnaire {
        if raw.format != FORMAT_NAME {
            self.problem("format", format!("must be \"{FORMAT_NAME}\""));
        }
        if raw.format_version > FORMAT_VERSION {
            self.problem(
                "format_version",
                format!(
                    "this file needs a newer version of the app (format version {}, this app reads up to {FORMAT_VERSION})",
                    raw.format_version
                ),
            );
        } else if raw.format_version == 0 {
            self.problem("format_version", "must be 1 or more");
        }
        let id = self.identifier("id", raw.id);
        let version = self.text("version", raw.version);
        let title = self.text("title", raw.title);
        let summary = self.text("summary", raw.summary);
        let source = Source {
            title: self.text("source.title", raw.source.title),
            publisher: self.text("source.publisher", raw.source.publisher),
            licence: self.text("source.licence", raw.source.licence),
            attribution: self.text("source.attribution", raw.source.attribution),
            guidance_reference: self
                .text("source.guidance_reference", raw.source.guidance_reference),
        };
        let scale = self.scale(raw.scale);
        if raw.principles.is_empty() {
            self.problem("principles", "must list at least one principle");
        }
        let principles = raw
            .principles
            .into_iter()
            .enumerate()
            .map(|(i, p)| self.principle(&format!("principles[{i}]"), p))
            .collect();
        Questionnaire {
            id,
            version,
            title,
            summary,
            source,
            scale,
            principles,
            index: Default::default(),
        }
    }

    fn scale(&mut self, raw: RawScale) -> Scale {
        let id = self.identifier("scale.id", raw.id);
        let name = self.text("scale.name", raw.name);
        if raw.levels.len() < 2 {
            self.problem("scale.levels", "must list at least two levels");
        }
        let mut seen = BTreeSet::new();
        let mut levels: Vec<ScaleLevel> = Vec::new();
        for (i, level) in raw.levels.into_iter().enumerate() {
            let path = format!("scale.levels[{i}]");
            if level.value == 0 || level.value > 10 {
                self.problem(
                    &format!("{path}.value"),
                    format!(
                        "{} is out of range: use a whole number from 1 to 10",
                        level.value
                    ),
                );
            }
            if !seen.insert(level.value) {
                self.problem(
                    &format!("{path}.value"),
                    format!("the value {} is used by more than one level", level.value),
                );
            }
            levels.push(ScaleLevel {
                value: level.value,
                label: self.text(&format!("{path}.label"), level.label),
                descriptor: self.text(&format!("{path}.descriptor"), level.descriptor),
            });
        }
        sort_by_key(&mut levels, |level| std::cmp::Reverse(level.value));
        if !seen.contains(&raw.target) {
            self.problem(
                "scale.target",
                format!("{} is not one of the scale's level values", raw.target),
            );
        }
        let dont_know = DontKnowOption {
            label: self.text("scale.dont_know.label", raw.dont_know.label),
            descriptor: self.text("scale.dont_know.descriptor", raw.dont_know.descriptor),
        };
        let question = match raw.question {
            Some(question) => self.text("scale.question", question),
            None => DEFAULT_RATING_QUESTION.to_owned(),
        };
        Scale {
            id,
            name,
            levels,
            dont_know,
            target: raw.target,
            question,
        }
    }

    fn principle(&mut self, path: &str, raw: RawPrinciple) -> Principle {
        let id = self.unique_identifier(&format!("{path}.id"), raw.id);
        let title = self.text(&format!("{path}.title"), raw.title);
        if raw.expectations.is_empty() {
            self.problem(
                &format!("{path}.expectations"),
                "must list at least one expectation",
            );
        }
        let expectations = raw
            .expectations
            .into_iter()
            .enumerate()
            .map(|(i, e)| self.expectation(&format!("{path}.expectations[{i}]"), e))
            .collect();
        Principle {
            id,
            title,
            expectations,
        }
    }

    fn expectation(&mut self, path: &str, raw: RawExpectation) -> Expectation {
        let id = self.unique_identifier(&format!("{path}.id"), raw.id);
        let statement = self.text(&format!("{path}.statement"), raw.statement);
        if raw.guidance_paragraphs.contains(&0) {
            self.problem(
                &format!("{path}.guidance_paragraphs"),
                "paragraph numbers start at 1",
            );
        }
        if raw.prompts.is_empty() {
            self.problem(&format!("{path}.prompts"), "must list at least one prompt");
        }
        let prompts = raw
            .prompts
            .into_iter()
            .enumerate()
            .map(|(i, prompt)| {
                let prompt_path = format!("{path}.prompts[{i}]");
                Prompt {
                    question: self.text(&format!("{prompt_path}.question"), prompt.question),
                    evidence: prompt
                        .evidence
                        .into_iter()
                        .enumerate()
                        .map(|(j, item)| self.text(&format!("{prompt_path}.evidence[{j}]"), item))
                        .collect(),
                }
            })
            .collect();
        if raw.actions.is_empty() {
            self.problem(
                &format!("{path}.actions"),
                "must list at least one improvement action",
            );
        }
        let actions = raw
            .actions
            .into_iter()
            .enumerate()
            .filter_map(|(i, action)| self.action(&format!("{path}.actions[{i}]"), action))
            .collect();
        Expectation {
            id,
            statement,
            guidance_paragraphs: raw.guidance_paragraphs,
            prompts,
            actions,
        }
    }

    fn action(&mut self, path: &str, raw: RawAction) -> Option<SuggestedAction> {
        let text = self.text(&format!("{path}.text"), raw.text);
        if raw.guidance_paragraph == Some(0) {
            self.problem(
                &format!("{path}.guidance_paragraph"),
                "paragraph numbers start at 1",
            );
        }
        let Some(timescale) = Timescale::parse(&raw.timescale) else {
            self.problem(
                &format!("{path}.timescale"),
                format!(
                    "\"{}\" is not a timescale: use short, medium or long",
                    raw.timescale
                ),
            );
            return None;
        };
        Some(SuggestedAction {
            text,
            timescale,
            guidance_paragraph: raw.guidance_paragraph,
        })
    }
}

/// A questionnaire a partnership loaded from its own file, kept on the device as the file's
/// text so it is validated again, by the same rules, every time the app starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadedQuestionnaire {
    /// `<questionnaire id>@<version>`: one stored copy per version.
    pub id: String,
    pub file_name: String,
    pub text: String,
    pub loaded_at: String,
    pub updated_at: String,
}

impl LoadedQuestionnaire {
    pub fn storage_id(questionnaire: &Questionnaire) -> String {
        format!("{}@{}", questionnaire.id, questionnaire.version)
    }
}

impl Record for LoadedQuestionnaire {
    const FORMAT_NAME: &'static str = "cpp-self-assessment.questionnaire";
    const SCHEMA_VERSION: u32 = 1;
    const KIND: &'static str = "questionnaire";
    const NOUN: &'static str = "questionnaire";
    const FILE_SUFFIX: &'static str = "questionnaire";
    const MIGRATIONS: &'static [Migration] = &[];

    fn id(&self) -> &str {
        &self.id
    }
    updated_at_accessors!();
    fn partnership(&self) -> &str {
        &self.id
    }
    fn questionnaire(&self) -> (&str, &str) {
        self.id.split_once('@').unwrap_or((&self.id, ""))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum LoadProblem {
    /// The file breaks the format's rules.
    Invalid(FileError),
    /// The same questionnaire, word for word, is already available.
    AlreadyLoaded { title: String, version: String },
    /// Another questionnaire already has this id and version but different content.
    VersionTaken { title: String, version: String },
}

impl fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadProblem::Invalid(error) => write!(f, "{error}"),
            LoadProblem::AlreadyLoaded { title, version } => write!(
                f,
                "\u{201c}{title}\u{201d} version {version} is already available in this browser, so nothing was changed"
            ),
            LoadProblem::VersionTaken { title, version } => write!(
                f,
                "\u{201c}{title}\u{201d} version {version} is already available with different content. Results record the id and version, so give your changed file a new \"version\" (for example, add \"-local\") and load it again"
            ),
        }
    }
}

/// Checks a questionnaire file a person wants to load against the ones already available.
pub fn check_new(text: &str, available: &[Questionnaire]) -> Result<Questionnaire, LoadProblem> {
    let questionnaire = parse(text).map_err(LoadProblem::Invalid)?;
    check_not_available(questionnaire, available)
}

/// Refuses a valid questionnaire whose id and version are already available.
fn check_not_available(
    questionnaire: Questionnaire,
    available: &[Questionnaire],
) -> Result<Questionnaire, LoadProblem> {
    match available
        .iter()
        .find(|q| q.id == questionnaire.id && q.version == questionnaire.version)
    {
        Some(existing) if *existing == questionnaire => Err(LoadProblem::AlreadyLoaded {
            title: existing.title.clone(),
            version: existing.version.clone(),
        }),
        Some(existing) => Err(LoadProblem::VersionTaken {
            title: existing.title.clone(),
            version: existing.version.clone(),
        }),
        None => Ok(questionnaire),
    }
}
