//! One expectation per page of an individual assessment: the question, and an optional
//! evidence note. Every choice is saved at once; "Continue" only checks that a rating was
//! chosen.

use leptos::prelude::*;

use crate::ui::components::{BackLink, ErrorSummary, FormErrors, SaveIndicator};
use crate::ui::rating_question::{continue_when_rated, RatingQuestion};
use crate::ui::route::{AssessmentPage, Route};
use crate::ui::state::expect_app_state;
use cpp_domain::assessment::Assessment;
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::rating::Rating;

/// The note is never cut short; past this length the count warns that it is long.
const NOTE_GUIDE_CHARS: usize = 1000;

#[component]
pub fn QuestionPage(
    assessment: Memo<Assessment>,
    questionnaire: StoredValue<Questionnaire>,
    expectation_id: String,
    from_check: bool,
) -> impl IntoView {
    let state = expect_app_state();
    let assessment_id = assessment.with_untracked(|a| a.id.clone());
    let number = questionnaire.with_value(|q| q.number_of(&expectation_id));

    let errors = FormErrors::new();
    let rating_error = errors.first();
    errors.use_title(move || format!("Expectation {number}"));

    let eid = expectation_id.clone();
    let rating = Memo::new(move |_| assessment.with(|a| a.rating(&eid)));
    let initial_note = assessment.with_untracked(|a| {
        a.response(&expectation_id)
            .map(|r| r.note.clone())
            .unwrap_or_default()
    });
    let note_length = RwSignal::new(initial_note.chars().count());

    let (aid, eid) = (assessment_id.clone(), expectation_id.clone());
    let choose = Callback::new(move |choice: Rating| {
        errors.clear();
        state
            .assessments
            .update(&aid, |a| a.set_rating(&eid, choice));
    });
    let (aid, eid) = (assessment_id.clone(), expectation_id.clone());
    let write_note = move |text: String| {
        note_length.set(text.chars().count());
        state.assessments.update(&aid, |a| a.set_note(&eid, &text));
    };

    let next_route = {
        let next =
            questionnaire.with_value(|q| q.next_expectation(&expectation_id).map(|e| e.id.clone()));
        match (from_check, next) {
            (false, Some(next)) => Route::assessment(
                assessment_id.clone(),
                AssessmentPage::Question {
                    expectation: next,
                    from_check: false,
                },
            ),
            _ => Route::assessment(assessment_id.clone(), AssessmentPage::CheckAnswers),
        }
    };
    let submit = continue_when_rated(rating, errors, next_route);

    let back = if from_check {
        Route::assessment(assessment_id.clone(), AssessmentPage::CheckAnswers)
    } else {
        questionnaire
            .with_value(|q| {
                q.previous_expectation(&expectation_id)
                    .map(|e| e.id.clone())
            })
            .map(|previous| {
                Route::assessment(
                    assessment_id.clone(),
                    AssessmentPage::Question {
                        expectation: previous,
                        from_check: false,
                    },
                )
            })
            .unwrap_or(Route::assessment(
                assessment_id.clone(),
                AssessmentPage::Tasks,
            ))
    };
    let task_list = Route::assessment(assessment_id.clone(), AssessmentPage::Tasks);

    view! {
        <BackLink route=back label="Back"/>
        <ErrorSummary errors=errors.list()/>
        <form novalidate on:submit=submit>
            <RatingQuestion questionnaire expectation_id rating=rating.into() on_choose=choose error=rating_error/>
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
            <SaveIndicator/>
            <div class="button-group">
                <button type="submit" class="button">"Continue"</button>
                <a class="link" href=task_list.href()>"Save and come back later"</a>
            </div>
        </form>
    }
}
