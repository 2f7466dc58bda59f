//! Results: the principle profile as a chart with a table alternative, the score of
//! every expectation, and the top strengths and areas for improvement.

use leptos::prelude::*;

use super::AssessmentCaption;
use crate::ui::charts::{principle_chart, principle_means, ChartView, RadarSeries};
use crate::ui::components::{use_page_title, BackLink, DataDownloads, PageHeading, TableScroll};
use crate::ui::route::{AssessmentPage, Route};
use cpp_domain::assessment::Assessment;
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::scoring::{ExpectationScore, Scores};
use cpp_format::export::assessment_tables;

#[component]
pub fn ResultsPage(
    assessment: Memo<Assessment>,
    questionnaire: StoredValue<Questionnaire>,
) -> impl IntoView {
    use_page_title(|| "Results".into());
    let id = assessment.with_untracked(|a| a.id.clone());
    let scores = Memo::new(move |_| questionnaire.with_value(|q| assessment.with(|a| a.scores(q))));
    let scale_max = questionnaire.with_value(|q| q.scale.max_value());
    let tables = Signal::derive(move || {
        questionnaire.with_value(|q| assessment.with(|a| assessment_tables(q, a)))
    });

    let summary = move || {
        questionnaire.with_value(|q| {
            scores.with(|s| {
                let o = &s.overall;
                let overall = match o.mean() {
                    Some(mean) => format!("Overall score {} out of {scale_max}.", q.score_label(Some(mean))),
                    None => "No overall score yet: nothing is rated.".to_owned(),
                };
                format!(
                    "{overall} {} of {} expectations rated, {} marked \u{201c}Don't know\u{201d}, {} not answered.",
                    o.rated(),
                    o.total(),
                    o.dont_know,
                    o.missing
                )
            })
        })
    };

    let target_label = questionnaire.with_value(|q| {
        q.scale
            .level(q.scale.target)
            .map(|l| l.label.clone())
            .unwrap_or_default()
    });

    view! {
        <BackLink route=Route::assessment(id.clone(), AssessmentPage::Tasks) label="Back to the task list"/>
        <AssessmentCaption assessment/>
        <PageHeading>"Results"</PageHeading>
        <p class="lead" id="results-summary">{summary}</p>

        <PrincipleProfile assessment questionnaire scores scale_max/>

        <h2 class="heading-m">"Top strengths"</h2>
        <p class="hint">{format!("The highest-rated expectations at {target_label} or above.")}</p>
        <ExpectationList questionnaire scores pick=Scores::strengths
            empty="No expectation is rated at the target level or above yet."/>

        <h2 class="heading-m">"Top areas for improvement"</h2>
        <p class="hint">{format!("The lowest-rated expectations below {target_label}.")}</p>
        <ExpectationList questionnaire scores pick=Scores::areas_for_improvement
            empty="No expectation is rated below the target level."/>

        <h2 class="heading-m">"Rating for each expectation"</h2>
        <ExpectationRatingTables questionnaire scores/>

        <h2 class="heading-m">"Board report"</h2>
        <p class="body">"A report for board papers: summary, profile, strengths and areas for improvement, the plan, and how the assessment was done. Print it, save it as PDF, or download it for Word."</p>
        <p class="body"><a href=Route::assessment(id.clone(), AssessmentPage::Report).href()>"Open the board report"</a></p>
        <h2 class="heading-m">"For your improvement adviser"</h2>
        <p class="body"><a href=Route::assessment(id.clone(), AssessmentPage::AdviserExport).href()>"Save a file for your improvement adviser"</a></p>
        <h2 class="heading-m">"Progress over time"</h2>
        <p class="body"><a href=Route::assessment(id.clone(), AssessmentPage::Progress).href()>"Compare with an earlier assessment"</a></p>
        <h2 class="heading-m">"Your view and the board's"</h2>
        <p class="body"><a href=Route::assessment(id.clone(), AssessmentPage::CompareWithBoard).href()>"Compare your ratings with your board's agreed ratings"</a></p>
        <DataDownloads record=assessment tables/>

        <h2 class="heading-m">"Next: plan improvements"</h2>
        <a class="button" href=Route::assessment(id, AssessmentPage::Plan).href()>"Draft the improvement plan"</a>
    }
}

