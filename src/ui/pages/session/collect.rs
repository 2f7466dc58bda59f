//! Collecting members' ratings into the ballot box: a member's private turn on the passed
//! device (and the hand-over screen between turns), members' response files, a show of
//! hands (a public count kept apart), and who took part (counts by sector).

use leptos::prelude::*;

use super::SessionCaption;
use crate::ui::browser;
use crate::ui::components::{
    use_page_title, BackLink, ErrorSummary, FormError, FormErrors, NotificationBanner, PageHeading,
    SaveIndicator, WarningText,
};
use crate::ui::file_import::{FileDrop, ImportReport};
use crate::ui::rating_question::{continue_when_rated, ExpectationHeading, RatingQuestion};
use crate::ui::route::{Route, SessionPage};
use crate::ui::state::expect_app_state;
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::rating::Rating;
use cpp_domain::session::{HandCount, Sector, Session};
use cpp_format::import::{import_responses, withdraw_responses, FileReport, IncomingFile};

/// The route segment for the last step of a turn.
const FINISH: &str = "finish";

/// Says the ballot box is closed, and why nothing more can be collected.
#[component]
pub(super) fn BallotBoxClosed(session_id: String) -> impl IntoView {
    view! {
        <PageHeading>"The ballot box is closed"</PageHeading>
        <p class="body">"It closed when the first spread of ratings was shown. No ballot can be added, changed or withdrawn now: comparing the spreads before and after would show that member's ratings."</p>
        <p class="body"><a href=Route::session(session_id, SessionPage::Home).href()>"Return to the session"</a></p>
    }
}

/// Between turns: every turn starts fresh. A turn left unfinished is deleted unseen, once
/// the person at the device confirms it.
#[component]
pub fn HandoverPage(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    let state = expect_app_state();
    use_page_title(|| "Hand the device to the next person".into());
    let id = session.with_untracked(|s| s.id.clone());
    if session.with_untracked(Session::ballot_box_is_closed) {
        return view! { <BallotBoxClosed session_id=id/> }.into_any();
    }
    let first = questionnaire
        .with_value(|q| q.expectations().next().map(|e| e.id.clone()))
        .unwrap_or_default();
    let sid = id.clone();
    let refused = RwSignal::new(None::<String>);
    let start = move |discard_unfinished: bool| {
        let turn = browser::turn_id();
        let mut started = Ok(());
        state.sessions.update(&sid, |s| {
            if discard_unfinished {
                s.discard_turn();
            }
            started = s.start_turn(turn.clone());
        });
        refused.set(started.as_ref().err().map(|r| format!("{r}.")));
        if started.is_ok() {
            state.navigate(&Route::session(
                sid.clone(),
                SessionPage::Turn {
                    turn,
                    expectation: first.clone(),
                },
            ));
        }
    };
    let start_fresh = start.clone();
    view! {
        <NotificationBanner/>
        <SessionCaption session/>
        <PageHeading>"Hand the device to the next person"</PageHeading>
        <Show when=move || refused.with(Option::is_some)>
            <div class="warning-callout" role="alert"><p>{move || refused.get().unwrap_or_default()}</p></div>
        </Show>
        <p class="body">"Your ratings go into the ballot box as an anonymous ballot: nothing records who gave them, or in what order ballots came in. Nobody can go back to them."</p>
        {move || if session.with(Session::has_turn_in_progress) {
            let start = start.clone();
            view! {
                <div class="warning-callout" role="alert">
                    <h2 class="warning-callout__title">"Someone's turn was not finished"</h2>
                    <p class="body">"If you start a new turn, their answers are deleted without being shown to anyone. They can start again afterwards."</p>
                    <button type="button" class="button button--warning" on:click=move |_| start(true)>"Delete the unfinished turn and start mine"</button>
                </div>
            }
            .into_any()
        } else {
            let start = start_fresh.clone();
            view! { <button type="button" class="button" on:click=move |_| start(false)>"Start my turn"</button> }.into_any()
        }}
        <p class="body"><a class="link" href=Route::session(id, SessionPage::Home).href()>"Everyone has rated: return to the session"</a></p>
    }
    .into_any()
}

