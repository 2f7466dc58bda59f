//! Fuzzing every parser and validator the app runs on files people bring in: random bytes,
//! and valid files with bytes flipped, cut short, repeated or spliced. Nothing may panic;
//! every input is either read or refused with a message.
//!
//! `FUZZ_CASES` sets the number of inputs per parser (a short run by default, as in CI);
//! `scripts/fuzz.sh` runs a long one.

use cpp_domain::assessment::{Assessment, AssessmentDetails};
use cpp_domain::collation::{collate, Filter};
use cpp_domain::quiz::QuizProgress;
use cpp_domain::rating::Rating;
use cpp_domain::session::{Session, SessionDetails};
use cpp_format::adviser_file::{self, check_collection, import_files, AdviserChoices, Collection};
use cpp_format::import::{
    check_shape, file_text, import_responses, read_board_view, read_record, withdraw_responses,
    IncomingFile,
};
use cpp_format::{questionnaire_file, quiz_file, record, response_file};
use proptest::prelude::*;
use proptest::test_runner::Config;

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
}

/// Valid files of every kind, to mutate.
fn seeds() -> Vec<Vec<u8>> {
    let questionnaires = questionnaire_file::bundled().unwrap();
    let q = &questionnaires[0];
    let mut assessment = Assessment::new(
        "a1".into(),
        q,
        AssessmentDetails {
            partnership: "Anytown CPP".into(),
            date: "2026-11-23".into(),
            assessor_role: "Board member".into(),
        },
        "2026-11-23T10:00:00.000Z".into(),
    );
    assessment.set_rating("participation-1", Rating::Level(4));
    assessment.set_rating("participation-2", Rating::DontKnow);
    let mut session = Session::new(
        "s1".into(),
        q,
        SessionDetails {
            partnership: "Anytown CPP".into(),
            date: "2026-11-23".into(),
        },
        "t".into(),
    );
    let response = response_file::from_assessment(
        q,
        &assessment,
        &response_file::token_from_bytes(&[7; 16]),
        "Anytown CPP",
        "2026-11-23",
    );
    import_responses(
        &mut session,
        q,
        &[IncomingFile {
            name: "r.json".into(),
            contents: Ok(record::encode(&response).unwrap().into_bytes()),
        }],
        false,
    );
    assert_eq!(session.ballot_count(), 1);
    let adviser = adviser_file::from_assessment(
        q,
        &assessment,
        &AdviserChoices {
            partnership_code: "CPP-07".into(),
            include_name: true,
            include_sectors: false,
        },
    );
    vec![
        record::encode(&assessment).unwrap().into_bytes(),
        record::encode(&session).unwrap().into_bytes(),
        record::encode(&response).unwrap().into_bytes(),
        include_str!("fixtures/stored/session-v2.json")
            .as_bytes()
            .to_vec(),
        record::encode(&adviser).unwrap().into_bytes(),
        questionnaire_file::BUNDLED[1].1.as_bytes().to_vec(),
        include_str!("fixtures/stored/assessment-v1.json")
            .as_bytes()
            .to_vec(),
        include_str!("fixtures/stored/session-v1.json")
            .as_bytes()
            .to_vec(),
        include_str!("fixtures/stored/quiz-progress-v1.json")
            .as_bytes()
            .to_vec(),
        include_str!("fixtures/stored/collection-v1.json")
            .as_bytes()
            .to_vec(),
    ]
}

/// Runs an input through every reader; a panic fails the test.
fn read_everything(bytes: &[u8]) {
    let questionnaires = questionnaire_file::bundled().unwrap();
    let q = &questionnaires[0];
    let _ = read_record::<Assessment>(bytes, &questionnaires);
    let _ = read_record::<Session>(bytes, &questionnaires);
    let _ = read_board_view(bytes, q);
    let _ = cpp_format::backup::read(bytes, &questionnaires);
    let file = IncomingFile {
        name: "fuzz.json".into(),
        contents: Ok(bytes.to_vec()),
    };
    let mut collection = Collection::default();
    let _ = import_files(
        &mut collection,
        &questionnaires,
        std::slice::from_ref(&file),
    );
    // Whatever was accepted can be collated, under any filter.
    let _ = collate(
        q,
        &collection.submissions,
        &collection.representation,
        &Filter::default(),
        3,
    );
    let mut session = Session::new(
        "s".into(),
        q,
        SessionDetails {
            partnership: "A".into(),
            date: "2026-11-23".into(),
        },
        "t".into(),
    );
    let _ = import_responses(&mut session, q, std::slice::from_ref(&file), false);
    let _ = import_responses(&mut session, q, std::slice::from_ref(&file), true);
    let _ = withdraw_responses(&mut session, &[file]);
    if let Ok(text) = file_text(bytes) {
        let _ = questionnaire_file::check_new(text, &questionnaires);
        // Stored and restored questionnaires are read without path tracking: never more
        // leniently than the full check.
        if questionnaire_file::parse(text).is_err() {
            assert!(questionnaire_file::parse_known(text).is_err());
        }
        let _ = quiz_file::parse(text);
        if let Ok(progress) = record::decode::<QuizProgress>(text) {
            let quiz = quiz_file::bundled().unwrap();
            let _ = quiz_file::check_progress(progress, &quiz);
        }
        if let Ok(assessment) = record::decode::<Assessment>(text) {
            let _ = check_shape(&assessment);
        }
        if let Ok(stored) = record::decode::<Collection>(text) {
            if let Ok(checked) = check_collection(stored, &questionnaires) {
                let _ = collate(
                    q,
                    &checked.submissions,
                    &checked.representation,
                    &Filter::default(),
                    3,
                );
            }
        }
    }
}

/// A valid file changed in one of the ways files get damaged.
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    let seeds = seeds();
    (
        0..seeds.len(),
        any::<usize>(),
        any::<usize>(),
        any::<u8>(),
        0u8..5,
    )
        .prop_map(move |(which, at, len, byte, how)| {
            let mut bytes = seeds[which].clone();
            let at = at % bytes.len();
            match how {
                0 => bytes[at] = byte,
                1 => bytes.truncate(at),
                2 => {
                    let end = (at + len % 64).min(bytes.len());
                    let chunk = bytes[at..end].to_vec();
                    bytes.splice(at..at, chunk);
                }
                3 => {
                    let end = (at + len % 64).min(bytes.len());
                    bytes.drain(at..end);
                }
                _ => bytes.insert(at, byte),
            }
            bytes
        })
}

proptest! {
    #![proptest_config(Config { cases: cases(), failure_persistence: None, ..Config::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        read_everything(&bytes);
    }

    #[test]
    fn damaged_files_never_panic(bytes in mutated()) {
        read_everything(&bytes);
    }

    #[test]
    fn ballot_codes_never_panic(text in "[0-9A-Za-z -]{0,120}") {
        let questionnaires = questionnaire_file::bundled().unwrap();
        let _ = cpp_format::ballot_code::read(&text, "s1", &questionnaires[0]);
    }

    #[test]
    fn random_json_values_never_panic(text in "[\\[\\]{}\",:0-9a-z_ .-]{0,400}") {
        read_everything(text.as_bytes());
    }
}
