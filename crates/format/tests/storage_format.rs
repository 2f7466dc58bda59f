//! Stored records: every released schema version loads (fixtures kept in the repo), saving
//! round-trips exactly, unreadable records are set aside rather than deleted, records from
//! a newer version are left alone, and a full store refuses a write without losing data.

use cpp_domain::assessment::Assessment;
use cpp_domain::plan::{ActionStatus, Owner, Reason};
use cpp_domain::questionnaire::Timescale;
use cpp_domain::rating::Rating;
use cpp_domain::session::{AgendaOrder, Sector, Session};
use cpp_format::record::{self, DecodeError};
use cpp_format::store::{self, FlushReport, KeyValueStore, MemoryStore, StorageError, WriteQueue};

const V1: &str = include_str!("fixtures/stored/assessment-v1.json");
const SESSION_V1: &str = include_str!("fixtures/stored/session-v1.json");

fn v1_assessment() -> Assessment {
    record::decode::<Assessment>(V1).expect("the version 1 fixture loads")
}

#[test]
fn version_1_records_load_with_every_field() {
    let a = v1_assessment();
    assert_eq!(a.id, "mwt9k2abc");
    assert_eq!(
        a.details.partnership,
        "Anytown Community Planning Partnership"
    );
    assert_eq!(a.details.assessor_role, "Board member");
    assert_eq!(a.rating("participation-1"), Some(Rating::Level(4)));
    assert_eq!(a.rating("participation-2"), Some(Rating::DontKnow));
    assert_eq!(a.rating("inequalities-1"), None);
    assert_eq!(
        a.response("inequalities-1").map(|r| r.note.as_str()),
        Some("Note only, no rating yet")
    );
    let owners: Vec<&Owner> = a.plan.actions.iter().map(|x| &x.owner).collect();
    assert_eq!(
        owners,
        [
            &Owner::Partner("Police Scotland".into()),
            &Owner::Other("Third sector interface".into()),
            &Owner::Unassigned
        ]
    );
    assert_eq!(a.plan.actions[1].timescale, Timescale::Long);
    // Version 1 actions addressed one expectation; version 2 lists them.
    assert_eq!(a.plan.actions[0].expectation_ids, ["participation-1"]);
    assert_eq!(a.plan.actions[1].expectation_ids, ["inequalities-1"]);
    assert_eq!(a.plan.actions[0].status, ActionStatus::NotStarted);
    assert_eq!(a.plan.actions[0].reason, Reason::AddedByUser);
    assert!(a.plan.review_date.is_empty() && a.plan.targets.is_empty());
    assert_eq!(a.plan.actions[2].measure, "");
    assert_eq!(a.plan.next_action_number, 4);
}

#[test]
fn encode_then_decode_is_exact() {
    let a = v1_assessment();
    let text = record::encode(&a).unwrap();
    assert_eq!(record::decode::<Assessment>(&text), Ok(a.clone()));
    // And again: the encoding is stable.
    assert_eq!(
        record::encode(&record::decode::<Assessment>(&text).unwrap()).unwrap(),
        text
    );
    // The fields added since: a member's ballot's session code, a board's size.
    let mut ballot = a;
    ballot.board_session = Some(4_821);
    let text = record::encode(&ballot).unwrap();
    assert_eq!(record::decode::<Assessment>(&text), Ok(ballot));
    let mut s: Session = record::decode(include_str!("fixtures/stored/session-v3.json")).unwrap();
    s.set_board_size(Some(7)).unwrap();
    s.set_meeting_minutes(Some(120));
    s.start_clock("2026-11-23T10:00:00.000Z".into());
    let text = record::encode(&s).unwrap();
    let back = record::decode::<Session>(&text).unwrap();
    assert_eq!(back.board_size(), Some(7));
    assert_eq!(back.meeting(), s.meeting());
}

