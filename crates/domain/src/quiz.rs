//! "Test your understanding": the checked quiz model, a member's attempt at it, marking,
//! and the topics to revisit.
//!
//! A `Quiz` is only built by `cpp_format::quiz_file` (through its checker), which
//! guarantees that every question has at least one correct option, an explanation and a
//! source, and that every topic and source it names exists. True/false questions are held
//! as two-option single choices, so marking treats every question the same way.

use std::collections::{BTreeMap, BTreeSet};

use super::sorting::sort_by;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq)]
pub struct Quiz {
    pub id: String,
    pub version: String,
    pub title: String,
    pub summary: String,
    pub sources: Vec<QuizSource>,
    pub topics: Vec<Topic>,
    pub questions: Vec<Question>,
}

/// A document the questions rest on.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizSource {
    pub id: String,
    pub title: String,
    pub publisher: String,
    /// Where to read it online; the quiz itself never needs it.
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    pub id: String,
    pub title: String,
    /// What a member should know, in the project's own words.
    pub summary: String,
    pub references: Vec<Reference>,
}

/// A place in a source document: `location` is a section or paragraph of `source`.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub source: String,
    pub location: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionKind {
    SingleChoice,
    MultipleChoice,
    TrueFalse,
}

impl QuestionKind {
    /// Whether a member picks exactly one option.
    pub fn is_single(self) -> bool {
        self != QuestionKind::MultipleChoice
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub id: String,
    pub topic: String,
    pub kind: QuestionKind,
    pub text: String,
    pub options: Vec<QuizOption>,
    pub explanation: String,
    pub source: Reference,
}

/// What a member did with one option of a question, once it is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionVerdict {
    RightAndChosen,
    RightButMissed,
    WrongButChosen,
    WrongAndLeft,
}

