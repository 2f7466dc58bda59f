//! Building an improvement plan: the draft from suggested actions for the weakest
//! expectations (and any the user picks, and any findings of a board session), then each
//! action with an owner, a timescale and a measure of success, all editable. Used by the
//! plan pages of individual assessments and of board sessions.

mod draft;
mod table;

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::AssessmentCaption;
use crate::ui::components::{
    page_range, use_page_title, BackLink, NotificationBanner, PageHeading, Pagination,
    SaveIndicator,
};
use crate::ui::extras::ParagraphDigests;
use crate::ui::route::{AssessmentPage, Route};
use crate::ui::state::expect_app_state;
use cpp_domain::assessment::Assessment;
use cpp_domain::partners::STATUTORY_PARTNERS;
use cpp_domain::plan::{ActionStatus, Finding, Owner, Plan, PlanAction, Removed};
use cpp_domain::questionnaire::{Questionnaire, Timescale};
use cpp_domain::scoring::Scores;

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
    let scores = Memo::new(move |_| questionnaire.with_value(|q| assessment.with(|a| a.scores(q))));
    let plan = Memo::new(move |_| assessment.with(|a| a.plan.clone()));
    let edit = {
        let id = id.clone();
        Callback::new(move |change: PlanEdit| {
            state.assessments.update(&id, |a| change(&mut a.plan))
        })
    };
    view! {
        <BackLink route=Route::assessment(id.clone(), AssessmentPage::Results) label="Back to the results"/>
        <NotificationBanner/>
        <AssessmentCaption assessment/>
        <PageHeading>"Improvement plan"</PageHeading>
        <SaveIndicator/>
        <p class="body">"Start from the actions this tool suggests for your weakest expectations, each with the guidance paragraphs it draws on, then make them your own: name who leads each one, when it should be done and how you will know it worked."</p>
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
    view! {
        <draft::PlanDraft questionnaire scores findings plan edit/>
        <PlanActionList questionnaire plan edit/>
        <AddOwnAction questionnaire edit/>
    }
}

/// The plan's actions under a heading that counts them, with the plan's review date: as
/// cards to edit, or as a table to review, sort and print; removing any (one or several at
/// once) can be undone.
#[component]
fn PlanActionList(
    questionnaire: StoredValue<Questionnaire>,
    plan: Memo<Plan>,
    edit: Callback<PlanEdit>,
) -> impl IntoView {
    let action_ids = Memo::new(move |_| {
        plan.with(|p| p.actions.iter().map(|x| x.id.clone()).collect::<Vec<_>>())
    });
    let action_count = move || action_ids.with(Vec::len);
    let page = RwSignal::new(0);
    let shown_ids =
        Memo::new(move |_| action_ids.with(|ids| ids[page_range(page.get(), ids.len())].to_vec()));
    let initial_review = plan.with_untracked(|p| p.review_date.clone());
    let as_table = RwSignal::new(false);
    let last_removed = RwSignal::new(None::<Removed>);
    let remove = Callback::new(move |ids: BTreeSet<String>| {
        edit.run(Box::new(move |p| {
            last_removed.set(Some(p.remove_many(&ids)))
        }));
    });
    let undo = move |_| {
        if let Some(removed) = last_removed.get_untracked() {
            last_removed.set(None);
            edit.run(Box::new(move |p| p.restore(removed)));
        }
    };
    let removed_message = move || {
        last_removed.with(|r| {
            r.as_ref().map(|r| match r.len() {
                1 => "1 action removed.".to_owned(),
                n => format!("{n} actions removed."),
            })
        })
    };

    view! {
        <h2 class="heading-m" id="plan-actions-heading" tabindex="-1">{move || format!("Actions in the plan ({})", action_count())}</h2>
        <div class="form-group">
            <label class="label" for="plan-review-date">"Date the board will review the plan (optional)"</label>
            <input class="input input--date" type="date" id="plan-review-date" prop:value=initial_review
                on:change=move |ev| { let v = event_target_value(&ev); edit.run(Box::new(move |p| p.review_date = v)); }/>
        </div>
        <div role="status">
            {move || removed_message().map(|message| view! {
                <p class="body inset">{message}" "<button type="button" class="button button--secondary button--inline" on:click=undo>"Undo"</button></p>
            })}
        </div>
        <Show when=move || { action_count() == 0 }>
            <p class="body">"The plan has no actions yet."</p>
        </Show>
        <Show when=move || { action_count() > 0 }>
            <div class="checkboxes checkboxes--small">
                <div class="checkboxes__item">
                    <input class="checkboxes__input" type="checkbox" id="plan-as-table"
                        prop:checked=move || as_table.get() on:change=move |ev| as_table.set(event_target_checked(&ev))/>
                    <label class="label checkboxes__label" for="plan-as-table">"Show the plan as a table (to review, sort, print or remove several actions at once)"</label>
                </div>
            </div>
        </Show>
        <Show when=move || as_table.get() fallback=move || view! {
            <ol class="plan-actions" aria-labelledby="plan-actions-heading"
                start=move || page_range(page.get(), action_count()).start + 1>
                <For each=move || shown_ids.get() key=|action_id| action_id.clone() let:action_id>
                    <ActionEditor plan edit questionnaire action_id action_ids remove/>
                </For>
            </ol>
            <Pagination page count=Signal::derive(action_count) what="actions" label="Pages of the plan's actions" top="plan-actions-heading"/>
        }>
            <table::PlanTable questionnaire plan remove/>
        </Show>
    }
}