#[test]
fn saved_assessments_load_back_newest_first() {
    let store = MemoryStore::default();
    let mut older = v1_assessment();
    older.id = "older".into();
    older.updated_at = "2026-01-01T00:00:00.000Z".into();
    let newer = v1_assessment();
    let mut queue = WriteQueue::default();
    queue.queue(&older).unwrap();
    queue.queue(&newer).unwrap();
    assert_eq!(queue.flush(&store).written, 2);
    let report = store::load_checked::<Assessment>(&store, "now", Ok).unwrap();
    let ids: Vec<&str> = report.records.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["mwt9k2abc", "older"]);
    assert!(report.set_aside.is_empty() && report.from_newer_version.is_empty());

    queue.delete::<Assessment>(&store, "older").unwrap();
    assert_eq!(
        store::load_checked::<Assessment>(&store, "now", Ok)
            .unwrap()
            .records
            .len(),
        1
    );
}

#[test]
fn unreadable_records_are_set_aside_not_deleted() {
    let store = MemoryStore::default();
    let mut queue = WriteQueue::default();
    queue.queue(&v1_assessment()).unwrap();
    queue.flush(&store);
    let broken_key = store::key::<Assessment>("broken");
    store
        .set(
            &broken_key,
            "{\"format\":\"cpp-self-assessment.assessment\",\"schema_v",
        )
        .unwrap();
    store.set("unrelated-key", "left alone").unwrap();

    let report = store::load_checked::<Assessment>(&store, "2026-11-23T10:00:00Z", Ok).unwrap();
    assert_eq!(report.records.len(), 1);
    assert_eq!(report.set_aside.len(), 1);
    assert_eq!(store.get(&broken_key).unwrap(), None);
    assert_eq!(
        store.get(&report.set_aside[0]).unwrap().as_deref(),
        Some("{\"format\":\"cpp-self-assessment.assessment\",\"schema_v")
    );
    assert_eq!(
        store.get("unrelated-key").unwrap().as_deref(),
        Some("left alone")
    );
    // Loading again finds nothing new to set aside.
    assert!(store::load_checked::<Assessment>(&store, "later", Ok)
        .unwrap()
        .set_aside
        .is_empty());
}

#[test]
fn records_from_a_newer_version_are_refused_and_kept() {
    let store = MemoryStore::default();
    let newer = V1.replace("\"schema_version\":1", "\"schema_version\":7");
    assert_ne!(newer, V1);
    let key = store::key::<Assessment>("from-the-future");
    store.set(&key, &newer).unwrap();
    let report = store::load_checked::<Assessment>(&store, "now", Ok).unwrap();
    assert!(report.records.is_empty());
    assert_eq!(report.from_newer_version, std::slice::from_ref(&key));
    assert_eq!(store.get(&key).unwrap(), Some(newer.clone()));
    assert_eq!(
        record::decode::<Assessment>(&newer),
        Err(DecodeError::Newer { schema_version: 7 })
    );
}

#[test]
fn a_full_store_refuses_the_write_and_keeps_the_last_saved_copy() {
    let a = v1_assessment();
    let key = store::key::<Assessment>(&a.id);
    let room_for_a = key.len() + record::encode(&a).unwrap().len();
    let store = MemoryStore::with_capacity(room_for_a + 12_000);
    store.set("another-app/cache", &"y".repeat(5_000)).unwrap();
    let mut queue = WriteQueue::default();
    queue.queue(&a).unwrap();
    assert_eq!(queue.flush(&store).written, 1);
    let mut bigger = a.clone();
    bigger.set_note("participation-1", &"x".repeat(10_000));
    queue.queue(&bigger).unwrap();
    let report = queue.flush(&store);
    assert!(matches!(
        report.refused,
        Some(StorageError::WriteRefused(_))
    ));
    let kept = store::load_checked::<Assessment>(&store, "now", Ok).unwrap();
    assert_eq!(kept.records, [a]);
    // The refused change stays queued, and is written once there is room.
    assert!(queue.has_pending());
    store.remove("another-app/cache").unwrap();
    assert_eq!(queue.flush(&store).written, 1);
    assert_eq!(
        store::load_checked::<Assessment>(&store, "now", Ok)
            .unwrap()
            .records,
        [bigger]
    );
}

