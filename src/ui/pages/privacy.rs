//! "Privacy and storage": what the tool keeps, where, who can see it, for how long, and
//! how to delete it; and the "Delete everything from this browser" button, which asks
//! first and then removes every record the tool keeps (through
//! `AppState::delete_everything`), leaving other sites' data alone.

use leptos::prelude::*;

use crate::ui::browser;
use crate::ui::components::{use_page_title, PageHeading, SuccessBanner};
use crate::ui::route::Route;
use crate::ui::state::expect_app_state;

/// The part of the page that shows the outcome, focused once it appears.
const OUTCOME_ID: &str = "delete-everything-outcome";
/// The button that starts deleting everything, focused again after "Cancel".
const DELETE_BUTTON_ID: &str = "delete-everything";

/// Where "Delete everything from this browser" has got to.
#[derive(Clone, PartialEq)]
enum Deleting {
    NotAsked,
    Confirming,
    Done,
    Failed(String),
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    use_page_title(|| "Privacy and storage".into());
    view! {
        <PageHeading>"Privacy and storage"</PageHeading>
        <p class="lead">"Everything you enter in this tool stays in this browser on this device. Nothing is sent anywhere."</p>

        <h2 class="heading-m">"What the tool stores, and where"</h2>
        <p class="body">"The tool keeps what you enter in this browser's local storage on this device, saving each change as you make it:"</p>
        <ul class="list list--bullet">
            <li>"your assessments: ratings, evidence notes, the improvement plan, and the details you gave, such as the partnership's name, the date and your role; once you save a response for a board session, the random token that lets a later response replace it"</li>
            <li>"board sessions: members' ratings as anonymous ballots (never names, labels or who gave which), counts of who took part by sector, a show of hands, the ratings the board agreed, its reasons and its plan"</li>
            <li>"an improvement adviser's collection of adviser files"</li>
            <li>"questionnaires you loaded from files, kept as the text of each file"</li>
            <li>"your progress in \u{201c}Test your understanding\u{201d}"</li>
        </ul>
        <p class="body">"If the tool finds a record it cannot read, it keeps it aside in the same storage and tells you. It does not delete it."</p>
        <p class="body">"To work without a connection, the browser keeps a copy of the tool's own files (not your data) in its cache storage."</p>

        <h2 class="heading-m">"Nothing is sent anywhere"</h2>
        <p class="body">"The tool runs entirely in your browser. It has no server that receives your data, and the organisation that provides it to you cannot see what you enter. There are no analytics, no tracking and no advertising. The tool sets no cookies and loads no fonts, scripts or images from other websites. The page's Content Security Policy stops it connecting to any other site."</p>
        <p class="body">"Avoid writing people's names or other personal details in evidence notes, reasons and plans: anyone who can open this browser, or a file you share, can read them."</p>

        <h2 class="heading-m">"Cookies and similar technologies"</h2>
        <p class="body">"UK rules on cookies (the Privacy and Electronic Communications Regulations, PECR) cover anything a website stores on your device, so they cover this tool's local storage and its cached copy of itself. Both are strictly necessary for the tool to do what you ask of it: keep your work and open without a connection. The rules do not require consent for strictly necessary storage, so the tool does not ask for it and there is no cookie banner."</p>

        <h2 class="heading-m">"Who can see it"</h2>
        <p class="body">"Anyone who uses the same browser profile on this device can open the tool and see everything it keeps. On a shared or borrowed computer, delete your work when you have finished with it. Other browsers, other browser profiles and other devices cannot see it."</p>

        <h2 class="heading-m">"How long it is kept"</h2>
        <p class="body">"Until you delete it, or until the browser clears this site's data: for example, when you clear your browsing data, when a private window is closed, or when the device runs short of space. To keep a copy somewhere safer, download a backup of everything from \u{201c}Back up or restore\u{201d}; the start page reminds you if you have not for 30 days."</p>
        <p class="body">"Safari on a Mac, and every browser on an iPhone or iPad (they all use Safari's engine), deletes what a site keeps once you have used the browser for 7 days without opening the site, unless you added the site to your Home Screen. In those browsers, add the tool to your Home Screen or download a backup at least once a week; the start page reminds you after 6 days."</p>
        <KeepStorage/>

        <h2 class="heading-m">"Files you download"</h2>
        <p class="body">"Backup files, session files, responses for a board session, reports, spreadsheets and adviser files are made in your browser and saved where your browser saves downloads. Once downloaded they are ordinary files: they are yours to keep safe, and to store, share and delete under your organisation's rules for handling information."</p>
        <ul class="list list--bullet">
            <li>"backup and session files hold everything in the assessment or session, including notes and plans; a session's members' ratings are in it as anonymous ballots, never with who gave them"</li>
            <li>"a response for a board session holds only the member's ratings, the partnership and date of the session, the questionnaire and a random token: no notes, role or name"</li>
            <li>"adviser files carry no names of members and no free text: only ratings, counts and the expectations the plan addresses, plus the partnership's name and the sectors that took part only if the partnership chose to include them"</li>
        </ul>

        <h2 class="heading-m">"How to delete it"</h2>
        <ul class="list list--bullet">
            <li>"One assessment or board session: use its \u{201c}Delete\u{201d} link on the "<a href=Route::Start.href()>"start page"</a>". The tool asks before deleting."</li>
            <li>"An adviser's collection: use \u{201c}Clear the collection\u{201d} on the "<a href=Route::Adviser.href()>"adviser page"</a>"."</li>
            <li>"Everything the tool keeps in this browser: use the button below."</li>
        </ul>
        <DeleteEverything/>
    }
}

