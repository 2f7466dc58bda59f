//! The app's state without the browser: the repository of each record kind (`Records`) and
//! keeping records on the device (`Persistence`), driven against the in-memory store as the
//! app drives local storage: loading at start, saving changes, another tab's changes,
//! deleting, and records set aside.

use cpp_domain::assessment::Assessment;
use cpp_domain::rating::Rating;
use cpp_domain::session::Session;
use cpp_format::persistence::{self, Flushed, OtherTab, Persistence, SaveStatus};
use cpp_format::record::{self, Record};
use cpp_format::records::Records;
use cpp_format::store::{self, KeyValueStore, MemoryStore, StorageError};
use proptest::prelude::*;

const V1: &str = include_str!("fixtures/stored/assessment-v1.json");

fn assessment(id: &str) -> Assessment {
    let mut a = record::decode::<Assessment>(V1).expect("the version 1 fixture loads");
    a.id = id.into();
    a
}

fn ids<T: Record>(records: &[T]) -> Vec<&str> {
    records.iter().map(|r| r.id()).collect()
}

const NOW: &str = "2026-11-30T09:00:00.000Z";

// ---- Records: the repository ----

#[test]
fn insert_puts_a_new_record_first_and_refuses_an_id_already_here() {
    let mut records = Records::default();
    assert!(records.insert(assessment("first")));
    assert!(records.insert(assessment("second")));
    assert_eq!(ids(&records), ["second", "first"]);
    let mut copy = assessment("first");
    copy.details.partnership = "Another partnership".into();
    assert!(!records.insert(copy));
    assert_eq!(ids(&records), ["second", "first"]);
    assert_ne!(
        records.get("first").unwrap().details.partnership,
        "Another partnership"
    );
}

#[test]
fn update_stamps_and_returns_only_a_real_change() {
    let mut records = Records::from_loaded(vec![assessment("a")]);
    let before = records.get("a").unwrap().clone();
    // A change that changes nothing leaves the record and its time alone.
    assert!(records.update("a", NOW.into(), |_| {}).is_none());
    assert_eq!(records.get("a"), Some(&before));
    // A real change is stamped and returned for saving.
    let changed = records
        .update("a", NOW.into(), |a| {
            a.set_rating("participation-1", Rating::Level(2))
        })
        .cloned()
        .expect("a real change is returned");
    assert_eq!(changed.updated_at, NOW);
    assert_eq!(changed.rating("participation-1"), Some(Rating::Level(2)));
    assert_eq!(records.get("a"), Some(&changed));
    // An id that is not here changes nothing.
    assert!(records
        .update("missing", NOW.into(), |a| a.id = "x".into())
        .is_none());
}

#[test]
fn update_cannot_move_a_record_to_another_id() {
    let mut records = Records::from_loaded(vec![assessment("a"), assessment("b")]);
    assert!(records
        .update("a", NOW.into(), |a| a.id = "b".into())
        .is_none());
    assert_eq!(ids(&records), ["a", "b"]);
}

#[test]
fn upsert_replaces_the_copy_with_its_id_or_adds_first() {
    let mut records = Records::from_loaded(vec![assessment("a"), assessment("b")]);
    let mut newer = assessment("b");
    newer.updated_at = NOW.into();
    records.upsert(newer.clone());
    assert_eq!(ids(&records), ["a", "b"]);
    assert_eq!(records.get("b"), Some(&newer));
    records.upsert(assessment("c"));
    assert_eq!(ids(&records), ["c", "a", "b"]);
}

#[test]
fn remove_says_whether_there_was_a_record() {
    let mut records = Records::from_loaded(vec![assessment("a")]);
    assert!(!records.remove("missing"));
    assert!(records.remove("a"));
    assert!(records.is_empty());
}

#[test]
fn loaded_records_keep_one_copy_of_each_id() {
    let records = Records::from_loaded(vec![assessment("a"), assessment("b"), assessment("a")]);
    assert_eq!(ids(&records), ["a", "b"]);
}

#[derive(Debug, Clone)]
enum Operation {
    Insert(u8),
    Upsert(u8),
    Update(u8, u8),
    Remove(u8),
}

fn operation() -> impl Strategy<Value = Operation> {
    prop_oneof![
        (0u8..6).prop_map(Operation::Insert),
        (0u8..6).prop_map(Operation::Upsert),
        (0u8..6, 0u8..6).prop_map(|(id, to)| Operation::Update(id, to)),
        (0u8..6).prop_map(Operation::Remove),
    ]
}

