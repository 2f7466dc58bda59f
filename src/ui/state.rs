//! The app's shared state as a typed context: the questionnaires, the saved assessments and
//! board sessions, the current route and whether the last save reached the device.
//!
//! Every change to a record goes through `update_assessment` or `update_session`, which
//! save it at once, so there is no separate "save" step to forget.

use leptos::prelude::*;

use cpp_domain::assessment::{Assessment, AssessmentDetails};
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::quiz::{Quiz, QuizProgress};
use cpp_domain::session::{Session, SessionDetails};
use cpp_format::adviser_file::{self, Collection};
use cpp_format::backup::{self, Everything, RestoreReport};
use cpp_format::browser_storage::BrowserStore;
use cpp_format::catalogue;
use cpp_format::import::check_shape;
use cpp_format::questionnaire_file::{self, LoadedQuestionnaire};
use cpp_format::quiz_file;
use cpp_format::record::{self, Record};
use cpp_format::store::{self, KeyValueStore, StorageError, WriteQueue};

use super::browser;
use super::route::Route;

#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    /// Nothing has been written this visit.
    Idle,
    /// The last change was written; the local time it was written, `HH:MM`.
    Saved(String),
    Failed(String),
    /// Another tab changed what this page was changing: its last change was dropped and
    /// the page shows the newer version.
    ChangedElsewhere,
}

/// Something read (from storage or the bundled files) the first time a page asks for it,
/// not at start, so the code that reads it loads with that page instead of the start page.
struct OnDemand<T: Send + Sync + 'static> {
    value: RwSignal<T>,
    read: StoredValue<bool>,
}

// Signals are handles, so this is `Copy` whatever `T` is (a derive would require `T: Copy`).
impl<T: Send + Sync + 'static> Clone for OnDemand<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for OnDemand<T> {}

impl<T: Default + Send + Sync + 'static> OnDemand<T> {
    fn new() -> Self {
        OnDemand {
            value: RwSignal::new(T::default()),
            read: StoredValue::new(false),
        }
    }

    /// The value, reading it first with `read` if no page has asked since start or since
    /// another tab's change.
    fn get_or_read(&self, read: impl FnOnce() -> T) -> RwSignal<T> {
        if !self.read.get_value() {
            self.read.set_value(true);
            let value = read();
            // Untracked: every reader asks through here first, so none has seen the value
            // before this; after another tab's change, `stale` has told them to ask again.
            self.value.update_untracked(|current| *current = value);
        }
        self.value
    }

    /// Marks the value as read (after a change made here, or deleting everything).
    fn set(&self, value: T) {
        self.read.set_value(true);
        self.value.set(value);
    }

    /// Forgets what was read, after another tab's change: readers are told, and read again.
    fn stale(&self) {
        if self.read.get_value() {
            self.read.set_value(false);
            self.value.notify();
        }
    }
}

/// Stored data as pages see it: readable, tracked or not, but never set. Changes go through
/// the `AppState` methods that save them. (A handle to the state's own signal, so reading
/// it allocates nothing.)
pub struct ReadOnly<T: 'static>(RwSignal<T>);

impl<T> Clone for ReadOnly<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for ReadOnly<T> {}

impl<T: Send + Sync + 'static> ReadOnly<T> {
    pub fn with<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        self.0.with(read)
    }

    pub fn with_untracked<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        self.0.with_untracked(read)
    }

    /// Makes the running effect or memo depend on it, without reading it.
    pub fn track(&self) {
        self.0.track();
    }
}

impl<T: Clone + Send + Sync + 'static> ReadOnly<T> {
    pub fn get(&self) -> T {
        self.0.get()
    }

    pub fn get_untracked(&self) -> T {
        self.0.get_untracked()
    }
}

