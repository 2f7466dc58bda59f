//! Group statistics for one expectation in a board session: the distribution of ratings,
//! n, median, range, interquartile range, the "Don't know" count, and the disagreement and
//! "many don't knows" findings.
//!
//! Rules (shown to facilitators on the discussion page):
//! - Quartiles use linear interpolation between ranked ratings (as Excel's QUARTILE.INC).
//! - **Disagreement** is flagged when at least two people rated and either the middle half
//!   of ratings spans 2 or more points (IQR ≥ 2) or the ratings span 3 or more points
//!   (range ≥ 3). The first catches a split board; the second a view far from the rest.
//! - **Many "Don't know"s** is flagged when at least 2 people, and at least a quarter of
//!   those who answered, said "Don't know".

use std::collections::BTreeMap;

use super::rating::Rating;

pub const DISAGREEMENT_IQR: f64 = 2.0;
pub const DISAGREEMENT_RANGE: u8 = 3;
pub const MANY_DONT_KNOW_MIN: usize = 2;

/// Everyone's answers to one expectation, as counts: never who said what.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Distribution {
    /// How many gave each scale value.
    pub counts: BTreeMap<u8, usize>,
    pub dont_know: usize,
}

impl Distribution {
    pub fn add(&mut self, rating: Rating) {
        self.add_many(rating, 1);
    }

    pub fn add_many(&mut self, rating: Rating, count: usize) {
        if count == 0 {
            return;
        }
        // Counts from files are bounded by their checkers; saturating keeps a sum of huge
        // ones from wrapping round to a small, wrong figure all the same.
        match rating {
            Rating::Level(value) => {
                let slot = self.counts.entry(value).or_default();
                *slot = slot.saturating_add(count);
            }
            Rating::DontKnow => self.dont_know = self.dont_know.saturating_add(count),
        }
    }

    pub fn from_ratings(ratings: impl IntoIterator<Item = Rating>) -> Distribution {
        let mut distribution = Distribution::default();
        for rating in ratings {
            distribution.add(rating);
        }
        distribution
    }

    /// How many gave a scale value (n).
    pub fn rated(&self) -> usize {
        self.counts
            .values()
            .fold(0usize, |sum, &count| sum.saturating_add(count))
    }

    /// Everyone who answered, "Don't know" included.
    pub fn answered(&self) -> usize {
        self.rated().saturating_add(self.dont_know)
    }

    pub fn count(&self, value: u8) -> usize {
        self.counts.get(&value).copied().unwrap_or(0)
    }

    /// The rating at a 0-based position among the ratings in order, found from the counts
    /// (never by listing every rating, which a file claiming a billion would make fatal).
    fn value_at(&self, position: usize) -> Option<f64> {
        let mut before = 0usize;
        for (&value, &count) in &self.counts {
            before = before.saturating_add(count);
            if position < before {
                return Some(f64::from(value));
            }
        }
        None
    }

    /// The value at quantile `q` (0 to 1) with linear interpolation.
    fn quantile(&self, q: f64) -> Option<f64> {
        let n = self.rated();
        if n == 0 {
            return None;
        }
        let position = q * (n - 1) as f64;
        let lower = self.value_at(position.floor() as usize)?;
        let upper = self.value_at(position.ceil() as usize)?;
        Some(lower + (upper - lower) * (position - position.floor()))
    }

    pub fn median(&self) -> Option<f64> {
        self.quantile(0.5)
    }

    pub fn mean(&self) -> Option<f64> {
        let n = self.rated();
        if n == 0 {
            return None;
        }
        let sum: f64 = self
            .counts
            .iter()
            .map(|(&v, &c)| f64::from(v) * c as f64)
            .sum();
        Some(sum / n as f64)
    }

    pub fn min(&self) -> Option<u8> {
        self.counts.keys().next().copied()
    }

    pub fn max(&self) -> Option<u8> {
        self.counts.keys().next_back().copied()
    }

    /// Highest minus lowest rating.
    pub fn range(&self) -> Option<u8> {
        Some(self.max()? - self.min()?)
    }

    pub fn interquartile_range(&self) -> Option<f64> {
        Some(self.quantile(0.75)? - self.quantile(0.25)?)
    }

    pub fn disagreement(&self) -> bool {
        self.rated() >= 2
            && (self.interquartile_range().unwrap_or(0.0) >= DISAGREEMENT_IQR
                || self.range().unwrap_or(0) >= DISAGREEMENT_RANGE)
    }

    pub fn many_dont_know(&self) -> bool {
        self.dont_know >= MANY_DONT_KNOW_MIN && self.dont_know * 4 >= self.answered()
    }