proptest! {
    /// Whatever pages do, no two records share an id, and the list holds exactly the ids a
    /// simple set model of the same operations holds.
    #[test]
    fn ids_stay_unique_under_any_operations(operations in prop::collection::vec(operation(), 0..40)) {
        let mut records = Records::default();
        let mut model = std::collections::BTreeSet::new();
        for op in operations {
            match op {
                Operation::Insert(id) => {
                    let added = records.insert(assessment(&id.to_string()));
                    prop_assert_eq!(added, model.insert(id.to_string()));
                }
                Operation::Upsert(id) => {
                    records.upsert(assessment(&id.to_string()));
                    model.insert(id.to_string());
                }
                Operation::Update(id, to) => {
                    // Even a change that tries to take another record's id.
                    records.update(&id.to_string(), NOW.into(), |a| a.id = to.to_string());
                }
                Operation::Remove(id) => {
                    prop_assert_eq!(records.remove(&id.to_string()), model.remove(&id.to_string()));
                }
            }
            let mut held: Vec<String> = records.iter().map(|a| a.id.clone()).collect();
            held.sort();
            let before = held.len();
            held.dedup();
            prop_assert_eq!(held.len(), before);
            prop_assert_eq!(held, model.iter().cloned().collect::<Vec<_>>());
        }
    }
}

// ---- Persistence: keeping records on the device ----

fn stored_with(records: &[Assessment]) -> MemoryStore {
    let store = MemoryStore::default();
    let mut writer = Persistence::default();
    for record in records {
        writer.queue(record).unwrap();
    }
    writer.flush(Ok(&store), "09:00");
    store
}

#[test]
fn loading_at_start_reads_each_kind_and_describes_what_it_cannot_use() {
    let store = stored_with(&[assessment("good")]);
    store
        .set(&store::key::<Assessment>("garbled"), "{not json")
        .unwrap();
    let mut bad_id = assessment("bad id with spaces");
    bad_id.id = "has spaces".into();
    store
        .set(
            &store::key::<Assessment>("has spaces"),
            &record::encode(&bad_id).unwrap(),
        )
        .unwrap();
    let loaded = Persistence::default().load_start(Ok(&store), NOW);
    assert_eq!(ids(&loaded.assessments), ["good"]);
    assert!(loaded.sessions.is_empty() && loaded.loaded_questionnaires.is_empty());
    assert_eq!(
        loaded.problems,
        [
            "2 saved assessment(s) could not be read. They have been kept on this device, set aside, and were not deleted.".to_owned(),
            "A saved assessment cannot be used: The assessment has an id this tool does not make, so its pages could not be opened".to_owned(),
        ]
    );
}

#[test]
fn storage_that_cannot_be_read_is_reported_and_the_app_runs_without_it() {
    let loaded =
        Persistence::default().load_start(Err::<&MemoryStore, _>(StorageError::Unavailable), NOW);
    assert!(loaded.assessments.is_empty());
    assert_eq!(
        loaded.problems,
        ["This browser is not letting the tool store data on this device. You can still use it, but download a backup file before you close the page."]
    );
}

#[test]
fn a_flush_tells_the_save_indicator_what_happened() {
    let store = MemoryStore::default();
    let mut persistence = Persistence::default();
    // Nothing queued: the indicator stays as it is.
    assert_eq!(
        persistence.flush(Ok(&store), "09:00"),
        Flushed {
            status: None,
            reread: false
        }
    );
    persistence.queue(&assessment("a")).unwrap();
    assert!(persistence.has_unsaved_changes());
    assert_eq!(
        persistence.flush(Ok(&store), "09:01"),
        Flushed {
            status: Some(SaveStatus::Saved("09:01".into())),
            reread: false
        }
    );
    assert!(!persistence.has_unsaved_changes());
    // Storage gone: the change stays queued and the indicator says why.
    persistence.queue(&assessment("b")).unwrap();
    let failed = persistence.flush(Err::<&MemoryStore, _>(StorageError::Unavailable), "09:02");
    assert_eq!(
        failed.status,
        Some(SaveStatus::Failed(StorageError::Unavailable.to_string()))
    );
    assert!(persistence.has_unsaved_changes());
}

#[test]
fn a_full_store_keeps_the_change_queued_and_says_so() {
    let room = record::encode(&assessment("a")).unwrap().len() + 200;
    let store = MemoryStore::with_capacity(room);
    let mut persistence = Persistence::default();
    persistence.queue(&assessment("a")).unwrap();
    persistence.queue(&assessment("b")).unwrap();
    let flushed = persistence.flush(Ok(&store), "09:00");
    assert!(
        matches!(flushed.status, Some(SaveStatus::Failed(ref why)) if why.contains("storage is full"))
    );
    assert!(persistence.has_unsaved_changes());
}

