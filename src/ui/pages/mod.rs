//! One module per page. Each page reads the shared state, derives what it shows, and sends
//! every change through `AppState`; none keeps its own copy of stored data.

mod accessibility;
mod adviser;
mod adviser_export;
mod backup;
mod ballot;
mod check_answers;
mod compare;
mod delete;
mod new_assessment;
pub(crate) mod plan;
mod privacy;
mod progress;
mod question;
mod questionnaires;
mod quiz;
mod report;
mod results;
mod session;
mod session_response;
mod start;
mod task_list;

use leptos::prelude::*;

use crate::ui::charts::{principle_chart, principle_means, RadarSeries};
use cpp_domain::assessment::{long_date, Assessment};
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::scoring::Scores;
use cpp_domain::session::Session;
use cpp_format::adviser_file::{self, AdviserChoices, AdviserFile};
use cpp_format::import::{check_ratings, check_shared_ratings, HoldsRatings};
use cpp_format::record::Record;
use cpp_format::report::{assessment_report, session_report, Report};

use super::components::{use_page_title, PageHeading};
use super::route::{AssessmentPage, QuizPage, Route, SessionPage};
use super::state::{expect_app_state, AppState, RecordList};

/// Every page's `h1` has this id, so focus can move to it after navigation.
pub const MAIN_HEADING_ID: &str = "page-heading";

/// "Anytown CPP, 23 November 2026", with the partnership's name isolated so that no
/// character in it can reorder the date after it.
#[component]
fn AssessmentCaption(assessment: Memo<Assessment>) -> impl IntoView {
    view! {
        <span class="caption-l">
            <bdi>{move || assessment.with(|a| a.details.partnership.clone())}</bdi>
            {move || assessment.with(|a| format!(", {}", long_date(&a.details.date)))}
        </span>
    }
}

/// Part of the app's code (a page's, or a task's, WebAssembly chunk) that did not arrive.
pub struct ChunkNotLoaded;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkNotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkNotLoaded
    }
}

/// A page whose code is in its own WebAssembly chunk (a `wasm_split` function), fetched
/// the first time the page opens. Meanwhile the page says it is loading; if the chunk does
/// not arrive, it says so and offers to try again.
fn lazy_page<Load, Loading>(load: Load) -> AnyView
where
    Load: Fn() -> Loading + Clone + Send + Sync + 'static,
    Loading: std::future::Future<Output = Result<AnyView, ChunkNotLoaded>> + Send + 'static,
{
    let attempt = RwSignal::new(0u32);
    let loading = || view! { <PageHeading>"Loading the page\u{2026}"</PageHeading> };
    view! {
        <Suspense fallback=loading>
            {move || {
                attempt.track();
                let load = load.clone();
                Suspend::new(async move {
                    let page = load().await;
                    // The loading heading had the focus; give it to the page's own heading.
                    request_animation_frame(|| super::browser::focus_by_id(MAIN_HEADING_ID));
                    page.unwrap_or_else(|ChunkNotLoaded| {
                        view! {
                            <PageHeading>"This page could not be loaded"</PageHeading>
                            <div class="warning-callout" role="alert">
                                <p>"Part of the app did not arrive. Check the connection and try again. Nothing you have saved is affected."</p>
                            </div>
                            <div class="button-group">
                                <button type="button" class="button" on:click=move |_| attempt.update(|n| *n += 1)>"Try again"</button>
                                <a class="link" href=Route::Start.href()>"Go to the start page"</a>
                            </div>
                        }
                        .into_any()
                    })
                })
            }}
        </Suspense>
    }
    .into_any()
}

#[leptos::wasm_split::wasm_split(adviser_page, wasm_split_path = ::leptos::wasm_split, fallible)]
fn adviser_page() -> Result<AnyView, ChunkNotLoaded> {
    Ok(view! { <adviser::AdviserPage/> }.into_any())
}

