//! "New assessment": the partnership, the date and, optionally, the assessor's role.

use leptos::prelude::*;

use super::MAIN_HEADING_ID;
use crate::domain::assessment::{AssessmentDetails, DetailsField};
use crate::ui::browser;
use crate::ui::components::{
    use_page_title, BackLink, ErrorSummary, FieldError, FormError, ERROR_SUMMARY_ID,
};
use crate::ui::route::Route;
use crate::ui::state::expect_app_state;

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
    let errors = RwSignal::new(Vec::<FormError>::new());
    let error_for = move |id: &'static str| {
        Signal::derive(move || {
            errors.with(|list| {
                list.iter()
                    .find(|e| e.field_id == id)
                    .map(|e| e.message.clone())
            })
        })
    };
    use_page_title(move || {
        let prefix = if errors.with(Vec::is_empty) {
            ""
        } else {
            "Error: "
        };
        format!("{prefix}Start a new assessment")
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(questionnaire) = state.default_questionnaire() else {
            return;
        };
        match AssessmentDetails::validate(
            &partnership.get_untracked(),
            &date.get_untracked(),
            &role.get_untracked(),
        ) {
            Ok(details) => {
                let id = state.create_assessment(&questionnaire, details);
                state
                    .notice
                    .set(Some("Assessment saved to this device".into()));
                state.navigate(&Route::TaskList { assessment: id });
            }
            Err(problems) => {
                errors.set(
                    problems
                        .into_iter()
                        .map(|p| FormError {
                            field_id: field_id(p.field),
                            message: p.message,
                        })
                        .collect(),
                );
                request_animation_frame(|| browser::focus_by_id(ERROR_SUMMARY_ID));
            }
        }
    };

    let group_class = move |id: &'static str| {
        move || {
            if error_for(id).get().is_some() {
                "form-group form-group--error"
            } else {
                "form-group"
            }
        }
    };
    let described_by = move |hint: &'static str, id: &'static str| {
        move || {
            if error_for(id).get().is_some() {
                format!("{hint} {id}-error")
            } else {
                hint.to_owned()
            }
        }
    };

    view! {
        <BackLink route=Route::Start label="Back"/>
        <ErrorSummary errors=errors.into()/>
        <h1 class="heading-l" id=MAIN_HEADING_ID tabindex="-1">"Start a new assessment"</h1>
        <form novalidate on:submit=submit>
            <div class=group_class(PARTNERSHIP_ID)>
                <label class="label" for=PARTNERSHIP_ID>"Name of the partnership"</label>
                <p class="hint" id="partnership-hint">"For example, Anytown Community Planning Partnership"</p>
                <FieldError id="partnership-error" message=error_for(PARTNERSHIP_ID)/>
                <input class="input" id=PARTNERSHIP_ID name="partnership" type="text" autocomplete="organization"
                    aria-describedby=described_by("partnership-hint", PARTNERSHIP_ID)
                    on:input=move |ev| partnership.set(event_target_value(&ev))
                    prop:value=partnership/>
            </div>
            <div class=group_class(DATE_ID)>
                <label class="label" for=DATE_ID>"Date of the assessment"</label>
                <p class="hint" id="date-hint">"Usually today, or the date of the board session"</p>
                <FieldError id="assessment-date-error" message=error_for(DATE_ID)/>
                <input class="input input--date" id=DATE_ID name="date" type="date"
                    aria-describedby=described_by("date-hint", DATE_ID)
                    on:input=move |ev| date.set(event_target_value(&ev))
                    prop:value=date/>
            </div>
            <div class=group_class(ROLE_ID)>
                <label class="label" for=ROLE_ID>"Your role (optional)"</label>
                <p class="hint" id="role-hint">"For example, board member for the health board, or community planning officer. Leave it blank if you prefer."</p>
                <FieldError id="assessor-role-error" message=error_for(ROLE_ID)/>
                <input class="input" id=ROLE_ID name="role" type="text" autocomplete="organization-title"
                    aria-describedby=described_by("role-hint", ROLE_ID)
                    on:input=move |ev| role.set(event_target_value(&ev))
                    prop:value=role/>
            </div>
            <button type="submit" class="button">"Continue"</button>
        </form>
    }
}
