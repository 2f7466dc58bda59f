//! Collating adviser files from many partnerships: the national picture an improvement
//! adviser sees. Partnerships appear by code unless they opted in to their name. Which of a
//! partnership's files represents it follows a rule the adviser picks (`Representation`),
//! or the file the adviser chose. Every figure across partnerships is released under one
//! rule: it is shown only when enough partnerships contribute to it, and when it differs
//! from the same figure in every view offered before it (`Filter::offered`) by none or by
//! at least the threshold of partnerships, so no two views on offer can be subtracted to
//! reveal a small group.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::group::Distribution;
use super::questionnaire::Questionnaire;
use super::rating::Rating;
use super::scoring::Scores;
use super::session::{HandCount, MIN_ANONYMITY_THRESHOLD};
use super::sorting::{sort_by, sort_by_key};

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

/// What makes two files the same submission; also how the adviser's choice of a file for
/// its partnership is kept.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FileKey {
    pub partnership_code: String,
    pub questionnaire_id: String,
    pub questionnaire_version: String,
    pub date: String,
    pub source: Source,
}

impl Submission {
    pub fn key(&self) -> FileKey {
        FileKey {
            partnership_code: self.partnership_code.to_uppercase(),
            questionnaire_id: self.questionnaire_id.clone(),
            questionnaire_version: self.questionnaire_version.clone(),
            date: self.date.clone(),
            source: self.source,
        }
    }

    /// The partnership as advisers see it: its name if it opted in, otherwise its code.
    pub fn display_name(&self) -> String {
        partnership_label(&self.partnership_code, self.partnership_name.as_deref())
    }

    pub fn scores(&self, questionnaire: &Questionnaire) -> Scores {
        Scores::compute(questionnaire, |e| self.ratings.get(e).copied())
    }

    /// The year of its date, if the date has one.
    pub fn year(&self) -> Option<u16> {
        self.date.get(..4)?.parse().ok()
    }
}

/// Which file represents a partnership that sent several for one questionnaire.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The latest board session; for a partnership that sent none, its latest individual
    /// assessment. A board's agreed view is the partnership's view; one person's is not.
    #[default]
    BoardSessionFirst,
    /// Board sessions only: partnerships that sent only individual assessments are left out.
    BoardSessionsOnly,
    /// The latest file of either kind.
    LatestFile,
}

impl Rule {
    pub const ALL: [Rule; 3] = [
        Rule::BoardSessionFirst,
        Rule::BoardSessionsOnly,
        Rule::LatestFile,
    ];

    /// The rule as a choice is labelled.
    pub fn label(self) -> &'static str {
        match self {
            Rule::BoardSessionFirst => "Board session first",
            Rule::BoardSessionsOnly => "Board sessions only",
            Rule::LatestFile => "Latest file of either kind",
        }
    }

    /// The rule as the end of "Each partnership is represented by …", as the page and
    /// each export state it.
    pub fn describe(self) -> &'static str {
        match self {
            Rule::BoardSessionFirst => {
                "its latest board session, or its latest individual assessment if it sent no board session"
            }
            Rule::BoardSessionsOnly => {
                "its latest board session; partnerships that sent only individual assessments are left out"
            }
            Rule::LatestFile => {
                "its latest file, whether a board session or an individual assessment"
            }
        }
    }

    /// The value a choice carries, and its inverse.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::BoardSessionFirst => "board_session_first",
            Rule::BoardSessionsOnly => "board_sessions_only",
            Rule::LatestFile => "latest_file",
        }
    }

    pub fn parse(text: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

/// How the adviser decides which file represents each partnership: a rule, and the files
/// chosen by hand over it (at most one per partnership and questionnaire).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Representation {
    #[serde(default)]
    pub rule: Rule,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chosen: Vec<FileKey>,
}

/// A questionnaire version's numbers, so "1.10.0" follows "1.9.0".
fn version_order(version: &str) -> Vec<(u64, &str)> {
    version
        .split('.')
        .map(|part| (part.parse().unwrap_or(0), part))
        .collect()
}

