//! Members' response files into a board session's ballot box: many at once, including
//! malformed, duplicate, changed, wrong-version, wrong-session and hostile files. Good files
//! become anonymous ballots, bad ones are reported by name, reports never name a ballot, and
//! a refused file never changes the session.

use cpp_domain::assessment::{Assessment, AssessmentDetails};
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::rating::Rating;
use cpp_domain::session::{Session, SessionDetails};
use cpp_format::import::{
    import_responses, read_session, withdraw_responses, FileReport, IncomingFile, MAX_FILE_BYTES,
};
use cpp_format::response_file::{self, Response};
use cpp_format::{questionnaire_file, record};

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
        "2026-11-23T09:00:00.000Z".into(),
    )
}

fn assessment(q: &Questionnaire, level: u8) -> Assessment {
    let details = AssessmentDetails {
        partnership: "Anytown CPP".into(),
        date: "2026-11-20".into(),
        assessor_role: "Secret role".into(),
    };
    let mut a = Assessment::new("a".into(), q, details, "2026-11-20T10:00:00Z".into());
    for e in q.expectations() {
        let rating = if e.id.ends_with("-2") {
            Rating::DontKnow
        } else {
            Rating::Level(level)
        };
        a.set_rating(&e.id, rating);
        a.set_note(&e.id, "Names a colleague: must never reach the session");
    }
    a
}

fn response(q: &Questionnaire, token_byte: u8, level: u8) -> Response {
    response_file::from_assessment(
        q,
        &assessment(q, level),
        &response_file::token_from_bytes(&[token_byte; 16]),
        "Anytown CPP",
        "2026-11-23",
    )
}

fn file(name: &str, bytes: Vec<u8>) -> IncomingFile {
    IncomingFile {
        name: name.into(),
        contents: Ok(bytes),
    }
}

