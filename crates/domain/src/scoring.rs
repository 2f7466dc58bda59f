//! Scores per expectation, per principle and overall; completeness; strengths and areas
//! for improvement.
//!
//! Rules: a score is the mean of the scale values given. "Don't know" is counted but never
//! averaged in; an expectation with no rating counts as missing. A principle's score is the
//! mean of its rated expectations, and the overall score the mean of all rated
//! expectations, so every expectation weighs the same.

use super::questionnaire::Questionnaire;
use super::rating::Rating;
use super::sorting::sort_by_key;

/// How many strengths and areas for improvement the results page lists.
pub const TOP_COUNT: usize = 5;

/// What was said about a group of expectations (or about one expectation by many people).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    /// The scale values given, in no particular order.
    pub levels: Vec<u8>,
    pub dont_know: usize,
    pub missing: usize,
}

impl Tally {
    pub fn add(&mut self, rating: Option<Rating>) {
        match rating {
            Some(Rating::Level(value)) => self.levels.push(value),
            Some(Rating::DontKnow) => self.dont_know += 1,
            None => self.missing += 1,
        }
    }

    pub fn from_ratings(ratings: impl IntoIterator<Item = Option<Rating>>) -> Tally {
        let mut tally = Tally::default();
        for rating in ratings {
            tally.add(rating);
        }
        tally
    }

    /// The mean of the scale values, or `None` when nothing was rated.
    pub fn mean(&self) -> Option<f64> {
        if self.levels.is_empty() {
            return None;
        }
        let sum: u32 = self.levels.iter().map(|&v| u32::from(v)).sum();
        Some(f64::from(sum) / self.levels.len() as f64)
    }

    pub fn rated(&self) -> usize {
        self.levels.len()
    }

    pub fn answered(&self) -> usize {
        self.levels.len() + self.dont_know
    }