pub fn page_for(route: Route) -> AnyView {
    use AssessmentPage as A;
    prefetch_next_area(&route);
    match route {
        Route::Start => view! { <start::StartPage/> }.into_any(),
        Route::NotFound => view! { <NotFoundPage/> }.into_any(),
        Route::Adviser => lazy_page(adviser_page),
        route @ (Route::NewAssessment
        | Route::Assessment {
            page: A::Tasks | A::Question { .. },
            ..
        }) => lazy_page(move || assessment_pages(route.clone())),
        Route::Assessment {
            id,
            page: page @ (A::CheckAnswers | A::Results | A::Plan),
        } => lazy_page(move || results_pages((id.clone(), page.clone()))),
        Route::Assessment {
            id,
            page:
                page @ (A::Report
                | A::Progress
                | A::AdviserExport
                | A::Response
                | A::CompareWithBoard
                | A::Delete),
        } => lazy_page(move || further_assessment_pages((id.clone(), page.clone()))),
        route @ (Route::Join { .. }
        | Route::JoinWithCode
        | Route::Assessment {
            page: A::Rate { .. } | A::Review | A::HandIn,
            ..
        }) => lazy_page(move || ballot_pages(route.clone())),
        route @ (Route::NewSession | Route::ImportSession | Route::Session { .. }) => {
            lazy_page(move || session_pages(route.clone()))
        }
        Route::Quiz(page) => lazy_page(move || quiz_pages(page.clone())),
        route @ (Route::Questionnaires | Route::Accessibility | Route::Privacy | Route::Backup) => {
            lazy_page(move || occasional_pages(route.clone()))
        }
    }
}

/// Fetches, when the browser is idle, the chunk of the pages a person is most likely to
/// open next from this one (by the names given to `wasm_split` below): from the start page,
/// a new assessment; from an assessment's questions, its results.
fn prefetch_next_area(route: &Route) {
    let next = match route {
        Route::Start => "assessment_pages",
        Route::Assessment {
            page: AssessmentPage::Tasks | AssessmentPage::Question { .. },
            ..
        } => "results_pages",
        _ => return,
    };
    super::browser::prefetch_chunk(next);
}

/// Starting an assessment, its task list and its questions.
#[leptos::wasm_split::wasm_split(assessment_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
fn assessment_pages(route: Route) -> Result<AnyView, ChunkNotLoaded> {
    Ok(match route {
        Route::NewAssessment => view! { <new_assessment::NewAssessmentPage/> }.into_any(),
        Route::Assessment {
            id,
            page: AssessmentPage::Tasks,
        } => with_assessment(id, |a, q| {
            view! { <task_list::TaskListPage assessment=a questionnaire=q/> }.into_any()
        }),
        Route::Assessment {
            id,
            page:
                AssessmentPage::Question {
                    expectation,
                    from_check,
                },
        } => with_assessment(id, move |a, q| {
            if q.with_value(|q| q.expectation(&expectation).is_none()) {
                return view! { <NotFoundPage/> }.into_any();
            }
            view! { <question::QuestionPage assessment=a questionnaire=q expectation_id=expectation from_check/> }
                .into_any()
        }),
        // `page_for` sends only the pages above here.
        _ => view! { <NotFoundPage/> }.into_any(),
    })
}

/// An assessment's answers checked, its results and its improvement plan.
#[leptos::wasm_split::wasm_split(results_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
fn results_pages((id, page): (String, AssessmentPage)) -> Result<AnyView, ChunkNotLoaded> {
    Ok(match page {
        AssessmentPage::CheckAnswers => with_assessment(id, |a, q| {
            view! { <check_answers::CheckAnswersPage assessment=a questionnaire=q/> }.into_any()
        }),
        AssessmentPage::Results => with_assessment(id, |a, q| {
            view! { <results::ResultsPage assessment=a questionnaire=q/> }.into_any()
        }),
        AssessmentPage::Plan => with_assessment(id, |a, q| {
            view! { <plan::PlanPage assessment=a questionnaire=q/> }.into_any()
        }),
        // `page_for` sends only the pages above here.
        _ => view! { <NotFoundPage/> }.into_any(),
    })
}

/// A member's ballot on their phone: joining a session, rating, reviewing, handing in.
#[leptos::wasm_split::wasm_split(ballot_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
fn ballot_pages(route: Route) -> Result<AnyView, ChunkNotLoaded> {
    Ok(match route {
        Route::JoinWithCode => view! { <ballot::JoinWithCodePage/> }.into_any(),
        Route::Join {
            session_code,
            questionnaire,
            version,
        } => view! { <ballot::JoinPage session_code questionnaire_id=questionnaire version/> }
            .into_any(),
        Route::Assessment { id, page } => with_assessment(id, move |a, q| match page {
            AssessmentPage::Rate { expectation } => {
                match q.with_value(|q| q.expectation(&expectation).cloned()) {
                    Some(expectation) => {
                        view! { <ballot::RatePage assessment=a questionnaire=q expectation/> }
                            .into_any()
                    }
                    None => view! { <NotFoundPage/> }.into_any(),
                }
            }
            AssessmentPage::Review => {
                view! { <ballot::ReviewPage assessment=a questionnaire=q/> }.into_any()
            }
            AssessmentPage::HandIn => {
                view! { <ballot::HandInPage assessment=a questionnaire=q/> }.into_any()
            }
            // `page_for` sends only the pages above here.
            _ => view! { <NotFoundPage/> }.into_any(),
        }),
        _ => view! { <NotFoundPage/> }.into_any(),
    })
}