#[test]
fn version_1_sessions_load_with_every_link_between_members_and_ratings_dropped() {
    let s: Session = record::decode(SESSION_V1).expect("the version 1 session fixture loads");
    assert_eq!(
        s.details.partnership,
        "Anytown Community Planning Partnership"
    );
    // Members 1 and 2 finished; member 3's turn was unfinished and is discarded unseen.
    assert_eq!(s.ballot_count(), 2);
    assert!(!s.has_turn_in_progress());
    assert_eq!(s.attendance(Sector::NhsBoard), 1);
    assert_eq!(s.attendance(Sector::PoliceScotland), 0);
    // A spread was revealed, so the ballot box is closed, with the threshold as it was.
    assert!(s.ballot_box_is_closed());
    assert!(s.is_revealed("participation-1"));
    assert_eq!(s.anonymity_threshold(), 6);
    // The show of hands stays apart from the two private ballots.
    assert_eq!(s.answered("participation-1"), Some(2));
    assert_eq!(s.private_spread("participation-1"), None);
    assert_eq!(s.hands["participation-1"].levels[&5], 3);
    assert_eq!(s.hands["participation-1"].dont_know, 1);
    assert_eq!(
        s.consensus_rating("participation-1"),
        Some(Rating::Level(4))
    );
    assert_eq!(
        s.consensus["participation-1"].actions_arising,
        "Map community bodies"
    );
    assert_eq!(s.plan.actions.len(), 1);
    assert_eq!(s.plan.actions[0].expectation_ids, ["participation-1"]);
    let stored = record::encode(&s).unwrap();
    for link in [
        "Member 1",
        "member-1",
        "label",
        "abc123",
        "police_scotland",
        "participants",
        "method",
    ] {
        assert!(!stored.contains(link), "{link} survived the migration");
    }
    assert_eq!(record::decode::<Session>(&stored), Ok(s));
}

#[test]
fn sessions_and_assessments_are_stored_apart() {
    let store = MemoryStore::default();
    let session: Session = record::decode(SESSION_V1).unwrap();
    let mut queue = WriteQueue::default();
    queue.queue(&session).unwrap();
    queue.queue(&v1_assessment()).unwrap();
    queue.flush(&store);
    assert_eq!(
        store::load_checked::<Session>(&store, "now", Ok)
            .unwrap()
            .records,
        [session]
    );
    assert_eq!(
        store::load_checked::<Assessment>(&store, "now", Ok)
            .unwrap()
            .records
            .len(),
        1
    );
}

#[test]
fn deleting_everything_removes_only_this_apps_keys() {
    use cpp_format::store::{delete_everything, KeyValueStore, MemoryStore};
    let store = MemoryStore::default();
    store.set("cpp-self-assessment/assessment/a", "{}").unwrap();
    store
        .set(
            "cpp-self-assessment/set-aside/2026/cpp-self-assessment/session/b",
            "x",
        )
        .unwrap();
    store.set("another-app/settings", "keep").unwrap();
    assert_eq!(delete_everything(&store).unwrap(), 2);
    assert_eq!(store.keys().unwrap(), ["another-app/settings"]);
}

