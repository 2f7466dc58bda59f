//! The improvement plan: actions with an owner, a timescale and a measure of success,
//! and the rules that draft it from the questionnaire's suggested actions.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::questionnaire::{Questionnaire, Timescale};
use super::scoring::Scores;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    #[serde(default)]
    pub actions: Vec<PlanAction>,
    /// Numbers action ids, so an id is never reused after an action is removed.
    #[serde(default)]
    pub next_action_number: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanAction {
    pub id: String,
    pub expectation_id: String,
    pub text: String,
    #[serde(default)]
    pub owner: Owner,
    pub timescale: Timescale,
    #[serde(default)]
    pub measure: String,
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

/// Why an expectation is in the draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftReason {
    BelowTarget,
    ChosenByUser,
}

/// What a board session found about an expectation, beyond its agreed rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    /// Members' ratings were far apart.
    Disagreement,
    /// Many members could not judge it.
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
}

impl Plan {
    fn next_id(&mut self) -> String {
        self.next_action_number += 1;
        format!("action-{}", self.next_action_number)
    }

    /// The expectations a draft covers: those rated below the target, weakest first, then
    /// those the user chose, in questionnaire order.
    pub fn draft_targets(
        questionnaire: &Questionnaire,
        scores: &Scores,
        chosen: &BTreeSet<String>,
    ) -> Vec<(String, DraftReason)> {
        let mut targets: Vec<(String, DraftReason)> = scores
            .below_target()
            .into_iter()
            .map(|e| (e.expectation_id.clone(), DraftReason::BelowTarget))
            .collect();
        for expectation in questionnaire.expectations() {
            if chosen.contains(&expectation.id)
                && !targets.iter().any(|(id, _)| *id == expectation.id)
            {
                targets.push((expectation.id.clone(), DraftReason::ChosenByUser));
            }
        }
        targets
    }

    /// Adds the suggested actions for the draft's expectations, then one action for each
    /// session finding. Actions already in the plan (same expectation and text) are not
    /// added again, so drafting twice never duplicates or overwrites the user's edits.
    /// Returns how many actions were added.
    pub fn add_draft(
        &mut self,
        questionnaire: &Questionnaire,
        scores: &Scores,
        chosen: &BTreeSet<String>,
        findings: &[Finding],
    ) -> usize {
        let mut added = 0;
        for (expectation_id, _) in Plan::draft_targets(questionnaire, scores, chosen) {
            let Some(expectation) = questionnaire.expectation(&expectation_id) else {
                continue;
            };
            for suggestion in &expectation.actions {
                added += usize::from(self.add_if_new(
                    &expectation.id,
                    &suggestion.text,
                    suggestion.timescale,
                ));
            }
        }
        for finding in findings {
            let Some((principle, expectation)) = questionnaire.position_of(&finding.expectation_id)
            else {
                continue;
            };
            let text = finding
                .kind
                .action_text(&format!("{principle}.{expectation}"));
            added += usize::from(self.add_if_new(&finding.expectation_id, &text, Timescale::Short));
        }
        added
    }

    fn add_if_new(&mut self, expectation_id: &str, text: &str, timescale: Timescale) -> bool {
        let present = self
            .actions
            .iter()
            .any(|a| a.expectation_id == expectation_id && a.text == text);
        if !present {
            let id = self.next_id();
            self.actions.push(PlanAction {
                id,
                expectation_id: expectation_id.to_owned(),
                text: text.to_owned(),
                owner: Owner::Unassigned,
                timescale,
                measure: String::new(),
            });
        }
        !present
    }

    /// Adds a blank action for the user to write; returns its id.
    pub fn add_blank(&mut self, expectation_id: &str) -> String {
        let id = self.next_id();
        self.actions.push(PlanAction {
            id: id.clone(),
            expectation_id: expectation_id.to_owned(),
            text: String::new(),
            owner: Owner::Unassigned,
            timescale: Timescale::Short,
            measure: String::new(),
        });
        id
    }

    pub fn remove(&mut self, action_id: &str) {
        self.actions.retain(|a| a.id != action_id);
    }

