//! The collection itself: every file in it by partnership (date, source, questionnaire and
//! version, whether it represents its partnership, whether it is older than the period the
//! adviser sets), choosing a file over the rule, removing one with undo, and the whole
//! collection as one file.

use leptos::prelude::*;

use super::{count_of, saved_or_not};
use crate::ui::browser;
use crate::ui::components::{page_range, Pagination, TableScroll};
use crate::ui::file_import::FileDrop;
use crate::ui::state::expect_app_state;
use cpp_domain::assessment::short_date;
use cpp_domain::collation::{FileKey, Submission};
use cpp_format::adviser_file::{
    open_collection_files, Collection, RemovedFile, MAX_STALE_AFTER_MONTHS,
};
use cpp_format::catalogue;
use cpp_format::export::{collection_files_table, to_csv};
use cpp_format::import::{FileReport, IncomingFile};
use cpp_format::record::{self, Record};

/// "CPP-07's board session of 1 May 2026": a file as buttons and messages name it.
fn file_named(s: &Submission) -> String {
    format!(
        "{}'s {} of {}",
        s.display_name(),
        s.source.label().to_lowercase(),
        short_date(&s.date)
    )
}

fn several_questionnaires(c: &Collection) -> bool {
    c.submissions
        .iter()
        .any(|s| s.questionnaire_id != c.submissions[0].questionnaire_id)
}

/// One file as a row: what it is, what became of it, and what can be done with it.
#[derive(Clone, PartialEq)]
struct FileRow {
    key: FileKey,
    named: String,
    partnership: String,
    date: String,
    source: &'static str,
    questionnaire: String,
    in_use: bool,
    chosen: bool,
    old: bool,
}

/// Every file as a row, in reading order, following the collection.
fn file_rows() -> Memo<Vec<FileRow>> {
    let state = expect_app_state();
    let today = browser::today_iso();
    Memo::new(move |_| {
        let questionnaires = state.catalogue.all().get();
        state.collection.current().with(|c: &Collection| {
            let several = several_questionnaires(c);
            c.files_with_status(&today)
                .into_iter()
                .map(|file| {
                    let s = file.submission;
                    let title = catalogue::title_of(&questionnaires, &s.questionnaire_id);
                    FileRow {
                        key: s.key(),
                        named: file_named(s),
                        partnership: s.display_name(),
                        date: short_date(&s.date),
                        source: s.source.label(),
                        // One questionnaire is named above the table; only its version varies.
                        questionnaire: if several {
                            format!("{title}, version {}", s.questionnaire_version)
                        } else {
                            s.questionnaire_version.clone()
                        },
                        in_use: file.in_use,
                        chosen: file.chosen,
                        old: file.old,
                    }
                })
                .collect::<Vec<_>>()
        })
    })
}

