//! The discussion view, one expectation at a time and readable on a projector: the spread
//! of members' ratings, hidden until the facilitator reveals it, and the board's agreed
//! rating with its reasons and any actions arising. Also the agenda that orders the
//! expectations by where the board should spend its time.

use leptos::prelude::*;

use super::follow::follow_between_windows;
use super::spread::Spread;
use super::SessionCaption;
use crate::ui::browser;
use crate::ui::components::{use_page_title, BackLink, PageHeading, SaveIndicator};
use crate::ui::rating_question::{ExpectationHeading, RatingRadios};
use crate::ui::route::{Route, SessionPage};
use crate::ui::state::expect_app_state;
use cpp_domain::meeting::{
    clock_in_words, read_meeting_minutes, MINUTES_PER_DISCUSSION, MINUTES_TO_TAKE_AS_READ,
};
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::rating::Rating;
use cpp_domain::session::{AgendaOrder, HandCount, Session};

/// Shows or hides one expectation's spread to the room (the first reveal closes the ballot
/// box); says why, if the session refused.
pub(super) fn show_spread(session_id: &str, expectation_id: &str, show: bool) -> Option<String> {
    let mut refused = None;
    expect_app_state().sessions.update(session_id, |s| {
        if show {
            refused = s.reveal(expectation_id).err();
        } else {
            s.hide(expectation_id);
        }
    });
    refused.map(|r| r.to_string())
}

/// Moves along the agenda with the keys a presentation clicker sends (Page Down, Page Up)
/// and with the arrow keys, except while typing or choosing a rating; for as long as the
/// page is open.
pub(super) fn move_with_keys(previous: Option<Route>, next: Option<Route>) {
    let state = expect_app_state();
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let in_control = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| {
                matches!(
                    el.tag_name().as_str(),
                    "INPUT" | "TEXTAREA" | "SELECT" | "BUTTON"
                )
            });
        let target = match ev.key().as_str() {
            "PageDown" => next.clone(),
            "PageUp" => previous.clone(),
            "ArrowRight" if !in_control => next.clone(),
            "ArrowLeft" if !in_control => previous.clone(),
            _ => None,
        };
        if let Some(route) = target {
            ev.prevent_default();
            state.navigate(&route);
        }
    });
    on_cleanup(move || keys.remove());
}

