//! Anonymity of a board session, as property tests over any sequence of what a facilitator
//! can do: add a ballot (a finished turn, or a response file), withdraw or replace one,
//! leave or discard a turn, enter a show of hands, reveal, hide, close the ballot box,
//! change the threshold, record attendance and agree ratings.
//!
//! After an expectation's spread has first been shown, every view and file the app can
//! produce of members' ratings for it is the same: the room's spread, the agenda's counts,
//! the ratings export, the adviser file and the session file's ballots. So no two of them
//! can differ by one member's rating. And nothing the app writes links a ballot to a member
//! or to the order ballots came in.

use std::collections::BTreeMap;

use cpp_domain::group::Distribution;
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::rating::Rating;
use cpp_domain::session::{AgendaOrder, Ballot, HandCount, Sector, Session, SessionDetails};
use cpp_format::adviser_file::{self, AdviserChoices};
use cpp_format::export::{session_tables, Cell};
use cpp_format::import::{import_responses, withdraw_responses, IncomingFile};
use cpp_format::response_file::{token_from_bytes, Response};
use cpp_format::{questionnaire_file, record};
use proptest::prelude::*;
use serde_json::Value;

/// The expectations the operations touch: enough for overlaps, few enough to collide.
const TOUCHED: usize = 3;

fn questionnaire() -> Questionnaire {
    questionnaire_file::bundled().unwrap().remove(0)
}

fn session(q: &Questionnaire) -> Session {
    Session::new(
        "s".into(),
        q,
        SessionDetails {
            partnership: "Anytown CPP".into(),
            date: "2026-11-23".into(),
        },
        "t".into(),
    )
}

#[derive(Debug, Clone)]
enum Op {
    /// A member's response file (`token` picks one of a few members, so repeats and
    /// changed minds happen).
    Response {
        token: u8,
        ratings: Vec<Option<Rating>>,
    },
    Withdraw {
        token: u8,
    },
    /// A turn on the passed device, finished or left open.
    Turn {
        ratings: Vec<Option<Rating>>,
        finish: bool,
    },
    DiscardTurn,
    Hands {
        expectation: usize,
        level: u8,
        count: usize,
    },
    Reveal {
        expectation: usize,
    },
    Hide {
        expectation: usize,
    },
    Close,
    Threshold(usize),
    Attendance {
        sector: usize,
        count: usize,
    },
    Agree {
        expectation: usize,
        rating: Rating,
    },
}

fn rating() -> impl Strategy<Value = Rating> {
    prop_oneof![(1u8..=6).prop_map(Rating::Level), Just(Rating::DontKnow)]
}

fn ratings() -> impl Strategy<Value = Vec<Option<Rating>>> {
    proptest::collection::vec(proptest::option::weighted(0.8, rating()), TOUCHED)
}

fn op() -> impl Strategy<Value = Op> {
    let e = 0..TOUCHED;
    prop_oneof![
        4 => (0u8..4, ratings()).prop_map(|(token, ratings)| Op::Response { token, ratings }),
        1 => (0u8..4).prop_map(|token| Op::Withdraw { token }),
        4 => (ratings(), proptest::bool::weighted(0.8)).prop_map(|(ratings, finish)| Op::Turn { ratings, finish }),
        1 => Just(Op::DiscardTurn),
        2 => (e.clone(), 1u8..=6, 0usize..6).prop_map(|(expectation, level, count)| Op::Hands { expectation, level, count }),
        2 => e.clone().prop_map(|expectation| Op::Reveal { expectation }),
        1 => e.clone().prop_map(|expectation| Op::Hide { expectation }),
        1 => Just(Op::Close),
        1 => (0usize..8).prop_map(Op::Threshold),
        1 => (0usize..8, 0usize..5).prop_map(|(sector, count)| Op::Attendance { sector, count }),
        1 => (e, rating()).prop_map(|(expectation, rating)| Op::Agree { expectation, rating }),
    ]
}

fn expectation_ids(q: &Questionnaire) -> Vec<String> {
    q.expectations()
        .take(TOUCHED)
        .map(|e| e.id.clone())
        .collect()
}

fn as_map(ids: &[String], ratings: &[Option<Rating>]) -> BTreeMap<String, Rating> {
    ids.iter()
        .zip(ratings)
        .filter_map(|(id, r)| Some((id.clone(), (*r)?)))
        .collect()
}

fn response_file(ids: &[String], token: u8, ratings: &[Option<Rating>]) -> IncomingFile {
    let q = questionnaire();
    let response = Response {
        token: token_from_bytes(&[token; 16]),
        partnership: "Anytown CPP".into(),
        date: "2026-11-23".into(),
        questionnaire_id: q.id.clone(),
        questionnaire_version: q.version.clone(),
        ratings: as_map(ids, ratings),
    };
    IncomingFile {
        name: "member.board-response.json".into(),
        contents: Ok(record::encode(&response).unwrap().into_bytes()),
    }
}

