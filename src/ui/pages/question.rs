//! One expectation per page: the statement, its guidance, prompts, the rating scale as
//! radios with descriptors, "Don't know", and an optional evidence note.
//! Every choice is saved at once; "Continue" only checks that a rating was chosen.

use leptos::prelude::*;

use super::MAIN_HEADING_ID;
use crate::domain::assessment::Assessment;
use crate::domain::questionnaire::Questionnaire;
use crate::domain::rating::Rating;
use crate::ui::browser;
use crate::ui::components::{
    use_page_title, BackLink, ErrorSummary, FieldError, FormError, SaveIndicator, ERROR_SUMMARY_ID,
};
use crate::ui::route::Route;
use crate::ui::state::expect_app_state;

/// The note is never cut short; past this length the count warns that it is long.
const NOTE_GUIDE_CHARS: usize = 1000;
const FIRST_RATING_ID: &str = "rating";

#[component]
pub fn QuestionPage(
    assessment: Memo<Assessment>,
    questionnaire: StoredValue<Questionnaire>,
    expectation_id: String,
    from_check: bool,
) -> impl IntoView {
    let state = expect_app_state();
    let assessment_id = assessment.with_untracked(|a| a.id.clone());
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
    let scale = questionnaire.with_value(|q| q.scale.clone());

    let errors = RwSignal::new(Vec::<FormError>::new());
    let rating_error =
        Signal::derive(move || errors.with(|e| e.first().map(|e| e.message.clone())));
    use_page_title({
        let number = format!("{principle_number}.{expectation_number}");
        move || {
            let prefix = if errors.with(Vec::is_empty) {
                ""
            } else {
                "Error: "
            };
            format!("{prefix}Expectation {number}")
        }
    });

    let eid = expectation.id.clone();
    let rating = Memo::new(move |_| assessment.with(|a| a.rating(&eid)));
    let eid = expectation.id.clone();
    let initial_note =
        assessment.with_untracked(|a| a.response(&eid).map(|r| r.note.clone()).unwrap_or_default());
    let note_length = RwSignal::new(initial_note.chars().count());

    let (aid, eid) = (assessment_id.clone(), expectation.id.clone());
    let choose = move |choice: Rating| {
        errors.set(Vec::new());
        state.update_assessment(&aid, |a| a.set_rating(&eid, choice));
    };
    let (aid, eid) = (assessment_id.clone(), expectation.id.clone());
    let write_note = move |text: String| {
        note_length.set(text.chars().count());
        state.update_assessment(&aid, |a| a.set_note(&eid, &text));
    };

    let next_route = {
        let aid = assessment_id.clone();
        let next =
            questionnaire.with_value(|q| q.next_expectation(&expectation.id).map(|e| e.id.clone()));
        match (from_check, next) {
            (false, Some(next)) => Route::Question {
                assessment: aid,
                expectation: next,
                from_check: false,
            },
            _ => Route::CheckAnswers { assessment: aid },
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if rating.get_untracked().is_none() {
            errors.set(vec![FormError {
                field_id: FIRST_RATING_ID,
                message:
                    "Select a rating for this expectation, or select \u{201c}Don't know\u{201d}"
                        .into(),
            }]);
            request_animation_frame(|| browser::focus_by_id(ERROR_SUMMARY_ID));
            return;
        }
        state.navigate(&next_route);
    };

    let back = if from_check {
        Route::CheckAnswers {
            assessment: assessment_id.clone(),
        }
    } else {
        questionnaire
            .with_value(|q| {
                q.previous_expectation(&expectation.id)
                    .map(|e| e.id.clone())
            })
            .map(|previous| Route::Question {
                assessment: assessment_id.clone(),
                expectation: previous,
                from_check: false,
            })
            .unwrap_or(Route::TaskList {
                assessment: assessment_id.clone(),
            })
    };

    let level_radios = scale
        .levels
        .iter()
        .enumerate()
        .map(|(index, level)| {
            let choose = choose.clone();
            let value = level.value;
            let input_id = if index == 0 { FIRST_RATING_ID.to_owned() } else { format!("rating-{value}") };
            let hint_id = format!("rating-{value}-hint");
            view! {
                <div class="radios__item">
                    <input class="radios__input" type="radio" name="rating" id=input_id.clone() value=value.to_string()
                        aria-describedby=hint_id.clone()
                        prop:checked=move || rating.get() == Some(Rating::Level(value))
                        on:change=move |_| choose(Rating::Level(value))/>
                    <label class="label radios__label" for=input_id>{format!("{} ({value})", level.label)}</label>
                    <p class="hint radios__hint" id=hint_id>{level.descriptor.clone()}</p>
                </div>
            }
        })
        .collect_view();

    let guidance = if expectation.guidance_paragraphs.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = expectation
            .guidance_paragraphs
            .iter()
            .map(u32::to_string)
            .collect();
        format!(
            "Statutory guidance, Part 2 section A, paragraph{} {}",
            if list.len() == 1 { "" } else { "s" },
            list.join(", ")
        )
    };
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

    let backup =
        Callback::new(move |()| super::task_list::download_backup(&assessment.get_untracked()));
    let task_list = Route::TaskList {
        assessment: assessment_id.clone(),
    };
    let dont_know_label = scale.dont_know.label.clone();
    let dont_know_hint = scale.dont_know.descriptor.clone();

    view! {
        <BackLink route=back label="Back"/>
        <ErrorSummary errors=errors.into()/>
        <form novalidate on:submit=submit>
            <div class=move || if rating_error.get().is_some() { "form-group form-group--error" } else { "form-group" }>
                <fieldset class="fieldset" aria-describedby="expectation-guidance">
                    <legend class="fieldset__legend">
                        <span class="caption-m">{format!("Principle {principle_number} of {principle_count}: {principle_title}")}</span>
                        <h1 class="heading-l question__statement" id=MAIN_HEADING_ID tabindex="-1">
                            <span class="question__number">{format!("Expectation {principle_number}.{expectation_number}")}</span>
                            {expectation.statement.clone()}
                        </h1>
                    </legend>
                    <p class="hint" id="expectation-guidance">{guidance}</p>
                    <div class="inset prompts">
                        <h2 class="heading-s">"What would show this?"</h2>
                        <ul class="prompt-list">{prompts}</ul>
                    </div>
                    <p class="body"><strong>"How well does your partnership meet this expectation?"</strong></p>
                    <FieldError id="rating-error" message=rating_error/>
                    <div class="radios">
                        {level_radios}
                        <div class="radios__divider">"or"</div>
                        <div class="radios__item">
                            <input class="radios__input" type="radio" name="rating" id="rating-dont-know" value="dont_know"
                                aria-describedby="rating-dont-know-hint"
                                prop:checked=move || rating.get() == Some(Rating::DontKnow)
                                on:change=move |_| choose(Rating::DontKnow)/>
                            <label class="label radios__label" for="rating-dont-know">{dont_know_label}</label>
                            <p class="hint radios__hint" id="rating-dont-know-hint">{dont_know_hint}</p>
                        </div>
                    </div>
                </fieldset>
            </div>
            <div class="form-group">
                <label class="label" for="evidence-note">"Evidence and comments (optional)"</label>
                <p class="hint" id="evidence-note-hint">"What you based your rating on, such as documents, examples or gaps. This stays on this device."</p>
                <textarea class="textarea" id="evidence-note" name="evidence-note" rows="5"
                    aria-describedby="evidence-note-hint evidence-note-count"
                    prop:value=initial_note
                    on:input=move |ev| write_note(event_target_value(&ev))></textarea>
                <p id="evidence-note-count"
                    class={move || if note_length.get() > NOTE_GUIDE_CHARS { "character-count character-count--over" } else { "hint character-count" }}>
                    {move || {
                        let used = note_length.get();
                        if used > NOTE_GUIDE_CHARS {
                            format!("{used} characters: {} over the suggested {NOTE_GUIDE_CHARS}. It is still saved in full.", used - NOTE_GUIDE_CHARS)
                        } else {
                            format!("{used} of a suggested {NOTE_GUIDE_CHARS} characters")
                        }
                    }}
                </p>
                // Announced only when the note passes the suggested length, not at every key.
                <p class="visually-hidden" aria-live="polite">
                    {move || {
                        let used = note_length.get();
                        (used > NOTE_GUIDE_CHARS).then(|| format!(
                            "Your note is {} characters over the suggested {NOTE_GUIDE_CHARS}. It is still saved in full.",
                            used - NOTE_GUIDE_CHARS
                        ))
                    }}
                </p>
            </div>
            <SaveIndicator on_backup=backup/>
            <div class="button-group">
                <button type="submit" class="button">"Continue"</button>
                <a class="link" href=task_list.href()>"Save and come back later"</a>
            </div>
        </form>
    }
    .into_any()
}