#[component]
pub(super) fn CollectionFiles() -> impl IntoView {
    let state = expect_app_state();
    let rows = file_rows();
    let last_removed = RwSignal::new(None::<RemovedFile>);
    let remove = move |key: FileKey| {
        state.collection.update(|c| {
            if let Some(removed) = c.remove_file(&key) {
                last_removed.set(Some(removed));
            }
        });
        request_animation_frame(|| browser::focus_by_id("file-removed"));
    };
    let undo = move |_| {
        if let Some(removed) = last_removed.get_untracked() {
            last_removed.set(None);
            state.collection.update(|c| c.restore_file(removed));
            // The message (which had the focus) goes: the files' heading takes it.
            request_animation_frame(|| browser::focus_by_id("collection-files"));
        }
    };
    let page = RwSignal::new(0);
    let count = Signal::derive(move || rows.with(Vec::len));
    let download = move |_| {
        let table = state.collection.current().with(|c| {
            collection_files_table(
                c,
                &state.catalogue.all().get_untracked(),
                &browser::today_iso(),
            )
        });
        state.notices.offer_file(
            &format!("collection-files-{}.csv", browser::today_iso()),
            "text/csv;charset=utf-8",
            Ok(to_csv(&table).into_bytes()),
        );
    };
    let shown = move || rows.with(|rows| rows[page_range(page.get(), rows.len())].to_vec());

    view! {
        <h2 class="heading-m" id="collection-files" tabindex="-1">"Files in the collection"</h2>
        <p class="body">"Every file you have added, by partnership, newest first. The file marked \u{201c}Used\u{201d} represents its partnership in the picture, by the rule above. \u{201c}Use this file\u{201d} chooses another for its partnership; \u{201c}Use the rule\u{201d} lets the rule decide again."</p>
        <FilesSummary rows/>
        <div role="status">
            {move || last_removed.with(|r| r.as_ref().map(|r| view! {
                <p class="body inset" id="file-removed" tabindex="-1">{format!("Removed {}.", file_named(&r.submission))}" "
                    <button type="button" class="button button--secondary button--inline" on:click=undo>"Undo"</button></p>
            }))}
        </div>
        <Show when=move || { count.get() > 0 } fallback=|| view! { <p class="body">"No files yet."</p> }>
            <TableScroll label="Files in the collection">
                <table class="table files-table">
                    <caption class="visually-hidden">"Files in the collection"</caption>
                    <thead><tr><th scope="col">"Partnership"</th><th scope="col">"Date"</th><th scope="col">"Source"</th><th scope="col">{move || if state.collection.current().with(several_questionnaires) { "Questionnaire" } else { "Version" }}</th><th scope="col">"Status"</th><th scope="col">"Actions"</th></tr></thead>
                    <tbody>
                        <For each=shown key=|row| (row.key.clone(), row.in_use, row.chosen, row.old) let:row>
                            <FileRowView row remove/>
                        </For>
                    </tbody>
                </table>
            </TableScroll>
            <Pagination page count what="files" label="Pages of files" top="collection-files"/>
        </Show>
        <div class="button-group">
            <button type="button" class="button button--secondary" on:click=download>"Files in the collection (CSV)"</button>
        </div>
    }
}

/// How many files, from how many partnerships, how many are old, and the period for old.
#[component]
fn FilesSummary(rows: Memo<Vec<FileRow>>) -> impl IntoView {
    let state = expect_app_state();
    let months = move || state.collection.current().with(|c| c.stale_after_months);
    let summary = move || {
        rows.with(|rows| {
            let partnerships = rows
                .iter()
                .map(|r| &r.key.partnership_code)
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            let old = rows.iter().filter(|r| r.old).count();
            let mut text = format!(
                "{} from {}.",
                count_of(rows.len(), "file"),
                count_of(partnerships, "partnership")
            );
            if old > 0 {
                let verb = if old == 1 { "is" } else { "are" };
                text.push_str(&format!(" {old} {verb} older than {} months.", months()));
            }
            text
        })
    };
    let set_months = move |ev: leptos::ev::Event| {
        if let Ok(value) = event_target_value(&ev).trim().parse::<u32>() {
            state
                .collection
                .update(|c| c.stale_after_months = value.clamp(1, MAX_STALE_AFTER_MONTHS));
        }
    };
    view! {
        <div class="form-group">
            <label class="label" for="stale-after-months">"Flag files older than this many months"</label>
            <input class="input input--short" type="number" id="stale-after-months" min="1" max=MAX_STALE_AFTER_MONTHS.to_string()
                prop:value=move || months().to_string() on:change=set_months/>
        </div>
        <p class="body">{summary}</p>
    }
}