/// One expectation in a member's private turn, or the last step that finishes the turn.
#[component]
pub fn TurnPage(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
    turn_id: String,
    expectation_id: String,
) -> impl IntoView {
    let state = expect_app_state();
    let sid = session.with_untracked(|s| s.id.clone());
    if !session.with_untracked(|s| s.is_open_turn(&turn_id)) {
        use_page_title(|| "This turn is finished".into());
        return view! {
            <PageHeading>"This turn is finished"</PageHeading>
            <p class="body">"Its answers are in the ballot box, or were discarded. They cannot be seen or changed on this device."</p>
            <p class="body"><a href=Route::session(sid, SessionPage::Home).href()>"Return to the session"</a></p>
        }
        .into_any();
    }
    let total = questionnaire.with_value(Questionnaire::expectation_count);
    let turn_route = {
        let (sid, turn_id) = (sid.clone(), turn_id.clone());
        move |expectation: String| {
            Route::session(
                sid.clone(),
                SessionPage::Turn {
                    turn: turn_id.clone(),
                    expectation,
                },
            )
        }
    };
    if expectation_id == FINISH {
        return view! { <FinishTurn session questionnaire turn_id back=turn_route/> }.into_any();
    }

    let (number, position) = questionnaire.with_value(|q| {
        let position = q
            .expectations()
            .position(|e| e.id == expectation_id)
            .map_or(0, |i| i + 1);
        (q.number_of(&expectation_id), position)
    });
    let errors = FormErrors::new();
    let rating_error = errors.first();
    errors.use_title(move || format!("Your rating: expectation {number}"));
    let (tid, eid) = (turn_id.clone(), expectation_id.clone());
    let rating = Memo::new(move |_| session.with(|s| s.turn_rating(&tid, &eid)));
    let (sid2, tid, eid) = (sid.clone(), turn_id.clone(), expectation_id.clone());
    let choose = Callback::new(move |choice: Rating| {
        errors.clear();
        state.sessions.update(&sid2, |s| {
            // A turn discarded meanwhile takes no more ratings; its page says so on reload.
            let _ = s.rate_in_turn(&tid, &eid, choice);
        });
    });
    let next = questionnaire
        .with_value(|q| q.next_expectation(&expectation_id).map(|e| e.id.clone()))
        .unwrap_or_else(|| FINISH.into());
    let submit = continue_when_rated(rating, errors, turn_route(next.clone()));
    let back = questionnaire
        .with_value(|q| {
            q.previous_expectation(&expectation_id)
                .map(|e| e.id.clone())
        })
        .map(&turn_route);
    view! {
        {back.map(|route| view! { <BackLink route label="Back"/> })}
        <p class="body"><strong>{format!("Your private rating \u{2013} {position} of {total}")}</strong></p>
        <ErrorSummary errors=errors.list()/>
        <form novalidate on:submit=submit>
            <RatingQuestion questionnaire expectation_id rating=rating.into() on_choose=choose error=rating_error/>
            <div class="button-group">
                <button type="submit" class="button">"Continue"</button>
                <a class="link" href=turn_route(next).href()>"Skip this one"</a>
                <a class="link" href=turn_route(FINISH.into()).href()>"Finish my turn now"</a>
            </div>
        </form>
    }
    .into_any()
}

