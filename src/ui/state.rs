//! The app's shared state as a typed context: the questionnaires, the saved assessments and
//! board sessions, the current route and whether the last save reached the device.
//!
//! Every change to a record goes through `update_assessment` or `update_session`, which
//! save it at once, so there is no separate "save" step to forget.

use leptos::prelude::*;

use crate::domain::assessment::{Assessment, AssessmentDetails};
use crate::domain::questionnaire::Questionnaire;
use crate::domain::quiz::{Quiz, QuizProgress};
use crate::domain::session::{Session, SessionDetails};
use crate::format::adviser_file::Collection;
use crate::format::browser_storage::BrowserStore;
use crate::format::questionnaire_file::{self, LoadedQuestionnaire};
use crate::format::quiz_file;
use crate::format::record::Record;
use crate::format::store::{self, StorageError};

use super::browser;
use super::route::Route;

#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    /// Nothing has been written this visit.
    Idle,
    /// The last change was written; the local time it was written, `HH:MM`.
    Saved(String),
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct AppState {
    /// The questionnaires that ship with the app, then those loaded from files.
    pub questionnaires: RwSignal<Vec<Questionnaire>>,
    /// The files behind the loaded questionnaires.
    pub loaded_questionnaires: RwSignal<Vec<LoadedQuestionnaire>>,
    pub quiz: StoredValue<Option<Quiz>>,
    /// The member's progress with the quiz on this device.
    pub quiz_progress: RwSignal<Option<QuizProgress>>,
    pub assessments: RwSignal<Vec<Assessment>>,
    pub sessions: RwSignal<Vec<Session>>,
    /// An improvement adviser's collected files.
    pub collection: RwSignal<Collection>,
    pub route: RwSignal<Route>,
    pub save_status: RwSignal<SaveStatus>,
    /// A one-off success message for the next page, shown in a notification banner.
    pub notice: RwSignal<Option<String>>,
    /// Problems found when loading, shown on the start page.
    pub load_problems: RwSignal<Vec<String>>,
}

pub fn expect_app_state() -> AppState {
    expect_context::<AppState>()
}

fn open_store() -> Result<BrowserStore, StorageError> {
    BrowserStore::open().ok_or(StorageError::Unavailable)
}

/// Loads every stored record of one kind, describing anything set aside or refused.
fn load_records<T: Record>(problems: &mut Vec<String>) -> Result<Vec<T>, StorageError> {
    let report = store::load_all::<T>(&open_store()?, &browser::now_iso())?;
    if !report.set_aside.is_empty() {
        problems.push(format!(
            "{} saved {}(s) could not be read. They have been kept on this device, set aside, and were not deleted.",
            report.set_aside.len(),
            T::NOUN
        ));
    }
    if !report.from_newer_version.is_empty() {
        problems.push(format!(
            "{} saved {}(s) were made with a newer version of this tool and are not shown. Open the newer version to see them.",
            report.from_newer_version.len(),
            T::NOUN
        ));
    }
    Ok(report.records)
}

