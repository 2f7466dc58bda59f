//! Ballot codes: every ballot survives the QR digits and the typed code; any one wrong
//! character or swap of neighbours in a typed code is caught and its group named; a wrong
//! or swapped digit is caught; ballots for another session, questionnaire or format are
//! refused with their reason.

use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::rating::Rating;
use cpp_format::ballot_code::{
    self, digit_count, read, session_code, to_digits, to_typed, typed_length, BallotCode,
    BallotCodeError, TOKEN_LIMIT,
};
use cpp_format::questionnaire_file;
use proptest::prelude::*;

const SESSION: &str = "mwt9k2abc";

fn national() -> Questionnaire {
    questionnaire_file::bundled().unwrap().remove(0)
}

fn ballot(ratings: Vec<Option<Rating>>) -> BallotCode {
    BallotCode {
        session: session_code(SESSION),
        token: 12_345_678,
        ratings,
    }
}

/// A ballot with some of every kind of slot.
fn mixed(q: &Questionnaire) -> BallotCode {
    let values: Vec<u8> = q.scale.levels.iter().map(|l| l.value).collect();
    ballot(
        (0..q.expectation_count())
            .map(|i| match i % (values.len() + 2) {
                0 => None,
                1 => Some(Rating::DontKnow),
                n => Some(Rating::Level(values[n - 2])),
            })
            .collect(),
    )
}

const ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn any_ballot() -> impl Strategy<Value = BallotCode> {
    let q = national();
    let values: Vec<u8> = q.scale.levels.iter().map(|l| l.value).collect();
    let slot = prop_oneof![
        Just(None),
        Just(Some(Rating::DontKnow)),
        proptest::sample::select(values).prop_map(|v| Some(Rating::Level(v))),
    ];
    (
        (0..1000u32).prop_map(|n| session_code(&format!("s{n}"))),
        0..TOKEN_LIMIT,
        proptest::collection::vec(slot, q.expectation_count()),
    )
        .prop_filter("a ballot with at least one rating", |(_, _, r)| {
            r.iter().any(Option::is_some)
        })
        .prop_map(|(session, token, ratings)| BallotCode {
            session,
            token,
            ratings,
        })
}

/// Reads a code as the session it was made for (one of `s0` to `s999`).
fn read_own(
    text: &str,
    ballot: &BallotCode,
    q: &Questionnaire,
) -> Result<BallotCode, BallotCodeError> {
    let id = (0..1000)
        .map(|n| format!("s{n}"))
        .find(|id| session_code(id) == ballot.session)
        .unwrap();
    read(text, &id, q)
}

#[test]
fn the_national_questionnaires_ballot_fits_a_small_qr_code_and_a_short_typed_code() {
    let q = national();
    assert_eq!(q.expectation_count(), 33);
    // 1 version, 6 session, 4 questionnaire, 8 token, 30 ratings, 2 check digits: a QR
    // code of version 2 (77 digits at the lowest correction, 63 at M) holds it.
    assert_eq!(digit_count(&q), 51);
    assert_eq!(typed_length(&q), 45);
    let typed = to_typed(&mixed(&q), &q).unwrap();
    assert_eq!(
        typed.len(),
        45 + 8,
        "nine groups of five, joined by hyphens: {typed}"
    );
    assert!(typed.split('-').all(|group| group.len() == 5));
}

#[test]
fn a_ballot_reads_back_from_its_digits_and_its_typed_code() {
    let q = national();
    let ballot = mixed(&q);
    let digits = to_digits(&ballot, &q).unwrap();
    assert!(digits.bytes().all(|b| b.is_ascii_digit()));
    assert_eq!(read(&digits, SESSION, &q), Ok(ballot.clone()));
    let typed = to_typed(&ballot, &q).unwrap();
    assert_eq!(read(&typed, SESSION, &q), Ok(ballot.clone()));
    // Case, spaces and the letters people type for digits do not matter.
    let relaxed = typed
        .to_lowercase()
        .replace('-', " ")
        .replace('0', "o")
        .replace('1', "l");
    assert_eq!(read(&relaxed, SESSION, &q), Ok(ballot));
}

