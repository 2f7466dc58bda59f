//! A facilitated board session: anonymous participants, their individual ratings (passed
//! device or imported files), show-of-hands counts, the agreed (consensus) rating of each
//! expectation with its rationale, and the plan.
//!
//! Individual ratings are kept per participant only so that a person's turn can be
//! finished, removed or detected as a duplicate import; everything shown to the room goes
//! through `Session::distribution`, which returns counts, never who said what.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::assessment::Assessment;
use super::group::Distribution;
use super::plan::{Finding, FindingKind, Plan};
use super::questionnaire::Questionnaire;
use super::rating::Rating;
use super::sorting::{sort_by, sort_by_key};

/// Spreads are hidden below this many answers unless the facilitator sets otherwise.
pub const DEFAULT_ANONYMITY_THRESHOLD: usize = 5;
/// The facilitator can never set the threshold lower than this.
pub const MIN_ANONYMITY_THRESHOLD: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    LocalAuthority,
    NhsBoard,
    PoliceScotland,
    FireAndRescue,
    EnterpriseAgency,
    ThirdSectorInterface,
    CommunityBody,
    Other,
}

impl Sector {
    pub const ALL: [Sector; 8] = [
        Sector::LocalAuthority,
        Sector::NhsBoard,
        Sector::PoliceScotland,
        Sector::FireAndRescue,
        Sector::EnterpriseAgency,
        Sector::ThirdSectorInterface,
        Sector::CommunityBody,
        Sector::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Sector::LocalAuthority => "Local authority",
            Sector::NhsBoard => "NHS board",
            Sector::PoliceScotland => "Police Scotland",
            Sector::FireAndRescue => "Scottish Fire and Rescue Service",
            Sector::EnterpriseAgency => "Enterprise agency",
            Sector::ThirdSectorInterface => "Third sector interface",
            Sector::CommunityBody => "Community body",
            Sector::Other => "Other",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sector::LocalAuthority => "local_authority",
            Sector::NhsBoard => "nhs_board",
            Sector::PoliceScotland => "police_scotland",
            Sector::FireAndRescue => "fire_and_rescue",
            Sector::EnterpriseAgency => "enterprise_agency",
            Sector::ThirdSectorInterface => "third_sector_interface",
            Sector::CommunityBody => "community_body",
            Sector::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Sector> {
        Sector::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionDetails {
    pub partnership: String,
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "method")]
pub enum RatingMethod {
    /// Rated in turn on the facilitator's device. Once finished, the turn is closed.
    PassTheDevice { finished: bool },
    /// Imported from the response file of an individual assessment.
    Imported { assessment_id: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub id: String,
    /// An anonymous label such as "Member 3". Names are never asked for.
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<Sector>,
    pub method: RatingMethod,
    #[serde(default)]
    pub ratings: BTreeMap<String, Rating>,
}

impl Participant {
    pub fn is_finished(&self) -> bool {
        match self.method {
            RatingMethod::PassTheDevice { finished } => finished,
            RatingMethod::Imported { .. } => true,
        }
    }
}

/// Show-of-hands counts for one expectation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandCount {
    #[serde(default)]
    pub levels: BTreeMap<u8, usize>,
    #[serde(default)]
    pub dont_know: usize,
}

/// What the board agreed for one expectation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Consensus {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<Rating>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rationale: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub actions_arising: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub id: String,
    pub questionnaire_id: String,
    pub questionnaire_version: String,
    pub details: SessionDetails,
    #[serde(default)]
    pub participants: Vec<Participant>,
    #[serde(default)]
    pub next_participant_number: u32,
    #[serde(default)]
    pub hands: BTreeMap<String, HandCount>,
    #[serde(default)]
    pub consensus: BTreeMap<String, Consensus>,
    /// Expectations whose spread the facilitator has revealed to the room.
    #[serde(default)]
    pub revealed: BTreeSet<String>,
    pub anonymity_threshold: usize,
    #[serde(default)]
    pub plan: Plan,
    pub updated_at: String,
}

/// Why an import was refused; each names what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportRefusal {
    OtherQuestionnaire { found: String },
    OtherVersion { found: String, expected: String },
    AlreadyImported { label: String },
    NoRatings,
}

