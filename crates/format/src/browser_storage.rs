//! The browser's local storage as a `KeyValueStore`. Every call is checked: a browser may
//! block storage entirely or refuse a write when full, and neither may crash the app.

use super::store::{KeyValueStore, StorageError};

pub struct BrowserStore {
    storage: web_sys::Storage,
}

impl BrowserStore {
    /// The page's local storage, or `None` when the browser does not offer it.
    pub fn open() -> Option<BrowserStore> {
        // Some locked-down browsers throw when storage is touched: that is `None` too.
        let storage = web_sys::window()?.local_storage().ok().flatten()?;
        Some(BrowserStore { storage })
    }
}

fn describe(error: wasm_bindgen::JsValue) -> String {
    js_sys::Error::from(error)
        .message()
        .as_string()
        .unwrap_or_else(|| "unknown error".into())
}

impl KeyValueStore for BrowserStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.storage
            .get_item(key)
            .map_err(|_| StorageError::Unavailable)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.storage
            .set_item(key, value)
            .map_err(|e| StorageError::WriteRefused(describe(e)))
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.storage
            .remove_item(key)
            .map_err(|_| StorageError::Unavailable)
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let length = self
            .storage
            .length()
            .map_err(|_| StorageError::Unavailable)?;
        let mut keys = Vec::with_capacity(length as usize);
        for index in 0..length {
            if let Some(key) = self
                .storage
                .key(index)
                .map_err(|_| StorageError::Unavailable)?
            {
                keys.push(key);
            }
        }
        Ok(keys)
    }
}
