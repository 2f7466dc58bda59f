//! Keeping records (assessments, board sessions) in a key-value store (the browser's local
//! storage in the app, a map in tests): one key per record, every write checked,
//! unreadable records moved aside and records from newer versions left untouched.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::record::{self, DecodeError, Record};

const KEY_PREFIX: &str = "cpp-self-assessment/";
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
    /// Unreadable records, moved to a set-aside key so nothing is deleted.
    pub set_aside: Vec<String>,
    /// Records written by a newer version of the tool, left where they are.
    pub from_newer_version: Vec<String>,
}

fn prefix<T: Record>() -> String {
    format!("{KEY_PREFIX}{}/", T::KIND)
}

pub fn key<T: Record>(id: &str) -> String {
    format!("{}{id}", prefix::<T>())
}

pub fn load_all<T: Record>(
    store: &impl KeyValueStore,
    now: &str,
) -> Result<LoadReport<T>, StorageError> {
    let mut report = LoadReport {
        records: Vec::new(),
        set_aside: Vec::new(),
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
        match record::decode::<T>(&text) {
            Ok(record) => report.records.push(record),
            Err(DecodeError::Newer { .. }) => report.from_newer_version.push(key),
            Err(_) => {
                let aside = format!("{SET_ASIDE_PREFIX}{now}/{key}");
                store.set(&aside, &text)?;
                store.remove(&key)?;
                report.set_aside.push(aside);
            }
        }
    }
    // Most recently changed first, as the start page lists them.
    report
        .records
        .sort_by(|a, b| b.updated_at().cmp(a.updated_at()).then(a.id().cmp(b.id())));
    Ok(report)
}

pub fn save<T: Record>(store: &impl KeyValueStore, record: &T) -> Result<(), StorageError> {
    store.set(&key::<T>(record.id()), &record::encode(record))
}

pub fn delete<T: Record>(store: &impl KeyValueStore, id: &str) -> Result<(), StorageError> {
    store.remove(&key::<T>(id))
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
