//! "My view and the board's": an individual's ratings beside a board's agreed ratings for
//! the same questionnaire, expectation by expectation, with where the two differ.

use std::collections::BTreeMap;

use super::questionnaire::Questionnaire;
use super::rating::Rating;
use super::scoring::Scores;
use super::session::Session;
use super::sorting::sort_by_key;

/// A board's agreed ratings, from a session in this browser or a file.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardView {
    /// How the page names it, e.g. "Anytown CPP board session, 23 November 2026".
    pub partnership: String,
    pub date: String,
    pub questionnaire_id: String,
    pub questionnaire_version: String,
    pub ratings: BTreeMap<String, Rating>,
}

impl BoardView {
    /// The scores of the board's agreed ratings.
    pub fn scores(&self, questionnaire: &Questionnaire) -> Scores {
        Scores::compute(questionnaire, |e| self.ratings.get(e).copied())
    }
}

impl BoardView {
    pub fn from_session(session: &Session) -> BoardView {
        BoardView {
            partnership: session.details.partnership.clone(),
            date: session.details.date.clone(),
            questionnaire_id: session.questionnaire_id.clone(),
            questionnaire_version: session.questionnaire_version.clone(),
            ratings: session
                .consensus
                .keys()
                .filter_map(|id| Some((id.clone(), session.consensus_rating(id)?)))
                .collect(),
        }
    }
}

/// How far apart the two ratings of one expectation are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Agreement {
    /// Levels two or more apart: the person sees it differently from the board.
    Differs,
    /// One of the two said "Don't know" and the other gave a level.
    OneDoesNotKnow,
    /// Levels one apart: close.
    Close,
    /// The same level, or both "Don't know".
    Same,
    /// Not rated by one or both, so there is nothing to compare.
    NotCompared,
}

impl Agreement {
    pub fn label(self) -> &'static str {
        match self {
            Agreement::Differs => "Differs",
            Agreement::OneDoesNotKnow => "One said don't know",
            Agreement::Close => "Close",
            Agreement::Same => "Same",
            Agreement::NotCompared => "Not compared",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ComparedExpectation {
    pub expectation_id: String,
    pub mine: Option<Rating>,
    pub board: Option<Rating>,
    pub agreement: Agreement,
    /// My level minus the board's, when both gave a level.
    pub gap: Option<i16>,
}

pub fn agreement(mine: Option<Rating>, board: Option<Rating>) -> (Agreement, Option<i16>) {
    match (mine, board) {
        (Some(Rating::Level(a)), Some(Rating::Level(b))) => {
            let gap = i16::from(a) - i16::from(b);
            let agreement = match gap.abs() {
                0 => Agreement::Same,
                1 => Agreement::Close,
                _ => Agreement::Differs,
            };
            (agreement, Some(gap))
        }
        (Some(Rating::DontKnow), Some(Rating::DontKnow)) => (Agreement::Same, None),
        (Some(_), Some(_)) => (Agreement::OneDoesNotKnow, None),
        _ => (Agreement::NotCompared, None),
    }
}

/// Every expectation of the questionnaire, in order, compared. Board ratings are matched by
/// expectation id, so a board that used another version of the same questionnaire still
/// compares on the expectations both versions share.
pub fn compare_views(
    questionnaire: &Questionnaire,
    mine: impl Fn(&str) -> Option<Rating>,
    board: &BoardView,
) -> Vec<ComparedExpectation> {
    questionnaire
        .expectations()
        .map(|e| {
            let (mine, board) = (mine(&e.id), board.ratings.get(&e.id).copied());
            let (agreement, gap) = agreement(mine, board);
            ComparedExpectation {
                expectation_id: e.id.clone(),
                mine,
                board,
                agreement,
                gap,
            }
        })
        .collect()
}

/// The expectations where the views differ, the widest gaps first, then those where one
/// side did not know.
pub fn differences(compared: &[ComparedExpectation]) -> Vec<&ComparedExpectation> {
    let mut list: Vec<&ComparedExpectation> = compared
        .iter()
        .filter(|c| matches!(c.agreement, Agreement::Differs | Agreement::OneDoesNotKnow))
        .collect();
    sort_by_key(&mut list, |c| {
        (c.agreement, std::cmp::Reverse(c.gap.map(i16::abs)))
    });
    list
}

/// How many expectations fall in each kind of agreement.
pub fn count(compared: &[ComparedExpectation], agreement: Agreement) -> usize {
    compared.iter().filter(|c| c.agreement == agreement).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::test_support::questionnaire;
    use proptest::prelude::*;

    #[test]
    fn agreement_by_distance_between_ratings() {
        use Rating::{DontKnow, Level};
        let cases = [
            (Some(Level(4)), Some(Level(4)), Agreement::Same, Some(0)),
            (Some(Level(4)), Some(Level(3)), Agreement::Close, Some(1)),
            (Some(Level(2)), Some(Level(3)), Agreement::Close, Some(-1)),
            (Some(Level(5)), Some(Level(2)), Agreement::Differs, Some(3)),
            (Some(Level(1)), Some(Level(3)), Agreement::Differs, Some(-2)),
            (
                Some(DontKnow),
                Some(Level(3)),
                Agreement::OneDoesNotKnow,
                None,
            ),
            (
                Some(Level(3)),
                Some(DontKnow),
                Agreement::OneDoesNotKnow,
                None,
            ),
            (Some(DontKnow), Some(DontKnow), Agreement::Same, None),
            (None, Some(Level(3)), Agreement::NotCompared, None),
            (Some(Level(3)), None, Agreement::NotCompared, None),
        ];
        for (mine, board, expected, gap) in cases {
            assert_eq!(
                agreement(mine, board),
                (expected, gap),
                "{mine:?} {board:?}"
            );
        }
    }

    fn board(ratings: &[(&str, Rating)]) -> BoardView {
        BoardView {
            partnership: "Anytown".into(),
            date: "2026-11-23".into(),
            questionnaire_id: "q".into(),
            questionnaire_version: "1".into(),
            ratings: ratings.iter().map(|(id, r)| ((*id).into(), *r)).collect(),
        }
    }

    #[test]
    fn differences_list_the_widest_gaps_first_then_dont_knows() {
        let q = questionnaire(&[2, 2]);
        let board = board(&[
            ("p1-1", Rating::Level(2)),
            ("p1-2", Rating::Level(5)),
            ("p2-1", Rating::DontKnow),
            ("p2-2", Rating::Level(1)),
        ]);
        let mine = |id: &str| match id {
            "p1-1" => Some(Rating::Level(4)),
            "p1-2" => Some(Rating::Level(4)),
            "p2-1" => Some(Rating::Level(3)),
            _ => Some(Rating::Level(5)),
        };
        let compared = compare_views(&q, mine, &board);
        let order: Vec<&str> = differences(&compared)
            .iter()
            .map(|c| c.expectation_id.as_str())
            .collect();
        assert_eq!(order, ["p2-2", "p1-1", "p2-1"]);
        assert_eq!(count(&compared, Agreement::Close), 1);
    }

    proptest! {
        #[test]
        fn comparison_is_symmetric_in_agreement(a in 0u8..=6, b in 0u8..=6) {
            let rating = |v: u8| if v == 0 { Rating::DontKnow } else { Rating::Level(v) };
            let (forward, gap) = agreement(Some(rating(a)), Some(rating(b)));
            let (backward, back_gap) = agreement(Some(rating(b)), Some(rating(a)));
            prop_assert_eq!(forward, backward);
            prop_assert_eq!(gap.map(|g| -g), back_gap);
        }
    }
}