    pub fn total(&self) -> usize {
        self.answered() + self.missing
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExpectationScore {
    pub expectation_id: String,
    pub principle_id: String,
    pub rating: Option<Rating>,
}

impl ExpectationScore {
    pub fn level(&self) -> Option<u8> {
        self.rating.and_then(Rating::level)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrincipleScore {
    pub principle_id: String,
    pub tally: Tally,
}

impl PrincipleScore {
    pub fn mean(&self) -> Option<f64> {
        self.tally.mean()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    /// In questionnaire order.
    pub expectations: Vec<ExpectationScore>,
    /// In questionnaire order.
    pub principles: Vec<PrincipleScore>,
    pub overall: Tally,
    target: u8,
}

impl Scores {
    /// Scores a questionnaire given the rating of each expectation.
    pub fn compute(
        questionnaire: &Questionnaire,
        rating_of: impl Fn(&str) -> Option<Rating>,
    ) -> Scores {
        let mut expectations = Vec::new();
        let mut principles = Vec::new();
        let mut overall = Tally::default();
        for principle in &questionnaire.principles {
            let mut tally = Tally::default();
            for expectation in &principle.expectations {
                let rating = rating_of(&expectation.id);
                tally.add(rating);
                overall.add(rating);
                expectations.push(ExpectationScore {
                    expectation_id: expectation.id.clone(),
                    principle_id: principle.id.clone(),
                    rating,
                });
            }
            principles.push(PrincipleScore {
                principle_id: principle.id.clone(),
                tally,
            });
        }
        Scores {
            expectations,
            principles,
            overall,
            target: questionnaire.scale.target,
        }
    }

    /// Share of expectations answered (rated or "Don't know"), from 0 to 1.
    pub fn completeness(&self) -> f64 {
        if self.overall.total() == 0 {
            return 0.0;
        }
        self.overall.answered() as f64 / self.overall.total() as f64
    }

    pub fn principle(&self, principle_id: &str) -> Option<&PrincipleScore> {
        self.principles
            .iter()
            .find(|p| p.principle_id == principle_id)
    }

    pub fn expectation(&self, expectation_id: &str) -> Option<&ExpectationScore> {
        self.expectations
            .iter()
            .find(|e| e.expectation_id == expectation_id)
    }

    /// Expectations rated at or above the target, best first; ties keep questionnaire order.
    pub fn strengths(&self) -> Vec<&ExpectationScore> {
        let mut strong: Vec<_> = self
            .expectations
            .iter()
            .filter(|e| e.level().is_some_and(|v| v >= self.target))
            .collect();
        sort_by_key(&mut strong, |e| std::cmp::Reverse(e.level()));
        strong.truncate(TOP_COUNT);
        strong
    }

    /// Expectations rated below the target, weakest first; ties keep questionnaire order.
    pub fn areas_for_improvement(&self) -> Vec<&ExpectationScore> {
        let mut weak = self.below_target();
        weak.truncate(TOP_COUNT);
        weak
    }

    /// Every expectation rated below the target, weakest first.
    pub fn below_target(&self) -> Vec<&ExpectationScore> {
        let mut weak: Vec<_> = self
            .expectations
            .iter()
            .filter(|e| e.level().is_some_and(|v| v < self.target))
            .collect();
        sort_by_key(&mut weak, |e| e.level());
        weak
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::test_support::questionnaire;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn ratings(pairs: &[(&str, Rating)]) -> BTreeMap<String, Rating> {
        pairs.iter().map(|(id, r)| (id.to_string(), *r)).collect()
    }

    /// Ratings given, then the expected mean, "Don't know" count and missing count.
    type TallyCase<'a> = (&'a [Option<Rating>], Option<f64>, usize, usize);

    #[test]
    fn tally_means() {
        let cases: &[TallyCase] = &[
            (&[], None, 0, 0),
            (&[None, None], None, 0, 2),
            (&[Some(Rating::DontKnow)], None, 1, 0),
            (&[Some(Rating::Level(4))], Some(4.0), 0, 0),
            (
                &[
                    Some(Rating::Level(3)),
                    Some(Rating::Level(4)),
                    Some(Rating::DontKnow),
                    None,
                ],
                Some(3.5),
                1,
                1,
            ),
            (
                &[
                    Some(Rating::Level(1)),
                    Some(Rating::Level(6)),
                    Some(Rating::Level(6)),
                ],
                Some(13.0 / 3.0),
                0,
                0,
            ),
        ];
        for (input, mean, dont_know, missing) in cases {
            let tally = Tally::from_ratings(input.iter().copied());
            assert_eq!(tally.mean(), *mean, "{input:?}");
            assert_eq!(tally.dont_know, *dont_know, "{input:?}");
            assert_eq!(tally.missing, *missing, "{input:?}");
            assert_eq!(tally.total(), input.len());
        }
    }

    #[test]
    fn scores_per_principle_and_overall() {
        let q = questionnaire(&[3, 2]);
        let given = ratings(&[
            ("p1-1", Rating::Level(6)),
            ("p1-2", Rating::Level(2)),
            ("p1-3", Rating::DontKnow),
            ("p2-1", Rating::Level(4)),
        ]);
        let scores = Scores::compute(&q, |id| given.get(id).copied());
        assert_eq!(
            scores.principle("p1").and_then(PrincipleScore::mean),
            Some(4.0)
        );
        assert_eq!(
            scores.principle("p2").and_then(PrincipleScore::mean),
            Some(4.0)
        );
        assert_eq!(scores.principle("p2").map(|p| p.tally.missing), Some(1));
        assert_eq!(scores.overall.mean(), Some(4.0));
        assert_eq!(scores.overall.dont_know, 1);
        assert_eq!(scores.overall.missing, 1);
        assert!((scores.completeness() - 0.8).abs() < 1e-9);
        assert_eq!(
            scores.expectation("p1-3").and_then(|e| e.rating),
            Some(Rating::DontKnow)
        );
    }

    #[test]
    fn strengths_and_areas_split_at_the_target() {
        let q = questionnaire(&[4, 4]);
        let given = ratings(&[
            ("p1-1", Rating::Level(4)),
            ("p1-2", Rating::Level(3)),
            ("p1-3", Rating::Level(6)),
            ("p1-4", Rating::DontKnow),
            ("p2-1", Rating::Level(1)),
            ("p2-2", Rating::Level(3)),
            ("p2-3", Rating::Level(5)),
        ]);
        let scores = Scores::compute(&q, |id| given.get(id).copied());
        let ids = |list: Vec<&ExpectationScore>| -> Vec<String> {
            list.into_iter().map(|e| e.expectation_id.clone()).collect()
        };
        assert_eq!(ids(scores.strengths()), ["p1-3", "p2-3", "p1-1"]);
        assert_eq!(
            ids(scores.areas_for_improvement()),
            ["p2-1", "p1-2", "p2-2"]
        );
    }

    #[test]
    fn lists_are_capped() {
        let q = questionnaire(&[8]);
        let scores = Scores::compute(&q, |_| Some(Rating::Level(1)));
        assert_eq!(scores.areas_for_improvement().len(), TOP_COUNT);
        assert_eq!(scores.below_target().len(), 8);
        assert!(scores.strengths().is_empty());
    }

    fn any_rating() -> impl Strategy<Value = Option<Rating>> {
        prop_oneof![
            Just(None),
            Just(Some(Rating::DontKnow)),
            (1u8..=6).prop_map(|v| Some(Rating::Level(v))),
        ]
    }

    proptest! {
        #[test]
        fn means_stay_within_the_scale(input in proptest::collection::vec(any_rating(), 0..40)) {
            let q = questionnaire(&[10, 10, 10, 10]);
            let scores = Scores::compute(&q, |id| {
                let index = q.expectations().position(|e| e.id == id).unwrap();
                input.get(index).copied().flatten()
            });
            for mean in scores.principles.iter().filter_map(PrincipleScore::mean).chain(scores.overall.mean()) {
                prop_assert!((1.0..=6.0).contains(&mean), "mean {mean}");
            }
            prop_assert!((0.0..=1.0).contains(&scores.completeness()));
        }

        #[test]
        fn dont_know_never_changes_a_mean(input in proptest::collection::vec(any_rating(), 0..30), extra in 1usize..5) {
            let before = Tally::from_ratings(input.iter().copied());
            let after = Tally::from_ratings(input.iter().copied().chain(std::iter::repeat_n(Some(Rating::DontKnow), extra)));
            prop_assert_eq!(before.mean(), after.mean());
            prop_assert_eq!(after.dont_know, before.dont_know + extra);
        }

        #[test]
        fn order_of_answers_never_changes_a_result(
            (input, shuffled) in proptest::collection::vec(any_rating(), 0..30)
                .prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle()))
        ) {
            let a = Tally::from_ratings(input);
            let b = Tally::from_ratings(shuffled);
            prop_assert_eq!(a.mean(), b.mean());
            prop_assert_eq!((a.dont_know, a.missing, a.rated()), (b.dont_know, b.missing, b.rated()));
        }
    }
}