impl std::fmt::Display for ImportRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportRefusal::OtherQuestionnaire { found } => write!(
                f,
                "It answers a different questionnaire ({found}). Only responses to this session's questionnaire can be added"
            ),
            ImportRefusal::OtherVersion { found, expected } => write!(
                f,
                "It was made with version {found} of the questionnaire, but this session uses version {expected}. Ask the member to answer again with the same version"
            ),
            ImportRefusal::AlreadyImported { label } => write!(
                f,
                "This response is already in the session as {label}. To replace it, remove {label} first"
            ),
            ImportRefusal::NoRatings => write!(f, "It has no ratings yet: ask the member to complete their assessment first"),
        }
    }
}

/// How the agenda orders expectations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgendaOrder {
    Disagreement,
    DontKnow,
    LowScore,
}

impl Session {
    pub fn new(
        id: String,
        questionnaire: &Questionnaire,
        details: SessionDetails,
        now: String,
    ) -> Session {
        Session {
            id,
            questionnaire_id: questionnaire.id.clone(),
            questionnaire_version: questionnaire.version.clone(),
            details,
            participants: Vec::new(),
            next_participant_number: 0,
            hands: BTreeMap::new(),
            consensus: BTreeMap::new(),
            revealed: BTreeSet::new(),
            anonymity_threshold: DEFAULT_ANONYMITY_THRESHOLD,
            plan: Plan::default(),
            updated_at: now,
        }
    }

    pub fn set_anonymity_threshold(&mut self, threshold: usize) {
        self.anonymity_threshold = threshold.max(MIN_ANONYMITY_THRESHOLD);
    }

    fn add_participant(&mut self, sector: Option<Sector>, method: RatingMethod) -> String {
        self.next_participant_number += 1;
        let number = self.next_participant_number;
        let id = format!("member-{number}");
        self.participants.push(Participant {
            id: id.clone(),
            label: format!("Member {number}"),
            sector,
            method,
            ratings: BTreeMap::new(),
        });
        id
    }

    /// Starts a new pass-the-device turn; returns the participant's id.
    pub fn start_turn(&mut self, sector: Option<Sector>) -> String {
        self.add_participant(sector, RatingMethod::PassTheDevice { finished: false })
    }

    /// The turn in progress, if any: at most one is open at a time.
    pub fn open_turn(&self) -> Option<&Participant> {
        self.participants
            .iter()
            .find(|p| p.method == RatingMethod::PassTheDevice { finished: false })
    }

    pub fn participant(&self, id: &str) -> Option<&Participant> {
        self.participants.iter().find(|p| p.id == id)
    }

    /// Records a rating in an open turn. Finished turns cannot be changed or seen again.
    pub fn rate_in_turn(
        &mut self,
        participant_id: &str,
        expectation_id: &str,
        rating: Rating,
    ) -> bool {
        match self
            .participants
            .iter_mut()
            .find(|p| p.id == participant_id)
        {
            Some(p) if !p.is_finished() => {
                p.ratings.insert(expectation_id.to_owned(), rating);
                true
            }
            _ => false,
        }
    }

    pub fn finish_turn(&mut self, participant_id: &str) {
        if let Some(p) = self
            .participants
            .iter_mut()
            .find(|p| p.id == participant_id)
        {
            if matches!(p.method, RatingMethod::PassTheDevice { .. }) {
                p.method = RatingMethod::PassTheDevice { finished: true };
            }
        }
    }

    pub fn remove_participant(&mut self, participant_id: &str) {
        self.participants.retain(|p| p.id != participant_id);
    }

    pub fn set_sector(&mut self, participant_id: &str, sector: Option<Sector>) {
        if let Some(p) = self
            .participants
            .iter_mut()
            .find(|p| p.id == participant_id)
        {
            p.sector = sector;
        }
    }