    /// Orders expectations for the agenda: larger spread first.
    pub fn disagreement_key(&self) -> (u64, u8) {
        let iqr = self.interquartile_range().unwrap_or(0.0);
        ((iqr * 100.0).round() as u64, self.range().unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use Rating::{DontKnow, Level};

    fn d(levels: &[u8], dont_know: usize) -> Distribution {
        let mut distribution = Distribution::from_ratings(levels.iter().map(|&v| Level(v)));
        distribution.add_many(DontKnow, dont_know);
        distribution
    }

    /// Levels, "Don't know" count, then the expected median, range, IQR, disagreement
    /// and "many don't know".
    type StatisticsCase<'a> = (
        &'a [u8],
        usize,
        Option<f64>,
        Option<u8>,
        Option<f64>,
        bool,
        bool,
    );

    #[test]
    fn statistics_table() {
        // levels, don't know, median, range, iqr, disagreement, many don't know
        let cases: &[StatisticsCase] = &[
            (&[], 0, None, None, None, false, false),
            (&[], 3, None, None, None, false, true),
            (&[4], 0, Some(4.0), Some(0), Some(0.0), false, false),
            (&[1, 6], 0, Some(3.5), Some(5), Some(2.5), true, false),
            (
                &[4, 4, 4, 5, 5],
                0,
                Some(4.0),
                Some(1),
                Some(1.0),
                false,
                false,
            ),
            (
                &[3, 4, 4, 5, 5],
                1,
                Some(4.0),
                Some(2),
                Some(1.0),
                false,
                false,
            ),
            (&[2, 2, 5, 5], 0, Some(3.5), Some(3), Some(3.0), true, false),
            (
                &[1, 4, 4, 4, 4, 4, 4],
                0,
                Some(4.0),
                Some(3),
                Some(0.0),
                true,
                false,
            ),
            (&[2, 3, 4, 5], 0, Some(3.5), Some(3), Some(1.5), true, false),
            (&[3, 4, 5], 2, Some(4.0), Some(2), Some(1.0), false, true),
            (
                &[3, 4, 5, 4, 4, 4, 4],
                2,
                Some(4.0),
                Some(2),
                Some(0.0),
                false,
                false,
            ),
        ];
        for (levels, dk, median, range, iqr, disagreement, many_dk) in cases {
            let dist = d(levels, *dk);
            let label = format!("{levels:?} + {dk} don't know");
            assert_eq!(dist.median(), *median, "median {label}");
            assert_eq!(dist.range(), *range, "range {label}");
            assert_eq!(dist.interquartile_range(), *iqr, "iqr {label}");
            assert_eq!(dist.disagreement(), *disagreement, "disagreement {label}");
            assert_eq!(dist.many_dont_know(), *many_dk, "many don't know {label}");
            assert_eq!(dist.rated(), levels.len());
            assert_eq!(dist.answered(), levels.len() + dk);
        }
    }

    #[test]
    fn counts_add_up() {
        let mut dist = d(&[4, 4, 2], 0);
        dist.add_many(Level(4), 3);
        dist.add_many(Level(6), 0);
        assert_eq!(dist.count(4), 5);
        assert_eq!(dist.count(6), 0);
        assert_eq!(dist.mean(), Some(22.0 / 6.0));
    }

    fn ratings() -> impl Strategy<Value = Vec<Rating>> {
        proptest::collection::vec(
            prop_oneof![Just(DontKnow), (1u8..=6).prop_map(Level)],
            0..30,
        )
    }

    #[test]
    fn counts_claiming_billions_are_summarised_without_listing_them() {
        let mut huge = Distribution::default();
        huge.add_many(Level(2), 1_000_000_000);
        huge.add_many(Level(5), 1_000_000_000);
        assert_eq!(huge.median(), Some(3.5));
        assert_eq!(huge.mean(), Some(3.5));
        assert!(huge.disagreement());
        // Past what a count can hold, sums stop at the largest count instead of wrapping
        // round to a small, wrong figure.
        huge.add_many(Level(5), usize::MAX);
        huge.add_many(DontKnow, usize::MAX);
        assert_eq!(huge.count(5), usize::MAX);
        assert_eq!(huge.answered(), usize::MAX);
        assert_eq!(huge.median(), Some(5.0));
        assert!(huge.mean().is_some_and(f64::is_finite));
    }

    proptest! {
        #[test]
        fn statistics_stay_within_the_ratings(ratings in ratings()) {
            let dist = Distribution::from_ratings(ratings.iter().copied());
            if let (Some(min), Some(max)) = (dist.min(), dist.max()) {
                for value in [dist.median().unwrap(), dist.mean().unwrap()] {
                    prop_assert!(f64::from(min) <= value && value <= f64::from(max));
                }
                let iqr = dist.interquartile_range().unwrap();
                prop_assert!(iqr >= 0.0 && iqr <= f64::from(max - min));
            } else {
                prop_assert!(dist.median().is_none() && !dist.disagreement());
            }
        }

        #[test]
        fn quantiles_from_counts_match_the_listed_ratings(ratings in ratings(), q in 0.0f64..=1.0) {
            let dist = Distribution::from_ratings(ratings.iter().copied());
            let mut listed: Vec<f64> = ratings.iter().filter_map(|r| r.level()).map(f64::from).collect();
            listed.sort_by(f64::total_cmp);
            let expected = (!listed.is_empty()).then(|| {
                let position = q * (listed.len() - 1) as f64;
                let (lower, upper) = (position.floor() as usize, position.ceil() as usize);
                listed[lower] + (listed[upper] - listed[lower]) * (position - position.floor())
            });
            prop_assert_eq!(dist.quantile(q), expected);
        }

        #[test]
        fn order_never_changes_the_statistics(
            (ratings, shuffled) in ratings().prop_flat_map(|r| (Just(r.clone()), Just(r).prop_shuffle()))
        ) {
            prop_assert_eq!(Distribution::from_ratings(ratings), Distribution::from_ratings(shuffled));
        }

        #[test]
        fn dont_know_never_changes_the_spread(ratings in ratings(), extra in 1usize..6) {
            let before = Distribution::from_ratings(ratings.iter().copied());
            let mut after = before.clone();
            after.add_many(DontKnow, extra);
            prop_assert_eq!(before.median(), after.median());
            prop_assert_eq!(before.interquartile_range(), after.interquartile_range());
            prop_assert_eq!(before.disagreement(), after.disagreement());
        }
    }
}