impl OptionVerdict {
    /// In words, for the feedback beside the option.
    pub fn describe(self) -> &'static str {
        match self {
            OptionVerdict::RightAndChosen => "Right, and you chose it",
            OptionVerdict::RightButMissed => "Right, but you did not choose it",
            OptionVerdict::WrongButChosen => "Not right, but you chose it",
            OptionVerdict::WrongAndLeft => "Not right, and you left it",
        }
    }

    pub fn is_right_call(self) -> bool {
        matches!(
            self,
            OptionVerdict::RightAndChosen | OptionVerdict::WrongAndLeft
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuizOption {
    pub id: String,
    pub text: String,
    pub correct: bool,
}

impl Question {
    pub fn correct_options(&self) -> impl Iterator<Item = &QuizOption> {
        self.options.iter().filter(|o| o.correct)
    }

    /// Each option with what the member did with it, in the question's order.
    pub fn verdicts<'a>(
        &'a self,
        chosen: &'a [String],
    ) -> impl Iterator<Item = (&'a QuizOption, OptionVerdict)> + 'a {
        self.options.iter().map(move |option| {
            let picked = chosen.contains(&option.id);
            let verdict = match (option.correct, picked) {
                (true, true) => OptionVerdict::RightAndChosen,
                (true, false) => OptionVerdict::RightButMissed,
                (false, true) => OptionVerdict::WrongButChosen,
                (false, false) => OptionVerdict::WrongAndLeft,
            };
            (option, verdict)
        })
    }

    /// Right only when the member chose every correct option and nothing else.
    pub fn is_answered_correctly(&self, chosen: &[String]) -> bool {
        let chosen: BTreeSet<&str> = chosen.iter().map(String::as_str).collect();
        let correct: BTreeSet<&str> = self.correct_options().map(|o| o.id.as_str()).collect();
        chosen == correct
    }
}

impl Quiz {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    pub fn source(&self, id: &str) -> Option<&QuizSource> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// "Statutory guidance, Part 2 section B, paragraph 130": a reference as it is shown.
    pub fn cite(&self, reference: &Reference) -> String {
        let title = self
            .source(&reference.source)
            .map(|s| s.title.as_str())
            .unwrap_or(&reference.source);
        format!("{title}, {}", reference.location)
    }

    /// Every question once, in an order that depends only on `seed`, so a retake can be
    /// shuffled and a saved attempt replayed in the same order.
    pub fn shuffled_order(&self, seed: u64) -> Vec<String> {
        let mut order: Vec<String> = self.questions.iter().map(|q| q.id.clone()).collect();
        fastrand::Rng::with_seed(seed).shuffle(&mut order);
        order
    }

    /// Starts an attempt over every question, in a shuffled order.
    pub fn start_attempt(&self, seed: u64, now: String) -> QuizAttempt {
        QuizAttempt {
            order: self.shuffled_order(seed),
            answers: BTreeMap::new(),
            started_at: now,
        }
    }
}

/// One run through the quiz. An answer, once checked, is final: the member has seen the
/// explanation, so changing it would not test anything.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizAttempt {
    /// Question ids in the order they are asked.
    pub order: Vec<String>,
    /// The options chosen for each answered question.
    pub answers: BTreeMap<String, Vec<String>>,
    pub started_at: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AnswerError {
    NothingChosen,
    AlreadyAnswered,
    UnknownQuestion,
    /// A single-answer question given more than one option, or an option it does not have.
    NotAnOption,
}

impl QuizAttempt {
    /// Records the member's answer to a question in this attempt and says whether it was
    /// right.
    pub fn answer(
        &mut self,
        quiz: &Quiz,
        question_id: &str,
        chosen: Vec<String>,
    ) -> Result<bool, AnswerError> {
        let question = quiz
            .question(question_id)
            .filter(|_| self.order.iter().any(|id| id == question_id))
            .ok_or(AnswerError::UnknownQuestion)?;
        if self.answers.contains_key(question_id) {
            return Err(AnswerError::AlreadyAnswered);
        }
        if chosen.is_empty() {
            return Err(AnswerError::NothingChosen);
        }
        let known = chosen
            .iter()
            .all(|c| question.options.iter().any(|o| &o.id == c));
        if !known || (question.kind.is_single() && chosen.len() > 1) {
            return Err(AnswerError::NotAnOption);
        }
        let correct = question.is_answered_correctly(&chosen);
        self.answers.insert(question_id.to_owned(), chosen);
        Ok(correct)
    }

    /// The first question not yet answered, in the attempt's order.
    pub fn next_unanswered(&self) -> Option<&str> {
        self.order
            .iter()
            .map(String::as_str)
            .find(|id| !self.answers.contains_key(*id))
    }

    /// The 1-based position of a question in this attempt.
    pub fn position_of(&self, question_id: &str) -> Option<usize> {
        self.order
            .iter()
            .position(|id| id == question_id)
            .map(|i| i + 1)
    }

    pub fn is_finished(&self) -> bool {
        self.next_unanswered().is_none()
    }

    /// Every answered question in the order asked, with the options chosen and whether the
    /// answer was right: the member's review of the attempt.
    pub fn review<'a>(&'a self, quiz: &'a Quiz) -> Vec<AnswerReview<'a>> {
        self.order
            .iter()
            .filter_map(|id| {
                let chosen = self.answers.get(id)?;
                let question = quiz.question(id)?;
                Some(AnswerReview {
                    question,
                    chosen: question
                        .options
                        .iter()
                        .filter(|o| chosen.contains(&o.id))
                        .collect(),
                    right: question.is_answered_correctly(chosen),
                })
            })
            .collect()
    }

    /// The mark so far, and how the member did in each topic, weakest topic first.
    pub fn result(&self, quiz: &Quiz) -> QuizResult {
        let mut by_topic: BTreeMap<&str, TopicResult> = BTreeMap::new();
        let mut correct = 0;
        for (question_id, chosen) in &self.answers {
            let Some(question) = quiz.question(question_id) else {
                continue;
            };
            let right = question.is_answered_correctly(chosen);
            correct += usize::from(right);
            let topic = by_topic
                .entry(question.topic.as_str())
                .or_insert_with(|| TopicResult {
                    topic_id: question.topic.clone(),
                    correct: 0,
                    answered: 0,
                });
            topic.answered += 1;
            topic.correct += usize::from(right);
        }
        let mut topics: Vec<TopicResult> = by_topic.into_values().collect();
        // Weakest first: the smallest share right, compared without division.
        sort_by(&mut topics, |a, b| {
            (a.correct * b.answered)
                .cmp(&(b.correct * a.answered))
                .then_with(|| a.topic_id.cmp(&b.topic_id))
        });
        QuizResult {
            correct,
            answered: self.answers.len(),
            total: self.order.len(),
            topics,
        }
    }
}

/// One answered question as the member's review shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerReview<'a> {
    pub question: &'a Question,
    /// The options the member chose, in the question's order.
    pub chosen: Vec<&'a QuizOption>,
    pub right: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QuizResult {
    pub correct: usize,
    pub answered: usize,
    pub total: usize,
    /// Every topic answered in, weakest first.
    pub topics: Vec<TopicResult>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TopicResult {
    pub topic_id: String,
    pub correct: usize,
    pub answered: usize,
}

impl TopicResult {
    pub fn needs_revisiting(&self) -> bool {
        self.correct < self.answered
    }
}

impl QuizResult {
    pub fn topics_to_revisit(&self) -> impl Iterator<Item = &TopicResult> {
        self.topics.iter().filter(|t| t.needs_revisiting())
    }
}

/// A finished attempt's mark, kept so a member can see how they improve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FinishedAttempt {
    pub finished_at: String,
    pub correct: usize,
    pub total: usize,
}

/// A member's progress with one quiz on this device: the attempt under way, if any, and
/// the marks of earlier attempts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizProgress {
    pub quiz_id: String,
    pub quiz_version: String,
    pub current: Option<QuizAttempt>,
    pub finished: Vec<FinishedAttempt>,
    pub updated_at: String,
}

impl QuizProgress {
    pub fn new(quiz: &Quiz, now: String) -> QuizProgress {
        QuizProgress {
            quiz_id: quiz.id.clone(),
            quiz_version: quiz.version.clone(),
            current: None,
            finished: Vec::new(),
            updated_at: now,
        }
    }

    /// Starts a new attempt, first filing the current one's mark if it was finished.
    /// An unfinished attempt is replaced: the member chose to start again.
    pub fn start(&mut self, quiz: &Quiz, seed: u64, now: String) {
        self.file_finished(quiz, &now);
        self.quiz_version = quiz.version.clone();
        self.current = Some(quiz.start_attempt(seed, now));
    }

    /// This progress as it applies to `quiz`: an attempt made on another version of the
    /// quiz is dropped (its questions may have changed), but earlier marks are kept.
    pub fn for_version_of(mut self, quiz: &Quiz) -> QuizProgress {
        if self.quiz_version != quiz.version {
            // A correction of wording leaves an attempt under way as it was; one whose
            // questions or chosen options are gone starts again.
            let still_asked = |attempt: &QuizAttempt| {
                attempt.order.iter().all(|id| quiz.question(id).is_some())
                    && attempt.answers.iter().all(|(id, chosen)| {
                        quiz.question(id).is_some_and(|q| {
                            chosen.iter().all(|c| q.options.iter().any(|o| &o.id == c))
                        })
                    })
            };
            self.current = self.current.take().filter(still_asked);
            self.quiz_version = quiz.version.clone();
        }
        self
    }

    /// Moves a finished current attempt's mark into the history.
    pub fn file_finished(&mut self, quiz: &Quiz, now: &str) {
        if let Some(attempt) = self.current.take_if(|a| a.is_finished()) {
            let result = attempt.result(quiz);
            self.finished.push(FinishedAttempt {
                finished_at: now.to_owned(),
                correct: result.correct,
                total: result.total,
            });
        }
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// A quiz of `n` questions on two topics: odd-numbered ones single choice with "a"
    /// right, even-numbered ones multiple choice with "a" and "b" right.
    pub fn quiz(n: usize) -> Quiz {
        let questions = (1..=n)
            .map(|i| {
                let multiple = i % 2 == 0;
                Question {
                    id: format!("q{i}"),
                    topic: if i <= n / 2 { "first" } else { "second" }.into(),
                    kind: if multiple {
                        QuestionKind::MultipleChoice
                    } else {
                        QuestionKind::SingleChoice
                    },
                    text: format!("Question {i}"),
                    options: ["a", "b", "c"]
                        .iter()
                        .map(|id| QuizOption {
                            id: (*id).into(),
                            text: id.to_uppercase(),
                            correct: *id == "a" || (multiple && *id == "b"),
                        })
                        .collect(),
                    explanation: "Because.".into(),
                    source: Reference {
                        source: "guidance".into(),
                        location: "paragraph 1".into(),
                    },
                }
            })
            .collect();
        Quiz {
            id: "test-quiz".into(),
            version: "1".into(),
            title: "Test".into(),
            summary: "Test".into(),
            sources: vec![QuizSource {
                id: "guidance".into(),
                title: "Statutory guidance".into(),
                publisher: "Scottish Government".into(),
                url: None,
            }],
            topics: ["first", "second"]
                .iter()
                .map(|id| Topic {
                    id: (*id).into(),
                    title: id.to_uppercase(),
                    summary: "About it.".into(),
                    references: vec![],
                })
                .collect(),
            questions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::quiz;
    use super::*;
    use proptest::prelude::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn each_option_is_marked_right_or_wrong() {
        let q = quiz(2);
        let multiple = q.question("q2").unwrap();
        let table: [(&[&str], [OptionVerdict; 3]); 3] = [
            (
                &["a", "b"],
                [
                    OptionVerdict::RightAndChosen,
                    OptionVerdict::RightAndChosen,
                    OptionVerdict::WrongAndLeft,
                ],
            ),
            (
                &["a", "c"],
                [
                    OptionVerdict::RightAndChosen,
                    OptionVerdict::RightButMissed,
                    OptionVerdict::WrongButChosen,
                ],
            ),
            (
                &["c"],
                [
                    OptionVerdict::RightButMissed,
                    OptionVerdict::RightButMissed,
                    OptionVerdict::WrongButChosen,
                ],
            ),
        ];
        for (chosen, expected) in table {
            let chosen = ids(chosen);
            let verdicts: Vec<OptionVerdict> = multiple.verdicts(&chosen).map(|(_, v)| v).collect();
            assert_eq!(verdicts, expected, "{chosen:?}");
            assert_eq!(
                verdicts.iter().all(|v| v.is_right_call()),
                multiple.is_answered_correctly(&chosen),
                "every call right exactly when the answer is right"
            );
        }
    }

    #[test]
    fn the_review_lists_answered_questions_in_the_order_asked() {
        let q = quiz(4);
        let mut attempt = q.start_attempt(7, "t".into());
        let second = attempt.order[1].clone();
        let first = attempt.order[0].clone();
        attempt.answer(&q, &second, ids(&["c"])).unwrap();
        attempt.answer(&q, &first, ids(&["a"])).unwrap();
        let review = attempt.review(&q);
        let asked: Vec<&str> = review.iter().map(|r| r.question.id.as_str()).collect();
        assert_eq!(asked, [first.as_str(), second.as_str()]);
        assert!(review[0].right && !review[1].right);
        assert_eq!(
            review[1]
                .chosen
                .iter()
                .map(|o| o.text.as_str())
                .collect::<Vec<_>>(),
            ["C"]
        );
    }

    #[test]
    fn marking_needs_exactly_the_correct_options() {
        let q = quiz(2);
        let single = q.question("q1").unwrap();
        let multiple = q.question("q2").unwrap();
        let cases: [(&Question, &[&str], bool); 7] = [
            (single, &["a"], true),
            (single, &["b"], false),
            (multiple, &["a", "b"], true),
            (multiple, &["b", "a"], true),
            (multiple, &["a"], false),
            (multiple, &["a", "b", "c"], false),
            (multiple, &[], false),
        ];
        for (question, chosen, expected) in cases {
            assert_eq!(
                question.is_answered_correctly(&ids(chosen)),
                expected,
                "{} {chosen:?}",
                question.id
            );
        }
    }

    #[test]
    fn answers_are_checked_once_and_must_be_options_of_the_question() {
        let q = quiz(4);
        let mut attempt = q.start_attempt(7, "t".into());
        let cases: [(&str, &[&str], Result<bool, AnswerError>); 7] = [
            ("q1", &[], Err(AnswerError::NothingChosen)),
            ("q1", &["z"], Err(AnswerError::NotAnOption)),
            ("q1", &["a", "b"], Err(AnswerError::NotAnOption)),
            ("q9", &["a"], Err(AnswerError::UnknownQuestion)),
            ("q1", &["b"], Ok(false)),
            ("q1", &["a"], Err(AnswerError::AlreadyAnswered)),
            ("q2", &["a", "b"], Ok(true)),
        ];
        for (question, chosen, expected) in cases {
            assert_eq!(
                attempt.answer(&q, question, ids(chosen)),
                expected,
                "{question} {chosen:?}"
            );
        }
        assert_eq!(attempt.answers.len(), 2);
    }

    #[test]
    fn the_result_lists_weak_topics_first_and_only_those_with_a_mistake() {
        let q = quiz(4);
        let mut attempt = q.start_attempt(1, "t".into());
        // "first" holds q1 and q2; "second" q3 and q4.
        attempt.answer(&q, "q1", ids(&["a"])).unwrap();
        attempt.answer(&q, "q2", ids(&["a", "b"])).unwrap();
        attempt.answer(&q, "q3", ids(&["b"])).unwrap();
        attempt.answer(&q, "q4", ids(&["a", "b"])).unwrap();
        let result = attempt.result(&q);
        assert_eq!((result.correct, result.answered, result.total), (3, 4, 4));
        let order: Vec<&str> = result.topics.iter().map(|t| t.topic_id.as_str()).collect();
        assert_eq!(order, ["second", "first"]);
        let revisit: Vec<&str> = result
            .topics_to_revisit()
            .map(|t| t.topic_id.as_str())
            .collect();
        assert_eq!(revisit, ["second"]);
        assert!(attempt.is_finished());
    }

    #[test]
    fn starting_again_files_a_finished_attempt_but_not_an_unfinished_one() {
        let q = quiz(2);
        let mut progress = QuizProgress::new(&q, "t0".into());
        progress.start(&q, 1, "t1".into());
        progress.start(&q, 2, "t2".into());
        assert!(
            progress.finished.is_empty(),
            "an unfinished attempt was filed"
        );
        let attempt = progress.current.as_mut().unwrap();
        attempt.answer(&q, "q1", ids(&["a"])).unwrap();
        attempt.answer(&q, "q2", ids(&["c"])).unwrap();
        progress.start(&q, 3, "t3".into());
        assert_eq!(
            progress.finished,
            [FinishedAttempt {
                finished_at: "t3".into(),
                correct: 1,
                total: 2
            }]
        );
        assert!(progress.current.as_ref().unwrap().answers.is_empty());
    }

    #[test]
    fn an_attempt_carries_on_through_a_corrected_version_but_not_when_its_questions_go() {
        let q = quiz(2);
        let mut progress = QuizProgress::new(&q, "t0".into());
        progress.start(&q, 1, "t1".into());
        progress.finished.push(FinishedAttempt {
            finished_at: "t0".into(),
            correct: 1,
            total: 2,
        });
        let same = progress.clone().for_version_of(&q);
        assert_eq!(same, progress);
        let first = progress.current.as_ref().unwrap().order[0].clone();
        progress
            .current
            .as_mut()
            .unwrap()
            .answer(&q, &first, vec!["a".into()])
            .unwrap();
        let mut reworded = Quiz {
            version: "2".into(),
            ..q.clone()
        };
        reworded.questions[0].text = "Question 1, reworded".into();
        let carried = progress.clone().for_version_of(&reworded);
        assert_eq!(carried.current, progress.current, "the attempt carries on");
        assert_eq!(carried.quiz_version, "2");
        let mut shorter = reworded.clone();
        shorter.version = "3".into();
        shorter.questions.pop();
        let moved_on = progress.clone().for_version_of(&shorter);
        assert!(moved_on.current.is_none(), "a question it asks is gone");
        assert_eq!(moved_on.finished.len(), 1, "marks are kept");
        let mut fewer_options = reworded;
        fewer_options.version = "4".into();
        for question in &mut fewer_options.questions {
            question.options.retain(|o| o.id != "a");
        }
        assert!(
            progress.for_version_of(&fewer_options).current.is_none(),
            "an option chosen is gone"
        );
    }

    proptest! {
        #[test]
        fn every_order_asks_each_question_exactly_once(seed in any::<u64>(), n in 1usize..60) {
            let q = quiz(n);
            let mut order = q.shuffled_order(seed);
            prop_assert_eq!(order.clone(), q.shuffled_order(seed));
            order.sort();
            let mut expected: Vec<String> = q.questions.iter().map(|q| q.id.clone()).collect();
            expected.sort();
            prop_assert_eq!(order, expected);
        }

        #[test]
        fn the_mark_never_exceeds_the_questions_answered(
            seed in any::<u64>(),
            picks in proptest::collection::vec(proptest::sample::subsequence(vec!["a", "b", "c"], 1..=3), 10),
        ) {
            let q = quiz(10);
            let mut attempt = q.start_attempt(seed, "t".into());
            for (question, chosen) in q.questions.iter().zip(picks) {
                let _ = attempt.answer(&q, &question.id, ids(&chosen));
            }
            let result = attempt.result(&q);
            prop_assert!(result.correct <= result.answered);
            prop_assert!(result.answered <= result.total);
            let topic_total: usize = result.topics.iter().map(|t| t.answered).sum();
            prop_assert_eq!(topic_total, result.answered);
        }
    }
}
