//! Importing members' response files into a board session: many at once, including
//! malformed, duplicate, wrong-version and hostile files. Good files are added, bad ones are
//! reported by name, and a bad file never changes the session.

use cpp_self_assessment::domain::assessment::{Assessment, AssessmentDetails};
use cpp_self_assessment::domain::questionnaire::Questionnaire;
use cpp_self_assessment::domain::rating::Rating;
use cpp_self_assessment::domain::session::{Session, SessionDetails};
use cpp_self_assessment::format::import::{
    import_responses, read_session, FileReport, IncomingFile, MAX_FILE_BYTES,
};
use cpp_self_assessment::format::questionnaire_file;
use cpp_self_assessment::format::record;

fn questionnaire() -> Questionnaire {
    questionnaire_file::bundled().unwrap().remove(0)
}

fn session(q: &Questionnaire) -> Session {
    Session::new(
        "s1".into(),
        q,
        SessionDetails {
            partnership: "Anytown CPP".into(),
            date: "2026-11-23".into(),
        },
        "t".into(),
    )
}

fn response_file(q: &Questionnaire, id: &str, level: u8) -> Vec<u8> {
    let details = AssessmentDetails {
        partnership: "Anytown CPP".into(),
        date: "2026-11-20".into(),
        assessor_role: "Member".into(),
    };
    let mut a = Assessment::new(id.into(), q, details, "2026-11-20T10:00:00Z".into());
    for e in q.expectations() {
        a.set_rating(
            &e.id,
            if e.id.ends_with("-2") {
                Rating::DontKnow
            } else {
                Rating::Level(level)
            },
        );
        a.set_note(&e.id, "Names a colleague: must never reach the session");
    }
    record::encode(&a).into_bytes()
}

fn outcome(reports: &[FileReport], name: &str) -> Result<String, String> {
    reports
        .iter()
        .find(|r| r.file_name == name)
        .unwrap()
        .outcome
        .clone()
}

#[test]
fn a_batch_of_good_and_bad_files() {
    let q = questionnaire();
    let mut s = session(&q);
    let mut wrong_version = String::from_utf8(response_file(&q, "v2", 3)).unwrap();
    wrong_version = wrong_version.replace(
        "\"questionnaire_version\":\"1.0.0\"",
        "\"questionnaire_version\":\"0.9.0\"",
    );
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(response_file(&q, "bom", 5));
    let named: Vec<(String, Vec<u8>)> = vec![
        ("member-a.json".into(), response_file(&q, "a", 4)),
        ("member-b.json".into(), response_file(&q, "b", 2)),
        ("member-a-again.json".into(), response_file(&q, "a", 6)),
        ("old-version.json".into(), wrong_version.into_bytes()),
        ("empty.json".into(), Vec::new()),
        (
            "truncated.json".into(),
            response_file(&q, "t", 4)[..200].to_vec(),
        ),
        (
            "picture.png".into(),
            vec![0x89, b'P', b'N', b'G', 0xff, 0xfe, 0x00],
        ),
        ("notes.json".into(), b"{\"hello\": \"world\"}".to_vec()),
        (
            "a-session.json".into(),
            record::encode(&session(&q)).into_bytes(),
        ),
        ("huge.json".into(), vec![b' '; MAX_FILE_BYTES + 1]),
        ("with-bom.json".into(), with_bom),
        (
            "script.json".into(),
            String::from_utf8(response_file(&q, "x", 4))
                .unwrap()
                .replace("\"id\":\"x\"", "\"id\":{\"<script>\":1}")
                .into_bytes(),
        ),
    ];
    let mut files: Vec<IncomingFile> = named
        .into_iter()
        .map(|(name, bytes)| IncomingFile {
            name,
            contents: Ok(bytes),
        })
        .collect();
    files.push(IncomingFile {
        name: "unreadable.json".into(),
        contents: Err("The browser could not read the file".into()),
    });
    let reports = import_responses(&mut s, &q, &files);
    assert_eq!(reports.len(), files.len());
    assert_eq!(outcome(&reports, "member-a.json"), Ok("Member 1".into()));
    assert_eq!(outcome(&reports, "member-b.json"), Ok("Member 2".into()));
    assert_eq!(outcome(&reports, "with-bom.json"), Ok("Member 3".into()));
    let refused = |name: &str, words: &str| {
        let reason = outcome(&reports, name).expect_err(name);
        assert!(reason.contains(words), "{name}: {reason}");
    };
    refused("member-a-again.json", "already in the session as Member 1");
    refused("old-version.json", "version 0.9.0");
    refused("empty.json", "empty");
    refused("truncated.json", "not readable JSON");
    refused("picture.png", "not a text file");
    refused("notes.json", "not a saved assessment");
    refused(
        "a-session.json",
        "This is a saved board session, not a saved assessment",
    );
    refused("huge.json", "too large");
    refused("script.json", "damaged");
    refused("unreadable.json", "could not read");

    assert_eq!(s.participants.len(), 3);
    let d = s.distribution("participation-1");
    assert_eq!((d.count(4), d.count(2), d.count(5)), (1, 1, 1));
    assert_eq!(s.distribution("participation-2").dont_know, 3);
    let stored = record::encode(&s);
    assert!(
        !stored.contains("Names a colleague"),
        "evidence notes never enter a session"
    );
    assert!(
        !stored.contains("assessor_role"),
        "assessor roles never enter a session"
    );
}

#[test]
fn session_files_round_trip_exactly() {
    let q = questionnaire();
    let mut s = session(&q);
    import_responses(
        &mut s,
        &q,
        &[IncomingFile {
            name: "a.json".into(),
            contents: Ok(response_file(&q, "a", 4)),
        }],
    );
    s.consensus_mut("participation-1").rating = Some(Rating::Level(3));
    s.consensus_mut("participation-1").rationale =
        "Mixed evidence; \"quotes\" and <b>markup</b> kept as text".into();
    s.revealed.insert("participation-1".into());
    let text = record::encode(&s);
    let back = read_session(text.as_bytes(), std::slice::from_ref(&q)).unwrap();
    assert_eq!(back, s);
    assert_eq!(record::encode(&back), text);

    let unknown = text.replace(
        "principles-of-effective-community-planning",
        "a-questionnaire-we-do-not-have",
    );
    assert!(read_session(unknown.as_bytes(), std::slice::from_ref(&q))
        .unwrap_err()
        .contains("does not have"));
    assert!(
        read_session(&response_file(&q, "a", 4), std::slice::from_ref(&q))
            .unwrap_err()
            .contains("not a saved board session")
    );
}
