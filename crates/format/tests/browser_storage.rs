//! The browser's local storage through `BrowserStore`, in headless Chromium: records round
//! trip through the real storage, and a write beyond the browser's quota comes back as a
//! `WriteRefused` error, not a panic, with the earlier data intact.
#![cfg(target_arch = "wasm32")]

use cpp_format::browser_storage::BrowserStore;
use cpp_format::store::{KeyValueStore, StorageError};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn store() -> BrowserStore {
    let store = BrowserStore::open().expect("local storage is available in the test browser");
    for key in store.keys().unwrap() {
        store.remove(&key).unwrap();
    }
    store
}

#[wasm_bindgen_test]
fn values_round_trip_and_keys_are_listed() {
    let store = store();
    store
        .set("cpp-self-assessment/assessment/a", "{\"x\":1}")
        .unwrap();
    store
        .set("cpp-self-assessment/assessment/b", "second")
        .unwrap();
    assert_eq!(
        store
            .get("cpp-self-assessment/assessment/a")
            .unwrap()
            .as_deref(),
        Some("{\"x\":1}")
    );
    assert_eq!(store.get("missing").unwrap(), None);
    let mut keys = store.keys().unwrap();
    keys.sort();
    assert_eq!(
        keys,
        [
            "cpp-self-assessment/assessment/a",
            "cpp-self-assessment/assessment/b"
        ]
    );
    store.remove("cpp-self-assessment/assessment/a").unwrap();
    assert_eq!(store.keys().unwrap(), ["cpp-self-assessment/assessment/b"]);
}

#[wasm_bindgen_test]
fn a_write_past_the_quota_is_refused_and_reported() {
    let store = store();
    store.set("kept", "earlier data").unwrap();
    // Browsers allow about 5 MB per origin; 12 million characters is well past that.
    let huge = "x".repeat(12_000_000);
    match store.set("too-big", &huge) {
        Err(StorageError::WriteRefused(detail)) => assert!(!detail.is_empty()),
        other => panic!("expected the write to be refused, got {other:?}"),
    }
    assert_eq!(store.get("kept").unwrap().as_deref(), Some("earlier data"));
    assert_eq!(store.get("too-big").unwrap(), None);
    store.remove("kept").unwrap();
}