    /// Adds an individual assessment as a participant's ratings. Only the ratings are
    /// taken: the name of the partnership, the assessor's role and evidence notes stay out.
    pub fn import_response(
        &mut self,
        questionnaire: &Questionnaire,
        response: &Assessment,
    ) -> Result<String, ImportRefusal> {
        if response.questionnaire_id != questionnaire.id {
            return Err(ImportRefusal::OtherQuestionnaire {
                found: response.questionnaire_id.clone(),
            });
        }
        if response.questionnaire_version != questionnaire.version {
            return Err(ImportRefusal::OtherVersion {
                found: response.questionnaire_version.clone(),
                expected: questionnaire.version.clone(),
            });
        }
        let already = self.participants.iter().find(|p| {
            matches!(&p.method, RatingMethod::Imported { assessment_id } if *assessment_id == response.id)
        });
        if let Some(existing) = already {
            return Err(ImportRefusal::AlreadyImported {
                label: existing.label.clone(),
            });
        }
        let ratings: BTreeMap<String, Rating> = questionnaire
            .expectations()
            .filter_map(|e| response.rating(&e.id).map(|r| (e.id.clone(), r)))
            .collect();
        if ratings.is_empty() {
            return Err(ImportRefusal::NoRatings);
        }
        let id = self.add_participant(
            None,
            RatingMethod::Imported {
                assessment_id: response.id.clone(),
            },
        );
        if let Some(p) = self.participants.iter_mut().find(|p| p.id == id) {
            p.ratings = ratings;
        }
        Ok(id)
    }

    pub fn set_hands(&mut self, expectation_id: &str, count: HandCount) {
        if count == HandCount::default() {
            self.hands.remove(expectation_id);
        } else {
            self.hands.insert(expectation_id.to_owned(), count);
        }
    }

    /// Everyone's answers to an expectation: finished turns, imports and show of hands.
    /// A turn still in progress is left out until it is finished.
    pub fn distribution(&self, expectation_id: &str) -> Distribution {
        let mut distribution = Distribution::default();
        for p in self.participants.iter().filter(|p| p.is_finished()) {
            if let Some(&rating) = p.ratings.get(expectation_id) {
                distribution.add(rating);
            }
        }
        if let Some(hands) = self.hands.get(expectation_id) {
            for (&value, &count) in &hands.levels {
                distribution.add_many(Rating::Level(value), count);
            }
            distribution.add_many(Rating::DontKnow, hands.dont_know);
        }
        distribution
    }

    /// Whether the room may see this expectation's spread: enough answers to keep them
    /// anonymous, and the facilitator has revealed it.
    pub fn spread_is_large_enough(&self, expectation_id: &str) -> bool {
        self.distribution(expectation_id).answered()
            >= self.anonymity_threshold.max(MIN_ANONYMITY_THRESHOLD)
    }

    pub fn consensus_rating(&self, expectation_id: &str) -> Option<Rating> {
        self.consensus.get(expectation_id).and_then(|c| c.rating)
    }

    pub fn consensus_mut(&mut self, expectation_id: &str) -> &mut Consensus {
        self.consensus.entry(expectation_id.to_owned()).or_default()
    }

    pub fn agreed_count(&self, questionnaire: &Questionnaire) -> usize {
        questionnaire
            .expectations()
            .filter(|e| self.consensus_rating(&e.id).is_some())
            .count()
    }

    /// Expectations in the order the board should spend its time on them; ties keep
    /// questionnaire order.
    pub fn agenda(&self, questionnaire: &Questionnaire, order: AgendaOrder) -> Vec<String> {
        // Spreads too small to show are treated as empty, so the order cannot reveal them.
        let mut items: Vec<(String, Distribution)> = questionnaire
            .expectations()
            .map(|e| {
                let shown = self.spread_is_large_enough(&e.id);
                (
                    e.id.clone(),
                    if shown {
                        self.distribution(&e.id)
                    } else {
                        Distribution::default()
                    },
                )
            })
            .collect();
        match order {
            AgendaOrder::Disagreement => {
                sort_by_key(&mut items, |(_, d)| std::cmp::Reverse(d.disagreement_key()))
            }
            AgendaOrder::DontKnow => {
                sort_by_key(&mut items, |(_, d)| std::cmp::Reverse(d.dont_know))
            }
            AgendaOrder::LowScore => sort_by(&mut items, |(_, a), (_, b)| {
                // Unrated expectations go last: there is nothing to discuss yet.
                let key = |d: &Distribution| d.median().unwrap_or(f64::INFINITY);
                key(a).total_cmp(&key(b))
            }),
        }
        items.into_iter().map(|(id, _)| id).collect()
    }

