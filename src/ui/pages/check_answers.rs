//! "Check your answers": every expectation's rating and note, each with a "Change" link.

use leptos::prelude::*;

use crate::ui::components::{use_page_title, BackLink, PageHeading, WarningText};
use crate::ui::route::{AssessmentPage, Route};
use cpp_domain::assessment::Assessment;
use cpp_domain::questionnaire::Questionnaire;

#[component]
pub fn CheckAnswersPage(
    assessment: Memo<Assessment>,
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    use_page_title(|| "Check your answers".into());
    let id = assessment.with_untracked(|a| a.id.clone());
    let total = questionnaire.with_value(Questionnaire::expectation_count);

    let sections = move || {
        questionnaire.with_value(|q| {
            assessment.with(|a| {
                q.principles
                    .iter()
                    .enumerate()
                    .map(|(index, principle)| {
                        let rows = principle
                            .expectations
                            .iter()
                            .map(|e| {
                                let number = q.number_of(&e.id);
                                let response = a.response(&e.id);
                                let rating = q.rating_label(response.and_then(|r| r.rating));
                                let note = response
                                    .map(|r| r.note.clone())
                                    .filter(|n| !n.trim().is_empty())
                                    .unwrap_or_else(|| "Not provided".into());
                                let change = Route::assessment(a.id.clone(), AssessmentPage::Question { expectation: e.id.clone(), from_check: true });
                                view! {
                                    <div class="summary-list__row">
                                        <dt class="summary-list__key">
                                            <span class="summary-list__number">{number.clone()}</span>
                                            {e.statement.clone()}
                                        </dt>
                                        <dd class="summary-list__value">
                                            <p class="body"><strong>{rating}</strong></p>
                                            <p class="body summary-list__note">"Evidence: "{note}</p>
                                        </dd>
                                        <dd class="summary-list__actions">
                                            <a href=change.href()>"Change"<span class="visually-hidden">{format!(" your answer to expectation {number}")}</span></a>
                                        </dd>
                                    </div>
                                }
                            })
                            .collect_view();
                        view! {
                            <h2 class="heading-m">{format!("{}. {}", index + 1, principle.title)}</h2>
                            <dl class="summary-list">{rows}</dl>
                        }
                    })
                    .collect_view()
            })
        })
    };

    let unanswered =
        move || questionnaire.with_value(|q| assessment.with(|a| total - a.answered_count(q)));
    view! {
        <BackLink route=Route::assessment(id.clone(), AssessmentPage::Tasks) label="Back to the task list"/>
        <PageHeading>"Check your answers"</PageHeading>
        <Show when=move || { unanswered() > 0 }>
            <WarningText>{move || format!("{} of {total} expectations are not answered yet. They will count as missing in the results.", unanswered())}</WarningText>
        </Show>
        {sections}
        <h2 class="heading-m">"Now see your results"</h2>
        <p class="body">"You can still change any answer afterwards. Your answers are saved on this device."</p>
        <a class="button" href=Route::assessment(id, AssessmentPage::Results).href()>"See the results"</a>
    }
}
