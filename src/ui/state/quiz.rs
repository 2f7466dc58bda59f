//! The bundled quiz and the member's progress with it, each read the first time a quiz page
//! asks, so the quiz bank and its checker load with those pages rather than the start page.

use leptos::prelude::*;

use cpp_domain::quiz::{Quiz, QuizProgress};
use cpp_format::quiz_file;
use cpp_format::record::Record;

use super::notices::Notices;
use super::read_only::{OnDemand, ReadOnly};
use super::saving::Saving;
use crate::ui::browser;

#[derive(Clone, Copy)]
pub struct QuizState {
    quiz: StoredValue<Option<Quiz>>,
    /// The member's progress with the bundled quiz on this device; once the quiz is read, as
    /// it applies to the quiz's current version.
    progress: OnDemand<Option<QuizProgress>>,
    /// Whether the progress as last read from storage has been through the quiz's checker;
    /// false again after another tab's change, so a re-read is checked too.
    checked: StoredValue<bool>,
    saving: Saving,
    notices: Notices,
}

impl QuizState {
    pub(super) fn new(saving: Saving, notices: Notices) -> QuizState {
        QuizState {
            quiz: StoredValue::new(None),
            progress: OnDemand::new(),
            checked: StoredValue::new(false),
            saving,
            notices,
        }
    }

    /// The member's quiz progress, read from storage the first time a page asks.
    pub fn progress(&self) -> ReadOnly<Option<QuizProgress>> {
        ReadOnly::of(self.progress_signal())
    }

    fn progress_signal(&self) -> RwSignal<Option<QuizProgress>> {
        self.progress.get_or_read(|| {
            // Checked against the quiz by `quiz`, which every quiz page calls first: the
            // checker and the quiz load with those pages, not with the start page.
            let (stored, problems) = self.saving.load_later::<QuizProgress>(Ok);
            self.notices.report_load_problems(problems);
            let stored = stored
                .into_iter()
                .find(|progress| progress.quiz_id == quiz_file::BUNDLED_ID)?;
            Some(self.quiz.with_value(|quiz| match quiz {
                Some(quiz) => stored.for_version_of(quiz),
                None => stored,
            }))
        })
    }

    /// Quiz progress as the quiz's checker leaves it; progress the checker refuses is set
    /// aside, kept but no longer used, and the member is told.
    fn checked_progress(&self, quiz: &Quiz, progress: QuizProgress) -> Option<QuizProgress> {
        let reason = match quiz_file::check_progress(progress, quiz) {
            Ok(progress) => return Some(progress),
            Err(reason) => reason,
        };
        let problem = Saving::set_aside_refused::<QuizProgress>(
            quiz_file::BUNDLED_ID,
            &format!("Your saved quiz progress cannot be used: {reason}"),
        );
        self.notices.report_load_problems(vec![problem]);
        None
    }

    /// The bundled quiz, read the first time it is asked for; `None` if it cannot be read.
    pub fn quiz(&self) -> Option<Quiz> {
        let quiz = match self.quiz.get_value() {
            Some(quiz) => quiz,
            None => {
                let quiz = quiz_file::bundled().ok()?;
                self.quiz.set_value(Some(quiz.clone()));
                quiz
            }
        };
        // The member's progress is checked against the quiz whenever it has been read from
        // storage since the last check: at the first quiz page, and after another tab's
        // change. From then on it applies to the quiz's current version.
        if !self.checked.get_value() {
            self.checked.set_value(true);
            let progress = self.progress_signal();
            if let Some(stored) = progress.get_untracked() {
                match self.checked_progress(&quiz, stored) {
                    Some(checked) => progress.update_untracked(|p| *p = Some(checked)),
                    // Anything already showing the refused progress is told it is gone.
                    None => progress.set(None),
                }
            }
        }
        Some(quiz)
    }

    /// Changes the member's quiz progress, starting it if need be, and saves it.
    pub fn update_progress(&self, change: impl FnOnce(&Quiz, &mut QuizProgress)) {
        let Some(quiz) = self.quiz() else {
            return;
        };
        let mut progress = self
            .progress()
            .get_untracked()
            .unwrap_or_else(|| QuizProgress::new(&quiz, browser::now_iso()));
        change(&quiz, &mut progress);
        progress.set_updated_at(browser::now_iso());
        self.saving.persist(&progress);
        self.progress.set(Some(progress));
    }

    /// Progress restored from a backup, checked against the quiz when the backup was read.
    pub(super) fn restored(&self, progress: QuizProgress) {
        self.saving.persist(&progress);
        self.progress.set(Some(progress));
    }

    /// Progress is read (and checked) again when next asked for, after another tab's change.
    pub(super) fn stale(&self) {
        self.checked.set_value(false);
        self.progress.stale();
    }

    pub(super) fn forget(&self) {
        self.progress.set(None);
    }
}