    /// Disagreement and "many don't know" findings, for expectations with enough answers
    /// to report on anonymously.
    pub fn findings(&self, questionnaire: &Questionnaire) -> Vec<Finding> {
        let mut findings = Vec::new();
        for e in questionnaire.expectations() {
            if !self.spread_is_large_enough(&e.id) {
                continue;
            }
            let d = self.distribution(&e.id);
            for (found, kind) in [
                (d.disagreement(), FindingKind::Disagreement),
                (d.many_dont_know(), FindingKind::ManyDontKnow),
            ] {
                if found {
                    findings.push(Finding {
                        expectation_id: e.id.clone(),
                        kind,
                    });
                }
            }
        }
        findings
    }

    /// How many participants there were by sector, for the report's method note.
    pub fn sector_counts(&self) -> BTreeMap<Option<Sector>, usize> {
        let mut counts = BTreeMap::new();
        for p in self.participants.iter().filter(|p| p.is_finished()) {
            *counts.entry(p.sector).or_default() += 1;
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::assessment::AssessmentDetails;
    use crate::domain::questionnaire::test_support::questionnaire;

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

    fn response(q: &Questionnaire, id: &str, ratings: &[(&str, Rating)]) -> Assessment {
        let details = AssessmentDetails {
            partnership: "Anytown CPP".into(),
            date: "2026-11-20".into(),
            assessor_role: "Chief officer".into(),
        };
        let mut a = Assessment::new(id.into(), q, details, "t".into());
        for (e, r) in ratings {
            a.set_rating(e, *r);
            a.set_note(e, "private evidence");
        }
        a
    }

    #[test]
    fn distribution_mixes_turns_imports_and_hands_but_not_open_turns() {
        let q = questionnaire(&[2]);
        let mut s = session(&q);
        let first = s.start_turn(Some(Sector::NhsBoard));
        assert!(s.rate_in_turn(&first, "p1-1", Rating::Level(4)));
        assert_eq!(
            s.distribution("p1-1").answered(),
            0,
            "an open turn is not counted"
        );
        s.finish_turn(&first);
        assert!(
            !s.rate_in_turn(&first, "p1-1", Rating::Level(1)),
            "a finished turn is closed"
        );
        s.import_response(&q, &response(&q, "a1", &[("p1-1", Rating::Level(2))]))
            .unwrap();
        let mut hands = HandCount::default();
        hands.levels.insert(5, 3);
        hands.dont_know = 1;
        s.set_hands("p1-1", hands);
        let d = s.distribution("p1-1");
        assert_eq!(
            (d.count(4), d.count(2), d.count(5), d.dont_know),
            (1, 1, 3, 1)
        );
        assert_eq!(
            s.participants
                .iter()
                .map(|p| p.label.as_str())
                .collect::<Vec<_>>(),
            ["Member 1", "Member 2"]
        );
        assert!(!s.spread_is_large_enough("p1-2"));
        assert!(s.spread_is_large_enough("p1-1"));
    }

    #[test]
    fn imports_take_only_ratings_and_refuse_duplicates_and_other_versions() {
        let q = questionnaire(&[2]);
        let mut s = session(&q);
        let id = s
            .import_response(&q, &response(&q, "a1", &[("p1-1", Rating::DontKnow)]))
            .unwrap();
        let p = s.participant(&id).unwrap();
        assert_eq!(p.ratings.len(), 1);
        assert_eq!(p.sector, None);
        assert_eq!(
            s.import_response(&q, &response(&q, "a1", &[("p1-1", Rating::Level(3))])),
            Err(ImportRefusal::AlreadyImported {
                label: "Member 1".into()
            })
        );
        let mut other_version = response(&q, "a2", &[("p1-1", Rating::Level(3))]);
        other_version.questionnaire_version = "2.0.0".into();
        assert!(matches!(
            s.import_response(&q, &other_version),
            Err(ImportRefusal::OtherVersion { .. })
        ));
        let mut other_questionnaire = response(&q, "a3", &[("p1-1", Rating::Level(3))]);
        other_questionnaire.questionnaire_id = "another".into();
        assert!(matches!(
            s.import_response(&q, &other_questionnaire),
            Err(ImportRefusal::OtherQuestionnaire { .. })
        ));
        assert_eq!(
            s.import_response(&q, &response(&q, "a4", &[])),
            Err(ImportRefusal::NoRatings)
        );
        assert_eq!(s.participants.len(), 1, "refused imports change nothing");
        for refusal in [
            ImportRefusal::NoRatings,
            ImportRefusal::AlreadyImported {
                label: "Member 1".into(),
            },
        ] {
            assert!(!refusal.to_string().is_empty());
        }
    }

    #[test]
    fn threshold_never_goes_below_the_minimum() {
        let q = questionnaire(&[1]);
        let mut s = session(&q);
        assert_eq!(s.anonymity_threshold, DEFAULT_ANONYMITY_THRESHOLD);
        s.set_anonymity_threshold(1);
        assert_eq!(s.anonymity_threshold, MIN_ANONYMITY_THRESHOLD);
        s.set_anonymity_threshold(8);
        assert_eq!(s.anonymity_threshold, 8);
    }

    #[test]
    fn agenda_orders() {
        let q = questionnaire(&[3]);
        let mut s = session(&q);
        let count = |levels: &[(u8, usize)], dont_know| HandCount {
            levels: levels.iter().copied().collect(),
            dont_know,
        };
        s.set_hands("p1-1", count(&[(4, 5)], 0));
        s.set_hands("p1-2", count(&[(1, 2), (6, 2)], 3));
        s.set_hands("p1-3", count(&[(2, 4)], 1));
        assert_eq!(
            s.agenda(&q, AgendaOrder::Disagreement),
            ["p1-2", "p1-1", "p1-3"]
        );
        assert_eq!(
            s.agenda(&q, AgendaOrder::DontKnow),
            ["p1-2", "p1-3", "p1-1"]
        );
        assert_eq!(
            s.agenda(&q, AgendaOrder::LowScore),
            ["p1-3", "p1-2", "p1-1"]
        );
        s.set_hands("p1-1", HandCount::default());
        assert!(!s.hands.contains_key("p1-1"));
        assert_eq!(
            s.agenda(&q, AgendaOrder::LowScore),
            ["p1-3", "p1-2", "p1-1"]
        );
        // Below the anonymity threshold a spread does not move an expectation up.
        s.set_hands("p1-3", count(&[(1, 1), (6, 1)], 0));
        assert_eq!(
            s.agenda(&q, AgendaOrder::Disagreement),
            ["p1-2", "p1-1", "p1-3"]
        );
    }

    #[test]
    fn findings_need_enough_answers() {
        let q = questionnaire(&[2]);
        let mut s = session(&q);
        let count = |levels: &[(u8, usize)], dont_know| HandCount {
            levels: levels.iter().copied().collect(),
            dont_know,
        };
        s.set_hands("p1-1", count(&[(1, 2), (6, 2)], 3));
        s.set_hands("p1-2", count(&[(1, 1), (6, 1)], 2));
        let findings = s.findings(&q);
        assert_eq!(
            findings,
            [
                Finding {
                    expectation_id: "p1-1".into(),
                    kind: FindingKind::Disagreement
                },
                Finding {
                    expectation_id: "p1-1".into(),
                    kind: FindingKind::ManyDontKnow
                },
            ],
            "p1-2 has only 4 answers, below the threshold of 5"
        );
    }

    #[test]
    fn sector_counts_cover_finished_participants_only() {
        let q = questionnaire(&[1]);
        let mut s = session(&q);
        let a = s.start_turn(Some(Sector::PoliceScotland));
        s.finish_turn(&a);
        s.start_turn(Some(Sector::NhsBoard));
        let counts = s.sector_counts();
        assert_eq!(counts.get(&Some(Sector::PoliceScotland)), Some(&1));
        assert_eq!(counts.get(&Some(Sector::NhsBoard)), None);
        assert_eq!(s.open_turn().map(|p| p.label.as_str()), Some("Member 2"));
    }
}
