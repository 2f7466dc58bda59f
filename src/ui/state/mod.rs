//! The app's shared state as a typed context, split by concern: a repository per record
//! kind (`RecordList`), the questionnaire catalogue, the quiz, the adviser's collection,
//! saving (`Saving`) and what the person is told (`Notices`). Pages get read-only signals;
//! every change goes through a method that saves it at once, so there is no "save" step to
//! forget. What is here besides is what spans them all: start-up, the backup and restore,
//! following another tab, and deleting everything.

mod catalogue;
mod collection;
mod notices;
mod quiz;
mod read_only;
mod record_list;
mod saving;

use leptos::prelude::*;

use cpp_domain::assessment::Assessment;
use cpp_domain::session::Session;
use cpp_format::adviser_file::Collection;
use cpp_format::backup::{self, Everything, RestoreReport};
use cpp_format::persistence::Persistence;
use cpp_format::store::StorageError;

pub use catalogue::Catalogue;
pub use collection::AdviserCollection;
pub use cpp_format::persistence::SaveStatus;
pub use notices::Notices;
pub use quiz::QuizState;
pub use read_only::ReadOnly;
pub use record_list::RecordList;
pub use saving::Saving;

use super::browser;
use super::route::Route;
use saving::with_store;

#[derive(Clone, Copy)]
pub struct AppState {
    pub assessments: RecordList<Assessment>,
    pub sessions: RecordList<Session>,
    pub catalogue: Catalogue,
    pub quiz: QuizState,
    pub collection: AdviserCollection,
    pub saving: Saving,
    pub notices: Notices,
    pub route: RwSignal<Route>,
    /// Counts the times another tab's changes were read in, so the page can be drawn again
    /// from them (text fields show what is stored, never this tab's old text).
    changes_from_elsewhere: RwSignal<u32>,
    /// When a backup of everything was last downloaded in this browser.
    last_backup: RwSignal<Option<String>>,
}

pub fn expect_app_state() -> AppState {
    expect_context::<AppState>()
}

impl AppState {
    /// Loads what the start page needs and provides the state to the component tree.
    pub fn provide(initial_route: Route) -> AppState {
        let mut persistence = Persistence::default();
        let loaded = with_store(|store| persistence.load_start(store, &browser::now_iso()));
        let saving = Saving::new(persistence);
        let notices = Notices::new(loaded.problems);
        let state = AppState {
            assessments: RecordList::new(loaded.assessments, saving),
            sessions: RecordList::new(loaded.sessions, saving),
            catalogue: Catalogue::new(
                RecordList::new(loaded.loaded_questionnaires, saving),
                notices,
            ),
            quiz: QuizState::new(saving, notices),
            collection: AdviserCollection::new(saving, notices),
            saving,
            notices,
            route: RwSignal::new(initial_route),
            changes_from_elsewhere: RwSignal::new(0),
            last_backup: RwSignal::new(Saving::last_backup()),
        };
        provide_context(state);
        saving.listen_to_the_page(Callback::new(move |()| state.reread()));
        state
    }

    pub fn changes_from_elsewhere(&self) -> ReadOnly<u32> {
        ReadOnly::of(self.changes_from_elsewhere)
    }

    pub fn last_backup(&self) -> ReadOnly<Option<String>> {
        ReadOnly::of(self.last_backup)
    }

    pub fn navigate(&self, route: &Route) {
        browser::set_hash(&route.href());
    }

    /// Everything this browser keeps, as it is on the page.
    fn everything(&self) -> Everything {
        let collection = self.collection.current().get_untracked();
        Everything {
            assessments: self.assessments.all().with_untracked(|list| list.to_vec()),
            sessions: self.sessions.all().with_untracked(|list| list.to_vec()),
            collection: (collection != Collection::default()).then_some(collection),
            questionnaires: self.catalogue.loaded().with_untracked(|list| list.to_vec()),
            quiz_progress: self.quiz.progress().get_untracked().into_iter().collect(),
        }
    }

    /// Offers the backup file of everything, and notes when, for the backup reminder.
    pub fn download_backup(&self) {
        let now = browser::now_iso();
        let text = backup::encode(&self.everything(), &now)
            .map(String::into_bytes)
            .map_err(|e| e.to_string());
        if self
            .notices
            .offer_file(&backup::file_name(&now), "application/json", text)
        {
            Saving::note_backup(&now);
            self.last_backup.set(Some(now));
        }
    }

    /// Adds what a backup (or single saved file) holds, by the restore rule
    /// (`backup::restore`): a record already here is replaced only by a newer copy.
    pub fn restore(&self, backup: Everything) -> RestoreReport {
        let here = self.everything();
        let restore = self
            .catalogue
            .all()
            .with_untracked(|available| backup::restore(&here, available, backup));
        for (loaded, questionnaire) in restore.questionnaires {
            self.catalogue.add_loaded(loaded, questionnaire);
        }
        for assessment in restore.assessments {
            self.assessments.upsert(assessment);
        }
        for session in restore.sessions {
            self.sessions.upsert(session);
        }
        if let Some(collection) = restore.collection {
            self.collection.restored(collection);
        }
        if let Some(progress) = restore.quiz_progress {
            self.quiz.restored(progress);
        }
        self.saving.flush();
        restore.report
    }

    /// Shows what is stored now, after another tab changed it; what pages read after start
    /// is read again when next asked for.
    fn reread(&self) {
        let Some(stored) = with_store(|store| Persistence::reread(store, &browser::now_iso()))
        else {
            return;
        };
        self.assessments.replace_all(stored.assessments);
        self.sessions.replace_all(stored.sessions);
        self.changes_from_elsewhere.update(|n| *n += 1);
        self.collection.stale();
        self.quiz.stale();
        self.catalogue.reread(stored.loaded_questionnaires);
    }

    /// Deletes every record this app keeps in this browser, and forgets them on the page.
    pub fn delete_everything(&self) -> Result<usize, StorageError> {
        let removed = self.saving.delete_everything()?;
        self.assessments.replace_all(Vec::new());
        self.sessions.replace_all(Vec::new());
        self.collection.forget();
        self.quiz.forget();
        self.catalogue.forget_loaded();
        self.notices.clear_load_problems();
        Ok(removed)
    }
}
