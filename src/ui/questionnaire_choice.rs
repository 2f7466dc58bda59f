//! Choosing which questionnaire a new assessment or board session answers: the national
//! principles, the CPP Board expectations, the statutory plans checklist, or one the
//! partnership loaded from its own file.

use leptos::prelude::*;

use cpp_domain::questionnaire::Questionnaire;
use cpp_format::questionnaire_file::LoadedQuestionnaire;

use super::components::{FormError, FormErrors};
use super::route::Route;
use super::state::expect_app_state;

/// The id of the first radio, which an error summary links to.
const FIRST_QUESTIONNAIRE_ID: &str = "questionnaire";

/// A questionnaire's key in the form: its id and version.
pub fn choice_key(questionnaire: &Questionnaire) -> String {
    LoadedQuestionnaire::storage_id(questionnaire)
}

/// What a questionnaire asks, in one line: "33 expectations, rated on the Six-point
/// evaluative scale. Version 1.0.0."
pub fn questionnaire_description(questionnaire: &Questionnaire) -> String {
    format!(
        "{} {}, rated on the {}. Version {}.",
        questionnaire.expectation_count(),
        if questionnaire.expectation_count() == 1 {
            "statement"
        } else {
            "statements"
        },
        questionnaire.scale.name.to_lowercase(),
        questionnaire.version
    )
}

/// Radios for every available questionnaire; `chosen` holds the chosen one's key.
#[component]
pub fn QuestionnaireChoice(chosen: RwSignal<String>) -> impl IntoView {
    let state = expect_app_state();
    let radios = move || {
        let loaded = state.catalogue.loaded().get();
        state.catalogue.all().with(|list| {
            list.iter()
                .enumerate()
                .map(|(index, questionnaire)| {
                    let key = choice_key(questionnaire);
                    let input_id = if index == 0 {
                        FIRST_QUESTIONNAIRE_ID.to_owned()
                    } else {
                        format!("questionnaire-{index}")
                    };
                    let hint_id = format!("{input_id}-hint");
                    let from_file = loaded
                        .iter()
                        .find(|l| l.id == key)
                        .map(|l| format!(" Loaded from {}.", l.file_name))
                        .unwrap_or_default();
                    let hint = format!(
                        "{} {}{from_file}",
                        questionnaire.summary,
                        questionnaire_description(questionnaire)
                    );
                    let value = key.clone();
                    view! {
                        <div class="radios__item">
                            <input class="radios__input" type="radio" name="questionnaire" id=input_id.clone()
                                value=key.clone() aria-describedby=hint_id.clone()
                                prop:checked=move || chosen.with(|c| *c == key)
                                on:change=move |_| chosen.set(value.clone())/>
                            <label class="label radios__label" for=input_id><bdi>{questionnaire.title.clone()}</bdi></label>
                            <p class="hint radios__hint" id=hint_id>{hint}</p>
                        </div>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="form-group">
            <fieldset class="fieldset" aria-describedby="questionnaire-choice-hint">
                <legend class="fieldset__legend fieldset__legend--s">"Questionnaire"</legend>
                <p class="hint" id="questionnaire-choice-hint">
                    "Your partnership can also use its own questionnaire. "
                    <a href=Route::Questionnaires.href()>"Load or manage questionnaires"</a>
                </p>
                <div class="radios">{radios}</div>
            </fieldset>
        </div>
    }
}

/// The chosen questionnaire's key, starting at the default (national) questionnaire.
pub fn default_choice() -> RwSignal<String> {
    RwSignal::new(
        expect_app_state()
            .catalogue
            .default()
            .map(|q| choice_key(&q))
            .unwrap_or_default(),
    )
}

/// The questionnaire chosen, or, when it is no longer available, an error on the chooser.
pub fn chosen_or_error(chosen: RwSignal<String>, errors: FormErrors) -> Option<Questionnaire> {
    let key = chosen.get_untracked();
    let questionnaire = expect_app_state()
        .catalogue
        .all()
        .with_untracked(|list| list.iter().find(|q| choice_key(q) == key).cloned());
    if questionnaire.is_none() {
        errors.show(vec![FormError {
            field_id: FIRST_QUESTIONNAIRE_ID.into(),
            message: "Choose a questionnaire".into(),
        }]);
    }
    questionnaire
}
