//! Every kind of file the app accepts (assessment and session files, members' response
//! files, adviser files and collections, a board's agreed ratings, questionnaires) goes
//! through the same first checks and is refused with a message saying what is wrong when it
//! is empty, truncated, binary, wrongly encoded, too big, too deeply nested, wrongly typed
//! or out of range.

use cpp_domain::assessment::{Assessment, AssessmentDetails};
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::rating::Rating;
use cpp_domain::session::{Session, SessionDetails};
use cpp_format::adviser_file::{import_files, Collection};
use cpp_format::import::{
    import_responses, read_board_view, read_record, IncomingFile, MAX_FILE_BYTES,
};
use cpp_format::questionnaire_file::{self, check_new};
use cpp_format::{record, response_file};

fn questionnaire() -> Questionnaire {
    questionnaire_file::bundled().unwrap().remove(0)
}

fn assessment(q: &Questionnaire) -> Assessment {
    let mut a = Assessment::new(
        "a1".into(),
        q,
        AssessmentDetails {
            partnership: "Anytown CPP".into(),
            date: "2026-11-23".into(),
            assessor_role: String::new(),
        },
        "2026-11-23T10:00:00.000Z".into(),
    );
    a.set_rating("participation-1", Rating::Level(4));
    a
}

/// Reads a file's bytes as one kind of file, returning why it was refused.
type Reader = Box<dyn Fn(&[u8]) -> Result<(), String>>;

/// One reader per kind of file.
fn readers() -> Vec<(&'static str, Reader)> {
    let q = questionnaire();
    let all = questionnaire_file::bundled().unwrap();
    let (q1, q2, q3, q4, all1, all2) = (
        q.clone(),
        q.clone(),
        q.clone(),
        q.clone(),
        all.clone(),
        all.clone(),
    );
    vec![
        (
            "assessment file",
            Box::new(move |b| read_record::<Assessment>(b, &all1).map(drop)),
        ),
        (
            "session file",
            Box::new(move |b| read_record::<Session>(b, &all2).map(drop)),
        ),
        (
            "response file",
            Box::new(move |b| {
                let mut session = Session::new(
                    "s".into(),
                    &q1,
                    SessionDetails {
                        partnership: "A".into(),
                        date: "2026-11-23".into(),
                    },
                    "t".into(),
                );
                let file = IncomingFile {
                    name: "f.json".into(),
                    contents: Ok(b.to_vec()),
                };
                import_responses(&mut session, &q1, &[file], true)
                    .reports
                    .remove(0)
                    .outcome
                    .map(drop)
            }),
        ),
        (
            "adviser file",
            Box::new(move |b| {
                let mut collection = Collection::default();
                let file = IncomingFile {
                    name: "f.json".into(),
                    contents: Ok(b.to_vec()),
                };
                let report =
                    import_files(&mut collection, std::slice::from_ref(&q2), &[file]).remove(0);
                report.outcome.map(drop)
            }),
        ),
        (
            "board's ratings",
            Box::new(move |b| read_board_view(b, &q3).map(drop)),
        ),
        (
            "questionnaire",
            Box::new(move |b| {
                let text = cpp_format::import::file_text(b)?;
                check_new(text, std::slice::from_ref(&q4))
                    .map(drop)
                    .map_err(|e| e.to_string())
            }),
        ),
    ]
}

fn refused(reader: &str, read: &dyn Fn(&[u8]) -> Result<(), String>, bytes: &[u8], expected: &str) {
    match read(bytes) {
        Ok(()) => panic!("{reader}: accepted a file that should be refused ({expected})"),
        Err(message) => assert!(
            message.to_lowercase().contains(&expected.to_lowercase()),
            "{reader}: expected a message about {expected:?}, got {message:?}"
        ),
    }
}

#[test]
fn broken_files_of_every_kind_are_refused_with_a_reason() {
    let q = questionnaire();
    let valid = record::encode(&assessment(&q)).unwrap();
    let truncated = valid[..valid.len() / 2].to_owned();
    let nested = format!("{}{}", "[".repeat(5_000), "]".repeat(5_000));
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("{\"format\": 1}".encode_utf16().flat_map(u16::to_le_bytes));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "empty"),
        ("only spaces", b"  \n\t ".to_vec(), "empty"),
        (
            "too big",
            vec![b' '; MAX_FILE_BYTES + 1]
                .into_iter()
                .chain(*b"{}")
                .collect(),
            "too large",
        ),
        (
            "binary",
            vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF],
            "not a text file",
        ),
        ("NUL bytes", b"{\"format\": \"x\0\"}".to_vec(), "binary"),
        ("UTF-16", utf16, "UTF-16"),
        ("truncated", truncated.into_bytes(), ""),
        ("deeply nested", nested.into_bytes(), ""),
        ("not JSON", b"Partnership: Anytown".to_vec(), ""),
    ];
    for (reader, read) in readers() {
        for (case, bytes, expected) in &cases {
            refused(&format!("{reader}, {case}"), read.as_ref(), bytes, expected);
        }
    }
}

