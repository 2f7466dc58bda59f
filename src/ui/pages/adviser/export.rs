//! The picture's downloads: a workbook of every table, and each table as CSV, named for
//! the questionnaire and the view and headed by a line saying what the figures are of.

use leptos::prelude::*;

use crate::ui::browser;
use crate::ui::extras::WorkbookButton;
use crate::ui::state::expect_app_state;
use cpp_domain::collation::{Collation, Filter};
use cpp_domain::questionnaire::Questionnaire;
use cpp_format::export::{to_csv, CollationView};

/// The buttons for each table as CSV, in the order of the workbook's sheets.
const CSV_BUTTONS: [&str; 5] = [
    "Partnerships by principle (CSV)",
    "National profile (CSV)",
    "Each expectation (CSV)",
    "Disagreement hot spots (CSV)",
    "Improvement themes (CSV)",
];

/// What the exports are made from: the picture as it is when a button asks.
#[derive(Clone, Copy)]
struct Picture {
    questionnaire: StoredValue<Questionnaire>,
    collation: Memo<Collation>,
    filter: Memo<Filter>,
}

impl Picture {
    fn with<R>(self, make: impl FnOnce(&CollationView, &Collation) -> R) -> R {
        let state = expect_app_state();
        let today = browser::today_iso();
        self.questionnaire.with_value(|q| {
            state.collection.current().with(|c| {
                self.filter.with(|f| {
                    let view = CollationView {
                        questionnaire: q,
                        filter: f,
                        representation: &c.representation,
                        threshold: c.threshold,
                        today: &today,
                    };
                    self.collation.with(|collation| make(&view, collation))
                })
            })
        })
    }
}

#[component]
pub(super) fn CollationExport(
    questionnaire: StoredValue<Questionnaire>,
    collation: Memo<Collation>,
    filter: Memo<Filter>,
) -> impl IntoView {
    let state = expect_app_state();
    // Only the workbook's own problems (its writer not arriving) are shown here.
    let export_problem = RwSignal::new(None::<String>);
    let picture = Picture {
        questionnaire,
        collation,
        filter,
    };
    let csv_buttons = CSV_BUTTONS
        .into_iter()
        .enumerate()
        .map(|(index, label)| {
            let download = move |_| {
                let (name, tables) = picture.with(|view, collation| {
                    let tables = view.tables(collation);
                    (view.file_name(&tables[index].name, "csv"), tables)
                });
                state.notices.offer_file(
                    &name,
                    "text/csv;charset=utf-8",
                    Ok(to_csv(&tables[index]).into_bytes()),
                );
            };
            view! { <button type="button" class="button button--secondary" on:click=download>{label}</button> }
        })
        .collect_view();
    let workbook_name =
        Signal::derive(move || picture.with(|view, _| view.file_name("tables", "xlsx")));
    let workbook_tables = Signal::derive(move || picture.with(|view, c| view.tables(c)));

    view! {
        <h2 class="heading-m">"Export"</h2>
        <p class="body">"Each download is named for the questionnaire and the view, and its first row says which files it covers, the rule for which file represents each partnership, the threshold and the date."</p>
        <Show when=move || export_problem.with(Option::is_some)>
            <div class="warning-callout" role="alert"><p>{move || export_problem.get().unwrap_or_default()}</p></div>
        </Show>
        <div class="button-group">
            <WorkbookButton file_name=workbook_name tables=workbook_tables problem=export_problem/>
            {csv_buttons}
        </div>
    }
}
