//! Keeping records (assessments, board sessions) in a key-value store (the browser's local
//! storage in the app, a map in tests): one key per record, every write checked,
//! unreadable records moved aside and records from newer versions left untouched.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::record::{self, DecodeError, EncodeError, Record};
use cpp_domain::sorting::sort_by;

pub const KEY_PREFIX: &str = "cpp-self-assessment/";
const SET_ASIDE_PREFIX: &str = "cpp-self-assessment/set-aside/";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// The browser offers no storage (blocked by policy, or a private window).
    Unavailable,
    /// The browser refused the write, usually because storage is full.
    WriteRefused(String),
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StorageError::Unavailable => {
                write!(f, "This browser is not letting the tool store data on this device")
            }
            StorageError::WriteRefused(detail) => write!(
                f,
                "The browser refused to save on this device, possibly because its storage is full ({detail})"
            ),
        }
    }
}

pub trait KeyValueStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    fn remove(&self, key: &str) -> Result<(), StorageError>;
    fn keys(&self) -> Result<Vec<String>, StorageError>;
}

/// What loading found besides the readable records.
#[derive(Debug, PartialEq)]
pub struct LoadReport<T> {
    pub records: Vec<T>,
    /// The stored text under each key read, so later writes can tell whether another tab
    /// has changed it since.
    pub seen: Vec<(String, String)>,
    /// Unreadable records, and records their checker refuses, moved to a set-aside key so
    /// nothing is deleted.
    pub set_aside: Vec<String>,
    /// Why the checker refused those it refused.
    pub refused: Vec<String>,
    /// Records written by a newer version of the tool, left where they are.
    pub from_newer_version: Vec<String>,
}

fn prefix<T: Record>() -> String {
    format!("{KEY_PREFIX}{}/", T::KIND)
}

pub fn key<T: Record>(id: &str) -> String {
    format!("{}{id}", prefix::<T>())
}

/// Loads every record of one kind that passes `check`, the same checker its files go
/// through; a record that fails it is set aside like one that cannot be read, with the
/// reason.
pub fn load_checked<T: Record>(
    store: &impl KeyValueStore,
    now: &str,
    check: impl Fn(T) -> Result<T, String>,
) -> Result<LoadReport<T>, StorageError> {
    let mut report = LoadReport {
        records: Vec::new(),
        seen: Vec::new(),
        set_aside: Vec::new(),
        refused: Vec::new(),
        from_newer_version: Vec::new(),
    };
    let prefix = prefix::<T>();
    for key in store.keys()? {
        if !key.starts_with(&prefix) {
            continue;
        }
        let Some(text) = store.get(&key)? else {
            continue;
        };
        let checked = match record::decode::<T>(&text) {
            Ok(record) => check(record).map_err(Some),
            Err(DecodeError::Newer { .. }) => {
                report.from_newer_version.push(key);
                continue;
            }
            Err(_) => Err(None),
        };
        match checked {
            Ok(record) => {
                report.records.push(record);
                report.seen.push((key, text));
            }
            Err(reason) => {
                report.set_aside.push(move_aside(store, &key, &text, now)?);
                report.refused.extend(reason);
            }
        }
    }
    // Most recently changed first, as the start page lists them.
    sort_by(&mut report.records, |a, b| {
        b.updated_at().cmp(a.updated_at()).then(a.id().cmp(b.id()))
    });
    Ok(report)
}

fn move_aside(
    store: &impl KeyValueStore,
    key: &str,
    text: &str,
    now: &str,
) -> Result<String, StorageError> {
    let aside = format!("{SET_ASIDE_PREFIX}{now}/{key}");
    store.set(&aside, text)?;
    store.remove(key)?;
    Ok(aside)
}

/// Moves a stored record its checker refuses to a set-aside key, so it is kept but no
/// longer loaded; returns that key, or `None` if nothing was stored under the record's key.
pub fn set_aside<T: Record>(
    store: &impl KeyValueStore,
    id: &str,
    now: &str,
) -> Result<Option<String>, StorageError> {
    let key = key::<T>(id);
    match store.get(&key)? {
        Some(text) => move_aside(store, &key, &text, now).map(Some),
        None => Ok(None),
    }
}

/// When the person last downloaded a backup of everything (an ISO 8601 timestamp).
const LAST_BACKUP_KEY: &str = "cpp-self-assessment/meta/last-backup";

pub fn last_backup(store: &impl KeyValueStore) -> Option<String> {
    store.get(LAST_BACKUP_KEY).ok().flatten()
}

