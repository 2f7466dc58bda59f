//! The improvement adviser's view: bring in adviser files from many partnerships, then see
//! the national picture for one questionnaire (`picture`), inspect and edit the files in
//! the collection (`files`), and export every table (`export`). Figures across too few
//! partnerships are suppressed by the domain's release rule; this page says why.

mod export;
mod files;
mod heatmap;
mod picture;

use leptos::prelude::*;

use crate::ui::components::{use_page_title, BackLink, LoadProblems, PageHeading};
use crate::ui::file_import::{FileDrop, ImportReport};
use crate::ui::route::Route;
use crate::ui::state::{expect_app_state, AppState, SaveStatus};
use cpp_domain::sorting::sort_by;
use cpp_format::adviser_file::{check_collection, import_files};
use cpp_format::import::{FileReport, IncomingFile};
use files::{CollectionControls, CollectionFiles};
use picture::AdviserPicture;

/// "1 partnership", "2 partnerships".
fn count_of(n: usize, thing: &str) -> String {
    if n == 1 {
        format!("1 {thing}")
    } else {
        format!("{n} {thing}s")
    }
}

/// Writes the collection at once, so each file's report can say whether it is really kept:
/// a file added while the browser refuses to save is reported as not yet saved.
fn saved_or_not(state: AppState, reports: Vec<FileReport>) -> Vec<FileReport> {
    state.saving.flush();
    let SaveStatus::Failed(reason) = state.saving.status().get_untracked() else {
        return reports;
    };
    reports
        .into_iter()
        .map(|report| FileReport {
            outcome: match report.outcome {
                Ok(_) => Err(format!(
                    "Read, but not saved on this device ({reason}). It stays on this page while it is open, and is saved once there is room: download a backup meanwhile"
                )),
                refused => refused,
            },
            ..report
        })
        .collect()
}

#[component]
pub fn AdviserPage() -> impl IntoView {
    let state = expect_app_state();
    use_page_title(|| "Improvement adviser: collate results".into());
    // The stored collection goes through the same checker as every file before anything
    // is collated from it: one that fails is set aside, never left to break this page.
    let stored = state.collection.current().get_untracked();
    match check_collection(stored.clone(), &state.catalogue.all().get_untracked()) {
        Ok(checked) if checked != stored => state.collection.use_checked(checked),
        Ok(_) => {}
        Err(reason) => state.collection.set_aside(&reason),
    }
    let reports = RwSignal::new(Vec::<FileReport>::new());
    let on_files = Callback::new(move |incoming: Vec<IncomingFile>| {
        let questionnaires = state.catalogue.all().get_untracked();
        let mut outcome = Vec::new();
        state
            .collection
            .add_files(|c| outcome = import_files(c, &questionnaires, &incoming));
        reports.set(saved_or_not(state, outcome));
    });
    let chosen = RwSignal::new(state.catalogue.default().map(|q| q.id).unwrap_or_default());

    view! {
        <BackLink route=Route::Start label="Back"/>
        <LoadProblems/>
        <PageHeading>"Collate results from many partnerships"</PageHeading>
        <p class="body">"For improvement advisers. Partnerships send you adviser files; add them here to see the national picture. Everything stays in this browser. Partnerships appear by code unless they chose to include their name, and figures across fewer partnerships than the threshold are suppressed."</p>
        <h2 class="heading-m">"Add adviser files"</h2>
        <FileDrop id="adviser-files" label="Choose adviser files" hint="You can choose many at once. They end in .adviser.json" on_files folder=true/>
        <ImportReport reports=reports.into()/>
        <QuestionnaireShown chosen/>
        <CollectionFiles/>
        <CollectionControls reports/>
    }
}

/// The questionnaire whose picture is shown: a choice when files answer several, then
/// the picture itself.
#[component]
fn QuestionnaireShown(chosen: RwSignal<String>) -> impl IntoView {
    let state = expect_app_state();
    // The questionnaires the collected files answer; each is collated on its own.
    let collected = Memo::new(move |_| {
        let mut ids: Vec<String> = state.collection.current().with(|c| {
            c.submissions
                .iter()
                .map(|s| s.questionnaire_id.clone())
                .collect()
        });
        sort_by(&mut ids, Ord::cmp);
        ids.dedup();
        ids
    });
    // The chosen questionnaire, or the first one files answer when none answer the chosen one.
    let shown = Memo::new(move |_| {
        let chosen = chosen.get();
        collected.with(|ids| match ids.first() {
            Some(first) if !ids.contains(&chosen) => first.clone(),
            _ => chosen,
        })
    });
    let choices = move || {
        let ids = collected.get();
        (ids.len() > 1).then(|| {
            let options = ids
                .into_iter()
                .map(|id| {
                    let title = state
                        .catalogue.latest_version(&id)
                        .map(|q| q.title)
                        .unwrap_or_else(|| id.clone());
                    let selected = shown.get_untracked() == id;
                    view! { <option value=id selected=selected>{title}</option> }
                })
                .collect_view();
            view! {
                <div class="form-group">
                    <label class="label" for="adviser-questionnaire">"Questionnaire"</label>
                    <p class="hint" id="adviser-questionnaire-hint">"Files answer different questionnaires. Each questionnaire is collated on its own."</p>
                    <select class="select" id="adviser-questionnaire" aria-describedby="adviser-questionnaire-hint"
                        on:change=move |ev| chosen.set(event_target_value(&ev))>
                        {options}
                    </select>
                </div>
            }
        })
    };
    let picture = move || {
        let id = shown.get();
        match state.catalogue.latest_version(&id) {
            Some(questionnaire) => view! { <AdviserPicture questionnaire/> }.into_any(),
            None => view! { <p class="body">"This questionnaire is not available in this browser. Load it on the questionnaires page to collate its files."</p> }.into_any(),
        }
    };
    view! {
        {choices}
        {picture}
    }
}
