//! "Questionnaires": the questionnaires available in this browser, loading a partnership's
//! own questionnaire file (with every problem in it listed by field and line), removing one
//! nothing uses, and the template, worked example and format guide for writing one.

use leptos::prelude::*;

use crate::ui::browser;
use crate::ui::components::{
    use_page_title, BackLink, NotificationBanner, PageHeading, SuccessBanner, TableScroll,
};
use crate::ui::extras;
use crate::ui::file_import::FileDrop;
use crate::ui::questionnaire_choice::{choice_key, questionnaire_description};
use crate::ui::route::Route;
use crate::ui::state::{expect_app_state, AppState};
use cpp_domain::questionnaire::Questionnaire;
use cpp_format::import::{file_text, IncomingFile};
use cpp_format::questionnaire_file::{LoadProblem, LoadedQuestionnaire, BUNDLED};
use cpp_format::record::Record;

/// More problems than this are summarised: the first ones are usually the cause of the rest.
const MAX_PROBLEMS_SHOWN: usize = 50;

/// Why a file was not loaded, as the lines to list under its name.
struct Refusal {
    file_name: String,
    problems: Vec<String>,
}

fn refusal(file_name: String, problem: LoadProblem) -> Refusal {
    use cpp_format::checked_json::FileError;
    let problems = match problem {
        LoadProblem::Invalid(FileError::Invalid(list)) => {
            list.iter().map(ToString::to_string).collect()
        }
        other => vec![other.to_string()],
    };
    Refusal {
        file_name,
        problems,
    }
}

/// Reads, checks and adds one file, or says why not. The full checker (in a chunk of its
/// own) reads the file once, naming every problem's field and line.
async fn load_file(state: AppState, file: IncomingFile) -> Result<String, Refusal> {
    let name = file.name.clone();
    let unreadable = |reason: String| Refusal {
        file_name: name.clone(),
        problems: vec![reason],
    };
    let text = file
        .contents
        .as_deref()
        .map_err(Clone::clone)
        .and_then(|bytes| file_text(bytes).map(str::to_owned))
        .map_err(unreadable)?;
    let available = state.catalogue.all().get_untracked();
    let questionnaire = extras::check_questionnaire(text.clone(), available)
        .await
        .map_err(unreadable)?
        .map_err(|problem| refusal(name.clone(), problem))?;
    let title = format!(
        "\u{201c}{}\u{201d} version {}",
        questionnaire.title, questionnaire.version
    );
    state.catalogue.add(questionnaire, name, text);
    Ok(title)
}

/// The file a questionnaire came from, to download: the loaded file, or the bundled one
/// (bundled files are named after the questionnaire's id).
fn source_file(state: AppState, questionnaire: &Questionnaire) -> Option<(String, String)> {
    let key = choice_key(questionnaire);
    let loaded = state.catalogue.loaded().with_untracked(|list| {
        list.iter()
            .find(|l| l.id == key)
            .map(|l| (l.file_name.clone(), l.text.clone()))
    });
    loaded.or_else(|| {
        let name = format!("{}.json", questionnaire.id);
        BUNDLED
            .iter()
            .find(|(file, _)| *file == name)
            .map(|(file, text)| ((*file).to_owned(), (*text).to_owned()))
    })
}

/// How many saved assessments and sessions answer this questionnaire version.
fn uses_of(state: AppState, questionnaire: &Questionnaire) -> usize {
    let answers =
        |(id, version): (&str, &str)| id == questionnaire.id && version == questionnaire.version;
    state
        .assessments
        .all()
        .with_untracked(|list| list.iter().filter(|a| answers(a.questionnaire())).count())
        + state
            .sessions
            .all()
            .with_untracked(|list| list.iter().filter(|s| answers(s.questionnaire())).count())
}

