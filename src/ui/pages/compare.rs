//! "Your view and the board's": an individual's assessment beside the agreed ratings of a
//! board session, from this browser or from a file, showing where the two views differ.

use leptos::prelude::*;

use crate::ui::charts::{principle_chart, principle_means, ChartView, RadarSeries};
use crate::ui::components::{use_page_title, BackLink, PageHeading, TableScroll, Tag};
use crate::ui::file_import::FileDrop;
use crate::ui::route::{AssessmentPage, Route};
use crate::ui::state::expect_app_state;
use cpp_domain::assessment::{long_date, Assessment};
use cpp_domain::comparison::{
    compare_views, count, differences, Agreement, BoardView, ComparedExpectation,
};
use cpp_domain::questionnaire::Questionnaire;
use cpp_format::import::read_board_view;

/// "Anytown CPP, 23 November 2026", the name isolated as it came from a file.
fn board_name(board: &BoardView) -> impl IntoView {
    view! { <bdi>{board.partnership.clone()}</bdi>{format!(", {}", long_date(&board.date))} }
}

#[component]
pub fn CompareWithBoardPage(
    assessment: Memo<Assessment>,
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    use_page_title(|| "Your view and the board's".into());
    let assessment_id = assessment.with_untracked(|a| a.id.clone());
    let board = RwSignal::new(None::<BoardView>);
    let problem = RwSignal::new(None::<String>);
    let on_files = Callback::new(move |files: Vec<cpp_format::import::IncomingFile>| {
        let Some(file) = files.into_iter().next() else {
            return;
        };
        let read = file
            .contents
            .and_then(|bytes| questionnaire.with_value(|q| read_board_view(&bytes, q)));
        match read {
            Ok(view) => {
                problem.set(None);
                board.set(Some(view));
            }
            Err(reason) => problem.set(Some(format!("{}: {reason}", file.name))),
        }
    });

    view! {
        <BackLink route=Route::assessment(assessment_id, AssessmentPage::Results) label="Back to your results"/>
        <Show when=move || problem.with(Option::is_some)>
            <div class="error-summary" role="alert" tabindex="-1">
                <h2 class="error-summary__title">"The file could not be used"</h2>
                <p class="body">{move || problem.get().unwrap_or_default()}</p>
            </div>
        </Show>
        <span class="caption-m"><bdi>{move || assessment.with(|a| a.details.partnership.clone())}</bdi></span>
        <PageHeading>"Your view and the board's"</PageHeading>
        <p class="body">"See where your own ratings differ from the ratings your board agreed in a self-assessment session. Choose a session saved in this browser, or open the session file or the board's adviser file the facilitator shared. A file opened here is only read, not kept."</p>
        <BoardSessionChoices questionnaire board problem/>
        <FileDrop id="board-file" label="Or open a board session file or adviser file"
            hint="It ends in .board-session.json or .adviser.json" on_files/>
        <BoardComparison assessment questionnaire board/>
    }
}

/// The board sessions in this browser with agreed ratings on the questionnaire, to choose
/// one to compare with.
#[component]
fn BoardSessionChoices(
    questionnaire: StoredValue<Questionnaire>,
    board: RwSignal<Option<BoardView>>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = expect_app_state();
    let questionnaire_id = questionnaire.with_value(|q| q.id.clone());
    let sessions = Memo::new(move |_| {
        state.sessions.all().with(|list| {
            list.iter()
                .filter(|s| s.questionnaire_id == questionnaire_id)
                .map(BoardView::from_session)
                .filter(|b| !b.ratings.is_empty())
                .collect::<Vec<_>>()
        })
    });
    move || {
        let list = sessions.get();
        if list.is_empty() {
            return view! { <p class="body">"There are no board sessions with agreed ratings on this questionnaire in this browser."</p> }.into_any();
        }
        let items = list
            .into_iter()
            .enumerate()
            .map(|(index, view)| {
                let input_id = format!("board-{index}");
                let label = view! { {board_name(&view)}{format!(" ({} agreed ratings)", view.ratings.len())} };
                let is_chosen = view.clone();
                view! {
                    <div class="radios__item">
                        <input class="radios__input" type="radio" name="board" id=input_id.clone()
                            prop:checked=move || board.with(|b| b.as_ref() == Some(&is_chosen))
                            on:change=move |_| { problem.set(None); board.set(Some(view.clone())); }/>
                        <label class="label radios__label" for=input_id>{label}</label>
                    </div>
                }
            })
            .collect_view();
        view! {
            <fieldset class="fieldset">
                <legend class="fieldset__legend fieldset__legend--s">"Board sessions in this browser"</legend>
                <div class="radios">{items}</div>
            </fieldset>
        }
        .into_any()
    }
}