#[test]
fn ballots_for_another_session_questionnaire_or_format_are_refused() {
    let q = national();
    let ballot = mixed(&q);
    let digits = to_digits(&ballot, &q).unwrap();
    assert_eq!(
        read(&digits, "another-session", &q),
        Err(BallotCodeError::OtherSession)
    );
    let mut newer = q.clone();
    newer.version = "2.0.0".into();
    assert_eq!(
        read(&digits, SESSION, &newer),
        Err(BallotCodeError::OtherQuestionnaire)
    );
    let later_format = format!("2{}", &digits[1..]);
    assert_eq!(
        read(&later_format, SESSION, &q),
        Err(BallotCodeError::NewerFormat)
    );
    assert_eq!(read("12345", SESSION, &q), Err(BallotCodeError::NotABallot));
    assert_eq!(
        read("", SESSION, &q),
        Err(BallotCodeError::WrongLength {
            expected: 45,
            found: 0
        })
    );
    assert_eq!(read("ÄÖÜ", SESSION, &q), Err(BallotCodeError::NotABallot));
    // A ballot with nothing rated is not one; the phone never offers it.
    let empty = ballot_code::to_digits(&ballot_with_nothing(&q), &q).unwrap();
    assert_eq!(read(&empty, SESSION, &q), Err(BallotCodeError::Unusable));
}

fn ballot_with_nothing(q: &Questionnaire) -> BallotCode {
    ballot(vec![None; q.expectation_count()])
}

#[test]
fn a_ballot_that_does_not_fit_the_questionnaire_makes_no_code() {
    let q = national();
    assert_eq!(to_digits(&ballot(vec![Some(Rating::DontKnow)]), &q), None);
    let mut off_scale = mixed(&q);
    off_scale.ratings[0] = Some(Rating::Level(200));
    assert_eq!(to_typed(&off_scale, &q), None);
    let mut big_token = mixed(&q);
    big_token.token = TOKEN_LIMIT;
    assert_eq!(to_digits(&big_token, &q), None);
}

#[test]
fn mistakes_are_described_by_group() {
    for (groups, message) in [
        (vec![3], "Group 3 has a mistake: check it against the phone"),
        (
            vec![2, 5],
            "Group 2 and group 5 have mistakes: check them against the phone",
        ),
        (
            vec![1, 2, 9],
            "Group 1, group 2 and group 9 have mistakes: check them against the phone",
        ),
    ] {
        assert_eq!(BallotCodeError::MistypedGroups(groups).to_string(), message);
    }
}

proptest! {
    #[test]
    fn every_ballot_survives_both_codes(ballot in any_ballot()) {
        let q = national();
        let digits = to_digits(&ballot, &q).unwrap();
        prop_assert_eq!(digits.len(), digit_count(&q));
        prop_assert_eq!(read_own(&digits, &ballot, &q), Ok(ballot.clone()));
        let typed = to_typed(&ballot, &q).unwrap();
        prop_assert_eq!(read_own(&typed, &ballot, &q), Ok(ballot.clone()));
    }

    #[test]
    fn any_one_wrong_typed_character_is_caught_in_its_group(
        ballot in any_ballot(),
        position in 0..45usize,
        replacement in proptest::sample::select(ALPHABET.chars().collect::<Vec<_>>()),
    ) {
        let q = national();
        let mut typed: Vec<char> = to_typed(&ballot, &q).unwrap().replace('-', "").chars().collect();
        prop_assume!(typed[position] != replacement);
        typed[position] = replacement;
        let typed: String = typed.into_iter().collect();
        prop_assert_eq!(
            read_own(&typed, &ballot, &q),
            Err(BallotCodeError::MistypedGroups(vec![position / 5 + 1]))
        );
    }

    #[test]
    fn any_swap_of_neighbouring_typed_characters_is_caught(ballot in any_ballot(), position in 0..44usize) {
        let q = national();
        let mut typed: Vec<char> = to_typed(&ballot, &q).unwrap().replace('-', "").chars().collect();
        prop_assume!(typed[position] != typed[position + 1]);
        typed.swap(position, position + 1);
        let typed: String = typed.into_iter().collect();
        let read = read_own(&typed, &ballot, &q);
        prop_assert!(matches!(read, Err(BallotCodeError::MistypedGroups(_))), "{:?}", read);
    }

    #[test]
    fn any_one_wrong_or_swapped_digit_is_caught(ballot in any_ballot(), position in 0..50usize, digit in 0..10u8) {
        let q = national();
        let digits: Vec<char> = to_digits(&ballot, &q).unwrap().chars().collect();
        let mut wrong = digits.clone();
        let replacement = char::from(b'0' + digit);
        if wrong[position] != replacement {
            wrong[position] = replacement;
            let read = read_own(&wrong.iter().collect::<String>(), &ballot, &q);
            prop_assert!(read.is_err(), "{:?}", read);
        }
        let mut swapped = digits;
        if swapped[position] != swapped[position + 1] {
            swapped.swap(position, position + 1);
            let read = read_own(&swapped.iter().collect::<String>(), &ballot, &q);
            prop_assert!(read.is_err(), "{:?}", read);
        }
    }
}

