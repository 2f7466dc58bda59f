//! The board report page, for an assessment or a session: the report as it prints (A4, the
//! chart included), with "Print or save as PDF" and downloads as a self-contained web page
//! (which also opens in Word) and as Markdown.

use crate::ui::charts::ProfileChart;
use leptos::prelude::*;

use crate::ui::browser;
use crate::ui::charts::ChartView;
use crate::ui::components::{use_page_title, BackLink, PageHeading, TableScroll};
use crate::ui::route::Route;
use crate::ui::state::expect_app_state;
use cpp_format::record::{file_name_for, Record};
use cpp_format::report::{isolated, to_html, to_markdown, Report};

const CHART_ID: &str = "report-chart";

#[component]
pub fn ReportPage<T: Record + PartialEq + Send + Sync + 'static>(
    record: Memo<T>,
    report: Signal<Report>,
    chart: Signal<ProfileChart>,
    back: Route,
) -> impl IntoView {
    use_page_title(move || {
        report.with(|r| format!("Report: {} {}", r.title_lead, isolated(&r.partnership)))
    });
    let state = expect_app_state();
    let save = move |what: &'static str| {
        move |_| {
            let (name, mime, text) = report.with_untracked(|r| match what {
                "html" => (
                    record.with_untracked(|rec| file_name_for(rec, "report", "html")),
                    "text/html;charset=utf-8",
                    to_html(
                        r,
                        browser::outer_html_of_first(&format!("#{CHART_ID} svg")).as_deref(),
                    ),
                ),
                _ => (
                    record.with_untracked(|rec| file_name_for(rec, "report", "md")),
                    "text/markdown;charset=utf-8",
                    to_markdown(r),
                ),
            });
            state.notices.offer_file(&name, mime, Ok(text.into_bytes()));
        }
    };
    let list = move |pick: fn(&Report) -> &Vec<String>| {
        move || {
            report.with(|r| {
                let items = pick(r);
                if items.is_empty() {
                    return view! { <p class="body">"None yet."</p> }.into_any();
                }
                view! { <ul class="list list--bullet">{items.iter().map(|i| view! { <li>{i.clone()}</li> }).collect_view()}</ul> }.into_any()
            })
        }
    };
    view! {
        <BackLink route=back label="Back"/>
        <div class="report-actions">
            <div class="button-group">
                <button type="button" class="button" on:click=|_| browser::print()>"Print or save as PDF"</button>
                <button type="button" class="button button--secondary" on:click=save("html")>"Download as a web page (opens in Word)"</button>
                <button type="button" class="button button--secondary" on:click=save("md")>"Download as Markdown"</button>
            </div>
        </div>
        <article class="report">
            <PageHeading>{move || report.with(|r| r.title_lead)}" "<bdi>{move || report.with(|r| r.partnership.clone())}</bdi></PageHeading>
            <p class="caption-l">{move || report.with(|r| r.date.clone())}</p>
            <h2 class="heading-m">"Summary"</h2>
            {move || report.with(|r| r.summary.iter().map(|p| view! { <p class="body">{p.clone()}</p> }).collect_view())}
            <h2 class="heading-m">"Scores by principle"</h2>
            <figure class="figure">
                <ChartView id=CHART_ID chart label="Chart of the score for each principle; the same scores are in the table below."/>
            </figure>
            <PrincipleScores report/>
            <h2 class="heading-m">"Strengths"</h2>
            {list(|r| &r.strengths)}
            <h2 class="heading-m">"Areas for improvement"</h2>
            {list(|r| &r.areas)}
            <ReportDecisions report/>
            <ReportPlan report/>
            <h2 class="heading-m">"About this assessment"</h2>
            <ul class="list list--bullet">{move || report.with(|r| r.method.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view())}</ul>
        </article>
    }
}

/// What the board agreed for each expectation it discussed, in its own words.
#[component]
fn ReportDecisions(report: Signal<Report>) -> impl IntoView {
    move || {
        report.with(|r| {
            (!r.decisions.is_empty()).then(|| {
                let rows = r
                    .decisions
                    .iter()
                    .map(|d| {
                        let actions = d
                            .actions
                            .iter()
                            .map(|a| view! { <li>{a.clone()}</li> })
                            .collect_view();
                        view! {
                            <tr>
                                <td>{d.expectation.clone()}</td>
                                <td class="nowrap">{d.agreed.clone()}</td>
                                <td class="pre-wrap">{d.reasons.clone()}</td>
                                <td><ul class="list">{actions}</ul></td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <h2 class="heading-m">"What the board agreed"</h2>
                    <TableScroll label="What the board agreed">
                        <table class="table">
                            <caption class="visually-hidden">"What the board agreed"</caption>
                            <thead><tr><th scope="col">"Expectation"</th><th scope="col">"Agreed rating"</th><th scope="col">"Reasons"</th><th scope="col">"Actions agreed"</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </TableScroll>
                }
            })
        })
    }
}

/// The report's table of scores by principle.
#[component]
fn PrincipleScores(report: Signal<Report>) -> impl IntoView {
    let rows = move || {
        report.with(|r| {
            r.principles
                .iter()
                .map(|p| {
                    view! {
                        <tr>
                            <th scope="row">{p.title.clone()}</th>
                            <td class="numeric">{p.score.clone()}</td>
                            <td class="numeric">{p.rated}</td>
                            <td class="numeric">{p.dont_know}</td>
                            <td class="numeric">{p.missing}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <TableScroll label="Scores by principle">
            <table class="table">
                <caption class="table__caption table__caption--s">"Scores by principle"</caption>
                <thead><tr><th scope="col">"Principle"</th><th scope="col" class="numeric">"Score"</th><th scope="col" class="numeric">"Rated"</th><th scope="col" class="numeric">"Don't know"</th><th scope="col" class="numeric">"Not answered"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </TableScroll>
    }
}

/// The report's improvement plan: the review date and a table of the actions.
#[component]
fn ReportPlan(report: Signal<Report>) -> impl IntoView {
    let rows = move || {
        report.with(|r| {
            r.plan
                .iter()
                .map(|a| view! {
                    <tr>
                        <td class="numeric">{a.number}</td>
                        <td>{a.expectations.clone()}</td>
                        <td>{a.action.clone()}<br/><span class="hint">{format!("Why: {}", a.why)}</span></td>
                        <td>{a.lead.clone()}</td>
                        <td>{a.timescale.clone()}</td>
                        <td>{a.due.clone()}</td>
                        <td>{a.measure.clone()}</td>
                        <td>{a.status.clone()}</td>
                    </tr>
                })
                .collect_view()
        })
    };
    view! {
        <h2 class="heading-m report__new-page">"Improvement plan"</h2>
        {move || report.with(|r| r.review_date.clone()).map(|d| view! { <p class="body">{format!("The board will review the plan on {d}.")}</p> })}
        <Show when=move || report.with(|r| r.plan.is_empty())>
            <p class="body">"The plan has no actions yet."</p>
        </Show>
        <Show when=move || report.with(|r| !r.plan.is_empty())>
            <TableScroll label="Improvement plan">
                <table class="table">
                    <caption class="table__caption table__caption--s">"Actions"</caption>
                    <thead><tr><th scope="col" class="numeric">"No."</th><th scope="col">"Expectations"</th><th scope="col">"Action"</th><th scope="col">"Lead"</th><th scope="col">"Timescale"</th><th scope="col">"Due"</th><th scope="col">"Measure of success"</th><th scope="col">"Status"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </TableScroll>
        </Show>
    }
}