/// Board sessions: every page of a session, from setting one up to its report.
#[leptos::wasm_split::wasm_split(session_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
fn session_pages(route: Route) -> Result<AnyView, ChunkNotLoaded> {
    Ok(match route {
        Route::NewSession => view! { <session::NewSessionPage/> }.into_any(),
        Route::ImportSession => view! { <session::ImportSessionPage/> }.into_any(),
        Route::Session { id, page } => session_page(id, page),
        // `page_for` sends only the pages above here.
        _ => view! { <NotFoundPage/> }.into_any(),
    })
}

/// One page of a session.
fn session_page(id: String, page: SessionPage) -> AnyView {
    let expectation_page =
        |id: String,
         expectation: String,
         page: fn(Memo<Session>, StoredValue<Questionnaire>, String) -> AnyView| {
            with_session(id, move |s, q| {
                if q.with_value(|q| q.expectation(&expectation).is_none()) {
                    return view! { <NotFoundPage/> }.into_any();
                }
                page(s, q, expectation)
            })
        };
    match page {
        SessionPage::Report => report_page::<Session>(id),
        SessionPage::Progress => progress_page::<Session>(id),
        SessionPage::AdviserExport => adviser_export_page::<Session>(id),
        SessionPage::Delete => delete_page::<Session>(id),
        SessionPage::Home => with_session(id, |s, q| {
            view! { <session::SessionHomePage session=s questionnaire=q/> }.into_any()
        }),
        SessionPage::Turn { turn, expectation } => with_session(id, |s, q| {
            view! { <session::TurnPage session=s questionnaire=q turn_id=turn expectation_id=expectation/> }
                    .into_any()
        }),
        SessionPage::Attendance => with_session(id, |s, _| {
            view! { <session::AttendancePage session=s/> }.into_any()
        }),
        SessionPage::Handover => with_session(id, |s, q| {
            view! { <session::HandoverPage session=s questionnaire=q/> }.into_any()
        }),
        SessionPage::ImportResponses => with_session(id, |s, q| {
            view! { <session::ImportResponsesPage session=s questionnaire=q/> }.into_any()
        }),
        SessionPage::BallotCodes => with_session(id, |s, q| {
            view! { <session::BallotCodesPage session=s questionnaire=q/> }.into_any()
        }),
        SessionPage::Hands { expectation } => expectation_page(id, expectation, |s, q, e| {
            view! { <session::HandsPage session=s questionnaire=q expectation_id=e/> }.into_any()
        }),
        SessionPage::Discuss { expectation } => expectation_page(id, expectation, |s, q, e| {
            view! { <session::DiscussPage session=s questionnaire=q expectation_id=e/> }.into_any()
        }),
        SessionPage::Present { expectation } => expectation_page(id, expectation, |s, q, e| {
            view! { <session::PresentPage session=s questionnaire=q expectation_id=e/> }.into_any()
        }),
        SessionPage::Agenda => with_session(id, |s, q| {
            view! { <session::AgendaPage session=s questionnaire=q/> }.into_any()
        }),
        SessionPage::Results => with_session(id, |s, q| {
            view! { <session::SessionResultsPage session=s questionnaire=q/> }.into_any()
        }),
        SessionPage::Plan => with_session(id, |s, q| {
            view! { <session::SessionPlanPage session=s questionnaire=q/> }.into_any()
        }),
    }
}

/// An assessment's report, progress, adviser file, response for a board session,
/// comparison with the board, and deletion.
#[leptos::wasm_split::wasm_split(further_assessment_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
fn further_assessment_pages(
    (id, page): (String, AssessmentPage),
) -> Result<AnyView, ChunkNotLoaded> {
    Ok(match page {
        AssessmentPage::Delete => delete_page::<Assessment>(id),
        AssessmentPage::Report => report_page::<Assessment>(id),
        AssessmentPage::Progress => progress_page::<Assessment>(id),
        AssessmentPage::AdviserExport => adviser_export_page::<Assessment>(id),
        AssessmentPage::Response => with_assessment(id, |a, q| {
            view! { <session_response::SessionResponsePage assessment=a questionnaire=q/> }
                .into_any()
        }),
        AssessmentPage::CompareWithBoard => with_assessment(id, |a, q| {
            view! { <compare::CompareWithBoardPage assessment=a questionnaire=q/> }.into_any()
        }),
        // `page_for` sends only the pages above here.
        _ => view! { <NotFoundPage/> }.into_any(),
    })
}

