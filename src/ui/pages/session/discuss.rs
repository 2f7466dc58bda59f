//! The discussion view, one expectation at a time and readable on a projector: the spread
//! of members' ratings, hidden until the facilitator reveals it, and the board's agreed
//! rating with its reasons and any actions arising. Also the agenda that orders the
//! expectations by where the board should spend its time.

use leptos::prelude::*;

use super::SessionCaption;
use crate::ui::components::{use_page_title, BackLink, PageHeading, SaveIndicator, WarningText};
use crate::ui::rating_question::{ExpectationHeading, RatingRadios};
use crate::ui::route::{Route, SessionPage};
use crate::ui::state::expect_app_state;
use cpp_domain::group::{Distribution, DISAGREEMENT_IQR, DISAGREEMENT_RANGE};
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::rating::Rating;
use cpp_domain::session::{AgendaOrder, HandCount, Session};

/// "Good (4)" for a whole number, "between Satisfactory and Good (3.5)" for a half.
fn value_label(questionnaire: &Questionnaire, value: f64) -> String {
    if value.fract() == 0.0 {
        return questionnaire.rating_label(Some(Rating::Level(value as u8)));
    }
    let below = questionnaire
        .scale
        .level(value.floor() as u8)
        .map(|l| l.label.as_str())
        .unwrap_or("");
    let above = questionnaire
        .scale
        .level(value.ceil() as u8)
        .map(|l| l.label.as_str())
        .unwrap_or("");
    format!("between {below} and {above} ({value:.1})")
}

/// The spread as bars (for the room) and a table (for everyone), with the statistics.
#[component]
fn Spread(questionnaire: StoredValue<Questionnaire>, distribution: Distribution) -> impl IntoView {
    let scale = questionnaire.with_value(|q| q.scale.clone());
    let most = scale
        .levels
        .iter()
        .map(|l| distribution.count(l.value))
        .chain([distribution.dont_know])
        .max()
        .unwrap_or(0)
        .max(1);
    let mut rows: Vec<(String, usize)> = scale
        .levels
        .iter()
        .map(|l| {
            (
                format!("{} ({})", l.label, l.value),
                distribution.count(l.value),
            )
        })
        .collect();
    rows.push((scale.dont_know.label.clone(), distribution.dont_know));
    let bars = rows
        .iter()
        .map(|(label, count)| {
            let width = format!("{}%", count * 100 / most);
            view! {
                <div class="bar-chart__row">
                    <span class="bar-chart__label">{label.clone()}</span>
                    <span class="bar-chart__bar" style:width=width></span>
                    <span class="bar-chart__count">{count.to_string()}</span>
                </div>
            }
        })
        .collect_view();
    let table_rows = rows
        .into_iter()
        .map(|(label, count)| view! { <tr><th scope="row">{label}</th><td class="numeric">{count}</td></tr> })
        .collect_view();
    let stats = questionnaire.with_value(|q| {
        let median = distribution
            .median()
            .map(|m| value_label(q, m))
            .unwrap_or_else(|| "none".into());
        let range = match (distribution.min(), distribution.max()) {
            (Some(low), Some(high)) => format!(
                "{} to {}",
                q.rating_label(Some(Rating::Level(low))),
                q.rating_label(Some(Rating::Level(high)))
            ),
            _ => "none".into(),
        };
        (median, range)
    });
    view! {
        <div class="bar-chart" aria-hidden="true">{bars}</div>
        <table class="table table--compact">
            <caption class="table__caption table__caption--s">"Members' ratings"</caption>
            <thead><tr><th scope="col">"Rating"</th><th scope="col" class="numeric">"Members"</th></tr></thead>
            <tbody>{table_rows}</tbody>
        </table>
        <dl class="stats">
            <div><dt>"Rated (n)"</dt><dd>{distribution.rated()}</dd></div>
            <div><dt>"Median"</dt><dd>{stats.0}</dd></div>
            <div><dt>"Range"</dt><dd>{stats.1}</dd></div>
            <div><dt>"Don't know"</dt><dd>{distribution.dont_know}</dd></div>
        </dl>
        {distribution.disagreement().then(|| view! {
            <WarningText>{format!("Members disagree: the middle half of ratings spans {DISAGREEMENT_IQR} points or more, or all ratings span {DISAGREEMENT_RANGE} points or more. Hear the different views before agreeing a rating.")}</WarningText>
        })}
        {distribution.many_dont_know().then(|| view! {
            <p class="body inset">"Many members said \u{201c}Don't know\u{201d}. That is a finding in itself: the board may need more information on this."</p>
        })}
    }
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
#[component]
fn PrivateRatings(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
    session_id: String,
    expectation_id: String,
) -> impl IntoView {
    let state = expect_app_state();
    let eid = expectation_id.clone();
    let spread = Memo::new(move |_| session.with(|s| s.private_spread(&eid)));
    let eid = expectation_id.clone();
    let answered = Memo::new(move |_| session.with(|s| s.answered(&eid)));
    let eid = expectation_id.clone();
    let revealed = Memo::new(move |_| session.with(|s| s.is_revealed(&eid)));
    let problem = RwSignal::new(None::<String>);

    let set_revealed = move |show: bool| {
        let mut refused = None;
        state.sessions.update(&session_id, |s| {
            if show {
                refused = s.reveal(&expectation_id).err();
            } else {
                s.hide(&expectation_id);
            }
        });
        problem.set(refused.map(|r| r.to_string()));
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
                <button type="button" class="button" on:click=move |_| reveal(true)>"Reveal the ratings"</button>
            }
            .into_any();
        }
        let hide = hide.clone();
        view! {
            <Spread questionnaire distribution/>
            <button type="button" class="button button--secondary" on:click=move |_| hide(false)>"Hide the ratings"</button>
        }
        .into_any()
    };
    view! {
        <h2 class="heading-m">"Members' private ratings"</h2>
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
    let state = expect_app_state();
    let place = questionnaire
        .with_value(|q| session.with_untracked(|s| s.agenda_place(q, &expectation_id)));
    let route =
        |e: String| Route::session(session_id.clone(), SessionPage::Discuss { expectation: e });
    let previous_route = place.as_ref().and_then(|p| p.previous.clone()).map(route);
    let next_route = place.as_ref().and_then(|p| p.next.clone()).map(route);
    let where_on_agenda = place.map(|p| format!("{} of {} on the agenda", p.position, p.total));
    // Presentation clickers send Page Up and Page Down; arrow keys work too, except while
    // typing or choosing a rating.
    let (prev_key, next_key) = (previous_route.clone(), next_route.clone());
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
            "PageDown" => next_key.clone(),
            "PageUp" => prev_key.clone(),
            "ArrowRight" if !in_control => next_key.clone(),
            "ArrowLeft" if !in_control => prev_key.clone(),
            _ => None,
        };
        if let Some(route) = target {
            ev.prevent_default();
            state.navigate(&route);
        }
    });
    on_cleanup(move || keys.remove());

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

