//! The plan as one compact table, to review, sort and print beside the card editor: an
//! action per row with its expectations, lead, timescale, due date and status; a checkbox
//! per row, and removing the ticked actions at once.

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;

use crate::ui::components::TableScroll;
use cpp_domain::plan::{ActionStatus, Plan, PlanAction};
use cpp_domain::questionnaire::{Questionnaire, Timescale};
use cpp_domain::sorting::sort_by;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Number,
    Expectations,
    Lead,
    Timescale,
    Due,
    Status,
}

impl Column {
    const SORTABLE: [(Column, &'static str); 6] = [
        (Column::Number, "No."),
        (Column::Expectations, "Expectations"),
        (Column::Lead, "Lead"),
        (Column::Timescale, "Timescale"),
        (Column::Due, "Due"),
        (Column::Status, "Status"),
    ];
}

/// Where `item` comes in `all`, the order its column sorts by.
fn place_in<T: PartialEq>(all: &[T], item: T) -> usize {
    all.iter().position(|x| *x == item).unwrap_or(0)
}

/// The actions with their place in the plan, sorted by `column` (ties keep plan order).
fn sorted<'a>(
    questionnaire: &Questionnaire,
    plan: &'a Plan,
    column: Column,
    ascending: bool,
) -> Vec<(usize, &'a PlanAction)> {
    // Looked up once, not per comparison.
    let places: BTreeMap<&str, usize> = questionnaire
        .expectations()
        .enumerate()
        .map(|(place, e)| (e.id.as_str(), place))
        .collect();
    let place_of = |id: &String| places.get(id.as_str()).copied().unwrap_or(usize::MAX);
    let mut rows: Vec<(usize, &PlanAction)> = plan.actions.iter().enumerate().collect();
    sort_by(&mut rows, |(ia, a), (ib, b)| {
        let order =
            match column {
                Column::Number => ia.cmp(ib),
                Column::Expectations => a
                    .expectation_ids
                    .first()
                    .map(place_of)
                    .cmp(&b.expectation_ids.first().map(place_of)),
                Column::Lead => a.owner.display().cmp(b.owner.display()),
                Column::Timescale => place_in(&Timescale::ALL, a.timescale)
                    .cmp(&place_in(&Timescale::ALL, b.timescale)),
                // Ascending, actions with no date come after those with one.
                Column::Due => {
                    (a.due_date.is_empty(), &a.due_date).cmp(&(b.due_date.is_empty(), &b.due_date))
                }
                Column::Status => place_in(&ActionStatus::ALL, a.status)
                    .cmp(&place_in(&ActionStatus::ALL, b.status)),
            };
        let order = if ascending { order } else { order.reverse() };
        order.then(ia.cmp(ib))
    });
    rows
}

#[component]
pub(super) fn PlanTable(
    questionnaire: StoredValue<Questionnaire>,
    plan: Memo<Plan>,
    /// Removes these actions (by id), with undo.
    remove: Callback<BTreeSet<String>>,
) -> impl IntoView {
    let sort = RwSignal::new((Column::Number, true));
    let selected = RwSignal::new(BTreeSet::<String>::new());
    let headers = Column::SORTABLE
        .into_iter()
        .map(|(column, label)| {
            let aria_sort = move || {
                sort.with(|(by, up)| match (*by == column, *up) {
                    (false, _) => "none",
                    (true, true) => "ascending",
                    (true, false) => "descending",
                })
            };
            let resort = move |_| {
                sort.update(|(by, up)| {
                    *up = *by != column || !*up;
                    *by = column;
                })
            };
            view! {
                <th scope="col" aria-sort=aria_sort>
                    <button type="button" class="sort-button" on:click=resort>{label}</button>
                </th>
            }
        })
        .collect_view();
    let rows = move || {
        let (column, ascending) = sort.get();
        questionnaire.with_value(|q| {
            plan.with(|p| {
                sorted(q, p, column, ascending)
                    .into_iter()
                    .map(|(index, action)| {
                        let id = action.id.clone();
                        let (id_check, id_set) = (id.clone(), id.clone());
                        let numbers: Vec<String> = action.expectation_ids.iter().map(|e| q.number_of(e)).collect();
                        let text = if action.text.is_empty() { "(not written yet)".to_owned() } else { action.text.clone() };
                        view! {
                            <tr>
                                <td class="plan-table__select">
                                    <input class="checkboxes__input checkboxes__input--inline" type="checkbox" id=format!("select-{id}")
                                        aria-label=format!("Select action {}", index + 1)
                                        prop:checked=move || selected.with(|s| s.contains(&id_check))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            selected.update(|s| { if on { s.insert(id_set.clone()); } else { s.remove(&id_set); } });
                                        }/>
                                </td>
                                <td class="numeric">{index + 1}</td>
                                <td>{numbers.join(", ")}</td>
                                <td>{action.owner.display().to_owned()}</td>
                                <td>{action.timescale.label()}</td>
                                <td class="nowrap">{action.due_date.clone()}</td>
                                <td>{action.status.label()}</td>
                                <td class="plan-table__text">{text}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let nothing_ticked = RwSignal::new(false);
    let remove_selected = move |_| {
        let ids = selected.get_untracked();
        nothing_ticked.set(ids.is_empty());
        if !ids.is_empty() {
            selected.set(BTreeSet::new());
            remove.run(ids);
        }
    };
    view! {
        <TableScroll label="The plan's actions">
            <table class="table table--small plan-table">
                <caption class="table__caption table__caption--s">"The plan's actions. Choose a column heading to sort by it."</caption>
                <thead><tr><th scope="col"><span class="visually-hidden">"Select"</span></th>{headers}<th scope="col">"What will be done"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </TableScroll>
        <Show when=move || nothing_ticked.get()>
            <p class="field-error" role="alert">"Tick the actions to remove first."</p>
        </Show>
        <button type="button" class="button button--warning" on:click=remove_selected>
            {move || match selected.with(BTreeSet::len) {
                0 => "Remove the selected actions".to_owned(),
                1 => "Remove the 1 selected action".to_owned(),
                n => format!("Remove the {n} selected actions"),
            }}
        </button>
    }
}
