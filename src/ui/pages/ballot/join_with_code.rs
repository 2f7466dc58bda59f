//! "Rate for a board session" from the start page: for a member whose copy of the app was
//! not opened from the session's link (the single-file edition, or an app already open).
//! They enter the session's code and choose the questionnaire the session uses.

use leptos::prelude::*;

use crate::ui::components::{
    BackLink, ErrorSummary, FormError, FormErrors, PageHeading, TextField,
};
use crate::ui::questionnaire_choice::{chosen_or_error, default_choice, QuestionnaireChoice};
use crate::ui::route::Route;
use crate::ui::state::expect_app_state;
use cpp_format::ballot_code::read_session_code;

const SESSION_CODE_ID: &str = "join-session-code";

#[component]
pub fn JoinWithCodePage() -> impl IntoView {
    let state = expect_app_state();
    let errors = FormErrors::new();
    errors.use_title(|| "Rate for a board session".into());
    let code = RwSignal::new(String::new());
    let questionnaire_key = default_choice();
    let join = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(session_code) = read_session_code(&code.get_untracked()) else {
            errors.show(vec![FormError {
                field_id: SESSION_CODE_ID.into(),
                message: "Enter the session's code: six digits, as the facilitator shows them"
                    .into(),
            }]);
            return;
        };
        if let Some(questionnaire) = chosen_or_error(questionnaire_key, errors) {
            state.navigate(&Route::Join {
                session_code,
                questionnaire: questionnaire.id,
                version: questionnaire.version,
            });
        }
    };
    view! {
        <BackLink route=Route::Start label="Back"/>
        <ErrorSummary errors=errors.list()/>
        <PageHeading>"Rate for a board session"</PageHeading>
        <p class="body">"If your board's facilitator is collecting ballot codes, enter the session's code they give you. If they showed a QR code, scanning it with your phone's camera brings you straight to your ballot."</p>
        <form novalidate on:submit=join>
            <TextField id=SESSION_CODE_ID label="Session code" hint="Six digits, for example 123 456"
                value=code error=errors.for_field(SESSION_CODE_ID) class="input input--width-10"/>
            <QuestionnaireChoice chosen=questionnaire_key/>
            <button type="submit" class="button">"Continue"</button>
        </form>
    }
}
