//! Collating adviser files from many partnerships: the national picture an improvement
//! adviser sees. Partnerships appear by code unless they opted in to their name. Every
//! figure that summarises across partnerships is suppressed when fewer than the threshold
//! contributed, and also when the partnerships a filter leaves out are fewer than the
//! threshold, since comparing the filtered and unfiltered figures would reveal them.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::group::Distribution;
use super::questionnaire::Questionnaire;
use super::rating::Rating;
use super::scoring::Scores;
use super::session::{HandCount, MIN_ANONYMITY_THRESHOLD};
use super::sorting::sort_by_key;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// One person's self-assessment.
    Assessment,
    /// A board session's agreed ratings.
    Session,
}

impl Source {
    /// What a row's source column says.
    pub fn label(self) -> &'static str {
        match self {
            Source::Assessment => "Individual assessment",
            Source::Session => "Board session",
        }
    }
}

/// One partnership's results as sent to an adviser: ratings, counts and coarse attributes
/// only, never labels or free text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    /// The partnership's code, as agreed with the adviser.
    pub partnership_code: String,
    /// Only when the partnership chose to include it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partnership_name: Option<String>,
    pub questionnaire_id: String,
    pub questionnaire_version: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub source: Source,
    /// The rating of each expectation: the assessment's, or the board's agreed rating.
    pub ratings: BTreeMap<String, Rating>,
    /// Members' rating counts per expectation (sessions only), where enough members
    /// answered to keep them anonymous.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub counts: BTreeMap<String, HandCount>,
    /// How many members took part from each sector (sessions only, when chosen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sectors: Option<BTreeMap<String, usize>>,
    /// The expectations the plan has actions for (improvement themes), not the actions' words.
    #[serde(default)]
    pub planned: Vec<String>,
}

impl Submission {
    /// What makes two files the same submission.
    pub fn key(&self) -> (String, String, Source, String) {
        (
            self.partnership_code.to_uppercase(),
            self.date.clone(),
            self.source,
            self.questionnaire_version.clone(),
        )
    }

    /// The partnership as advisers see it: its name if it opted in, otherwise its code.
    pub fn display_name(&self) -> String {
        partnership_label(&self.partnership_code, self.partnership_name.as_deref())
    }

    pub fn scores(&self, questionnaire: &Questionnaire) -> Scores {
        Scores::compute(questionnaire, |e| self.ratings.get(e).copied())
    }
}

/// Which submissions a view covers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Inclusive `YYYY-MM-DD` bounds; empty for none.
    pub from: String,
    pub to: String,
    pub questionnaire_version: Option<String>,
}

impl Filter {
    pub fn accepts(&self, s: &Submission) -> bool {
        (self.from.is_empty() || s.date >= self.from)
            && (self.to.is_empty() || s.date <= self.to)
            && self
                .questionnaire_version
                .as_ref()
                .is_none_or(|v| *v == s.questionnaire_version)
    }
}

/// A figure, or the reason it is hidden.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown<T> {
    Value(T),
    Suppressed(Suppression),
}

/// Why a figure across partnerships is hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suppression {
    /// Fewer partnerships than the threshold are in it.
    TooFew { threshold: usize },
    /// Enough are in it, but the partnerships the filter leaves out (or shows from an
    /// earlier file) are fewer than the threshold: comparing it with the unfiltered figure
    /// would reveal theirs.
    Subtraction { left_out: usize, threshold: usize },
}

