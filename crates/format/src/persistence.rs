//! Keeping the app's records on the device while it runs: what is loaded at start and what
//! each problem found says, the queue of changes and what a flush reports to the person,
//! following another tab's changes, deleting, and setting aside a record its checker
//! refuses. Every rule is here, over any `KeyValueStore`, so it is tested natively against
//! the in-memory store; the app's state only schedules the calls and shows the results.

use cpp_domain::assessment::Assessment;
use cpp_domain::session::Session;

use crate::import::check_shape;
use crate::questionnaire_file::LoadedQuestionnaire;
use crate::record::{EncodeError, Record};
use crate::store::{self, KeyValueStore, StorageError, WriteQueue};

/// Whether the person's latest change reached the device, as the save indicator shows it.
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

/// The records read when the app starts (or again after another tab's change), and what
/// the person is told about those that could not be used.
#[derive(Debug, Default)]
pub struct StartRecords {
    pub assessments: Vec<Assessment>,
    pub sessions: Vec<Session>,
    pub loaded_questionnaires: Vec<LoadedQuestionnaire>,
    pub problems: Vec<String>,
}

/// What a flush means for the person.
#[derive(Debug, PartialEq)]
pub struct Flushed {
    /// The save indicator's new state, if it changes.
    pub status: Option<SaveStatus>,
    /// Another tab had changed a record this page was saving: show what is stored now.
    pub reread: bool,
}

/// What a change another tab made means for this page.
#[derive(Debug, PartialEq)]
pub enum OtherTab {
    /// Not one of this app's keys.
    NotOurs,
    /// Show what is stored now; if a change of this page's to the same record was still
    /// waiting, it was dropped and the person is told.
    Changed { dropped_a_change: bool },
}

/// Said when storage cannot be read at all.
fn unreadable(error: &StorageError) -> String {
    format!("{error}. You can still use it, but download a backup file before you close the page.")
}

/// The check a stored assessment or session goes through at start: what can be checked
/// without loading its questionnaire; its ratings are checked when its pages open.
fn shaped<T: Record>(record: T) -> Result<T, String> {
    check_shape(&record).map(|()| record)
}

