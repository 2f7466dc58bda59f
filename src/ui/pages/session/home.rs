//! The session's home: the ballot box (how many ballots, open or closed), the ways to
//! collect ratings, who took part, and the way on to discussion, results and the plan.

use leptos::prelude::*;

use super::join_panel::JoinPanel;
use super::new::BOARD_SIZE_ID;
use super::SessionCaption;
use crate::ui::components::{
    use_page_title, ErrorSummary, FormError, FormErrors, NotificationBanner, PageHeading,
    SaveIndicator, TextField,
};
use crate::ui::route::{Route, SessionPage};
use crate::ui::state::expect_app_state;
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::session::{read_board_size, Session, SessionRefusal, MIN_ANONYMITY_THRESHOLD};
use cpp_format::report::isolated;

#[component]
pub fn SessionHomePage(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    use_page_title(move || {
        format!(
            "Board session: {}",
            session.with(|s| isolated(&s.details.partnership))
        )
    });
    let id = session.with_untracked(|s| s.id.clone());
    let total = questionnaire.with_value(Questionnaire::expectation_count);
    let first_expectation = questionnaire
        .with_value(|q| q.expectations().next().map(|e| e.id.clone()))
        .unwrap_or_default();
    let state = expect_app_state();
    let export = Callback::new(move |()| state.notices.offer_record(&session.get_untracked()));
    let closed = Memo::new(move |_| session.with(Session::ballot_box_is_closed));
    let first_for_collect = first_expectation.clone();
    let first_on_agenda = questionnaire
        .with_value(|q| session.with_untracked(|s| s.agenda_in_order(q).first().cloned()))
        .unwrap_or(first_expectation);

    let summary = move || {
        session.with(|s| {
            let ballots = s.ballot_count();
            let agreed = questionnaire.with_value(|q| s.agreed_count(q));
            let hands = s.hands.len();
            let of_board = s.board_size().map(|n| format!(" of {n}")).unwrap_or_default();
            format!(
                "{ballots}{of_board} {} in the ballot box, which is {}. A show of hands is entered for {hands} {}. The board has agreed a rating for {agreed} of {total}.",
                if ballots == 1 && of_board.is_empty() { "ballot is" } else { "ballots are" },
                if s.ballot_box_is_closed() { "closed" } else { "open" },
                if hands == 1 { "expectation" } else { "expectations" },
            )
        })
    };

    view! {
        <NotificationBanner/>
        <SessionCaption session/>
        <PageHeading>
            "Board session: "<bdi>{move || session.with(|s| s.details.partnership.clone())}</bdi>
        </PageHeading>
        <SaveIndicator/>
        <p class="body progress" role="status">{summary}</p>

        <h2 class="heading-m">"1. Collect members' ratings"</h2>
        <p class="body">"Each member's ratings go into the ballot box as an anonymous ballot: nothing records who gave them or in what order they came. The room only ever sees counts."</p>
        <Show when=move || !closed.get() fallback=|| view! {
            <p class="body">"The ballot box is closed, so no more ballots can be added. It closed when the first spread was shown."</p>
        }>
            <CollectRatings session questionnaire first_expectation=first_for_collect.clone()/>
        </Show>
        <h3 class="heading-s">"Who took part"</h3>
        <p class="body">
            {move || match session.with(Session::attendance_total) {
                0 => "Not recorded. ".to_owned(),
                n => format!("{n} members recorded by sector. "),
            }}
            <a href=Route::session(id.clone(), SessionPage::Attendance).href()>"Record who took part"</a>
        </p>
        <BoardSize session/>

        <h2 class="heading-m">"2. Discuss and agree"</h2>
        <BallotBoxState session/>
        <p class="body">"Go through the expectations one at a time on a projector. The spread of ratings stays hidden until you reveal it."</p>
        <ul class="list">
            <li><a href=Route::session(id.clone(), SessionPage::Agenda).href()>"Choose where to start: the agenda"</a></li>
            <li><a href=Route::session(id.clone(), SessionPage::Discuss { expectation: first_on_agenda }).href()>"Start the discussion at the first item on the agenda"</a></li>
        </ul>

        <h2 class="heading-m">"3. Results and plan"</h2>
        <ul class="list">
            <li><a href=Route::session(id.clone(), SessionPage::Results).href()>"See the agreed results"</a></li>
            <li><a href=Route::session(id.clone(), SessionPage::Plan).href()>"Draft the improvement plan"</a></li>
        </ul>

        <h2 class="heading-m">"Keep a copy"</h2>
        <p class="body">"The session is saved in this browser as you go. Download the session file as a backup, or to hand the session to someone else. It holds the ballots, never who gave them; a turn still in progress stays on this device."</p>
        <Show when=move || !closed.get()>
            <p class="body">"While the ballot box is open, keep the session file to yourself: two copies saved either side of one member's turn would differ by that member's ballot."</p>
        </Show>
        <button type="button" class="button button--secondary" on:click=move |_| export.run(())>"Download the session file"</button>
        <p class="body"><a href=Route::session(id, SessionPage::Delete).href()>"Delete this session"</a></p>
    }
}