/// The end of a turn: the member puts their ratings in the ballot box, or discards them.
#[component]
fn FinishTurn(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
    turn_id: String,
    back: impl Fn(String) -> Route + 'static,
) -> impl IntoView {
    let state = expect_app_state();
    use_page_title(|| "Finish your turn".into());
    let sid = session.with_untracked(|s| s.id.clone());
    let total = questionnaire.with_value(Questionnaire::expectation_count);
    let tid = turn_id.clone();
    let rated = move || session.with(|s| s.turn_rated_count(&tid));
    let last = questionnaire
        .with_value(|q| q.expectations().last().map(|e| e.id.clone()))
        .unwrap_or_default();
    let handover = Route::session(sid.clone(), SessionPage::Handover);
    let (sid2, tid, to_handover) = (sid.clone(), turn_id.clone(), handover.clone());
    let finish = move |_| {
        let mut added = false;
        state.sessions.update(&sid2, |s| {
            added = s.turn_rated_count(&tid) > 0;
            let _ = s.finish_turn(&tid);
        });
        state.notices.announce(if added {
            "Your ratings are in the ballot box. Hand the device on."
        } else {
            "You rated nothing, so no ballot was added. Hand the device on."
        });
        state.navigate(&to_handover);
    };
    let discard = move |_| {
        state.sessions.update(&sid, |s| s.discard_turn());
        state
            .notices
            .announce("Your answers were deleted. Nothing was added to the ballot box.");
        state.navigate(&handover);
    };
    view! {
        <BackLink route=back(last) label="Back"/>
        <PageHeading>"Finish your turn"</PageHeading>
        <p class="body" role="status">{move || format!("You have rated {} of {total} expectations. Any you have not rated count as not answered.", rated())}</p>
        <p class="body">"When you finish, your ratings go into the ballot box as an anonymous ballot and cannot be seen or changed, even by you."</p>
        <div class="button-group">
            <button type="button" class="button" on:click=finish>"Finish my turn"</button>
            <button type="button" class="button button--secondary" on:click=discard>"Discard my answers"</button>
        </div>
    }
}

/// Members' response files: added to the ballot box several at once, by file picker or
/// drag and drop; files for another partnership or date wait for the facilitator's word.
#[component]
pub fn ImportResponsesPage(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    let state = expect_app_state();
    use_page_title(|| "Add members' response files".into());
    let id = session.with_untracked(|s| s.id.clone());
    if session.with_untracked(Session::ballot_box_is_closed) {
        return view! {
            <BackLink route=Route::session(id.clone(), SessionPage::Home) label="Back to the session"/>
            <BallotBoxClosed session_id=id/>
        }
        .into_any();
    }
    let reports = RwSignal::new(Vec::<FileReport>::new());
    let held = RwSignal::new(Vec::<IncomingFile>::new());
    let withdrawn = RwSignal::new(Vec::<FileReport>::new());
    let add = {
        let sid = id.clone();
        move |incoming: Vec<IncomingFile>, accept_other_session: bool| {
            let q = questionnaire.get_value();
            let mut outcome = Default::default();
            state.sessions.update(&sid, |s| {
                outcome = import_responses(s, &q, &incoming, accept_other_session)
            });
            reports.set(outcome.reports);
            held.set(outcome.held);
        }
    };
    let add_chosen = add.clone();
    let on_files = Callback::new(move |incoming| add_chosen(incoming, false));
    let add_held = move |_| add(held.get_untracked(), true);
    let sid = id.clone();
    let on_withdraw = Callback::new(move |incoming: Vec<IncomingFile>| {
        let mut outcome = Vec::new();
        state
            .sessions
            .update(&sid, |s| outcome = withdraw_responses(s, &incoming));
        withdrawn.set(outcome);
    });
    view! {
        <BackLink route=Route::session(id.clone(), SessionPage::Home) label="Back to the session"/>
        <SessionCaption session/>
        <PageHeading>"Add members' response files"</PageHeading>
        <p class="body">"Members who rated on their own device save \u{201c}My response for the board session\u{201d} from their assessment and send it to you. It holds their ratings only. Each goes into the ballot box as an anonymous ballot: nothing records which file it came from."</p>
        <p class="body" role="status">{move || format!("Ballots in the box: {}.", session.with(Session::ballot_count))}</p>
        <FileDrop id="response-files" label="Choose response files"
            hint="You can choose several at once. They end in .board-response.json" on_files/>
        <ImportReport reports=reports.into()/>
        <Show when=move || !held.with(Vec::is_empty)>
            <div class="warning-callout" role="alert">
                <h2 class="warning-callout__title">{move || match held.with(Vec::len) {
                    1 => "1 file was made for another partnership or date".to_owned(),
                    n => format!("{n} files were made for another partnership or date"),
                }}</h2>
                <p class="body">"They are not in the ballot box. Add them only if you know they belong to this session, for example if the date of the meeting changed."</p>
                <button type="button" class="button button--secondary" on:click=add_held.clone()>"Add them to this session"</button>
            </div>
        </Show>
        <h2 class="heading-m">"Withdraw a response"</h2>
        <p class="body">"Until the first spread is shown, a member can take their response back: choose the file they sent you."</p>
        <FileDrop id="withdraw-files" label="Choose the response files to withdraw"
            hint="Only the ballots from these files are taken out" on_files=on_withdraw/>
        <ImportReport reports=withdrawn.into() done="Withdrawn" caption="What happened to each file withdrawn"/>
        <a class="button button--secondary" href=Route::session(id, SessionPage::Home).href()>"Back to the session"</a>
    }
    .into_any()
}

