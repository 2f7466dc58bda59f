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

    /// The name its serialised form uses, which candidates' keys start with. It never
    /// contains '/', so a key's parts stay apart.
    fn key_name(self) -> &'static str {
        match self {
            Reason::BelowTarget { .. } => "below_target",
            Reason::Disagreement => "disagreement",
            Reason::ManyDontKnow => "many_dont_know",
            Reason::ChosenByUser => "chosen_by_user",
            Reason::AgreedAtSession => "agreed_at_session",
            Reason::AddedByUser => "added_by_user",
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
    /// The action a finding calls for, in the project's own words, for the expectations
    /// numbered ("1.2", "3.1"): one action can cover every expectation with the same finding.
    pub fn action_text(self, expectation_numbers: &[String]) -> String {
        let expectations = match expectation_numbers {
            [rest @ .., last] if !rest.is_empty() => {
                format!("expectations {} and {last}", rest.join(", "))
            }
            _ => format!("expectation {}", expectation_numbers.concat()),
        };
        match self {
            FindingKind::Disagreement => format!(
                "Ask each partner to bring its evidence on {expectations} to a board development session, and agree a shared view of where the partnership stands."
            ),
            FindingKind::ManyDontKnow => format!(
                "Brief all board members on how the partnership currently works on {expectations}, and share the evidence, so members can judge it next time."
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

/// How much the draft offers for each expectation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DraftBreadth {
    /// The questionnaire's first suggestion for each expectation (the default): a draft
    /// short enough for a board to choose from.
    #[default]
    OnePerExpectation,
    /// Every suggestion the questionnaire has.
    EverySuggestion,
}

/// One action the draft offers, before the board ticks it and adds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Stable for the same inputs (reason kind, expectation ids, suggestion index) and unique
    /// within one draft: the UI keys its checkboxes by it.
    pub key: String,
    /// The expectations it addresses; more than one for a merged finding action.
    pub expectation_ids: Vec<String>,
    pub text: String,
    pub timescale: Timescale,
    pub reason: Reason,
    /// The guidance paragraph a suggestion draws on; none for a finding's action.
    pub guidance_paragraph: Option<u32>,
}

/// Actions taken out of the plan together, with where each was, so they can be put back.
#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    /// Each action with its position in the plan before the removal, in plan order, so
    /// putting them back in this order puts each where it was.
    actions: Vec<(usize, PlanAction)>,
}

impl Removed {
    pub fn len(&self) -> usize {
        self.actions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
    }
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

    /// Adds an action for these expectations unless the plan already has it for any of
    /// them, or there are none (every action addresses an expectation). Returns whether it
    /// was added.
    fn add_if_new(
        &mut self,
        expectation_ids: &[String],
        text: &str,
        timescale: Timescale,
        reason: Reason,
    ) -> bool {
        let new = !expectation_ids.is_empty()
            && !expectation_ids.iter().any(|e| self.has_action(e, text));
        if new {
            self.push_action(expectation_ids, text, timescale, reason);
        }
        new
    }

    fn push_action(
        &mut self,
        expectation_ids: &[String],
        text: &str,
        timescale: Timescale,
        reason: Reason,
    ) {
        let id = self.next_id();
        self.actions.push(PlanAction::new(
            id,
            expectation_ids.to_vec(),
            text,
            timescale,
            reason,
        ));
    }

    /// What the draft offers the board to choose from, in the order of [`Plan::draft_items`].
    ///
    /// Below-target and chosen expectations offer the questionnaire's suggestions: the first
    /// only in [`DraftBreadth::OnePerExpectation`], and nothing for an expectation the plan
    /// already addresses; all of them not yet in the plan in
    /// [`DraftBreadth::EverySuggestion`]. Session findings of one kind are merged into one
    /// action for all their expectations, so a board is not offered the same action twenty
    /// times; it stands where the first of them ranks. In `OnePerExpectation` an expectation
    /// with a suggestion offered, or already addressed, is left out of the findings, and one
    /// with both findings counts as a disagreement only: one action per expectation.
    pub fn candidates(
        &self,
        questionnaire: &Questionnaire,
        scores: &Scores,
        chosen: &BTreeSet<String>,
        findings: &[Finding],
        breadth: DraftBreadth,
    ) -> Vec<Candidate> {
        let items = self.draft_items(questionnaire, scores, chosen, findings);
        let one_each = breadth == DraftBreadth::OnePerExpectation;
        let addressed = |id: &str| {
            self.actions
                .iter()
                .any(|a| a.expectation_ids.iter().any(|e| e == id))
        };
        // Each candidate with the position in `items` it stands at.
        let mut offered: Vec<(usize, Candidate)> = Vec::new();
        for (position, item) in items.iter().enumerate() {
            let id = &item.expectation_id;
            if !matches!(
                item.reason,
                Reason::BelowTarget { .. } | Reason::ChosenByUser
            ) || (one_each && addressed(id))
            {
                continue;
            }
            let Some(expectation) = questionnaire.expectation(id) else {
                continue;
            };
            let suggestions = if one_each {
                &expectation.actions[..expectation.actions.len().min(1)]
            } else {
                &expectation.actions[..]
            };
            for (index, suggestion) in suggestions.iter().enumerate() {
                if !self.has_action(id, &suggestion.text) {
                    offered.push((
                        position,
                        Candidate {
                            key: format!("{}/{id}/{index}", item.reason.key_name()),
                            expectation_ids: vec![id.clone()],
                            text: suggestion.text.clone(),
                            timescale: suggestion.timescale,
                            reason: item.reason,
                            guidance_paragraph: suggestion.guidance_paragraph,
                        },
                    ));
                }
            }
        }
        let suggested: BTreeSet<String> = offered
            .iter()
            .flat_map(|(_, c)| c.expectation_ids.iter().cloned())
            .collect();
        let disagreed: BTreeSet<&str> = items
            .iter()
            .filter(|i| i.reason == Reason::Disagreement)
            .map(|i| i.expectation_id.as_str())
            .collect();
        for kind in [FindingKind::Disagreement, FindingKind::ManyDontKnow] {
            let mut position = None;
            let mut merged = BTreeSet::new();
            for (at, item) in items.iter().enumerate() {
                let id = item.expectation_id.as_str();
                let left_out = one_each
                    && (addressed(id)
                        || suggested.contains(id)
                        || (kind == FindingKind::ManyDontKnow && disagreed.contains(id)));
                if item.reason == kind.reason()
                    && !left_out
                    && questionnaire.expectation(id).is_some()
                {
                    position.get_or_insert(at);
                    merged.insert(id);
                }
            }
            let Some(position) = position else {
                continue;
            };
            let expectation_ids: Vec<String> = questionnaire
                .expectations()
                .filter(|e| merged.contains(e.id.as_str()))
                .map(|e| e.id.clone())
                .collect();
            let numbers: Vec<String> = expectation_ids
                .iter()
                .map(|id| questionnaire.number_of(id))
                .collect();
            let text = kind.action_text(&numbers);
            if !self.actions.iter().any(|a| a.text == text) {
                offered.push((
                    position,
                    Candidate {
                        key: format!("{}/{}", kind.reason().key_name(), expectation_ids.join("/")),
                        expectation_ids,
                        text,
                        timescale: Timescale::Short,
                        reason: kind.reason(),
                        guidance_paragraph: None,
                    },
                ));
            }
        }
        sort_by(&mut offered, |(a, _), (b, _)| a.cmp(b));
        offered.into_iter().map(|(_, c)| c).collect()
    }

    /// Adds the candidates given (the ones the board ticked), skipping any the plan already
    /// has, so ticking the same candidate twice never duplicates it. Returns how many were
    /// added.
    pub fn add_candidates(&mut self, candidates: &[Candidate]) -> usize {
        // What the plan already has, each expectation with each action's text, gathered
        // once: `has_action` per candidate would go through every action each time.
        let mut present: BTreeSet<(String, String)> = self
            .actions
            .iter()
            .flat_map(|a| {
                a.expectation_ids
                    .iter()
                    .map(|e| (e.clone(), a.text.clone()))
            })
            .collect();
        let mut added = 0;
        for c in candidates {
            let new = !c.expectation_ids.is_empty()
                && !c
                    .expectation_ids
                    .iter()
                    .any(|e| present.contains(&(e.clone(), c.text.clone())));
            if new {
                self.push_action(&c.expectation_ids, &c.text, c.timescale, c.reason);
                present.extend(
                    c.expectation_ids
                        .iter()
                        .map(|e| (e.clone(), c.text.clone())),
                );
                added += 1;
            }
        }
        added
    }

    /// Removes these actions at once; the returned value puts them back, so the board can
    /// undo clearing a draft.
    pub fn remove_many(&mut self, action_ids: &BTreeSet<String>) -> Removed {
        let mut removed = Vec::new();
        let mut kept = Vec::new();
        for (position, action) in std::mem::take(&mut self.actions).into_iter().enumerate() {
            if action_ids.contains(&action.id) {
                removed.push((position, action));
            } else {
                kept.push(action);
            }
        }
        self.actions = kept;
        Removed { actions: removed }
    }

    /// Puts removed actions back where they were, ids, order and every field unchanged. If
    /// actions were added or removed since, a position past the end puts the action last;
    /// an action whose id is back in the plan already is not added twice.
    pub fn restore(&mut self, removed: Removed) {
        for (position, action) in removed.actions {
            if !self.actions.iter().any(|a| a.id == action.id) {
                let position = position.min(self.actions.len());
                self.actions.insert(position, action);
            }
        }
    }

    /// Adds the board's own actions arising, each (expectation, text) as an action of its
    /// own in the board's words, unless the plan already has it. Returns how many were added.
    pub fn add_actions_arising(&mut self, arising: &[(String, String)]) -> usize {
        arising
            .iter()
            .filter(|(expectation, text)| {
                self.add_if_new(
                    std::slice::from_ref(expectation),
                    text,
                    Timescale::Short,
                    Reason::AgreedAtSession,
                )
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
            vec![expectation_id.to_owned()],
            "",
            Timescale::Short,
            Reason::AddedByUser,
        ));
        id
    }

    pub fn action_mut(&mut self, action_id: &str) -> Option<&mut PlanAction> {
        self.actions.iter_mut().find(|a| a.id == action_id)
    }
}

impl PlanAction {
    fn new(
        id: String,
        expectation_ids: Vec<String>,
        text: &str,
        timescale: Timescale,
        reason: Reason,
    ) -> PlanAction {
        PlanAction {
            id,
            expectation_ids,
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
        let every = plan.candidates(
            &q,
            &scores,
            &BTreeSet::new(),
            &findings,
            DraftBreadth::EverySuggestion,
        );
        assert_eq!(plan.add_candidates(&every), 3);
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
        let draft = |plan: &Plan| {
            plan.candidates(
                &q,
                &scores,
                &BTreeSet::new(),
                &[],
                DraftBreadth::EverySuggestion,
            )
        };
        let every = draft(&plan);
        plan.add_candidates(&every);
        let first = &mut plan.actions[0];
        first.owner = Owner::Partner("Police Scotland".into());
        first.measure = "Fewer incidents".into();
        first.status = ActionStatus::InProgress;
        first.link("p1-2");
        let before = plan.clone();
        assert!(draft(&plan).is_empty(), "nothing offered twice");
        assert_eq!(plan.add_candidates(&every), 0);
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
        plan.remove_many(&BTreeSet::from([first.clone()]));
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

    /// Six expectations agreed below target (1.1 furthest, 2.2 next), disagreement on 1.2
    /// (also below target), 2.3 and 3.2 (high priority, so it ranks above most), "don't
    /// know" on 2.3 and 2.4, and 3.1 chosen by the board.
    fn board_draft() -> (Questionnaire, Scores, BTreeSet<String>, Vec<Finding>, Plan) {
        let q = questionnaire(&[4, 4, 2]);
        let scores = scores_for(
            &q,
            &[
                ("p1-1", Rating::Level(1)),
                ("p1-2", Rating::Level(3)),
                ("p1-3", Rating::Level(3)),
                ("p1-4", Rating::Level(3)),
                ("p2-1", Rating::Level(3)),
                ("p2-2", Rating::Level(2)),
                ("p2-3", Rating::Level(4)),
                ("p2-4", Rating::Level(5)),
                ("p3-1", Rating::Level(4)),
                ("p3-2", Rating::Level(4)),
            ],
        );
        let finding = |id: &str, kind| Finding {
            expectation_id: id.into(),
            kind,
        };
        let findings = vec![
            finding("p1-2", FindingKind::Disagreement),
            finding("p2-3", FindingKind::Disagreement),
            finding("p3-2", FindingKind::Disagreement),
            finding("p2-3", FindingKind::ManyDontKnow),
            finding("p2-4", FindingKind::ManyDontKnow),
        ];
        let mut plan = Plan::default();
        plan.high_priority.insert("p3-2".into());
        (q, scores, ["p3-1".to_owned()].into(), findings, plan)
    }

    fn keys(candidates: &[Candidate]) -> Vec<&str> {
        candidates.iter().map(|c| c.key.as_str()).collect()
    }

    fn numbers(numbers: &[&str]) -> Vec<String> {
        numbers.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn finding_actions_name_every_expectation() {
        let cases: [(FindingKind, &[&str], &str); 4] = [
            (
                FindingKind::Disagreement,
                &["1.2"],
                "Ask each partner to bring its evidence on expectation 1.2 to a board development session, and agree a shared view of where the partnership stands.",
            ),
            (
                FindingKind::Disagreement,
                &["1.2", "3.1"],
                "Ask each partner to bring its evidence on expectations 1.2 and 3.1 to a board development session, and agree a shared view of where the partnership stands.",
            ),
            (
                FindingKind::ManyDontKnow,
                &["1.2", "3.1", "4.4"],
                "Brief all board members on how the partnership currently works on expectations 1.2, 3.1 and 4.4, and share the evidence, so members can judge it next time.",
            ),
            (
                FindingKind::ManyDontKnow,
                &["2.1", "2.2", "2.3", "2.4"],
                "Brief all board members on how the partnership currently works on expectations 2.1, 2.2, 2.3 and 2.4, and share the evidence, so members can judge it next time.",
            ),
        ];
        for (kind, given, expected) in cases {
            assert_eq!(kind.action_text(&numbers(given)), expected, "{given:?}");
        }
    }

    #[test]
    fn candidates_follow_the_breadth_and_what_the_plan_has() {
        let merged_text = FindingKind::Disagreement.action_text(&numbers(&["2.3", "3.2"]));
        // What the plan has before drafting, given the merged disagreement action's text.
        type Setup = fn(&mut Plan, &str);
        let cases: [(&str, DraftBreadth, Setup, &[&str]); 6] = [
            (
                "empty plan, one each",
                DraftBreadth::OnePerExpectation,
                |_, _| {},
                &[
                    "below_target/p1-1/0",
                    "below_target/p2-2/0",
                    "disagreement/p2-3/p3-2",
                    "below_target/p1-2/0",
                    "below_target/p1-3/0",
                    "below_target/p1-4/0",
                    "below_target/p2-1/0",
                    "many_dont_know/p2-4",
                    "chosen_by_user/p3-1/0",
                ],
            ),
            (
                "empty plan, every suggestion",
                DraftBreadth::EverySuggestion,
                |_, _| {},
                &[
                    "below_target/p1-1/0",
                    "below_target/p1-1/1",
                    "below_target/p2-2/0",
                    "below_target/p2-2/1",
                    "disagreement/p1-2/p2-3/p3-2",
                    "below_target/p1-2/0",
                    "below_target/p1-2/1",
                    "below_target/p1-3/0",
                    "below_target/p1-3/1",
                    "below_target/p1-4/0",
                    "below_target/p1-4/1",
                    "below_target/p2-1/0",
                    "below_target/p2-1/1",
                    "many_dont_know/p2-3/p2-4",
                    "chosen_by_user/p3-1/0",
                    "chosen_by_user/p3-1/1",
                ],
            ),
            (
                "1.1's first suggestion and a blank on 2.3 in the plan, one each",
                DraftBreadth::OnePerExpectation,
                |plan, _| {
                    let id = plan.add_blank("p1-1");
                    plan.action_mut(&id).unwrap().text = "Action A for 1.1".into();
                    plan.add_blank("p2-3");
                },
                &[
                    "below_target/p2-2/0",
                    "disagreement/p3-2",
                    "below_target/p1-2/0",
                    "below_target/p1-3/0",
                    "below_target/p1-4/0",
                    "below_target/p2-1/0",
                    "many_dont_know/p2-4",
                    "chosen_by_user/p3-1/0",
                ],
            ),
            (
                "1.1's first suggestion and a blank on 2.3 in the plan, every suggestion",
                DraftBreadth::EverySuggestion,
                |plan, _| {
                    let id = plan.add_blank("p1-1");
                    plan.action_mut(&id).unwrap().text = "Action A for 1.1".into();
                    plan.add_blank("p2-3");
                },
                &[
                    "below_target/p1-1/1",
                    "below_target/p2-2/0",
                    "below_target/p2-2/1",
                    "disagreement/p1-2/p2-3/p3-2",
                    "below_target/p1-2/0",
                    "below_target/p1-2/1",
                    "below_target/p1-3/0",
                    "below_target/p1-3/1",
                    "below_target/p1-4/0",
                    "below_target/p1-4/1",
                    "below_target/p2-1/0",
                    "below_target/p2-1/1",
                    "many_dont_know/p2-3/p2-4",
                    "chosen_by_user/p3-1/0",
                    "chosen_by_user/p3-1/1",
                ],
            ),
            (
                "the merged disagreement action already in the plan, on 3.1",
                DraftBreadth::OnePerExpectation,
                |plan, merged_text| {
                    let id = plan.add_blank("p3-1");
                    plan.action_mut(&id).unwrap().text = merged_text.into();
                },
                &[
                    "below_target/p1-1/0",
                    "below_target/p2-2/0",
                    "below_target/p1-2/0",
                    "below_target/p1-3/0",
                    "below_target/p1-4/0",
                    "below_target/p2-1/0",
                    "many_dont_know/p2-4",
                ],
            ),
            (
                "a suggestion linked to another expectation counts for it too",
                DraftBreadth::EverySuggestion,
                |plan, _| {
                    let id = plan.add_blank("p1-3");
                    let action = plan.action_mut(&id).unwrap();
                    action.text = "Action B for 2.1".into();
                    action.link("p2-1");
                },
                &[
                    "below_target/p1-1/0",
                    "below_target/p1-1/1",
                    "below_target/p2-2/0",
                    "below_target/p2-2/1",
                    "disagreement/p1-2/p2-3/p3-2",
                    "below_target/p1-2/0",
                    "below_target/p1-2/1",
                    "below_target/p1-3/0",
                    "below_target/p1-3/1",
                    "below_target/p1-4/0",
                    "below_target/p1-4/1",
                    "below_target/p2-1/0",
                    "many_dont_know/p2-3/p2-4",
                    "chosen_by_user/p3-1/0",
                    "chosen_by_user/p3-1/1",
                ],
            ),
        ];
        for (name, breadth, setup, expected) in cases {
            let (q, scores, chosen, findings, mut plan) = board_draft();
            setup(&mut plan, &merged_text);
            let offered = plan.candidates(&q, &scores, &chosen, &findings, breadth);
            assert_eq!(keys(&offered), expected, "{name}");
        }
    }

    #[test]
    fn one_per_expectation_offers_one_action_each_and_merges_the_findings() {
        let (q, scores, chosen, findings, plan) = board_draft();
        let offered = plan.candidates(
            &q,
            &scores,
            &chosen,
            &findings,
            DraftBreadth::OnePerExpectation,
        );
        for expectation in q.expectations() {
            let covering = offered
                .iter()
                .filter(|c| c.expectation_ids.contains(&expectation.id))
                .count();
            assert!(covering <= 1, "{} in {covering} candidates", expectation.id);
        }
        let first = &offered[0];
        assert_eq!(first.expectation_ids, ["p1-1"]);
        assert_eq!(first.text, "Action A for 1.1");
        assert_eq!(first.timescale, Timescale::Short);
        assert_eq!(
            first.guidance_paragraph,
            Some(1),
            "the paragraph it draws on"
        );
        assert_eq!(
            first.reason,
            Reason::BelowTarget {
                rating: 1,
                target: 4
            }
        );
        let disagreement: Vec<&Candidate> = offered
            .iter()
            .filter(|c| c.reason == Reason::Disagreement)
            .collect();
        assert_eq!(disagreement.len(), 1);
        // Questionnaire order, though 3.2 ranks first.
        assert_eq!(disagreement[0].expectation_ids, ["p2-3", "p3-2"]);
        assert_eq!(
            disagreement[0].text,
            "Ask each partner to bring its evidence on expectations 2.3 and 3.2 to a board development session, and agree a shared view of where the partnership stands."
        );
        assert_eq!(disagreement[0].timescale, Timescale::Short);
        assert_eq!(disagreement[0].guidance_paragraph, None);
        let dont_know = offered.iter().find(|c| c.reason == Reason::ManyDontKnow);
        assert_eq!(
            dont_know.map(|c| c.text.contains("on expectation 2.4,")),
            Some(true)
        );

        let every = plan.candidates(
            &q,
            &scores,
            &chosen,
            &findings,
            DraftBreadth::EverySuggestion,
        );
        let second = every
            .iter()
            .find(|c| c.key == "below_target/p1-1/1")
            .unwrap();
        assert_eq!(
            (second.text.as_str(), second.timescale),
            ("Action B for 1.1", Timescale::Medium)
        );
    }

    #[test]
    fn an_expectation_without_suggestions_is_left_to_its_findings() {
        let mut q = questionnaire(&[3]);
        q.principles[0].expectations[1].actions.clear();
        let scores = scores_for(
            &q,
            &[("p1-1", Rating::Level(3)), ("p1-2", Rating::Level(2))],
        );
        let findings: Vec<Finding> = ["p1-3", "p1-2", "p1-1"]
            .into_iter()
            .map(|id| Finding {
                expectation_id: id.into(),
                kind: FindingKind::Disagreement,
            })
            .collect();
        let plan = Plan::default();
        let cases: [(DraftBreadth, &[&str]); 2] = [
            (
                DraftBreadth::OnePerExpectation,
                &["below_target/p1-1/0", "disagreement/p1-2/p1-3"],
            ),
            (
                DraftBreadth::EverySuggestion,
                &[
                    "below_target/p1-1/0",
                    "below_target/p1-1/1",
                    "disagreement/p1-1/p1-2/p1-3",
                ],
            ),
        ];
        for (breadth, expected) in cases {
            let offered = plan.candidates(&q, &scores, &BTreeSet::new(), &findings, breadth);
            assert_eq!(keys(&offered), expected, "{breadth:?}");
        }
    }

    #[test]
    fn ticked_candidates_become_actions_once() {
        let (q, scores, chosen, findings, mut plan) = board_draft();
        let offered = plan.candidates(
            &q,
            &scores,
            &chosen,
            &findings,
            DraftBreadth::OnePerExpectation,
        );
        let ticked: Vec<Candidate> = offered
            .into_iter()
            .filter(|c| c.expectation_ids.len() > 1 || c.key.starts_with("chosen"))
            .collect();
        assert_eq!(plan.add_candidates(&ticked), 2);
        assert_eq!(plan.add_candidates(&ticked), 0);
        let merged = &plan.actions[0];
        assert_eq!(merged.id, "action-1");
        assert_eq!(merged.expectation_ids, ["p2-3", "p3-2"]);
        assert_eq!(merged.reason, Reason::Disagreement);
        assert_eq!(merged.timescale, Timescale::Short);
        assert_eq!(plan.actions[1].text, "Action A for 3.1");
        assert_eq!(plan.actions[1].reason, Reason::ChosenByUser);
        assert!(plan
            .actions
            .iter()
            .all(|a| a.status == ActionStatus::NotStarted && a.owner == Owner::Unassigned));
    }

    #[test]
    fn restore_puts_removed_actions_back_where_they_were() {
        let mut plan = Plan::default();
        let ids: Vec<String> = (1..=5)
            .map(|n| plan.add_blank(&format!("p1-{n}")))
            .collect();
        plan.actions[1].measure = "Fewer incidents".into();
        let original = plan.clone();
        let chosen: BTreeSet<String> = [ids[1].clone(), ids[3].clone(), "action-99".into()].into();
        let removed = plan.remove_many(&chosen);
        assert_eq!((removed.len(), removed.is_empty()), (2, false));
        assert_eq!(plan.actions.len(), 3);
        plan.restore(removed.clone());
        assert_eq!(plan, original);
        plan.restore(removed.clone());
        assert_eq!(plan, original, "restoring twice adds nothing twice");

        plan.remove_many(&chosen);
        plan.remove_many(&BTreeSet::from([ids[4].clone(), ids[2].clone()]));
        let added = plan.add_blank("p2-1");
        plan.restore(removed);
        let order: Vec<&str> = plan.actions.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(order, [&ids[0], &ids[1], &added, &ids[3]]);
        assert!(plan.remove_many(&BTreeSet::new()).is_empty());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        const SHAPE: [usize; 3] = [3, 3, 2];

        /// A board's inputs: a questionnaire whose expectations have 0–2 suggestions, their
        /// ratings, findings, choices and priorities.
        #[derive(Debug, Clone)]
        struct Inputs {
            suggestions: Vec<usize>,
            ratings: Vec<Option<Rating>>,
            findings: Vec<(usize, bool)>,
            chosen: Vec<bool>,
            high: Vec<bool>,
        }

        fn inputs() -> impl Strategy<Value = Inputs> {
            let n: usize = SHAPE.iter().sum();
            let rating = prop_oneof![
                Just(None),
                Just(Some(Rating::DontKnow)),
                (1u8..=6).prop_map(|v| Some(Rating::Level(v))),
            ];
            (
                proptest::collection::vec(0usize..=2, n),
                proptest::collection::vec(rating, n),
                proptest::collection::vec((0..n, any::<bool>()), 0..12),
                proptest::collection::vec(any::<bool>(), n),
                proptest::collection::vec(any::<bool>(), n),
            )
                .prop_map(|(suggestions, ratings, findings, chosen, high)| Inputs {
                    suggestions,
                    ratings,
                    findings,
                    chosen,
                    high,
                })
        }

        fn breadth() -> impl Strategy<Value = DraftBreadth> {
            prop_oneof![
                Just(DraftBreadth::OnePerExpectation),
                Just(DraftBreadth::EverySuggestion)
            ]
        }

        struct Board {
            q: Questionnaire,
            scores: Scores,
            chosen: BTreeSet<String>,
            findings: Vec<Finding>,
        }

        impl Board {
            fn new(inputs: &Inputs) -> (Board, Plan) {
                let mut q = questionnaire(&SHAPE);
                let ids: Vec<String> = q.expectations().map(|e| e.id.clone()).collect();
                for (expectation, &count) in q
                    .principles
                    .iter_mut()
                    .flat_map(|p| p.expectations.iter_mut())
                    .zip(&inputs.suggestions)
                {
                    expectation.actions.truncate(count);
                }
                let rated: Vec<(&str, Rating)> = ids
                    .iter()
                    .zip(&inputs.ratings)
                    .filter_map(|(id, r)| r.map(|r| (id.as_str(), r)))
                    .collect();
                let scores = scores_for(&q, &rated);
                let pick = |flags: &[bool]| -> BTreeSet<String> {
                    ids.iter()
                        .zip(flags)
                        .filter(|(_, &on)| on)
                        .map(|(id, _)| id.clone())
                        .collect()
                };
                let findings = inputs
                    .findings
                    .iter()
                    .map(|&(i, disagreement)| Finding {
                        expectation_id: ids[i].clone(),
                        kind: if disagreement {
                            FindingKind::Disagreement
                        } else {
                            FindingKind::ManyDontKnow
                        },
                    })
                    .collect();
                let plan = Plan {
                    high_priority: pick(&inputs.high),
                    ..Plan::default()
                };
                let chosen = pick(&inputs.chosen);
                (
                    Board {
                        q,
                        scores,
                        chosen,
                        findings,
                    },
                    plan,
                )
            }

            fn candidates(&self, plan: &Plan, breadth: DraftBreadth) -> Vec<Candidate> {
                plan.candidates(&self.q, &self.scores, &self.chosen, &self.findings, breadth)
            }
        }

        fn ticked(candidates: Vec<Candidate>, ticks: &[bool]) -> Vec<Candidate> {
            candidates
                .into_iter()
                .zip(ticks.iter().chain(std::iter::repeat(&false)))
                .filter(|(_, &on)| on)
                .map(|(c, _)| c)
                .collect()
        }

        proptest! {
            #[test]
            fn candidates_are_new_distinct_and_one_per_expectation(
                inputs in inputs(),
                first in breadth(),
                ticks in proptest::collection::vec(any::<bool>(), 0..24),
            ) {
                let (board, mut plan) = Board::new(&inputs);
                plan.add_candidates(&ticked(board.candidates(&plan, first), &ticks));
                for breadth in [DraftBreadth::OnePerExpectation, DraftBreadth::EverySuggestion] {
                    let offered = board.candidates(&plan, breadth);
                    let keys: BTreeSet<&str> = offered.iter().map(|c| c.key.as_str()).collect();
                    prop_assert_eq!(keys.len(), offered.len(), "keys repeat: {:?}", offered);
                    for c in &offered {
                        let positions: Vec<_> =
                            c.expectation_ids.iter().map(|id| board.q.position_of(id)).collect();
                        prop_assert!(!positions.is_empty() && positions.iter().all(Option::is_some));
                        prop_assert!(positions.windows(2).all(|w| w[0] < w[1]), "{:?}", c);
                        prop_assert!(!c.expectation_ids.iter().any(|e| plan.has_action(e, &c.text)));
                    }
                    if breadth == DraftBreadth::OnePerExpectation {
                        let mut seen = BTreeSet::new();
                        for id in offered.iter().flat_map(|c| &c.expectation_ids) {
                            prop_assert!(seen.insert(id), "{} offered twice: {:?}", id, offered);
                            prop_assert!(!plan.actions.iter().any(|a| a.expectation_ids.contains(id)));
                        }
                    }
                }
            }

            #[test]
            fn added_candidates_are_not_offered_or_added_again(
                inputs in inputs(),
                breadth in breadth(),
                ticks in proptest::collection::vec(any::<bool>(), 0..24),
            ) {
                let (board, mut plan) = Board::new(&inputs);
                let ticked = ticked(board.candidates(&plan, breadth), &ticks);
                prop_assert_eq!(plan.add_candidates(&ticked), ticked.len());
                let after = plan.clone();
                prop_assert_eq!(plan.add_candidates(&ticked), 0);
                prop_assert_eq!(&plan, &after);
                let again = board.candidates(&plan, breadth);
                for c in &again {
                    prop_assert!(!ticked.iter().any(|t| t.key == c.key || t.text == c.text && t.expectation_ids == c.expectation_ids));
                    if breadth == DraftBreadth::OnePerExpectation {
                        prop_assert!(!ticked.iter().flat_map(|t| &t.expectation_ids).any(|id| c.expectation_ids.contains(id)));
                    }
                }
                let everything = board.candidates(&plan, breadth);
                plan.add_candidates(&everything);
                prop_assert_eq!(board.candidates(&plan, breadth), Vec::new());
            }

            #[test]
            fn restore_undoes_remove_many(
                inputs in inputs(),
                blanks in 0usize..4,
                picks in proptest::collection::vec(any::<bool>(), 0..30),
            ) {
                let (board, mut plan) = Board::new(&inputs);
                plan.add_candidates(&board.candidates(&plan, DraftBreadth::EverySuggestion));
                for n in 0..blanks {
                    plan.add_blank(&format!("p1-{}", n + 1));
                }
                for (i, action) in plan.actions.iter_mut().enumerate().filter(|(i, _)| i % 3 == 0) {
                    action.measure = format!("Measure {i}");
                    action.status = ActionStatus::InProgress;
                }
                let original = plan.clone();
                let chosen: BTreeSet<String> = original
                    .actions
                    .iter()
                    .zip(picks.iter().chain(std::iter::repeat(&false)))
                    .filter(|(_, &on)| on)
                    .map(|(a, _)| a.id.clone())
                    .collect();
                let removed = plan.remove_many(&chosen);
                prop_assert_eq!(removed.len(), chosen.len());
                prop_assert!(plan.actions.iter().all(|a| !chosen.contains(&a.id)));
                plan.restore(removed.clone());
                prop_assert_eq!(&plan, &original);

                plan.remove_many(&chosen);
                let added = plan.add_blank("p3-1");
                plan.restore(removed.clone());
                plan.restore(removed);
                let ids: Vec<&str> = plan.actions.iter().map(|a| a.id.as_str()).collect();
                let mut without_added = ids.clone();
                without_added.retain(|id| *id != added);
                let original_ids: Vec<&str> = original.actions.iter().map(|a| a.id.as_str()).collect();
                prop_assert_eq!(without_added, original_ids);
                prop_assert_eq!(ids.len(), original.actions.len() + 1);
                for action in &original.actions {
                    prop_assert_eq!(plan.actions.iter().find(|a| a.id == action.id), Some(action));
                }
            }
        }
    }
}
