//! Collecting members' ratings: a member's private turn on the passed device (and the
//! hand-over screen between turns), importing members' own response files, and entering a
//! show of hands.

use leptos::prelude::*;

use super::caption;
use crate::domain::questionnaire::Questionnaire;
use crate::domain::rating::Rating;
use crate::domain::session::{HandCount, Sector, Session};
use crate::format::import::{import_responses, FileReport, IncomingFile};
use crate::ui::components::{
    use_page_title, BackLink, ErrorSummary, FormError, FormErrors, NotificationBanner,
};
use crate::ui::file_import::{FileDrop, ImportReport};
use crate::ui::pages::MAIN_HEADING_ID;
use crate::ui::rating_question::{continue_when_rated, ExpectationHeading, RatingQuestion};
use crate::ui::route::Route;
use crate::ui::state::expect_app_state;

/// The route segment for the last step of a turn.
const FINISH: &str = "finish";

/// Between turns: the previous member's answers are hidden; the next member may give a
/// sector and starts their own turn.
#[component]
pub fn HandoverPage(session: Memo<Session>) -> impl IntoView {
    let state = expect_app_state();
    use_page_title(|| "Hand the device to the next person".into());
    let id = session.with_untracked(|s| s.id.clone());
    let sector = RwSignal::new(None::<Sector>);
    let sid = id.clone();
    let start = move |_| {
        let mut started = None;
        let first = state
            .questionnaire(
                &session.with_untracked(|s| s.questionnaire_id.clone()),
                &session.with_untracked(|s| s.questionnaire_version.clone()),
            )
            .and_then(|q| q.expectations().next().map(|e| e.id.clone()))
            .unwrap_or_default();
        state.update_session(&sid, |s| {
            started = Some(
                s.open_turn()
                    .map(|p| p.id.clone())
                    .unwrap_or_else(|| s.start_turn(sector.get_untracked())),
            )
        });
        if let Some(participant) = started {
            state.navigate(&Route::Turn {
                session: sid.clone(),
                participant,
                expectation: first,
            });
        }
    };
    let options = Sector::ALL
        .into_iter()
        .map(|s| view! { <option value=s.as_str()>{s.label()}</option> })
        .collect_view();
    view! {
        <NotificationBanner/>
        <span class="caption-l">{move || session.with(caption)}</span>
        <h1 class="heading-l" id=MAIN_HEADING_ID tabindex="-1">"Hand the device to the next person"</h1>
        <p class="body">"The previous member's answers are saved and hidden. Nobody can go back to them."</p>
        <p class="body">"When you have the device, you can say which sector you represent. It is only used to count who took part, never to show your ratings."</p>
        <div class="form-group">
            <label class="label" for="turn-sector">"Your sector (optional)"</label>
            <select class="select" id="turn-sector" on:change=move |ev| sector.set(Sector::parse(&event_target_value(&ev)))>
                <option value="">"Prefer not to say"</option>
                {options}
            </select>
        </div>
        <div class="button-group">
            <button type="button" class="button" on:click=start>"Start my turn"</button>
            <a class="link" href=Route::Session { session: id }.href()>"Everyone has rated: return to the session"</a>
        </div>
    }
}