/// One number typed per row, checked on submit.
#[derive(Clone)]
struct CountField {
    input_id: String,
    label: String,
    value: RwSignal<String>,
}

impl CountField {
    fn new(input_id: String, label: String, count: usize) -> CountField {
        CountField {
            input_id,
            label,
            value: RwSignal::new(count.to_string()),
        }
    }
}

/// The numbers typed, or an error for each field that is not a whole number up to 999.
fn read_counts(fields: &[CountField], what: &str, errors: FormErrors) -> Option<Vec<usize>> {
    let mut problems = Vec::new();
    let counts: Vec<usize> = fields
        .iter()
        .map(
            |field| match field.value.get_untracked().trim().parse::<usize>() {
                Ok(n) if n <= 999 => n,
                _ => {
                    problems.push(FormError {
                        field_id: field.input_id.clone(),
                        message: format!(
                            "Enter the number of {what} for {} as a whole number from 0 to 999",
                            field.label
                        ),
                    });
                    0
                }
            },
        )
        .collect();
    if problems.is_empty() {
        Some(counts)
    } else {
        errors.show(problems);
        None
    }
}

#[component]
fn CountInputs(fields: Vec<CountField>, errors: FormErrors) -> impl IntoView {
    fields
        .into_iter()
        .map(|field| {
            let value = field.value;
            let error_id = format!("{}-error", field.input_id);
            let error = errors.for_field(field.input_id.clone());
            view! {
                <div class=move || if error.with(Option::is_some) { "form-group form-group--error" } else { "form-group" }>
                    <label class="label" for=field.input_id.clone()>{field.label.clone()}</label>
                    <Show when=move || error.with(Option::is_some)>
                        <p class="field-error" id=error_id.clone()><span class="visually-hidden">"Error: "</span>{move || error.get().unwrap_or_default()}</p>
                    </Show>
                    <input class="input input--short" type="text" inputmode="numeric" id=field.input_id.clone()
                        prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
                </div>
            }
        })
        .collect_view()
}