fn encoded(response: &Response) -> Vec<u8> {
    record::encode(response).unwrap().into_bytes()
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
fn a_response_holds_ratings_only() {
    let q = questionnaire();
    let text = record::encode_pretty(&response(&q, 1, 4)).unwrap();
    for private in ["Names a colleague", "Secret role", "assessor_role", "\"a\""] {
        assert!(!text.contains(private), "{private} is in the response");
    }
    assert!(text.contains("\"format\": \"cpp-self-assessment.response\""));
    assert!(text.contains("\"partnership\": \"Anytown CPP\""));
    assert!(text.contains("\"date\": \"2026-11-23\""));
}

#[test]
fn a_batch_of_good_and_bad_files() {
    let q = questionnaire();
    let mut s = session(&q);
    let mut old_version = response(&q, 4, 3);
    old_version.questionnaire_version = "0.9.0".into();
    let mut other_questionnaire = response(&q, 5, 3);
    other_questionnaire.questionnaire_id = "another-questionnaire".into();
    let mut off_scale = response(&q, 6, 3);
    off_scale
        .ratings
        .insert("participation-1".into(), Rating::Level(9));
    let mut bad_token = response(&q, 7, 3);
    bad_token.token = "<script>alert(1)</script>".into();
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(encoded(&response(&q, 3, 5)));
    let mut files = vec![
        file("jane-smith.json", encoded(&response(&q, 1, 4))),
        file("member-b.json", encoded(&response(&q, 2, 2))),
        file("jane-smith-again.json", encoded(&response(&q, 1, 4))),
        file("with-bom.json", with_bom),
        file("old-version.json", encoded(&old_version)),
        file("other.json", encoded(&other_questionnaire)),
        file("off-scale.json", encoded(&off_scale)),
        file("bad-token.json", encoded(&bad_token)),
        file(
            "whole-assessment.json",
            record::encode(&assessment(&q, 4)).unwrap().into_bytes(),
        ),
        file("empty.json", Vec::new()),
        file(
            "truncated.json",
            encoded(&response(&q, 8, 4))[..200].to_vec(),
        ),
        file(
            "picture.png",
            vec![0x89, b'P', b'N', b'G', 0xff, 0xfe, 0x00],
        ),
        file("notes.json", b"{\"hello\": \"world\"}".to_vec()),
        file(
            "a-session.json",
            record::encode(&session(&q)).unwrap().into_bytes(),
        ),
        file("huge.json", vec![b' '; MAX_FILE_BYTES + 1]),
    ];
    files.push(IncomingFile {
        name: "unreadable.json".into(),
        contents: Err("The browser could not read the file".into()),
    });
    let import = import_responses(&mut s, &q, &files, false);
    let reports = &import.reports;
    assert_eq!(reports.len(), files.len());
    assert!(import.held.is_empty());
    for name in ["jane-smith.json", "member-b.json", "with-bom.json"] {
        assert_eq!(
            outcome(reports, name),
            Ok("Added to the ballot box".into()),
            "{name}"
        );
    }
    let refused = |name: &str, words: &str| {
        let reason = outcome(reports, name).expect_err(name);
        assert!(reason.contains(words), "{name}: {reason}");
    };
    refused("jane-smith-again.json", "already in the ballot box");
    refused("old-version.json", "version 0.9.0");
    refused("other.json", "different questionnaire");
    refused("off-scale.json", "cannot be used");
    refused("bad-token.json", "token");
    refused("whole-assessment.json", "whole saved assessment");
    refused("empty.json", "empty");
    refused("truncated.json", "not readable JSON");
    refused("picture.png", "not a text file");
    refused("notes.json", "not a saved response");
    refused("a-session.json", "saved board session");
    refused("huge.json", "too large");
    refused("unreadable.json", "could not read");
    // No report ever names or numbers a ballot.
    for report in reports {
        let text = format!("{:?}", report.outcome);
        assert!(
            !text.contains("Member") && !text.contains("ballot 1"),
            "{text}"
        );
    }

    assert_eq!(s.ballot_count(), 3);
    s.close_ballot_box().unwrap();
    assert_eq!(s.answered("participation-1"), Some(3));
    assert_eq!(s.answered("participation-2"), Some(3));
    let stored = record::encode(&s).unwrap();
    for private in [
        "Names a colleague",
        "Secret role",
        "jane-smith",
        "assessor_role",
    ] {
        assert!(!stored.contains(private), "{private} reached the session");
    }
}

#[test]
fn a_changed_mind_replaces_the_earlier_response() {
    let q = questionnaire();
    let mut s = session(&q);
    import_responses(
        &mut s,
        &q,
        &[file("first.json", encoded(&response(&q, 1, 2)))],
        false,
    );
    let import = import_responses(
        &mut s,
        &q,
        &[file("second.json", encoded(&response(&q, 1, 5)))],
        false,
    );
    assert!(outcome(&import.reports, "second.json")
        .unwrap()
        .contains("replaces an earlier response"));
    assert_eq!(s.ballot_count(), 1);
    s.set_anonymity_threshold(3).unwrap();
    for token in [2, 3] {
        import_responses(
            &mut s,
            &q,
            &[file("more.json", encoded(&response(&q, token, 5)))],
            false,
        );
    }
    s.close_ballot_box().unwrap();
    let d = s.private_spread("participation-1").unwrap();
    assert_eq!(
        (d.count(2), d.count(5)),
        (0, 3),
        "only the later response counts"
    );
}

#[test]
fn a_response_for_another_session_waits_for_the_facilitator() {
    let q = questionnaire();
    let mut s = session(&q);
    let mut other_partnership = response(&q, 1, 4);
    other_partnership.partnership = "Othertown CPP".into();
    let mut other_date = response(&q, 2, 4);
    other_date.date = "2025-01-01".into();
    let mut same_but_typed_differently = response(&q, 3, 4);
    same_but_typed_differently.partnership = "  anytown   cpp ".into();
    let files = [
        file("other-partnership.json", encoded(&other_partnership)),
        file("other-date.json", encoded(&other_date)),
        file("typed.json", encoded(&same_but_typed_differently)),
    ];
    let before = s.clone();
    let import = import_responses(&mut s, &q, &files[..2], false);
    assert_eq!(s, before, "held files change nothing");
    assert_eq!(import.held, files[..2].to_vec());
    assert!(outcome(&import.reports, "other-partnership.json")
        .unwrap_err()
        .contains("another partnership (Othertown CPP"));
    assert!(outcome(&import.reports, "other-date.json")
        .unwrap_err()
        .contains("another date"));
    let confirmed = import_responses(&mut s, &q, &import.held, true);
    assert!(confirmed.reports.iter().all(|r| r.outcome.is_ok()));
    let typed = import_responses(&mut s, &q, &files[2..], false);
    assert!(
        typed.reports[0].outcome.is_ok(),
        "spacing and case do not matter"
    );
    assert_eq!(s.ballot_count(), 3);
}

#[test]
fn nothing_goes_in_or_out_once_the_ballot_box_is_closed() {
    let q = questionnaire();
    let mut s = session(&q);
    let first = file("first.json", encoded(&response(&q, 1, 4)));
    import_responses(&mut s, &q, std::slice::from_ref(&first), false);
    let withdrawn = withdraw_responses(&mut s, std::slice::from_ref(&first));
    assert_eq!(
        withdrawn[0].outcome,
        Ok("Withdrawn from the ballot box".into())
    );
    assert_eq!(s.ballot_count(), 0);
    import_responses(&mut s, &q, std::slice::from_ref(&first), false);
    s.reveal("participation-1").unwrap();
    let before = s.clone();
    let late = import_responses(
        &mut s,
        &q,
        &[file("late.json", encoded(&response(&q, 2, 1)))],
        true,
    );
    assert!(late.reports[0]
        .outcome
        .as_ref()
        .unwrap_err()
        .contains("ballot box closed"));
    let withdrawn = withdraw_responses(&mut s, &[first]);
    assert!(withdrawn[0].outcome.is_err());
    assert_eq!(s, before);
}

#[test]
fn session_files_round_trip_exactly_without_a_turn_in_progress() {
    let q = questionnaire();
    let mut s = session(&q);
    import_responses(
        &mut s,
        &q,
        &[file("a.json", encoded(&response(&q, 1, 4)))],
        false,
    );
    s.consensus_mut("participation-1").rating = Some(Rating::Level(3));
    s.consensus_mut("participation-1").rationale =
        "Mixed evidence; \"quotes\" and <b>markup</b> kept as text".into();
    s.reveal("participation-1").unwrap();
    let text = record::encode_for_file(&s).unwrap();
    let back = read_session(text.as_bytes(), std::slice::from_ref(&q)).unwrap();
    assert_eq!(back, s);
    assert_eq!(record::encode(&back).unwrap(), text);

    let mut open = session(&q);
    open.start_turn("turn-1".into()).unwrap();
    open.rate_in_turn("turn-1", "participation-1", Rating::Level(6))
        .unwrap();
    let file_text = record::encode_for_file(&open).unwrap();
    assert!(
        !file_text.contains("turn-1"),
        "a turn in progress stays on the device"
    );
    assert!(
        record::encode(&open).unwrap().contains("turn-1"),
        "but is kept in storage"
    );

    let unknown = text.replace(
        "principles-of-effective-community-planning",
        "a-questionnaire-we-do-not-have",
    );
    assert!(read_session(unknown.as_bytes(), std::slice::from_ref(&q))
        .unwrap_err()
        .contains("does not have"));
}

#[test]
fn an_earlier_file_to_compare_with_is_an_assessment_or_session_on_the_same_questionnaire() {
    use cpp_format::import::{read_earlier, EarlierRecord};
    let q = questionnaire();
    let a = assessment(&q, 4);
    let s = session(&q);
    assert!(matches!(
        read_earlier(record::encode(&a).unwrap().as_bytes(), &q),
        Ok(EarlierRecord::Assessment(read)) if read == a
    ));
    assert!(matches!(
        read_earlier(record::encode(&s).unwrap().as_bytes(), &q),
        Ok(EarlierRecord::Session(read)) if read == s
    ));
    let response = record::encode(&response(&q, 1, 4)).unwrap();
    assert_eq!(
        read_earlier(response.as_bytes(), &q).unwrap_err(),
        "This is not an assessment or board session file from this tool"
    );
    let mut other = a.clone();
    other.questionnaire_id = "board-member-checklist".into();
    other.responses.clear();
    assert_eq!(
        read_earlier(record::encode(&other).unwrap().as_bytes(), &q).unwrap_err(),
        "It answers a different questionnaire, so it cannot be compared"
    );
    let mut off_scale = a;
    off_scale.set_rating("participation-1", Rating::Level(9));
    assert!(read_earlier(record::encode(&off_scale).unwrap().as_bytes(), &q).is_err());
}
