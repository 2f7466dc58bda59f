//! The draft of a plan: the target level for each principle, which expectations come
//! first, other expectations to include, and the actions this tool suggests for them (with
//! the guidance paragraphs they draw on) as a list the board ticks before adding. By
//! default one action per expectation, and the generic actions for findings merged into
//! one that lists its expectations.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::PlanEdit;
use crate::ui::components::{page_range, Pagination};
use crate::ui::extras::ParagraphDigests;
use cpp_domain::plan::{Candidate, DraftBreadth, DraftItem, Finding, Plan, Reason};
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::scoring::Scores;

/// The "Draft from suggested actions" section: targets, priorities, other expectations to
/// include, then the candidate actions with checkboxes and the button that adds the ticked
/// ones.
#[component]
pub(super) fn PlanDraft(
    questionnaire: StoredValue<Questionnaire>,
    scores: Memo<Scores>,
    findings: Signal<Vec<Finding>>,
    plan: Memo<Plan>,
    edit: Callback<PlanEdit>,
) -> impl IntoView {
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    let breadth = RwSignal::new(DraftBreadth::OnePerExpectation);
    let unticked = RwSignal::new(BTreeSet::<String>::new());
    let draft = Memo::new(move |_| {
        questionnaire.with_value(|q| {
            plan.with(|p| {
                scores.with(|s| findings.with(|f| chosen.with(|c| p.draft_items(q, s, c, f))))
            })
        })
    });
    let candidates = Memo::new(move |_| {
        questionnaire.with_value(|q| {
            plan.with(|p| {
                scores.with(|s| {
                    findings.with(|f| chosen.with(|c| p.candidates(q, s, c, f, breadth.get())))
                })
            })
        })
    });
    let ticked = move || {
        candidates.with(|all| {
            unticked.with(|off| {
                all.iter()
                    .filter(|c| !off.contains(&c.key))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    let added_message = RwSignal::new(None::<String>);
    let add_ticked = move |_| {
        let picked = ticked();
        let before = plan.with_untracked(|p| p.actions.len());
        edit.run(Box::new(move |p| {
            p.add_candidates(&picked);
        }));
        let added = plan
            .with_untracked(|p| p.actions.len())
            .saturating_sub(before);
        chosen.set(BTreeSet::new());
        added_message.set(Some(match added {
            0 => "No actions added: tick the ones to add first.".to_owned(),
            1 => "1 action added to the plan.".to_owned(),
            n => format!("{n} actions added to the plan."),
        }));
    };

    view! {
        <h2 class="heading-m">"Draft from suggested actions"</h2>
        <p class="body">"The actions offered are suggested by this tool, each with the guidance paragraphs it draws on. Untick any you do not want, then add the rest; you can change every action afterwards."</p>
        <TargetLevels questionnaire plan edit/>
        <Priorities questionnaire draft plan edit/>
        <OtherExpectationChoices questionnaire scores findings plan chosen/>
        <CandidateChoices questionnaire candidates unticked breadth/>
        <Show when=move || candidates.with(|c| !c.is_empty())>
            <button type="button" class="button" on:click=add_ticked>
                {move || match ticked().len() {
                    1 => "Add the 1 ticked action to the plan".to_owned(),
                    n => format!("Add the {n} ticked actions to the plan"),
                }}
            </button>
        </Show>
        // Always on the page, so screen readers hear each new message in it.
        <p class=move || if added_message.with(Option::is_some) { "body inset" } else { "body" } role="status">
            {move || added_message.get()}
        </p>
    }
}

/// The candidate actions as checkboxes, all ticked to start with, and whether to offer one
/// per expectation or every suggestion.
#[component]
fn CandidateChoices(
    questionnaire: StoredValue<Questionnaire>,
    candidates: Memo<Vec<Candidate>>,
    /// The keys of the candidates the board unticked.
    unticked: RwSignal<BTreeSet<String>>,
    breadth: RwSignal<DraftBreadth>,
) -> impl IntoView {
    let page = RwSignal::new(0);
    let rows = move || {
        questionnaire.with_value(|q| {
            candidates.with(|all| {
                let shown = page_range(page.get(), all.len());
                all.iter()
                    .enumerate()
                    .skip(shown.start)
                    .take(shown.len())
                    .map(|(index, candidate)| {
                        let input_id = format!("candidate-{index}");
                        let numbers: Vec<String> =
                            candidate.expectation_ids.iter().map(|e| q.number_of(e)).collect();
                        let what_for = match numbers.as_slice() {
                            [one] => format!("Expectation {one}"),
                            many => format!("Expectations {}", many.join(", ")),
                        };
                        let why = candidate.reason.describe(q);
                        let (key_check, key_set) = (candidate.key.clone(), candidate.key.clone());
                        view! {
                            <div class="checkboxes__item">
                                <input class="checkboxes__input" type="checkbox" id=input_id.clone()
                                    aria-describedby=format!("{input_id}-why")
                                    prop:checked=move || unticked.with(|off| !off.contains(&key_check))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        unticked.update(|off| { if on { off.remove(&key_set); } else { off.insert(key_set.clone()); } });
                                    }/>
                                <label class="label checkboxes__label" for=input_id.clone()>
                                    <strong>{format!("{what_for}: ")}</strong>{candidate.text.clone()}
                                </label>
                                <p class="hint checkboxes__hint" id=format!("{input_id}-why")>{format!("Why: {why}")}</p>
                                {candidate.guidance_paragraph.filter(|_| q.cites_statutory_guidance()).map(|n| view! {
                                    <div class="checkboxes__hint"><ParagraphDigests numbers=vec![n] summary=format!("Draws on paragraph {n}: what it says")/></div>
                                })}
                            </div>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <fieldset class="fieldset" id="draft-candidates" tabindex="-1">
            <legend class="fieldset__legend fieldset__legend--s">{move || format!("Actions to add ({} offered)", candidates.with(Vec::len))}</legend>
            <div class="checkboxes checkboxes--small">
                <div class="checkboxes__item">
                    <input class="checkboxes__input" type="checkbox" id="draft-every-suggestion"
                        prop:checked=move || breadth.get() == DraftBreadth::EverySuggestion
                        on:change=move |ev| breadth.set(if event_target_checked(&ev) { DraftBreadth::EverySuggestion } else { DraftBreadth::OnePerExpectation })/>
                    <label class="label checkboxes__label" for="draft-every-suggestion">"Offer every suggested action, not only the first for each expectation"</label>
                </div>
            </div>
            <Show when=move || candidates.with(Vec::is_empty)>
                <p class="body">"Nothing new to offer: the plan already has an action for every expectation the draft covers. Choose other expectations above, or add your own action below."</p>
            </Show>
            <div class="checkboxes candidate-list">{rows}</div>
            <Pagination page count=Signal::derive(move || candidates.with(Vec::len)) what="actions offered" label="Pages of the actions offered" top="draft-candidates"/>
        </fieldset>
    }
}

/// The collapsible choice of a target level for each principle.
#[component]
fn TargetLevels(
    questionnaire: StoredValue<Questionnaire>,
    plan: Memo<Plan>,
    edit: Callback<PlanEdit>,
) -> impl IntoView {
    let target_choices = questionnaire.with_value(|q| {
        q.principles
            .iter()
            .enumerate()
            .map(|(index, principle)| {
                let pid = principle.id.clone();
                let select_id = format!("target-{}", principle.id);
                let current = plan.with_untracked(|p| p.target_for(q, &principle.id));
                let options = q
                    .scale
                    .levels
                    .iter()
                    .map(|l| view! { <option value=l.value.to_string() selected=l.value == current>{format!("{} ({})", l.label, l.value)}</option> })
                    .collect_view();
                view! {
                    <div class="form-group form-group--inline">
                        <label class="label" for=select_id.clone()>{format!("{}. {}", index + 1, principle.title)}</label>
                        <select class="select" id=select_id on:change=move |ev| {
                            if let Ok(value) = event_target_value(&ev).parse::<u8>() {
                                let pid = pid.clone();
                                edit.run(Box::new(move |p| { p.targets.insert(pid, value); }));
                            }
                        }>{options}</select>
                    </div>
                }
            })
            .collect_view()
    });

    view! {
        <details class="details">
            <summary class="details__summary">"Set the target level for each principle"</summary>
            <div class="details__text">
                <p class="body">"Expectations rated below their principle's target are drafted first, the biggest gaps first. Most boards aim for Good."</p>
                {target_choices}
            </div>
        </details>
    }
}

/// The expectations below their target, each of which can be marked as high priority so
/// its actions come first.
#[component]
fn Priorities(
    questionnaire: StoredValue<Questionnaire>,
    draft: Memo<Vec<DraftItem>>,
    plan: Memo<Plan>,
    edit: Callback<PlanEdit>,
) -> impl IntoView {
    let rows = move || {
        questionnaire.with_value(|q| {
            draft.with(|items| {
                items
                    .iter()
                    .filter(|item| matches!(item.reason, Reason::BelowTarget { .. }))
                    .map(|item| {
                        let eid = item.expectation_id.clone();
                        let input_id = format!("priority-{eid}");
                        let statement = q.expectation(&eid).map(|e| e.statement.clone()).unwrap_or_default();
                        let (eid_check, eid_set) = (eid.clone(), eid.clone());
                        view! {
                            <div class="checkboxes__item">
                                <input class="checkboxes__input" type="checkbox" id=input_id.clone()
                                    prop:checked=move || plan.with(|p| p.high_priority.contains(&eid_check))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let eid = eid_set.clone();
                                        edit.run(Box::new(move |p| { if on { p.high_priority.insert(eid); } else { p.high_priority.remove(&eid); } }));
                                    }/>
                                <label class="label checkboxes__label" for=input_id>
                                    <strong>{format!("{} high priority: ", q.number_of(&eid))}</strong>{statement}
                                </label>
                            </div>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <details class="details">
            <summary class="details__summary">"Mark expectations as high priority"</summary>
            <div class="details__text">
                <p class="body">"The draft puts the biggest gaps to target first; a high-priority expectation's gap counts double."</p>
                <div class="checkboxes">{rows}</div>
            </div>
        </details>
    }
}

/// The collapsible checkboxes for expectations the draft would not otherwise cover.
#[component]
fn OtherExpectationChoices(
    questionnaire: StoredValue<Questionnaire>,
    scores: Memo<Scores>,
    findings: Signal<Vec<Finding>>,
    plan: Memo<Plan>,
    /// The expectations ticked here, which the draft then includes.
    chosen: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let optional_choices = move || {
        questionnaire.with_value(|q| {
            scores.with(|s| {
                let drafted: BTreeSet<String> = plan
                    .with(|p| findings.with(|f| p.draft_items(q, s, &BTreeSet::new(), f)))
                    .into_iter()
                    .map(|i| i.expectation_id)
                    .collect();
                q.expectations()
                    .filter(|e| !drafted.contains(&e.id))
                    .map(|e| {
                        let input_id = format!("choose-{}", e.id);
                        let eid = e.id.clone();
                        let eid_check = e.id.clone();
                        let rating = s.expectation(&e.id).and_then(|x| x.rating);
                        view! {
                            <div class="checkboxes__item">
                                <input class="checkboxes__input" type="checkbox" id=input_id.clone()
                                    prop:checked=move || chosen.with(|c| c.contains(&eid_check))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|c| { if on { c.insert(eid.clone()); } else { c.remove(&eid); } });
                                    }/>
                                <label class="label checkboxes__label" for=input_id>
                                    <strong>{format!("{} {}", q.number_of(&e.id), q.rating_label(rating))}</strong>
                                    " "{e.statement.clone()}
                                </label>
                            </div>
                        }
                    })
                    .collect_view()
            })
        })
    };

    view! {
        <details class="details">
            <summary class="details__summary">"Also include other expectations"</summary>
            <div class="details__text">
                <fieldset class="fieldset">
                    <legend class="fieldset__legend fieldset__legend--s">"Choose any other expectations to include"</legend>
                    <div class="checkboxes">{optional_choices}</div>
                </fieldset>
            </div>
        </details>
    }
}