#[test]
fn out_of_range_and_wrongly_typed_ratings_are_refused() {
    let q = questionnaire();
    let all = questionnaire_file::bundled().unwrap();
    let mut bad_level = assessment(&q);
    bad_level.set_rating("participation-2", Rating::Level(9));
    let message = read_record::<Assessment>(record::encode(&bad_level).unwrap().as_bytes(), &all)
        .unwrap_err();
    assert_eq!(
        message,
        "The file cannot be used: its rating 9 for \"participation-2\" is not on the six-point evaluative scale (1 to 6)"
    );
    let mut unknown = assessment(&q);
    unknown.set_rating("made-up-expectation", Rating::Level(3));
    let message =
        read_record::<Assessment>(record::encode(&unknown).unwrap().as_bytes(), &all).unwrap_err();
    assert!(
        message.contains("\"made-up-expectation\", which is not an expectation"),
        "{message}"
    );
    let wrong_type = record::encode(&assessment(&q))
        .unwrap()
        .replace("{\"level\":4}", "\"very good\"");
    assert!(wrong_type.contains("very good"));
    let message = read_record::<Assessment>(wrong_type.as_bytes(), &all).unwrap_err();
    assert!(
        message.starts_with("The data is damaged or incomplete"),
        "{message}"
    );
    // A response file with a level off the scale never reaches the session.
    let mut session = Session::new(
        "s".into(),
        &q,
        SessionDetails {
            partnership: "A".into(),
            date: "2026-11-23".into(),
        },
        "t".into(),
    );
    let response = response_file::from_assessment(
        &q,
        &bad_level,
        &response_file::token_from_bytes(&[1; 16]),
        "A",
        "2026-11-23",
    );
    let file = IncomingFile {
        name: "member.json".into(),
        contents: Ok(record::encode(&response).unwrap().into_bytes()),
    };
    let import = import_responses(&mut session, &q, &[file], true);
    assert!(import.reports[0]
        .outcome
        .as_ref()
        .unwrap_err()
        .contains("rating 9"));
    assert_eq!(session.ballot_count(), 0);
}

#[test]
fn markup_in_text_is_kept_as_text() {
    let q = questionnaire();
    let mut hostile = assessment(&q);
    hostile.details.partnership = "<img src=x onerror=alert(1)>Anytown".into();
    hostile.set_note(
        "participation-1",
        "=HYPERLINK(\"http://example.org\")<script>alert(1)</script>",
    );
    let all = questionnaire_file::bundled().unwrap();
    let read =
        read_record::<Assessment>(record::encode(&hostile).unwrap().as_bytes(), &all).unwrap();
    // Read back exactly; escaping is the job of whatever shows or exports it.
    assert_eq!(read, hostile);
}

#[test]
fn records_whose_ids_dates_or_times_routes_and_merges_cannot_trust_are_refused() {
    let q = questionnaire();
    let all = questionnaire_file::bundled().unwrap();
    type Spoil = fn(&mut Assessment);
    let cases: &[(&str, Spoil, &str)] = &[
        (
            "an id that opens another page",
            |a| a.id = "victim/delete".into(),
            "id this tool does not make",
        ),
        (
            "an id with a space",
            |a| a.id = "has space".into(),
            "id this tool does not make",
        ),
        (
            "an empty id",
            |a| a.id = String::new(),
            "id this tool does not make",
        ),
        (
            "a date that is not a date",
            |a| a.details.date = "9999-99-99".into(),
            "not a real date",
        ),
        (
            "a time that sorts after every time",
            |a| a.updated_at = "~~~~".into(),
            "not a real time",
        ),
        (
            "a time with no zone",
            |a| a.updated_at = "2026-11-23T10:00:00".into(),
            "not a real time",
        ),
    ];
    for (what, spoil, expected) in cases {
        let mut a = assessment(&q);
        spoil(&mut a);
        let message = read_record::<Assessment>(record::encode(&a).unwrap().as_bytes(), &all)
            .expect_err(what);
        assert!(message.contains(expected), "{what}: {message}");
        assert_eq!(cpp_format::import::check_shape(&a), Err(message));
    }
    assert!(
        read_record::<Assessment>(record::encode(&assessment(&q)).unwrap().as_bytes(), &all)
            .is_ok()
    );
}

#[test]
fn a_session_claiming_a_billion_hands_is_refused() {
    use cpp_domain::session::HandCount;
    let q = questionnaire();
    let all = questionnaire_file::bundled().unwrap();
    let mut session = Session::new(
        "s1".into(),
        &q,
        SessionDetails {
            partnership: "A".into(),
            date: "2026-11-23".into(),
        },
        "2026-11-23T10:00:00.000Z".into(),
    );
    session
        .set_hands(
            "participation-1",
            HandCount {
                levels: [(4, 999)].into(),
                dont_know: 999,
            },
        )
        .unwrap();
    assert!(read_record::<Session>(record::encode(&session).unwrap().as_bytes(), &all).is_ok());
    session
        .set_hands(
            "participation-1",
            HandCount {
                levels: [(4, 1_000_000_000)].into(),
                dont_know: 0,
            },
        )
        .unwrap();
    let message =
        read_record::<Session>(record::encode(&session).unwrap().as_bytes(), &all).unwrap_err();
    assert!(message.contains("more than any board has"), "{message}");
}
