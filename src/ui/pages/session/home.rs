//! The session's home: its members (anonymous labels and optional sectors), the ways to
//! collect ratings, and the way on to discussion, results and the plan.

use leptos::prelude::*;

use super::caption;
use crate::domain::questionnaire::Questionnaire;
use crate::domain::session::{RatingMethod, Sector, Session, MIN_ANONYMITY_THRESHOLD};
use crate::ui::browser;
use crate::ui::components::{use_page_title, NotificationBanner, SaveIndicator};
use crate::ui::pages::MAIN_HEADING_ID;
use crate::ui::route::Route;
use crate::ui::state::expect_app_state;

#[component]
pub fn SessionHomePage(
    session: Memo<Session>,
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    let state = expect_app_state();
    use_page_title(move || {
        format!(
            "Board session: {}",
            session.with(|s| s.details.partnership.clone())
        )
    });
    let id = session.with_untracked(|s| s.id.clone());
    let total = questionnaire.with_value(Questionnaire::expectation_count);
    let first_expectation = questionnaire
        .with_value(|q| q.expectations().next().map(|e| e.id.clone()))
        .unwrap_or_default();
    let export = Callback::new(move |()| browser::download_record(&session.get_untracked()));
    let pending_removal = RwSignal::new(None::<String>);

    let summary = move || {
        session.with(|s| {
            let finished = s.participants.iter().filter(|p| p.is_finished()).count();
            let imported = s.participants.iter().filter(|p| matches!(p.method, RatingMethod::Imported { .. })).count();
            let agreed = questionnaire.with_value(|q| s.agreed_count(q));
            let hands = s.hands.len();
            format!(
                "{finished} {} rated ({imported} from files). A show of hands is entered for {hands} {}. The board has agreed a rating for {agreed} of {total}.",
                if finished == 1 { "member has" } else { "members have" },
                if hands == 1 { "expectation" } else { "expectations" },
            )
        })
    };

    let sid = id.clone();
    let member_rows = move || {
        let sid = sid.clone();
        session.with(|s| {
            s.participants
                .iter()
                .map(|p| {
                    let (pid, label) = (p.id.clone(), p.label.clone());
                    let how = match &p.method {
                        RatingMethod::PassTheDevice { finished: true } => "Rated on this device",
                        RatingMethod::PassTheDevice { finished: false } => "Rating on this device now",
                        RatingMethod::Imported { .. } => "Imported from a file",
                    };
                    let rated = format!("{} of {total}", p.ratings.len());
                    let select_id = format!("sector-{pid}");
                    let current = p.sector;
                    let options = Sector::ALL
                        .into_iter()
                        .map(|sector| view! { <option value=sector.as_str() selected=current == Some(sector)>{sector.label()}</option> })
                        .collect_view();
                    let (sid_sector, pid_sector) = (sid.clone(), pid.clone());
                    let pid_remove = pid.clone();
                    view! {
                        <tr>
                            <th scope="row">{label.clone()}</th>
                            <td>
                                <label class="visually-hidden" for=select_id.clone()>{format!("Sector of {label}")}</label>
                                <select class="select" id=select_id on:change=move |ev| {
                                    let sector = Sector::parse(&event_target_value(&ev));
                                    state.update_session(&sid_sector, |s| s.set_sector(&pid_sector, sector));
                                }>
                                    <option value="" selected=current.is_none()>"Not given"</option>
                                    {options}
                                </select>
                            </td>
                            <td>{how}</td>
                            <td class="numeric">{rated}</td>
                            <td>
                                <button type="button" class="button button--secondary button--small"
                                    on:click=move |_| pending_removal.set(Some(pid_remove.clone()))>
                                    "Remove"<span class="visually-hidden">{format!(" {label}")}</span>
                                </button>
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };

    let sid = id.clone();
    let confirm_removal = move || {
        let sid = sid.clone();
        pending_removal.get().map(|pid| {
            let label = session.with(|s| s.participant(&pid).map(|p| p.label.clone())).unwrap_or_default();
            view! {
                <div class="warning-callout" role="alert">
                    <h2 class="warning-callout__title">{format!("Remove {label} and their ratings?")}</h2>
                    <div class="button-group">
                        <button type="button" class="button button--warning" on:click=move |_| {
                            state.update_session(&sid, |s| s.remove_participant(&pid));
                            pending_removal.set(None);
                        }>{format!("Yes, remove {label}")}</button>
                        <button type="button" class="button button--secondary" on:click=move |_| pending_removal.set(None)>"Cancel"</button>
                    </div>
                </div>
            }
        })
    };

    let sid = id.clone();
    let pass_the_device = move || {
        let sid = sid.clone();
        session.with(|s| match s.open_turn() {
            Some(turn) => {
                let resume = questionnaire
                    .with_value(|q| q.expectations().find(|e| !turn.ratings.contains_key(&e.id)).map(|e| e.id.clone()))
                    .unwrap_or_else(|| "finish".into());
                let href = Route::Turn { session: sid, participant: turn.id.clone(), expectation: resume }.href();
                view! { <p class="body">{format!("{} is rating now. ", turn.label)}<a href=href>{format!("Continue {}'s turn", turn.label)}</a></p> }.into_any()
            }
            None => view! {
                <a class="button" href=Route::Handover { session: sid }.href()>"Start the next member's turn"</a>
            }
            .into_any(),
        })
    };

    let sid = id.clone();
    let threshold_error = RwSignal::new(None::<String>);
    let set_threshold =
        move |ev: leptos::ev::Event| match event_target_value(&ev).trim().parse::<usize>() {
            Ok(value) if value >= MIN_ANONYMITY_THRESHOLD => {
                threshold_error.set(None);
                state.update_session(&sid, |s| s.set_anonymity_threshold(value));
            }
            _ => threshold_error.set(Some(format!(
                "Enter a whole number of {MIN_ANONYMITY_THRESHOLD} or more"
            ))),
        };

    view! {
        <NotificationBanner/>
        <span class="caption-l">{move || session.with(caption)}</span>
        <h1 class="heading-l" id=MAIN_HEADING_ID tabindex="-1">
            {move || format!("Board session: {}", session.with(|s| s.details.partnership.clone()))}
        </h1>
        <SaveIndicator/>
        <p class="body progress" role="status">{summary}</p>

        <h2 class="heading-m">"1. Collect members' ratings"</h2>
        <p class="body">"Use any mix of these. Ratings are only ever shown as counts."</p>
        <h3 class="heading-s">"Pass this device round"</h3>
        <p class="body">"Each member rates privately in turn. When they finish, their answers are hidden and nobody can go back to them."</p>
        {pass_the_device}
        <h3 class="heading-s">"Members' own assessments"</h3>
        <p class="body">
            "Members who assessed on their own device download a backup file from their task list and send it to you. "
            <a href=Route::ImportResponses { session: id.clone() }.href()>"Import response files"</a>
        </p>
        <h3 class="heading-s">"Show of hands"</h3>
        <p class="body">
            "Count hands for each rating and enter the numbers. "
            <a href=Route::Hands { session: id.clone(), expectation: first_expectation.clone() }.href()>"Enter a show of hands"</a>
        </p>

        <h2 class="heading-m">"Members"</h2>
        {confirm_removal}
        <Show when=move || session.with(|s| s.participants.is_empty())>
            <p class="body">"No members have rated yet."</p>
        </Show>
        <Show when=move || session.with(|s| !s.participants.is_empty())>
            <div class="table-scroll" role="region" aria-label="Members" tabindex="0">
                <table class="table">
                    <caption class="visually-hidden">"Members taking part"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Member"</th>
                            <th scope="col">"Sector (optional)"</th>
                            <th scope="col">"How they rated"</th>
                            <th scope="col" class="numeric">"Rated"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>{member_rows.clone()}</tbody>
                </table>
            </div>
        </Show>

        <h2 class="heading-m">"2. Discuss and agree"</h2>
        <p class="body">"Go through the expectations one at a time on a projector. The spread of ratings stays hidden until you reveal it."</p>
        <ul class="list">
            <li><a href=Route::Agenda { session: id.clone() }.href()>"Choose where to start: the agenda"</a></li>
            <li><a href=Route::Discuss { session: id.clone(), expectation: first_expectation }.href()>"Discuss from the first expectation"</a></li>
        </ul>
        <div class=move || if threshold_error.with(Option::is_some) { "form-group form-group--error" } else { "form-group" }>
            <label class="label" for="anonymity-threshold">"Hide the spread when fewer members than this have answered"</label>
            <p class="hint" id="anonymity-threshold-hint">{format!("Keeps small groups anonymous. At least {MIN_ANONYMITY_THRESHOLD}; 5 is usual.")}</p>
            <Show when=move || threshold_error.with(Option::is_some)>
                <p class="field-error" id="anonymity-threshold-error"><span class="visually-hidden">"Error: "</span>{move || threshold_error.get().unwrap_or_default()}</p>
            </Show>
            <input class="input input--short" type="number" inputmode="numeric" id="anonymity-threshold"
                min=MIN_ANONYMITY_THRESHOLD.to_string()
                aria-describedby=move || if threshold_error.with(Option::is_some) { "anonymity-threshold-hint anonymity-threshold-error" } else { "anonymity-threshold-hint" }
                prop:value=session.with_untracked(|s| s.anonymity_threshold.to_string())
                on:change=set_threshold/>
        </div>

        <h2 class="heading-m">"3. Results and plan"</h2>
        <ul class="list">
            <li><a href=Route::SessionResults { session: id.clone() }.href()>"See the agreed results"</a></li>
            <li><a href=Route::SessionPlan { session: id.clone() }.href()>"Draft the improvement plan"</a></li>
        </ul>

        <h2 class="heading-m">"Keep a copy"</h2>
        <p class="body">"The session is saved in this browser as you go. Download the session file as a backup, or to hand the session to someone else."</p>
        <button type="button" class="button button--secondary" on:click=move |_| export.run(())>"Download the session file"</button>
        <p class="body"><a href=Route::DeleteSession { session: id }.href()>"Delete this session"</a></p>
    }
}