/// One expectation in a member's private turn, or the last step that finishes the turn.
#[component]
pub fn TurnPage(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
    participant_id: String,
    expectation_id: String,
) -> impl IntoView {
    let state = expect_app_state();
    let sid = session.with_untracked(|s| s.id.clone());
    let participant = session.with_untracked(|s| s.participant(&participant_id).cloned());
    let Some(participant) = participant.filter(|p| !p.is_finished()) else {
        use_page_title(|| "This turn is finished".into());
        return view! {
            <h1 class="heading-l" id=MAIN_HEADING_ID tabindex="-1">"This turn is finished"</h1>
            <p class="body">"The member's answers are saved and hidden. They cannot be seen or changed on this device."</p>
            <p class="body"><a href=Route::Session { session: sid }.href()>"Return to the session"</a></p>
        }
        .into_any();
    };
    let label = participant.label.clone();
    let total = questionnaire.with_value(Questionnaire::expectation_count);

    if expectation_id == FINISH {
        use_page_title(move || "Finish your turn".into());
        let rated = move || {
            session.with(|s| {
                s.participant(&participant_id)
                    .map(|p| p.ratings.len())
                    .unwrap_or(0)
            })
        };
        let last = questionnaire
            .with_value(|q| q.expectations().last().map(|e| e.id.clone()))
            .unwrap_or_default();
        let (sid2, pid) = (sid.clone(), participant.id.clone());
        let finish = move |_| {
            state.update_session(&sid2, |s| s.finish_turn(&pid));
            state
                .notice
                .set(Some(format!("{label}'s ratings are saved and hidden")));
            state.navigate(&Route::Handover {
                session: sid2.clone(),
            });
        };
        return view! {
            <BackLink route=Route::Turn { session: sid.clone(), participant: participant.id.clone(), expectation: last } label="Back"/>
            <h1 class="heading-l" id=MAIN_HEADING_ID tabindex="-1">"Finish your turn"</h1>
            <p class="body">{move || format!("You have rated {} of {total} expectations.", rated())}</p>
            <p class="body">"When you finish, your answers are hidden and cannot be changed, then you hand the device on."</p>
            <button type="button" class="button" on:click=finish>"Finish my turn"</button>
        }
        .into_any();
    }

    let number = questionnaire.with_value(|q| q.number_of(&expectation_id));
    let errors = FormErrors::new();
    let rating_error = errors.first();
    errors.use_title(move || format!("Your rating: expectation {number}"));
    let (pid, eid) = (participant.id.clone(), expectation_id.clone());
    let rating = Memo::new(move |_| {
        session.with(|s| {
            s.participant(&pid)
                .and_then(|p| p.ratings.get(&eid).copied())
        })
    });
    let (sid2, pid, eid) = (sid.clone(), participant.id.clone(), expectation_id.clone());
    let choose = Callback::new(move |choice: Rating| {
        errors.clear();
        state.update_session(&sid2, |s| {
            s.rate_in_turn(&pid, &eid, choice);
        });
    });
    let next = questionnaire
        .with_value(|q| q.next_expectation(&expectation_id).map(|e| e.id.clone()))
        .unwrap_or_else(|| FINISH.into());
    let next_route = Route::Turn {
        session: sid.clone(),
        participant: participant.id.clone(),
        expectation: next,
    };
    let submit = continue_when_rated(rating, errors, next_route);
    let back = questionnaire
        .with_value(|q| {
            q.previous_expectation(&expectation_id)
                .map(|e| e.id.clone())
        })
        .map(|previous| Route::Turn {
            session: sid.clone(),
            participant: participant.id.clone(),
            expectation: previous,
        });
    view! {
        {back.map(|route| view! { <BackLink route label="Back"/> })}
        <p class="body"><strong>{format!("{} \u{2013} your private rating", participant.label)}</strong></p>
        <ErrorSummary errors=errors.list()/>
        <form novalidate on:submit=submit>
            <RatingQuestion questionnaire expectation_id rating=rating.into() on_choose=choose error=rating_error
                question="In your view, how well does the partnership meet this expectation?"/>
            <button type="submit" class="button">"Continue"</button>
        </form>
    }
    .into_any()
}

/// Importing members' response files: several at once, by file picker or drag and drop.
#[component]
pub fn ImportResponsesPage(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    let state = expect_app_state();
    use_page_title(|| "Import response files".into());
    let id = session.with_untracked(|s| s.id.clone());
    let reports = RwSignal::new(Vec::<FileReport>::new());
    let sid = id.clone();
    let on_files = Callback::new(move |incoming: Vec<IncomingFile>| {
        let q = questionnaire.get_value();
        let mut outcome = Vec::new();
        state.update_session(&sid, |s| outcome = import_responses(s, &q, &incoming));
        reports.set(outcome);
    });
    view! {
        <BackLink route=Route::Session { session: id.clone() } label="Back to the session"/>
        <span class="caption-l">{move || session.with(caption)}</span>
        <h1 class="heading-l" id=MAIN_HEADING_ID tabindex="-1">"Import response files"</h1>
        <p class="body">"Each member who assessed on their own device downloads a backup file from their task list and sends it to you. Only their ratings are added, as a new anonymous member: their notes and role stay out of the session."</p>
        <FileDrop id="response-files" label="Choose response files"
            hint="You can choose several at once. They end in .self-assessment.json" on_files/>
        <ImportReport reports=reports.into()/>
        <a class="button button--secondary" href=Route::Session { session: id }.href()>"Back to the session"</a>
    }
}