/// A show of hands as a table of counts.
#[component]
fn HandsTable(questionnaire: StoredValue<Questionnaire>, count: HandCount) -> impl IntoView {
    let rows = questionnaire.with_value(|q| {
        let levels = q.scale.levels.iter().map(|l| {
            (
                format!("{} ({})", l.label, l.value),
                count.levels.get(&l.value).copied().unwrap_or(0),
            )
        });
        levels
            .chain([(q.scale.dont_know.label.clone(), count.dont_know)])
            .map(|(label, n)| view! { <tr><th scope="row">{label}</th><td class="numeric">{n}</td></tr> })
            .collect_view()
    });
    view! {
        <table class="table table--compact">
            <caption class="table__caption table__caption--s">"Show of hands"</caption>
            <thead><tr><th scope="col">"Rating"</th><th scope="col" class="numeric">"Hands"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The members' private ratings for one expectation: the ballot box and the reveal
/// controls, then the spread once the facilitator reveals it.
/// Where focus goes once the spread is shown, and once it is hidden again.
pub(super) const SPREAD_ID: &str = "members-ratings";
const REVEAL_ID: &str = "reveal-ratings";

/// As `show_spread`, and then, for screen readers, says what changed in `said` (a status
/// region) and moves focus to what took the pressed button's place: the spread, or the
/// button that shows it again.
pub(super) fn show_spread_and_say(
    session_id: &str,
    expectation_id: &str,
    show: bool,
    said: RwSignal<String>,
) -> Option<String> {
    let refused = show_spread(session_id, expectation_id, show);
    if refused.is_none() {
        let (words, target) = if show {
            ("Ratings revealed.", SPREAD_ID)
        } else {
            ("Ratings hidden.", REVEAL_ID)
        };
        said.set(words.to_owned());
        request_animation_frame(move || browser::focus_by_id(target));
    }
    refused
}

#[component]
fn PrivateRatings(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
    session_id: String,
    expectation_id: String,
) -> impl IntoView {
    let eid = expectation_id.clone();
    let spread = Memo::new(move |_| session.with(|s| s.private_spread(&eid)));
    let eid = expectation_id.clone();
    let answered = Memo::new(move |_| session.with(|s| s.answered(&eid)));
    let eid = expectation_id.clone();
    let revealed = Memo::new(move |_| session.with(|s| s.is_revealed(&eid)));
    let problem = RwSignal::new(None::<String>);
    let outcome = RwSignal::new(String::new());

    let set_revealed = move |show: bool| {
        problem.set(show_spread_and_say(
            &session_id,
            &expectation_id,
            show,
            outcome,
        ));
    };
    let reveal = set_revealed.clone();
    let hide = set_revealed;

    let spread_view = move || {
        let Some(answered) = answered.get() else {
            let reveal = reveal.clone();
            return view! {
                <p class="body">{move || format!(
                    "{} ballots are in. The ballot box is still open: revealing the first spread closes it, and after that no ballot can be added, changed or withdrawn.",
                    session.with(Session::ballot_count)
                )}</p>
                {move || problem.get().map(|p| view! { <p class="body field-error" role="alert">{p}</p> })}
                <button type="button" class="button" on:click=move |_| reveal(true)>"Close the ballot box and reveal"</button>
            }
            .into_any();
        };
        let Some(distribution) = spread.get() else {
            return view! {
                <p class="body inset">{format!(
                    "{answered} members answered. The spread is shown only where at least {} have, so nobody's rating can be picked out.",
                    session.with(Session::anonymity_threshold)
                )}</p>
            }
            .into_any();
        };
        if !revealed.get() {
            let reveal = reveal.clone();
            return view! {
                <p class="body">{format!("{answered} members have answered. The ratings are hidden so the board can discuss first.")}</p>
                <button type="button" class="button" id=REVEAL_ID on:click=move |_| reveal(true)>"Reveal the ratings"</button>
            }
            .into_any();
        }
        let hide = hide.clone();
        view! {
            <div id=SPREAD_ID tabindex="-1"><Spread questionnaire distribution/></div>
            <button type="button" class="button button--secondary" on:click=move |_| hide(false)>"Hide the ratings"</button>
        }
        .into_any()
    };
    view! {
        <h2 class="heading-m">"Members' private ratings"</h2>
        <p class="visually-hidden" role="status">{move || outcome.get()}</p>
        {spread_view}
    }
}

/// The show of hands counted in the room for one expectation, once there is one.
#[component]
fn ShowOfHands(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
    expectation_id: String,
) -> impl IntoView {
    let hands = Memo::new(move |_| session.with(|s| s.hands.get(&expectation_id).cloned()));
    move || {
        hands.get().map(|count| {
            view! {
                <h2 class="heading-m">"Show of hands"</h2>
                <p class="body">"Counted in the room, in public: shown apart from the members' private ratings and never added to them."</p>
                <HandsTable questionnaire count/>
            }
        })
    }
}

/// The board's agreed rating for one expectation, with its reasons and any actions arising,
/// and how many expectations have an agreed rating so far.
#[component]
fn BoardAgreement(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
    session_id: String,
    expectation_id: String,
) -> impl IntoView {
    let state = expect_app_state();
    let total = questionnaire.with_value(Questionnaire::expectation_count);
    let eid = expectation_id.clone();
    let agreed = Memo::new(move |_| session.with(|s| s.consensus_rating(&eid)));
    let (sid, eid) = (session_id.clone(), expectation_id.clone());
    let choose = Callback::new(move |choice: Rating| {
        state
            .sessions
            .update(&sid, |s| s.consensus_mut(&eid).rating = Some(choice))
    });
    let initial = session.with_untracked(|s| {
        s.consensus
            .get(&expectation_id)
            .cloned()
            .unwrap_or_default()
    });
    let (sid_r, eid_r) = (session_id.clone(), expectation_id.clone());
    let (sid_a, eid_a) = (session_id, expectation_id);
    let agreed_count = move || questionnaire.with_value(|q| session.with(|s| s.agreed_count(q)));
    view! {
        <h2 class="heading-m">"What the board agrees"</h2>
        <fieldset class="fieldset">
            <legend class="fieldset__legend fieldset__legend--s">"Agreed rating"</legend>
            <RatingRadios questionnaire rating=agreed.into() on_choose=choose error=Signal::stored(None)/>
        </fieldset>
        <div class="form-group">
            <label class="label" for="consensus-rationale">"Reasons and evidence for the agreed rating"</label>
            <textarea class="textarea" id="consensus-rationale" rows="3" prop:value=initial.rationale
                on:input=move |ev| { let v = event_target_value(&ev); state.sessions.update(&sid_r, |s| s.consensus_mut(&eid_r).rationale = v); }></textarea>
        </div>
        <div class="form-group">
            <label class="label" for="consensus-actions">"Actions arising (optional)"</label>
            <textarea class="textarea" id="consensus-actions" rows="2" prop:value=initial.actions_arising
                on:input=move |ev| { let v = event_target_value(&ev); state.sessions.update(&sid_a, |s| s.consensus_mut(&eid_a).actions_arising = v); }></textarea>
        </div>
        <SaveIndicator/>
        <p class="body" role="status">{move || format!("Agreed for {} of {total} expectations.", agreed_count())}</p>
    }
}

/// Links to the previous and next expectations on the agenda (in the order the
/// facilitator chose) and to the agreed results, with the keys that move between them.
#[component]
fn ExpectationPager(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
    session_id: String,
    expectation_id: String,
) -> impl IntoView {
    let place = questionnaire
        .with_value(|q| session.with_untracked(|s| s.agenda_place(q, &expectation_id)));
    let route =
        |e: String| Route::session(session_id.clone(), SessionPage::Discuss { expectation: e });
    let previous_route = place.as_ref().and_then(|p| p.previous.clone()).map(route);
    let next_route = place.as_ref().and_then(|p| p.next.clone()).map(route);
    let where_on_agenda = place
        .map(|p| format!("{} of {} on the agenda", p.position, p.total))
        .unwrap_or_else(|| "Not on the agenda to discuss: taken as read.".into());
    move_with_keys(previous_route.clone(), next_route.clone());

    view! {
        <nav class="pager" aria-label="Expectations">
            {previous_route.map(|r| view! { <a class="pager__link" href=r.href() rel="prev">"Previous expectation"</a> })}
            {next_route.map(|r| view! { <a class="pager__link" href=r.href() rel="next">"Next expectation"</a> })}
            <a class="pager__link" href=Route::session(session_id, SessionPage::Results).href()>"See the agreed results"</a>
        </nav>
        <p class="body">{where_on_agenda}</p>
        <p class="hint">"Keyboard: Page Down or \u{2192} for the next expectation, Page Up or \u{2190} for the previous one."</p>
    }
}

/// The ways to put up the projector's view: in this window, or in one of its own for a
/// projector used as a second screen, where it follows this page and this page follows it.
#[component]
fn ProjectorLinks(session_id: String, expectation_id: String) -> impl IntoView {
    let href = Route::session(
        session_id,
        SessionPage::Present {
            expectation: expectation_id,
        },
    )
    .href();
    view! {
        <ul class="list projector-links">
            <li><a href=href.clone() target="_blank" rel="noopener">"Open the projector view in a new window"</a>" (for a projector used as a second screen: the two windows follow each other)"</li>
            <li><a href=href>"Show the projector view in this window"</a></li>
        </ul>
    }
}

#[component]
pub fn DiscussPage(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
    expectation_id: String,
) -> impl IntoView {
    let number = questionnaire.with_value(|q| q.number_of(&expectation_id));
    use_page_title(move || format!("Discuss expectation {number}"));
    let id = session.with_untracked(|s| s.id.clone());
    follow_between_windows(&id, &expectation_id, |expectation| SessionPage::Discuss {
        expectation,
    });
    view! {
        <div class="projector">
            <BackLink route=Route::session(id.clone(), SessionPage::Agenda) label="Back to the agenda"/>
            <SessionCaption session class="caption-m"/>
            <ProjectorLinks session_id=id.clone() expectation_id=expectation_id.clone()/>
            <MeetingClock session/>
            <ExpectationHeading questionnaire expectation_id=expectation_id.clone() prompts_folded=true/>
            <PrivateRatings session questionnaire session_id=id.clone() expectation_id=expectation_id.clone()/>
            <ShowOfHands session questionnaire expectation_id=expectation_id.clone()/>
            <BoardAgreement session questionnaire session_id=id.clone() expectation_id=expectation_id.clone()/>
            <ExpectationPager session questionnaire session_id=id expectation_id/>
        </div>
    }
}

/// The choice of order for the agenda, kept in the session so the discussion and a reload
/// follow it.
#[component]
fn AgendaOrderChoice(session: Memo<Session>) -> impl IntoView {
    let state = expect_app_state();
    let id = session.with_untracked(|s| s.id.clone());
    let order = Memo::new(move |_| session.with(Session::agenda_order));
    let orders: [(&str, &str, Option<AgendaOrder>); 4] = [
        (
            "agenda-disagreement",
            "Most disagreement first",
            Some(AgendaOrder::Disagreement),
        ),
        (
            "agenda-dont-know",
            "Most \u{201c}Don't know\u{201d} first",
            Some(AgendaOrder::DontKnow),
        ),
        (
            "agenda-low",
            "Lowest rated first",
            Some(AgendaOrder::LowScore),
        ),
        ("agenda-questionnaire", "In questionnaire order", None),
    ];
    let choices = orders
        .into_iter()
        .map(|(input_id, label, value)| {
            let id = id.clone();
            view! {
            <div class="radios__item">
                <input class="radios__input" type="radio" name="agenda-order" id=input_id
                    prop:checked=move || order.get() == value
                    on:change=move |_| state.sessions.update(&id, |s| s.set_agenda_order(value))/>
                <label class="label radios__label" for=input_id>{label}</label>
            </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="fieldset">
            <legend class="fieldset__legend fieldset__legend--s">"Order the expectations"</legend>
            <div class="radios">{choices}</div>
        </fieldset>
    }
}

/// The time the board has for the discussion, saved as it is typed when it makes sense.
#[component]
fn MeetingTimeField(session: Memo<Session>) -> impl IntoView {
    let state = expect_app_state();
    let id = session.with_untracked(|s| s.id.clone());
    let initial = session.with_untracked(|s| s.meeting().map(|m| m.minutes.to_string()));
    let problem = RwSignal::new(None::<&'static str>);
    let save = move |ev| match read_meeting_minutes(&event_target_value(&ev)) {
        Ok(minutes) => {
            problem.set(None);
            state
                .sessions
                .update(&id, |s| s.set_meeting_minutes(minutes));
        }
        Err(message) => problem.set(Some(message)),
    };
    view! {
        <div class="form-group" class:form-group--error=move || problem.with(Option::is_some)>
            <label class="label" for="meeting-minutes">"Time for the discussion, in minutes (optional)"</label>
            <p class="hint" id="meeting-minutes-hint">{format!("The agenda then fits it: about {MINUTES_PER_DISCUSSION} minutes for each expectation to discuss, and {MINUTES_TO_TAKE_AS_READ} for the clear agreements together.")}</p>
            {move || problem.get().map(|p| view! { <p class="field-error" id="meeting-minutes-error"><span class="visually-hidden">"Error: "</span>{p}</p> })}
            <input class="input input--short" type="text" inputmode="numeric" id="meeting-minutes"
                aria-describedby=move || if problem.with(Option::is_some) { "meeting-minutes-hint meeting-minutes-error" } else { "meeting-minutes-hint" }
                prop:value=initial on:input=save/>
        </div>
    }
}

/// The meeting's clock, once a time is given: start it, then minutes used and left.
#[component]
pub(super) fn MeetingClock(session: Memo<Session>) -> impl IntoView {
    let state = expect_app_state();
    let id = session.with_untracked(|s| s.id.clone());
    let now = RwSignal::new(js_sys::Date::now());
    let ticking = set_interval_with_handle(
        move || now.set(js_sys::Date::now()),
        std::time::Duration::from_secs(15),
    )
    .ok();
    on_cleanup(move || {
        if let Some(handle) = ticking {
            handle.clear();
        }
    });
    let start = move |_| {
        state
            .sessions
            .update(&id, |s| s.start_clock(crate::ui::browser::now_iso()))
    };
    move || {
        let meeting = session.with(|s| s.meeting().cloned())?;
        Some(match meeting.started_at {
            None => view! {
                <p class="body">
                    {format!("{} minutes for the discussion. ", meeting.minutes)}
                    <button type="button" class="button button--secondary button--inline" on:click=start.clone()>"Start the meeting clock"</button>
                </p>
            }
            .into_any(),
            Some(started) => {
                let used = ((now.get() - js_sys::Date::parse(&started)) / 60_000.0).max(0.0) as u32;
                view! { <p class="body meeting-clock">"Meeting clock: "{clock_in_words(used, meeting.minutes)}</p> }.into_any()
            }
        })
    }
}

/// One expectation on the agenda: its number and statement, linked to its discussion, and
/// what may be said of it before its spread is revealed.
fn agenda_item(session: &Session, questionnaire: &Questionnaire, id: &str) -> impl IntoView {
    let mut notes = Vec::new();
    if let Some(answered) = session.answered(id) {
        notes.push(format!("{answered} answered"));
    }
    match session.private_spread(id) {
        Some(d) if d.disagreement() => notes.push("members disagree".into()),
        Some(d) if d.many_dont_know() => notes.push("many said \u{201c}Don't know\u{201d}".into()),
        Some(_) => {}
        None if session.ballot_box_is_closed() => {
            notes.push("too few answered to show a spread".into())
        }
        None => {}
    }
    if let Some(agreed) = session.consensus_rating(id) {
        notes.push(format!(
            "agreed: {}",
            questionnaire.rating_label(Some(agreed))
        ));
    }
    let href = Route::session(
        session.id.clone(),
        SessionPage::Discuss {
            expectation: id.to_owned(),
        },
    )
    .href();
    let statement = questionnaire
        .expectation(id)
        .map(|e| e.statement.clone())
        .unwrap_or_default();
    view! {
        <li>
            <a href=href><strong>{questionnaire.number_of(id)}</strong>" "{statement}</a>
            <p class="hint">{notes.join("; ")}</p>
        </li>
    }
}

/// The clear agreements, and the one vote that agrees them at the members' middle rating.
#[component]
fn TakeAsRead(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
    items: Vec<String>,
    /// What the vote did; kept by the page, since this part is drawn again after it.
    outcome: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = expect_app_state();
    let id = session.with_untracked(|s| s.id.clone());
    let waiting = items
        .iter()
        .filter(|e| session.with_untracked(|s| s.consensus_rating(e).is_none()))
        .count();
    let agree = move |_| {
        let mut result = Ok(0);
        questionnaire.with_value(|q| state.sessions.update(&id, |s| result = s.take_as_read(q)));
        outcome.set(Some(match result {
            Ok(n) => format!("{n} expectations agreed at the members' middle rating."),
            Err(refused) => refused.to_string(),
        }));
    };
    let list = questionnaire.with_value(|q| {
        session.with_untracked(|s| items.iter().map(|e| agenda_item(s, q, e)).collect_view())
    });
    view! {
        <h2 class="heading-m">{format!("Take as read: members broadly agree ({})", items.len())}</h2>
        <p class="body">"Read these out and ask whether anyone wants to discuss one; move any that someone does onto the discussion by opening it. Then agree the rest in one vote: each is revealed and recorded at the members' middle rating (the lower one where the middle falls between two)."</p>
        <ul class="list agenda">{list}</ul>
        {(waiting > 0).then(|| view! {
            <button type="button" class="button button--secondary" on:click=agree>{format!("Agree the {waiting} not yet agreed at the members' middle rating")}</button>
        })}
    }
}

#[component]
pub fn AgendaPage(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    use_page_title(|| "Agenda".into());
    let id = session.with_untracked(|s| s.id.clone());
    let outcome = RwSignal::new(None::<String>);
    let planned =
        Memo::new(move |_| questionnaire.with_value(|q| session.with(|s| s.meeting_agenda(q))));
    let agenda = move || {
        questionnaire.with_value(|q| {
            session.with(|s| {
                let Some(planned) = planned.get() else {
                    let all = s.agenda_in_order(q).iter().map(|e| agenda_item(s, q, e)).collect_view();
                    return view! { <ol class="list list--number agenda">{all}</ol> }.into_any();
                };
                let list = |ids: &[String]| ids.iter().map(|e| agenda_item(s, q, e)).collect_view();
                let (discuss, later) = (list(&planned.discuss), list(&planned.if_time_allows));
                let waits = planned.if_time_allows.len();
                view! {
                    <h2 class="heading-m">{format!("To discuss ({})", planned.discuss.len())}</h2>
                    <ol class="list list--number agenda">{discuss}</ol>
                    {(waits > 0).then(|| view! {
                        <h2 class="heading-m">{format!("If time allows ({waits})")}</h2>
                        <p class="body">"These need discussion too, but the time given runs out first. The discussion moves on to them after the items above."</p>
                        <ol class="list list--number agenda" start=planned.discuss.len() + 1>{later}</ol>
                    })}
                    {(!planned.take_as_read.is_empty()).then(|| view! { <TakeAsRead session questionnaire items=planned.take_as_read.clone() outcome/> })}
                }
                .into_any()
            })
        })
    };
    let home = Route::session(id, SessionPage::Home);
    view! {
        <BackLink route=home.clone() label="Back to the session"/>
        <SessionCaption session/>
        <PageHeading>"Agenda"</PageHeading>
        <p class="body">"Choose an order so the board spends its time where it matters most, and give the time you have: the agenda puts disagreements and \u{201c}Don't know\u{201d}s first and takes clear agreements as read. Ratings themselves stay hidden until you reveal them in the discussion."</p>
        <Show when=move || !session.with(Session::ballot_box_is_closed)>
            <div class="inset">
                <p class="body">"The ballot box is still open, so the agenda cannot use the members' ratings yet: it lists every expectation to discuss, in questionnaire order. Once every member has rated, close the ballot box on the session's home page, then come back to order the agenda and fit it to the time."</p>
                <p class="body"><a href=home.href()>"Go to the session's home page"</a></p>
            </div>
        </Show>
        <AgendaOrderChoice session/>
        <MeetingTimeField session/>
        <MeetingClock session/>
        {agenda}
        <p class="body" role="status">{move || outcome.get()}</p>
    }
}
