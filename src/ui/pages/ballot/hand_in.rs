//! "Hand in your ballot": the ballot as a QR code and a typed code for the session it was
//! joined for, and, once it is in, wiping the ratings from this phone.

use leptos::prelude::*;

use super::{review, session_name, BallotCodeShown, ShownCode};
use crate::ui::browser;
use crate::ui::components::{use_page_title, BackLink, PageHeading};
use crate::ui::route::{AssessmentPage, Route};
use crate::ui::state::expect_app_state;
use cpp_domain::assessment::Assessment;
use cpp_domain::questionnaire::Questionnaire;
use cpp_format::response_file::token_from_bytes;

#[component]
pub fn HandInPage(
    assessment: Memo<Assessment>,
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    let state = expect_app_state();
    use_page_title(|| "Hand in your ballot".into());
    let (id, session_code, kept_token) =
        assessment.with_untracked(|a| (a.id.clone(), a.board_session, a.response_token.clone()));
    let Some(session_code) = session_code else {
        // Assessments started on their own give their response from the response page,
        // where the member enters the session's code.
        return view! {
            <PageHeading>"This assessment is not a ballot"</PageHeading>
            <p class="body"><a href=Route::assessment(id, AssessmentPage::Response).href()>"Make a response for a board session from it"</a></p>
        }
        .into_any();
    };
    // Kept with the ballot, so the same ballot handed in again replaces the earlier one.
    let token = kept_token.unwrap_or_else(|| {
        let token = token_from_bytes(&browser::random_bytes::<16>());
        state
            .assessments
            .update(&id, |a| a.response_token = Some(token.clone()));
        token
    });
    let code = Memo::new(move |_| {
        questionnaire.with_value(|q| assessment.with(|a| ShownCode::of(q, a, session_code, &token)))
    });
    let total = questionnaire.with_value(Questionnaire::expectation_count);
    let rated = move || questionnaire.with_value(|q| assessment.with(|a| a.answered_count(q)));
    view! {
        <BackLink route=review(&id) label="Back to your ratings"/>
        <span class="caption-l">{move || assessment.with(session_name)}</span>
        <PageHeading>"Hand in your ballot"</PageHeading>
        <p class="body">{move || format!("Your ballot holds your {} of {total} ratings. Nobody in the session can tell which ballot is yours.", rated())}</p>
        <BallotCodeShown code/>
        <p class="body">"Changed your mind? "<a href=review(&id).href()>"Change your ratings"</a>" and show your code again: your new ballot replaces this one, until the facilitator starts showing spreads."</p>
        <WipeBallot id/>
    }
    .into_any()
}

const CONFIRM_WIPE_ID: &str = "confirm-wipe";

/// Wiping the ballot from this phone once it is handed in: asked once more, because it
/// cannot be undone.
#[component]
fn WipeBallot(id: String) -> impl IntoView {
    let state = expect_app_state();
    let confirming = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let ask = move |_| {
        confirming.set(true);
        request_animation_frame(|| browser::focus_by_id(CONFIRM_WIPE_ID));
    };
    let wipe = move |_| match state.assessments.delete(&id) {
        Ok(()) => {
            state
                .notices
                .announce("Your ratings are wiped from this phone");
            state.navigate(&Route::Start);
        }
        Err(error) => failure.set(Some(format!(
            "{error}. Your ratings are still on this phone."
        ))),
    };
    view! {
        <h2 class="heading-m">"When the facilitator has your ballot"</h2>
        <p class="body">"Your ratings stay in this phone's browser until you wipe them. Keep them if you may want to change them before the facilitator starts showing spreads."</p>
        <Show when=move || failure.with(Option::is_some)>
            <div class="warning-callout" role="alert"><p>{move || failure.get().unwrap_or_default()}</p></div>
        </Show>
        <Show when=move || confirming.get()
            fallback=move || view! { <button type="button" class="button button--secondary" on:click=ask>"Wipe my ratings from this phone"</button> }>
            <p class="body"><strong>"This deletes your ratings from this phone and cannot be undone. A ballot you have handed in stays in the session."</strong></p>
            <div class="button-group">
                <button type="button" class="button button--warning" id=CONFIRM_WIPE_ID on:click=wipe.clone()>"Yes, wipe my ratings"</button>
                <button type="button" class="button button--secondary" on:click=move |_| confirming.set(false)>"No, keep them"</button>
            </div>
        </Show>
    }
}
