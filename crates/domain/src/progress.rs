//! Progress since an earlier assessment of the same partnership: the change in each
//! principle's score, the expectations that improved or declined, and how far the earlier
//! plan's actions got.

use super::plan::{ActionStatus, Plan};
use super::questionnaire::Questionnaire;
use super::rating::Rating;
use super::scoring::Scores;
use super::sorting::sort_by_key;

#[derive(Debug, Clone, PartialEq)]
pub struct PrincipleChange {
    pub principle_id: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
}

impl PrincipleChange {
    pub fn change(&self) -> Option<f64> {
        Some(self.after? - self.before?)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectationChange {
    pub expectation_id: String,
    pub before: u8,
    pub after: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub principles: Vec<PrincipleChange>,
    /// Rated higher now, biggest rise first.
    pub improved: Vec<ExpectationChange>,
    /// Rated lower now, biggest fall first.
    pub declined: Vec<ExpectationChange>,
    /// How many of the earlier plan's actions are at each status.
    pub earlier_actions: Vec<(ActionStatus, usize)>,
}

/// Compares two sets of scores on the same questionnaire. Expectations not rated on a scale
/// both times ("Don't know" or unanswered) are neither improved nor declined.
pub fn compare(
    questionnaire: &Questionnaire,
    earlier: &Scores,
    later: &Scores,
    earlier_plan: &Plan,
) -> Progress {
    let principles = questionnaire
        .principles
        .iter()
        .map(|p| PrincipleChange {
            principle_id: p.id.clone(),
            before: earlier.principle(&p.id).and_then(|s| s.mean()),
            after: later.principle(&p.id).and_then(|s| s.mean()),
        })
        .collect();
    let mut improved = Vec::new();
    let mut declined = Vec::new();
    for e in questionnaire.expectations() {
        let level = |scores: &Scores| {
            scores
                .expectation(&e.id)
                .and_then(|x| x.rating)
                .and_then(Rating::level)
        };
        if let (Some(before), Some(after)) = (level(earlier), level(later)) {
            let change = ExpectationChange {
                expectation_id: e.id.clone(),
                before,
                after,
            };
            if after > before {
                improved.push(change);
            } else if after < before {
                declined.push(change);
            }
        }
    }
    sort_by_key(&mut improved, |c| std::cmp::Reverse(c.after - c.before));
    sort_by_key(&mut declined, |c| std::cmp::Reverse(c.before - c.after));
    let earlier_actions = ActionStatus::ALL
        .into_iter()
        .map(|status| {
            (
                status,
                earlier_plan
                    .actions
                    .iter()
                    .filter(|a| a.status == status)
                    .count(),
            )
        })
        .collect();
    Progress {
        principles,
        improved,
        declined,
        earlier_actions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::test_support::questionnaire;
    use std::collections::BTreeMap;

    fn scores(q: &Questionnaire, pairs: &[(&str, Rating)]) -> Scores {
        let given: BTreeMap<String, Rating> =
            pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        Scores::compute(q, |id| given.get(id).copied())
    }

    #[test]
    fn changes_between_two_assessments() {
        let q = questionnaire(&[2, 2]);
        let before = scores(
            &q,
            &[
                ("p1-1", Rating::Level(2)),
                ("p1-2", Rating::Level(4)),
                ("p2-1", Rating::Level(5)),
                ("p2-2", Rating::DontKnow),
            ],
        );
        let after = scores(
            &q,
            &[
                ("p1-1", Rating::Level(5)),
                ("p1-2", Rating::Level(4)),
                ("p2-1", Rating::Level(3)),
                ("p2-2", Rating::Level(6)),
            ],
        );
        let mut plan = Plan::default();
        for _ in 0..3 {
            plan.add_blank("p1-1");
        }
        plan.actions[0].status = ActionStatus::Done;
        plan.actions[1].status = ActionStatus::Done;
        let progress = compare(&q, &before, &after, &plan);
        assert_eq!(progress.principles[0].change(), Some(1.5));
        assert_eq!(progress.principles[1].before, Some(5.0));
        assert_eq!(progress.principles[1].change(), Some(-0.5));
        assert_eq!(
            progress.improved,
            [ExpectationChange {
                expectation_id: "p1-1".into(),
                before: 2,
                after: 5
            }]
        );
        assert_eq!(
            progress.declined,
            [ExpectationChange {
                expectation_id: "p2-1".into(),
                before: 5,
                after: 3
            }]
        );
        assert_eq!(
            progress.earlier_actions,
            [
                (ActionStatus::NotStarted, 1),
                (ActionStatus::InProgress, 0),
                (ActionStatus::Done, 2)
            ]
        );
    }

    #[test]
    fn nothing_rated_means_no_change() {
        let q = questionnaire(&[1]);
        let empty = scores(&q, &[]);
        let progress = compare(&q, &empty, &empty, &Plan::default());
        assert_eq!(progress.principles[0].change(), None);
        assert!(progress.improved.is_empty() && progress.declined.is_empty());
    }
}
