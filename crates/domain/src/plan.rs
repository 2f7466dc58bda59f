//! The improvement plan: actions with the expectation(s) they address, a lead, resources,
//! risks, a timescale, a due date, a measure of success and a status; the plan's review
//! date, the board's target level per principle and its priorities; and the rules that draft
//! actions and rank them, each with the reason it is there.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::questionnaire::{Questionnaire, Timescale};
use super::rating::Rating;
use super::scoring::Scores;
use super::sorting::sort_by;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    #[serde(default)]
    pub actions: Vec<PlanAction>,
    /// Numbers action ids, so an id is never reused after an action is removed.
    #[serde(default)]
    pub next_action_number: u32,
    /// When the board will review the plan, `YYYY-MM-DD`; empty until set.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub review_date: String,
    /// The level the board aims for in each principle, by principle id. A principle not
    /// listed aims for the scale's target ("Good").
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub targets: BTreeMap<String, u8>,
    /// Expectations the board marked as high priority; their gap counts double.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub high_priority: BTreeSet<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanAction {
    pub id: String,
    /// The expectations it addresses; the first is the one it was drafted for.
    pub expectation_ids: Vec<String>,
    pub text: String,
    /// Who leads it.
    #[serde(default)]
    pub owner: Owner,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub resources: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub risks: String,
    pub timescale: Timescale,
    /// `YYYY-MM-DD`; empty until set.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub due_date: String,
    #[serde(default)]
    pub measure: String,
    #[serde(default)]
    pub status: ActionStatus,
    #[serde(default)]
    pub reason: Reason,
}

/// Who leads an action: nobody yet, a statutory partner, or anyone else named freely.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "name")]
pub enum Owner {
    #[default]
    Unassigned,
    Partner(String),
    Other(String),
}

impl Owner {
    pub fn display(&self) -> &str {
        match self {
            Owner::Unassigned => "Not yet assigned",
            Owner::Partner(name) | Owner::Other(name) => name,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    #[default]
    NotStarted,
    InProgress,
    Done,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 3] = [
        ActionStatus::NotStarted,
        ActionStatus::InProgress,
        ActionStatus::Done,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "Not started",
            ActionStatus::InProgress => "In progress",
            ActionStatus::Done => "Done",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "not_started",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
        }
    }

    pub fn parse(text: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// Why an action is in the plan ("why this is here").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Reason {
    /// Rated below the board's target for its principle.
    BelowTarget { rating: u8, target: u8 },
    /// Members' ratings were far apart.
    Disagreement,
    /// Many members could not judge it.
    ManyDontKnow,
    /// The board chose to include it.
    ChosenByUser,
    /// The board agreed it as an action arising while discussing the expectation.
    AgreedAtSession,
    /// Written by the board rather than drafted.
    #[default]
    AddedByUser,
}

impl Reason {
    /// The plain-English reason, e.g. "Rated Weak (2), below the target of Good (4)".
    pub fn describe(self, questionnaire: &Questionnaire) -> String {
        let label = |value: u8| {
            questionnaire
                .scale
                .level(value)
                .map(|l| format!("{} ({value})", l.label))
                .unwrap_or_else(|| value.to_string())
        };
        match self {
            Reason::BelowTarget { rating, target } => {
                format!(
                    "Rated {}, below the target of {}",
                    label(rating),
                    label(target)
                )
            }
            Reason::Disagreement => "Members' ratings were far apart".into(),
            Reason::ManyDontKnow => "Many members did not know".into(),
            Reason::ChosenByUser => "Chosen by the board".into(),
            Reason::AgreedAtSession => "Agreed by the board in its discussion".into(),
            Reason::AddedByUser => "Added by the board".into(),
        }
    }
}

/// What a board session found about an expectation, beyond its agreed rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    Disagreement,
    ManyDontKnow,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub expectation_id: String,
    pub kind: FindingKind,
}

impl FindingKind {
    /// The action a finding calls for, in the project's own words.
    pub fn action_text(self, expectation_number: &str) -> String {
        match self {
            FindingKind::Disagreement => format!(
                "Ask each partner to bring its evidence on expectation {expectation_number} to a board development session, and agree a shared view of where the partnership stands."
            ),
            FindingKind::ManyDontKnow => format!(
                "Brief all board members on how the partnership currently works on expectation {expectation_number}, and share the evidence, so members can judge it next time."
            ),
        }
    }

    fn reason(self) -> Reason {
        match self {
            FindingKind::Disagreement => Reason::Disagreement,
            FindingKind::ManyDontKnow => Reason::ManyDontKnow,
        }
    }
}