impl Suppression {
    /// What a table cell says in its place.
    pub fn describe(&self) -> String {
        match self {
            Suppression::TooFew { threshold } => {
                format!("Suppressed: fewer than {threshold} partnerships")
            }
            Suppression::Subtraction { .. } => {
                "Suppressed: the filter leaves out too few to hide".into()
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct HeatmapRow {
    pub code: String,
    /// Only when the partnership chose to include it.
    pub name: Option<String>,
    /// Whether the file used is one person's assessment or a board's agreed ratings.
    pub source: Source,
    pub date: String,
    pub principle_means: Vec<Option<f64>>,
}

impl HeatmapRow {
    /// The partnership as advisers see it: its name if it opted in, otherwise its code.
    pub fn partnership(&self) -> String {
        partnership_label(&self.code, self.name.as_deref())
    }
}

/// "Anytown (CPP-07)" for a partnership that opted in to its name, "CPP-07" otherwise.
fn partnership_label(code: &str, name: Option<&str>) -> String {
    match name {
        Some(name) => format!("{name} ({code})"),
        None => code.to_owned(),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Collation {
    /// Partnerships in the view (the latest submission of each).
    pub partnerships: usize,
    /// Partnerships the filter leaves out or shows from an earlier file than the latest.
    pub left_out: usize,
    pub heatmap: Vec<HeatmapRow>,
    /// Median across partnerships of each principle's mean, in questionnaire order.
    pub profile: Vec<Shown<f64>>,
    /// Each expectation's ratings across partnerships.
    pub distributions: Vec<(String, Shown<Distribution>)>,
    /// Expectations where members disagreed, by how many partnerships' sessions showed it.
    pub hot_spots: Shown<Vec<(String, usize)>>,
    /// Expectations most often in plans, by how many partnerships planned for them.
    pub themes: Shown<Vec<(String, usize)>>,
}

fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    // The standard sort here: medians of 10,000 files are the one hot path that sorts.
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[mid - 1] + values[mid]) / 2.0
    } else {
        values[mid]
    })
}

/// Collates the latest submission of each partnership that passes the filter, for one
/// questionnaire. `threshold` is raised to the minimum if set lower.
pub fn collate(
    questionnaire: &Questionnaire,
    submissions: &[Submission],
    filter: &Filter,
    threshold: usize,
) -> Collation {
    let threshold = threshold.max(MIN_ANONYMITY_THRESHOLD);
    let latest = |pass: &dyn Fn(&Submission) -> bool| {
        let mut by_code: BTreeMap<String, &Submission> = BTreeMap::new();
        for s in submissions
            .iter()
            .filter(|s| s.questionnaire_id == questionnaire.id && pass(s))
        {
            let code = s.partnership_code.to_uppercase();
            if by_code
                .get(&code)
                .is_none_or(|current| s.date > current.date)
            {
                by_code.insert(code, s);
            }
        }
        by_code
    };
    let all = latest(&|_| true);
    let chosen = latest(&|s| filter.accepts(s));
    let partnerships = chosen.len();
    // Differencing works on the files used, not on codes: a partnership the filter leaves
    // out, or shows from an earlier file, differs between the two views all the same.
    let left_out = all
        .iter()
        .filter(|(code, latest)| chosen.get(*code).is_none_or(|used| used != *latest))
        .count();
    // Too few in the view, or too few differing to be hidden by subtraction.
    let suppressed = |n: usize| {
        if n < threshold {
            Some(Suppression::TooFew { threshold })
        } else if left_out > 0 && left_out < threshold {
            Some(Suppression::Subtraction {
                left_out,
                threshold,
            })
        } else {
            None
        }
    };

    let scored: Vec<(&Submission, Scores)> = chosen
        .values()
        .map(|s| (*s, s.scores(questionnaire)))
        .collect();
    let heatmap = scored
        .iter()
        .map(|(s, scores)| HeatmapRow {
            code: s.partnership_code.clone(),
            name: s.partnership_name.clone(),
            source: s.source,
            date: s.date.clone(),
            principle_means: scores.principles.iter().map(|p| p.mean()).collect(),
        })
        .collect();
    let profile = (0..questionnaire.principles.len())
        .map(|i| {
            let mut means: Vec<f64> = scored
                .iter()
                .filter_map(|(_, sc)| sc.principles[i].mean())
                .collect();
            match suppressed(means.len()) {
                Some(why) => Shown::Suppressed(why),
                None => median(&mut means)
                    .map(Shown::Value)
                    .unwrap_or(Shown::Suppressed(Suppression::TooFew { threshold })),
            }
        })
        .collect();
    let distributions = questionnaire
        .expectations()
        .map(|e| {
            let d = Distribution::from_ratings(
                chosen
                    .values()
                    .filter_map(|s| s.ratings.get(&e.id).copied()),
            );
            let shown = match suppressed(d.answered()) {
                Some(why) => Shown::Suppressed(why),
                None => Shown::Value(d),
            };
            (e.id.clone(), shown)
        })
        .collect();
    let sessions = chosen.values().filter(|s| !s.counts.is_empty()).count();
    let hot_spots = if let Some(why) = suppressed(sessions) {
        Shown::Suppressed(why)
    } else {
        let mut spots: Vec<(String, usize)> = questionnaire
            .expectations()
            .map(|e| {
                let n = chosen
                    .values()
                    .filter_map(|s| s.counts.get(&e.id))
                    .filter(|c| c.distribution().disagreement())
                    .count();
                (e.id.clone(), n)
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        sort_by_key(&mut spots, |(_, n)| std::cmp::Reverse(*n));
        Shown::Value(spots)
    };
    let themes = if let Some(why) = suppressed(partnerships) {
        Shown::Suppressed(why)
    } else {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for s in chosen.values() {
            for e in s.planned.iter().collect::<BTreeSet<_>>() {
                *counts.entry(e.clone()).or_default() += 1;
            }
        }
        let order: Vec<String> = questionnaire.expectations().map(|e| e.id.clone()).collect();
        let mut list: Vec<(String, usize)> = counts.into_iter().collect();
        sort_by_key(&mut list, |(e, n)| {
            (std::cmp::Reverse(*n), order.iter().position(|o| o == e))
        });
        Shown::Value(list)
    };
    Collation {
        partnerships,
        left_out,
        heatmap,
        profile,
        distributions,
        hot_spots,
        themes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::test_support::questionnaire;
    use proptest::prelude::*;

    fn submission(code: &str, date: &str, level: u8) -> Submission {
        Submission {
            partnership_code: code.into(),
            partnership_name: None,
            questionnaire_id: "test".into(),
            questionnaire_version: "1.0.0".into(),
            date: date.into(),
            source: Source::Assessment,
            ratings: [
                ("p1-1".to_string(), Rating::Level(level)),
                ("p1-2".to_string(), Rating::DontKnow),
            ]
            .into(),
            counts: BTreeMap::new(),
            sectors: None,
            planned: vec!["p1-1".into()],
        }
    }

    fn five() -> Vec<Submission> {
        (1..=5)
            .map(|i| submission(&format!("CPP-{i}"), "2026-06-01", i as u8))
            .collect()
    }

    #[test]
    fn latest_submission_per_partnership_and_medians() {
        let q = questionnaire(&[2]);
        let mut list = five();
        list.push(submission("cpp-1", "2025-06-01", 6));
        let c = collate(&q, &list, &Filter::default(), 5);
        assert_eq!(c.partnerships, 5);
        assert_eq!(c.heatmap[0].partnership(), "CPP-1");
        assert_eq!(c.heatmap[0].source, Source::Assessment);
        assert_eq!(c.heatmap[0].principle_means, [Some(1.0)]);
        assert_eq!(c.profile, [Shown::Value(3.0)]);
        match &c.distributions[0].1 {
            Shown::Value(d) => assert_eq!((d.rated(), d.median()), (5, Some(3.0))),
            Shown::Suppressed(why) => panic!("five partnerships are enough, not {why:?}"),
        }
        assert_eq!(c.themes, Shown::Value(vec![("p1-1".into(), 5)]));
        assert_eq!(
            c.hot_spots,
            Shown::Suppressed(Suppression::TooFew { threshold: 5 }),
            "no sessions, so no hot spots to show"
        );
    }

    #[test]
    fn small_groups_are_suppressed_including_by_subtraction() {
        let q = questionnaire(&[2]);
        let mut list = five();
        list.extend((6..=8).map(|i| submission(&format!("CPP-{i}"), "2026-09-01", 4)));
        // All eight: fine.
        assert!(matches!(
            collate(&q, &list, &Filter::default(), 5).profile[0],
            Shown::Value(_)
        ));
        // The filter keeps five but leaves out three: subtracting would reveal those three.
        let june = Filter {
            to: "2026-06-30".into(),
            ..Filter::default()
        };
        let c = collate(&q, &list, &june, 5);
        assert_eq!((c.partnerships, c.left_out), (5, 3));
        let by_subtraction = Suppression::Subtraction {
            left_out: 3,
            threshold: 5,
        };
        assert_eq!(c.profile, [Shown::Suppressed(by_subtraction)]);
        assert_eq!(c.themes, Shown::Suppressed(by_subtraction));
        // A filter keeping three: too few.
        let september = Filter {
            from: "2026-09-01".into(),
            ..Filter::default()
        };
        assert_eq!(
            collate(&q, &list, &september, 5).profile,
            [Shown::Suppressed(Suppression::TooFew { threshold: 5 })]
        );
        // The threshold never drops below the minimum.
        assert_eq!(
            collate(&q, &list[..2], &Filter::default(), 1).profile,
            [Shown::Suppressed(Suppression::TooFew {
                threshold: MIN_ANONYMITY_THRESHOLD
            })]
        );
    }

    #[test]
    fn names_only_when_opted_in_and_other_questionnaires_ignored() {
        let q = questionnaire(&[2]);
        let mut list = five();
        list[0].partnership_name = Some("Anytown".into());
        list[1].questionnaire_id = "another".into();
        let c = collate(&q, &list, &Filter::default(), 3);
        assert_eq!(c.partnerships, 4);
        assert_eq!(c.heatmap[0].partnership(), "Anytown (CPP-1)");
        assert_eq!(
            (c.heatmap[0].code.as_str(), c.heatmap[0].name.as_deref()),
            ("CPP-1", Some("Anytown"))
        );
        assert!(c
            .heatmap
            .iter()
            .skip(1)
            .all(|r| r.partnership().starts_with("CPP-") && r.name.is_none()));
    }

    #[test]
    fn hot_spots_count_sessions_that_disagreed() {
        let q = questionnaire(&[2]);
        let mut list = five();
        for s in &mut list {
            s.source = Source::Session;
            s.counts.insert(
                "p1-1".into(),
                HandCount {
                    levels: [(1, 2), (6, 2)].into(),
                    dont_know: 0,
                },
            );
            s.counts.insert(
                "p1-2".into(),
                HandCount {
                    levels: [(4, 5)].into(),
                    dont_know: 0,
                },
            );
        }
        let c = collate(&q, &list, &Filter::default(), 5);
        assert_eq!(c.hot_spots, Shown::Value(vec![("p1-1".into(), 5)]));
    }

    #[test]
    fn a_filter_that_swaps_in_an_older_file_counts_as_leaving_one_out() {
        let q = questionnaire(&[2]);
        let mut list: Vec<Submission> = (1..=6)
            .map(|i| submission(&format!("CPP-{i}"), "2026-06-01", 4))
            .collect();
        // CPP-1 sent a newer file too; a filter ending in June shows its older one.
        list.push(submission("CPP-1", "2026-10-01", 1));
        let june = Filter {
            to: "2026-06-30".into(),
            ..Filter::default()
        };
        let c = collate(&q, &list, &june, 5);
        assert_eq!((c.partnerships, c.left_out), (6, 1));
        let by_subtraction = Suppression::Subtraction {
            left_out: 1,
            threshold: 5,
        };
        assert!(c
            .distributions
            .iter()
            .all(|(_, d)| *d == Shown::Suppressed(by_subtraction)));
        assert_eq!(c.profile, [Shown::Suppressed(by_subtraction)]);
    }

    proptest! {
        /// For any files and any date filter, a figure shown in both the filtered and the
        /// unfiltered view is never from two sets of files that differ by fewer than the
        /// threshold: subtracting one from the other cannot reveal a small group.
        #[test]
        fn no_two_views_differ_by_fewer_than_the_threshold(
            files in proptest::collection::vec((0usize..8, 1u32..5, 1u8..=6), 0..20),
            (from, to) in (0u32..6, 0u32..6),
            threshold in 3usize..6,
        ) {
            let q = questionnaire(&[1]);
            let list: Vec<Submission> = files
                .iter()
                .map(|(code, month, level)| submission(&format!("C{code}"), &format!("2026-0{month}-01"), *level))
                .collect();
            let filter = Filter {
                from: format!("2026-0{}-01", from.min(to).max(1)),
                to: format!("2026-0{}-28", from.max(to).max(1)),
                ..Filter::default()
            };
            let whole = collate(&q, &list, &Filter::default(), threshold);
            let part = collate(&q, &list, &filter, threshold);
            // Worked out here on its own: the file each view uses for each partnership.
            let used = |f: &Filter| {
                let mut by_code: BTreeMap<&str, &Submission> = BTreeMap::new();
                for s in list.iter().filter(|s| f.accepts(s)) {
                    if by_code.get(s.partnership_code.as_str()).is_none_or(|c| s.date > c.date) {
                        by_code.insert(&s.partnership_code, s);
                    }
                }
                by_code
            };
            let (all, some) = (used(&Filter::default()), used(&filter));
            let differing = all.iter().filter(|(code, s)| some.get(*code) != Some(*s)).count();
            let shown = |c: &Collation| matches!(c.distributions[0].1, Shown::Value(_));
            if shown(&whole) && shown(&part) {
                prop_assert!(differing == 0 || differing >= threshold, "{} files differ", differing);
            }
            for c in [&whole, &part] {
                if let Shown::Value(d) = &c.distributions[0].1 {
                    prop_assert!(d.answered() >= threshold);
                }
            }
        }

        #[test]
        fn nothing_is_shown_from_fewer_than_the_threshold(n in 0usize..12, threshold in 0usize..8, levels in proptest::collection::vec(1u8..=6, 12)) {
            let q = questionnaire(&[1]);
            let list: Vec<Submission> = (0..n).map(|i| submission(&format!("C{i}"), "2026-01-01", levels[i])).collect();
            let c = collate(&q, &list, &Filter::default(), threshold);
            let effective = threshold.max(MIN_ANONYMITY_THRESHOLD);
            if n < effective {
                let too_few = Suppression::TooFew { threshold: effective };
                prop_assert_eq!(&c.profile, &vec![Shown::Suppressed(too_few)]);
                prop_assert!(c.distributions.iter().all(|(_, d)| *d == Shown::Suppressed(too_few)));
                prop_assert_eq!(c.themes, Shown::Suppressed(too_few));
            } else {
                prop_assert!(matches!(c.profile[0], Shown::Value(v) if (1.0..=6.0).contains(&v)));
            }
        }
    }
}