/// The ways into the ballot box while it is open.
#[component]
fn CollectRatings(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
    first_expectation: String,
) -> impl IntoView {
    let state = expect_app_state();
    let id = session.with_untracked(|s| s.id.clone());
    let confirm_discard = RwSignal::new(false);
    let sid = id.clone();
    let pass_the_device = move || {
        let sid = sid.clone();
        if !session.with(Session::has_turn_in_progress) {
            return view! {
                <a class="button" href=Route::session(sid, SessionPage::Handover).href()>"Start the next member's turn"</a>
            }
            .into_any();
        }
        let discard_sid = sid.clone();
        view! {
            <p class="body">"A member's turn is in progress on this device. If they have left it, hand the device to the next person: their turn starts fresh, and the unfinished answers are deleted unseen."</p>
            <div class="button-group">
                <a class="button" href=Route::session(sid, SessionPage::Handover).href()>"Hand the device to the next person"</a>
                <button type="button" class="button button--secondary" on:click=move |_| confirm_discard.set(true)>"Discard the unfinished turn"</button>
            </div>
            <Show when=move || confirm_discard.get()>
                {
                    let sid = discard_sid.clone();
                    view! {
                        <div class="warning-callout" role="alert">
                            <h2 class="warning-callout__title">"Delete the unfinished turn? Its answers are not shown to anyone."</h2>
                            <div class="button-group">
                                <button type="button" class="button button--warning" on:click=move |_| {
                                    state.sessions.update(&sid, Session::discard_turn);
                                    confirm_discard.set(false);
                                }>"Yes, delete the unfinished turn"</button>
                                <button type="button" class="button button--secondary" on:click=move |_| confirm_discard.set(false)>"Cancel"</button>
                            </div>
                        </div>
                    }
                }
            </Show>
        }
        .into_any()
    };
    view! {
        <h3 class="heading-s">"Ballot codes from members' phones"</h3>
        <p class="body">
            "Members rate on their own phones, in the room or before the meeting, and show you their ballot as a code. "
            <a href=Route::session(id.clone(), SessionPage::BallotCodes).href()>"Enter ballot codes"</a>
        </p>
        <JoinPanel session questionnaire/>
        <h3 class="heading-s">"Pass this device round"</h3>
        <p class="body">"Each member rates privately in turn. When they finish, their ratings go into the ballot box and nobody can go back to them."</p>
        {pass_the_device}
        <h3 class="heading-s">"Members' own responses"</h3>
        <p class="body">
            "Members who rated on their own device save \u{201c}My response for the board session\u{201d} from their assessment and send it to you. "
            <a href=Route::session(id.clone(), SessionPage::ImportResponses).href()>"Add members' response files"</a>
        </p>
        <h3 class="heading-s">"Show of hands"</h3>
        <p class="body">
            "A public count, kept apart from the ballots and never added to them. "
            <a href=Route::session(id, SessionPage::Hands { expectation: first_expectation }).href()>"Enter a show of hands"</a>
        </p>
    }
}

