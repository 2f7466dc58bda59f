//! Bringing files in: a file picker (several at once) with a drag-and-drop area, and the
//! per-file report of what was added and what was not, and why. Used wherever the app
//! imports batches of files.

use leptos::prelude::*;

use super::browser;
use cpp_format::import::{FileReport, IncomingFile};

/// A file picker and drop area. `on_files` gets the files once read. Meanwhile the page
/// says how many have been read, then that they are being checked (shown before the
/// check starts, since the check holds the page until it ends).
#[component]
pub fn FileDrop(
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    on_files: Callback<Vec<IncomingFile>>,
    /// Also offer choosing a whole folder (its `.json` files are read).
    #[prop(optional)]
    folder: bool,
) -> impl IntoView {
    // Announced once per stage; the count read so far is shown, not announced.
    let status = RwSignal::new(String::new());
    let read_so_far = RwSignal::new(None::<(usize, usize)>);
    let read = move |files: web_sys::FileList, whole_folder: bool| {
        let files = browser::take_files(files);
        let total = files.len();
        status.set(format!("Reading {total} files\u{2026}"));
        read_so_far.set(Some((0, total)));
        leptos::task::spawn_local(async move {
            let incoming =
                browser::read_files_counted(files, |done| read_so_far.set(Some((done, total))))
                    .await;
            // A folder can hold anything; only JSON files are meant for the app.
            let incoming = if whole_folder {
                incoming
                    .into_iter()
                    .filter(|f| f.name.to_lowercase().ends_with(".json"))
                    .collect()
            } else {
                incoming
            };
            status.set(format!("Checking {} files\u{2026}", incoming.len()));
            browser::after_next_paint().await;
            on_files.run(incoming);
            status.set(String::new());
            read_so_far.set(None);
        });
    };
    let pick = move |ev: leptos::ev::Event, whole_folder: bool| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(files) = input.files() {
            read(files, whole_folder);
        }
        // Lets the same file be picked again after it was moved or fixed.
        input.set_value("");
    };
    let on_pick = move |ev| pick(ev, false);
    let folder_id = format!("{id}-folder");
    let folder_picker = folder.then(|| {
        let on_pick = move |ev| pick(ev, true);
        view! {
            <div class="form-group">
                <label class="label" for=folder_id.clone()>"Or choose a whole folder"</label>
                <input class="file-input" type="file" id=folder_id prop:webkitdirectory=true multiple on:change=on_pick/>
            </div>
        }
    });
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
            read(files, false);
        }
    };
    let hint_id = format!("{id}-hint");
    view! {
        <div class="form-group">
            <label class="label" for=id>{label}</label>
            <p class="hint" id=hint_id.clone()>{hint}</p>
            <input class="file-input" type="file" id=id multiple accept=".json,application/json"
                aria-describedby=hint_id on:change=on_pick/>
        </div>
        {folder_picker}
        <div class="drop-zone" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            <p class="body">"Or drag and drop files here"</p>
        </div>
        <p class="body" role="status">{move || status.get()}</p>
        {move || read_so_far.get().map(|(done, total)| view! {
            <p class="body">
                <label for=format!("{id}-read")>{format!("{done} of {total} files read ")}</label>
                <progress id=format!("{id}-read") max=total value=done>{format!("{done} of {total}")}</progress>
            </p>
        })}
    }
}

/// What happened to each file of the last batch.
#[component]
pub fn ImportReport(
    reports: Signal<Vec<FileReport>>,
    /// What happened to a file that was taken.
    #[prop(default = "Added")]
    done: &'static str,
    /// The table's name, different for each report on a page.
    #[prop(default = "What happened to each file")]
    caption: &'static str,
) -> impl IntoView {
    let rows = move || {
        let not_done = format!("Not {}", done.to_lowercase());
        reports
            .get()
            .into_iter()
            .map(|r| {
                let (status, class, detail) = match r.outcome {
                    Ok(detail) => (done.to_owned(), "tag tag--completed", detail),
                    Err(reason) => (
                        not_done.clone(),
                        "tag tag--refused",
                        format!("{not_done}: {reason}"),
                    ),
                };
                view! {
                    <tr>
                        <td class="file-name">{r.file_name}</td>
                        <td><strong class=class>{status}</strong></td>
                        <td>{detail}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let counts = move || {
        reports.with(|list| {
            let added = list.iter().filter(|r| r.outcome.is_ok()).count();
            (!list.is_empty())
                .then(|| format!("{added} of {} files {}.", list.len(), done.to_lowercase()))
        })
    };
    view! {
        // Always on the page, so screen readers hear the count when a batch is read.
        <p class="body" role="status">{counts}</p>
        <Show when=move || !reports.with(Vec::is_empty)>
            <div class="table-scroll" role="region" aria-label=caption tabindex="0">
                <table class="table">
                    <caption class="table__caption table__caption--s">{caption}</caption>
                    <thead><tr><th scope="col">"File"</th><th scope="col">"Result"</th><th scope="col">"Details"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </Show>
    }
}