/// Applies one operation as the pages would; a refused one must change nothing.
fn apply(session: &mut Session, q: &Questionnaire, ids: &[String], op: &Op, turn: &mut u32) {
    let before = session.clone();
    let refused = match op {
        Op::Response { token, ratings } => {
            let file = response_file(ids, *token, ratings);
            import_responses(session, q, &[file], false).reports[0]
                .outcome
                .is_err()
        }
        Op::Withdraw { token } => {
            let file = response_file(ids, *token, &[]);
            withdraw_responses(session, &[file])[0].outcome.is_err()
        }
        Op::Turn { ratings, finish } => {
            *turn += 1;
            let id = format!("turn{turn}");
            session.discard_turn();
            let started = session.start_turn(id.clone()).is_ok();
            if started {
                for (e, r) in ids.iter().zip(ratings) {
                    if let Some(r) = r {
                        session.rate_in_turn(&id, e, *r).unwrap();
                    }
                }
                if *finish {
                    session.finish_turn(&id).unwrap();
                }
            }
            !started
        }
        Op::DiscardTurn => {
            session.discard_turn();
            false
        }
        Op::Hands {
            expectation,
            level,
            count,
        } => {
            // No board size is set, so every count is taken.
            session
                .set_hands(
                    &ids[*expectation],
                    HandCount {
                        levels: [(*level, *count)].into(),
                        dont_know: 0,
                    },
                )
                .is_err()
        }
        Op::Reveal { expectation } => session.reveal(&ids[*expectation]).is_err(),
        Op::Hide { expectation } => {
            session.hide(&ids[*expectation]);
            false
        }
        Op::Close => session.close_ballot_box().is_err(),
        Op::Threshold(value) => session.set_anonymity_threshold(*value).is_err(),
        Op::Attendance { sector, count } => session
            .record_attendance(&[(Sector::ALL[*sector], *count)])
            .is_err(),
        Op::Agree {
            expectation,
            rating,
        } => {
            session.consensus_mut(&ids[*expectation]).rating = Some(*rating);
            false
        }
    };
    if refused {
        // A withdrawal or a turn may discard the turn in progress before it is refused.
        let mut expected = before;
        if matches!(op, Op::Turn { .. }) {
            expected.discard_turn();
        }
        assert_eq!(*session, expected, "a refused {op:?} changed the session");
    }
}

/// Members' ratings for one expectation as the session file carries them, read from its
/// columns here, by hand: the expectation's place in the list, then that character of each
/// ballot's ratings.
fn from_session_file(session: &Session, expectation: &str) -> Distribution {
    let file: Value = serde_json::from_str(&record::encode_for_file(session).unwrap()).unwrap();
    let columns = &file["session"]["ballots"];
    let place = columns["expectations"]
        .as_array()
        .unwrap()
        .iter()
        .position(|id| id == expectation);
    Distribution::from_ratings(
        columns["ballots"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(
                |b| match b["ratings"].as_str().unwrap().chars().nth(place?)? {
                    '-' => None,
                    '?' => Some(Rating::DontKnow),
                    digit => Some(Rating::Level(u8::try_from(digit.to_digit(36)?).ok()?)),
                },
            ),
    )
}

/// Everything about members' ratings for one expectation that any page or file shows.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    spread: Option<Distribution>,
    answered: Option<usize>,
    adviser_counts: Option<HandCount>,
    export_cells: Vec<Cell>,
    agenda: Vec<String>,
    session_file: Distribution,
}

fn seen(session: &Session, q: &Questionnaire, expectation: &str, index: usize) -> Seen {
    let choices = AdviserChoices {
        partnership_code: "CPP-01".into(),
        include_name: false,
        include_sectors: true,
    };
    let adviser = adviser_file::from_session(q, session, &choices);
    let tables = session_tables(q, session);
    Seen {
        spread: session.private_spread(expectation),
        answered: session.answered(expectation),
        adviser_counts: adviser.counts.get(expectation).cloned(),
        export_cells: tables.ratings.rows[index][5..9].to_vec(),
        agenda: session.agenda(q, AgendaOrder::Disagreement),
        session_file: from_session_file(session, expectation),
    }
}