/// "Test your understanding": the quiz.
#[leptos::wasm_split::wasm_split(quiz_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
fn quiz_pages(page: QuizPage) -> Result<AnyView, ChunkNotLoaded> {
    Ok(match page {
        QuizPage::Start => view! { <quiz::QuizStartPage/> }.into_any(),
        QuizPage::Question { question } => {
            view! { <quiz::QuizQuestionPage question_id=question/> }.into_any()
        }
        QuizPage::Results => view! { <quiz::QuizResultsPage/> }.into_any(),
        QuizPage::Topic { topic } => view! { <quiz::QuizTopicPage topic_id=topic/> }.into_any(),
    })
}

/// Pages used now and then: questionnaires, backup, and the footer pages.
#[leptos::wasm_split::wasm_split(occasional_pages, wasm_split_path = ::leptos::wasm_split, fallible)]
fn occasional_pages(route: Route) -> Result<AnyView, ChunkNotLoaded> {
    Ok(match route {
        Route::Questionnaires => view! { <questionnaires::QuestionnairesPage/> }.into_any(),
        Route::Accessibility => view! { <accessibility::AccessibilityPage/> }.into_any(),
        Route::Privacy => view! { <privacy::PrivacyPage/> }.into_any(),
        Route::Backup => view! { <backup::BackupPage/> }.into_any(),
        _ => view! { <NotFoundPage/> }.into_any(),
    })
}

/// What the pages shared by assessments and sessions need of either kind of record.
trait RatedRecord: Record + HoldsRatings + PartialEq + Send + Sync + 'static {
    /// A session's adviser file can say how many members came from each sector.
    const OFFERS_SECTORS: bool;
    /// The state's repository of this kind.
    fn records(state: &AppState) -> RecordList<Self>;
    /// Where "Back" goes from the report, progress and adviser file pages.
    fn results_route(id: String) -> Route;
    /// Where "Back" goes from the delete page.
    fn home_route(id: String) -> Route;
    fn report(&self, questionnaire: &Questionnaire) -> Report;
    /// The scores the record stands for: one person's, or the board's agreed ratings.
    fn standing_scores(&self, questionnaire: &Questionnaire) -> Scores;
    /// The name of the report chart's one series.
    fn profile_name(&self) -> String;
    fn adviser_file(&self, questionnaire: &Questionnaire, choices: &AdviserChoices) -> AdviserFile;
}

impl RatedRecord for Assessment {
    const OFFERS_SECTORS: bool = false;
    fn records(state: &AppState) -> RecordList<Self> {
        state.assessments
    }
    fn results_route(assessment: String) -> Route {
        Route::assessment(assessment, AssessmentPage::Results)
    }
    fn home_route(assessment: String) -> Route {
        Route::assessment(assessment, AssessmentPage::Tasks)
    }
    fn report(&self, questionnaire: &Questionnaire) -> Report {
        assessment_report(questionnaire, self)
    }
    fn standing_scores(&self, questionnaire: &Questionnaire) -> Scores {
        self.scores(questionnaire)
    }
    fn profile_name(&self) -> String {
        self.details.partnership.clone()
    }
    fn adviser_file(&self, questionnaire: &Questionnaire, choices: &AdviserChoices) -> AdviserFile {
        adviser_file::from_assessment(questionnaire, self, choices)
    }
}

impl RatedRecord for Session {
    const OFFERS_SECTORS: bool = true;
    fn records(state: &AppState) -> RecordList<Self> {
        state.sessions
    }
    fn results_route(session: String) -> Route {
        Route::session(session, SessionPage::Results)
    }
    fn home_route(session: String) -> Route {
        Route::session(session, SessionPage::Home)
    }
    fn report(&self, questionnaire: &Questionnaire) -> Report {
        session_report(questionnaire, self)
    }
    fn standing_scores(&self, questionnaire: &Questionnaire) -> Scores {
        self.agreed_scores(questionnaire)
    }
    fn profile_name(&self) -> String {
        "Agreed rating".into()
    }
    fn adviser_file(&self, questionnaire: &Questionnaire, choices: &AdviserChoices) -> AdviserFile {
        adviser_file::from_session(questionnaire, self, choices)
    }
}

fn report_page<T: RatedRecord>(id: String) -> AnyView {
    let back = T::results_route(id.clone());
    with_record::<T>(id, |r, q| {
        let report = Signal::derive(move || q.with_value(|q| r.with(|r| r.report(q))));
        let chart = Signal::derive(move || {
            q.with_value(|q| {
                r.with(|r| {
                    let series = RadarSeries {
                        name: r.profile_name(),
                        values: principle_means(&r.standing_scores(q)),
                    };
                    principle_chart(q, &[series])
                })
            })
        });
        view! { <report::ReportPage record=r report chart back/> }.into_any()
    })
}