#[test]
fn another_tabs_change_is_followed_and_a_dropped_change_is_reported() {
    let store = stored_with(&[assessment("a")]);
    let mut this_tab = Persistence::default();
    let loaded = this_tab.load_start(Ok(&store), NOW);
    assert_eq!(ids(&loaded.assessments), ["a"]);
    // This tab changes the record; before it is written, another tab changes it too.
    let mut ours = assessment("a");
    ours.set_rating("participation-1", Rating::Level(1));
    this_tab.queue(&ours).unwrap();
    let mut theirs = assessment("a");
    theirs.set_rating("participation-1", Rating::Level(6));
    let key = store::key::<Assessment>("a");
    store.set(&key, &record::encode(&theirs).unwrap()).unwrap();
    assert_eq!(
        this_tab.other_tab_changed(Ok(&store), Some(&key)),
        OtherTab::Changed {
            dropped_a_change: true
        }
    );
    assert!(!this_tab.has_unsaved_changes());
    let now_stored = Persistence::reread(Ok(&store), NOW).unwrap();
    assert_eq!(now_stored.assessments, [theirs.clone()]);
    // Keys that are not this app's are none of its business; clearing everything is.
    assert_eq!(
        this_tab.other_tab_changed(Ok(&store), Some("someone-else/key")),
        OtherTab::NotOurs
    );
    assert_eq!(
        this_tab.other_tab_changed(Ok(&store), None),
        OtherTab::Changed {
            dropped_a_change: false
        }
    );
    // Up to date now, this tab's next change is written over theirs.
    this_tab.queue(&ours).unwrap();
    assert_eq!(
        this_tab.flush(Ok(&store), "09:05").status,
        Some(SaveStatus::Saved("09:05".into()))
    );
}

#[test]
fn a_change_written_over_by_another_tab_at_flush_asks_for_a_reread() {
    let store = stored_with(&[assessment("a")]);
    let mut this_tab = Persistence::default();
    this_tab.load_start(Ok(&store), NOW);
    let mut theirs = assessment("a");
    theirs.set_rating("participation-2", Rating::Level(3));
    store
        .set(
            &store::key::<Assessment>("a"),
            &record::encode(&theirs).unwrap(),
        )
        .unwrap();
    // No storage event yet: the flush itself finds the newer copy.
    let mut ours = assessment("a");
    ours.set_rating("participation-2", Rating::Level(5));
    this_tab.queue(&ours).unwrap();
    assert_eq!(
        this_tab.flush(Ok(&store), "09:00"),
        Flushed {
            status: Some(SaveStatus::ChangedElsewhere),
            reread: true
        }
    );
    assert_eq!(
        Persistence::reread(Ok(&store), NOW).unwrap().assessments,
        [theirs]
    );
}

#[test]
fn records_read_after_start_are_described_like_those_at_start() {
    let store = MemoryStore::default();
    store.set(&store::key::<Session>("garbled"), "[]").unwrap();
    let mut persistence = Persistence::default();
    let (sessions, problems) = persistence.load_later::<Session>(Ok(&store), NOW, Ok);
    assert!(sessions.is_empty());
    assert_eq!(
        problems,
        ["1 saved board session(s) could not be read. They have been kept on this device, set aside, and were not deleted."]
    );
    let (_, problems) = persistence.load_later::<Session>(
        Err::<&MemoryStore, _>(StorageError::Unavailable),
        NOW,
        Ok,
    );
    assert_eq!(problems.len(), 1);
}

#[test]
fn deleting_removes_the_record_and_any_change_still_queued() {
    let store = stored_with(&[assessment("a"), assessment("b")]);
    let mut persistence = Persistence::default();
    persistence.load_start(Ok(&store), NOW);
    let mut changed = assessment("a");
    changed.set_rating("participation-1", Rating::Level(2));
    persistence.queue(&changed).unwrap();
    persistence.delete::<Assessment>(Ok(&store), "a").unwrap();
    assert!(!persistence.has_unsaved_changes());
    assert_eq!(persistence.flush(Ok(&store), "09:00").status, None);
    assert_eq!(
        ids(&Persistence::reread(Ok(&store), NOW).unwrap().assessments),
        ["b"]
    );
    assert_eq!(
        persistence.delete::<Assessment>(Err::<&MemoryStore, _>(StorageError::Unavailable), "b"),
        Err(StorageError::Unavailable)
    );
    assert_eq!(persistence.delete_everything(Ok(&store)), Ok(1));
    assert!(store.keys().unwrap().is_empty());
}

#[test]
fn a_refused_record_is_set_aside_and_the_message_says_where_it_is() {
    let store = stored_with(&[assessment("a")]);
    let message = persistence::set_aside_refused::<Assessment>(
        Ok(&store),
        "a",
        NOW,
        "The saved assessment cannot be used: it is wrong",
    );
    assert_eq!(
        message,
        "The saved assessment cannot be used: it is wrong. It has been kept on this device, set aside, and was not deleted."
    );
    assert!(store.get(&store::key::<Assessment>("a")).unwrap().is_none());
    assert_eq!(store.keys().unwrap().len(), 1, "kept under a set-aside key");
    let message = persistence::set_aside_refused::<Assessment>(
        Err::<&MemoryStore, _>(StorageError::Unavailable),
        "a",
        NOW,
        "It is wrong",
    );
    assert_eq!(
        message,
        "It is wrong. It could not be set aside, so it is left where it was."
    );
}