/// Going straight to any expectation's show of hands, those counted already marked.
#[component]
fn HandsPicker(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
    expectation_id: String,
) -> impl IntoView {
    let state = expect_app_state();
    let id = session.with_untracked(|s| s.id.clone());
    let choice = RwSignal::new(expectation_id.clone());
    let options = questionnaire.with_value(|q| {
        session.with_untracked(|s| {
            q.expectations()
                .map(|e| {
                    let counted = if s.hands.contains_key(&e.id) { " (counted)" } else { "" };
                    let short: String = e.statement.chars().take(60).collect();
                    let text = format!("{} {short}\u{2026}{counted}", q.number_of(&e.id));
                    view! { <option value=e.id.clone() selected=e.id == expectation_id>{text}</option> }
                })
                .collect_view()
        })
    });
    let go = move |_| {
        state.navigate(&Route::session(
            id.clone(),
            SessionPage::Hands {
                expectation: choice.get_untracked(),
            },
        ))
    };
    view! {
        <div class="form-group">
            <label class="label" for="hands-expectation">"Count hands for another expectation"</label>
            <div class="inline-controls">
                <select class="select select--wide" id="hands-expectation" on:change=move |ev| choice.set(event_target_value(&ev))>{options}</select>
                <button type="button" class="button button--secondary button--small" on:click=go>"Go to this expectation"</button>
            </div>
        </div>
    }
}

/// The show-of-hands count for one expectation: a public count, shown beside the ballots
/// and never added to them.
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
    let mut fields: Vec<CountField> = scale
        .levels
        .iter()
        .map(|l| {
            CountField::new(
                format!("hands-{}", l.value),
                format!("{} ({})", l.label, l.value),
                current.levels.get(&l.value).copied().unwrap_or(0),
            )
        })
        .collect();
    fields.push(CountField::new(
        "hands-dont-know".into(),
        scale.dont_know.label.clone(),
        current.dont_know,
    ));
    let levels: Vec<u8> = scale.levels.iter().map(|l| l.value).collect();

    let next =
        questionnaire.with_value(|q| q.next_expectation(&expectation_id).map(|e| e.id.clone()));
    let next_route = match next {
        Some(e) => Route::session(id.clone(), SessionPage::Hands { expectation: e }),
        None => Route::session(id.clone(), SessionPage::Home),
    };
    let hand_count = move |counts: &[usize]| {
        let mut count = HandCount::default();
        for (&level, &n) in levels.iter().zip(counts) {
            if n > 0 {
                count.levels.insert(level, n);
            }
        }
        count.dont_know = counts.last().copied().unwrap_or(0);
        count
    };
    // Saved as typed, whenever every box holds a count: leaving the page loses nothing.
    let not_saved = RwSignal::new(None::<String>);
    let (sid, eid, typed) = (id.clone(), expectation_id.clone(), fields.clone());
    let count_typed = hand_count.clone();
    Effect::new(move |_| {
        let counts: Option<Vec<usize>> = typed
            .iter()
            .map(|f| {
                f.value
                    .with(|v| v.trim().parse::<usize>().ok().filter(|n| *n <= 999))
            })
            .collect();
        let Some(count) = counts.map(|c| count_typed(&c)) else {
            return;
        };
        let stored = session.with_untracked(|s| s.hands.get(&eid).cloned().unwrap_or_default());
        if count != stored {
            let mut refused = None;
            state
                .sessions
                .update(&sid, |s| refused = s.set_hands(&eid, count).err());
            not_saved.set(refused.map(|r| format!("Not saved: {r}.")));
        }
    });
    let (sid, eid, checked) = (id.clone(), expectation_id.clone(), fields.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(counts) = read_counts(&checked, "hands", errors) else {
            return;
        };
        let count = hand_count(&counts);
        let mut refused = None;
        state
            .sessions
            .update(&sid, |s| refused = s.set_hands(&eid, count).err());
        match refused {
            None => state.navigate(&next_route),
            Some(refusal) => errors.show(vec![FormError {
                field_id: checked[0].input_id.clone(),
                message: format!("{refusal}."),
            }]),
        }
    };
    let back = questionnaire
        .with_value(|q| {
            q.previous_expectation(&expectation_id)
                .map(|e| e.id.clone())
        })
        .map(|e| Route::session(id.clone(), SessionPage::Hands { expectation: e }))
        .unwrap_or(Route::session(id.clone(), SessionPage::Home));
    let ballots = session.with_untracked(Session::ballot_count);
    view! {
        <BackLink route=back label="Back"/>
        <ErrorSummary errors=errors.list()/>
        <HandsPicker session questionnaire expectation_id=expectation_id.clone()/>
        <ExpectationHeading questionnaire expectation_id/>
        <p class="body">"A show of hands is public. It is shown beside the members' private ballots and reported apart from them, never added to them. Counts are saved as you type them."</p>
        {(ballots > 0).then(|| view! {
            <WarningText>{format!("{ballots} {} already in the ballot box. If those members raise their hands too, their view is counted in both, so say which members the show of hands is for.", if ballots == 1 { "ballot is" } else { "ballots are" })}</WarningText>
        })}
        <form novalidate on:submit=submit>
            <fieldset class="fieldset">
                <legend class="fieldset__legend fieldset__legend--s">"How many hands for each rating?"</legend>
                <div class="hands-grid"><CountInputs fields errors/></div>
            </fieldset>
            <SaveIndicator/>
            <p class="body" role="status">{move || not_saved.get()}</p>
            <div class="button-group">
                <button type="submit" class="button">"Save and continue"</button>
                <a class="link" href=Route::session(id, SessionPage::Home).href()>"Back to the session"</a>
            </div>
        </form>
    }
}