impl Representation {
    /// Chooses `key` for its partnership, in place of any file chosen for it before.
    pub fn choose(&mut self, key: FileKey) {
        self.chosen.retain(|c| {
            (&c.partnership_code, &c.questionnaire_id)
                != (&key.partnership_code, &key.questionnaire_id)
        });
        self.chosen.push(key);
        sort_by(&mut self.chosen, Ord::cmp);
    }

    /// Lets the rule decide for this file's partnership again.
    pub fn unchoose(&mut self, key: &FileKey) {
        self.chosen.retain(|c| c != key);
    }

    pub fn is_chosen(&self, key: &FileKey) -> bool {
        // A handful at most, and a list read from a file need not be in order.
        self.chosen.contains(key)
    }

    /// The file (its index in `submissions`) that represents each partnership (by code)
    /// among the files of this questionnaire the filter accepts: a file the adviser chose,
    /// if the filter accepts it, otherwise the rule's.
    pub fn representatives(
        &self,
        questionnaire_id: &str,
        submissions: &[Submission],
        filter: &Filter,
    ) -> BTreeMap<String, usize> {
        type Rank<'a> = (bool, bool, &'a str, bool, Vec<(u64, &'a str)>);
        let mut best: BTreeMap<String, (usize, Rank)> = BTreeMap::new();
        for (index, s) in submissions.iter().enumerate() {
            if s.questionnaire_id != questionnaire_id || !filter.accepts(s) {
                continue;
            }
            let session = s.source == Source::Session;
            let chosen = !self.chosen.is_empty() && self.is_chosen(&s.key());
            if self.rule == Rule::BoardSessionsOnly && !session && !chosen {
                continue;
            }
            // Compared in order: chosen by hand, then the rule's preference, then newer,
            // then (for two files of one day) a board session, then the later version.
            let prefer_board = self.rule != Rule::LatestFile && session;
            let rank: Rank = (
                chosen,
                prefer_board,
                s.date.as_str(),
                session,
                version_order(&s.questionnaire_version),
            );
            let code = s.partnership_code.to_uppercase();
            if best.get(&code).is_none_or(|(_, current)| rank > *current) {
                best.insert(code, (index, rank));
            }
        }
        best.into_iter()
            .map(|(code, (index, _))| (code, index))
            .collect()
    }
}

/// Which submissions a view covers: a calendar year and a questionnaire version, or all.
/// Only these coarse views are offered, so the figures of every view can be checked
/// against every other before any is shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub year: Option<u16>,
    pub questionnaire_version: Option<String>,
}

impl Filter {
    pub fn accepts(&self, s: &Submission) -> bool {
        self.year.is_none_or(|y| s.year() == Some(y))
            && self
                .questionnaire_version
                .as_ref()
                .is_none_or(|v| *v == s.questionnaire_version)
    }

    /// Every view the page offers for one questionnaire's files, in the order their
    /// figures are released: all files first, then each version, each year, and each year
    /// and version together.
    pub fn offered(questionnaire_id: &str, submissions: &[Submission]) -> Vec<Filter> {
        let mine = || {
            submissions
                .iter()
                .filter(|s| s.questionnaire_id == questionnaire_id)
        };
        let years: BTreeSet<u16> = mine().filter_map(Submission::year).collect();
        let mut versions: Vec<&str> = mine().map(|s| s.questionnaire_version.as_str()).collect();
        sort_by_key(&mut versions, |v| version_order(v));
        versions.dedup();
        let years = [None].into_iter().chain(years.into_iter().map(Some));
        let versions: Vec<Option<String>> = [None]
            .into_iter()
            .chain(versions.into_iter().map(|v| Some(v.to_owned())))
            .collect();
        years
            .flat_map(|year| {
                versions.iter().map(move |version| Filter {
                    year,
                    questionnaire_version: version.clone(),
                })
            })
            .collect()
    }

    /// The view in words, for a page or an export's first row: "all dates, all versions",
    /// "2026, version 1.0.0".
    pub fn describe(&self) -> String {
        let dates = self
            .year
            .map_or("all dates".to_owned(), |y| format!("dated {y}"));
        let versions = self
            .questionnaire_version
            .as_ref()
            .map_or("all versions".to_owned(), |v| format!("version {v}"));
        format!("{dates}, {versions}")
    }

