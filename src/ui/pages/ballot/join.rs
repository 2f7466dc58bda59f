//! "Rate for your board": where the session's link brings a member. It says what happens to
//! their ratings, then starts their ballot on this phone, or picks up the one started
//! earlier (days before the meeting, say).

use leptos::prelude::*;

use super::{hand_in, resume, review};
use crate::ui::browser;
use crate::ui::components::{use_page_title, PageHeading};
use crate::ui::route::Route;
use crate::ui::state::expect_app_state;
use cpp_domain::assessment::{Assessment, AssessmentDetails};
use cpp_format::ballot_code::spaced_session_code;
use cpp_format::response_file::token_from_bytes;

#[component]
pub fn JoinPage(session_code: u32, questionnaire_id: String, version: String) -> impl IntoView {
    let state = expect_app_state();
    use_page_title(|| "Rate for your board".into());
    let session = spaced_session_code(session_code);
    let Some(questionnaire) = state
        .catalogue
        .version_for(&questionnaire_id, &version)
        .filter(|q| q.version == version)
    else {
        return view! {
            <PageHeading>"This session cannot be joined here"</PageHeading>
            <p class="body">{format!("Board session {session} uses a questionnaire (\u{201c}{questionnaire_id}\u{201d}, version {version}) that this copy of the app does not have. Ask the facilitator for the link to the copy of the app they are using.")}</p>
            <p class="body"><a href=Route::Start.href()>"Go to the start page"</a></p>
        }
        .into_any();
    };
    let questionnaire = StoredValue::new(questionnaire);
    let existing = Memo::new(move |_| {
        questionnaire.with_value(|q| {
            state.assessments.all().with(|list| {
                list.iter()
                    .find(|a| a.is_ballot_for(session_code, q))
                    .cloned()
            })
        })
    });
    let total = questionnaire.with_value(|q| q.expectation_count());
    let title = questionnaire.with_value(|q| q.title.clone());
    let start = move |_| {
        let ballot = questionnaire.with_value(|q| {
            let mut ballot = Assessment::new(
                browser::new_id(),
                q,
                AssessmentDetails {
                    partnership: format!("Board session {}", spaced_session_code(session_code)),
                    date: browser::today_iso(),
                    assessor_role: String::new(),
                },
                browser::now_iso(),
            );
            ballot.board_session = Some(session_code);
            ballot.response_token = Some(token_from_bytes(&browser::random_bytes::<16>()));
            ballot
        });
        let first = questionnaire.with_value(|q| resume(q, &ballot));
        if state.assessments.insert_without_asking(ballot) {
            state.navigate(&first);
        }
    };
    let carry_on = move || {
        existing.get().map(|ballot| {
            let (rated, next) =
                questionnaire.with_value(|q| (ballot.answered_count(q), resume(q, &ballot)));
            view! {
                <p class="body">{format!("You have started your ballot on this phone: {rated} of {total} rated.")}</p>
                <div class="button-group">
                    <a class="button" href=next.href()>"Carry on rating"</a>
                    <a class="link" href=review(&ballot.id).href()>"Review your ratings"</a>
                    <a class="link" href=hand_in(&ballot.id).href()>"Hand in your ballot"</a>
                </div>
            }
        })
    };
    view! {
        <span class="caption-l">{format!("Board session {session}")}</span>
        <PageHeading>"Rate for your board"</PageHeading>
        <p class="body">{format!("Your board is assessing itself against the {total} expectations of \u{201c}{title}\u{201d}. Rate each one on this phone, then show the facilitator your ballot's code.")}</p>
        <ol class="list list--number">
            <li>"Rate each expectation: one a screen. Skip any you want to come back to; you can stop and finish later, even on another day."</li>
            <li>"Hand in: your phone shows a QR code. Hold it up to the facilitator's laptop camera, or read out the code under it."</li>
            <li>"When your ballot is in, wipe your ratings from this phone if you wish."</li>
        </ol>
        <div class="inset">
            <p class="body">"Your ratings stay in this phone's browser: nothing is sent anywhere. In the session your ballot is anonymous: the facilitator's screen shows only that a ballot arrived, never its ratings, and spreads are only shown when enough members have rated. Show your code only to the facilitator's camera."</p>
        </div>
        <Show when=move || existing.with(Option::is_none) fallback=carry_on>
            <button type="button" class="button button--start" on:click=start>"Start rating"</button>
        </Show>
    }
    .into_any()
}
