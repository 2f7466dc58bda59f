//! Building an improvement plan: the draft from suggested actions for the weakest
//! expectations (and any the user picks, and any findings of a board session), then each
//! action with an owner, a timescale and a measure of success, all editable. Used by the
//! plan pages of individual assessments and of board sessions.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::{expectation_number, rating_label, MAIN_HEADING_ID};
use crate::domain::assessment::{long_date, Assessment};
use crate::domain::partners::STATUTORY_PARTNERS;
use crate::domain::plan::{Finding, FindingKind, Owner, Plan, PlanAction};
use crate::domain::questionnaire::{Questionnaire, Timescale};
use crate::domain::scoring::Scores;
use crate::ui::components::{use_page_title, BackLink, NotificationBanner, SaveIndicator};
use crate::ui::route::Route;
use crate::ui::state::expect_app_state;

/// A change to a plan, applied and saved by whoever owns the plan.
pub type PlanEdit = Box<dyn FnOnce(&mut Plan)>;

const OWNER_UNASSIGNED: &str = "unassigned";
const OWNER_OTHER: &str = "other";

fn owner_choice(owner: &Owner) -> String {
    match owner {
        Owner::Unassigned => OWNER_UNASSIGNED.into(),
        Owner::Partner(name) => name.clone(),
        Owner::Other(_) => OWNER_OTHER.into(),
    }
}

#[component]
pub fn PlanPage(
    assessment: Memo<Assessment>,
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    let state = expect_app_state();
    use_page_title(|| "Improvement plan".into());
    let id = assessment.with_untracked(|a| a.id.clone());
    let scores = Memo::new(move |_| {
        questionnaire.with_value(|q| assessment.with(|a| Scores::compute(q, |e| a.rating(e))))
    });
    let backup =
        Callback::new(move |()| crate::ui::browser::download_record(&assessment.get_untracked()));
    let plan = Memo::new(move |_| assessment.with(|a| a.plan.clone()));
    let edit = {
        let id = id.clone();
        Callback::new(move |change: PlanEdit| state.update_assessment(&id, |a| change(&mut a.plan)))
    };
    view! {
        <BackLink route=Route::Results { assessment: id.clone() } label="Back to the results"/>
        <NotificationBanner/>
        <span class="caption-l">{move || assessment.with(|a| format!("{}, {}", a.details.partnership, long_date(&a.details.date)))}</span>
        <h1 class="heading-l" id=MAIN_HEADING_ID tabindex="-1">"Improvement plan"</h1>
        <SaveIndicator on_backup=backup/>
        <p class="body">"Start from actions suggested by the guidance for your weakest expectations, then make them your own: name who leads each one, when it should be done and how you will know it worked."</p>
        <PlanBuilder questionnaire scores plan edit findings=Signal::stored(Vec::new())/>
    }
}

