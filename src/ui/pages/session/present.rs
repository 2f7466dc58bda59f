//! The projector's view of the discussion: one expectation per screen in large type, the
//! statement, then (once the facilitator reveals it) the spread as one chart with its
//! counts and what it says in words, and the board's agreed rating once recorded. No
//! prompts, forms or links to other pages' figures: those stay on the facilitator's view.
//!
//! Every figure here comes from `Session::revealed_spread`, so nothing unrevealed can be
//! shown whatever is clicked.

use leptos::prelude::*;

use super::discuss::{move_with_keys, show_spread_and_say, SPREAD_ID};
use super::follow::follow_between_windows;
use super::spread::Spread;
use super::SessionCaption;
use crate::ui::components::{use_page_title, PageHeading};
use crate::ui::route::{Route, SessionPage};
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::session::Session;

fn present(expectation: String) -> SessionPage {
    SessionPage::Present { expectation }
}

/// Before the reveal, how many answered and the button; after it, the spread.
#[component]
fn RevealOnScreen(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
    session_id: String,
    expectation_id: String,
) -> impl IntoView {
    let eid = expectation_id.clone();
    let shown = Memo::new(move |_| session.with(|s| s.revealed_spread(&eid)));
    let eid = expectation_id.clone();
    let answered = Memo::new(move |_| session.with(|s| s.answered(&eid)));
    let box_open = Memo::new(move |_| session.with(|s| !s.ballot_box_is_closed()));
    let threshold = session.with_untracked(Session::anonymity_threshold);
    let problem = RwSignal::new(None::<String>);
    let outcome = RwSignal::new(String::new());
    let reveal = move |_| {
        problem.set(show_spread_and_say(
            &session_id,
            &expectation_id,
            true,
            outcome,
        ))
    };
    let spread_or_button = move || {
        if let Some(distribution) = shown.get() {
            return view! { <div id=SPREAD_ID tabindex="-1"><Spread questionnaire distribution/></div> }
                .into_any();
        }
        let reveal = reveal.clone();
        match answered.get() {
            Some(answered) if answered < threshold => view! {
                <p class="presentation__note">{format!("{answered} members answered: fewer than {threshold}, so the spread is not shown and nobody's rating can be picked out.")}</p>
            }
            .into_any(),
            _ => view! {
                <p class="presentation__note">"The members' ratings are hidden until the board has discussed this."</p>
                {move || box_open.get().then(|| view! { <p class="presentation__hint">"Revealing closes the ballot box: no ballot can be added after it."</p> })}
                {move || problem.get().map(|p| view! { <p class="body field-error" role="alert">{p}</p> })}
                <button type="button" class="button presentation__button" on:click=reveal>"Reveal the ratings"</button>
            }
            .into_any(),
        }
    };
    view! {
        <p class="visually-hidden" role="status">{move || outcome.get()}</p>
        {spread_or_button}
    }
}

#[component]
pub fn PresentPage(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
    expectation_id: String,
) -> impl IntoView {
    let number = questionnaire.with_value(|q| q.number_of(&expectation_id));
    let title = format!("Expectation {number}, projector view");
    use_page_title(move || title.clone());
    let id = session.with_untracked(|s| s.id.clone());
    follow_between_windows(&id, &expectation_id, present);
    let (statement, principle) = questionnaire.with_value(|q| {
        let statement = q
            .expectation(&expectation_id)
            .map(|e| e.statement.clone())
            .unwrap_or_default();
        let principle = q
            .principle_of(&expectation_id)
            .map(|p| p.title.clone())
            .unwrap_or_default();
        (statement, principle)
    });
    let place = questionnaire
        .with_value(|q| session.with_untracked(|s| s.agenda_place(q, &expectation_id)));
    let route = |e: String| Route::session(id.clone(), present(e));
    let previous = place.as_ref().and_then(|p| p.previous.clone()).map(route);
    let next = place.as_ref().and_then(|p| p.next.clone()).map(route);
    move_with_keys(previous.clone(), next.clone());
    let where_on_agenda =
        place.map(|p| format!("{} of {} on the agenda \u{2014} ", p.position, p.total));
    let eid = expectation_id.clone();
    let agreed = move || {
        questionnaire.with_value(|q| {
            session
                .with(|s| s.consensus_rating(&eid))
                .map(|rating| q.rating_label(Some(rating)))
        })
    };
    let facilitator = Route::session(
        id.clone(),
        SessionPage::Discuss {
            expectation: expectation_id.clone(),
        },
    );
    view! {
        <div class="presentation">
            <p class="presentation__place">{where_on_agenda}<SessionCaption session class="presentation__session"/></p>
            <p class="caption-m">{format!("Expectation {number} \u{2014} {principle}")}</p>
            <PageHeading class="presentation__statement">{statement}</PageHeading>
            <RevealOnScreen session questionnaire session_id=id expectation_id/>
            {move || agreed().map(|label| view! { <p class="presentation__agreed">"The board agreed: "<strong>{label}</strong></p> })}
            <nav class="presentation__nav" aria-label="Expectations">
                {previous.map(|r| view! { <a class="pager__link" href=r.href() rel="prev">"Previous expectation"</a> })}
                {next.map(|r| view! { <a class="pager__link" href=r.href() rel="next">"Next expectation"</a> })}
                <a class="pager__link presentation__leave" href=facilitator.href()>"Facilitator view"</a>
            </nav>
        </div>
    }
}
