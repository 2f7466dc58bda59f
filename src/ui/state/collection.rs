//! The improvement adviser's collection of partnerships' files, read from storage the first
//! time a page asks, and saved as one record whenever it changes.

use leptos::prelude::*;

use cpp_format::adviser_file::{self, Collection};
use cpp_format::record::Record;

use super::notices::Notices;
use super::read_only::{OnDemand, ReadOnly};
use super::saving::Saving;
use crate::ui::browser;

#[derive(Clone, Copy)]
pub struct AdviserCollection {
    collection: OnDemand<Collection>,
    saving: Saving,
    notices: Notices,
}

impl AdviserCollection {
    pub(super) fn new(saving: Saving, notices: Notices) -> AdviserCollection {
        AdviserCollection {
            collection: OnDemand::new(),
            saving,
            notices,
        }
    }

    /// The collection, read from storage the first time a page asks; its checker runs on
    /// the adviser's page (`use_checked`, or `set_aside`).
    pub fn current(&self) -> ReadOnly<Collection> {
        ReadOnly::of(self.signal())
    }

    fn signal(&self) -> RwSignal<Collection> {
        self.collection.get_or_read(|| {
            let (stored, problems) = self.saving.load_later::<Collection>(Ok);
            self.notices.report_load_problems(problems);
            stored.into_iter().next().unwrap_or_default()
        })
    }

    /// Moves the stored collection aside (kept, never deleted) when its checker refuses it,
    /// says why, and starts this browser's collection afresh.
    pub fn set_aside(&self, reason: &str) {
        let problem = Saving::set_aside_refused::<Collection>(
            adviser_file::COLLECTION_ID,
            &format!("The saved adviser collection cannot be used. {reason}"),
        );
        self.notices.report_load_problems(vec![problem]);
        self.collection.set(Collection::default());
    }

    /// Uses the stored collection as its checker leaves it (codes normalised, repeats kept
    /// once) for this visit; storage keeps what it had until the next change.
    pub fn use_checked(&self, checked: Collection) {
        self.collection.set(checked);
    }

    /// Changes the collection and saves it on this device.
    pub fn update(&self, change: impl FnOnce(&mut Collection)) {
        let mut collection = self.signal().get_untracked();
        change(&mut collection);
        self.save(collection);
    }

    /// Adds files to the collection; when every file was refused, nothing is changed or
    /// saved.
    pub fn add_files(&self, add: impl FnOnce(&mut Collection)) {
        let mut collection = self.signal().get_untracked();
        add(&mut collection);
        if self
            .current()
            .with_untracked(|c| c.submissions != collection.submissions)
        {
            self.save(collection);
        }
    }

    fn save(&self, mut collection: Collection) {
        collection.set_updated_at(browser::now_iso());
        self.restored(collection);
    }

    /// Keeps a collection (changed here, or restored from a backup) as it is.
    pub(super) fn restored(&self, collection: Collection) {
        self.saving.persist(&collection);
        self.collection.set(collection);
    }

    /// Read again when next asked for, after another tab's change.
    pub(super) fn stale(&self) {
        self.collection.stale();
    }

    pub(super) fn forget(&self) {
        self.collection.set(Collection::default());
    }
}
