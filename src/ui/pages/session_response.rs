//! "My response for the board session": a member who rated on their own device saves the
//! file they hand to the facilitator. They name the session it is for, see exactly what the
//! file holds (ratings only: no notes, role or name) and save it.

use leptos::prelude::*;

use crate::ui::browser;
use crate::ui::components::{
    BackLink, ErrorSummary, FormError, FormErrors, PageHeading, SuccessBanner, TextField,
};
use crate::ui::pages::ballot::{BallotCodeShown, ShownCode};
use crate::ui::route::{AssessmentPage, Route};
use crate::ui::state::expect_app_state;
use cpp_domain::assessment::{Assessment, AssessmentDetails, DetailsField};
use cpp_domain::questionnaire::Questionnaire;
use cpp_format::ballot_code::read_session_code;
use cpp_format::record;
use cpp_format::response_file::{from_assessment, token_from_bytes};

const PARTNERSHIP_ID: &str = "response-partnership";
const DATE_ID: &str = "response-date";

#[component]
pub fn SessionResponsePage(
    assessment: Memo<Assessment>,
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    let state = expect_app_state();
    let errors = FormErrors::new();
    errors.use_title(|| "Your response for the board session".into());
    let (id, partnership, date, kept_token) = assessment.with_untracked(|a| {
        (
            a.id.clone(),
            a.details.partnership.clone(),
            a.details.date.clone(),
            a.response_token.clone(),
        )
    });
    // The token is kept with the assessment when the file is first saved, so a later
    // response from this assessment replaces the earlier one in the session.
    let token = StoredValue::new(
        kept_token.unwrap_or_else(|| token_from_bytes(&browser::random_bytes::<16>())),
    );
    let partnership = RwSignal::new(partnership);
    let date = RwSignal::new(date);
    let response = move || {
        questionnaire.with_value(|q| {
            assessment.with(|a| {
                from_assessment(q, a, &token.get_value(), &partnership.get(), &date.get())
            })
        })
    };
    let preview = move || record::encode_pretty(&response()).unwrap_or_else(|e| e.to_string());
    let total = questionnaire.with_value(Questionnaire::expectation_count);
    let rated = move || response().ratings.len();
    let saved = RwSignal::new(false);
    // Kept with the assessment the first time a file or code is made from it.
    let keep_token = {
        let id = id.clone();
        Callback::new(move |()| {
            if assessment.with_untracked(|a| a.response_token.is_none()) {
                state.assessments.update(&id, |a| {
                    a.response_token = Some(token.get_value());
                });
            }
        })
    };
    let save = {
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            saved.set(false);
            match AssessmentDetails::validate(
                &partnership.get_untracked(),
                &date.get_untracked(),
                "",
            ) {
                Ok(_) => {
                    errors.clear();
                    let file = response();
                    keep_token.run(());
                    saved.set(state.notices.offer_as_shown(&file));
                }
                Err(problems) => errors.show(
                    problems
                        .into_iter()
                        .map(|p| FormError {
                            field_id: match p.field {
                                DetailsField::Partnership => PARTNERSHIP_ID,
                                _ => DATE_ID,
                            }
                            .into(),
                            message: p
                                .message
                                .replace("of the assessment", "of the board session"),
                        })
                        .collect(),
                ),
            }
        }
    };
    view! {
        <BackLink route=Route::assessment(id, AssessmentPage::Tasks) label="Back to your assessment"/>
        <ErrorSummary errors=errors.list()/>
        <Show when=move || saved.get()>
            <SuccessBanner message="Your response is saved. Send the file to the facilitator of the board session.".to_owned()/>
        </Show>
        <PageHeading>"Your response for the board session"</PageHeading>
        <p class="body">"If your board is holding a self-assessment session, save this file and send it to the facilitator. It holds your ratings only: not your evidence notes, not your role and not your name."</p>
        <p class="body">"In the session your ratings become an anonymous ballot. Nobody there can see which ballot is yours, and spreads of ratings are only shown when enough members have answered. The facilitator could still open the file itself, so send it only to them."</p>
        <p class="body" role="status">{move || format!("You have rated {} of {total} expectations. Any you have not rated are left out and count as not answered.", rated())}</p>
        <form novalidate on:submit=save>
            <TextField id=PARTNERSHIP_ID label="Partnership holding the session" hint="As the facilitator will name it, for example Anytown Community Planning Partnership"
                value=partnership error=errors.for_field(PARTNERSHIP_ID) autocomplete="organization"/>
            <TextField id=DATE_ID label="Date of the board session" hint="The day the board meets"
                value=date error=errors.for_field(DATE_ID) input_type="date" class="input input--date"/>
            <h2 class="heading-m">"Exactly what the file contains"</h2>
            <pre class="file-preview" tabindex="0" aria-label="Your response file's contents">{preview}</pre>
            <p class="body">"If you change your ratings later, save a new response: it replaces this one in the session, as long as the session has not started showing spreads."</p>
            <button type="submit" class="button">"Save my response"</button>
        </form>
        <BallotCodeHandIn assessment questionnaire token keep_token errors/>
    }
}

const SESSION_CODE_ID: &str = "response-session-code";

/// Handing the ballot in as a code instead of a file: the member enters the session's code
/// and shows the facilitator the QR code, or reads out the typed code under it.
#[component]
fn BallotCodeHandIn(
    assessment: Memo<Assessment>,
    questionnaire: StoredValue<Questionnaire>,
    token: StoredValue<String>,
    keep_token: Callback<()>,
    /// The page's errors: one summary at the top lists both forms' problems.
    errors: FormErrors,
) -> impl IntoView {
    let session_code = RwSignal::new(String::new());
    let shown_for = RwSignal::new(None::<u32>);
    let show = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match read_session_code(&session_code.get_untracked()) {
            Some(code) => {
                errors.clear();
                keep_token.run(());
                shown_for.set(Some(code));
            }
            None => errors.show(vec![FormError {
                field_id: SESSION_CODE_ID.into(),
                message: "Enter the session's code: six digits, as the facilitator shows them"
                    .into(),
            }]),
        }
    };
    let code = Memo::new(move |_| {
        let session = shown_for.get()?;
        questionnaire
            .with_value(|q| assessment.with(|a| ShownCode::of(q, a, session, &token.get_value())))
    });
    view! {
        <h2 class="heading-m">"Or hand in your ballot as a code"</h2>
        <p class="body">"If the facilitator is collecting ballot codes, enter the session's code they show. Your device then shows your ballot as a QR code for their camera, and as letters and digits they can type."</p>
        <form novalidate on:submit=show>
            <TextField id=SESSION_CODE_ID label="Session code" hint="Six digits, for example 123 456"
                value=session_code error=errors.for_field(SESSION_CODE_ID) class="input input--width-10"/>
            <button type="submit" class="button button--secondary">"Show my ballot code"</button>
        </form>
        <BallotCodeShown code/>
    }
}