#[component]
pub fn DiscussPage(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
    expectation_id: String,
) -> impl IntoView {
    let number = questionnaire.with_value(|q| q.number_of(&expectation_id));
    use_page_title(move || format!("Discuss expectation {number}"));
    let id = session.with_untracked(|s| s.id.clone());
    view! {
        <div class="projector">
            <BackLink route=Route::session(id.clone(), SessionPage::Agenda) label="Back to the agenda"/>
            <SessionCaption session class="caption-m"/>
            <ExpectationHeading questionnaire expectation_id=expectation_id.clone()/>
            <PrivateRatings session questionnaire session_id=id.clone() expectation_id=expectation_id.clone()/>
            <ShowOfHands session questionnaire expectation_id=expectation_id.clone()/>
            <BoardAgreement session questionnaire session_id=id.clone() expectation_id=expectation_id.clone()/>
            <ExpectationPager session questionnaire session_id=id expectation_id/>
        </div>
    }
}

#[component]
pub fn AgendaPage(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    use_page_title(|| "Agenda".into());
    let state = expect_app_state();
    let id = session.with_untracked(|s| s.id.clone());
    // Kept in the session, so the discussion follows it, and so does a reload.
    let order = Memo::new(move |_| session.with(Session::agenda_order));
    let choose = {
        let id = id.clone();
        move |value: Option<AgendaOrder>| state.sessions.update(&id, |s| s.set_agenda_order(value))
    };
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
            let choose = choose.clone();
            view! {
            <div class="radios__item">
                <input class="radios__input" type="radio" name="agenda-order" id=input_id
                    prop:checked=move || order.get() == value on:change=move |_| choose(value)/>
                <label class="label radios__label" for=input_id>{label}</label>
            </div>
            }
        })
        .collect_view();
    let sid = id.clone();
    let items = move || {
        questionnaire.with_value(|q| {
            session.with(|s| {
                s.agenda_in_order(q)
                    .into_iter()
                    .filter_map(|eid| q.expectation(&eid).map(|e| (eid, e.statement.clone())))
                    .map(|(eid, statement)| {
                        let mut notes = Vec::new();
                        if let Some(answered) = s.answered(&eid) {
                            notes.push(format!("{answered} answered"));
                        }
                        if let Some(d) = s.private_spread(&eid) {
                            if d.disagreement() {
                                notes.push("members disagree".into());
                            }
                            if d.dont_know > 0 {
                                notes.push(format!("{} don't know", d.dont_know));
                            }
                        }
                        if let Some(agreed) = s.consensus_rating(&eid) {
                            notes.push(format!("agreed: {}", q.rating_label(Some(agreed))));
                        }
                        let href = Route::session(
                            sid.clone(),
                            SessionPage::Discuss {
                                expectation: eid.clone(),
                            },
                        )
                        .href();
                        view! {
                            <li>
                                <a href=href><strong>{q.number_of(&eid)}</strong>" "{statement}</a>
                                <p class="hint">{notes.join("; ")}</p>
                            </li>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <BackLink route=Route::session(id, SessionPage::Home) label="Back to the session"/>
        <SessionCaption session/>
        <PageHeading>"Agenda"</PageHeading>
        <p class="body">"Choose an order so the board spends its time where it matters most. Ratings themselves stay hidden until you reveal them in the discussion."</p>
        <fieldset class="fieldset">
            <legend class="fieldset__legend fieldset__legend--s">"Order the expectations"</legend>
            <div class="radios">{choices}</div>
        </fieldset>
        <ol class="list list--number agenda">{items}</ol>
    }
}