    /// The view as part of a file name: "all-dates-all-versions", "2026-v1.0.0".
    pub fn slug(&self) -> String {
        let dates = self.year.map_or("all-dates".to_owned(), |y| y.to_string());
        let versions = self
            .questionnaire_version
            .as_ref()
            .map_or("all-versions".to_owned(), |v| format!("v{v}"));
        format!("{dates}-{versions}")
    }
}

/// Whether a file dated `date` is more than `months` months older than `today` (both
/// `YYYY-MM-DD`): the adviser's sign that a partnership's picture may be out of date.
pub fn is_older_than(date: &str, today: &str, months: u32) -> bool {
    let (Some(year), Some(month)) = (
        today.get(..4).and_then(|y| y.parse::<i64>().ok()),
        today.get(5..7).and_then(|m| m.parse::<i64>().ok()),
    ) else {
        return false;
    };
    let months_since_zero = year * 12 + (month - 1) - i64::from(months);
    let cutoff = format!(
        "{:04}-{:02}-{}",
        months_since_zero.div_euclid(12),
        months_since_zero.rem_euclid(12) + 1,
        today.get(8..10).unwrap_or("01")
    );
    // ISO dates order as text; a cutoff such as 31 February still falls between its
    // neighbours.
    date < cutoff.as_str()
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
    /// Fewer partnerships than the threshold contribute to it.
    TooFew { threshold: usize },
    /// Enough contribute, but the same figure in another view on offer (all files, or
    /// another year or version) comes from files differing in fewer partnerships than the
    /// threshold: comparing the two would reveal theirs.
    Subtraction { threshold: usize },
}