#[component]
fn FileRowView(
    row: FileRow,
    remove: impl Fn(FileKey) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_app_state();
    let FileRow {
        key,
        named,
        partnership,
        date,
        source,
        questionnaire,
        in_use,
        chosen,
        old,
    } = row;
    let status = match (in_use, chosen) {
        (true, true) => {
            view! { <strong class="tag tag--completed">"Used"</strong>" chosen by you" }.into_any()
        }
        (true, false) => view! { <strong class="tag tag--completed">"Used"</strong> }.into_any(),
        (false, _) => view! { <span class="tag tag--not-started">"Not used"</span> }.into_any(),
    };
    let months = state
        .collection
        .current()
        .with_untracked(|c| c.stale_after_months);
    let old = old.then(|| view! { " "<strong class="tag tag--in-progress">{format!("Older than {months} months")}</strong> });
    let choice = {
        let key = key.clone();
        let for_partnership = format!(" for {partnership}");
        let for_file = format!(" for {partnership}: {} of {date}", source.to_lowercase());
        if chosen {
            view! { <button type="button" class="button button--secondary button--small" on:click=move |_| { let key = key.clone(); state.collection.update(move |c| c.representation.unchoose(&key)) }>"Use the rule"<span class="visually-hidden">{for_partnership}</span></button> }.into_any()
        } else if !in_use {
            view! { <button type="button" class="button button--secondary button--small" on:click=move |_| { let key = key.clone(); state.collection.update(move |c| c.representation.choose(key)) }>"Use this file"<span class="visually-hidden">{for_file}</span></button> }.into_any()
        } else {
            ().into_any()
        }
    };
    let remove_label = format!(" {named}");
    view! {
        <tr>
            <th scope="row"><bdi>{partnership}</bdi></th>
            <td class="nowrap">{date}</td>
            <td>{source}</td>
            <td>{questionnaire}</td>
            <td>{status}{old}</td>
            <td><div class="button-group button-group--tight">
                {choice}
                <button type="button" class="button button--warning button--small" on:click=move |_| remove(key.clone())>"Remove"<span class="visually-hidden">{remove_label}</span></button>
            </div></td>
        </tr>
    }
}

/// The collection as one file: downloading it, opening such a file, and clearing it.
#[component]
pub(super) fn CollectionControls(reports: RwSignal<Vec<FileReport>>) -> impl IntoView {
    let state = expect_app_state();
    let confirm_clear = RwSignal::new(false);
    let save_collection = move |_| {
        let collection = state.collection.current().get_untracked();
        state.notices.offer_file(
            &format!("{}.json", Collection::FILE_SUFFIX),
            "application/json",
            record::encode(&collection)
                .map(String::into_bytes)
                .map_err(|e| e.to_string()),
        );
    };
    let open_collection = Callback::new(move |incoming: Vec<IncomingFile>| {
        let questionnaires = state.catalogue.all().get_untracked();
        let mut outcome = Vec::new();
        state.collection.add_files(|c| {
            outcome = open_collection_files(c, &questionnaires, &incoming);
        });
        reports.set(saved_or_not(state, outcome));
    });

    view! {
        <h2 class="heading-m">"The collection"</h2>
        <p class="body">"The collection is saved in this browser. Download it as one file to keep a copy or move it to another computer."</p>
        <div class="button-group">
            <button type="button" class="button button--secondary" on:click=save_collection>"Download the collection"</button>
        </div>
        <FileDrop id="collection-file" label="Open a collection file" hint="Its files are added to this collection; repeated ones are skipped" on_files=open_collection/>
        <Show when=move || !confirm_clear.get() fallback=move || view! {
            <div class="warning-callout" role="alert">
                <h3 class="warning-callout__title">"Remove every file from the collection?"</h3>
                <div class="button-group">
                    <button type="button" class="button button--warning" on:click=move |_| { state.collection.update(|c| { c.submissions.clear(); c.representation.chosen.clear(); }); confirm_clear.set(false); reports.set(Vec::new()); }>"Yes, clear the collection"</button>
                    <button type="button" class="button button--secondary" on:click=move |_| confirm_clear.set(false)>"Cancel"</button>
                </div>
            </div>
        }>
            <button type="button" class="button button--warning" on:click=move |_| confirm_clear.set(true)>"Clear the collection"</button>
        </Show>
    }
}
