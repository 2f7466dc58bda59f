//! "Enter ballot codes": the facilitator types in the code a member's device shows, and
//! the ballot goes into the ballot box. The page shows the session's code for members, the
//! receipt of each ballot (its last four characters, which name nobody) and the count, never
//! a ballot's ratings.

use leptos::prelude::*;

use super::collect::BallotBoxClosed;
use super::scan::ScanBallots;
use super::SessionCaption;
use crate::ui::components::{
    BackLink, ErrorSummary, FormError, FormErrors, PageHeading, TextField,
};
use crate::ui::route::{Route, SessionPage};
use crate::ui::state::{expect_app_state, AppState};
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::session::{BallotAdded, Session};
use cpp_format::ballot_code::{self, spaced_session_code};

const CODE_ID: &str = "ballot-code";

#[component]
pub fn BallotCodesPage(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    let state = expect_app_state();
    let errors = FormErrors::new();
    errors.use_title(|| "Enter ballot codes".into());
    let id = session.with_untracked(|s| s.id.clone());
    let back = Route::session(id.clone(), SessionPage::Home);
    if session.with_untracked(Session::ballot_box_is_closed) {
        return view! {
            <BackLink route=back label="Back to the session"/>
            <BallotBoxClosed session_id=id/>
        }
        .into_any();
    }
    let code = RwSignal::new(String::new());
    let received = RwSignal::new(None::<String>);
    let add = {
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            received.set(None);
            match hand_in(state, &id, questionnaire, &code.get_untracked()) {
                Ok(message) => {
                    errors.clear();
                    code.set(String::new());
                    received.set(Some(message));
                }
                Err(message) => errors.show(vec![FormError {
                    field_id: CODE_ID.into(),
                    message,
                }]),
            }
        }
    };
    let session_code = spaced_session_code(ballot_code::session_code(&id));
    let scanned = {
        let id = id.clone();
        Callback::new(move |digits: String| hand_in(state, &id, questionnaire, &digits))
    };
    view! {
        <BackLink route=back label="Back to the session"/>
        <ErrorSummary errors=errors.list()/>
        <SessionCaption session/>
        <PageHeading>"Enter ballot codes"</PageHeading>
        <p class="body">"Members who rated on their phone (from the session's join link, or from \u{201c}My response for the board session\u{201d} in an assessment of their own) show you their ballot code. Scan it or type it here. It goes into the ballot box as an anonymous ballot: nothing records whose it was."</p>
        <p class="body">"This session's code: " <strong class="session-code">{session_code}</strong></p>
        <p class="body" role="status">
            {move || received.get().map(|r| format!("{r} "))}
            {move || session.with(|s| match s.board_size() {
                Some(size) => format!("Ballots in the box: {} of {size}.", s.ballot_count()),
                None => format!("Ballots in the box: {}.", s.ballot_count()),
            })}
        </p>
        <ScanBallots received hand_in=scanned/>
        <h2 class="heading-m">"Type a ballot code"</h2>
        <form novalidate on:submit=add>
            <TextField id=CODE_ID label="Ballot code"
                hint="Nine groups of letters and digits, as the member's device shows them. Capitals, spaces and hyphens do not matter."
                value=code error=errors.for_field(CODE_ID) class="input input--code"/>
            <button type="submit" class="button">"Add the ballot"</button>
        </form>
    }
    .into_any()
}

/// Reads a ballot code, typed or scanned, and puts its ballot in the session's box: what to
/// tell the facilitator, or why it was not added.
fn hand_in(
    state: AppState,
    session_id: &str,
    questionnaire: StoredValue<Questionnaire>,
    text: &str,
) -> Result<String, String> {
    let ballot = questionnaire
        .with_value(|q| ballot_code::read(text, session_id, q))
        .map_err(|problem| format!("{problem}."))?;
    let receipt = ballot.receipt();
    let mut added = None;
    state.sessions.update(session_id, |s| {
        added = Some(s.add_ballot(questionnaire.with_value(|q| ballot.into_ballot(q))));
    });
    match added {
        Some(Ok(BallotAdded::New)) => Ok(format!("Ballot received (…{receipt}).")),
        Some(Ok(BallotAdded::Replaced)) => Ok(format!(
            "Ballot received (…{receipt}). It replaces the same member's earlier ballot."
        )),
        Some(Err(refusal)) => Err(format!("{refusal}.")),
        None => Err("This session is no longer on this device.".into()),
    }
}