#[derive(Clone, Copy)]
pub struct AppState {
    /// The questionnaires that ship with the app, then those loaded from files. They are
    /// read the first time a page asks for them (`questionnaires`), so their files and
    /// checker load with the pages that use them: a first visit never needs them.
    questionnaires: OnDemand<Vec<Questionnaire>>,
    /// The questionnaires that ship with the app, parsed once, when first needed.
    built_in: StoredValue<Option<Vec<Questionnaire>>>,
    /// The files behind the loaded questionnaires.
    loaded_questionnaires: RwSignal<Vec<LoadedQuestionnaire>>,
    /// The bundled quiz, read the first time a quiz page asks for it (`quiz`), so its bank
    /// and checker load with the quiz pages rather than with the start page.
    quiz: StoredValue<Option<Quiz>>,
    /// The member's progress with the bundled quiz on this device; once the quiz is read, as
    /// it applies to the quiz's current version. Read from storage the first time a page
    /// asks (`quiz_progress`).
    quiz_progress: OnDemand<Option<QuizProgress>>,
    /// Whether the progress as last read from storage has been through the quiz's checker;
    /// false again after another tab's change, so a re-read is checked too.
    quiz_progress_checked: StoredValue<bool>,
    assessments: RwSignal<Vec<Assessment>>,
    sessions: RwSignal<Vec<Session>>,
    /// An improvement adviser's collected files, read from storage the first time a page
    /// asks (`collection`).
    collection: OnDemand<Collection>,
    pub route: RwSignal<Route>,
    /// Counts the times another tab's changes were read in, so the page can be drawn again
    /// from them (text fields show what is stored, never this tab's old text).
    changes_from_elsewhere: RwSignal<u32>,
    save_status: RwSignal<SaveStatus>,
    /// A one-off success message for the next page, shown in a notification banner.
    pub notice: RwSignal<Option<String>>,
    /// Why the last file this page offered for saving could not be; forgotten when a file
    /// is offered or the page changes.
    download_problem: RwSignal<Option<String>>,
    /// Problems found when loading, shown on the start page and on pages that read records
    /// after start.
    load_problems: RwSignal<Vec<String>>,
    /// When a backup of everything was last downloaded in this browser.
    last_backup: RwSignal<Option<String>>,
    /// Changes waiting to be written, and what is known to be stored.
    writes: StoredValue<WriteQueue>,
    flush_scheduled: StoredValue<bool>,
}

/// Changes are written this long after the last one, so a burst of typing is one write.
const SAVE_DELAY_MS: u64 = 250;

pub fn expect_app_state() -> AppState {
    expect_context::<AppState>()
}

fn open_store() -> Result<BrowserStore, StorageError> {
    BrowserStore::open().ok_or(StorageError::Unavailable)
}

/// The check a stored assessment or session goes through at start: what can be checked
/// without loading its questionnaire; its ratings are checked when its pages open.
fn shaped<T: Record>(record: T) -> Result<T, String> {
    check_shape(&record).map(|()| record)
}

