//! Setting up a board session, or opening one from a session file.

use leptos::prelude::*;

use crate::ui::browser;
use crate::ui::components::{
    use_page_title, BackLink, ErrorSummary, FormError, FormErrors, PageHeading, TextField,
};
use crate::ui::questionnaire_choice::{chosen_or_error, default_choice, QuestionnaireChoice};
use crate::ui::route::{Route, SessionPage};
use crate::ui::state::expect_app_state;
use cpp_domain::assessment::{AssessmentDetails, DetailsField};
use cpp_domain::session::{read_board_size, Session, SessionDetails};
use cpp_format::import::read_session;

pub(super) const BOARD_SIZE_ID: &str = "session-board-size";
pub(super) const BOARD_SIZE_ERROR: &str =
    "Enter the number of board members as a whole number from 1 to 100, or leave it blank";

#[component]
pub fn NewSessionPage() -> impl IntoView {
    let state = expect_app_state();
    let partnership = RwSignal::new(String::new());
    let date = RwSignal::new(browser::today_iso());
    let board_size = RwSignal::new(String::new());
    let questionnaire_key = default_choice();
    let errors = FormErrors::new();
    let error_for = move |id: &'static str| errors.for_field(id);
    errors.use_title(|| "Set up a board session".into());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(questionnaire) = chosen_or_error(questionnaire_key, errors) else {
            return;
        };
        // The same rules as an individual assessment's details; there is no role here.
        let details =
            AssessmentDetails::validate(&partnership.get_untracked(), &date.get_untracked(), "");
        let size = read_board_size(&board_size.get_untracked());
        match (details, size) {
            (Ok(details), Ok(size)) => {
                let id = browser::new_id();
                let mut session = Session::new(
                    id.clone(),
                    &questionnaire,
                    SessionDetails {
                        partnership: details.partnership,
                        date: details.date,
                    },
                    browser::now_iso(),
                );
                // A new session has no ballots, so any size read is possible.
                let _ = session.set_board_size(size);
                state.sessions.insert(session);
                state.notices.announce("Board session saved to this device");
                state.navigate(&Route::session(id, SessionPage::Home));
            }
            (details, size) => errors.show(
                details
                    .err()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|p| FormError {
                        field_id: match p.field {
                            DetailsField::Partnership => "session-partnership",
                            _ => "session-date",
                        }
                        .into(),
                        message: p.message.replace("assessment", "session"),
                    })
                    .chain(size.err().map(|_| FormError {
                        field_id: BOARD_SIZE_ID.into(),
                        message: BOARD_SIZE_ERROR.into(),
                    }))
                    .collect(),
            ),
        }
    };
    view! {
        <BackLink route=Route::Start label="Back"/>
        <ErrorSummary errors=errors.list()/>
        <PageHeading>"Set up a board session"</PageHeading>
        <p class="body">"Members rate each expectation privately, by passing this device round or by sending you their response from their own device. Their ratings go into a ballot box as anonymous ballots. The board then discusses each expectation, sees the spread of ratings when you reveal it, and agrees a rating. A show of hands can be counted too, apart from the ballots."</p>
        <p class="body">"No names are needed, and nothing records who gave which ratings."</p>
        <form novalidate on:submit=submit>
            <QuestionnaireChoice chosen=questionnaire_key/>
            <TextField id="session-partnership" label="Name of the partnership"
                hint="For example, Anytown Community Planning Partnership"
                value=partnership error=error_for("session-partnership") autocomplete="organization"/>
            <TextField id="session-date" label="Date of the session" hint="The day the board meets"
                value=date error=error_for("session-date") input_type="date" class="input input--date"/>
            <TextField id=BOARD_SIZE_ID label="Number of board members (optional)"
                hint="So the app can say how many have rated, and refuse a count larger than the board"
                value=board_size error=error_for(BOARD_SIZE_ID) input_mode="numeric" class="input input--width-3"/>
            <button type="submit" class="button">"Continue"</button>
        </form>
    }
}

#[component]
pub fn ImportSessionPage() -> impl IntoView {
    let state = expect_app_state();
    use_page_title(|| "Open a session file".into());
    let problem = RwSignal::new(None::<String>);
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(files) = input.files().map(browser::take_files) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let read = browser::read_files(files).await;
            let Some(file) = read.into_iter().next() else {
                return;
            };
            let questionnaires = state.catalogue.all().get_untracked();
            let result = file
                .contents
                .and_then(|bytes| read_session(&bytes, &questionnaires));
            match result {
                Ok(session) => {
                    let id = session.id.clone();
                    if !state.sessions.insert(session) {
                        problem.set(Some(format!(
                            "{}: this session is already on this device. Open it from the start page.",
                            file.name
                        )));
                        return;
                    }
                    state
                        .notices
                        .announce("Board session opened from the file and saved to this device");
                    state.navigate(&Route::session(id, SessionPage::Home));
                }
                Err(reason) => problem.set(Some(format!("{}: {reason}", file.name))),
            }
        });
    };
    view! {
        <BackLink route=Route::Start label="Back"/>
        <Show when=move || problem.with(Option::is_some)>
            <div class="error-summary" role="alert" tabindex="-1">
                <h2 class="error-summary__title">"There is a problem"</h2>
                <p class="body">{move || problem.get().unwrap_or_default()}</p>
            </div>
        </Show>
        <PageHeading>"Open a session file"</PageHeading>
        <p class="body">"Open a board session saved from this tool, for example one a colleague handed over. Nothing already on this device is changed."</p>
        <div class="form-group">
            <label class="label" for="session-file">"Choose a session file"</label>
            <p class="hint" id="session-file-hint">"It ends in .board-session.json"</p>
            <input class="file-input" type="file" id="session-file" accept=".json,application/json"
                aria-describedby="session-file-hint" on:change=on_change/>
        </div>
    }
}
