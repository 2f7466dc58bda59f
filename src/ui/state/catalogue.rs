//! The questionnaires available in this browser as pages see them: the built-in ones, read
//! the first time a page asks (so their files and checker load with the pages that use
//! them), then those loaded from files, which are kept as records. Which version a record
//! or collation uses is `cpp_format::catalogue`'s rule.

use leptos::prelude::*;

use cpp_domain::questionnaire::Questionnaire;
use cpp_format::catalogue;
use cpp_format::questionnaire_file::{self, LoadedQuestionnaire};
use cpp_format::records::Records;
use cpp_format::store::StorageError;

use super::notices::Notices;
use super::read_only::{OnDemand, ReadOnly};
use super::record_list::RecordList;
use crate::ui::browser;

#[derive(Clone, Copy)]
pub struct Catalogue {
    /// The built-in questionnaires, then those loaded from files that still read correctly.
    available: OnDemand<Vec<Questionnaire>>,
    /// The questionnaires that ship with the app, parsed once, when first needed.
    built_in: StoredValue<Option<Vec<Questionnaire>>>,
    /// The files behind the loaded questionnaires.
    loaded: RecordList<LoadedQuestionnaire>,
    notices: Notices,
}

impl Catalogue {
    pub(super) fn new(loaded: RecordList<LoadedQuestionnaire>, notices: Notices) -> Catalogue {
        Catalogue {
            available: OnDemand::new(),
            built_in: StoredValue::new(None),
            loaded,
            notices,
        }
    }

    /// The files of the questionnaires loaded in this browser.
    pub fn loaded(&self) -> ReadOnly<Records<LoadedQuestionnaire>> {
        self.loaded.all()
    }

    /// The questionnaires that ship with the app, read the first time they are needed.
    pub fn built_in(&self) -> Vec<Questionnaire> {
        if let Some(list) = self.built_in.get_value() {
            return list;
        }
        let list = questionnaire_file::bundled().unwrap_or_else(|(name, error)| {
            self.notices.report_load_problems(vec![format!(
                "The questionnaire {name} could not be read: {error}"
            )]);
            Vec::new()
        });
        self.built_in.set_value(Some(list.clone()));
        list
    }

    /// The available questionnaires: the built-in ones, then those loaded from files that
    /// still read correctly (any that do not are described in the load problems; their
    /// files are kept). They are read here the first time a page asks.
    pub fn all(&self) -> ReadOnly<Vec<Questionnaire>> {
        ReadOnly::of(self.available())
    }

    fn available(&self) -> RwSignal<Vec<Questionnaire>> {
        self.available.get_or_read(|| {
            let (list, problems) = self
                .loaded
                .all()
                .with_untracked(|loaded| catalogue::available(self.built_in(), loaded));
            self.notices.report_load_problems(problems);
            list
        })
    }

    /// The questionnaire a record answering this id and version opens with, by the rule in
    /// `catalogue::version_for`.
    pub fn version_for(&self, id: &str, version: &str) -> Option<Questionnaire> {
        self.available()
            .with_untracked(|list| catalogue::version_for(list, id, version).cloned())
    }

    /// The version of the questionnaire with this id to collate by
    /// (`catalogue::latest_version`), tracked.
    pub fn latest_version(&self, id: &str) -> Option<Questionnaire> {
        self.available()
            .with(|list| catalogue::latest_version(list, id).cloned())
    }

    /// The questionnaire a new assessment or session offers first.
    pub fn default(&self) -> Option<Questionnaire> {
        self.available()
            .with_untracked(|list| list.first().cloned())
    }

    /// Makes a questionnaire read from a file available, and keeps the file on this device.
    pub fn add(&self, questionnaire: Questionnaire, file_name: String, text: String) {
        let now = browser::now_iso();
        self.add_loaded(
            LoadedQuestionnaire {
                id: LoadedQuestionnaire::storage_id(&questionnaire),
                file_name,
                text,
                loaded_at: now.clone(),
                updated_at: now,
            },
            questionnaire,
        );
    }

    /// Makes a questionnaire available with the file it was read from (chosen, or restored
    /// from a backup), and keeps the file.
    pub(super) fn add_loaded(&self, loaded: LoadedQuestionnaire, questionnaire: Questionnaire) {
        let available = self.available();
        self.loaded.upsert(loaded);
        available.update(|list| list.push(questionnaire));
    }

    /// Removes a loaded questionnaire. Callers check first that nothing uses it.
    pub fn delete(&self, storage_id: &str) -> Result<(), StorageError> {
        let available = self.available();
        self.loaded.delete(storage_id)?;
        available.update(|list| list.retain(|q| LoadedQuestionnaire::storage_id(q) != storage_id));
        Ok(())
    }

    /// Shows the loaded files another tab left stored; the list is read again when next
    /// asked for.
    pub(super) fn reread(&self, loaded: Vec<LoadedQuestionnaire>) {
        self.loaded.replace_all(loaded);
        self.available.stale();
    }

    /// Back to the built-in questionnaires only, after everything was deleted.
    pub(super) fn forget_loaded(&self) {
        self.loaded.replace_all(Vec::new());
        self.available.set(self.built_in());
    }
}