/// Loads every stored record of one kind that passes `check`, describing anything set
/// aside or refused, and notes what was read so later writes can tell if another tab
/// changed it.
fn load_records<T: Record>(
    problems: &mut Vec<String>,
    writes: &mut WriteQueue,
    check: impl Fn(T) -> Result<T, String>,
) -> Result<Vec<T>, StorageError> {
    let report = store::load_checked::<T>(&open_store()?, &browser::now_iso(), check)?;
    for (key, text) in report.seen {
        writes.saw(key, Some(text));
    }
    if !report.set_aside.is_empty() {
        problems.push(format!(
            "{} saved {}(s) could not be read. They have been kept on this device, set aside, and were not deleted.",
            report.set_aside.len(),
            T::NOUN
        ));
    }
    for reason in report.refused {
        problems.push(format!("A saved {} cannot be used: {reason}", T::NOUN));
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

/// The member's progress with the bundled quiz, among the stored ones.
fn bundled_quiz_progress(stored: Vec<QuizProgress>) -> Option<QuizProgress> {
    stored
        .into_iter()
        .find(|progress| progress.quiz_id == quiz_file::BUNDLED_ID)
}

/// What pages read. Each is read-only outside this module: every change goes through
/// the `AppState` methods that save it.
impl AppState {
    pub fn loaded_questionnaires(&self) -> ReadOnly<Vec<LoadedQuestionnaire>> {
        ReadOnly(self.loaded_questionnaires)
    }

    pub fn assessments(&self) -> ReadOnly<Vec<Assessment>> {
        ReadOnly(self.assessments)
    }

    pub fn sessions(&self) -> ReadOnly<Vec<Session>> {
        ReadOnly(self.sessions)
    }

    pub fn changes_from_elsewhere(&self) -> ReadOnly<u32> {
        ReadOnly(self.changes_from_elsewhere)
    }

    pub fn save_status(&self) -> ReadOnly<SaveStatus> {
        ReadOnly(self.save_status)
    }

    pub fn download_problem(&self) -> ReadOnly<Option<String>> {
        ReadOnly(self.download_problem)
    }

    pub fn load_problems(&self) -> ReadOnly<Vec<String>> {
        ReadOnly(self.load_problems)
    }

    pub fn last_backup(&self) -> ReadOnly<Option<String>> {
        ReadOnly(self.last_backup)
    }
}

impl AppState {
    /// Loads everything and provides the state to the component tree.
    pub fn provide(initial_route: Route) -> AppState {
        let mut load_problems = Vec::new();
        // Nothing has failed to save yet: a store that cannot be read is reported with the
        // load problems, and the first change that cannot be saved sets the save status.
        let mut writes = WriteQueue::default();
        let problems = &mut load_problems;
        let loaded =
            load_records::<Assessment>(problems, &mut writes, shaped).and_then(|assessments| {
                let sessions = load_records::<Session>(problems, &mut writes, shaped)?;
                let loaded_questionnaires =
                    load_records::<LoadedQuestionnaire>(problems, &mut writes, Ok)?;
                Ok((assessments, sessions, loaded_questionnaires))
            });
        let (assessments, sessions, loaded_questionnaires) = match loaded {
            Ok(records) => records,
            Err(error) => {
                load_problems.push(format!(
                    "{error}. You can still use it, but download a backup file before you close the page."
                ));
                Default::default()
            }
        };
        let state = AppState {
            questionnaires: OnDemand::new(),
            built_in: StoredValue::new(None),
            loaded_questionnaires: RwSignal::new(loaded_questionnaires),
            quiz: StoredValue::new(None),
            quiz_progress: OnDemand::new(),
            quiz_progress_checked: StoredValue::new(false),
            assessments: RwSignal::new(assessments),
            sessions: RwSignal::new(sessions),
            collection: OnDemand::new(),
            route: RwSignal::new(initial_route),
            changes_from_elsewhere: RwSignal::new(0),
            save_status: RwSignal::new(SaveStatus::Idle),
            notice: RwSignal::new(None),
            download_problem: RwSignal::new(None),
            load_problems: RwSignal::new(load_problems),
            last_backup: RwSignal::new(open_store().ok().and_then(|s| store::last_backup(&s))),
            writes: StoredValue::new(writes),
            flush_scheduled: StoredValue::new(false),
        };
        provide_context(state);
        state.listen_to_the_page();
        state
    }

    /// Writes queued changes when the page is hidden or closed, and follows changes other
    /// tabs make to the same records.
    fn listen_to_the_page(self) {
        // The listeners live as long as the page, so their handles are never removed.
        let _ = window_event_listener(leptos::ev::pagehide, move |_| self.flush());
        let _ = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if browser::page_is_hidden() {
                self.flush();
            }
        });
        let _ = window_event_listener(leptos::ev::storage, move |event| {
            self.follow_other_tab(event.key());
        });
    }

    /// Everything this browser keeps, as it is on the page.
    pub fn everything(&self) -> Everything {
        let collection = self.collection_rw().get_untracked();
        Everything {
            assessments: self.assessments.get_untracked(),
            sessions: self.sessions.get_untracked(),
            collection: (collection != Collection::default()).then_some(collection),
            questionnaires: self.loaded_questionnaires.get_untracked(),
            quiz_progress: self
                .quiz_progress_rw()
                .get_untracked()
                .into_iter()
                .collect(),
        }
    }

    /// Offers a file for saving, and says whether it was. If it cannot be made or offered,
    /// the page says so (`DownloadProblem`), so no failed download passes unnoticed.
    pub fn offer_file(
        &self,
        file_name: &str,
        media_type: &str,
        contents: Result<Vec<u8>, String>,
    ) -> bool {
        let offered = contents.and_then(|bytes| browser::download(file_name, media_type, &bytes));
        self.download_problem.set(
            offered
                .as_ref()
                .err()
                .map(|reason| format!("{file_name} could not be saved. {reason}.")),
        );
        offered.is_ok()
    }

    /// Offers an assessment or session in the app's own file format, as a backup or to hand
    /// over.
    pub fn offer_record<T: Record>(&self, record: &T) {
        self.offer_encoded(record, record::encode_for_file);
    }

    /// Offers a file exactly as its maker was shown it before saving (laid out to be read),
    /// and says whether it was.
    pub fn offer_as_shown<T: Record>(&self, file: &T) -> bool {
        self.offer_encoded(file, record::encode_pretty)
    }

    fn offer_encoded<T: Record>(
        &self,
        file: &T,
        encode: fn(&T) -> Result<String, record::EncodeError>,
    ) -> bool {
        let contents = encode(file)
            .map(String::into_bytes)
            .map_err(|e| e.to_string());
        self.offer_file(&record::file_name(file), "application/json", contents)
    }

    /// Offers the backup file of everything, and notes when, for the backup reminder.
    pub fn download_backup(&self) {
        let now = browser::now_iso();
        let text = backup::encode(&self.everything(), &now)
            .map(String::into_bytes)
            .map_err(|e| e.to_string());
        if self.offer_file(&backup::file_name(&now), "application/json", text) {
            // The reminder is a nicety: if it cannot be stored, the backup still happened.
            let _ = open_store().and_then(|s| store::set_last_backup(&s, &now));
            self.last_backup.set(Some(now));
        }
    }

    /// Adds what a backup (or single saved file) holds, by the restore rule
    /// (`backup::restore`): a record already here is replaced only by a newer copy.
    pub fn restore(&self, backup: Everything) -> RestoreReport {
        let here = self.everything();
        let restore = self
            .questionnaires()
            .with_untracked(|available| backup::restore(&here, available, backup));
        for (loaded, questionnaire) in restore.questionnaires {
            self.persist(&loaded);
            self.loaded_questionnaires.update(|list| list.push(loaded));
            self.questionnaires_rw()
                .update(|list| list.push(questionnaire));
        }
        for assessment in restore.assessments {
            self.upsert(self.assessments, assessment);
        }
        for session in restore.sessions {
            self.upsert(self.sessions, session);
        }
        if let Some(collection) = restore.collection {
            self.persist(&collection);
            self.collection.set(collection);
        }
        if let Some(progress) = restore.quiz_progress {
            self.persist(&progress);
            // Checked against the quiz when the backup was read.
            self.quiz_progress.set(Some(progress));
        }
        self.flush();
        restore.report
    }

    /// Saves a record and puts it in its list, in place of the copy with its id if any.
    fn upsert<T: Record + Send + Sync + 'static>(&self, list: RwSignal<Vec<T>>, record: T) {
        self.persist(&record);
        list.update(|l| match l.iter_mut().find(|r| r.id() == record.id()) {
            Some(slot) => *slot = record,
            None => l.insert(0, record),
        });
    }

    /// Whether any change is still waiting to be written (or could not be).
    pub fn has_unsaved_changes(&self) -> bool {
        self.writes.with_value(WriteQueue::has_pending)
    }

    /// Writes every queued change now.
    pub fn flush(&self) {
        self.flush_scheduled.set_value(false);
        let report = match open_store() {
            Ok(store) => self.writes.try_update_value(|w| w.flush(&store)),
            Err(error) => {
                self.save_status.set(SaveStatus::Failed(error.to_string()));
                return;
            }
        };
        let Some(report) = report else {
            return;
        };
        if let Some(error) = report.refused {
            self.save_status.set(SaveStatus::Failed(error.to_string()));
        } else if report.written > 0 {
            self.save_status
                .set(SaveStatus::Saved(browser::local_time_hh_mm()));
        }
        if !report.changed_elsewhere.is_empty() {
            self.changed_elsewhere(true);
        }
    }

    /// Another tab changed, added or removed a record (or cleared everything, `None`).
    fn follow_other_tab(&self, key: Option<String>) {
        let Some(key) = key else {
            self.reload_all();
            return;
        };
        if !key.starts_with(store::KEY_PREFIX) {
            return;
        }
        let text = open_store().ok().and_then(|s| s.get(&key).ok().flatten());
        let dropped = self
            .writes
            .try_update_value(|w| w.saw(key.clone(), text))
            .unwrap_or(false);
        self.changed_elsewhere(dropped);
    }

    /// Shows what is stored now, and tells the person when a change of theirs was dropped
    /// because another tab had changed the same record.
    fn changed_elsewhere(&self, dropped_a_change: bool) {
        self.reload_all();
        if dropped_a_change {
            self.save_status.set(SaveStatus::ChangedElsewhere);
        }
    }

    /// Reads every record from storage again, for when another tab has changed some.
    fn reload_all(&self) {
        let mut problems = Vec::new();
        let mut seen = WriteQueue::default();
        let problems_ref = &mut problems;
        let reloaded = (|| {
            Ok::<_, StorageError>((
                load_records::<Assessment>(problems_ref, &mut seen, shaped)?,
                load_records::<Session>(problems_ref, &mut seen, shaped)?,
                load_records::<LoadedQuestionnaire>(problems_ref, &mut seen, Ok)?,
            ))
        })();
        let Ok((assessments, sessions, loaded)) = reloaded else {
            return;
        };
        self.assessments.set(assessments);
        self.sessions.set(sessions);
        self.changes_from_elsewhere.update(|n| *n += 1);
        self.collection.stale();
        self.quiz_progress_checked.set_value(false);
        self.quiz_progress.stale();
        self.loaded_questionnaires.set(loaded);
        self.questionnaires.stale();
    }

    /// Forgets what belonged to the page left behind.
    pub fn page_changed(&self) {
        self.download_problem.set(None);
    }

    pub fn navigate(&self, route: &Route) {
        browser::set_hash(&route.href());
    }

    /// The questionnaires that ship with the app, read the first time they are needed.
    pub fn built_in_questionnaires(&self) -> Vec<Questionnaire> {
        if let Some(list) = self.built_in.get_value() {
            return list;
        }
        let list = questionnaire_file::bundled().unwrap_or_else(|(name, error)| {
            self.load_problems.update(|problems| {
                problems.push(format!(
                    "The questionnaire {name} could not be read: {error}"
                ));
            });
            Vec::new()
        });
        self.built_in.set_value(Some(list.clone()));
        list
    }

    /// The available questionnaires: the built-in ones, then those loaded from files that
    /// still read correctly (any that do not are described in the load problems; their
    /// files are kept). They are read here the first time a page asks.
    pub fn questionnaires(&self) -> ReadOnly<Vec<Questionnaire>> {
        ReadOnly(self.questionnaires_rw())
    }

    fn questionnaires_rw(&self) -> RwSignal<Vec<Questionnaire>> {
        self.questionnaires.get_or_read(|| {
            let (list, problems) = self.loaded_questionnaires.with_untracked(|loaded| {
                catalogue::available(self.built_in_questionnaires(), loaded)
            });
            if !problems.is_empty() {
                self.load_problems.update(|all| all.extend(problems));
            }
            list
        })
    }

    /// The questionnaire a record answering this id and version opens with, by the rule in
    /// `catalogue::version_for`.
    pub fn questionnaire(&self, id: &str, version: &str) -> Option<Questionnaire> {
        self.questionnaires_rw()
            .with_untracked(|list| catalogue::version_for(list, id, version).cloned())
    }

    /// The version of the questionnaire with this id to collate by
    /// (`catalogue::latest_version`).
    pub fn latest_questionnaire(&self, id: &str) -> Option<Questionnaire> {
        self.questionnaires_rw()
            .with(|list| catalogue::latest_version(list, id).cloned())
    }

    pub fn default_questionnaire(&self) -> Option<Questionnaire> {
        self.questionnaires_rw()
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
        let questionnaires = self.questionnaires_rw();
        self.loaded_questionnaires.update(|list| list.push(loaded));
        questionnaires.update(|list| list.push(questionnaire));
    }

    /// Removes a loaded questionnaire. Callers check first that nothing uses it.
    pub fn delete_questionnaire(&self, storage_id: &str) -> Result<(), StorageError> {
        let questionnaires = self.questionnaires_rw();
        self.delete(self.loaded_questionnaires, storage_id)?;
        questionnaires
            .update(|list| list.retain(|q| LoadedQuestionnaire::storage_id(q) != storage_id));
        Ok(())
    }

    /// Deletes every record this app keeps in this browser, and forgets them on the page.
    pub fn delete_everything(&self) -> Result<usize, StorageError> {
        let removed = open_store().and_then(|s| store::delete_everything(&s))?;
        self.writes.update_value(WriteQueue::clear);
        self.assessments.set(Vec::new());
        self.sessions.set(Vec::new());
        self.collection.set(Collection::default());
        self.quiz_progress.set(None);
        self.loaded_questionnaires.set(Vec::new());
        self.questionnaires.set(self.built_in_questionnaires());
        self.load_problems.set(Vec::new());
        self.save_status.set(SaveStatus::Idle);
        Ok(removed)
    }

    /// Reads every stored record of one kind for a page that asks after start; what is set
    /// aside or refused is reported with the load problems, as at start.
    fn read_after_start<T: Record>(&self, check: impl Fn(T) -> Result<T, String>) -> Vec<T> {
        let mut problems = Vec::new();
        let records = self
            .writes
            .try_update_value(|writes| load_records::<T>(&mut problems, writes, check))
            .unwrap_or(Err(StorageError::Unavailable))
            .unwrap_or_else(|error| {
                problems.push(format!(
                    "{error}. You can still use it, but download a backup file before you close the page."
                ));
                Vec::new()
            });
        if !problems.is_empty() {
            self.load_problems.update(|all| all.extend(problems));
        }
        records
    }

    /// The adviser's collection, read from storage the first time a page asks.
    pub fn collection(&self) -> ReadOnly<Collection> {
        ReadOnly(self.collection_rw())
    }

    fn collection_rw(&self) -> RwSignal<Collection> {
        self.collection.get_or_read(|| {
            self.read_after_start::<Collection>(Ok)
                .into_iter()
                .next()
                .unwrap_or_default()
        })
    }

    /// The member's quiz progress, read from storage the first time a page asks.
    pub fn quiz_progress(&self) -> ReadOnly<Option<QuizProgress>> {
        ReadOnly(self.quiz_progress_rw())
    }

    fn quiz_progress_rw(&self) -> RwSignal<Option<QuizProgress>> {
        self.quiz_progress.get_or_read(|| {
            // Checked against the quiz by `quiz`, which every quiz page calls first: the
            // checker and the quiz load with those pages, not with the start page.
            let stored = bundled_quiz_progress(self.read_after_start::<QuizProgress>(Ok))?;
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
        let moved = open_store().and_then(|store| {
            store::set_aside::<QuizProgress>(&store, quiz_file::BUNDLED_ID, &browser::now_iso())
        });
        let kept = if moved.is_ok() {
            "It has been kept on this device, set aside, and was not deleted."
        } else {
            "It could not be set aside, so it is left where it was."
        };
        self.load_problems.update(|problems| {
            problems.push(format!(
                "Your saved quiz progress cannot be used: {reason}. {kept}"
            ))
        });
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
        if !self.quiz_progress_checked.get_value() {
            self.quiz_progress_checked.set_value(true);
            if let Some(progress) = self.quiz_progress_rw().get_untracked() {
                match self.checked_progress(&quiz, progress) {
                    Some(checked) => self
                        .quiz_progress
                        .value
                        .update_untracked(|p| *p = Some(checked)),
                    // Anything already showing the refused progress is told it is gone.
                    None => self.quiz_progress.value.set(None),
                }
            }
        }
        Some(quiz)
    }

    /// Changes the member's quiz progress, starting it if need be, and saves it.
    pub fn update_quiz_progress(&self, change: impl FnOnce(&Quiz, &mut QuizProgress)) {
        let Some(quiz) = self.quiz() else {
            return;
        };
        let mut progress = self
            .quiz_progress()
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

    /// Moves the stored collection aside (kept, never deleted) when its checker refuses it,
    /// says why, and starts this browser's collection afresh.
    pub fn set_aside_collection(&self, reason: &str) {
        let moved = open_store().and_then(|store| {
            store::set_aside::<Collection>(&store, adviser_file::COLLECTION_ID, &browser::now_iso())
        });
        let kept = match moved {
            Ok(_) => "It has been kept on this device, set aside, and was not deleted.",
            Err(_) => "It could not be set aside, so it is left where it was.",
        };
        self.load_problems.update(|problems| {
            problems.push(format!(
                "The saved adviser collection cannot be used. {reason}. {kept}"
            ))
        });
        self.collection.set(Collection::default());
    }

    /// Uses the stored collection as its checker leaves it (codes normalised, repeats kept
    /// once) for this visit; storage keeps what it had until the next change.
    pub fn use_checked_collection(&self, checked: Collection) {
        self.collection.set(checked);
    }

    /// Changes the adviser's collection and saves it on this device.
    pub fn update_collection(&self, change: impl FnOnce(&mut Collection)) {
        let mut collection = self.collection_rw().get_untracked();
        change(&mut collection);
        collection.set_updated_at(browser::now_iso());
        self.persist(&collection);
        self.collection.set(collection);
    }

    /// Adds files to the adviser's collection; when every file was refused, nothing is
    /// changed or saved.
    pub fn add_to_collection(&self, add: impl FnOnce(&mut Collection)) {
        let mut collection = self.collection_rw().get_untracked();
        add(&mut collection);
        if self
            .collection()
            .with_untracked(|c| c.submissions != collection.submissions)
        {
            self.update_collection(|c| *c = collection);
        }
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

    /// Applies a change to one record and saves it. A change that changes nothing (a
    /// refused file, say) leaves the record, its `updated_at` and storage untouched.
    fn update<T: Record + PartialEq + Send + Sync + 'static>(
        &self,
        list: RwSignal<Vec<T>>,
        id: &str,
        change: impl FnOnce(&mut T),
    ) {
        let Some(mut record) =
            list.with_untracked(|list| list.iter().find(|r| r.id() == id).cloned())
        else {
            return;
        };
        let before = record.clone();
        change(&mut record);
        if record == before {
            return;
        }
        record.set_updated_at(browser::now_iso());
        self.persist(&record);
        list.update(|list| {
            if let Some(slot) = list.iter_mut().find(|r| r.id() == id) {
                *slot = record;
            }
        });
    }

    fn delete<T: Record + Send + Sync + 'static>(
        &self,
        list: RwSignal<Vec<T>>,
        id: &str,
    ) -> Result<(), StorageError> {
        let store = open_store()?;
        self.writes
            .try_update_value(|w| w.delete::<T>(&store, id))
            .unwrap_or(Err(StorageError::Unavailable))?;
        list.update(|list| list.retain(|r| r.id() != id));
        Ok(())
    }

    /// Queues a record to be written shortly; `flush` writes it at once.
    fn persist<T: Record>(&self, record: &T) {
        let queued = self.writes.try_update_value(|w| w.queue(record));
        if let Some(Err(problem)) = queued {
            self.save_status
                .set(SaveStatus::Failed(problem.to_string()));
            return;
        }
        if !self.flush_scheduled.get_value() {
            self.flush_scheduled.set_value(true);
            let state = *self;
            set_timeout(
                move || state.flush(),
                std::time::Duration::from_millis(SAVE_DELAY_MS),
            );
        }
    }
}
