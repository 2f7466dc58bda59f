//! "Enter ballot codes": the facilitator types in the code a member's device shows, and
//! the ballot goes into the ballot box. The page shows the session's code for members, the
//! receipt of each ballot (its last four characters, which name nobody) and the count, never
//! a ballot's ratings.

use leptos::prelude::*;
use web_sys::{HtmlCanvasElement, MediaStream};

use super::collect::BallotBoxClosed;
use super::SessionCaption;
use crate::ui::camera;
use crate::ui::components::{
    BackLink, ErrorSummary, FormError, FormErrors, PageHeading, TextField,
};
use crate::ui::extras;
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
    view! {
        <BackLink route=back label="Back to the session"/>
        <ErrorSummary errors=errors.list()/>
        <SessionCaption session/>
        <PageHeading>"Enter ballot codes"</PageHeading>
        <p class="body">"Members who rated on their own device open \u{201c}My response for the board session\u{201d} from their assessment, enter this session's code, and show you their ballot code. Type it here. It goes into the ballot box as an anonymous ballot: nothing records whose it was."</p>
        <p class="body">"This session's code: " <strong class="session-code">{session_code}</strong></p>
        <p class="body" role="status">
            {move || received.get().map(|r| format!("{r} "))}
            {move || format!("Ballots in the box: {}.", session.with(Session::ballot_count))}
        </p>
        <ScanBallots session_id=id.clone() questionnaire received/>
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

/// How often a frame is read while the camera runs (about five a second).
const SCAN_EVERY_MS: u64 = 200;

/// "Scan ballot codes": the camera, started only when the facilitator asks, with a choice
/// of camera once it runs. Each code seen is handed in once; holding it there, or showing
/// it again, does not add it again (a member who changed their mind shows a new code).
#[component]
fn ScanBallots(
    session_id: String,
    questionnaire: StoredValue<Questionnaire>,
    received: RwSignal<Option<String>>,
) -> impl IntoView {
    // Read here: the scanning tasks run outside the component tree.
    let state = expect_app_state();
    let video = NodeRef::<leptos::html::Video>::new();
    let stream = StoredValue::new_local(None::<MediaStream>);
    let canvas = StoredValue::new_local(None::<HtmlCanvasElement>);
    let timer = StoredValue::new(None::<IntervalHandle>);
    let running = RwSignal::new(false);
    let cameras = RwSignal::new(Vec::<(String, String)>::new());
    let problem = RwSignal::new(None::<String>);
    // Every code seen while this page is open, so one held up for a while, or seen again,
    // is handed in once.
    let seen = StoredValue::new(std::collections::BTreeSet::<String>::new());
    let reading = StoredValue::new(false);

    let stop = move || {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        timer.set_value(None);
        stream.with_value(|s| s.as_ref().map(camera::stop));
        stream.set_value(None);
    };
    let read_frame = move || {
        if reading.get_value() {
            return;
        }
        let (Some(video), Some(canvas)) = (video.get_untracked(), canvas.get_value()) else {
            return;
        };
        let Some((width, height, rgba)) = camera::frame(&video, &canvas) else {
            return;
        };
        reading.set_value(true);
        let session_id = session_id.clone();
        leptos::task::spawn_local(async move {
            let found = extras::qr_codes_in_frame(width, height, rgba).await;
            reading.set_value(false);
            match found {
                Ok(found) => {
                    for digits in found {
                        if !seen
                            .try_update_value(|seen| seen.insert(digits.clone()))
                            .unwrap_or(false)
                        {
                            continue;
                        }
                        match hand_in(state, &session_id, questionnaire, &digits) {
                            Ok(message) => {
                                problem.set(None);
                                received.set(Some(message));
                            }
                            Err(why) => problem.set(Some(why)),
                        }
                    }
                }
                Err(why) => problem.set(Some(format!("The codes cannot be read: {why}."))),
            }
        });
    };
    let start = move |device: Option<String>| {
        stop();
        let Some(element) = video.get_untracked() else {
            return;
        };
        let read_frame = read_frame.clone();
        leptos::task::spawn_local(async move {
            match camera::start(&element, device).await {
                Ok(started) => {
                    stream.set_value(Some(started));
                    if canvas.with_value(Option::is_none) {
                        canvas.set_value(camera::new_canvas());
                    }
                    problem.set(None);
                    running.set(true);
                    cameras.set(camera::cameras().await);
                    let every = std::time::Duration::from_millis(SCAN_EVERY_MS);
                    timer.set_value(set_interval_with_handle(read_frame, every).ok());
                }
                Err(why) => {
                    running.set(false);
                    problem.set(Some(format!("{why}.")));
                }
            }
        });
    };
    on_cleanup(stop);
    let start_first = start.clone();
    view! {
        <h2 class="heading-m">"Scan ballot codes"</h2>
        <p class="body">"Each member holds their ballot code about 30 cm from this laptop's camera. The camera is used only on this page; nothing it sees is kept or sent anywhere."</p>
        <p class="inline-problem" role="alert">{move || problem.get()}</p>
        <video node_ref=video class="scan-video" prop:muted=true autoplay playsinline
            aria-label="Camera view" hidden=move || !running.get()></video>
        <Show when=move || running.get() && cameras.with(|c| c.len() > 1)>
            <div class="form-group">
                <label class="label" for="scan-camera">"Camera"</label>
                <select class="select" id="scan-camera"
                    on:change={
                        let start = start.clone();
                        move |ev| start(Some(event_target_value(&ev)))
                    }>
                    {move || cameras.get().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
            </div>
        </Show>
        <Show when=move || running.get()
            fallback={
                let start = start_first.clone();
                move || {
                    let start = start.clone();
                    view! { <button type="button" class="button" on:click=move |_| start(None)>"Start the camera"</button> }
                }
            }>
            <button type="button" class="button button--secondary" on:click=move |_| { stop(); running.set(false); }>"Stop the camera"</button>
        </Show>
    }
}
