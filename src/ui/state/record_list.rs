//! One kind of record as pages hold it: the format crate's `Records` repository in a
//! signal, every change saved through `Saving` as it is made.

use leptos::prelude::*;

use cpp_format::record::Record;
use cpp_format::records::Records;
use cpp_format::store::StorageError;

use super::read_only::ReadOnly;
use super::saving::Saving;
use crate::ui::browser;

pub struct RecordList<T: 'static> {
    records: RwSignal<Records<T>>,
    saving: Saving,
}

impl<T> Clone for RecordList<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for RecordList<T> {}

impl<T: Record + PartialEq + Send + Sync + 'static> RecordList<T> {
    pub(super) fn new(loaded: Vec<T>, saving: Saving) -> RecordList<T> {
        RecordList {
            records: RwSignal::new(Records::from_loaded(loaded)),
            saving,
        }
    }

    /// Every record of this kind, newest first.
    pub fn all(&self) -> ReadOnly<Records<T>> {
        ReadOnly::of(self.records)
    }

    /// The record with this id, tracked.
    pub fn get(&self, id: &str) -> Option<T> {
        self.records.with(|records| records.get(id).cloned())
    }

    /// Adds a new record and saves it, and (once a visit) asks the browser to keep the
    /// tool's data; refuses (returns false, saving nothing) one whose id is here already.
    pub fn insert(&self, record: T) -> bool {
        let inserted = self.insert_without_asking(record);
        if inserted {
            browser::ask_to_keep_storage_once();
        }
        inserted
    }

    /// As `insert`, without asking the browser to keep the data: for a member's ballot on
    /// their own phone, which lives for one meeting, where Firefox would put a permission
    /// prompt in front of the member.
    pub fn insert_without_asking(&self, record: T) -> bool {
        if self
            .records
            .with_untracked(|r| r.get(record.id()).is_some())
        {
            return false;
        }
        self.saving.persist(&record);
        self.records.update(|records| {
            records.insert(record);
        });
        true
    }

    /// Changes a record and saves it on this device; a change that changes nothing saves
    /// nothing and redraws nothing.
    pub fn update(&self, id: &str, change: impl FnOnce(&mut T)) {
        let changed = self
            .records
            .try_update_untracked(|records| records.update(id, browser::now_iso(), change).cloned())
            .flatten();
        if let Some(record) = changed {
            self.saving.persist(&record);
            self.records.notify();
        }
    }

    /// Adds a record or replaces the copy with its id (a restore that chose it), and saves it.
    pub(super) fn upsert(&self, record: T) {
        self.saving.persist(&record);
        self.records.update(|records| records.upsert(record));
    }

    /// Deletes a record from this device and from the page.
    pub fn delete(&self, id: &str) -> Result<(), StorageError> {
        self.saving.delete::<T>(id)?;
        self.records.update(|records| {
            records.remove(id);
        });
        Ok(())
    }

    /// Shows these records instead (what another tab left stored, or nothing after
    /// everything was deleted).
    pub(super) fn replace_all(&self, records: Vec<T>) {
        self.records.set(Records::from_loaded(records));
    }
}
