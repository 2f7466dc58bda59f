//! "New assessment": the partnership, the date and, optionally, the assessor's role.

use leptos::prelude::*;

use crate::ui::browser;
use crate::ui::components::{
    BackLink, ErrorSummary, FormError, FormErrors, PageHeading, TextField,
};
use crate::ui::questionnaire_choice::{chosen_or_error, default_choice, QuestionnaireChoice};
use crate::ui::route::{AssessmentPage, Route};
use crate::ui::state::expect_app_state;
use cpp_domain::assessment::{Assessment, AssessmentDetails, DetailsField};

const PARTNERSHIP_ID: &str = "partnership";
const DATE_ID: &str = "assessment-date";
const ROLE_ID: &str = "assessor-role";

fn field_id(field: DetailsField) -> &'static str {
    match field {
        DetailsField::Partnership => PARTNERSHIP_ID,
        DetailsField::Date => DATE_ID,
        DetailsField::AssessorRole => ROLE_ID,
    }
}

#[component]
pub fn NewAssessmentPage() -> impl IntoView {
    let state = expect_app_state();
    let partnership = RwSignal::new(String::new());
    let date = RwSignal::new(browser::today_iso());
    let role = RwSignal::new(String::new());
    let questionnaire_key = default_choice();
    let errors = FormErrors::new();
    let error_for = move |id: &'static str| errors.for_field(id);
    errors.use_title(|| "Start a new assessment".into());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(questionnaire) = chosen_or_error(questionnaire_key, errors) else {
            return;
        };
        match AssessmentDetails::validate(
            &partnership.get_untracked(),
            &date.get_untracked(),
            &role.get_untracked(),
        ) {
            Ok(details) => {
                let id = browser::new_id();
                state.assessments.insert(Assessment::new(
                    id.clone(),
                    &questionnaire,
                    details,
                    browser::now_iso(),
                ));
                state.notices.announce("Assessment saved to this device");
                state.navigate(&Route::assessment(id, AssessmentPage::Tasks));
            }
            Err(problems) => errors.show(
                problems
                    .into_iter()
                    .map(|p| FormError {
                        field_id: field_id(p.field).into(),
                        message: p.message,
                    })
                    .collect(),
            ),
        }
    };

    view! {
        <BackLink route=Route::Start label="Back"/>
        <ErrorSummary errors=errors.list()/>
        <PageHeading>"Start a new assessment"</PageHeading>
        <form novalidate on:submit=submit>
            <QuestionnaireChoice chosen=questionnaire_key/>
            <TextField id=PARTNERSHIP_ID label="Name of the partnership"
                hint="For example, Anytown Community Planning Partnership"
                value=partnership error=error_for(PARTNERSHIP_ID) autocomplete="organization"/>
            <TextField id=DATE_ID label="Date of the assessment"
                hint="Usually today, or the date of the board session"
                value=date error=error_for(DATE_ID) input_type="date" class="input input--date"/>
            <TextField id=ROLE_ID label="Your role (optional)"
                hint="For example, board member for the health board, or community planning officer. Leave it blank if you prefer."
                value=role error=error_for(ROLE_ID) autocomplete="organization-title"/>
            <button type="submit" class="button">"Continue"</button>
        </form>
    }
}
