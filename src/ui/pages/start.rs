//! The start page: what the tool is, that data stays on this device, and the assessments
//! saved in this browser.

use leptos::prelude::*;

use super::ChunkNotLoaded;
use crate::ui::components::{use_page_title, LoadProblems, NotificationBanner, PageHeading};
use crate::ui::route::{AssessmentPage, QuizPage, Route, SessionPage};
use crate::ui::state::expect_app_state;
use cpp_domain::assessment::long_date;
use cpp_format::{questionnaire_file, quiz_file};

#[component]
pub fn StartPage() -> impl IntoView {
    use_page_title(|| "Assess your community planning partnership".into());
    let total_expectations = questionnaire_file::NATIONAL_EXPECTATION_COUNT;
    let quiz_size = quiz_file::BUNDLED_QUESTION_COUNT;
    view! {
        <NotificationBanner/>
        <LoadProblems/>
        <BackupReminder/>
        <PageHeading class="heading-xl">"Assess your community planning partnership"</PageHeading>
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
        <SavedAssessments/>
        <h2 class="heading-m">"Board self-assessment sessions"</h2>
        <p class="body">"For facilitators: members rate privately, the board sees the spread, discusses, and agrees a rating for each expectation."</p>
        <p class="body">"Board member with a session code? "<a href=Route::JoinWithCode.href()>"Rate for a board session"</a></p>
        <div class="button-group">
            <a href=Route::NewSession.href() class="button button--secondary">"Set up a board session"</a>
            <a class="link" href=Route::ImportSession.href()>"Open a session file"</a>
        </div>
        <p class="body"><a href=Route::Backup.href()>"Back up everything, or restore from a backup"</a></p>
        <SavedSessions/>
        <h2 class="heading-m">"New to the board?"</h2>
        <p class="body">{format!("Test your understanding of community planning with {quiz_size} questions on the duties, the partners, the LOIP, locality planning and the principles. Each answer is explained, with where to read more. ")}
            <a href=Route::Quiz(QuizPage::Start).href()>"Test your understanding"</a>
        </p>
        <p class="body">"Or check your board against the Improvement Service's expectations of a CPP Board: start a new assessment and choose \u{201c}CPP Board expectations (Notebook 1)\u{201d}."</p>
        <h2 class="heading-m">"Checking the LOIP and locality plans"</h2>
        <p class="body">"Community planning officers can check the Local Outcomes Improvement Plan and the locality plans against what the Act requires and the guidance expects: start a new assessment and choose the statutory plans checklist. Each item names the paragraph it rests on."</p>
        <h2 class="heading-m">"Your partnership's own questionnaire"</h2>
        <p class="body">"Tailor the national questionnaire to your partnership, or write your own, and use it for assessments, sessions, reports and collation. "
            <a href=Route::Questionnaires.href()>"Load or manage questionnaires"</a>
        </p>
        <h2 class="heading-m">"Improvement advisers"</h2>
        <p class="body">"Collate the adviser files partnerships send you and see the national picture, in this browser. "
            <a href=Route::Adviser.href()>"Collate results from many partnerships"</a>
        </p>
    }
}

/// The assessments saved in this browser, with each one's progress.
#[component]
fn SavedAssessments() -> impl IntoView {
    let state = expect_app_state();
    // The questionnaires are read only when there is something saved that needs them.
    let progress = LocalResource::new(move || {
        let needed = state.assessments.all().with(|l| !l.is_empty())
            || state.catalogue.loaded().with(|l| !l.is_empty());
        async move {
            if needed {
                saved_progress().await.ok()
            } else {
                Some(Vec::new())
            }
        }
    });
    let saved = move || {
        Suspend::new(async move {
            let progress = progress.await;
            let rows: Vec<SavedRow> = state.assessments.all().with(|list| {
                list.iter()
                    .map(|a| SavedRow {
                        name: a.details.partnership.clone(),
                        date: a.details.date.clone(),
                        detail: progress
                            .iter()
                            .flatten()
                            .find(|(id, _)| *id == a.id)
                            .map(|(_, detail)| detail.clone())
                            .unwrap_or_else(|| "Not known".into()),
                        // A member's ballot opens where it is handed in from.
                        open: Route::assessment(
                            a.id.clone(),
                            if a.board_session.is_some() {
                                AssessmentPage::Review
                            } else {
                                AssessmentPage::Tasks
                            },
                        ),
                        delete: Route::assessment(a.id.clone(), AssessmentPage::Delete),
                    })
                    .collect()
            });
            if rows.is_empty() {
                return view! { <p class="body">"You have no assessments saved in this browser yet."</p> }.into_any();
            }
            view! { <SavedTable caption="Assessments saved in this browser" detail_heading="Progress" noun="assessment" rows/> }
                .into_any()
        })
    };
    view! { <Transition>{saved}</Transition> }
}