/// The "Add your own action" form: pick an expectation, then add a blank action for it.
#[component]
fn AddOwnAction(
    questionnaire: StoredValue<Questionnaire>,
    edit: Callback<PlanEdit>,
) -> impl IntoView {
    let new_action_for = RwSignal::new(questionnaire.with_value(first_expectation_id));
    let add_blank = move |_| {
        let target = new_action_for.get_untracked();
        edit.run(Box::new(move |p| {
            p.add_blank(&target);
        }));
    };

    view! {
        <h2 class="heading-m">"Add your own action"</h2>
        <div class="form-group">
            <label class="label" for="new-action-expectation">"Expectation the action addresses"</label>
            <select class="select select--wide" id="new-action-expectation"
                prop:value=move || new_action_for.get()
                on:change=move |ev| new_action_for.set(event_target_value(&ev))>
                <ExpectationOptions questionnaire/>
            </select>
        </div>
        <button type="button" class="button button--secondary" on:click=add_blank>"Add an action"</button>
    }
}

/// What a select of [`ExpectationOptions`] shows until the user picks, so a choice signal
/// starting here agrees with the page.
fn first_expectation_id(q: &Questionnaire) -> String {
    q.expectations()
        .next()
        .map(|e| e.id.clone())
        .unwrap_or_default()
}

/// Every expectation as an `<option>`: "2.3 The CPP develops locality and…".
#[component]
fn ExpectationOptions(questionnaire: StoredValue<Questionnaire>) -> impl IntoView {
    questionnaire.with_value(|q| {
        q.expectations()
            .map(|e| {
                let number = q.number_of(&e.id);
                let short: String = e.statement.chars().take(80).collect();
                let text = if short.len() < e.statement.len() {
                    format!("{number} {short}…")
                } else {
                    format!("{number} {short}")
                };
                view! { <option value=e.id.clone()>{text}</option> }
            })
            .collect_view()
    })
}

/// The guidance paragraph a suggested action draws on: it keeps the suggestion's text until
/// the board edits it, so it is found by its text.
fn paragraph_drawn_on(q: &Questionnaire, action: &PlanAction) -> Option<u32> {
    let suggestion = action
        .expectation_ids
        .first()
        .and_then(|e| q.expectation(e))
        .and_then(|e| e.actions.iter().find(|a| a.text == action.text))?;
    suggestion
        .guidance_paragraph
        .filter(|_| q.cites_statutory_guidance())
}

/// A change to one action of a plan.
type ActionEdit = Box<dyn FnOnce(&mut PlanAction)>;