/// One expectation the draft covers, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftItem {
    pub expectation_id: String,
    pub reason: Reason,
    /// Gap to target times priority (2 for high priority); findings count as a gap of 1,
    /// the board's own choices as 0. Higher comes first.
    pub rank: u32,
}

impl Plan {
    fn next_id(&mut self) -> String {
        self.next_action_number += 1;
        format!("action-{}", self.next_action_number)
    }

    /// The board's target for a principle, or the scale's.
    pub fn target_for(&self, questionnaire: &Questionnaire, principle_id: &str) -> u8 {
        self.targets
            .get(principle_id)
            .copied()
            .unwrap_or(questionnaire.scale.target)
    }

    fn weight(&self, expectation_id: &str) -> u32 {
        if self.high_priority.contains(expectation_id) {
            2
        } else {
            1
        }
    }

    /// What the draft covers, highest rank first; ties keep the order below-target,
    /// disagreement, "don't know", chosen, then questionnaire order.
    pub fn draft_items(
        &self,
        questionnaire: &Questionnaire,
        scores: &Scores,
        chosen: &BTreeSet<String>,
        findings: &[Finding],
    ) -> Vec<DraftItem> {
        let mut items: Vec<(usize, DraftItem)> = Vec::new();
        for (index, score) in scores.expectations.iter().enumerate() {
            let id = &score.expectation_id;
            let target = self.target_for(questionnaire, &score.principle_id);
            if let Some(Rating::Level(rating)) = score.rating {
                if rating < target {
                    let rank = u32::from(target - rating) * self.weight(id);
                    items.push((
                        index,
                        DraftItem {
                            expectation_id: id.clone(),
                            reason: Reason::BelowTarget { rating, target },
                            rank,
                        },
                    ));
                }
            }
            for finding in findings.iter().filter(|f| f.expectation_id == *id) {
                items.push((
                    index,
                    DraftItem {
                        expectation_id: id.clone(),
                        reason: finding.kind.reason(),
                        rank: self.weight(id),
                    },
                ));
            }
            if chosen.contains(id) && !items.iter().any(|(_, item)| item.expectation_id == *id) {
                items.push((
                    index,
                    DraftItem {
                        expectation_id: id.clone(),
                        reason: Reason::ChosenByUser,
                        rank: 0,
                    },
                ));
            }
        }
        let kind_order = |reason: &Reason| match reason {
            Reason::BelowTarget { .. } => 0,
            Reason::Disagreement => 1,
            Reason::ManyDontKnow => 2,
            Reason::ChosenByUser | Reason::AddedByUser | Reason::AgreedAtSession => 3,
        };
        sort_by(&mut items, |(ia, a), (ib, b)| {
            b.rank
                .cmp(&a.rank)
                .then(kind_order(&a.reason).cmp(&kind_order(&b.reason)))
                .then(ia.cmp(ib))
        });
        items.into_iter().map(|(_, item)| item).collect()
    }

    /// Adds the actions for each draft item in rank order: the questionnaire's suggestions
    /// for below-target and chosen expectations, one action per session finding. An action
    /// already in the plan (same expectation and text) is not added again, so drafting
    /// twice never duplicates or overwrites the board's edits. Returns how many were added.
    pub fn add_draft(
        &mut self,
        questionnaire: &Questionnaire,
        scores: &Scores,
        chosen: &BTreeSet<String>,
        findings: &[Finding],
    ) -> usize {
        let mut added = 0;
        for item in self.draft_items(questionnaire, scores, chosen, findings) {
            let id = &item.expectation_id;
            match item.reason {
                Reason::Disagreement | Reason::ManyDontKnow => {
                    let kind = if item.reason == Reason::Disagreement {
                        FindingKind::Disagreement
                    } else {
                        FindingKind::ManyDontKnow
                    };
                    let Some((p, e)) = questionnaire.position_of(id) else {
                        continue;
                    };
                    let text = kind.action_text(&format!("{p}.{e}"));
                    added += usize::from(self.add_if_new(id, &text, Timescale::Short, item.reason));
                }
                _ => {
                    let Some(expectation) = questionnaire.expectation(id) else {
                        continue;
                    };
                    for suggestion in &expectation.actions {
                        added += usize::from(self.add_if_new(
                            id,
                            &suggestion.text,
                            suggestion.timescale,
                            item.reason,
                        ));
                    }
                }
            }
        }
        added
    }

    fn add_if_new(
        &mut self,
        expectation_id: &str,
        text: &str,
        timescale: Timescale,
        reason: Reason,
    ) -> bool {
        let present = self.has_action(expectation_id, text);
        if !present {
            let id = self.next_id();
            self.actions
                .push(PlanAction::new(id, expectation_id, text, timescale, reason));
        }
        !present
    }