impl AppState {
    /// Loads everything and provides the state to the component tree.
    pub fn provide(initial_route: Route) -> AppState {
        let mut load_problems = Vec::new();
        let questionnaires = match questionnaire_file::bundled() {
            Ok(list) => list,
            Err((name, error)) => {
                load_problems.push(format!(
                    "The questionnaire {name} could not be read: {error}"
                ));
                Vec::new()
            }
        };
        let quiz = quiz_file::bundled()
            .inspect_err(|error| {
                load_problems.push(format!("The quiz could not be read: {error}"));
            })
            .ok();
        let mut save_status = SaveStatus::Idle;
        let loaded = load_records::<Assessment>(&mut load_problems).and_then(|assessments| {
            let sessions = load_records::<Session>(&mut load_problems)?;
            let collection = load_records::<Collection>(&mut load_problems)?
                .into_iter()
                .next()
                .unwrap_or_default();
            let loaded_questionnaires = load_records::<LoadedQuestionnaire>(&mut load_problems)?;
            let quiz_progress = load_records::<QuizProgress>(&mut load_problems)?;
            Ok((
                assessments,
                sessions,
                collection,
                loaded_questionnaires,
                quiz_progress,
            ))
        });
        let (assessments, sessions, collection, loaded_questionnaires, quiz_progress) = match loaded
        {
            Ok(records) => records,
            Err(error) => {
                load_problems.push(format!(
                    "{error}. You can still use it, but download a backup file before you close the page."
                ));
                save_status = SaveStatus::Failed(error.to_string());
                Default::default()
            }
        };
        let mut questionnaires = questionnaires;
        for loaded in &loaded_questionnaires {
            match questionnaire_file::parse(&loaded.text) {
                Ok(questionnaire) => questionnaires.push(questionnaire),
                Err(error) => load_problems.push(format!(
                    "The questionnaire loaded from {} can no longer be read, so it is not offered. It is still kept on this device. The problem: {error}",
                    loaded.file_name
                )),
            }
        }
        let quiz_progress = quiz.as_ref().and_then(|quiz| {
            quiz_progress
                .into_iter()
                .find(|progress| progress.quiz_id == quiz.id)
        });
        let state = AppState {
            questionnaires: RwSignal::new(questionnaires),
            loaded_questionnaires: RwSignal::new(loaded_questionnaires),
            quiz: StoredValue::new(quiz),
            quiz_progress: RwSignal::new(quiz_progress),
            assessments: RwSignal::new(assessments),
            sessions: RwSignal::new(sessions),
            collection: RwSignal::new(collection),
            route: RwSignal::new(initial_route),
            save_status: RwSignal::new(save_status),
            notice: RwSignal::new(None),
            load_problems: RwSignal::new(load_problems),
        };
        provide_context(state);
        state
    }

    pub fn navigate(&self, route: &Route) {
        browser::set_hash(&route.href());
    }

    pub fn questionnaire(&self, id: &str, version: &str) -> Option<Questionnaire> {
        self.questionnaires.with_untracked(|list| {
            list.iter()
                .find(|q| q.id == id && q.version == version)
                .or_else(|| list.iter().find(|q| q.id == id))
                .cloned()
        })
    }

    /// The version of the questionnaire with this id to collate by: the last one loaded from
    /// a file if any (loaded ones follow the built-in ones), else the built-in one.
    pub fn latest_questionnaire(&self, id: &str) -> Option<Questionnaire> {
        self.questionnaires
            .with(|list| list.iter().rev().find(|q| q.id == id).cloned())
    }

    pub fn default_questionnaire(&self) -> Option<Questionnaire> {
        self.questionnaires
            .with_untracked(|list| list.first().cloned())
    }

    /// Makes a questionnaire read from a file available, and keeps the file on this device.
    pub fn add_questionnaire(&self, questionnaire: Questionnaire, file_name: String, text: String) {
        let now = browser::now_iso();
        let loaded = LoadedQuestionnaire {
            id: LoadedQuestionnaire::storage_id(&questionnaire),
            file_name,
            text,
            loaded_at: now.clone(),
            updated_at: now,
        };
        self.persist(&loaded);
        self.loaded_questionnaires.update(|list| list.push(loaded));
        self.questionnaires.update(|list| list.push(questionnaire));
    }

    /// Removes a loaded questionnaire. Callers check first that nothing uses it.
    pub fn delete_questionnaire(&self, storage_id: &str) -> Result<(), StorageError> {
        self.delete(self.loaded_questionnaires, storage_id)?;
        self.questionnaires
            .update(|list| list.retain(|q| LoadedQuestionnaire::storage_id(q) != storage_id));
        Ok(())
    }

    /// Deletes every record this app keeps in this browser, and forgets them on the page.
    pub fn delete_everything(&self) -> Result<usize, StorageError> {
        let removed = open_store().and_then(|s| store::delete_everything(&s))?;
        self.assessments.set(Vec::new());
        self.sessions.set(Vec::new());
        self.collection.set(Collection::default());
        self.quiz_progress.set(None);
        self.loaded_questionnaires.set(Vec::new());
        self.questionnaires
            .set(questionnaire_file::bundled().unwrap_or_default());
        self.load_problems.set(Vec::new());
        self.save_status.set(SaveStatus::Idle);
        Ok(removed)
    }