#[test]
fn a_members_assessment_hands_in_as_a_code_and_arrives_as_its_ballot() {
    use cpp_domain::assessment::{Assessment, AssessmentDetails};
    let q = national();
    let mut assessment = Assessment::new(
        "a1".into(),
        &q,
        AssessmentDetails {
            partnership: "Anytown CPP".into(),
            date: "2026-11-23".into(),
            assessor_role: "Board member".into(),
        },
        "2026-11-23T10:00:00.000Z".into(),
    );
    let ids: Vec<String> = q.expectations().map(|e| e.id.clone()).collect();
    assessment.set_rating(&ids[0], Rating::Level(5));
    assessment.set_rating(&ids[32], Rating::DontKnow);
    let code = BallotCode::from_assessment(&q, &assessment, session_code(SESSION), "member-token");
    let typed = to_typed(&code, &q).unwrap();
    let read_back = read(&typed, SESSION, &q).unwrap();
    assert_eq!(read_back.receipt(), code.receipt());
    assert_eq!(code.receipt().len(), 4);
    let ballot = read_back.into_ballot(&q);
    assert_eq!(
        ballot.ratings.len(),
        2,
        "unrated expectations stay unanswered"
    );
    assert_eq!(ballot.ratings[&ids[0]], Rating::Level(5));
    assert_eq!(ballot.ratings[&ids[32]], Rating::DontKnow);
    // The same assessment handed in again carries the same token, so it replaces itself.
    let again = BallotCode::from_assessment(&q, &assessment, session_code(SESSION), "member-token");
    assert_eq!(again.into_ballot(&q).token, ballot.token);
}

/// A member who sends a response file and then shows a code from the same assessment (or
/// the other way round) is one ballot: the later replaces the earlier, and the same
/// ratings again change nothing. Withdrawing the file takes the ballot out, however it came.
#[test]
fn a_members_response_file_and_code_are_one_ballot() {
    use cpp_domain::assessment::{Assessment, AssessmentDetails};
    use cpp_domain::session::{BallotAdded, Session, SessionDetails, SessionRefusal};
    use cpp_format::response_file;
    let q = national();
    let (partnership, date) = ("Anytown CPP".to_owned(), "2026-11-23".to_owned());
    let now = "2026-11-23T10:00:00.000Z".to_owned();
    let mut session = Session::new(
        SESSION.into(),
        &q,
        SessionDetails {
            partnership: partnership.clone(),
            date: date.clone(),
        },
        now.clone(),
    );
    let mut member = Assessment::new(
        "a1".into(),
        &q,
        AssessmentDetails {
            partnership,
            date,
            assessor_role: String::new(),
        },
        now,
    );
    let first = q.expectations().next().unwrap().id.clone();
    member.set_rating(&first, Rating::Level(3));
    let token = "k3f9x2mwt9k2abcq7r5s8t1u0v";
    let file = response_file::from_assessment(&q, &member, token, "Anytown CPP", "2026-11-23");
    let from_file = response_file::ballot_for(&file, &session, &q, false).unwrap();
    assert_eq!(session.add_ballot(from_file), Ok(BallotAdded::New));

    let code = |member: &Assessment| {
        BallotCode::from_assessment(&q, member, session_code(SESSION), token).into_ballot(&q)
    };
    assert_eq!(
        session.add_ballot(code(&member)),
        Err(SessionRefusal::AlreadyIn)
    );
    member.set_rating(&first, Rating::Level(5));
    assert_eq!(session.add_ballot(code(&member)), Ok(BallotAdded::Replaced));
    assert_eq!(session.ballot_count(), 1);

    let incoming = cpp_format::import::IncomingFile {
        name: "response.json".into(),
        contents: Ok(cpp_format::record::encode(&file).unwrap().into_bytes()),
    };
    let reports = cpp_format::import::withdraw_responses(&mut session, &[incoming]);
    assert!(reports[0].outcome.is_ok(), "{:?}", reports[0].outcome);
    assert_eq!(session.ballot_count(), 0);
}