/// The score for each principle, as a chart and as a table.
#[component]
fn PrincipleProfile(
    assessment: Memo<Assessment>,
    questionnaire: StoredValue<Questionnaire>,
    scores: Memo<Scores>,
    scale_max: u8,
) -> impl IntoView {
    let chart = Signal::derive(move || {
        let name = assessment.with(|a| a.details.partnership.clone());
        questionnaire.with_value(|q| {
            scores.with(|s| {
                principle_chart(
                    q,
                    &[RadarSeries {
                        name,
                        values: principle_means(s),
                    }],
                )
            })
        })
    });
    let rows = move || {
        questionnaire.with_value(|q| {
            scores.with(|s| {
                q.principles
                    .iter()
                    .zip(&s.principles)
                    .map(|(p, ps)| {
                        view! {
                            <tr>
                                <th scope="row">{p.title.clone()}</th>
                                <td class="numeric">{q.score_label(ps.mean())}</td>
                                <td class="numeric">{ps.tally.rated()}</td>
                                <td class="numeric">{ps.tally.dont_know}</td>
                                <td class="numeric">{ps.tally.missing}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <h2 class="heading-m">"Score by principle"</h2>
        <figure class="figure">
            <ChartView id="principle-profile-chart" chart=chart label="Chart of the score for each principle; the same scores are in the table below."/>
            <figcaption class="hint">{format!("Scores run from 1 to {scale_max}. A principle with nothing rated is left as a gap, never drawn at 0.")}</figcaption>
        </figure>
        <TableScroll label="Scores by principle">
        <table class="table">
            <caption class="table__caption table__caption--s">"Scores by principle (mean of rated expectations)"</caption>
            <thead>
                <tr>
                    <th scope="col">"Principle"</th>
                    <th scope="col" class="numeric">"Score"</th>
                    <th scope="col" class="numeric">"Rated"</th>
                    <th scope="col" class="numeric">"Don't know"</th>
                    <th scope="col" class="numeric">"Not answered"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        </TableScroll>
    }
}

/// The expectations `pick` chooses, numbered with their rating, or `empty` when there are
/// none.
#[component]
fn ExpectationList(
    questionnaire: StoredValue<Questionnaire>,
    scores: Memo<Scores>,
    pick: fn(&Scores) -> Vec<&ExpectationScore>,
    empty: &'static str,
) -> impl IntoView {
    move || {
        questionnaire.with_value(|q| {
            scores.with(|s| {
                let picked = pick(s);
                if picked.is_empty() {
                    return view! { <p class="body">{empty}</p> }.into_any();
                }
                let items = picked
                    .into_iter()
                    .filter_map(|e| q.expectation(&e.expectation_id).map(|exp| (e, exp)))
                    .map(|(e, exp)| {
                        view! {
                            <li>
                                <strong>{format!("{} {}", q.number_of(&exp.id), q.rating_label(e.rating))}</strong>
                                " "{exp.statement.clone()}
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ol class="list list--number">{items}</ol> }.into_any()
            })
        })
    }
}

/// A table for each principle of the rating given to each of its expectations.
#[component]
fn ExpectationRatingTables(
    questionnaire: StoredValue<Questionnaire>,
    scores: Memo<Scores>,
) -> impl IntoView {
    move || {
        questionnaire.with_value(|q| {
            scores.with(|s| {
                q.principles
                    .iter()
                    .enumerate()
                    .map(|(index, p)| {
                        let rows = p
                            .expectations
                            .iter()
                            .map(|e| {
                                let rating = s.expectation(&e.id).and_then(|x| x.rating);
                                view! {
                                    <tr>
                                        <td>{q.number_of(&e.id)}</td>
                                        <td>{e.statement.clone()}</td>
                                        <td>{q.rating_label(rating)}</td>
                                    </tr>
                                }
                            })
                            .collect_view();
                        view! {
                            <table class="table">
                                <caption class="table__caption table__caption--s">{format!("{}. {}", index + 1, p.title)}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"No."</th>
                                        <th scope="col">"Expectation"</th>
                                        <th scope="col">"Rating"</th>
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        }
                    })
                    .collect_view()
            })
        })
    }
}