    pub fn action_mut(&mut self, action_id: &str) -> Option<&mut PlanAction> {
        self.actions.iter_mut().find(|a| a.id == action_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::questionnaire::test_support::questionnaire;
    use crate::domain::rating::Rating;
    use std::collections::BTreeMap;

    fn scores_for(q: &Questionnaire, pairs: &[(&str, Rating)]) -> Scores {
        let given: BTreeMap<String, Rating> =
            pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        Scores::compute(q, |id| given.get(id).copied())
    }

    #[test]
    fn draft_covers_weakest_first_then_chosen() {
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
        let chosen: BTreeSet<String> =
            ["p2-2".to_string(), "p2-1".to_string(), "p1-3".to_string()].into();
        let targets = Plan::draft_targets(&q, &scores, &chosen);
        assert_eq!(
            targets,
            vec![
                ("p2-1".to_string(), DraftReason::BelowTarget),
                ("p1-1".to_string(), DraftReason::BelowTarget),
                ("p1-3".to_string(), DraftReason::ChosenByUser),
                ("p2-2".to_string(), DraftReason::ChosenByUser),
            ]
        );
        let mut plan = Plan::default();
        assert_eq!(plan.add_draft(&q, &scores, &chosen, &[]), 8);
        assert_eq!(plan.actions[0].expectation_id, "p2-1");
        assert_eq!(plan.actions[0].timescale, Timescale::Short);
        assert_eq!(plan.actions[1].timescale, Timescale::Medium);
        assert_eq!(plan.actions[0].owner, Owner::Unassigned);
    }

    #[test]
    fn drafting_again_keeps_edits_and_adds_nothing_twice() {
        let q = questionnaire(&[2]);
        let scores = scores_for(&q, &[("p1-1", Rating::Level(2))]);
        let mut plan = Plan::default();
        plan.add_draft(&q, &scores, &BTreeSet::new(), &[]);
        plan.actions[0].owner = Owner::Partner("Police Scotland".into());
        plan.actions[0].measure = "Fewer incidents".into();
        let before = plan.clone();
        assert_eq!(plan.add_draft(&q, &scores, &BTreeSet::new(), &[]), 0);
        assert_eq!(plan, before);
    }

    #[test]
    fn findings_add_one_action_each_once() {
        let q = questionnaire(&[1, 2]);
        let scores = scores_for(&q, &[("p1-1", Rating::Level(5))]);
        let findings = [
            Finding {
                expectation_id: "p2-2".into(),
                kind: FindingKind::ManyDontKnow,
            },
            Finding {
                expectation_id: "p1-1".into(),
                kind: FindingKind::Disagreement,
            },
        ];
        let mut plan = Plan::default();
        assert_eq!(plan.add_draft(&q, &scores, &BTreeSet::new(), &findings), 2);
        assert!(plan.actions[0].text.contains("expectation 2.2"));
        assert!(plan.actions[0].text.starts_with("Brief all board members"));
        assert!(plan.actions[1].text.contains("expectation 1.1"));
        assert!(plan.actions.iter().all(|a| a.timescale == Timescale::Short));
        assert_eq!(plan.add_draft(&q, &scores, &BTreeSet::new(), &findings), 0);
    }

    #[test]
    fn ids_are_never_reused() {
        let mut plan = Plan::default();
        let first = plan.add_blank("p1-1");
        plan.remove(&first);
        let second = plan.add_blank("p1-1");
        assert_ne!(first, second);
        assert_eq!(plan.actions.len(), 1);
        assert!(plan.action_mut(&second).is_some());
        assert!(plan.action_mut(&first).is_none());
    }

    #[test]
    fn nothing_to_draft_when_all_at_target() {
        let q = questionnaire(&[2]);
        let scores = scores_for(
            &q,
            &[("p1-1", Rating::Level(4)), ("p1-2", Rating::Level(6))],
        );
        let mut plan = Plan::default();
        assert_eq!(plan.add_draft(&q, &scores, &BTreeSet::new(), &[]), 0);
        assert!(plan.actions.is_empty());
    }
}
