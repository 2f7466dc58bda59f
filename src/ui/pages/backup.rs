//! "Back up or restore": one file with everything this browser keeps, and restoring from
//! it (or from any single saved file), which checks everything before changing anything.

use leptos::prelude::*;

use crate::ui::components::{
    use_page_title, BackLink, BackupButton, LoadProblems, PageHeading, SuccessBanner,
};
use crate::ui::file_import::FileDrop;
use crate::ui::route::Route;
use crate::ui::state::expect_app_state;
use cpp_domain::assessment::long_date;
use cpp_format::backup;
use cpp_format::import::IncomingFile;

#[component]
pub fn BackupPage() -> impl IntoView {
    let state = expect_app_state();
    use_page_title(|| "Back up or restore".into());
    // What happened to each file chosen, in order: restored, or why not.
    let outcome = RwSignal::new(Vec::<Result<String, String>>::new());
    let on_files = Callback::new(move |files: Vec<IncomingFile>| {
        let built_in = state.catalogue.built_in();
        let results = files
            .into_iter()
            .map(|file| {
                let read = file
                    .contents
                    .and_then(|bytes| backup::read(&bytes, &built_in));
                match read {
                    Ok(everything) if everything.is_empty() => {
                        Err(format!("{}: the file holds nothing to restore", file.name))
                    }
                    Ok(everything) => {
                        let count = everything.record_count();
                        let report = state.restore(everything);
                        Ok(format!(
                            "Restored from {}: {count} record(s) read. {}",
                            file.name,
                            report.summary()
                        ))
                    }
                    Err(reason) => Err(format!(
                        "{}: {reason}. Nothing in this browser was changed.",
                        file.name
                    )),
                }
            })
            .collect();
        outcome.set(results);
    });
    let last = move || match state.last_backup().get() {
        Some(when) => format!(
            "You last downloaded a backup from this browser on {}.",
            long_date(when.get(..10).unwrap_or(""))
        ),
        None => "You have not downloaded a backup from this browser yet.".into(),
    };
    let result = move || {
        let (restored, refused): (Vec<_>, Vec<_>) =
            outcome.get().into_iter().partition(Result::is_ok);
        let restored = (!restored.is_empty()).then(|| {
            let message = restored.into_iter().flatten().collect::<Vec<_>>().join(" ");
            view! { <SuccessBanner message/> }
        });
        let refused = (!refused.is_empty()).then(|| {
            let lines = refused
                .into_iter()
                .filter_map(Result::err)
                .map(|line| view! { <p class="body">{line}</p> })
                .collect_view();
            view! {
                <div class="error-summary" role="alert" tabindex="-1">
                    <h2 class="error-summary__title">"A file was not restored"</h2>
                    {lines}
                </div>
            }
        });
        (restored, refused)
    };
    view! {
        <BackLink route=Route::Start label="Back"/>
        <LoadProblems/>
        {result}
        <PageHeading>"Back up or restore"</PageHeading>
        <p class="body">"Everything you enter is kept in this browser only. Browsers can clear stored data, for example when disk space is low or after a long time unused, and a new computer starts empty. A backup file keeps a copy you control."</p>
        <h2 class="heading-m">"Download a backup"</h2>
        <p class="body">{last}</p>
        <p class="body">"The file holds every assessment, board session, adviser collection, loaded questionnaire and your quiz progress. It can contain your notes and your board's discussion, so keep it somewhere safe."</p>
        <BackupButton class="button"/>
        <h2 class="heading-m">"Restore"</h2>
        <p class="body">"Restore from a backup file, or from a single saved assessment, board session, collection or questionnaire file. Everything in the file is checked first; if anything cannot be used, nothing is changed. Anything already in this browser is replaced only by a newer copy."</p>
        <FileDrop id="restore-file" label="Choose a backup or saved file"
            hint="A backup file ends in .json, for example cpp-self-assessment-backup-2026-11-23.json" on_files/>
    }
}
