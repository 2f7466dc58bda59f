//! Reusable pieces of the page, following the GOV.UK and Scottish Government design
//! system patterns: error summary, notification banner, back link, save status, tags.

use leptos::prelude::*;

use super::pages::{ChunkNotLoaded, MAIN_HEADING_ID};
use super::route::Route;
use super::state::{expect_app_state, SaveStatus};

/// A page's one `h1`. Focus moves to it after navigation (`MAIN_HEADING_ID`), so it can
/// take focus without being in the tab order.
#[component]
pub fn PageHeading(
    #[prop(default = "heading-l")] class: &'static str,
    children: Children,
) -> impl IntoView {
    view! { <h1 class=class id=MAIN_HEADING_ID tabindex="-1">{children()}</h1> }
}

/// One field-level problem: the message, and the id of the input it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct FormError {
    pub field_id: String,
    pub message: String,
}

pub const ERROR_SUMMARY_ID: &str = "error-summary";

/// "There is a problem": lists each error as a link to its field. Shown only when there
/// are errors; the page focuses it after a failed submit.
#[component]
pub fn ErrorSummary(errors: Signal<Vec<FormError>>) -> impl IntoView {
    view! {
        <Show when=move || !errors.with(Vec::is_empty)>
            <div class="error-summary" id=ERROR_SUMMARY_ID tabindex="-1" aria-labelledby="error-summary-title">
                <h2 class="error-summary__title" id="error-summary-title">"There is a problem"</h2>
                <ul class="error-summary__list">
                    {move || errors.get().into_iter().map(|e| {
                        let field_id = e.field_id.clone();
                        view! {
                            <li><a href=format!("#{}", e.field_id) on:click=move |ev| {
                                // Hash links would change the route: focus the field instead.
                                ev.prevent_default();
                                super::browser::focus_by_id(&field_id);
                            }>{e.message.clone()}</a></li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}

/// The inline message shown above a field with a problem.
#[component]
pub fn FieldError(#[prop(into)] id: String, message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <Show when=move || message.with(Option::is_some)>
            <p class="field-error" id=id.clone()>
                <span class="visually-hidden">"Error: "</span>
                {move || message.get().unwrap_or_default()}
            </p>
        </Show>
    }
}

/// A labelled single-line input with a hint and, after a failed submit, its error message,
/// all linked to the input for assistive technology.
#[component]
pub fn TextField(
    /// The input's id; the hint and error ids are derived from it.
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(default = "input")] class: &'static str,
    /// The keyboard a phone offers, such as "numeric".
    #[prop(optional)]
    input_mode: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || match error.with(Option::is_some) {
            true => format!("{hint_id} {error_id}"),
            false => hint_id.clone(),
        }
    };
    view! {
        <div class=move || if error.with(Option::is_some) { "form-group form-group--error" } else { "form-group" }>
            <label class="label" for=id>{label}</label>
            <p class="hint" id=hint_id>{hint}</p>
            <FieldError id=error_id message=error/>
            <input class=class id=id name=id type=input_type autocomplete=autocomplete inputmode=input_mode
                aria-describedby=described_by
                on:input=move |ev| value.set(event_target_value(&ev))
                prop:value=value/>
        </div>
    }
}

/// Problems found reading what is stored, at start or when a page first read a kind of
/// record, each as a warning.
#[component]
pub fn LoadProblems() -> impl IntoView {
    let state = expect_app_state();
    move || {
        state
            .notices
            .load_problems()
            .get()
            .into_iter()
            .map(|problem| {
                view! {
                    <div class="warning-callout" role="alert">
                        <p>{problem}</p>
                    </div>
                }
            })
            .collect_view()
    }
}

/// Shows (once) the success message left by the previous page.
#[component]
pub fn NotificationBanner() -> impl IntoView {
    let state = expect_app_state();
    let message = state.notices.success();
    on_cleanup(move || state.notices.forget_success());
    message.map(|message| view! { <SuccessBanner message/> })
}

/// A green "Success" banner with one message.
#[component]
pub fn SuccessBanner(message: String) -> impl IntoView {
    view! {
        <div class="notification-banner notification-banner--success" role="alert" aria-labelledby="notification-banner-title">
            <div class="notification-banner__header">
                <h2 class="notification-banner__title" id="notification-banner-title">"Success"</h2>
            </div>
            <div class="notification-banner__content">
                <p class="notification-banner__heading">{message}</p>
            </div>
        </div>
    }
}

/// A warning in the page's text: an icon for sight, "Warning:" for screen readers.
#[component]
pub fn WarningText(children: Children) -> impl IntoView {
    view! {
        <div class="warning-text">
            <strong class="warning-text__icon" aria-hidden="true">"!"</strong>
            <p class="warning-text__text">
                <span class="visually-hidden">"Warning: "</span>
                {children()}
            </p>
        </div>
    }
}

#[component]
pub fn BackLink(route: Route, #[prop(into)] label: String) -> impl IntoView {
    view! { <a class="back-link" href=route.href()>{label}</a> }
}

/// "Saved on this device at HH:MM" under a form; when saving fails, a short pointer to the
/// warning the app shell shows at the top of every page.
#[component]
pub fn SaveIndicator() -> impl IntoView {
    let state = expect_app_state();
    let status = state.saving.status();
    // One status region for the page's life whose words change: a region added along with
    // its words is not read by every screen reader, and words that have not changed (a
    // second save in the same minute) are not written, so not said, again. A failure is
    // left out of it: the warning at the top of the page says that, as an alert.
    let said = Memo::new(move |_| match status.get() {
        SaveStatus::Idle => "Your answers are saved on this device as you go.".to_owned(),
        SaveStatus::Saved(time) => format!("Saved on this device at {time}"),
        SaveStatus::Failed(_) | SaveStatus::ChangedElsewhere => String::new(),
    });
    view! {
        <p class="save-status" role="status">{move || said.get()}</p>
        {move || match status.get() {
            SaveStatus::Failed(_) => Some(view! {
                <p class="save-status save-status--failed">
                    <strong>"Not saved on this device. "</strong>
                    <BackupButton class="link-button"/>
                </p>
            }
            .into_any()),
            SaveStatus::ChangedElsewhere => Some(view! {
                <p class="save-status save-status--failed">
                    <strong>"Changed in another tab: this page now shows the latest version."</strong>
                </p>
            }
            .into_any()),
            SaveStatus::Idle | SaveStatus::Saved(_) => None,
        }}
    }
}

/// "Download a backup of everything". Making the backup reads and encodes every kind of
/// record, so that code is a chunk of its own, fetched at the first click: the app-wide
/// save warning can offer the button without putting it in the first load. If the chunk
/// cannot arrive, the button says so and can be pressed again.
#[component]
pub fn BackupButton(class: &'static str) -> impl IntoView {
    let not_loaded = RwSignal::new(false);
    // The backup's code finds the app's state by context, so it runs under this owner.
    let owner = Owner::current();
    let click = move |_| {
        if let Some(owner) = &owner {
            owner.with(|| {
                leptos::task::spawn_local_scoped(async move {
                    not_loaded.set(download_backup().await.is_err());
                })
            });
        }
    };
    view! {
        <button type="button" class=class on:click=click>"Download a backup of everything"</button>
        <Show when=move || not_loaded.get()>
            <span class="inline-problem" role="alert">"The backup could not be made: part of the tool did not arrive. Check the connection, then try again."</span>
        </Show>
    }
}

#[leptos::wasm_split::wasm_split(backup_download, wasm_split_path = ::leptos::wasm_split, fallible)]
fn download_backup() -> Result<(), ChunkNotLoaded> {
    expect_app_state().download_backup();
    Ok(())
}

/// The warning at the top of the page when a file it offered could not be saved. It takes
/// focus when it appears, so it is seen wherever the person pressed the button.
#[component]
pub fn DownloadProblem() -> impl IntoView {
    const ID: &str = "download-problem";
    let state = expect_app_state();
    // The button pressed is often far down the page: focus brings the warning into view,
    // as an error summary does.
    Effect::new(move |_| {
        if state.notices.download_problem().with(Option::is_some) {
            request_animation_frame(|| super::browser::focus_by_id(ID));
        }
    });
    move || {
        state.notices.download_problem().get().map(|problem| {
            view! {
                <div class="warning-callout" role="alert" id=ID tabindex="-1">
                    <h2 class="warning-callout__title">"The file was not saved"</h2>
                    <p>{problem}" Try again; if it keeps failing, try another browser."</p>
                </div>
            }
        })
    }
}

/// The warning at the top of every page while changes cannot be saved: what happened, and
/// the backup that keeps the work safe meanwhile.
#[component]
pub fn SaveProblem() -> impl IntoView {
    let state = expect_app_state();
    move || {
        match state.saving.status().get() {
        SaveStatus::Failed(message) => Some(view! {
            <div class="warning-callout" role="alert">
                <h2 class="warning-callout__title">"Your latest changes are not saved on this device"</h2>
                <p>{message}". What you see on this page is kept while it stays open, and the tool keeps trying to save. Download a backup now so nothing is lost, then free some space (for example by deleting old assessments) or use another browser."</p>
                <BackupButton class="button button--secondary"/>
            </div>
        }.into_any()),
        SaveStatus::ChangedElsewhere => Some(view! {
            <div class="warning-callout" role="alert">
                <h2 class="warning-callout__title">"This was changed in another tab or window"</h2>
                <p>"Both were changing it at the same time. Your last change here was not saved, so the other tab's work is kept, and this page now shows it. Check it, and make your change again if it is still needed."</p>
            </div>
        }.into_any()),
        _ => None,
    }
    }
}

/// A coloured status label with its meaning in the text, never by colour alone.
/// How many items a long list shows at once: a plan or a draft of thousands of actions
/// (from a questionnaire of thousands of expectations) opens as fast as one of forty.
pub const ITEMS_PER_PAGE: usize = 50;

/// The page of a list of `count` items to show: `page` from 0, kept within the list as it
/// shrinks, and the range of items on it.
pub fn page_range(page: usize, count: usize) -> std::ops::Range<usize> {
    let last_page = count.saturating_sub(1) / ITEMS_PER_PAGE;
    let start = page.min(last_page) * ITEMS_PER_PAGE;
    start..(start + ITEMS_PER_PAGE).min(count)
}

/// "Previous", "Items 51 to 100 of 5,000" and "Next" under a list longer than a page; nothing
/// for a shorter one. `what` names the items ("actions"); `label` names the navigation;
/// `top` is the id of what heads the list (focusable with `tabindex="-1"`), which takes
/// the focus on a new page, so the person starts reading it from the top.
#[component]
pub fn Pagination(
    page: RwSignal<usize>,
    #[prop(into)] count: Signal<usize>,
    what: &'static str,
    label: &'static str,
    top: &'static str,
) -> impl IntoView {
    let range = move || page_range(page.get(), count.get());
    let last_page = move || count.get().saturating_sub(1) / ITEMS_PER_PAGE;
    let current = move || page.get().min(last_page());
    let at_first = move || current() == 0;
    let at_last = move || current() >= last_page();
    let turn_to = move |next: usize| {
        page.set(next);
        request_animation_frame(move || super::browser::focus_by_id(top));
    };
    view! {
        <Show when=move || { count.get() > ITEMS_PER_PAGE }>
            <nav class="pagination" aria-label=label>
                <button type="button" class="button button--secondary button--small" disabled=at_first
                    on:click=move |_| turn_to(current().saturating_sub(1))>"Previous"<span class="visually-hidden">{format!(" {what}")}</span></button>
                <p class="body pagination__place">{move || {
                    let shown = range();
                    format!("{} {} to {} of {}", capitalised(what), shown.start + 1, shown.end, count.get())
                }}</p>
                <button type="button" class="button button--secondary button--small" disabled=at_last
                    on:click=move |_| turn_to(current() + 1)>"Next"<span class="visually-hidden">{format!(" {what}")}</span></button>
            </nav>
        </Show>
    }
}

/// The text with its first letter in upper case.
pub fn capitalised(word: &str) -> String {
    let mut letters = word.chars();
    letters
        .next()
        .map(|first| first.to_uppercase().chain(letters).collect())
        .unwrap_or_default()
}

#[component]
pub fn Tag(#[prop(into)] text: String, #[prop(into)] modifier: String) -> impl IntoView {
    view! { <strong class=format!("tag tag--{modifier}")>{text}</strong> }
}

/// Keeps the document title in step with the page, e.g. "Error: " while errors show.
pub fn use_page_title(title: impl Fn() -> String + 'static) {
    Effect::new(move |_| super::browser::set_title(&title()));
}

/// Lets a wide table scroll sideways on its own at narrow widths or high zoom, instead of
/// the whole page. Focusable, so keyboard users can scroll it too.
#[component]
pub fn TableScroll(#[prop(into)] label: String, children: Children) -> impl IntoView {
    view! {
        <div class="table-scroll" role="region" aria-label=label tabindex="0">
            {children()}
        </div>
    }
}

/// A form's validation errors: what the error summary lists, each field's own message,
/// and the "Error: " prefix the page title needs while any show.
#[derive(Clone, Copy)]
pub struct FormErrors(RwSignal<Vec<FormError>>);

impl Default for FormErrors {
    fn default() -> FormErrors {
        FormErrors(RwSignal::new(Vec::new()))
    }
}

impl FormErrors {
    pub fn new() -> FormErrors {
        FormErrors::default()
    }

    pub fn list(self) -> Signal<Vec<FormError>> {
        self.0.into()
    }

    /// The message for one field, if it has a problem.
    pub fn for_field(self, field_id: impl Into<String>) -> Signal<Option<String>> {
        let (errors, field_id) = (self.0, field_id.into());
        Signal::derive(move || {
            errors.with(|list| {
                list.iter()
                    .find(|e| e.field_id == field_id)
                    .map(|e| e.message.clone())
            })
        })
    }

    /// The first message, for a page with a single question.
    pub fn first(self) -> Signal<Option<String>> {
        let errors = self.0;
        Signal::derive(move || errors.with(|list| list.first().map(|e| e.message.clone())))
    }

    /// Shows these problems and moves focus to the summary.
    pub fn show(self, problems: Vec<FormError>) {
        self.0.set(problems);
        request_animation_frame(|| super::browser::focus_by_id(ERROR_SUMMARY_ID));
    }

    pub fn clear(self) {
        self.0.set(Vec::new());
    }

    /// Keeps the document title as `title`, prefixed "Error: " while problems show.
    pub fn use_title(self, title: impl Fn() -> String + 'static) {
        let errors = self.0;
        use_page_title(move || {
            let prefix = if errors.with(Vec::is_empty) {
                ""
            } else {
                "Error: "
            };
            format!("{prefix}{}", title())
        });
    }
}

/// The data downloads for an assessment or session: CSV for ratings and for the plan, an
/// Excel workbook, and the app's own JSON file. All are made in the browser.
#[component]
pub fn DataDownloads<T: cpp_format::record::Record + PartialEq + Send + Sync + 'static>(
    record: Memo<T>,
    tables: Signal<cpp_format::export::Tables>,
) -> impl IntoView {
    use cpp_format::export::to_csv;
    use cpp_format::record::file_name_for;
    let state = expect_app_state();
    // Only the workbook's own problems (its writer not arriving) are shown here.
    let problem = RwSignal::new(None::<String>);
    let csv = move |which: &'static str| {
        move |_| {
            let tables = tables.get_untracked();
            let table = if which == "ratings" {
                &tables.ratings
            } else {
                &tables.plan
            };
            let name = record.with_untracked(|r| file_name_for(r, which, "csv"));
            state.notices.offer_file(
                &name,
                "text/csv;charset=utf-8",
                Ok(to_csv(table).into_bytes()),
            );
        }
    };
    view! {
        <h2 class="heading-m">"Download the data"</h2>
        <p class="body">"For officers working in Excel. The files are made on this device; nothing is uploaded."</p>
        <Show when=move || problem.with(Option::is_some)>
            <div class="warning-callout" role="alert"><p>{move || problem.get().unwrap_or_default()}</p></div>
        </Show>
        <div class="button-group">
            <super::extras::WorkbookButton
                file_name=Signal::derive(move || record.with(|r| file_name_for(r, "workbook", "xlsx")))
                tables=Signal::derive(move || tables.with(|t| t.all().map(Clone::clone).to_vec()))
                problem/>
            <button type="button" class="button button--secondary" on:click=csv("ratings")>"Ratings (CSV)"</button>
            <button type="button" class="button button--secondary" on:click=csv("plan")>"Plan (CSV)"</button>
            <button type="button" class="button button--secondary" on:click=move |_| state.notices.offer_record(&record.get_untracked())>"Backup file (JSON)"</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{page_range, ITEMS_PER_PAGE};

    #[test]
    fn a_page_shows_its_items_and_stays_within_a_shrinking_list() {
        let n = ITEMS_PER_PAGE;
        for (page, count, shown) in [
            (0, 0, 0..0),
            (0, 7, 0..7),
            (0, n, 0..n),
            (1, n + 1, n..n + 1),
            (2, 3 * n, 2 * n..3 * n),
            // The list shrank under the page: its last page instead.
            (5, n + 3, n..n + 3),
            (1, n, 0..n),
        ] {
            assert_eq!(page_range(page, count), shown, "page {page} of {count}");
        }
    }
}