/// One action's fields. Inputs start from the stored values and write every change back;
/// they are not re-rendered from the store while the user types.
#[component]
fn ActionEditor(
    plan: Memo<Plan>,
    edit: Callback<PlanEdit>,
    questionnaire: StoredValue<Questionnaire>,
    action_id: String,
    action_ids: Memo<Vec<String>>,
    /// Removes actions (by id), with undo.
    remove: Callback<BTreeSet<String>>,
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
    let linked = {
        let action_id = action_id.clone();
        Memo::new(move |_| {
            plan.with(|p| {
                p.actions
                    .iter()
                    .find(|a| a.id == action_id)
                    .map(|a| a.expectation_ids.clone())
                    .unwrap_or_default()
            })
        })
    };
    let linked_numbers = move || {
        questionnaire.with_value(|q| {
            linked.with(|ids| {
                ids.iter()
                    .map(|e| q.number_of(e))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
        })
    };
    let statement = questionnaire.with_value(|q| {
        initial
            .expectation_ids
            .first()
            .and_then(|e| q.expectation(e))
            .map(|e| e.statement.clone())
            .unwrap_or_default()
    });
    let why = questionnaire.with_value(|q| initial.reason.describe(q));
    let draws_on = questionnaire.with_value(|q| paragraph_drawn_on(q, &initial));

    let edit_action = {
        let action_id = action_id.clone();
        Callback::new(move |change: ActionEdit| {
            let action_id = action_id.clone();
            edit.run(Box::new(move |p| {
                if let Some(action) = p.action_mut(&action_id) {
                    change(action);
                }
            }));
        })
    };
    let remove_this = {
        let action_id = action_id.clone();
        move |_| remove.run(BTreeSet::from([action_id.clone()]))
    };
    let field = |name: &str| format!("{action_id}-{name}");

    view! {
        // Its fields are a group named by its heading, so someone tabbing from one action
        // to the next hears which action the fields now belong to.
        <li class="plan-action"><div role="group" aria-labelledby=field("heading")>
            <h3 class="heading-s" id=field("heading")>
                {move || format!("Action {}", number.get())}
                " "<span class="plan-action__for">{move || format!("for expectation {}", linked_numbers())}</span>
            </h3>
            <p class="hint">{statement}</p>
            <p class="hint"><strong>"Why this is here: "</strong>{why}</p>
            {draws_on.map(|n| view! { <ParagraphDigests numbers=vec![n] summary=format!("Draws on paragraph {n}: what it says")/> })}
            <ActionTextField id=field("text") label="What will be done" value=initial.text
                set=|x, v| x.text = v edit_action/>
            <OwnerField id=field("owner") other_id=field("owner-other") initial=initial.owner edit_action/>
            <ActionTextField id=field("resources") label="Resources (optional)"
                hint="People, money or time it needs, and from which partners" value=initial.resources
                set=|x, v| x.resources = v edit_action/>
            <ActionTextField id=field("risks") label="Risks (optional)"
                hint="What could stop it, and how that will be managed" value=initial.risks
                set=|x, v| x.risks = v edit_action/>
            <ActionChoiceField id=field("timescale") label="Timescale"
                choices=Timescale::ALL.iter().map(|t| (t.as_str(), t.label())).collect()
                initial=initial.timescale.as_str() parse=Timescale::parse
                set=|x, t| x.timescale = t edit_action/>
            <div class="form-group">
                <label class="label" for=field("due")>"Due date (optional)"</label>
                <input class="input input--date" type="date" id=field("due") prop:value=initial.due_date
                    on:change=move |ev| { let v = event_target_value(&ev); edit_action.run(Box::new(move |x| x.due_date = v)); }/>
            </div>
            <ActionTextField id=field("measure") label="Measure of success"
                hint="How the board will know the action worked" value=initial.measure
                set=|x, v| x.measure = v edit_action/>
            <ActionChoiceField id=field("status") label="Status"
                choices=ActionStatus::ALL.iter().map(|s| (s.as_str(), s.label())).collect()
                initial=initial.status.as_str() parse=ActionStatus::parse
                set=|x, s| x.status = s edit_action/>
            <LinkedExpectations questionnaire linked number list_id=field("linked") select_id=field("link") edit_action/>
            <button type="button" class="button button--warning button--small" on:click=remove_this>
                {move || format!("Remove action {}", number.get())}
            </button>
        </div></li>
    }
    .into_any()
}

/// A labelled text area for one field of an action.
#[component]
fn ActionTextField(
    id: String,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    /// The stored text the area starts from.
    value: String,
    /// Writes the typed text into the action.
    set: fn(&mut PlanAction, String),
    edit_action: Callback<ActionEdit>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="form-group">
            <label class="label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <textarea class="textarea" id=id rows="2" aria-describedby=hint.map(|_| hint_id.clone())
                prop:value=value
                on:input=move |ev| { let v = event_target_value(&ev); edit_action.run(Box::new(move |x| set(x, v))); }></textarea>
        </div>
    }
}

/// Who leads an action: nobody yet, a statutory partner, or someone else, whose name is
/// asked for only when that is chosen.
#[component]
fn OwnerField(
    id: String,
    other_id: String,
    initial: Owner,
    edit_action: Callback<ActionEdit>,
) -> impl IntoView {
    let owner_choice_now = RwSignal::new(owner_choice(&initial));
    let other_name = RwSignal::new(match &initial {
        Owner::Other(name) => name.clone(),
        _ => String::new(),
    });
    let partner_options = STATUTORY_PARTNERS
        .iter()
        .map(|p| view! { <option value=*p selected=initial == Owner::Partner((*p).to_owned())>{*p}</option> })
        .collect_view();

    view! {
        <div class="form-group">
            <label class="label" for=id.clone()>"Who leads it"</label>
            <select class="select" id=id
                on:change=move |ev| {
                    let choice = event_target_value(&ev);
                    owner_choice_now.set(choice.clone());
                    let other = other_name.get_untracked();
                    edit_action.run(Box::new(move |x| x.owner = match choice.as_str() {
                        OWNER_UNASSIGNED => Owner::Unassigned,
                        OWNER_OTHER => Owner::Other(other),
                        partner => Owner::Partner(partner.to_owned()),
                    }));
                }>
                <option value=OWNER_UNASSIGNED selected=initial == Owner::Unassigned>"Not yet assigned"</option>
                <optgroup label="Statutory community planning partners">{partner_options}</optgroup>
                <option value=OWNER_OTHER selected=matches!(initial, Owner::Other(_))>"Someone else (name them)"</option>
            </select>
        </div>
        <Show when=move || owner_choice_now.with(|c| c == OWNER_OTHER)>
            <div class="form-group form-group--conditional">
                <label class="label" for=other_id.clone()>"Name of the lead"</label>
                <input class="input" type="text" id=other_id.clone() prop:value=other_name.get_untracked()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        other_name.set(v.clone());
                        edit_action.run(Box::new(move |x| x.owner = Owner::Other(v)));
                    }/>
            </div>
        </Show>
    }
}