pub fn set_last_backup(store: &impl KeyValueStore, now: &str) -> Result<(), StorageError> {
    store.set(LAST_BACKUP_KEY, now)
}

/// Changes waiting to be written, and what this page last knew to be stored under each key.
///
/// Changes are queued and written together a moment later, so a burst of typing is one
/// write. Before each write the stored text is compared with what this page last read or
/// wrote: if another tab has changed it since, this page's change is dropped rather than
/// overwrite newer work, and the key is reported so the page can show the newer version.
#[derive(Debug, Default)]
pub struct WriteQueue {
    pending: BTreeMap<String, String>,
    known: BTreeMap<String, Option<String>>,
}

/// What a flush did.
#[derive(Debug, Default, PartialEq)]
pub struct FlushReport {
    pub written: usize,
    /// Keys changed elsewhere since this page last saw them; this page's change was dropped.
    pub changed_elsewhere: Vec<String>,
    /// The first write the store refused; that change and any not yet tried stay queued.
    pub refused: Option<StorageError>,
}

impl WriteQueue {
    /// Notes what is stored under a key, as read at load or after another tab's change.
    /// A change of this page's still queued for that key is dropped, since it was made to
    /// an older copy; returns whether one was.
    pub fn saw(&mut self, key: String, text: Option<String>) -> bool {
        let changed = self.known.get(&key) != Some(&text);
        let dropped = changed && self.pending.remove(&key).is_some();
        self.known.insert(key, text);
        dropped
    }

    /// Queues a record to be written; a record that cannot be encoded is refused here, so
    /// nothing is ever stored in its place.
    pub fn queue<T: Record>(&mut self, record: &T) -> Result<(), EncodeError> {
        self.pending
            .insert(key::<T>(record.id()), record::encode(record)?);
        Ok(())
    }

    pub fn has_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Deletes a record at once, with any change of it still queued.
    pub fn delete<T: Record>(
        &mut self,
        store: &impl KeyValueStore,
        id: &str,
    ) -> Result<(), StorageError> {
        let key = key::<T>(id);
        self.pending.remove(&key);
        store.remove(&key)?;
        self.known.insert(key, None);
        Ok(())
    }

    /// Forgets everything queued and known, after everything was deleted.
    pub fn clear(&mut self) {
        self.pending.clear();
        self.known.clear();
    }

    pub fn flush(&mut self, store: &impl KeyValueStore) -> FlushReport {
        let mut report = FlushReport::default();
        let pending = std::mem::take(&mut self.pending);
        let mut remaining = pending.into_iter();
        for (key, text) in remaining.by_ref() {
            let current = match store.get(&key) {
                Ok(current) => current,
                Err(error) => {
                    report.refused = Some(error);
                    self.pending.insert(key, text);
                    break;
                }
            };
            let known = self.known.get(&key).cloned().unwrap_or(None);
            if current != known {
                self.known.insert(key.clone(), current);
                report.changed_elsewhere.push(key);
                continue;
            }
            match store.set(&key, &text) {
                Ok(()) => {
                    self.known.insert(key, Some(text));
                    report.written += 1;
                }
                Err(error) => {
                    report.refused = Some(error);
                    self.pending.insert(key, text);
                    break;
                }
            }
        }
        self.pending.extend(remaining);
        report
    }
}

/// Removes everything this app keeps in the store, set-aside records included, and nothing
/// of anyone else's.
pub fn delete_everything(store: &impl KeyValueStore) -> Result<usize, StorageError> {
    let ours: Vec<String> = store
        .keys()?
        .into_iter()
        .filter(|key| key.starts_with(KEY_PREFIX))
        .collect();
    for key in &ours {
        store.remove(key)?;
    }
    Ok(ours.len())
}

/// An in-memory store, for tests and for running when the browser offers no storage.
/// With a capacity set, writes beyond it are refused as a full browser store would.
#[derive(Default)]
pub struct MemoryStore {
    entries: RefCell<BTreeMap<String, String>>,
    capacity_bytes: Option<usize>,
}

impl MemoryStore {
    pub fn with_capacity(capacity_bytes: usize) -> MemoryStore {
        MemoryStore {
            entries: RefCell::default(),
            capacity_bytes: Some(capacity_bytes),
        }
    }
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Ok(self.entries.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        let mut entries = self.entries.borrow_mut();
        if let Some(capacity) = self.capacity_bytes {
            let others: usize = entries
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| k.len() + v.len())
                .sum();
            if others + key.len() + value.len() > capacity {
                return Err(StorageError::WriteRefused("quota exceeded".into()));
            }
        }
        entries.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.entries.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        Ok(self.entries.borrow().keys().cloned().collect())
    }
}
