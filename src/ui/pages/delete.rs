//! Confirms before an assessment is deleted from this device.

use leptos::prelude::*;

use super::MAIN_HEADING_ID;
use crate::domain::assessment::{long_date, Assessment};
use crate::ui::components::{use_page_title, BackLink};
use crate::ui::route::Route;
use crate::ui::state::expect_app_state;

#[component]
pub fn DeletePage(assessment: Memo<Assessment>) -> impl IntoView {
    let state = expect_app_state();
    use_page_title(|| "Delete this assessment?".into());
    let (id, name, date) = assessment.with_untracked(|a| {
        (
            a.id.clone(),
            a.details.partnership.clone(),
            a.details.date.clone(),
        )
    });
    let failure = RwSignal::new(None::<String>);
    let delete = {
        let (id, name) = (id.clone(), name.clone());
        move |_| match state.delete_assessment(&id) {
            Ok(()) => {
                state.notice.set(Some(format!(
                    "The assessment of {name} was deleted from this device"
                )));
                state.navigate(&Route::Start);
            }
            Err(error) => failure.set(Some(format!("{error}. The assessment was not deleted."))),
        }
    };
    view! {
        <BackLink route=Route::TaskList { assessment: id.clone() } label="Back"/>
        <Show when=move || failure.with(Option::is_some)>
            <div class="warning-callout" role="alert"><p>{move || failure.get().unwrap_or_default()}</p></div>
        </Show>
        <h1 class="heading-l" id=MAIN_HEADING_ID tabindex="-1">{format!("Delete the assessment of {name}?")}</h1>
        <p class="body">{format!("Dated {}. ", long_date(&date))}"All its answers, notes and plan will be removed from this browser. This cannot be undone."</p>
        <p class="body">"If you might need it again, go back and download a backup file first."</p>
        <div class="button-group">
            <button type="button" class="button button--warning" on:click=delete>"Yes, delete this assessment"</button>
            <a class="link" href=Route::TaskList { assessment: id }.href()>"No, keep it"</a>
        </div>
    }
}