    /// Adds the board's own actions arising, each (expectation, text) as an action of its
    /// own in the board's words, unless the plan already has it. Returns how many were added.
    pub fn add_actions_arising(&mut self, arising: &[(String, String)]) -> usize {
        arising
            .iter()
            .filter(|(expectation, text)| {
                self.add_if_new(expectation, text, Timescale::Short, Reason::AgreedAtSession)
            })
            .count()
    }

    /// Whether the plan has this action for this expectation already.
    pub fn has_action(&self, expectation_id: &str, text: &str) -> bool {
        self.actions
            .iter()
            .any(|a| a.expectation_ids.iter().any(|e| e == expectation_id) && a.text == text)
    }

    /// Adds a blank action for the board to write; returns its id.
    pub fn add_blank(&mut self, expectation_id: &str) -> String {
        let id = self.next_id();
        self.actions.push(PlanAction::new(
            id.clone(),
            expectation_id,
            "",
            Timescale::Short,
            Reason::AddedByUser,
        ));
        id
    }

    pub fn remove(&mut self, action_id: &str) {
        self.actions.retain(|a| a.id != action_id);
    }

    pub fn action_mut(&mut self, action_id: &str) -> Option<&mut PlanAction> {
        self.actions.iter_mut().find(|a| a.id == action_id)
    }
}

impl PlanAction {
    fn new(
        id: String,
        expectation_id: &str,
        text: &str,
        timescale: Timescale,
        reason: Reason,
    ) -> PlanAction {
        PlanAction {
            id,
            expectation_ids: vec![expectation_id.to_owned()],
            text: text.to_owned(),
            owner: Owner::Unassigned,
            resources: String::new(),
            risks: String::new(),
            timescale,
            due_date: String::new(),
            measure: String::new(),
            status: ActionStatus::NotStarted,
            reason,
        }
    }

    /// Links the action to one more expectation; linking twice changes nothing.
    pub fn link(&mut self, expectation_id: &str) {
        if !self.expectation_ids.iter().any(|e| e == expectation_id) {
            self.expectation_ids.push(expectation_id.to_owned());
        }
    }