#[test]
fn a_change_made_in_another_tab_is_never_overwritten() {
    let store = MemoryStore::default();
    let original = v1_assessment();
    let key = store::key::<Assessment>(&original.id);
    // Both tabs load the same record.
    let mut first_tab = WriteQueue::default();
    first_tab.queue(&original).unwrap();
    first_tab.flush(&store);
    let loaded = store::load_checked::<Assessment>(&store, "now", Ok).unwrap();
    let mut second_tab = WriteQueue::default();
    for (key, text) in loaded.seen {
        second_tab.saw(key, Some(text));
    }
    // The first tab saves a change; the second, not yet told, saves another.
    let mut from_first = original.clone();
    from_first.set_rating("participation-1", Rating::Level(6));
    first_tab.queue(&from_first).unwrap();
    assert_eq!(first_tab.flush(&store).written, 1);
    let mut from_second = original.clone();
    from_second.set_rating("participation-2", Rating::Level(1));
    second_tab.queue(&from_second).unwrap();
    assert_eq!(
        second_tab.flush(&store),
        FlushReport {
            written: 0,
            changed_elsewhere: vec![key.clone()],
            refused: None,
        }
    );
    let stored = store::load_checked::<Assessment>(&store, "now", Ok)
        .unwrap()
        .records;
    assert_eq!(stored, [from_first.clone()]);
    // Now up to date, the second tab's next change is written.
    from_second = from_first.clone();
    from_second.set_rating("participation-2", Rating::Level(1));
    second_tab.queue(&from_second).unwrap();
    assert_eq!(second_tab.flush(&store).written, 1);
    // A record deleted in one tab is not brought back by the other.
    second_tab
        .delete::<Assessment>(&store, &original.id)
        .unwrap();
    first_tab.queue(&from_first).unwrap();
    assert_eq!(first_tab.flush(&store).changed_elsewhere, [key]);
    assert!(store::load_checked::<Assessment>(&store, "now", Ok)
        .unwrap()
        .records
        .is_empty());
}

#[test]
fn queued_changes_to_one_record_are_written_once_as_the_latest() {
    let store = MemoryStore::default();
    let mut queue = WriteQueue::default();
    let mut assessment = v1_assessment();
    for level in 1..=6 {
        assessment.set_rating("participation-1", Rating::Level(level));
        queue.queue(&assessment).unwrap();
    }
    assert_eq!(queue.flush(&store).written, 1);
    assert!(!queue.has_pending());
    assert_eq!(
        store::load_checked::<Assessment>(&store, "now", Ok)
            .unwrap()
            .records,
        [assessment]
    );
}