/// The board sessions saved in this browser, if any.
#[component]
fn SavedSessions() -> impl IntoView {
    let state = expect_app_state();
    move || {
        let rows: Vec<SavedRow> = state.sessions.all().with(|list| {
            list.iter()
                .map(|s| SavedRow {
                    name: s.details.partnership.clone(),
                    date: s.details.date.clone(),
                    detail: format!("{} members", s.ballot_count()),
                    open: Route::session(s.id.clone(), SessionPage::Home),
                    delete: Route::session(s.id.clone(), SessionPage::Delete),
                })
                .collect()
        });
        (!rows.is_empty()).then(|| {
            view! { <SavedTable caption="Board sessions saved in this browser" detail_heading="Members" noun="board session" rows/> }
        })
    }
}

/// Browsers may clear site data after a while unused: a reminder to keep a copy, when
/// something is saved and no backup was made in the last 30 days, or in Safari's engine,
/// which clears it after 7 days unvisited, the last 6.
#[component]
fn BackupReminder() -> impl IntoView {
    let state = expect_app_state();
    let within_a_week = crate::ui::browser::storage_expires_after_a_week();
    let days = if within_a_week { 6 } else { 30 };
    move || {
        let has_data = state.assessments.all().with(|l| !l.is_empty())
            || state.sessions.all().with(|l| !l.is_empty());
        let due = state.last_backup().with(|last| match last {
            None => true,
            Some(when) => when.as_str() < crate::ui::browser::days_ago_iso(days).as_str(),
        });
        let why = if within_a_week {
            "Safari, and every browser on an iPhone or iPad, deletes what this tool keeps if you do not open it for 7 days of use, unless you added it to your Home Screen."
        } else {
            "Browsers can clear stored data, for example after a long time unused."
        };
        (has_data && due).then(|| view! {
            <div class="inset">
                <h2 class="heading-s">"Keep a backup"</h2>
                <p class="body">{format!("{why} You have not downloaded a backup in the last {days} days. ")}
                    <a href=Route::Backup.href()>"Back up your work"</a>
                </p>
            </div>
        })
    }
}

/// Each saved assessment's progress ("12 of 33 completed"), by assessment id. Working it
/// out needs the questionnaires, which are read in this chunk, so a first visit with
/// nothing saved never loads them. Reading them here also reports, on this page, a loaded
/// questionnaire that no longer reads.
#[leptos::wasm_split::wasm_split(saved_progress, wasm_split_path = ::leptos::wasm_split, fallible)]
fn saved_progress() -> Result<Vec<(String, String)>, ChunkNotLoaded> {
    let state = expect_app_state();
    Ok(state.assessments.all().with_untracked(|list| {
        list.iter()
            .map(|a| {
                let detail = state
                    .catalogue
                    .version_for(&a.questionnaire_id, &a.questionnaire_version)
                    .map(|q| {
                        format!(
                            "{} of {} completed",
                            a.answered_count(&q),
                            q.expectation_count()
                        )
                    })
                    .unwrap_or_else(|| "Questionnaire not available".into());
                (a.id.clone(), detail)
            })
            .collect()
    }))
}

/// One saved assessment or session in a list on the start page.
struct SavedRow {
    name: String,
    date: String,
    detail: String,
    open: Route,
    delete: Route,
}

#[component]
fn SavedTable(
    caption: &'static str,
    detail_heading: &'static str,
    /// What a row is, for the hidden text of its "Delete" link.
    noun: &'static str,
    rows: Vec<SavedRow>,
) -> impl IntoView {
    let rows = rows
        .into_iter()
        .map(|row| {
            let date = long_date(&row.date);
            view! {
                <tr>
                    <td><a href=row.open.href()><bdi>{row.name.clone()}</bdi></a></td>
                    <td>{date.clone()}</td>
                    <td>{row.detail}</td>
                    <td>
                        <a href=row.delete.href()>"Delete"<span class="visually-hidden">{format!(" the {noun} of {}, {date}", row.name)}</span></a>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="table">
            <caption class="table__caption table__caption--s">{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Partnership"</th>
                    <th scope="col">"Date"</th>
                    <th scope="col">{detail_heading}</th>
                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