    /// Changes the member's quiz progress, starting it if need be, and saves it.
    pub fn update_quiz_progress(&self, change: impl FnOnce(&Quiz, &mut QuizProgress)) {
        let Some(quiz) = self.quiz.get_value() else {
            return;
        };
        let mut progress = self
            .quiz_progress
            .get_untracked()
            .unwrap_or_else(|| QuizProgress::new(&quiz, browser::now_iso()));
        change(&quiz, &mut progress);
        progress.set_updated_at(browser::now_iso());
        self.persist(&progress);
        self.quiz_progress.set(Some(progress));
    }

    /// The assessment with this id, tracked.
    pub fn assessment(&self, id: &str) -> Option<Assessment> {
        self.assessments
            .with(|list| list.iter().find(|a| a.id == id).cloned())
    }

    /// The session with this id, tracked.
    pub fn session(&self, id: &str) -> Option<Session> {
        self.sessions
            .with(|list| list.iter().find(|s| s.id == id).cloned())
    }

    pub fn create_assessment(
        &self,
        questionnaire: &Questionnaire,
        details: AssessmentDetails,
    ) -> String {
        let assessment = Assessment::new(
            browser::new_id(),
            questionnaire,
            details,
            browser::now_iso(),
        );
        self.insert(self.assessments, assessment)
    }

    pub fn create_session(&self, questionnaire: &Questionnaire, details: SessionDetails) -> String {
        let session = Session::new(
            browser::new_id(),
            questionnaire,
            details,
            browser::now_iso(),
        );
        self.insert(self.sessions, session)
    }

    /// Changes an assessment and saves it on this device.
    pub fn update_assessment(&self, id: &str, change: impl FnOnce(&mut Assessment)) {
        self.update(self.assessments, id, change);
    }

    /// Changes a session and saves it on this device.
    pub fn update_session(&self, id: &str, change: impl FnOnce(&mut Session)) {
        self.update(self.sessions, id, change);
    }

    /// Changes the adviser's collection and saves it on this device.
    pub fn update_collection(&self, change: impl FnOnce(&mut Collection)) {
        let mut collection = self.collection.get_untracked();
        change(&mut collection);
        collection.set_updated_at(browser::now_iso());
        self.persist(&collection);
        self.collection.set(collection);
    }

    pub fn delete_assessment(&self, id: &str) -> Result<(), StorageError> {
        self.delete(self.assessments, id)
    }

    pub fn delete_session(&self, id: &str) -> Result<(), StorageError> {
        self.delete(self.sessions, id)
    }

    /// Adds a record read from a file; it replaces nothing, and is saved at once.
    pub fn add_session(&self, session: Session) -> String {
        self.insert(self.sessions, session)
    }

    fn insert<T: Record + Send + Sync + 'static>(
        &self,
        list: RwSignal<Vec<T>>,
        record: T,
    ) -> String {
        let id = record.id().to_owned();
        self.persist(&record);
        list.update(|list| list.insert(0, record));
        id
    }

    fn update<T: Record + Send + Sync + 'static>(
        &self,
        list: RwSignal<Vec<T>>,
        id: &str,
        change: impl FnOnce(&mut T),
    ) {
        let mut changed = None;
        list.update(|list| {
            if let Some(record) = list.iter_mut().find(|r| r.id() == id) {
                change(record);
                record.set_updated_at(browser::now_iso());
                changed = Some(record.clone());
            }
        });
        if let Some(record) = changed {
            self.persist(&record);
        }
    }

    fn delete<T: Record + Send + Sync + 'static>(
        &self,
        list: RwSignal<Vec<T>>,
        id: &str,
    ) -> Result<(), StorageError> {
        open_store().and_then(|s| store::delete::<T>(&s, id))?;
        list.update(|list| list.retain(|r| r.id() != id));
        Ok(())
    }

    fn persist<T: Record>(&self, record: &T) {
        let status = match open_store().and_then(|s| store::save(&s, record)) {
            Ok(()) => SaveStatus::Saved(browser::local_time_hh_mm()),
            Err(error) => SaveStatus::Failed(error.to_string()),
        };
        self.save_status.set(status);
    }
}