/// The assessment beside the chosen board's agreed ratings: a summary, a chart, and the
/// expectations where the two differ. Nothing until a board is chosen.
#[component]
fn BoardComparison(
    assessment: Memo<Assessment>,
    questionnaire: StoredValue<Questionnaire>,
    board: RwSignal<Option<BoardView>>,
) -> impl IntoView {
    move || {
        let board = board.get()?;
        let result = questionnaire
            .with_value(|q| assessment.with(|a| compare_views(q, |id| a.rating(id), &board)));
        let version_note = questionnaire.with_value(|q| {
            (board.questionnaire_version != q.version).then(|| format!(
                "The board used version {} of the questionnaire and you used version {}. Expectations are matched by their id; any that only one version has are not compared.",
                board.questionnaire_version, q.version
            ))
        });
        let differing = differences(&result);
        let differing_table = if differing.is_empty() {
            view! { <p class="body">"Your view and the board's are within one level of each other on every expectation you both rated."</p> }.into_any()
        } else {
            let rows = differing
                .iter()
                .map(|c| comparison_row(questionnaire, c))
                .collect_view();
            view! {
                <ComparisonTable label="Where your view differs from the board's" caption="Where your view differs">
                    {rows}
                </ComparisonTable>
            }
            .into_any()
        };
        let all_rows = result
            .iter()
            .map(|c| comparison_row(questionnaire, c))
            .collect_view();
        Some(view! {
            <h2 class="heading-m">"Compared with "{board_name(&board)}</h2>
            <p class="body" role="status">{comparison_summary(&result)}</p>
            {version_note.map(|note| view! { <p class="hint">{note}</p> })}
            <ComparisonChart assessment questionnaire board/>
            {differing_table}
            <details class="details">
                <summary class="details__summary">"All expectations"</summary>
                <ComparisonTable label="Every expectation, your rating and the board's" caption="Every expectation">
                    {all_rows}
                </ComparisonTable>
            </details>
            <p class="body">"A difference is not a mistake on either side: it is worth asking what each of you based your rating on."</p>
        })
    }
}

/// "Of the 40 expectations you and the board both rated, …": how often the two views agree.
fn comparison_summary(result: &[ComparedExpectation]) -> String {
    let compared = result.len() - count(result, Agreement::NotCompared);
    let dont_know = count(result, Agreement::OneDoesNotKnow);
    let mut summary = format!(
        "Of the {compared} expectations you and the board both rated, you gave the same rating on {}, were one level apart on {}, and differ by two levels or more on {}.",
        count(result, Agreement::Same),
        count(result, Agreement::Close),
        count(result, Agreement::Differs),
    );
    if dont_know > 0 {
        summary.push_str(&format!(
            " On {dont_know} of them one of you said \u{201c}don\u{2019}t know\u{201d}."
        ));
    }
    summary
}

/// The chart of your score and the board's agreed score for each principle.
#[component]
fn ComparisonChart(
    assessment: Memo<Assessment>,
    questionnaire: StoredValue<Questionnaire>,
    // A plain value: the comparison is drawn afresh whenever another board is chosen.
    board: BoardView,
) -> impl IntoView {
    let chart = Signal::derive(move || {
        questionnaire.with_value(|q| {
            assessment.with(|a| {
                let mine = a.scores(q);
                let theirs = board.scores(q);
                principle_chart(
                    q,
                    &[
                        RadarSeries {
                            name: "Your rating".into(),
                            values: principle_means(&mine),
                        },
                        RadarSeries {
                            name: "Board's agreed rating".into(),
                            values: principle_means(&theirs),
                        },
                    ],
                )
            })
        })
    });
    view! {
        <ChartView id="comparison-chart" chart label="Chart of your score and the board's agreed score for each principle; the ratings are in the tables below.".to_owned()/>
    }
}

/// A table of expectations with your rating, the board's agreed rating and the difference;
/// the rows are its children.
#[component]
fn ComparisonTable(
    label: &'static str,
    caption: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <TableScroll label>
            <table class="table">
                <caption class="table__caption table__caption--s">{caption}</caption>
                <thead><tr><th scope="col">"Expectation"</th><th scope="col">"Your rating"</th><th scope="col">"Board's agreed rating"</th><th scope="col">"Difference"</th></tr></thead>
                <tbody>{children()}</tbody>
            </table>
        </TableScroll>
    }
}

/// One expectation's row: the two ratings and how far apart they are.
fn comparison_row(
    questionnaire: StoredValue<Questionnaire>,
    c: &ComparedExpectation,
) -> impl IntoView {
    let (number, statement) = questionnaire.with_value(|q| {
        (
            q.number_of(&c.expectation_id),
            q.expectation(&c.expectation_id)
                .map(|e| e.statement.clone())
                .unwrap_or_default(),
        )
    });
    let (mine, theirs) =
        questionnaire.with_value(|q| (q.rating_label(c.mine), q.rating_label(c.board)));
    let gap = match c.gap {
        Some(g) if g > 0 => format!("You rated it {g} higher"),
        Some(g) if g < 0 => format!("You rated it {} lower", -g),
        _ => c.agreement.label().to_owned(),
    };
    let modifier = match c.agreement {
        Agreement::Differs => "refused",
        Agreement::OneDoesNotKnow | Agreement::Close => "in-progress",
        Agreement::Same => "completed",
        Agreement::NotCompared => "not-started",
    };
    view! {
        <tr>
            <th scope="row">{format!("{number} {statement}")}</th>
            <td>{mine}</td>
            <td>{theirs}</td>
            <td><Tag text=gap modifier/></td>
        </tr>
    }
}