/// Who took part: how many members came from each sector. Counts only, with nothing
/// linking them to a ballot; sectors with few members are not named in reports or files.
#[component]
pub fn AttendancePage(session: Memo<Session>) -> impl IntoView {
    let state = expect_app_state();
    let errors = FormErrors::new();
    errors.use_title(|| "Who took part".into());
    let id = session.with_untracked(|s| s.id.clone());
    let fields: Vec<CountField> = session.with_untracked(|s| {
        Sector::ALL
            .into_iter()
            .map(|sector| {
                CountField::new(
                    format!("attendance-{}", sector.as_str()),
                    sector.label().to_owned(),
                    s.attendance(sector),
                )
            })
            .collect()
    });
    let (sid, checked) = (id.clone(), fields.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(counts) = read_counts(&checked, "members", errors) else {
            return;
        };
        let counts: Vec<(Sector, usize)> = Sector::ALL.into_iter().zip(counts).collect();
        let mut refused = None;
        state
            .sessions
            .update(&sid, |s| refused = s.record_attendance(&counts).err());
        if let Some(refusal) = refused {
            errors.show(vec![FormError {
                field_id: checked[0].input_id.clone(),
                message: format!("{refusal}."),
            }]);
            return;
        }
        state.notices.announce("Who took part is saved");
        state.navigate(&Route::session(sid.clone(), SessionPage::Home));
    };
    view! {
        <BackLink route=Route::session(id.clone(), SessionPage::Home) label="Back to the session"/>
        <ErrorSummary errors=errors.list()/>
        <SessionCaption session/>
        <PageHeading>"Who took part"</PageHeading>
        <p class="body">"Optional. Record how many members came from each sector, for the report's method note. These are counts only: nothing links them to anyone's ratings."</p>
        <p class="body">{format!("Reports and files name a sector only when at least {} members came from it; smaller groups are counted together as \u{201c}other sectors\u{201d}, so nobody is singled out.", cpp_domain::session::MIN_ANONYMITY_THRESHOLD)}</p>
        <form novalidate on:submit=submit>
            <fieldset class="fieldset">
                <legend class="fieldset__legend fieldset__legend--s">"Members from each sector"</legend>
                <div class="hands-grid"><CountInputs fields errors/></div>
            </fieldset>
            <div class="button-group">
                <button type="submit" class="button">"Save"</button>
                <a class="link" href=Route::session(id, SessionPage::Home).href()>"Cancel"</a>
            </div>
        </form>
    }
}