/// "Delete everything from this browser", with a confirmation step and the outcome.
#[component]
fn DeleteEverything() -> impl IntoView {
    let state = expect_app_state();
    let stage = RwSignal::new(Deleting::NotAsked);
    let focus_after_render = |id: &'static str| {
        request_animation_frame(move || browser::focus_by_id(id));
    };
    let confirm = move |_| {
        match state.delete_everything() {
            Ok(_) => stage.set(Deleting::Done),
            Err(error) => stage.set(Deleting::Failed(format!(
                "{error}. Some of what the tool keeps may not have been deleted. Try again, or clear this site's data in your browser's settings."
            ))),
        }
        focus_after_render(OUTCOME_ID);
    };
    let cancel = move |_| {
        stage.set(Deleting::NotAsked);
        focus_after_render(DELETE_BUTTON_ID);
    };
    let ask = move |_| stage.set(Deleting::Confirming);
    let delete_button = move || {
        view! {
            <button type="button" class="button button--warning" id=DELETE_BUTTON_ID on:click=ask>"Delete everything from this browser"</button>
        }
    };

    move || {
        match stage.get() {
        Deleting::NotAsked => delete_button().into_any(),
        Deleting::Confirming => view! {
            <div class="warning-callout" role="alert">
                <h3 class="warning-callout__title">"Delete everything this tool keeps in this browser?"</h3>
                <p class="body">"Every assessment, board session, adviser's collection, loaded questionnaire and quiz progress, and any records kept aside, will be removed from this browser. This cannot be undone. Files you have downloaded are not affected."</p>
                <div class="button-group">
                    <button type="button" class="button button--warning" on:click=confirm>"Yes, delete everything"</button>
                    <button type="button" class="button button--secondary" on:click=cancel>"Cancel"</button>
                </div>
            </div>
        }
        .into_any(),
        Deleting::Done => view! {
            <div id=OUTCOME_ID tabindex="-1">
                <SuccessBanner message="Everything this tool kept in this browser has been deleted.".to_string()/>
            </div>
        }
        .into_any(),
        Deleting::Failed(message) => view! {
            <div class="error-summary" id=OUTCOME_ID role="alert" tabindex="-1">
                <h3 class="error-summary__title">"Not everything was deleted"</h3>
                <p class="body">{message}</p>
            </div>
            {delete_button()}
        }
        .into_any(),
    }
    }
}

/// What the browser says about keeping the tool's data when space runs short, and asking
/// it to: the first save asks once; this asks again when the person chooses.
#[component]
fn KeepStorage() -> impl IntoView {
    // None while the browser is asked; then its answer, itself None when it does not say.
    let kept = RwSignal::new(None::<Option<bool>>);
    leptos::task::spawn_local(async move { kept.set(Some(browser::storage_kept(false).await)) });
    let asked = RwSignal::new(false);
    let ask = move |_| {
        leptos::task::spawn_local(async move {
            kept.set(Some(browser::storage_kept(true).await));
            asked.set(true);
        })
    };
    view! {
        <div role="status">
            {move || match kept.get() {
                None => ().into_any(),
                Some(Some(true)) => view! { <p class="body">"This browser has agreed to keep the tool\u{2019}s data when the device runs short of space."</p> }.into_any(),
                Some(None) => view! { <p class="body">"This browser does not say whether it keeps the tool\u{2019}s data when the device runs short of space, so a backup matters more."</p> }.into_any(),
                Some(Some(false)) if asked.get() => view! { <p class="body">"This browser did not agree to keep the tool\u{2019}s data. Download a backup to keep a copy."</p> }.into_any(),
                Some(Some(false)) => view! {
                    <p class="body">"This browser may clear the tool\u{2019}s data when the device runs short of space. You can ask it not to: Firefox asks you to allow it; Chrome and Edge decide themselves, more readily for a site you use often or have installed."</p>
                    <button type="button" class="button button--secondary" on:click=ask>"Ask this browser to keep the tool\u{2019}s data"</button>
                }.into_any(),
            }}
        </div>
    }
}