#[component]
pub fn QuestionnairesPage() -> impl IntoView {
    let state = expect_app_state();
    use_page_title(|| "Questionnaires".into());
    let refusals = RwSignal::new(Vec::<Refusal>::new());
    let loaded_titles = RwSignal::new(Vec::<String>::new());
    let checking = RwSignal::new(false);
    let on_files = Callback::new(move |files: Vec<IncomingFile>| {
        checking.set(true);
        leptos::task::spawn_local(async move {
            let mut refused = Vec::new();
            let mut added = Vec::new();
            for file in files {
                match load_file(state, file).await {
                    Ok(title) => added.push(title),
                    Err(refusal) => refused.push(refusal),
                }
            }
            checking.set(false);
            let failed = !refused.is_empty();
            refusals.set(refused);
            loaded_titles.set(added);
            if failed {
                // Once the summary is drawn, start keyboard and screen reader users there.
                request_animation_frame(|| browser::focus_by_id("questionnaire-problems"));
            }
        });
    });

    view! {
        <BackLink route=Route::Start label="Back"/>
        <NotificationBanner/>
        <RefusalSummary refusals/>
        <LoadedBanner loaded_titles/>
        <PageHeading>"Questionnaires"</PageHeading>
        <p class="body">"An assessment or board session answers one questionnaire. Its results always record which questionnaire and which version they used, so they can be compared and collated correctly later."</p>
        <AvailableQuestionnaires loaded_titles/>
        <h2 class="heading-m">"Use your partnership's own questionnaire"</h2>
        <p class="body">"Partnerships can tailor the national questionnaire to their own structures, or write their own. The file is checked when you load it, and every problem is listed with where it is and what to change. A loaded questionnaire stays in this browser until you remove it."</p>
        <FileDrop id="questionnaire-file" label="Load a questionnaire file"
            hint="A .json file in the questionnaire format described below" on_files/>
        <p class="body" role="status">{move || checking.get().then_some("Checking the file\u{2026}")}</p>
        <WritingAids/>
    }
}

/// The error summary for the files just refused, each with the problems found in it.
#[component]
fn RefusalSummary(#[prop(into)] refusals: Signal<Vec<Refusal>>) -> impl IntoView {
    move || {
        refusals.with(|list| {
            (!list.is_empty()).then(|| {
                let items = list
                    .iter()
                    .map(|refusal| {
                        let more = refusal.problems.len().saturating_sub(MAX_PROBLEMS_SHOWN);
                        let lines = refusal
                            .problems
                            .iter()
                            .take(MAX_PROBLEMS_SHOWN)
                            .map(|p| view! { <li>{p.clone()}</li> })
                            .collect_view();
                        view! {
                            <h3 class="heading-s file-name">{refusal.file_name.clone()}</h3>
                            <ul class="list list--bullet">{lines}</ul>
                            {(more > 0).then(|| view! { <p class="body">{format!("And {more} more. Fixing the first ones often clears the rest.")}</p> })}
                        }
                    })
                    .collect_view();
                view! {
                    <div class="error-summary" id="questionnaire-problems" tabindex="-1" role="alert" aria-labelledby="questionnaire-problems-title">
                        <h2 class="error-summary__title" id="questionnaire-problems-title">"The questionnaire was not loaded"</h2>
                        <p class="body">"Nothing has been changed. Fix these problems in the file with a text editor, save it, and load it again. Line numbers count from the top of the file."</p>
                        {items}
                    </div>
                }
            })
        })
    }
}

/// The success banner naming the questionnaires just loaded, if any.
#[component]
fn LoadedBanner(#[prop(into)] loaded_titles: Signal<Vec<String>>) -> impl IntoView {
    move || {
        loaded_titles.with(|titles| {
            (!titles.is_empty()).then(|| {
                let list = titles.join(", ");
                let message = format!("Loaded {list}. You can now choose it when you start an assessment or set up a board session.");
                view! { <SuccessBanner message/> }
            })
        })
    }
}

