//! One kind of stored record as a list the app holds in memory: the repository pages change
//! through. Every operation keeps ids unique and reports what must be written, so the app's
//! state can save exactly what changed and nothing else.

use std::ops::Deref;

use crate::record::Record;

/// The records of one kind, newest first. Reading goes through the slice it derefs to;
/// changing goes through the methods below.
#[derive(Debug, Clone, PartialEq)]
pub struct Records<T> {
    list: Vec<T>,
}

impl<T> Default for Records<T> {
    fn default() -> Self {
        Records { list: Vec::new() }
    }
}

impl<T> Deref for Records<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        &self.list
    }
}

impl<T: Record + PartialEq> Records<T> {
    /// Records as loaded; a repeated id (which storage's one key per record rules out) keeps
    /// its first copy.
    pub fn from_loaded(loaded: Vec<T>) -> Records<T> {
        let mut records = Records::default();
        for record in loaded {
            if records.get(record.id()).is_none() {
                records.list.push(record);
            }
        }
        records
    }

    pub fn get(&self, id: &str) -> Option<&T> {
        self.list.iter().find(|record| record.id() == id)
    }

    /// Adds a new record first in the list; refuses (returns false, changes nothing) when
    /// one with its id is already here.
    pub fn insert(&mut self, record: T) -> bool {
        if self.get(record.id()).is_some() {
            return false;
        }
        self.list.insert(0, record);
        true
    }

    /// Adds a new record first in the list, or replaces the one with its id: the merge a
    /// restore makes once it has decided the copy is wanted.
    pub fn upsert(&mut self, record: T) {
        match self.list.iter_mut().find(|r| r.id() == record.id()) {
            Some(slot) => *slot = record,
            None => self.list.insert(0, record),
        }
    }

    /// Applies a change to the record with this id and stamps it with `now`; returns the
    /// changed record to be saved. A change that changes nothing (a refused file, say)
    /// leaves the record and its `updated_at` untouched and returns `None`, as does an id
    /// that is not here.
    pub fn update(&mut self, id: &str, now: String, change: impl FnOnce(&mut T)) -> Option<&T> {
        let slot = self.list.iter_mut().find(|r| r.id() == id)?;
        let before = slot.clone();
        change(slot);
        if *slot == before {
            return None;
        }
        // A change cannot move the record to another id: that would make two of one id.
        if slot.id() != before.id() {
            *slot = before;
            return None;
        }
        slot.set_updated_at(now);
        Some(slot)
    }

    /// Removes the record with this id; says whether there was one.
    pub fn remove(&mut self, id: &str) -> bool {
        let before = self.list.len();
        self.list.retain(|r| r.id() != id);
        self.list.len() != before
    }
}