#[test]
fn session_codes_are_shown_spaced_and_read_however_they_are_typed() {
    assert_eq!(ballot_code::spaced_session_code(42), "000 042");
    for (typed, read) in [
        ("123 456", Some(123_456)),
        (" 123-456 ", Some(123_456)),
        ("000042", Some(42)),
        ("12345", None),
        ("1234567", None),
        ("12a456", None),
        ("", None),
    ] {
        assert_eq!(ballot_code::read_session_code(typed), read, "{typed:?}");
    }
}

#[test]
fn the_qr_code_is_a_small_one_in_numeric_mode() {
    let q = national();
    let digits = to_digits(&mixed(&q), &q).unwrap();
    let code =
        qrcode::QrCode::with_error_correction_level(digits.as_bytes(), qrcode::EcLevel::M).unwrap();
    assert_eq!(code.version(), qrcode::Version::Normal(2));
    let svg = ballot_code::qr_svg(&digits).unwrap();
    assert!(svg.contains("<svg") && svg.contains("#000000") && svg.contains("#ffffff"));
}

#[path = "support/qr_frames.rs"]
mod qr_frames;

/// The session's join link, as the projector shows it, is a QR code a phone reads from
/// across a room: small enough (version 6 or less) at the longest link the app makes
/// from a long intranet address (version 6 or less), and it reads back exactly.
#[test]
fn a_join_link_is_a_qr_code_that_reads_back() {
    let link = "https://intranet.example.gov.scot/community-planning/self-assessment/#/join/004821/principles-of-effective-community-planning/1.0.0";
    let code =
        qrcode::QrCode::with_error_correction_level(link.as_bytes(), qrcode::EcLevel::L).unwrap();
    assert!(
        matches!(code.version(), qrcode::Version::Normal(v) if v <= 6),
        "{:?}",
        code.version()
    );
    assert!(ballot_code::link_qr_svg(link).unwrap().contains("<svg"));
    let frame = qr_frames::ballot_frame(link, 640, 480, 4, false);
    let luma: Vec<u8> = frame.chunks(4).map(|p| p[0]).collect();
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(640, 480, |x, y| luma[y * 640 + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1);
    assert_eq!(grids[0].decode().unwrap().1, link);
}

#[test]
fn a_frame_with_nothing_in_it_or_the_wrong_size_reads_nothing() {
    assert!(ballot_code::digits_in_frame(64, 48, &vec![200; 64 * 48 * 4]).is_empty());
    assert!(ballot_code::digits_in_frame(64, 48, &[0; 10]).is_empty());
    assert!(ballot_code::digits_in_frame(0, 0, &[]).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Encode, draw as a QR code in a camera frame (either way round, at the sizes a laptop
    /// camera sees a phone), find it, read it: the same ballot.
    #[test]
    fn every_ballot_survives_its_qr_code_in_a_camera_frame(
        ballot in any_ballot(),
        mirrored in any::<bool>(),
        (width, height, module_px) in prop_oneof![Just((640usize, 480usize, 4usize)), Just((1280, 720, 6))],
    ) {
        let q = national();
        let digits = to_digits(&ballot, &q).unwrap();
        let frame = qr_frames::ballot_frame(&digits, width, height, module_px, mirrored);
        let found = ballot_code::digits_in_frame(width, height, &frame);
        prop_assert_eq!(&found, &vec![digits.clone()]);
        prop_assert_eq!(read_own(&found[0], &ballot, &q), Ok(ballot.clone()));
    }
}