/// The draft controls and the editable list of actions for any plan.
#[component]
pub fn PlanBuilder(
    questionnaire: StoredValue<Questionnaire>,
    /// The ratings the draft is based on (an assessment's, or a session's consensus).
    scores: Memo<Scores>,
    /// Session findings that add their own actions; empty for an individual assessment.
    findings: Signal<Vec<Finding>>,
    plan: Memo<Plan>,
    edit: Callback<PlanEdit>,
) -> impl IntoView {
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    let target_label = questionnaire.with_value(|q| {
        q.scale
            .level(q.scale.target)
            .map(|l| l.label.clone())
            .unwrap_or_default()
    });

    let below_target = {
        let target_label = target_label.clone();
        move || {
            questionnaire.with_value(|q| {
            scores.with(|s| {
                let weak = s.below_target();
                if weak.is_empty() {
                    return view! { <p class="body">{format!("No expectation is rated below {target_label}. Choose any you want to improve below.")}</p> }.into_any();
                }
                let items = weak
                    .into_iter()
                    .filter_map(|e| q.expectation(&e.expectation_id).map(|x| (e, x)))
                    .map(|(e, x)| view! {
                        <li><strong>{format!("{} {}", expectation_number(q, &x.id), rating_label(q, e.rating))}</strong>" "{x.statement.clone()}</li>
                    })
                    .collect_view();
                view! { <ul class="list list--bullet">{items}</ul> }.into_any()
            })
        })
        }
    };

    let optional_choices = move || {
        questionnaire.with_value(|q| {
            scores.with(|s| {
                let weak: BTreeSet<String> = s.below_target().into_iter().map(|e| e.expectation_id.clone()).collect();
                q.expectations()
                    .filter(|e| !weak.contains(&e.id))
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
                                    <strong>{format!("{} {}", expectation_number(q, &e.id), rating_label(q, rating))}</strong>
                                    " "{e.statement.clone()}
                                </label>
                            </div>
                        }
                    })
                    .collect_view()
            })
        })
    };

    let added_message = RwSignal::new(None::<String>);
    let add_suggestions = move |_| {
        let picked = chosen.get_untracked();
        let before = plan.with_untracked(|p| p.actions.len());
        let (q, s, f) = (
            questionnaire.get_value(),
            scores.get_untracked(),
            findings.get_untracked(),
        );
        edit.run(Box::new(move |p| {
            p.add_draft(&q, &s, &picked, &f);
        }));
        let added = plan.with_untracked(|p| p.actions.len()) - before;
        chosen.set(BTreeSet::new());
        added_message.set(Some(match added {
            0 => {
                "No new actions: the plan already has the suggested actions for these expectations."
                    .to_owned()
            }
            1 => "1 suggested action added to the plan.".to_owned(),
            n => format!("{n} suggested actions added to the plan."),
        }));
    };
    let new_action_for = RwSignal::new(questionnaire.with_value(|q| {
        q.expectations()
            .next()
            .map(|e| e.id.clone())
            .unwrap_or_default()
    }));
    let add_blank = move |_| {
        let target = new_action_for.get_untracked();
        edit.run(Box::new(move |p| {
            p.add_blank(&target);
        }));
    };
    let expectation_options = questionnaire.with_value(|q| {
        q.expectations()
            .map(|e| {
                let number = expectation_number(q, &e.id);
                let short: String = e.statement.chars().take(80).collect();
                let text = if short.len() < e.statement.len() {
                    format!("{number} {short}…")
                } else {
                    format!("{number} {short}")
                };
                view! { <option value=e.id.clone()>{text}</option> }
            })
            .collect_view()
    });

    let action_ids = Memo::new(move |_| {
        plan.with(|p| p.actions.iter().map(|x| x.id.clone()).collect::<Vec<_>>())
    });
    let action_count = move || action_ids.with(Vec::len);

    let finding_list = move || {
        questionnaire.with_value(|q| {
            findings.with(|list| {
                if list.is_empty() {
                    return ().into_any();
                }
                let items = list
                    .iter()
                    .map(|f| {
                        let what = match f.kind {
                            FindingKind::Disagreement => "members disagreed",
                            FindingKind::ManyDontKnow => "many members did not know",
                        };
                        view! { <li><strong>{expectation_number(q, &f.expectation_id)}</strong>{format!(": {what}")}</li> }
                    })
                    .collect_view();
                view! {
                    <p class="body">"The session also found these, and adds an action for each:"</p>
                    <ul class="list list--bullet">{items}</ul>
                }
                .into_any()
            })
        })
    };

    view! {
        <h2 class="heading-m">"Draft from suggested actions"</h2>
        <p class="body">{format!("These expectations are rated below {target_label}, so their suggested actions are included:")}</p>
        {below_target}
        {finding_list}
        <details class="details">
            <summary class="details__summary">"Also include other expectations"</summary>
            <div class="details__text">
                <fieldset class="fieldset">
                    <legend class="fieldset__legend fieldset__legend--s">"Choose any other expectations to include"</legend>
                    <div class="checkboxes">{optional_choices}</div>
                </fieldset>
            </div>
        </details>
        <button type="button" class="button" on:click=add_suggestions>"Add suggested actions to the plan"</button>
        <Show when=move || added_message.with(Option::is_some)>
            <p class="body inset" role="status">{move || added_message.get().unwrap_or_default()}</p>
        </Show>

        <h2 class="heading-m" id="plan-actions-heading">
            {move || format!("Actions in the plan ({})", action_count())}
        </h2>
        <Show when=move || { action_count() == 0 }>
            <p class="body">"The plan has no actions yet."</p>
        </Show>
        <ol class="plan-actions" aria-labelledby="plan-actions-heading">
            <For each=move || action_ids.get() key=|action_id| action_id.clone() let:action_id>
                <ActionEditor plan edit questionnaire action_id action_ids/>
            </For>
        </ol>

        <h2 class="heading-m">"Add your own action"</h2>
        <div class="form-group">
            <label class="label" for="new-action-expectation">"Expectation the action addresses"</label>
            <select class="select select--wide" id="new-action-expectation"
                prop:value=move || new_action_for.get()
                on:change=move |ev| new_action_for.set(event_target_value(&ev))>
                {expectation_options}
            </select>
        </div>
        <button type="button" class="button button--secondary" on:click=add_blank>"Add an action"</button>
    }
}

