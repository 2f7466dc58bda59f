//! The start page: what the tool is, that data stays on this device, and the assessments
//! saved in this browser.

use leptos::prelude::*;

use super::MAIN_HEADING_ID;
use crate::domain::assessment::long_date;
use crate::ui::components::{use_page_title, NotificationBanner};
use crate::ui::route::Route;
use crate::ui::state::expect_app_state;

#[component]
pub fn StartPage() -> impl IntoView {
    let state = expect_app_state();
    use_page_title(|| "Assess your community planning partnership".into());
    let total_expectations = state
        .default_questionnaire()
        .map(|q| q.expectation_count())
        .unwrap_or_default();

    let saved = move || {
        let list = state.assessments.get();
        if list.is_empty() {
            return view! { <p class="body">"You have no assessments saved in this browser yet."</p> }.into_any();
        }
        let rows = list
            .into_iter()
            .map(|a| {
                let questionnaire = state.questionnaire(&a.questionnaire_id, &a.questionnaire_version);
                let progress = questionnaire
                    .map(|q| format!("{} of {} completed", a.answered_count(&q), q.expectation_count()))
                    .unwrap_or_else(|| "Questionnaire not available".into());
                let name = a.details.partnership.clone();
                let open = Route::TaskList { assessment: a.id.clone() }.href();
                let delete = Route::Delete { assessment: a.id.clone() }.href();
                view! {
                    <tr>
                        <td><a href=open>{name.clone()}</a></td>
                        <td>{long_date(&a.details.date)}</td>
                        <td>{progress}</td>
                        <td>
                            <a href=delete>"Delete"<span class="visually-hidden">{format!(" the assessment of {name}, {}", long_date(&a.details.date))}</span></a>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="table">
                <caption class="table__caption">"Assessments saved in this browser"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Partnership"</th>
                        <th scope="col">"Date"</th>
                        <th scope="col">"Progress"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };

    let sessions = move || {
        let list = state.sessions.get();
        if list.is_empty() {
            return ().into_any();
        }
        let rows = list
            .into_iter()
            .map(|s| {
                let name = s.details.partnership.clone();
                let members = s.participants.iter().filter(|p| p.is_finished()).count();
                let open = Route::Session { session: s.id.clone() }.href();
                let delete = Route::DeleteSession { session: s.id.clone() }.href();
                view! {
                    <tr>
                        <td><a href=open>{name.clone()}</a></td>
                        <td>{long_date(&s.details.date)}</td>
                        <td>{format!("{members} members")}</td>
                        <td>
                            <a href=delete>"Delete"<span class="visually-hidden">{format!(" the board session of {name}, {}", long_date(&s.details.date))}</span></a>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="table">
                <caption class="table__caption table__caption--s">"Board sessions saved in this browser"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Partnership"</th>
                        <th scope="col">"Date"</th>
                        <th scope="col">"Members"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };

    let problems = move || {
        state
            .load_problems
            .get()
            .into_iter()
            .map(|problem| {
                view! {
                    <div class="warning-callout" role="alert">
                        <p>{problem}</p>
                    </div>
                }
            })
            .collect_view()
    };

    view! {
        <NotificationBanner/>
        {problems}
        <h1 class="heading-xl" id=MAIN_HEADING_ID tabindex="-1">"Assess your community planning partnership"</h1>
        <p class="lead">
            {format!("Rate your Community Planning Partnership against the {total_expectations} expectations in the statutory guidance's Principles of Effective Community Planning, see where it stands, and draft an improvement plan.")}
        </p>
        <p class="body">"Use it on your own, or as a board member preparing for a self-assessment session. It takes about 45 minutes. You can stop at any time and come back later."</p>
        <div class="inset">
            <h2 class="heading-s">"Your data stays on this device"</h2>
            <p class="body">"Everything you enter is kept in this browser on this device. Nothing is sent to a server, and the tool works without an internet connection. Someone else using this browser profile could see your assessments, so delete them when you have finished with them."</p>
        </div>
        <a href=Route::NewAssessment.href() class="button button--start">
            "Start a new assessment"
        </a>
        <h2 class="heading-m">"Your assessments"</h2>
        {saved}
        <h2 class="heading-m">"Board self-assessment sessions"</h2>
        <p class="body">"For facilitators: members rate privately, the board sees the spread, discusses, and agrees a rating for each expectation."</p>
        <div class="button-group">
            <a href=Route::NewSession.href() class="button button--secondary">"Set up a board session"</a>
            <a class="link" href=Route::ImportSession.href()>"Open a session file"</a>
        </div>
        {sessions}
    }
}
