//! Saving an adviser file: the partnership chooses what to include, sees exactly what the
//! file will contain, and downloads it.

use leptos::prelude::*;

use crate::ui::components::{
    BackLink, ErrorSummary, FormError, FormErrors, PageHeading, TextField, WarningText,
};
use crate::ui::route::Route;
use crate::ui::state::expect_app_state;
use cpp_format::adviser_file::{validate_code, AdviserChoices, AdviserFile};
use cpp_format::record;

const CODE_ID: &str = "partnership-code";

#[component]
pub fn AdviserExportPage(
    /// Makes the file from the choices.
    make_file: Callback<AdviserChoices, AdviserFile>,
    /// Sessions can say how many members came from each sector.
    offer_sectors: bool,
    back: Route,
) -> impl IntoView {
    let state = expect_app_state();
    let errors = FormErrors::new();
    errors.use_title(|| "Save a file for your improvement adviser".into());
    let code = RwSignal::new(String::new());
    let include_name = RwSignal::new(false);
    let include_sectors = RwSignal::new(false);
    let choices = move || AdviserChoices {
        partnership_code: code.get().trim().to_owned(),
        include_name: include_name.get(),
        include_sectors: include_sectors.get(),
    };
    let preview =
        move || record::encode_pretty(&make_file.run(choices())).unwrap_or_else(|e| e.to_string());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match validate_code(&code.get_untracked()) {
            Ok(valid) => {
                errors.clear();
                let file = make_file.run(AdviserChoices {
                    partnership_code: valid,
                    ..choices()
                });
                state.notices.offer_as_shown(&file);
            }
            Err(message) => errors.show(vec![FormError {
                field_id: CODE_ID.into(),
                message,
            }]),
        }
    };
    let checkbox = move |id: &'static str,
                         label: &'static str,
                         hint: &'static str,
                         value: RwSignal<bool>| {
        let hint_id = format!("{id}-hint");
        view! {
            <div class="checkboxes__item">
                <input class="checkboxes__input" type="checkbox" id=id aria-describedby=hint_id.clone()
                    prop:checked=move || value.get() on:change=move |ev| value.set(event_target_checked(&ev))/>
                <label class="label checkboxes__label" for=id>{label}</label>
                <p class="hint radios__hint" id=hint_id>{hint}</p>
            </div>
        }
    };
    // A questionnaire of the partnership's own names it as surely as its name would.
    let questionnaire_id = make_file
        .run(AdviserChoices {
            partnership_code: String::new(),
            include_name: false,
            include_sectors: false,
        })
        .questionnaire_id;
    let own_questionnaire = !state
        .catalogue
        .built_in()
        .iter()
        .any(|q| q.id == questionnaire_id);
    view! {
        <BackLink route=back label="Back to the results"/>
        <ErrorSummary errors=errors.list()/>
        <PageHeading>"Save a file for your improvement adviser"</PageHeading>
        <p class="body">"Improvement advisers collate results from many partnerships to see the national picture. This file carries your ratings and, for a board session, the counts of members' private ratings where enough members answered. It never carries names of members, notes, reasons or the wording of your plan."</p>
        {own_questionnaire.then(|| view! {
            <WarningText>{format!("The file names the questionnaire it answers, \u{201c}{questionnaire_id}\u{201d}. This is your partnership's own questionnaire, so anyone who knows it can tell the file is yours even without your name. If that matters, give the questionnaire a neutral id before you load it and assess with it.")}</WarningText>
        })}
        <form novalidate on:submit=save>
            <TextField id=CODE_ID label="Partnership code" hint="The code your improvement adviser gave your partnership, for example CPP-07"
                value=code error=errors.for_field(CODE_ID)/>
            <fieldset class="fieldset">
                <legend class="fieldset__legend fieldset__legend--s">"Also include (optional)"</legend>
                <div class="checkboxes">
                    {checkbox("include-name", "The partnership's name", "Otherwise the adviser sees only your code.", include_name)}
                    {offer_sectors.then(|| checkbox("include-sectors", "How many members took part from each sector", "Counts only, for example \u{201c}NHS board: 2\u{201d}.", include_sectors))}
                </div>
            </fieldset>
            <h2 class="heading-m">"Exactly what the file contains"</h2>
            <pre class="file-preview" tabindex="0" aria-label="The adviser file's contents">{preview}</pre>
            <button type="submit" class="button">"Download the adviser file"</button>
        </form>
    }
}