/// One action's fields. Inputs start from the stored values and write every change back;
/// they are not re-rendered from the store while the user types.
#[component]
fn ActionEditor(
    plan: Memo<Plan>,
    edit: Callback<PlanEdit>,
    questionnaire: StoredValue<Questionnaire>,
    action_id: String,
    action_ids: Memo<Vec<String>>,
) -> impl IntoView {
    let Some(initial) =
        plan.with_untracked(|p| p.actions.iter().find(|x| x.id == action_id).cloned())
    else {
        return ().into_any();
    };
    let number = {
        let action_id = action_id.clone();
        Memo::new(move |_| {
            action_ids.with(|ids| {
                ids.iter()
                    .position(|x| *x == action_id)
                    .map(|i| i + 1)
                    .unwrap_or(0)
            })
        })
    };
    let (expectation_label, statement) = questionnaire.with_value(|q| {
        (
            expectation_number(q, &initial.expectation_id),
            q.expectation(&initial.expectation_id)
                .map(|e| e.statement.clone())
                .unwrap_or_default(),
        )
    });

    let edit_action = {
        let action_id = action_id.clone();
        move |change: Box<dyn FnOnce(&mut PlanAction)>| {
            let action_id = action_id.clone();
            edit.run(Box::new(move |p| {
                if let Some(action) = p.action_mut(&action_id) {
                    change(action);
                }
            }));
        }
    };
    let owner_choice_now = RwSignal::new(owner_choice(&initial.owner));
    let other_name = RwSignal::new(match &initial.owner {
        Owner::Other(name) => name.clone(),
        _ => String::new(),
    });

    let field = |name: &str| format!("{action_id}-{name}");
    let (text_id, owner_id, other_id, timescale_id, measure_id) = (
        field("text"),
        field("owner"),
        field("owner-other"),
        field("timescale"),
        field("measure"),
    );
    let partner_options = STATUTORY_PARTNERS
        .iter()
        .map(|p| view! { <option value=*p selected=initial.owner == Owner::Partner((*p).to_owned())>{*p}</option> })
        .collect_view();
    let timescale_options = Timescale::ALL
        .into_iter()
        .map(|t| view! { <option value=t.as_str() selected=t == initial.timescale>{t.label()}</option> })
        .collect_view();

    let edit_text = edit_action.clone();
    let edit_owner = edit_action.clone();
    let edit_other = edit_action.clone();
    let edit_timescale = edit_action.clone();
    let edit_measure = edit_action;
    let remove = {
        let action_id = action_id.clone();
        move |_| {
            let action_id = action_id.clone();
            edit.run(Box::new(move |p| p.remove(&action_id)));
        }
    };
    let heading_id = field("heading");

    view! {
        <li class="plan-action">
            <h3 class="heading-s" id=heading_id.clone()>
                {move || format!("Action {}", number.get())}
                <span class="plan-action__for">{format!(" for expectation {expectation_label}")}</span>
            </h3>
            <p class="hint">{statement}</p>
            <div class="form-group">
                <label class="label" for=text_id.clone()>"What will be done"</label>
                <textarea class="textarea" id=text_id rows="3" prop:value=initial.text.clone()
                    on:input=move |ev| { let v = event_target_value(&ev); edit_text(Box::new(move |x| x.text = v)); }></textarea>
            </div>
            <div class="form-group">
                <label class="label" for=owner_id.clone()>"Who leads it"</label>
                <select class="select" id=owner_id
                    on:change=move |ev| {
                        let choice = event_target_value(&ev);
                        owner_choice_now.set(choice.clone());
                        let other = other_name.get_untracked();
                        edit_owner(Box::new(move |x| x.owner = match choice.as_str() {
                            OWNER_UNASSIGNED => Owner::Unassigned,
                            OWNER_OTHER => Owner::Other(other),
                            partner => Owner::Partner(partner.to_owned()),
                        }));
                    }>
                    <option value=OWNER_UNASSIGNED selected=initial.owner == Owner::Unassigned>"Not yet assigned"</option>
                    <optgroup label="Statutory community planning partners">{partner_options}</optgroup>
                    <option value=OWNER_OTHER selected=matches!(initial.owner, Owner::Other(_))>"Someone else (name them)"</option>
                </select>
            </div>
            <Show when=move || owner_choice_now.with(|c| c == OWNER_OTHER)>
                <div class="form-group form-group--conditional">
                    <label class="label" for=other_id.clone()>"Name of the lead"</label>
                    <input class="input" type="text" id=other_id.clone() prop:value=other_name.get_untracked()
                        on:input={
                            let edit_other = edit_other.clone();
                            move |ev| {
                                let v = event_target_value(&ev);
                                other_name.set(v.clone());
                                edit_other(Box::new(move |x| x.owner = Owner::Other(v)));
                            }
                        }/>
                </div>
            </Show>
            <div class="form-group">
                <label class="label" for=timescale_id.clone()>"Timescale"</label>
                <select class="select" id=timescale_id
                    on:change=move |ev| {
                        if let Some(t) = Timescale::parse(&event_target_value(&ev)) {
                            edit_timescale(Box::new(move |x| x.timescale = t));
                        }
                    }>
                    {timescale_options}
                </select>
            </div>
            <div class="form-group">
                <label class="label" for=measure_id.clone()>"Measure of success"</label>
                <p class="hint" id=format!("{measure_id}-hint")>"How the board will know the action worked"</p>
                <textarea class="textarea" id=measure_id.clone() rows="2" aria-describedby=format!("{measure_id}-hint")
                    prop:value=initial.measure.clone()
                    on:input=move |ev| { let v = event_target_value(&ev); edit_measure(Box::new(move |x| x.measure = v)); }></textarea>
            </div>
            <button type="button" class="button button--warning button--small" on:click=remove>
                {move || format!("Remove action {}", number.get())}
            </button>
        </li>
    }
    .into_any()
}
