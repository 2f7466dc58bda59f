//! One expectation as a question: the statement as the page heading, its
//! guidance paragraphs, the "What would show this?" prompts, and the rating scale as radios
//! with descriptors plus "Don't know". Used by individual assessments and by board members'
//! turns in a session.

use leptos::prelude::*;

use cpp_domain::questionnaire::{Expectation, Questionnaire};
use cpp_domain::rating::Rating;

use super::components::{FieldError, FormError, FormErrors, PageHeading};
use super::extras::{digests_summary, ParagraphDigests};
use super::route::Route;
use super::state::expect_app_state;

/// The id of the first radio, where the error summary sends focus.
pub const FIRST_RATING_ID: &str = "rating";

/// The error shown when "Continue" is pressed with no rating chosen.
fn missing_rating_error() -> FormError {
    FormError {
        field_id: FIRST_RATING_ID.into(),
        message: "Select a rating for this expectation, or select \u{201c}Don't know\u{201d}"
            .into(),
    }
}

/// "Continue" on a question page: goes on to `next` once a rating is chosen, otherwise
/// shows the error.
pub fn continue_when_rated(
    rating: Memo<Option<Rating>>,
    errors: FormErrors,
    next: Route,
) -> impl Fn(leptos::ev::SubmitEvent) {
    let state = expect_app_state();
    move |ev| {
        ev.prevent_default();
        if rating.get_untracked().is_none() {
            errors.show(vec![missing_rating_error()]);
        } else {
            state.navigate(&next);
        }
    }
}

/// The expectation as the page's heading: its principle, number and statement, the
/// guidance it rests on and the "What would show this?" prompts.
#[component]
pub fn ExpectationHeading(
    questionnaire: StoredValue<Questionnaire>,
    expectation_id: String,
    /// Folds the prompts away, so what follows (a revealed spread) comes first.
    #[prop(optional)]
    prompts_folded: bool,
) -> impl IntoView {
    let Some(expectation) = questionnaire.with_value(|q| q.expectation(&expectation_id).cloned())
    else {
        return ().into_any();
    };
    let (principle_number, expectation_number) = questionnaire
        .with_value(|q| q.position_of(&expectation.id))
        .unwrap_or((0, 0));
    let principle_title = questionnaire
        .with_value(|q| q.principle_of(&expectation.id).map(|p| p.title.clone()))
        .unwrap_or_default();
    let principle_count = questionnaire.with_value(|q| q.principles.len());
    let prompts = prompt_list(&expectation);
    let digests = (questionnaire.with_value(Questionnaire::cites_statutory_guidance)
        && !expectation.guidance_paragraphs.is_empty())
    .then(|| {
        let numbers = expectation.guidance_paragraphs.clone();
        let summary = digests_summary(&numbers);
        view! { <ParagraphDigests numbers summary/> }
    });
    view! {
        <span class="caption-m">{format!("Principle {principle_number} of {principle_count}: {principle_title}")}</span>
        <PageHeading class="heading-l question__statement">
            <span class="question__number">{format!("Expectation {principle_number}.{expectation_number}")}</span>
            {expectation.statement.clone()}
        </PageHeading>
        <p class="hint" id="expectation-guidance">{questionnaire.with_value(|q| q.guidance_reference(&expectation.guidance_paragraphs))}</p>
        {digests}
        {if prompts_folded {
            view! {
                <details class="details">
                    <summary class="details__summary">"What would show this?"</summary>
                    <div class="details__text prompts">{prompts}</div>
                </details>
            }
            .into_any()
        } else {
            view! {
                <div class="inset prompts">
                    <h2 class="heading-s">"What would show this?"</h2>
                    {prompts}
                </div>
            }
            .into_any()
        }}
    }
    .into_any()
}

/// An expectation's "What would show this?" prompts, each with its examples of evidence.
pub fn prompt_list(expectation: &Expectation) -> impl IntoView {
    let prompts = expectation
        .prompts
        .iter()
        .map(|prompt| {
            let evidence = prompt
                .evidence
                .iter()
                .map(|item| view! { <li>{item.clone()}</li> })
                .collect_view();
            view! {
                <li>
                    <p class="body prompt__question">{prompt.question.clone()}</p>
                    <p class="hint">"Evidence could include:"</p>
                    <ul class="list list--bullet">{evidence}</ul>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="prompt-list">{prompts}</ul> }
}

/// The scale as radios with descriptors, then "Don't know".
#[component]
pub fn RatingRadios(
    questionnaire: StoredValue<Questionnaire>,
    /// The rating chosen so far.
    rating: Signal<Option<Rating>>,
    on_choose: Callback<Rating>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let scale = questionnaire.with_value(|q| q.scale.clone());
    let radio = move |input_id: String,
                      value: String,
                      label: String,
                      hint: String,
                      choice: Rating| {
        let hint_id = format!("{input_id}-hint");
        view! {
            <div class="radios__item">
                <input class="radios__input" type="radio" name="rating" id=input_id.clone() value=value
                    aria-describedby=hint_id.clone()
                    prop:checked=move || rating.get() == Some(choice)
                    on:change=move |_| on_choose.run(choice)/>
                <label class="label radios__label" for=input_id>{label}</label>
                <p class="hint radios__hint" id=hint_id>{hint}</p>
            </div>
        }
    };
    let level_radios = scale
        .levels
        .iter()
        .enumerate()
        .map(|(index, level)| {
            let value = level.value;
            let input_id = if index == 0 {
                FIRST_RATING_ID.to_owned()
            } else {
                format!("rating-{value}")
            };
            radio(
                input_id,
                value.to_string(),
                format!("{} ({value})", level.label),
                level.descriptor.clone(),
                Rating::Level(value),
            )
        })
        .collect_view();
    let dont_know_radio = radio(
        "rating-dont-know".into(),
        "dont_know".into(),
        scale.dont_know.label.clone(),
        scale.dont_know.descriptor.clone(),
        Rating::DontKnow,
    );
    view! {
        <FieldError id="rating-error" message=error/>
        <div class="radios">
            {level_radios}
            <div class="radios__divider">"or"</div>
            {dont_know_radio}
        </div>
    }
}

/// A whole question page: the expectation as the page heading with its guidance and
/// prompts, then the rating group. The group is named by the scale's question alone, so a
/// screen reader entering the radios says one sentence, not the page again; the error, when
/// there is one, is its description.
#[component]
pub fn RatingQuestion(
    questionnaire: StoredValue<Questionnaire>,
    expectation_id: String,
    rating: Signal<Option<Rating>>,
    on_choose: Callback<Rating>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    // Worded for the scale: "How well…" for the evaluative one, "How far do you agree…".
    let question = questionnaire.with_value(|q| q.scale.question.clone());
    view! {
        <ExpectationHeading questionnaire expectation_id/>
        <div class=move || if error.with(Option::is_some) { "form-group form-group--error" } else { "form-group" }>
            <fieldset class="fieldset" aria-describedby=move || error.with(Option::is_some).then_some("rating-error")>
                <legend class="fieldset__legend fieldset__legend--s">{question}</legend>
                <RatingRadios questionnaire rating on_choose error/>
            </fieldset>
        </div>
    }
}