/// The show-of-hands count for one expectation.
#[component]
pub fn HandsPage(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
    expectation_id: String,
) -> impl IntoView {
    let state = expect_app_state();
    let number = questionnaire.with_value(|q| q.number_of(&expectation_id));
    let errors = FormErrors::new();
    errors.use_title(move || format!("Show of hands: expectation {number}"));
    let id = session.with_untracked(|s| s.id.clone());
    let scale = questionnaire.with_value(|q| q.scale.clone());
    let current =
        session.with_untracked(|s| s.hands.get(&expectation_id).cloned().unwrap_or_default());
    // One text field per level, then "Don't know": (input id, label, value typed).
    let mut fields: Vec<(String, String, RwSignal<String>, Option<u8>)> = scale
        .levels
        .iter()
        .map(|l| {
            let count = current.levels.get(&l.value).copied().unwrap_or(0);
            (
                format!("hands-{}", l.value),
                format!("{} ({})", l.label, l.value),
                RwSignal::new(count.to_string()),
                Some(l.value),
            )
        })
        .collect();
    fields.push((
        "hands-dont-know".into(),
        scale.dont_know.label.clone(),
        RwSignal::new(current.dont_know.to_string()),
        None,
    ));
    let fields = StoredValue::new(fields);

    let next =
        questionnaire.with_value(|q| q.next_expectation(&expectation_id).map(|e| e.id.clone()));
    let next_route = match next {
        Some(e) => Route::Hands {
            session: id.clone(),
            expectation: e,
        },
        None => Route::Session {
            session: id.clone(),
        },
    };
    let (sid, eid) = (id.clone(), expectation_id.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut count = HandCount::default();
        let mut problems = Vec::new();
        fields.with_value(|fields| {
            for (input_id, label, value, level) in fields {
                match value.get_untracked().trim().parse::<usize>() {
                    Ok(n) if n <= 999 => match level {
                        Some(level) => {
                            if n > 0 {
                                count.levels.insert(*level, n);
                            }
                        }
                        None => count.dont_know = n,
                    },
                    _ => problems.push(FormError {
                        field_id: input_id.clone(),
                        message: format!(
                            "Enter the number of hands for {label} as a whole number from 0 to 999"
                        ),
                    }),
                }
            }
        });
        if !problems.is_empty() {
            errors.show(problems);
            return;
        }
        state.update_session(&sid, |s| s.set_hands(&eid, count));
        state.navigate(&next_route);
    };
    let inputs = fields.with_value(|fields| {
        fields
            .iter()
            .map(|(input_id, label, value, _)| {
                let value = *value;
                let error_id = format!("{input_id}-error");
                let error = errors.for_field(input_id.clone());
                view! {
                    <div class=move || if error.with(Option::is_some) { "form-group form-group--error" } else { "form-group" }>
                        <label class="label" for=input_id.clone()>{label.clone()}</label>
                        <Show when=move || error.with(Option::is_some)>
                            <p class="field-error" id=error_id.clone()><span class="visually-hidden">"Error: "</span>{move || error.get().unwrap_or_default()}</p>
                        </Show>
                        <input class="input input--short" type="text" inputmode="numeric" id=input_id.clone()
                            prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
                    </div>
                }
            })
            .collect_view()
    });
    let back = questionnaire
        .with_value(|q| {
            q.previous_expectation(&expectation_id)
                .map(|e| e.id.clone())
        })
        .map(|e| Route::Hands {
            session: id.clone(),
            expectation: e,
        })
        .unwrap_or(Route::Session {
            session: id.clone(),
        });
    view! {
        <BackLink route=back label="Back"/>
        <ErrorSummary errors=errors.list()/>
        <ExpectationHeading questionnaire expectation_id/>
        <form novalidate on:submit=submit>
            <fieldset class="fieldset">
                <legend class="fieldset__legend fieldset__legend--s">"How many hands for each rating?"</legend>
                <div class="hands-grid">{inputs}</div>
            </fieldset>
            <div class="button-group">
                <button type="submit" class="button">"Save and continue"</button>
                <a class="link" href=Route::Session { session: id }.href()>"Back to the session"</a>
            </div>
        </form>
    }
}
