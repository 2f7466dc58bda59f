//! The app's shared state as a typed context: the questionnaires, the saved assessments,
//! the current route and whether the last save reached the device's storage.
//!
//! Every change to an assessment goes through `AppState::update_assessment`, which saves
//! it at once, so there is no separate "save" step to forget.

use leptos::prelude::*;

use crate::domain::assessment::{Assessment, AssessmentDetails};
use crate::domain::questionnaire::Questionnaire;
use crate::format::browser_storage::BrowserStore;
use crate::format::questionnaire_file;
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
    pub questionnaires: StoredValue<Vec<Questionnaire>>,
    pub assessments: RwSignal<Vec<Assessment>>,
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
        let mut assessments = Vec::new();
        let mut save_status = SaveStatus::Idle;
        match open_store().and_then(|s| store::load_all(&s, &browser::now_iso())) {
            Ok(report) => {
                assessments = report.assessments;
                if !report.set_aside.is_empty() {
                    load_problems.push(format!(
                        "{} saved assessment(s) could not be read. They have been kept on this device, set aside, and were not deleted.",
                        report.set_aside.len()
                    ));
                }
                if !report.from_newer_version.is_empty() {
                    load_problems.push(format!(
                        "{} saved assessment(s) were made with a newer version of this tool and are not shown. Open the newer version to see them.",
                        report.from_newer_version.len()
                    ));
                }
            }
            Err(error) => {
                load_problems.push(format!(
                    "{error}. You can still use it, but download a backup file before you close the page."
                ));
                save_status = SaveStatus::Failed(error.to_string());
            }
        }
        let state = AppState {
            questionnaires: StoredValue::new(questionnaires),
            assessments: RwSignal::new(assessments),
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
        self.questionnaires.with_value(|list| {
            list.iter()
                .find(|q| q.id == id && q.version == version)
                .or_else(|| list.iter().find(|q| q.id == id))
                .cloned()
        })
    }

    pub fn default_questionnaire(&self) -> Option<Questionnaire> {
        self.questionnaires.with_value(|list| list.first().cloned())
    }

    /// The assessment with this id, tracked.
    pub fn assessment(&self, id: &str) -> Option<Assessment> {
        self.assessments
            .with(|list| list.iter().find(|a| a.id == id).cloned())
    }

    pub fn create_assessment(
        &self,
        questionnaire: &Questionnaire,
        details: AssessmentDetails,
    ) -> String {
        let id = browser::new_id();
        let assessment = Assessment::new(id.clone(), questionnaire, details, browser::now_iso());
        self.persist(&assessment);
        self.assessments.update(|list| list.insert(0, assessment));
        id
    }

    /// Changes an assessment and saves it on this device.
    pub fn update_assessment(&self, id: &str, change: impl FnOnce(&mut Assessment)) {
        let mut changed = None;
        self.assessments.update(|list| {
            if let Some(assessment) = list.iter_mut().find(|a| a.id == id) {
                change(assessment);
                assessment.updated_at = browser::now_iso();
                changed = Some(assessment.clone());
            }
        });
        if let Some(assessment) = changed {
            self.persist(&assessment);
        }
    }

    pub fn delete_assessment(&self, id: &str) -> Result<(), StorageError> {
        open_store().and_then(|s| store::delete(&s, id))?;
        self.assessments.update(|list| list.retain(|a| a.id != id));
        Ok(())
    }

    fn persist(&self, assessment: &Assessment) {
        let status = match open_store().and_then(|s| store::save(&s, assessment)) {
            Ok(()) => SaveStatus::Saved(browser::local_time_hh_mm()),
            Err(error) => SaveStatus::Failed(error.to_string()),
        };
        self.save_status.set(status);
    }
}
