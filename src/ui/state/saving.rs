//! Persistence as the page runs it: changes queued and written a moment later, written at
//! once when the page is hidden or closed, and other tabs' changes followed. The rules
//! (what a flush means, which of another tab's changes matter) are
//! `cpp_format::persistence`'s; this schedules them and shows the save status.

use leptos::prelude::*;

use cpp_format::browser_storage::BrowserStore;
use cpp_format::persistence::{self, OtherTab, Persistence, SaveStatus};
use cpp_format::record::Record;
use cpp_format::store::{self, StorageError};

use super::read_only::ReadOnly;
use crate::ui::browser;

/// Changes are written this long after the last one, so a burst of typing is one write.
const SAVE_DELAY_MS: u64 = 250;

/// Runs `use_store` with the browser's storage, or why there is none.
pub(super) fn with_store<R>(use_store: impl FnOnce(Result<&BrowserStore, StorageError>) -> R) -> R {
    let store = BrowserStore::open().ok_or(StorageError::Unavailable);
    use_store(store.as_ref().map_err(Clone::clone))
}

#[derive(Clone, Copy)]
pub struct Saving {
    persistence: StoredValue<Persistence>,
    status: RwSignal<SaveStatus>,
    flush_scheduled: StoredValue<bool>,
    /// Shows what is stored now, after another tab changed it (set once, at start).
    reread: StoredValue<Option<Callback<()>>>,
}

impl Saving {
    pub(super) fn new(persistence: Persistence) -> Saving {
        Saving {
            persistence: StoredValue::new(persistence),
            status: RwSignal::new(SaveStatus::Idle),
            flush_scheduled: StoredValue::new(false),
            reread: StoredValue::new(None),
        }
    }

    /// Writes queued changes when the page is hidden or closed, and follows changes other
    /// tabs make to the same records by calling `reread`.
    pub(super) fn listen_to_the_page(self, reread: Callback<()>) {
        self.reread.set_value(Some(reread));
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

    pub fn status(&self) -> ReadOnly<SaveStatus> {
        ReadOnly::of(self.status)
    }

    /// Whether any change is still waiting to be written (or could not be).
    pub fn has_unsaved_changes(&self) -> bool {
        self.persistence
            .with_value(Persistence::has_unsaved_changes)
    }

    /// Queues a record to be written shortly; `flush` writes it at once.
    pub(super) fn persist<T: Record>(&self, record: &T) {
        if let Some(Err(problem)) = self.persistence.try_update_value(|p| p.queue(record)) {
            self.status.set(problem);
            return;
        }
        if !self.flush_scheduled.get_value() {
            self.flush_scheduled.set_value(true);
            let saving = *self;
            set_timeout(
                move || saving.flush(),
                std::time::Duration::from_millis(SAVE_DELAY_MS),
            );
        }
    }

    /// Writes every queued change now.
    pub fn flush(&self) {
        self.flush_scheduled.set_value(false);
        let flushed = with_store(|store| {
            self.persistence
                .try_update_value(|p| p.flush(store, &browser::local_time_hh_mm()))
        });
        let Some(flushed) = flushed else {
            return;
        };
        if flushed.reread {
            self.reread();
        }
        if let Some(status) = flushed.status {
            self.status.set(status);
        }
    }

    /// Another tab changed, added or removed a record (or cleared everything, `None`).
    fn follow_other_tab(&self, key: Option<String>) {
        let seen = with_store(|store| {
            self.persistence
                .try_update_value(|p| p.other_tab_changed(store, key.as_deref()))
        });
        if let Some(OtherTab::Changed { dropped_a_change }) = seen {
            self.reread();
            if dropped_a_change {
                self.status.set(SaveStatus::ChangedElsewhere);
            }
        }
    }

    fn reread(&self) {
        if let Some(reread) = self.reread.get_value() {
            reread.run(());
        }
    }

    /// Reads every stored record of one kind for a page that asks after start, with what
    /// to tell the person about any that cannot be used.
    pub(super) fn load_later<T: Record>(
        &self,
        check: impl Fn(T) -> Result<T, String>,
    ) -> (Vec<T>, Vec<String>) {
        with_store(|store| {
            self.persistence
                .try_update_value(|p| p.load_later(store, &browser::now_iso(), check))
        })
        .unwrap_or_default()
    }

    /// Deletes a record at once, with any change of it still queued.
    pub(super) fn delete<T: Record>(&self, id: &str) -> Result<(), StorageError> {
        with_store(|store| {
            self.persistence
                .try_update_value(|p| p.delete::<T>(store, id))
                .unwrap_or(Err(StorageError::Unavailable))
        })
    }

    /// Deletes everything this app keeps; the save status starts again.
    pub(super) fn delete_everything(&self) -> Result<usize, StorageError> {
        let removed = with_store(|store| {
            self.persistence
                .try_update_value(|p| p.delete_everything(store))
                .unwrap_or(Err(StorageError::Unavailable))
        })?;
        self.status.set(SaveStatus::Idle);
        Ok(removed)
    }

    /// Moves a stored record its checker refuses aside (kept, never deleted); returns what
    /// to tell the person: `problem`, then where the record is.
    pub(super) fn set_aside_refused<T: Record>(id: &str, problem: &str) -> String {
        with_store(|store| {
            persistence::set_aside_refused::<T>(store, id, &browser::now_iso(), problem)
        })
    }

    /// When a backup of everything was last downloaded in this browser.
    pub(super) fn last_backup() -> Option<String> {
        with_store(|store| store.ok().and_then(store::last_backup))
    }

    /// Notes a backup downloaded now. The reminder is a nicety: if the date cannot be
    /// stored, the backup still happened.
    pub(super) fn note_backup(now: &str) {
        let _ = with_store(|store| store.and_then(|s| store::set_last_backup(s, now)));
    }
}