/// Whether `b` is `a` with exactly one rating added or taken away.
fn differ_by_one(a: &Distribution, b: &Distribution) -> bool {
    a.answered().abs_diff(b.answered()) == 1
        && [Rating::DontKnow]
            .into_iter()
            .chain((1..=6).map(Rating::Level))
            .map(|r| {
                let count = |d: &Distribution| match r {
                    Rating::DontKnow => d.dont_know,
                    Rating::Level(v) => d.count(v),
                };
                count(a).abs_diff(count(b))
            })
            .sum::<usize>()
            == 1
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn nothing_shown_after_a_reveal_differs_by_one_members_rating(ops in proptest::collection::vec(op(), 1..40)) {
        let q = questionnaire();
        let ids = expectation_ids(&q);
        let mut s = session(&q);
        let mut turn = 0;
        // For each expectation, what was seen the first time its spread could be shown.
        let mut first_shown: Vec<Option<Seen>> = vec![None; TOUCHED];
        for op in &ops {
            apply(&mut s, &q, &ids, op, &mut turn);
            for (index, id) in ids.iter().enumerate() {
                let now = seen(&s, &q, id, index);
                if let Some(first) = &first_shown[index] {
                    prop_assert_eq!(&now, first, "after {:?}", op);
                    if let (Some(a), Some(b)) = (&first.spread, &now.spread) {
                        prop_assert!(!differ_by_one(a, b));
                    }
                } else if now.spread.is_some() {
                    prop_assert!(s.ballot_box_is_closed());
                    first_shown[index] = Some(now);
                }
            }
        }
    }

    #[test]
    fn a_show_of_hands_never_reaches_members_figures(
        ballots in proptest::collection::vec(ratings(), 0..8),
        hands in proptest::collection::vec((0..TOUCHED, 1u8..=6, 1usize..9), 0..6),
    ) {
        let q = questionnaire();
        let ids = expectation_ids(&q);
        let mut without = session(&q);
        for ratings in &ballots {
            let _ = without.add_ballot(Ballot { token: None, ratings: as_map(&ids, ratings) });
        }
        without.set_anonymity_threshold(3).unwrap();
        let mut with = without.clone();
        for (e, level, count) in &hands {
            with.set_hands(&ids[*e], HandCount { levels: [(*level, *count)].into(), dont_know: 0 }).unwrap();
        }
        without.close_ballot_box().unwrap();
        with.close_ballot_box().unwrap();
        for (index, id) in ids.iter().enumerate() {
            let (a, b) = (seen(&without, &q, id, index), seen(&with, &q, id, index));
            prop_assert_eq!(a.spread, b.spread);
            prop_assert_eq!(a.answered, b.answered);
            prop_assert_eq!(a.adviser_counts, b.adviser_counts);
            prop_assert_eq!(&a.export_cells, &b.export_cells);
            prop_assert_eq!(a.agenda, b.agenda);
        }
    }

    #[test]
    fn no_file_links_a_ballot_to_a_member_or_to_when_it_came(
        ballots in proptest::collection::vec((proptest::option::of(0u8..50), ratings()), 1..8),
        shuffle in any::<u64>(),
    ) {
        let q = questionnaire();
        let ids = expectation_ids(&q);
        let mut ballots: Vec<Ballot> = ballots
            .iter()
            .map(|(token, ratings)| Ballot {
                token: token.map(|t| token_from_bytes(&[t; 16])),
                ratings: as_map(&ids, ratings),
            })
            .filter(|b| !b.ratings.is_empty())
            .collect();
        // One ballot per member's token: with two, the later one is meant to win.
        let mut tokens = std::collections::BTreeSet::new();
        ballots.retain(|b| b.token.as_ref().is_none_or(|t| tokens.insert(t.clone())));
        let mut forwards = session(&q);
        for b in &ballots {
            let _ = forwards.add_ballot(b.clone());
        }
        // The same ballots in another order.
        let mut order: Vec<usize> = (0..ballots.len()).collect();
        let mut seed = shuffle;
        for i in (1..order.len()).rev() {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(i, (seed >> 33) as usize % (i + 1));
        }
        let mut shuffled = session(&q);
        for &i in &order {
            let _ = shuffled.add_ballot(ballots[i].clone());
        }
        let (a, b) = (record::encode_for_file(&forwards).unwrap(), record::encode_for_file(&shuffled).unwrap());
        prop_assert_eq!(&a, &b, "the order ballots came in shows");
        let file: Value = serde_json::from_str(&a).unwrap();
        for ballot in file["session"]["ballots"]["ballots"].as_array().unwrap() {
            let keys: Vec<&String> = ballot.as_object().unwrap().keys().collect();
            prop_assert!(keys.iter().all(|k| *k == "ratings" || *k == "token"), "{:?}", keys);
        }
        for link in ["label", "participant", "sector", "assessment_id", "Member"] {
            prop_assert!(!a.contains(link), "{} in the session file", link);
        }
    }
}
