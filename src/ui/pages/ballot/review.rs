//! "Check your ratings" on the phone: every expectation with the member's rating or "Not
//! rated", a link to change each, and handing the ballot in, early if they wish (what is not
//! rated stays unanswered).

use leptos::prelude::*;

use super::{hand_in, rate, resume, session_name};
use crate::ui::components::{use_page_title, BackLink, PageHeading, WarningText};
use cpp_domain::assessment::Assessment;
use cpp_domain::questionnaire::Questionnaire;

#[component]
pub fn ReviewPage(
    assessment: Memo<Assessment>,
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    use_page_title(|| "Check your ratings".into());
    let id = assessment.with_untracked(|a| a.id.clone());
    let total = questionnaire.with_value(Questionnaire::expectation_count);
    let rated = move || questionnaire.with_value(|q| assessment.with(|a| a.answered_count(q)));
    let rows = move || {
        questionnaire.with_value(|q| {
            assessment.with(|a| {
                q.expectations()
                    .map(|e| {
                        let number = q.number_of(&e.id);
                        let rating = a.rating(&e.id);
                        let (shown, action) = match rating {
                            Some(_) => (q.rating_label(rating), "Change"),
                            None => ("Not rated".to_owned(), "Rate"),
                        };
                        view! {
                            <div class="summary-list__row">
                                <dt class="summary-list__key">
                                    <span class="summary-list__number">{number.clone()}</span>
                                    {e.statement.clone()}
                                </dt>
                                <dd class="summary-list__value"><strong>{shown}</strong></dd>
                                <dd class="summary-list__actions">
                                    <a href=rate(&a.id, &e.id).href()>{action}<span class="visually-hidden">{format!(" expectation {number}")}</span></a>
                                </dd>
                            </div>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let hand_in_button = {
        let href = hand_in(&id).href();
        move || view! { <a class="button" href=href.clone()>"Hand in my ballot"</a> }
    };
    let carry_on = questionnaire.with_value(|q| assessment.with_untracked(|a| resume(q, a)));
    view! {
        <BackLink route=carry_on label="Back to rating"/>
        <span class="caption-l">{move || assessment.with(session_name)}</span>
        <PageHeading>"Check your ratings"</PageHeading>
        <p class="body">{move || format!("You have rated {} of {total} expectations.", rated())}</p>
        <Show when=move || { rated() < total }>
            <WarningText>"Any you have not rated count as not answered. You can hand in now, or rate them first."</WarningText>
        </Show>
        {hand_in_button.clone()}
        <dl class="summary-list ballot-review">{rows}</dl>
        {hand_in_button}
    }
}
