//! Work the app needs only now and then and that is heavy to carry, each in a code chunk of
//! its own (a `wasm_split` function), fetched the first time someone needs it: writing an
//! Excel workbook (the XLSX writer and its compression), checking a questionnaire file a
//! person has chosen (naming every problem's field and line), the files that help
//! someone write a questionnaire, drawing ballot QR codes (reading them runs in a Web
//! Worker: `code_reader`), and the digests of the guidance's paragraphs. If a chunk cannot
//! be fetched, the caller gets a reason to show, and the person can try again.

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

use super::state::expect_app_state;
use cpp_domain::questionnaire::Questionnaire;
use cpp_format::ballot_code;
use cpp_format::export::{to_xlsx, Table};
use cpp_format::guidance_digests::{self, Digest};
use cpp_format::questionnaire_file::{self, LoadProblem};

const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Why the work could not be done, in words for the person.
pub struct NotDone(pub String);

impl From<SplitLoaderError> for NotDone {
    fn from(_: SplitLoaderError) -> Self {
        NotDone("part of the app could not be loaded: check the connection and try again".into())
    }
}

#[leptos::wasm_split::wasm_split(workbook_writer, wasm_split_path = ::leptos::wasm_split, fallible)]
fn write_workbook(tables: Vec<Table>) -> Result<Vec<u8>, NotDone> {
    to_xlsx(&tables.iter().collect::<Vec<_>>()).map_err(NotDone)
}

#[leptos::wasm_split::wasm_split(questionnaire_checker, wasm_split_path = ::leptos::wasm_split, fallible)]
fn check_questionnaire_file(
    text: String,
    available: Vec<Questionnaire>,
) -> Result<Result<Questionnaire, LoadProblem>, NotDone> {
    Ok(questionnaire_file::check_new(&text, &available))
}

#[leptos::wasm_split::wasm_split(writing_aids, wasm_split_path = ::leptos::wasm_split, fallible)]
fn writing_aid_text(file_name: String) -> Result<String, NotDone> {
    questionnaire_file::WRITING_AIDS
        .iter()
        .find(|(name, _)| *name == file_name)
        .map(|(_, text)| (*text).to_owned())
        .ok_or_else(|| NotDone(format!("there is no file called {file_name}")))
}

#[leptos::wasm_split::wasm_split(qr_writer, wasm_split_path = ::leptos::wasm_split, fallible)]
fn draw_qr(text: String, is_link: bool) -> Result<String, NotDone> {
    if is_link {
        ballot_code::link_qr_svg(&text)
    } else {
        ballot_code::qr_svg(&text)
    }
    .ok_or_else(|| NotDone("it is too long for a QR code".into()))
}

#[leptos::wasm_split::wasm_split(guidance_digests, wasm_split_path = ::leptos::wasm_split, fallible)]
fn digests_of(numbers: Vec<u32>) -> Result<(Vec<Digest>, String), NotDone> {
    let digests = guidance_digests::bundled().map_err(NotDone)?;
    Ok((digests.of(&numbers), digests.url))
}

/// What the guidance's paragraphs `numbers` say, in brief, folded under `summary`: the
/// digests arrive from their chunk the first time the reader opens them, and work offline.
#[component]
pub fn ParagraphDigests(numbers: Vec<u32>, #[prop(into)] summary: String) -> impl IntoView {
    let found = RwSignal::new(None::<Result<(Vec<Digest>, String), String>>);
    let asked = StoredValue::new(false);
    let open = move |_| {
        if !asked.get_value() {
            asked.set_value(true);
            let numbers = numbers.clone();
            leptos::task::spawn_local(async move {
                let result = digests_of(numbers).await.map_err(|NotDone(why)| why);
                // If the chunk did not arrive, opening the summaries again tries again.
                if result.is_err() {
                    asked.try_set_value(false);
                }
                found.try_set(Some(result));
            });
        }
    };
    let body = move || {
        match found.get() {
        None => view! { <p class="body">"Loading what the guidance says\u{2026}"</p> }.into_any(),
        Some(Err(why)) => {
            view! { <p class="body">{format!("The summaries could not be shown: {why}. Close this and open it again to try again.")}</p> }
                .into_any()
        }
        Some(Ok((digests, url))) => {
            let items = digests
                .into_iter()
                .map(|d| view! {
                    <dt>{format!("Paragraph {}", d.number)}" "<span class="hint">{format!("({})", d.place)}</span></dt>
                    <dd>{d.text}</dd>
                })
                .collect_view();
            view! {
                <dl class="digests">{items}</dl>
                <p class="hint">"Summaries in this tool's own words, not the guidance's text. "
                    <a href=url target="_blank" rel="noopener noreferrer">"Read the guidance on the Scottish Government's website (opens in a new tab)"</a>
                </p>
            }
            .into_any()
        }
    }
    };
    view! {
        <details class="details details--inline">
            <summary class="details__summary" on:click=open>{summary}</summary>
            <div class="details__text" aria-live="polite">{body}</div>
        </details>
    }
}