/// Loads every stored record of one kind that passes `check`, describing anything set
/// aside, refused or from a newer version, and notes what was read in `writes` so later
/// writes can tell whether another tab changed it.
fn load_described<T: Record>(
    store: &impl KeyValueStore,
    now: &str,
    writes: &mut WriteQueue,
    problems: &mut Vec<String>,
    check: impl Fn(T) -> Result<T, String>,
) -> Result<Vec<T>, StorageError> {
    let report = store::load_checked::<T>(store, now, check)?;
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

fn load_start_records(
    store: &impl KeyValueStore,
    now: &str,
    writes: &mut WriteQueue,
) -> Result<StartRecords, StorageError> {
    let mut problems = Vec::new();
    let assessments = load_described(store, now, writes, &mut problems, shaped)?;
    let sessions = load_described(store, now, writes, &mut problems, shaped)?;
    let loaded_questionnaires = load_described(store, now, writes, &mut problems, Ok)?;
    Ok(StartRecords {
        assessments,
        sessions,
        loaded_questionnaires,
        problems,
    })
}

/// The queue of changes, and what this page knows to be stored.
#[derive(Debug, Default)]
pub struct Persistence {
    writes: WriteQueue,
}

impl Persistence {
    /// Loads the records the start page needs. Nothing has failed to save yet: a store that
    /// cannot be read is reported with the problems, and the app runs without saved records.
    pub fn load_start(
        &mut self,
        store: Result<&impl KeyValueStore, StorageError>,
        now: &str,
    ) -> StartRecords {
        let loaded = store.and_then(|store| load_start_records(store, now, &mut self.writes));
        loaded.unwrap_or_else(|error| StartRecords {
            problems: vec![unreadable(&error)],
            ..StartRecords::default()
        })
    }

    /// What is stored now, after another tab's change; `None` if storage cannot be read,
    /// when the page keeps what it shows. What this page knows to be stored is already
    /// noted by `other_tab_changed`, and problems were reported at start, so neither is
    /// noted again.
    pub fn reread(
        store: Result<&impl KeyValueStore, StorageError>,
        now: &str,
    ) -> Option<StartRecords> {
        let mut ignored = WriteQueue::default();
        load_start_records(store.ok()?, now, &mut ignored).ok()
    }

    /// Reads every stored record of one kind for a page that asks after start, with the
    /// problems to report, as at start.
    pub fn load_later<T: Record>(
        &mut self,
        store: Result<&impl KeyValueStore, StorageError>,
        now: &str,
        check: impl Fn(T) -> Result<T, String>,
    ) -> (Vec<T>, Vec<String>) {
        let mut problems = Vec::new();
        let records = store
            .and_then(|store| load_described(store, now, &mut self.writes, &mut problems, check))
            .unwrap_or_else(|error| {
                problems.push(unreadable(&error));
                Vec::new()
            });
        (records, problems)
    }

    /// Queues a record to be written by the next flush; one that cannot be encoded is
    /// refused here, and the save indicator says so.
    pub fn queue<T: Record>(&mut self, record: &T) -> Result<(), SaveStatus> {
        self.writes
            .queue(record)
            .map_err(|problem: EncodeError| SaveStatus::Failed(problem.to_string()))
    }

    pub fn has_unsaved_changes(&self) -> bool {
        self.writes.has_pending()
    }

    /// Writes every queued change; `saved_at` is the local time, `HH:MM`, the indicator
    /// shows for a write that succeeded.
    pub fn flush(
        &mut self,
        store: Result<&impl KeyValueStore, StorageError>,
        saved_at: &str,
    ) -> Flushed {
        let report = match store {
            Ok(store) => self.writes.flush(store),
            Err(error) => {
                return Flushed {
                    status: Some(SaveStatus::Failed(error.to_string())),
                    reread: false,
                }
            }
        };
        let reread = !report.changed_elsewhere.is_empty();
        let status = if reread {
            Some(SaveStatus::ChangedElsewhere)
        } else if let Some(error) = report.refused {
            Some(SaveStatus::Failed(error.to_string()))
        } else {
            (report.written > 0).then(|| SaveStatus::Saved(saved_at.to_owned()))
        };
        Flushed { status, reread }
    }

    /// Another tab changed the stored text under `key` (`None`: it cleared everything).
    pub fn other_tab_changed(
        &mut self,
        store: Result<&impl KeyValueStore, StorageError>,
        key: Option<&str>,
    ) -> OtherTab {
        let Some(key) = key else {
            return OtherTab::Changed {
                dropped_a_change: false,
            };
        };
        if !key.starts_with(store::KEY_PREFIX) {
            return OtherTab::NotOurs;
        }
        let text = store.ok().and_then(|s| s.get(key).ok().flatten());
        OtherTab::Changed {
            dropped_a_change: self.writes.saw(key.to_owned(), text),
        }
    }

    /// Deletes a record at once, with any change of it still queued.
    pub fn delete<T: Record>(
        &mut self,
        store: Result<&impl KeyValueStore, StorageError>,
        id: &str,
    ) -> Result<(), StorageError> {
        self.writes.delete::<T>(store?, id)
    }

    /// Deletes every record this app keeps, and forgets what was queued and known.
    pub fn delete_everything(
        &mut self,
        store: Result<&impl KeyValueStore, StorageError>,
    ) -> Result<usize, StorageError> {
        let removed = store::delete_everything(store?)?;
        self.writes.clear();
        Ok(removed)
    }
}

/// Moves a stored record its checker refuses aside (kept, never deleted), and says so:
/// `problem` says what cannot be used and why; the sentence after it says where it is.
pub fn set_aside_refused<T: Record>(
    store: Result<&impl KeyValueStore, StorageError>,
    id: &str,
    now: &str,
    problem: &str,
) -> String {
    let kept = match store.and_then(|store| store::set_aside::<T>(store, id, now)) {
        Ok(_) => "It has been kept on this device, set aside, and was not deleted.",
        Err(_) => "It could not be set aside, so it is left where it was.",
    };
    format!("{problem}. {kept}")
}