/// A labelled list of an action's fixed choices (`value`, `label`), starting at `initial`;
/// the value chosen is read with `parse` and stored with `set`.
#[component]
fn ActionChoiceField<T: Send + Sync + 'static>(
    id: String,
    label: &'static str,
    choices: Vec<(&'static str, &'static str)>,
    initial: &'static str,
    parse: fn(&str) -> Option<T>,
    set: fn(&mut PlanAction, T),
    edit_action: Callback<ActionEdit>,
) -> impl IntoView {
    let options = choices
        .into_iter()
        .map(
            |(value, text)| view! { <option value=value selected=value == initial>{text}</option> },
        )
        .collect_view();
    view! {
        <div class="form-group">
            <label class="label" for=id.clone()>{label}</label>
            <select class="select" id=id
                on:change=move |ev| {
                    if let Some(choice) = parse(&event_target_value(&ev)) {
                        edit_action.run(Box::new(move |x| set(x, choice)));
                    }
                }>
                {options}
            </select>
        </div>
    }
}

/// The expectations an action addresses, with an unlink button on each while there is
/// more than one, and the control that links another.
#[component]
fn LinkedExpectations(
    questionnaire: StoredValue<Questionnaire>,
    /// The linked expectations' ids.
    linked: Memo<Vec<String>>,
    /// The action's number in the plan.
    number: Memo<usize>,
    list_id: String,
    select_id: String,
    edit_action: Callback<ActionEdit>,
) -> impl IntoView {
    let link_choice = RwSignal::new(questionnaire.with_value(first_expectation_id));
    let choosing = RwSignal::new(false);
    let linked_list = move || {
        questionnaire.with_value(|q| {
            let ids = linked.get();
            let only_one = ids.len() == 1;
            ids.into_iter()
                .map(|e| {
                    let number = q.number_of(&e);
                    let unlink = (!only_one).then(|| {
                        let e = e.clone();
                        view! {
                            " "
                            <button type="button" class="button button--secondary button--small" on:click=move |_| {
                                let e = e.clone();
                                edit_action.run(Box::new(move |x| x.unlink(&e)));
                            }>{format!("Unlink {number}")}</button>
                        }
                    });
                    view! { <li>{format!("Expectation {}", q.number_of(&e))}{unlink}</li> }
                })
                .collect_view()
        })
    };

    view! {
        <div class="form-group">
            <p class="label" id=list_id.clone()>"Expectations it addresses"</p>
            <ul class="list" aria-labelledby=list_id>{linked_list}</ul>
            // The list of every expectation is made only when asked for: a plan of forty
            // actions does not carry forty copies of it.
            <Show when=move || choosing.get() fallback=move || view! {
                <button type="button" class="button button--secondary button--small" on:click=move |_| choosing.set(true)>
                    {move || format!("Link action {} to another expectation", number.get())}
                </button>
            }>
                <label class="label" for=select_id.clone()>"Also addresses"</label>
                <div class="inline-controls">
                    <select class="select select--wide" id=select_id.clone() on:change=move |ev| link_choice.set(event_target_value(&ev))>
                        <ExpectationOptions questionnaire/>
                    </select>
                    <button type="button" class="button button--secondary button--small" on:click=move |_| {
                        let e = link_choice.get_untracked();
                        edit_action.run(Box::new(move |x| x.link(&e)));
                    }>{move || format!("Link to action {}", number.get())}</button>
                </div>
            </Show>
        </div>
    }
}