    /// Removes a link, but never the last one: every action addresses an expectation.
    pub fn unlink(&mut self, expectation_id: &str) {
        if self.expectation_ids.len() > 1 {
            self.expectation_ids.retain(|e| e != expectation_id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::test_support::questionnaire;
    use std::collections::BTreeMap;

    fn scores_for(q: &Questionnaire, pairs: &[(&str, Rating)]) -> Scores {
        let given: BTreeMap<String, Rating> =
            pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        Scores::compute(q, |id| given.get(id).copied())
    }

    fn ids(items: &[DraftItem]) -> Vec<(&str, Reason, u32)> {
        items
            .iter()
            .map(|i| (i.expectation_id.as_str(), i.reason, i.rank))
            .collect()
    }

    #[test]
    fn draft_ranks_by_gap_then_kind_then_order() {
        let q = questionnaire(&[3, 2]);
        let scores = scores_for(
            &q,
            &[
                ("p1-1", Rating::Level(3)),
                ("p1-2", Rating::Level(5)),
                ("p1-3", Rating::DontKnow),
                ("p2-1", Rating::Level(1)),
                ("p2-2", Rating::Level(4)),
            ],
        );
        let chosen: BTreeSet<String> = ["p2-2".into(), "p2-1".into(), "p1-3".into()].into();
        let findings = [Finding {
            expectation_id: "p1-2".into(),
            kind: FindingKind::Disagreement,
        }];
        let plan = Plan::default();
        assert_eq!(
            ids(&plan.draft_items(&q, &scores, &chosen, &findings)),
            [
                (
                    "p2-1",
                    Reason::BelowTarget {
                        rating: 1,
                        target: 4
                    },
                    3
                ),
                (
                    "p1-1",
                    Reason::BelowTarget {
                        rating: 3,
                        target: 4
                    },
                    1
                ),
                ("p1-2", Reason::Disagreement, 1),
                ("p1-3", Reason::ChosenByUser, 0),
                ("p2-2", Reason::ChosenByUser, 0),
            ]
        );
    }

    #[test]
    fn targets_per_principle_and_priorities_change_the_draft() {
        let q = questionnaire(&[2, 2]);
        let scores = scores_for(
            &q,
            &[
                ("p1-1", Rating::Level(4)),
                ("p1-2", Rating::Level(3)),
                ("p2-1", Rating::Level(2)),
                ("p2-2", Rating::Level(3)),
            ],
        );
        let mut plan = Plan::default();
        plan.targets.insert("p1".into(), 6);
        plan.targets.insert("p2".into(), 3);
        assert_eq!(plan.target_for(&q, "p1"), 6);
        assert_eq!(
            ids(&plan.draft_items(&q, &scores, &BTreeSet::new(), &[])),
            [
                (
                    "p1-2",
                    Reason::BelowTarget {
                        rating: 3,
                        target: 6
                    },
                    3
                ),
                (
                    "p1-1",
                    Reason::BelowTarget {
                        rating: 4,
                        target: 6
                    },
                    2
                ),
                (
                    "p2-1",
                    Reason::BelowTarget {
                        rating: 2,
                        target: 3
                    },
                    1
                ),
            ]
        );
        plan.high_priority.insert("p2-1".into());
        plan.high_priority.insert("p1-1".into());
        assert_eq!(
            ids(&plan.draft_items(&q, &scores, &BTreeSet::new(), &[])),
            [
                (
                    "p1-1",
                    Reason::BelowTarget {
                        rating: 4,
                        target: 6
                    },
                    4
                ),
                (
                    "p1-2",
                    Reason::BelowTarget {
                        rating: 3,
                        target: 6
                    },
                    3
                ),
                (
                    "p2-1",
                    Reason::BelowTarget {
                        rating: 2,
                        target: 3
                    },
                    2
                ),
            ]
        );
    }

    #[test]
    fn drafting_adds_suggestions_and_finding_actions_with_reasons() {
        let q = questionnaire(&[1, 2]);
        let scores = scores_for(&q, &[("p1-1", Rating::Level(2))]);
        let findings = [Finding {
            expectation_id: "p2-2".into(),
            kind: FindingKind::ManyDontKnow,
        }];
        let mut plan = Plan::default();
        assert_eq!(plan.add_draft(&q, &scores, &BTreeSet::new(), &findings), 3);
        assert_eq!(plan.actions[0].expectation_ids, ["p1-1"]);
        assert_eq!(
            plan.actions[0].reason,
            Reason::BelowTarget {
                rating: 2,
                target: 4
            }
        );
        assert_eq!(plan.actions[0].timescale, Timescale::Short);
        assert_eq!(plan.actions[1].timescale, Timescale::Medium);
        assert_eq!(plan.actions[2].reason, Reason::ManyDontKnow);
        assert!(plan.actions[2].text.starts_with("Brief all board members"));
        assert!(plan.actions[2].text.contains("expectation 2.2"));
        assert!(plan
            .actions
            .iter()
            .all(|a| a.status == ActionStatus::NotStarted && a.owner == Owner::Unassigned));
        assert_eq!(
            Reason::BelowTarget {
                rating: 2,
                target: 4
            }
            .describe(&q),
            "Rated Level 2 (2), below the target of Level 4 (4)"
        );
    }

    #[test]
    fn drafting_again_keeps_edits_and_adds_nothing_twice() {
        let q = questionnaire(&[2]);
        let scores = scores_for(&q, &[("p1-1", Rating::Level(2))]);
        let mut plan = Plan::default();
        plan.add_draft(&q, &scores, &BTreeSet::new(), &[]);
        let first = &mut plan.actions[0];
        first.owner = Owner::Partner("Police Scotland".into());
        first.measure = "Fewer incidents".into();
        first.status = ActionStatus::InProgress;
        first.link("p1-2");
        let before = plan.clone();
        assert_eq!(plan.add_draft(&q, &scores, &BTreeSet::new(), &[]), 0);
        assert_eq!(plan, before);
    }

    #[test]
    fn links_keep_at_least_one_expectation() {
        let mut plan = Plan::default();
        let id = plan.add_blank("p1-1");
        let action = plan.action_mut(&id).unwrap();
        action.link("p2-1");
        action.link("p2-1");
        assert_eq!(action.expectation_ids, ["p1-1", "p2-1"]);
        action.unlink("p1-1");
        action.unlink("p2-1");
        assert_eq!(action.expectation_ids, ["p2-1"]);
        assert_eq!(action.reason, Reason::AddedByUser);
    }

    #[test]
    fn ids_are_never_reused() {
        let mut plan = Plan::default();
        let first = plan.add_blank("p1-1");
        plan.remove(&first);
        let second = plan.add_blank("p1-1");
        assert_ne!(first, second);
        assert_eq!(plan.actions.len(), 1);
        assert!(plan.action_mut(&first).is_none());
    }

    #[test]
    fn statuses_round_trip_through_their_names() {
        for status in ActionStatus::ALL {
            assert_eq!(ActionStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(ActionStatus::parse("finished"), None);
    }
}