/// The table of questionnaires available in this browser, and why one could not be removed.
#[component]
fn AvailableQuestionnaires(
    /// Cleared when a questionnaire is removed, so the success banner no longer names it.
    loaded_titles: RwSignal<Vec<String>>,
) -> impl IntoView {
    let state = expect_app_state();
    let removal_problem = RwSignal::new(None::<String>);
    let rows = move || {
        let loaded = state.catalogue.loaded().get();
        state.catalogue.all().with(|list| {
            list.iter()
                .map(|questionnaire| {
                    let key = choice_key(questionnaire);
                    let loaded_from = loaded
                        .iter()
                        .find(|l| l.id == key)
                        .map(|l| l.file_name.clone());
                    view! {
                        <QuestionnaireRow questionnaire=questionnaire.clone() loaded_from
                            removal_problem loaded_titles/>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <Show when=move || removal_problem.with(Option::is_some)>
            <div class="warning-callout" role="alert"><p>{move || removal_problem.get().unwrap_or_default()}</p></div>
        </Show>
        <TableScroll label="Questionnaires available in this browser">
            <table class="table">
                <caption class="table__caption table__caption--s">"Available in this browser"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Questionnaire"</th>
                        <th scope="col">"Where it comes from"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </TableScroll>
    }
}

/// One available questionnaire: its title, description and source, with buttons to download
/// it and, for a loaded one, to remove it.
#[component]
fn QuestionnaireRow(
    questionnaire: Questionnaire,
    /// The name of the file it was loaded from; none for a built-in one.
    loaded_from: Option<String>,
    removal_problem: RwSignal<Option<String>>,
    loaded_titles: RwSignal<Vec<String>>,
) -> impl IntoView {
    let state = expect_app_state();
    let is_loaded = loaded_from.is_some();
    let from = loaded_from
        .map(|file_name| format!("Loaded from {file_name}"))
        .unwrap_or_else(|| "Built in".into());
    let title = questionnaire.title.clone();
    let for_download = questionnaire.clone();
    let download = move |_| {
        if let Some((name, text)) = source_file(state, &for_download) {
            state
                .notices
                .offer_file(&name, "application/json", Ok(text.into_bytes()));
        }
    };
    let for_removal = questionnaire.clone();
    let remove = move |_| {
        let uses = uses_of(state, &for_removal);
        if uses > 0 {
            removal_problem.set(Some(format!(
                "\u{201c}{}\u{201d} is used by {uses} saved assessment(s) or board session(s) in this browser, so it was not removed. Delete those first if you no longer need them.",
                for_removal.title
            )));
            return;
        }
        match state
            .catalogue
            .delete(&LoadedQuestionnaire::storage_id(&for_removal))
        {
            Ok(()) => {
                removal_problem.set(None);
                state.notices.forget_success();
                loaded_titles.set(vec![]);
            }
            Err(error) => removal_problem.set(Some(error.to_string())),
        }
    };
    let remove_button = is_loaded.then(|| {
        view! {
            <button type="button" class="button button--secondary button--small" on:click=remove>
                "Remove"<span class="visually-hidden">{format!(" {title}")}</span>
            </button>
        }
    });

    view! {
        <tr>
            <td>
                <strong><bdi>{questionnaire.title.clone()}</bdi></strong>
                <p class="hint">{questionnaire_description(&questionnaire)}</p>
            </td>
            <td>{from}</td>
            <td>
                <div class="button-group">
                    <button type="button" class="button button--secondary button--small" on:click=download>
                        "Download"<span class="visually-hidden">{format!(" {}", questionnaire.title)}</span>
                    </button>
                    {remove_button}
                </div>
            </td>
        </tr>
    }
}

/// How to write a questionnaire of one's own, with the template, worked example and format
/// guide to download.
#[component]
fn WritingAids() -> impl IntoView {
    let state = expect_app_state();
    // Only the aids' own problem (their chunk not arriving) is shown here; a download the
    // browser refuses is reported on every page.
    let aid_problem = RwSignal::new(None::<String>);
    let download_aid = move |file_name: &'static str, media_type: &'static str| {
        move |_| {
            leptos::task::spawn_local(async move {
                match extras::writing_aid(file_name).await {
                    Ok(text) => {
                        aid_problem.set(None);
                        state
                            .notices
                            .offer_file(file_name, media_type, Ok(text.into_bytes()));
                    }
                    Err(e) => {
                        aid_problem.set(Some(format!("The file could not be downloaded ({e}).")))
                    }
                }
            });
        }
    };

    view! {
        <h2 class="heading-m">"Write your own"</h2>
        <ol class="list list--number">
            <li>"Download the template, or the worked example, or one of the questionnaires above to start from."</li>
            <li>"Open it in a text editor such as Notepad. Keep the \u{201c}format\u{201d} and \u{201c}format_version\u{201d} lines as they are."</li>
            <li>"Give it your own \u{201c}id\u{201d}, or keep the id of the questionnaire you started from and give it a new \u{201c}version\u{201d}, so results can still be compared with it."</li>
            <li>"Write your statements, rating scale, prompts and suggested actions. The format guide explains every field."</li>
            <li>"Load it here. If there are problems, fix them and load it again."</li>
        </ol>
        <Show when=move || aid_problem.with(Option::is_some)>
            <div class="warning-callout" role="alert"><p>{move || aid_problem.get().unwrap_or_default()}</p></div>
        </Show>
        <div class="button-group">
            <button type="button" class="button button--secondary" on:click=download_aid("questionnaire-template.json", "application/json")>"Download the template"</button>
            <button type="button" class="button button--secondary" on:click=download_aid("questionnaire-worked-example.json", "application/json")>"Download the worked example"</button>
            <button type="button" class="button button--secondary" on:click=download_aid("questionnaire-format-guide.md", "text/markdown")>"Download the format guide"</button>
        </div>
    }
}