fn progress_page<T: RatedRecord>(id: String) -> AnyView {
    let back = T::results_route(id.clone());
    with_record::<T>(id, |r, q| {
        let (current_id, partnership) =
            r.with_untracked(|r| (r.id().to_owned(), r.partnership().to_owned()));
        let scores = Memo::new(move |_| q.with_value(|q| r.with(|r| r.standing_scores(q))));
        view! { <progress::ProgressPage questionnaire=q current_id partnership scores back/> }
            .into_any()
    })
}

fn adviser_export_page<T: RatedRecord>(id: String) -> AnyView {
    let back = T::results_route(id.clone());
    with_record::<T>(id, |r, q| {
        let make_file = Callback::new(move |choices: AdviserChoices| {
            q.with_value(|q| r.with(|r| r.adviser_file(q, &choices)))
        });
        view! { <adviser_export::AdviserExportPage make_file questionnaire=q offer_sectors=T::OFFERS_SECTORS back/> }
            .into_any()
    })
}

fn delete_page<T: RatedRecord>(id: String) -> AnyView {
    let back = T::home_route(id.clone());
    with_record::<T>(id, |r, _| {
        let state = expect_app_state();
        let delete = Callback::new(move |id: String| T::records(&state).delete(&id));
        view! { <delete::DeletePage record=r back delete/> }.into_any()
    })
}

/// Looks up the assessment a page is about and the questionnaire it uses, or shows
/// "Page not found". The page gets a memo, so it follows changes made through the state
/// and keeps the last copy if the assessment is deleted while it is showing.
fn with_assessment(
    id: String,
    page: impl FnOnce(Memo<Assessment>, StoredValue<Questionnaire>) -> AnyView,
) -> AnyView {
    with_record(id, page)
}

/// The same for a board session.
fn with_session(
    id: String,
    page: impl FnOnce(Memo<Session>, StoredValue<Questionnaire>) -> AnyView,
) -> AnyView {
    with_record(id, page)
}

/// The record a page is about, checked, and the questionnaire it uses; or a page saying
/// why it cannot be shown.
fn with_record<T: RatedRecord>(
    id: String,
    page: impl FnOnce(Memo<T>, StoredValue<Questionnaire>) -> AnyView,
) -> AnyView {
    let state = expect_app_state();
    let list = T::records(&state).all();
    let Some(initial) = list.with_untracked(|list| list.iter().find(|r| r.id() == id).cloned())
    else {
        // It may still arrive: another tab saves a record it has just made a moment later.
        // Show the page as soon as it does.
        Effect::new(move |_| {
            if list.with(|list| list.iter().any(|r| r.id() == id)) {
                state.route.notify();
            }
        });
        return view! { <NotFoundPage/> }.into_any();
    };
    let (questionnaire_id, version) = initial.questionnaire();
    let Some(questionnaire) = state.catalogue.version_for(questionnaire_id, version) else {
        return view! {
            <PageHeading>"This cannot be opened"</PageHeading>
            <p class="body">"It uses a questionnaire this version of the tool does not have."</p>
            <p class="body"><a href=Route::Start.href()>"Go to the start page"</a></p>
        }
        .into_any();
    };
    // Storage can be edited by hand: its ratings go through the same check as a file's
    // before any page scores them.
    let checked = if questionnaire.version == version {
        check_ratings(&questionnaire, &initial)
    } else {
        check_shared_ratings(&questionnaire, &initial)
    };
    if let Err(reason) = checked {
        return view! {
            <PageHeading>"This cannot be opened"</PageHeading>
            <p class="body">{reason}</p>
            <p class="body">"It is kept as it is. Delete it from the start page, or restore a good copy from a backup file."</p>
            <p class="body"><a href=Route::Start.href()>"Go to the start page"</a></p>
        }
        .into_any();
    }
    let record = Memo::new(move |_| {
        list.with(|list| list.iter().find(|r| r.id() == id).cloned())
            .unwrap_or_else(|| initial.clone())
    });
    page(record, StoredValue::new(questionnaire))
}

#[component]
fn NotFoundPage() -> impl IntoView {
    use_page_title(|| "Page not found".into());
    view! {
        <PageHeading>"Page not found"</PageHeading>
        <p class="body">"If you followed a link or bookmark, the assessment may have been deleted from this device, or it was saved in a different browser."</p>
        <p class="body"><a href=Route::Start.href()>"Go to your assessments"</a></p>
    }
}