impl Suppression {
    /// What a table cell says in its place.
    pub fn describe(&self) -> String {
        match self {
            Suppression::TooFew { threshold } => {
                format!("Suppressed: fewer than {threshold} partnerships")
            }
            Suppression::Subtraction { threshold } => format!(
                "Suppressed: another view differs from this one by fewer than {threshold} partnerships"
            ),
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
    /// Whether the adviser chose this file over the rule.
    pub chosen: bool,
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
    /// Partnerships in the view.
    pub partnerships: usize,
    /// Partnerships in the view of all files that this view leaves out or shows from
    /// another file.
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

/// The views on offer for one questionnaire, each as the file used for every partnership,
/// and the release rule over them.
struct Release<'a> {
    submissions: &'a [Submission],
    /// One row per view in release order; one column per partnership (every partnership in
    /// the first view, of all files, which holds every partnership any view holds).
    used: Vec<Vec<Option<usize>>>,
    /// The view being collated.
    this: usize,
    threshold: usize,
}

impl Release<'_> {
    /// Why a figure of this view is hidden, if it is. `contributes` says whether a file
    /// counts towards the figure. The figure is released in a view when enough partnerships
    /// contribute to it and, for every view released before it, the partnerships whose
    /// contribution differs are none or at least the threshold.
    fn suppression(&self, contributes: impl Fn(&Submission) -> bool) -> Option<Suppression> {
        let threshold = self.threshold;
        let contributions: Vec<Vec<Option<usize>>> = self.used[..=self.this]
            .iter()
            .map(|view| {
                view.iter()
                    .map(|used| used.filter(|&i| contributes(&self.submissions[i])))
                    .collect()
            })
            .collect();
        let count = |view: &[Option<usize>]| view.iter().filter(|c| c.is_some()).count();
        if count(&contributions[self.this]) < threshold {
            return Some(Suppression::TooFew { threshold });
        }
        let differing = |a: &[Option<usize>], b: &[Option<usize>]| {
            a.iter().zip(b).filter(|(x, y)| x != y).count()
        };
        let mut released: Vec<usize> = Vec::new();
        for (view, figure) in contributions.iter().enumerate() {
            let safe = count(figure) >= threshold
                && released.iter().all(|&earlier| {
                    let d = differing(figure, &contributions[earlier]);
                    d == 0 || d >= threshold
                });
            if view == self.this {
                return (!safe).then_some(Suppression::Subtraction { threshold });
            }
            if safe {
                released.push(view);
            }
        }
        None
    }
}

/// Collates the file representing each partnership among those the filter accepts, for
/// one questionnaire. `threshold` is raised to the minimum if set lower.
pub fn collate(
    questionnaire: &Questionnaire,
    submissions: &[Submission],
    representation: &Representation,
    filter: &Filter,
    threshold: usize,
) -> Collation {
    let threshold = threshold.max(MIN_ANONYMITY_THRESHOLD);
    let mut views = Filter::offered(&questionnaire.id, submissions);
    let this = match views.iter().position(|v| v == filter) {
        Some(this) => this,
        None => {
            views.push(filter.clone());
            views.len() - 1
        }
    };
    let maps: Vec<BTreeMap<String, usize>> = views
        .iter()
        .map(|v| representation.representatives(&questionnaire.id, submissions, v))
        .collect();
    let used: Vec<Vec<Option<usize>>> = maps
        .iter()
        .map(|view| maps[0].keys().map(|code| view.get(code).copied()).collect())
        .collect();
    let left_out = used[this]
        .iter()
        .zip(&used[0])
        .filter(|(here, all)| here != all)
        .count();
    let release = Release {
        submissions,
        used,
        this,
        threshold,
    };
    let chosen: Vec<&Submission> = maps[this].values().map(|&i| &submissions[i]).collect();
    let partnerships = chosen.len();

    let scored: Vec<(&Submission, Scores)> = chosen
        .iter()
        .map(|s| (*s, s.scores(questionnaire)))
        .collect();
    let heatmap = scored
        .iter()
        .map(|(s, scores)| HeatmapRow {
            code: s.partnership_code.clone(),
            name: s.partnership_name.clone(),
            source: s.source,
            date: s.date.clone(),
            chosen: !representation.chosen.is_empty() && representation.is_chosen(&s.key()),
            principle_means: scores.principles.iter().map(|p| p.mean()).collect(),
        })
        .collect();
    let profile = questionnaire
        .principles
        .iter()
        .enumerate()
        .map(|(i, principle)| {
            let rated = |s: &Submission| {
                principle
                    .expectations
                    .iter()
                    .any(|e| matches!(s.ratings.get(&e.id), Some(Rating::Level(_))))
            };
            match release.suppression(rated) {
                Some(why) => Shown::Suppressed(why),
                None => {
                    let mut means: Vec<f64> = scored
                        .iter()
                        .filter_map(|(_, sc)| sc.principles[i].mean())
                        .collect();
                    median(&mut means)
                        .map(Shown::Value)
                        .unwrap_or(Shown::Suppressed(Suppression::TooFew { threshold }))
                }
            }
        })
        .collect();
    let distributions = questionnaire
        .expectations()
        .map(|e| {
            let shown = match release.suppression(|s| s.ratings.contains_key(&e.id)) {
                Some(why) => Shown::Suppressed(why),
                None => Shown::Value(Distribution::from_ratings(
                    chosen.iter().filter_map(|s| s.ratings.get(&e.id).copied()),
                )),
            };
            (e.id.clone(), shown)
        })
        .collect();
    let hot_spots = if let Some(why) = release.suppression(|s| !s.counts.is_empty()) {
        Shown::Suppressed(why)
    } else {
        let mut spots: Vec<(String, usize)> = questionnaire
            .expectations()
            .map(|e| {
                let n = chosen
                    .iter()
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
    let themes = if let Some(why) = release.suppression(|_| true) {
        Shown::Suppressed(why)
    } else {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for s in &chosen {
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

    fn session(code: &str, date: &str, level: u8) -> Submission {
        Submission {
            source: Source::Session,
            ..submission(code, date, level)
        }
    }

    fn five() -> Vec<Submission> {
        (1..=5)
            .map(|i| submission(&format!("CPP-{i}"), "2026-06-01", i as u8))
            .collect()
    }

    fn collate_all(q: &Questionnaire, list: &[Submission], threshold: usize) -> Collation {
        collate(
            q,
            list,
            &Representation::default(),
            &Filter::default(),
            threshold,
        )
    }

    fn year(y: u16) -> Filter {
        Filter {
            year: Some(y),
            ..Filter::default()
        }
    }

    #[test]
    fn latest_submission_per_partnership_and_medians() {
        let q = questionnaire(&[2]);
        let mut list = five();
        list.push(submission("cpp-1", "2025-06-01", 6));
        let c = collate_all(&q, &list, 5);
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
    fn each_rule_picks_the_file_it_says() {
        let list = vec![
            session("CPP-1", "2025-03-01", 2),
            submission("CPP-1", "2026-03-01", 5),
            submission("CPP-2", "2026-01-01", 3),
            submission("CPP-2", "2026-02-01", 4),
            // Two files of one day: the board's agreed view goes before one person's.
            submission("CPP-3", "2026-05-01", 1),
            session("CPP-3", "2026-05-01", 6),
        ];
        let picks = |rule: Rule| {
            let r = Representation {
                rule,
                chosen: Vec::new(),
            };
            r.representatives("test", &list, &Filter::default())
                .into_iter()
                .map(|(code, i)| (code, list[i].date.as_str(), list[i].source))
                .collect::<Vec<_>>()
        };
        use Source::{Assessment as A, Session as S};
        let table = [
            (
                Rule::BoardSessionFirst,
                vec![
                    ("CPP-1", "2025-03-01", S),
                    ("CPP-2", "2026-02-01", A),
                    ("CPP-3", "2026-05-01", S),
                ],
            ),
            (
                Rule::BoardSessionsOnly,
                vec![("CPP-1", "2025-03-01", S), ("CPP-3", "2026-05-01", S)],
            ),
            (
                Rule::LatestFile,
                vec![
                    ("CPP-1", "2026-03-01", A),
                    ("CPP-2", "2026-02-01", A),
                    ("CPP-3", "2026-05-01", S),
                ],
            ),
        ];
        for (rule, expected) in table {
            let expected: Vec<(String, &str, Source)> = expected
                .into_iter()
                .map(|(c, d, s)| (c.to_owned(), d, s))
                .collect();
            assert_eq!(picks(rule), expected, "{rule:?}");
            assert_eq!(Rule::parse(rule.as_str()), Some(rule));
        }
    }

    #[test]
    fn a_file_chosen_by_hand_goes_before_the_rule_while_the_view_holds_it() {
        let list = vec![
            session("CPP-1", "2026-03-01", 2),
            submission("CPP-1", "2025-03-01", 5),
            submission("CPP-1", "2024-03-01", 4),
        ];
        let mut r = Representation {
            rule: Rule::BoardSessionsOnly,
            chosen: Vec::new(),
        };
        r.choose(list[1].key());
        r.choose(list[2].key());
        assert_eq!(r.chosen, [list[2].key()], "one chosen file per partnership");
        let used = |r: &Representation, f: &Filter| {
            r.representatives("test", &list, f).get("CPP-1").copied()
        };
        assert_eq!(used(&r, &Filter::default()), Some(2));
        assert_eq!(
            used(&r, &year(2026)),
            Some(0),
            "outside the view, the rule decides"
        );
        assert_eq!(
            used(&r, &year(2025)),
            None,
            "and this rule takes board sessions only"
        );
        r.unchoose(&list[2].key());
        assert_eq!(used(&r, &Filter::default()), Some(0));
    }

    #[test]
    fn the_views_offered_are_all_then_each_version_then_each_year() {
        let mut list = vec![
            submission("A", "2025-01-01", 1),
            submission("B", "2026-01-01", 1),
        ];
        list[1].questionnaire_version = "1.10.0".into();
        list.push(Submission {
            questionnaire_version: "1.9.0".into(),
            ..submission("C", "2026-02-01", 1)
        });
        let described: Vec<String> = Filter::offered("test", &list)
            .iter()
            .map(Filter::describe)
            .collect();
        assert_eq!(
            described,
            [
                "all dates, all versions",
                "all dates, version 1.0.0",
                "all dates, version 1.9.0",
                "all dates, version 1.10.0",
                "dated 2025, all versions",
                "dated 2025, version 1.0.0",
                "dated 2025, version 1.9.0",
                "dated 2025, version 1.10.0",
                "dated 2026, all versions",
                "dated 2026, version 1.0.0",
                "dated 2026, version 1.9.0",
                "dated 2026, version 1.10.0",
            ]
        );
        assert_eq!(Filter::default().slug(), "all-dates-all-versions");
        let one = Filter {
            year: Some(2026),
            questionnaire_version: Some("1.0.0".into()),
        };
        assert_eq!(one.slug(), "2026-v1.0.0");
        assert_eq!(Filter::offered("other", &list), [Filter::default()]);
    }

    #[test]
    fn files_older_than_the_period_are_flagged() {
        for (date, today, months, old) in [
            ("2025-11-29", "2026-11-30", 12, true),
            ("2025-11-30", "2026-11-30", 12, false),
            ("2026-06-01", "2026-11-30", 6, false),
            ("2026-05-29", "2026-11-30", 6, true),
            ("2025-12-14", "2026-01-15", 1, true),
            ("2025-12-15", "2026-01-15", 1, false),
            ("2020-01-01", "not a date", 12, false),
        ] {
            assert_eq!(
                is_older_than(date, today, months),
                old,
                "{date} {today} {months}"
            );
        }
    }

    #[test]
    fn small_groups_are_suppressed_including_by_subtraction() {
        let q = questionnaire(&[2]);
        let mut list = five();
        list.extend((6..=8).map(|i| submission(&format!("CPP-{i}"), "2025-09-01", 4)));
        // All eight: fine.
        let all = collate_all(&q, &list, 5);
        assert!(matches!(all.profile[0], Shown::Value(_)));
        // 2026 keeps five but leaves out three: subtracting would reveal those three.
        let c = collate(&q, &list, &Representation::default(), &year(2026), 5);
        assert_eq!((c.partnerships, c.left_out), (5, 3));
        let by_subtraction = Suppression::Subtraction { threshold: 5 };
        assert_eq!(c.profile, [Shown::Suppressed(by_subtraction)]);
        assert_eq!(c.themes, Shown::Suppressed(by_subtraction));
        // 2025 keeps three: too few.
        assert_eq!(
            collate(&q, &list, &Representation::default(), &year(2025), 5).profile,
            [Shown::Suppressed(Suppression::TooFew { threshold: 5 })]
        );
        // The threshold never drops below the minimum.
        assert_eq!(
            collate_all(&q, &list[..2], 1).profile,
            [Shown::Suppressed(Suppression::TooFew {
                threshold: MIN_ANONYMITY_THRESHOLD
            })]
        );
        assert!(by_subtraction
            .describe()
            .contains("fewer than 5 partnerships"));
    }

    #[test]
    fn two_filtered_views_never_differ_by_a_few_partnerships() {
        // Ten partnerships in 2025, and two of them again in 2026 with a second
        // questionnaire version. "2025" and "all dates" differ by those two: only the
        // view released first (all dates) shows figures; so do the version views only
        // where they are the same files as one already shown.
        let q = questionnaire(&[2]);
        let mut list: Vec<Submission> = (1..=10)
            .map(|i| submission(&format!("CPP-{i}"), "2025-04-01", 3))
            .collect();
        for i in 1..=2 {
            list.push(Submission {
                questionnaire_version: "2.0.0".into(),
                ..submission(&format!("CPP-{i}"), "2026-04-01", 6)
            });
        }
        let shown = |filter: &Filter| {
            matches!(
                collate(&q, &list, &Representation::default(), filter, 5).profile[0],
                Shown::Value(_)
            )
        };
        let version = |v: &str| Filter {
            questionnaire_version: Some(v.into()),
            ..Filter::default()
        };
        assert!(shown(&Filter::default()));
        assert!(!shown(&version("1.0.0")), "differs from all by two");
        assert!(!shown(&version("2.0.0")), "two partnerships only");
        assert!(
            !shown(&year(2025)),
            "the same files as version 1.0.0: differs from all by two"
        );
        assert!(!shown(&year(2026)));
    }

    #[test]
    fn names_only_when_opted_in_and_other_questionnaires_ignored() {
        let q = questionnaire(&[2]);
        let mut list = five();
        list[0].partnership_name = Some("Anytown".into());
        list[1].questionnaire_id = "another".into();
        let c = collate_all(&q, &list, 3);
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
        let c = collate_all(&q, &list, 5);
        assert_eq!(c.hot_spots, Shown::Value(vec![("p1-1".into(), 5)]));
    }

    #[test]
    fn a_view_that_swaps_in_an_older_file_counts_as_leaving_one_out() {
        let q = questionnaire(&[2]);
        let mut list: Vec<Submission> = (1..=6)
            .map(|i| submission(&format!("CPP-{i}"), "2025-06-01", 4))
            .collect();
        // CPP-1 sent a newer file too; the 2025 view shows its older one.
        list.push(submission("CPP-1", "2026-10-01", 1));
        let c = collate(&q, &list, &Representation::default(), &year(2025), 5);
        assert_eq!((c.partnerships, c.left_out), (6, 1));
        let by_subtraction = Suppression::Subtraction { threshold: 5 };
        assert!(c
            .distributions
            .iter()
            .all(|(_, d)| *d == Shown::Suppressed(by_subtraction)));
        assert_eq!(c.profile, [Shown::Suppressed(by_subtraction)]);
    }

    #[test]
    fn an_expectation_few_partnerships_rated_differently_is_suppressed_on_its_own() {
        // Twelve partnerships in each of two years; between the views every partnership's
        // file differs, but only two of the 2026 files rate p1-2 at all.
        let q = questionnaire(&[2]);
        let mut list: Vec<Submission> = Vec::new();
        for i in 1..=12 {
            let mut s = submission(&format!("CPP-{i}"), "2025-05-01", 3);
            s.ratings.remove("p1-2");
            list.push(s);
            let mut later = submission(&format!("CPP-{i}"), "2026-05-01", 4);
            if i > 2 {
                later.ratings.remove("p1-2");
            }
            list.push(later);
        }
        let c = collate(&q, &list, &Representation::default(), &year(2025), 5);
        assert!(
            matches!(c.distributions[0].1, Shown::Value(_)),
            "p1-1 differs in all twelve"
        );
        assert_eq!(
            c.distributions[1].1,
            Shown::Suppressed(Suppression::TooFew { threshold: 5 })
        );
        let all = collate_all(&q, &list, 5);
        assert_eq!(
            all.distributions[1].1,
            Shown::Suppressed(Suppression::TooFew { threshold: 5 }),
            "two partnerships rated it"
        );
    }

    /// Worked out here on its own: the file each view uses for each partnership.
    fn used_files<'a>(
        list: &'a [Submission],
        representation: &Representation,
        filter: &Filter,
    ) -> BTreeMap<String, &'a Submission> {
        let mut by_code: BTreeMap<String, Vec<&Submission>> = BTreeMap::new();
        for s in list.iter().filter(|s| filter.accepts(s)) {
            by_code
                .entry(s.partnership_code.clone())
                .or_default()
                .push(s);
        }
        by_code
            .into_iter()
            .filter_map(|(code, files)| {
                let chosen = files
                    .iter()
                    .find(|s| representation.chosen.contains(&s.key()));
                fn newest<'s>(
                    it: &mut dyn Iterator<Item = &&'s Submission>,
                ) -> Option<&'s Submission> {
                    // Ties: a board session, then the later version ("2.0.0" > "1.0.0").
                    let rank = |s: &Submission| {
                        (
                            s.date.clone(),
                            s.source == Source::Session,
                            s.questionnaire_version.clone(),
                        )
                    };
                    it.max_by(|a, b| rank(a).cmp(&rank(b))).copied()
                }
                let sessions = || files.iter().filter(|s| s.source == Source::Session);
                let pick = chosen.copied().or_else(|| match representation.rule {
                    Rule::LatestFile => newest(&mut files.iter()),
                    Rule::BoardSessionsOnly => newest(&mut sessions()),
                    Rule::BoardSessionFirst => {
                        newest(&mut sessions()).or_else(|| newest(&mut files.iter()))
                    }
                });
                pick.map(|s| (code, s))
            })
            .collect()
    }

    proptest! {
        /// For any files, rule and choices, a figure shown in any two views on offer is
        /// never from two sets of files that differ by fewer than the threshold of
        /// partnerships: subtracting one from the other cannot reveal a small group.
        #[test]
        fn no_two_views_on_offer_differ_by_fewer_than_the_threshold(
            files in proptest::collection::vec((0usize..8, 0u16..3, 1u8..=6, any::<bool>(), any::<bool>(), any::<bool>()), 0..24),
            rule in 0usize..3,
            choose in proptest::collection::vec(0usize..24, 0..3),
            threshold in 3usize..6,
        ) {
            let q = questionnaire(&[1]);
            let list: Vec<Submission> = files
                .iter()
                .enumerate()
                .map(|(i, (code, y, level, board, v2, rated))| {
                    let mut s = submission(&format!("C{code}"), &format!("{}-0{}-01", 2024 + y, 1 + i % 9), *level);
                    if *board { s.source = Source::Session; }
                    if *v2 { s.questionnaire_version = "2.0.0".into(); }
                    if !rated { s.ratings.remove("p1-1"); }
                    s
                })
                .collect();
            // As in a collection, which keeps one file per key.
            let mut list = list;
            let mut keys = BTreeSet::new();
            list.retain(|s| keys.insert(s.key()));
            let mut representation = Representation { rule: Rule::ALL[rule], chosen: Vec::new() };
            for i in choose.into_iter().filter(|&i| i < list.len()) {
                representation.choose(list[i].key());
            }
            let views = Filter::offered("test", &list);
            let collated: Vec<Collation> = views
                .iter()
                .map(|f| collate(&q, &list, &representation, f, threshold))
                .collect();
            for (a, view_a) in views.iter().enumerate() {
                let used_a = used_files(&list, &representation, view_a);
                let got: Vec<(String, String)> = collated[a].heatmap.iter().map(|r| (r.code.clone(), r.date.clone())).collect();
                let expected: Vec<(String, String)> = used_a.iter().map(|(c, s)| (c.clone(), s.date.clone())).collect();
                prop_assert_eq!(got, expected, "the rule as written");
                for (b, view_b) in views.iter().enumerate().skip(a + 1) {
                    let used_b = used_files(&list, &representation, view_b);
                    let rates = |s: Option<&&Submission>| s.filter(|s| s.ratings.contains_key("p1-1")).map(|s| s.key());
                    let codes: BTreeSet<&String> = used_a.keys().chain(used_b.keys()).collect();
                    let differing = codes.iter().filter(|c| rates(used_a.get(**c)) != rates(used_b.get(**c))).count();
                    let shown = |c: &Collation| matches!(c.distributions[0].1, Shown::Value(_));
                    if shown(&collated[a]) && shown(&collated[b]) {
                        prop_assert!(differing == 0 || differing >= threshold, "{:?} and {:?}: {} differ", view_a, view_b, differing);
                    }
                }
                if let Shown::Value(d) = &collated[a].distributions[0].1 {
                    prop_assert!(d.answered() >= threshold);
                }
            }
            if let Some(first) = collated.first() {
                if first.distributions[0].1 != Shown::Suppressed(Suppression::TooFew { threshold: threshold.max(MIN_ANONYMITY_THRESHOLD) }) {
                    prop_assert!(matches!(first.distributions[0].1, Shown::Value(_)), "all files are released first");
                }
            }
        }

        #[test]
        fn nothing_is_shown_from_fewer_than_the_threshold(n in 0usize..12, threshold in 0usize..8, levels in proptest::collection::vec(1u8..=6, 12)) {
            let q = questionnaire(&[1]);
            let list: Vec<Submission> = (0..n).map(|i| submission(&format!("C{i}"), "2026-01-01", levels[i])).collect();
            let c = collate_all(&q, &list, threshold);
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
