//! The quiz file format (`cpp-quiz`, JSON, documented in `questionnaires/README.md`): raw
//! serde types, and validation of them into the checked `domain::quiz` model.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use super::checked_json::{parse_checked, parse_trusted, Checker, FileError};
use cpp_domain::quiz::{
    AnswerError, Question, QuestionKind, Quiz, QuizAttempt, QuizOption, QuizProgress, QuizSource,
    Reference, Topic,
};

pub const FORMAT_NAME: &str = "cpp-quiz";
pub const FORMAT_VERSION: u32 = 1;

/// The id of the quiz that ships with the app, known without reading the bank, so the start
/// page and stored progress do not need it (the bank loads with the quiz pages).
pub const BUNDLED_ID: &str = "understanding-community-planning";

/// How many questions it has, for the start page, for the same reason.
pub const BUNDLED_QUESTION_COUNT: usize = 40;

/// The quiz that ships with the app.
pub const BUNDLED: &str =
    include_str!("../../../questionnaires/understanding-community-planning.quiz.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuiz {
    format: String,
    format_version: u32,
    id: String,
    version: String,
    title: String,
    summary: String,
    sources: Vec<RawSource>,
    topics: Vec<RawTopic>,
    questions: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: String,
    title: String,
    publisher: String,
    #[serde(default)]
    url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    id: String,
    title: String,
    summary: String,
    references: Vec<RawReference>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReference {
    source: String,
    location: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawKind {
    SingleChoice,
    MultipleChoice,
    TrueFalse,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    topic: String,
    #[serde(rename = "type")]
    kind: RawKind,
    question: String,
    #[serde(default)]
    options: Option<Vec<RawOption>>,
    #[serde(default)]
    answer: Option<bool>,
    explanation: String,
    source: RawReference,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    id: String,
    text: String,
    correct: bool,
}

/// Parses and validates a quiz file.
pub fn parse(text: &str) -> Result<Quiz, FileError> {
    parse_checked(text, Checker::quiz)
}

/// The bundled quiz. It is validated by tests, so a failure here means a broken build;
/// it is still reported rather than panicking.
pub fn bundled() -> Result<Quiz, FileError> {
    parse_trusted(BUNDLED, Checker::quiz)
}

/// Far more attempts than anyone makes; a longer history is refused.
const MAX_ATTEMPTS: usize = 10_000;

/// The one check of a member's quiz progress, from this browser's storage or a backup: for
/// this quiz, naming only its questions (each once) and their options, with marks the quiz
/// can give. An attempt at another version of the quiz is dropped, as the quiz pages do.
pub fn check_progress(progress: QuizProgress, quiz: &Quiz) -> Result<QuizProgress, String> {
    if progress.quiz_id != quiz.id {
        return Err(format!(
            "it is progress with a quiz this tool does not have ({})",
            progress.quiz_id
        ));
    }
    if super::record::timestamp(&progress.updated_at).is_none() {
        return Err("its time of last change is not a real time".into());
    }
    let progress = progress.for_version_of(quiz);
    if let Some(attempt) = &progress.current {
        let mut asked = BTreeSet::new();
        for id in &attempt.order {
            if quiz.question(id).is_none() || !asked.insert(id.as_str()) {
                return Err(format!(
                    "its attempt names the question \"{id}\" more than once, or one the quiz does not have"
                ));
            }
        }
        // Each answer goes through the quiz's own rules again, as if the member gave it now.
        let mut replay = QuizAttempt {
            order: attempt.order.clone(),
            answers: BTreeMap::new(),
            started_at: String::new(),
        };
        for (id, chosen) in &attempt.answers {
            replay
                .answer(quiz, id, chosen.clone())
                .map_err(|problem| match problem {
                    AnswerError::UnknownQuestion | AnswerError::AlreadyAnswered => {
                        format!("it answers \"{id}\", which its attempt does not ask")
                    }
                    AnswerError::NothingChosen | AnswerError::NotAnOption => {
                        format!("its answer to \"{id}\" is not one the question allows")
                    }
                })?;
        }
    }
    if progress.finished.len() > MAX_ATTEMPTS {
        return Err(format!("it lists more than {MAX_ATTEMPTS} attempts"));
    }
    if progress
        .finished
        .iter()
        .any(|f| f.correct > f.total || f.total > quiz.questions.len())
    {
        return Err("it holds a mark this quiz cannot give".into());
    }
    Ok(progress)
}

impl Checker {
    fn quiz(&mut self, raw: RawQuiz) -> Quiz {
        if raw.format != FORMAT_NAME {
            self.problem("format", format!("must be \"{FORMAT_NAME}\""));
        }
        if raw.format_version != FORMAT_VERSION {
            self.problem(
                "format_version",
                format!("this app reads format version {FORMAT_VERSION}"),
            );
        }
        let id = self.identifier("id", raw.id);
        let version = self.text("version", raw.version);
        let title = self.text("title", raw.title);
        let summary = self.text("summary", raw.summary);
        let sources: Vec<QuizSource> = raw
            .sources
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let path = format!("sources[{i}]");
                QuizSource {
                    id: self.unique_identifier(&format!("{path}.id"), s.id),
                    title: self.text(&format!("{path}.title"), s.title),
                    publisher: self.text(&format!("{path}.publisher"), s.publisher),
                    url: s
                        .url
                        .map(|url| self.web_address(&format!("{path}.url"), url)),
                }
            })
            .collect();
        let source_ids: BTreeSet<String> = sources.iter().map(|s| s.id.clone()).collect();
        let topics: Vec<Topic> = raw
            .topics
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                let path = format!("topics[{i}]");
                if t.references.is_empty() {
                    self.problem(
                        &format!("{path}.references"),
                        "must list at least one place to read more",
                    );
                }
                Topic {
                    id: self.unique_identifier(&format!("{path}.id"), t.id),
                    title: self.text(&format!("{path}.title"), t.title),
                    summary: self.text(&format!("{path}.summary"), t.summary),
                    references: t
                        .references
                        .into_iter()
                        .enumerate()
                        .map(|(j, r)| {
                            self.reference(&format!("{path}.references[{j}]"), r, &source_ids)
                        })
                        .collect(),
                }
            })
            .collect();
        let topic_ids: BTreeSet<String> = topics.iter().map(|t| t.id.clone()).collect();
        if raw.questions.is_empty() {
            self.problem("questions", "must list at least one question");
        }
        let questions: Vec<Question> = raw
            .questions
            .into_iter()
            .enumerate()
            .map(|(i, q)| self.question(&format!("questions[{i}]"), q, &topic_ids, &source_ids))
            .collect();
        for (i, topic) in topics.iter().enumerate() {
            if !questions.iter().any(|q| q.topic == topic.id) {
                self.problem(&format!("topics[{i}]"), "no question is on this topic");
            }
        }
        Quiz {
            id,
            version,
            title,
            summary,
            sources,
            topics,
            questions,
        }
    }

    fn web_address(&mut self, path: &str, url: String) -> String {
        if !url.starts_with("https://") {
            self.problem(path, "must be a web address starting https://");
        }
        url
    }

    fn reference(
        &mut self,
        path: &str,
        raw: RawReference,
        source_ids: &BTreeSet<String>,
    ) -> Reference {
        if !source_ids.contains(&raw.source) {
            self.problem(
                &format!("{path}.source"),
                format!("\"{}\" is not the id of one of the sources", raw.source),
            );
        }
        Reference {
            source: raw.source,
            location: self.text(&format!("{path}.location"), raw.location),
        }
    }

    fn question(
        &mut self,
        path: &str,
        raw: RawQuestion,
        topic_ids: &BTreeSet<String>,
        source_ids: &BTreeSet<String>,
    ) -> Question {
        let id = self.unique_identifier(&format!("{path}.id"), raw.id);
        if !topic_ids.contains(&raw.topic) {
            self.problem(
                &format!("{path}.topic"),
                format!("\"{}\" is not the id of one of the topics", raw.topic),
            );
        }
        let kind = match raw.kind {
            RawKind::SingleChoice => QuestionKind::SingleChoice,
            RawKind::MultipleChoice => QuestionKind::MultipleChoice,
            RawKind::TrueFalse => QuestionKind::TrueFalse,
        };
        let options = self.options(path, kind, raw.options, raw.answer);
        Question {
            id,
            topic: raw.topic,
            kind,
            text: self.text(&format!("{path}.question"), raw.question),
            options,
            explanation: self.text(&format!("{path}.explanation"), raw.explanation),
            source: self.reference(&format!("{path}.source"), raw.source, source_ids),
        }
    }

    /// A true/false question becomes the two options "True" and "False"; a choice question's
    /// options are checked for a sensible number of right answers.
    fn options(
        &mut self,
        path: &str,
        kind: QuestionKind,
        raw: Option<Vec<RawOption>>,
        answer: Option<bool>,
    ) -> Vec<QuizOption> {
        if kind == QuestionKind::TrueFalse {
            if raw.is_some() {
                self.problem(
                    &format!("{path}.options"),
                    "a true_false question has no options: remove them and give \"answer\"",
                );
            }
            let Some(answer) = answer else {
                self.problem(
                    &format!("{path}.answer"),
                    "a true_false question needs \"answer\": true or false",
                );
                return Vec::new();
            };
            return [("true", "True", answer), ("false", "False", !answer)]
                .into_iter()
                .map(|(id, text, correct)| QuizOption {
                    id: id.into(),
                    text: text.into(),
                    correct,
                })
                .collect();
        }
        if answer.is_some() {
            self.problem(
                &format!("{path}.answer"),
                "only a true_false question has \"answer\": mark the right options with \"correct\": true",
            );
        }
        let Some(raw) = raw else {
            self.problem(
                &format!("{path}.options"),
                "a choice question needs options",
            );
            return Vec::new();
        };
        let mut ids = BTreeSet::new();
        let options: Vec<QuizOption> = raw
            .into_iter()
            .enumerate()
            .map(|(i, option)| {
                let option_path = format!("{path}.options[{i}]");
                let id = self.identifier(&format!("{option_path}.id"), option.id);
                if !ids.insert(id.clone()) {
                    self.problem(
                        &format!("{option_path}.id"),
                        format!("the option id \"{id}\" is used more than once in this question"),
                    );
                }
                QuizOption {
                    id,
                    text: self.text(&format!("{option_path}.text"), option.text),
                    correct: option.correct,
                }
            })
            .collect();
        let correct = options.iter().filter(|o| o.correct).count();
        let problem = match kind {
            _ if options.len() < 2 => Some("must list at least two options"),
            QuestionKind::SingleChoice if correct != 1 => {
                Some("a single_choice question must have exactly one option with \"correct\": true")
            }
            QuestionKind::MultipleChoice if correct == 0 => Some(
                "a multiple_choice question must have at least one option with \"correct\": true",
            ),
            QuestionKind::MultipleChoice if correct == options.len() => {
                Some("a multiple_choice question needs at least one wrong option")
            }
            _ => None,
        };
        if let Some(message) = problem {
            self.problem(&format!("{path}.options"), message);
        }
        options
    }
}
