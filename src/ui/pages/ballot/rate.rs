//! One expectation on a phone's screen: where it is in the ballot ("12 of 33"), the
//! statement, "What would show this?" folded away, and the scale as large buttons. A tap
//! saves the rating and goes on; "Skip for now" goes on without one.

use leptos::prelude::*;

use super::{rate, review, session_name};
use crate::ui::components::{use_page_title, BackLink, PageHeading};
use crate::ui::rating_question::prompt_list;
use crate::ui::state::expect_app_state;
use cpp_domain::assessment::Assessment;
use cpp_domain::questionnaire::{Expectation, Questionnaire};
use cpp_domain::rating::Rating;

#[component]
pub fn RatePage(
    assessment: Memo<Assessment>,
    questionnaire: StoredValue<Questionnaire>,
    expectation: Expectation,
) -> impl IntoView {
    let state = expect_app_state();
    let id = assessment.with_untracked(|a| a.id.clone());
    let (position, total, number, principle, guidance, previous, next) =
        questionnaire.with_value(|q| {
            let id_of = |e: Option<&Expectation>| e.map(|e| e.id.clone());
            (
                q.expectations()
                    .position(|e| e.id == expectation.id)
                    .unwrap_or(0)
                    + 1,
                q.expectation_count(),
                q.number_of(&expectation.id),
                q.principle_of(&expectation.id)
                    .map(|p| p.title.clone())
                    .unwrap_or_default(),
                q.guidance_reference(&expectation.guidance_paragraphs),
                id_of(q.previous_expectation(&expectation.id)),
                id_of(q.next_expectation(&expectation.id)),
            )
        });
    let title = format!("Expectation {number}, {position} of {total}");
    use_page_title(move || title.clone());
    let next_route = next.map_or_else(|| review(&id), |next| rate(&id, &next));
    let back = previous.map_or_else(|| review(&id), |previous| rate(&id, &previous));
    let chosen = {
        let eid = expectation.id.clone();
        Memo::new(move |_| assessment.with(|a| a.rating(&eid)))
    };
    let choose = {
        let (id, eid, next_route) = (id.clone(), expectation.id.clone(), next_route.clone());
        move |rating: Rating| {
            state
                .assessments
                .update(&id, |a| a.set_rating(&eid, rating));
            state.navigate(&next_route);
        }
    };
    let scale = questionnaire.with_value(|q| {
        q.scale
            .levels
            .iter()
            .map(|level| (Rating::Level(level.value), level.descriptor.clone()))
            .chain([(Rating::DontKnow, q.scale.dont_know.descriptor.clone())])
            .map(|(rating, descriptor)| (rating, q.rating_label(Some(rating)), descriptor))
            .collect::<Vec<_>>()
    });
    let buttons = scale
        .into_iter()
        .map(|(rating, label, descriptor)| {
            let choose = choose.clone();
            let descriptor_id = match rating {
                Rating::Level(value) => format!("rating-{value}-descriptor"),
                Rating::DontKnow => "rating-dont-know-descriptor".to_owned(),
            };
            let described_by = descriptor_id.clone();
            // Named by its label alone, described by its descriptor: a name of two
            // sentences would be read in full at every button.
            view! {
                {(rating == Rating::DontKnow).then(|| view! { <p class="rating-buttons__divider">"or"</p> })}
                <button type="button" class="rating-button" aria-describedby=described_by
                    aria-pressed=move || if chosen.get() == Some(rating) { "true" } else { "false" }
                    on:click=move |_| choose(rating)>
                    <span class="rating-button__label">{label}</span>
                    <span class="rating-button__descriptor" id=descriptor_id aria-hidden="true">{descriptor}</span>
                </button>
            }
        })
        .collect_view();
    let (statement, prompts) = (expectation.statement.clone(), prompt_list(&expectation));
    let rated = move || questionnaire.with_value(|q| assessment.with(|a| a.answered_count(q)));
    view! {
        <BackLink route=back label="Back"/>
        <p class="ballot-progress">
            <span class="caption-m">{move || assessment.with(session_name)}</span>
            <strong class="ballot-progress__count">{format!("{position} of {total}")}</strong>
            <progress class="ballot-progress__bar" max=total value=position aria-hidden="true"></progress>
        </p>
        <span class="caption-m">{principle}</span>
        <PageHeading class="heading-l question__statement ballot-statement">
            <span class="question__number">{format!("Expectation {number}")}</span>
            {statement}
        </PageHeading>
        <details class="details">
            <summary class="details__summary">"What would show this?"</summary>
            <div class="details__text">
                <p class="hint">{guidance}</p>
                {prompts}
            </div>
        </details>
        <fieldset class="fieldset">
            <legend class="fieldset__legend heading-s">{questionnaire.with_value(|q| q.scale.question.clone())}</legend>
            <div class="rating-buttons">{buttons}</div>
        </fieldset>
        <div class="button-group">
            <a class="button button--secondary" href=next_route.href()>"Skip for now"</a>
            <a class="link" href=review(&id).href()>{move || format!("Review and hand in ({} of {total} rated)", rated())}</a>
        </div>
    }
}