/// Whether the ballot box is open, closing it, and the anonymity threshold, which is
/// fixed with it.
#[component]
fn BallotBoxState(session: Memo<Session>) -> impl IntoView {
    let state = expect_app_state();
    let id = session.with_untracked(|s| s.id.clone());
    let problem = RwSignal::new(None::<String>);
    let confirm_close = RwSignal::new(false);
    let sid = id.clone();
    let close = move |_| {
        let mut refused = None;
        state
            .sessions
            .update(&sid, |s| refused = s.close_ballot_box().err());
        problem.set(refused.map(|r| r.to_string()));
        confirm_close.set(false);
    };
    let threshold_error = RwSignal::new(None::<String>);
    let set_threshold =
        move |ev: leptos::ev::Event| match event_target_value(&ev).trim().parse::<usize>() {
            Ok(value) if value >= MIN_ANONYMITY_THRESHOLD => {
                let mut refused = None;
                state
                    .sessions
                    .update(&id, |s| refused = s.set_anonymity_threshold(value).err());
                threshold_error.set(refused.map(|r| r.to_string()));
            }
            _ => threshold_error.set(Some(format!(
                "Enter a whole number of {MIN_ANONYMITY_THRESHOLD} or more"
            ))),
        };
    move || {
        if session.with(Session::ballot_box_is_closed) {
            let (ballots, threshold) =
                session.with(|s| (s.ballot_count(), s.anonymity_threshold()));
            return view! {
                <p class="body">{format!("The ballot box is closed with {ballots} ballots. No ballot can be added, changed or withdrawn, and spreads stay hidden where fewer than {threshold} members answered, so nobody's rating can be worked out by comparing spreads.")}</p>
            }
            .into_any();
        }
        let close = close.clone();
        view! {
            <p class="body">"When every member has rated, close the ballot box. Revealing the first spread closes it too. After that no ballot can be added, changed or withdrawn, and the threshold below is fixed: otherwise comparing two spreads would show one member's ratings."</p>
            {move || problem.get().map(|p| view! { <p class="body field-error" role="alert">{p}</p> })}
            <button type="button" class="button button--secondary" on:click=move |_| confirm_close.set(true)>"Close the ballot box"</button>
            <Show when=move || confirm_close.get()>
                <div class="warning-callout" role="alert">
                    <h2 class="warning-callout__title">{move || format!("Close the ballot box with {} ballots?", session.with(Session::ballot_count))}</h2>
                    <p class="body">"It cannot be opened again: no more ballots can be added, changed or withdrawn."</p>
                    <div class="button-group">
                        <button type="button" class="button button--warning" on:click=close.clone()>"Yes, close the ballot box"</button>
                        <button type="button" class="button button--secondary" on:click=move |_| confirm_close.set(false)>"Cancel"</button>
                    </div>
                </div>
            </Show>
            <div class=move || if threshold_error.with(Option::is_some) { "form-group form-group--error" } else { "form-group" }>
                <label class="label" for="anonymity-threshold">"Hide the spread when fewer members than this have answered"</label>
                <p class="hint" id="anonymity-threshold-hint">{format!("Keeps small groups anonymous. At least {MIN_ANONYMITY_THRESHOLD}; 5 is usual. It cannot change once the ballot box closes.")}</p>
                <Show when=move || threshold_error.with(Option::is_some)>
                    <p class="field-error" id="anonymity-threshold-error"><span class="visually-hidden">"Error: "</span>{move || threshold_error.get().unwrap_or_default()}</p>
                </Show>
                <input class="input input--short" type="number" inputmode="numeric" id="anonymity-threshold"
                    min=MIN_ANONYMITY_THRESHOLD.to_string()
                    aria-describedby=move || if threshold_error.with(Option::is_some) { "anonymity-threshold-hint anonymity-threshold-error" } else { "anonymity-threshold-hint" }
                    prop:value=session.with_untracked(|s| s.anonymity_threshold().to_string())
                    on:change=set_threshold.clone()/>
            </div>
        }
        .into_any()
    }
}

/// The number of board members: how many ballots, hands and attendees the session takes.
#[component]
fn BoardSize(session: Memo<Session>) -> impl IntoView {
    let state = expect_app_state();
    let errors = FormErrors::new();
    let typed = RwSignal::new(
        session.with_untracked(|s| s.board_size().map(|n| n.to_string()).unwrap_or_default()),
    );
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = session.with_untracked(|s| s.id.clone());
        let mut outcome = Err(SessionRefusal::BoardSizeNotPossible);
        if let Ok(size) = read_board_size(&typed.get_untracked()) {
            state
                .sessions
                .update(&id, |s| outcome = s.set_board_size(size));
        }
        match outcome {
            Ok(()) => {
                errors.clear();
                state
                    .notices
                    .announce("The number of board members is saved");
            }
            Err(refusal) => errors.show(vec![FormError {
                field_id: BOARD_SIZE_ID.into(),
                message: format!("{refusal}."),
            }]),
        }
    };
    view! {
        <ErrorSummary errors=errors.list()/>
        <form novalidate on:submit=save>
            <TextField id=BOARD_SIZE_ID label="Number of board members"
                hint="Leave it blank if you do not want the app to count against it"
                value=typed error=errors.for_field(BOARD_SIZE_ID) input_mode="numeric" class="input input--width-3"/>
            <button type="submit" class="button button--secondary">"Save the number of members"</button>
        </form>
    }
}
