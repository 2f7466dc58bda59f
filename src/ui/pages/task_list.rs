//! The home of an assessment: one row per principle with its status, overall progress,
//! and the way on to checking answers, results and the plan.

use leptos::prelude::*;

use crate::ui::components::{use_page_title, NotificationBanner, PageHeading, SaveIndicator, Tag};
use crate::ui::route::{AssessmentPage, Route};
use crate::ui::state::expect_app_state;
use cpp_domain::assessment::{long_date, Assessment, TaskStatus};
use cpp_domain::questionnaire::Questionnaire;
use cpp_format::report::isolated;

#[component]
pub fn TaskListPage(
    assessment: Memo<Assessment>,
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    use_page_title(move || {
        format!(
            "Self-assessment of {}",
            assessment.with(|a| isolated(&a.details.partnership))
        )
    });
    let id = assessment.with_untracked(|a| a.id.clone());
    let total = questionnaire.with_value(Questionnaire::expectation_count);
    let answered = move || questionnaire.with_value(|q| assessment.with(|a| a.answered_count(q)));
    let state = expect_app_state();
    let backup = Callback::new(move |()| state.notices.offer_record(&assessment.get_untracked()));

    let rows = move || {
        questionnaire.with_value(|q| {
            assessment.with(|a| {
                q.principles
                    .iter()
                    .enumerate()
                    .map(|(index, principle)| {
                        let status = a.principle_status(principle);
                        let href = a
                            .resume_point(principle)
                            .map(|e| Route::assessment(a.id.clone(), AssessmentPage::Question { expectation: e.id.clone(), from_check: false }).href())
                            .unwrap_or_default();
                        let done = principle.expectations.iter().filter(|e| a.is_answered(e)).count();
                        let modifier = match status {
                            TaskStatus::Completed => "completed",
                            TaskStatus::InProgress => "in-progress",
                            TaskStatus::NotStarted => "not-started",
                        };
                        let hint_id = format!("principle-{}-hint", principle.id);
                        let status_id = format!("principle-{}-status", principle.id);
                        view! {
                            <li class="task-list__item">
                                <div class="task-list__name">
                                    <a href=href aria-describedby=format!("{hint_id} {status_id}")>
                                        {format!("{}. {}", index + 1, principle.title)}
                                    </a>
                                    <p class="hint task-list__hint" id=hint_id>
                                        {format!("{done} of {} expectations answered", principle.expectations.len())}
                                    </p>
                                </div>
                                <div class="task-list__status" id=status_id>
                                    <Tag text=status.label() modifier=modifier/>
                                </div>
                            </li>
                        }
                    })
                    .collect_view()
            })
        })
    };

    let id_for_links = id.clone();
    view! {
        <NotificationBanner/>
        <span class="caption-l">{move || assessment.with(|a| long_date(&a.details.date))}</span>
        <PageHeading>
            "Self-assessment of "<bdi>{move || assessment.with(|a| a.details.partnership.clone())}</bdi>
        </PageHeading>
        <SaveIndicator/>
        <p class="body progress" role="status">{move || format!("{} of {total} expectations completed", answered())}</p>
        <h2 class="heading-m">"Principles"</h2>
        <ul class="task-list">{rows}</ul>
        <h2 class="heading-m">"When you have finished"</h2>
        <ul class="list">
            <li><a href=Route::assessment(id_for_links.clone(), AssessmentPage::CheckAnswers).href()>"Check your answers"</a></li>
            <li><a href=Route::assessment(id_for_links.clone(), AssessmentPage::Results).href()>"See the results"</a></li>
            <li><a href=Route::assessment(id_for_links.clone(), AssessmentPage::Plan).href()>"Draft the improvement plan"</a></li>
        </ul>
        <h2 class="heading-m">"For a board session"</h2>
        <p class="body">"If your board is meeting to agree its ratings, send the facilitator your response: your ratings only, as an anonymous ballot. "
            <a href=Route::assessment(id_for_links.clone(), AssessmentPage::Response).href()>"Save my response for the board session"</a></p>
        <h2 class="heading-m">"Keep a copy"</h2>
        <p class="body">"Your answers are saved in this browser as you go. Browsers can clear saved data, so download a backup file from time to time."</p>
        <button type="button" class="button button--secondary" on:click=move |_| backup.run(())>"Download a backup file"</button>
        <p class="body"><a href=Route::assessment(id, AssessmentPage::Delete).href()>"Delete this assessment"</a></p>
    }
}