/// Every kind of stored record at every schema version it has had, read from fixture files
/// written by that version. A change to a stored type that breaks one of these needs a new
/// schema version and a migration.
#[test]
fn fixtures_of_every_stored_kind_and_version_still_read() {
    use cpp_domain::quiz::QuizProgress;
    use cpp_format::adviser_file::Collection;
    use cpp_format::questionnaire_file::LoadedQuestionnaire;

    let a: Assessment = record::decode(include_str!("fixtures/stored/assessment-v2.json")).unwrap();
    assert_eq!(a.rating("participation-1"), Some(Rating::Level(4)));
    assert_eq!(a.rating("participation-2"), Some(Rating::DontKnow));
    assert_eq!(a.details.assessor_role, "Board member");

    let a: Assessment = record::decode(include_str!("fixtures/stored/assessment-v3.json")).unwrap();
    assert_eq!(a.response_token.as_deref(), Some("f3c9a1d27b604e58"));
    assert_eq!(
        a.board_session, None,
        "version 3 had no joined board session"
    );
    assert_eq!(a.rating("participation-1"), Some(Rating::Level(4)));

    let s: Session = record::decode(include_str!("fixtures/stored/session-v2.json")).unwrap();
    assert_eq!(s.ballot_count(), 1);
    assert!(!s.ballot_box_is_closed());
    assert!(
        !record::encode(&s).unwrap().contains("fixture-a2"),
        "the source assessment is forgotten"
    );
    assert_eq!(
        s.consensus_rating("participation-1"),
        Some(Rating::Level(3))
    );

    let s: Session = record::decode(include_str!("fixtures/stored/session-v3.json")).unwrap();
    assert_eq!(s.ballot_count(), 2);
    assert_eq!(s.board_size(), None, "version 3 had no board size");
    assert_eq!(s.attendance_total(), 4);
    assert_eq!(
        s.consensus["participation-1"].actions_arising,
        "Ask the partners"
    );

    let s: Session = record::decode(include_str!("fixtures/stored/session-v4.json")).unwrap();
    assert_eq!(s.board_size(), Some(7));
    assert_eq!(s.agenda_order(), Some(AgendaOrder::Disagreement));
    assert_eq!(
        s.meeting(),
        None,
        "version 4 had no time for the discussion"
    );

    let s: Session = record::decode(include_str!("fixtures/stored/session-v5.json")).unwrap();
    assert_eq!(s.meeting().map(|m| m.minutes), Some(90));
    assert_eq!(s.ballot_count(), 2);
    let stored: serde_json::Value = serde_json::from_str(&record::encode(&s).unwrap()).unwrap();
    assert_eq!(
        stored["session"]["ballots"],
        serde_json::json!({
            "expectations": ["participation-1", "participation-2"],
            "ballots": [
                { "ratings": "2-" },
                { "token": "code-04821337", "ratings": "4?" },
            ],
        }),
        "version 6 keeps each expectation's id once and a character per rating"
    );

    let c: Collection = record::decode(include_str!("fixtures/stored/collection-v1.json")).unwrap();
    assert_eq!(c.submissions[0].partnership_code, "CPP-07");
    assert_eq!(c.threshold, 5);
    assert_eq!(
        (c.representation.rule, c.stale_after_months),
        (cpp_domain::collation::Rule::LatestFile, 12),
        "a collection from before the rule could be chosen keeps the latest file of either kind"
    );

    let q: LoadedQuestionnaire =
        record::decode(include_str!("fixtures/stored/questionnaire-v1.json")).unwrap();
    assert_eq!(q.id, "anytown-locality-planning@1.0.0");
    assert!(cpp_format::questionnaire_file::parse(&q.text).is_ok());

    let p: QuizProgress =
        record::decode(include_str!("fixtures/stored/quiz-progress-v1.json")).unwrap();
    let attempt = p.current.expect("an attempt under way");
    assert_eq!(attempt.order.len(), 40);
    assert_eq!(attempt.answers.len(), 1);
}

/// A record serde refuses to write as JSON: its map is keyed by pairs, not strings.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct Unwritable {
    id: String,
    updated_at: String,
    by_pair: std::collections::BTreeMap<(u8, u8), u8>,
}

impl record::Record for Unwritable {
    const FORMAT_NAME: &'static str = "cpp-self-assessment.unwritable";
    const SCHEMA_VERSION: u32 = 1;
    const KIND: &'static str = "unwritable";
    const NOUN: &'static str = "test record";
    const FILE_SUFFIX: &'static str = "unwritable";
    const MIGRATIONS: &'static [record::Migration] = &[];
    fn id(&self) -> &str {
        &self.id
    }
    fn updated_at(&self) -> &str {
        &self.updated_at
    }
    fn set_updated_at(&mut self, now: String) {
        self.updated_at = now;
    }
    fn partnership(&self) -> &str {
        ""
    }
    fn questionnaire(&self) -> (&str, &str) {
        ("", "")
    }
}

#[test]
fn a_record_that_cannot_be_written_is_refused_never_stored_as_null() {
    let unwritable = Unwritable {
        id: "u1".into(),
        updated_at: "2026-11-23T10:00:00.000Z".into(),
        by_pair: [((1, 2), 3)].into(),
    };
    for (what, result) in [
        ("stored", record::encode(&unwritable)),
        ("for a file", record::encode_for_file(&unwritable)),
        ("laid out", record::encode_pretty(&unwritable)),
    ] {
        let problem = result.expect_err(what);
        assert!(
            problem
                .to_string()
                .starts_with("It could not be written as a file ("),
            "{what}: {problem}"
        );
    }
    let mut queue = WriteQueue::default();
    assert!(queue.queue(&unwritable).is_err());
    assert!(!queue.has_pending(), "nothing is queued in its place");
    let memory = MemoryStore::default();
    queue.flush(&memory);
    assert!(memory.keys().unwrap().is_empty());
}