/// "What paragraphs 3, 5 and 6 say" for a list of paragraph numbers.
pub fn digests_summary(numbers: &[u32]) -> String {
    let list: Vec<String> = numbers.iter().map(u32::to_string).collect();
    match list.as_slice() {
        [one] => format!("What paragraph {one} says"),
        [rest @ .., last] => format!("What paragraphs {} and {last} say", rest.join(", ")),
        [] => String::new(),
    }
}

/// What a QR code is of: a ballot code's digits, or a session's join link.
#[derive(Clone, Copy, PartialEq)]
pub enum QrOf {
    Ballot,
    Link,
}

/// `text` drawn as a QR code by the QR writer's chunk, fetched the first time a code is
/// shown. The drawing is kept with the text it is of, so a late one for older text never
/// shows; if it cannot be drawn, the page says why and what to do `instead`.
#[component]
pub fn QrImage(
    #[prop(into)] text: Signal<Option<String>>,
    of: QrOf,
    class: &'static str,
    label: &'static str,
    instead: &'static str,
) -> impl IntoView {
    let drawn = RwSignal::new(None::<(String, Result<String, String>)>);
    Effect::new(move |_| {
        if let Some(text) = text.get() {
            leptos::task::spawn_local(async move {
                let svg = draw_qr(text.clone(), of == QrOf::Link)
                    .await
                    .map_err(|NotDone(reason)| reason);
                // The page may have closed meanwhile.
                drawn.try_set(Some((text, svg)));
            });
        }
    });
    move || {
        let text = text.get()?;
        drawn.with(|d| match d {
            Some((of, Ok(svg))) if *of == text => Some(
                view! { <div class=class role="img" aria-label=label inner_html=svg.clone()></div> }
                    .into_any(),
            ),
            Some((of, Err(why))) if *of == text => Some(
                view! { <p class="body">{format!("The QR code could not be drawn: {why}. {instead}")}</p> }
                    .into_any(),
            ),
            _ => None,
        })
    }
}

/// Tables as an XLSX workbook.
pub async fn workbook(tables: Vec<Table>) -> Result<Vec<u8>, String> {
    write_workbook(tables)
        .await
        .map_err(|NotDone(reason)| reason)
}

/// A questionnaire file a person has chosen, checked by the full checker, which names every
/// problem's field and line, and against the questionnaires `available`: the
/// questionnaire, or why it cannot be loaded.
pub async fn check_questionnaire(
    text: String,
    available: Vec<Questionnaire>,
) -> Result<Result<Questionnaire, LoadProblem>, String> {
    check_questionnaire_file(text, available)
        .await
        .map_err(|NotDone(reason)| reason)
}

/// The text of a questionnaire writing aid, by the name it downloads as.
pub async fn writing_aid(file_name: &str) -> Result<String, String> {
    writing_aid_text(file_name.to_owned())
        .await
        .map_err(|NotDone(reason)| reason)
}

/// "Excel workbook (.xlsx)": makes the workbook and offers it. The writer is fetched on
/// the first click, so the button says so while it works; a failure goes to `problem`.
#[component]
pub fn WorkbookButton(
    #[prop(into)] file_name: Signal<String>,
    #[prop(into)] tables: Signal<Vec<Table>>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = expect_app_state();
    let busy = RwSignal::new(false);
    let make = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        let name = file_name.get_untracked();
        let tables = tables.get_untracked();
        leptos::task::spawn_local(async move {
            match workbook(tables).await {
                Ok(bytes) => {
                    state.notices.offer_file(&name, XLSX_TYPE, Ok(bytes));
                }
                Err(e) => problem.set(Some(format!(
                    "The workbook could not be made ({e}). Try the CSV files instead."
                ))),
            }
            busy.set(false);
        });
    };
    view! {
        <button type="button" class="button button--secondary" on:click=make
            aria-disabled=move || busy.get().then_some("true")>
            {move || if busy.get() { "Making the workbook…" } else { "Excel workbook (.xlsx)" }}
        </button>
    }
}
