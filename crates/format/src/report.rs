//! The board report: one model built from an assessment or a session, shown as a printable
//! page and saved as a self-contained HTML file (which also opens in Word) or as Markdown.

use cpp_domain::assessment::{long_date, Assessment};
use cpp_domain::plan::Plan;
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::scoring::{ExpectationScore, Scores};
use cpp_domain::session::Session;

use super::APP_VERSION;

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// "Self-assessment of" or "Board self-assessment of": the title is this and the
    /// partnership's name, which each view isolates.
    pub title_lead: &'static str,
    pub partnership: String,
    pub date: String,
    pub summary: Vec<String>,
    pub principles: Vec<PrincipleRow>,
    pub strengths: Vec<String>,
    pub areas: Vec<String>,
    /// What a board agreed for each expectation it discussed, in its own words; empty for
    /// an individual's assessment.
    pub decisions: Vec<DecisionRow>,
    pub plan: Vec<PlanRow>,
    pub review_date: Option<String>,
    pub method: Vec<String>,
}

/// One expectation the board discussed: its agreed rating, its reasons and the actions it
/// agreed, as the board wrote them.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionRow {
    /// "2.3 The statement".
    pub expectation: String,
    pub agreed: String,
    pub reasons: String,
    pub actions: Vec<String>,
}

impl Report {
    /// The title as plain text, for a file's first line, where nothing follows the name.
    pub fn title(&self) -> String {
        format!("{} {}", self.title_lead, self.partnership)
    }
}

/// Text someone typed, wrapped in Unicode's first-strong isolate so that no character in
/// it (a right-to-left override, say) can reorder the words around it: the plain-text
/// counterpart of `<bdi>`, for window titles and report lines that mix our words with theirs.
pub fn isolated(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrincipleRow {
    pub title: String,
    pub score: String,
    pub rated: usize,
    pub dont_know: usize,
    pub missing: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanRow {
    pub number: usize,
    pub expectations: String,
    pub action: String,
    pub lead: String,
    pub timescale: String,
    pub due: String,
    pub measure: String,
    pub status: String,
    pub why: String,
}

fn listed(questionnaire: &Questionnaire, items: Vec<&ExpectationScore>) -> Vec<String> {
    items
        .into_iter()
        .filter_map(|e| {
            let statement = &questionnaire.expectation(&e.expectation_id)?.statement;
            Some(format!(
                "{} {}: {statement}",
                questionnaire.number_of(&e.expectation_id),
                questionnaire.rating_label(e.rating)
            ))
        })
        .collect()
}

fn plan_rows(questionnaire: &Questionnaire, plan: &Plan) -> Vec<PlanRow> {
    plan.actions
        .iter()
        .enumerate()
        .map(|(index, a)| PlanRow {
            number: index + 1,
            expectations: a
                .expectation_ids
                .iter()
                .map(|e| questionnaire.number_of(e))
                .collect::<Vec<_>>()
                .join(", "),
            action: a.text.clone(),
            lead: a.owner.display().to_owned(),
            timescale: a.timescale.label().to_owned(),
            due: if a.due_date.is_empty() {
                "Not set".into()
            } else {
                long_date(&a.due_date)
            },
            measure: a.measure.clone(),
            status: a.status.label().to_owned(),
            why: a.reason.describe(questionnaire),
        })
        .collect()
}

/// Which version of the questionnaire the ratings were given on, and, if the browser has
/// only another (an earlier release's record), which version the report is shown with.
fn questionnaire_line(questionnaire: &Questionnaire, answered_with: &str) -> String {
    let version = if answered_with == questionnaire.version {
        format!("version {answered_with}")
    } else {
        format!(
            "answered with version {answered_with} and shown with version {}, the version this browser has",
            questionnaire.version
        )
    };
    format!(
        "Questionnaire: {}, {version} ({} expectations under {} principles).",
        isolated(&questionnaire.title),
        questionnaire.expectation_count(),
        questionnaire.principles.len()
    )
}

fn build(
    questionnaire: &Questionnaire,
    answered_with: &str,
    title_lead: &'static str,
    partnership: &str,
    date: &str,
    scores: &Scores,
    plan: &Plan,
) -> Report {
    let principles = questionnaire
        .principles
        .iter()
        .zip(&scores.principles)
        .map(|(p, s)| PrincipleRow {
            title: p.title.clone(),
            score: questionnaire.score_label(s.mean()),
            rated: s.tally.rated(),
            dont_know: s.tally.dont_know,
            missing: s.tally.missing,
        })
        .collect();
    let overall = &scores.overall;
    Report {
        title_lead,
        partnership: partnership.to_owned(),
        date: long_date(date),
        summary: vec![format!(
            "Overall score {} on a scale of 1 to {}. {} of {} expectations rated, {} marked \u{201c}Don't know\u{201d}, {} not answered. The plan has {} action{}.",
            questionnaire.score_label(overall.mean()),
            questionnaire.scale.max_value(),
            overall.rated(),
            overall.total(),
            overall.dont_know,
            overall.missing,
            plan.actions.len(),
            if plan.actions.len() == 1 { "" } else { "s" }
        )],
        principles,
        strengths: listed(questionnaire, scores.strengths()),
        areas: listed(questionnaire, scores.areas_for_improvement()),
        decisions: Vec::new(),
        plan: plan_rows(questionnaire, plan),
        review_date: (!plan.review_date.is_empty()).then(|| long_date(&plan.review_date)),
        method: vec![
            questionnaire_line(questionnaire, answered_with),
            format!("Rating scale: {}. Scores are means of the ratings given; \u{201c}Don't know\u{201d} is counted but not scored.", questionnaire.scale.name),
            format!("Expectation statements: {}, {}. {}", isolated(&questionnaire.source.publisher), isolated(&questionnaire.source.licence), isolated(&questionnaire.source.title)),
            format!("Made with the community planning self-assessment tool, version {APP_VERSION}."),
        ],
    }
}

pub fn assessment_report(questionnaire: &Questionnaire, assessment: &Assessment) -> Report {
    let scores = assessment.scores(questionnaire);
    let mut report = build(
        questionnaire,
        &assessment.questionnaire_version,
        "Self-assessment of",
        &assessment.details.partnership,
        &assessment.details.date,
        &scores,
        &assessment.plan,
    );
    let who = if assessment.details.assessor_role.is_empty() {
        "one person".to_owned()
    } else {
        format!(
            "one person ({})",
            isolated(&assessment.details.assessor_role)
        )
    };
    report.method.insert(
        0,
        format!(
            "An individual self-assessment by {who}, dated {}.",
            long_date(&assessment.details.date)
        ),
    );
    report
}

pub fn session_report(questionnaire: &Questionnaire, session: &Session) -> Report {
    let scores = session.agreed_scores(questionnaire);
    let mut report = build(
        questionnaire,
        &session.questionnaire_version,
        "Board self-assessment of",
        &session.details.partnership,
        &session.details.date,
        &scores,
        &session.plan,
    );
    let members = session.ballot_count();
    // Sectors with too few members to name are counted together, so nobody is singled out.
    let by_sector: Vec<String> = session
        .attendance_shown()
        .into_iter()
        .map(|(sector, n)| format!("{} {n}", sector.map_or("other sectors", |s| s.label())))
        .collect();
    let took_part = if by_sector.is_empty() {
        String::new()
    } else {
        format!(" Members taking part by sector: {}.", by_sector.join(", "))
    };
    let hands = match session.hands.len() {
        0 => String::new(),
        1 => " A show of hands was also taken for 1 expectation, and reported apart from the private ratings.".to_owned(),
        n => format!(" A show of hands was also taken for {n} expectations, and reported apart from the private ratings."),
    };
    report.decisions = decisions(questionnaire, session);
    let total = questionnaire.expectation_count();
    let discussed = report.decisions.len();
    let agreed = session.agreed_count(questionnaire);
    report.method.insert(
        0,
        format!(
            "A facilitated board session on {}: {members} members rated the expectations privately, and their ratings were counted without recording who gave which.{took_part}{hands} The board then discussed {discussed} of the {total} expectations and agreed a rating for {agreed}; expectations without an agreed rating are not scored. No names were recorded.",
            long_date(&session.details.date),
        ),
    );
    report
}

/// Every expectation the board discussed (its spread revealed, or a rating, reasons or
/// actions recorded), in questionnaire order.
fn decisions(questionnaire: &Questionnaire, session: &Session) -> Vec<DecisionRow> {
    questionnaire
        .expectations()
        .filter_map(|e| {
            let consensus = session.consensus.get(&e.id);
            let recorded = consensus.is_some_and(|c| {
                c.rating.is_some() || !c.rationale.trim().is_empty() || c.actions().next().is_some()
            });
            (recorded || session.is_revealed(&e.id)).then(|| DecisionRow {
                expectation: format!("{} {}", questionnaire.number_of(&e.id), e.statement),
                agreed: consensus.and_then(|c| c.rating).map_or_else(
                    || "Not agreed".to_owned(),
                    |r| questionnaire.rating_label(Some(r)),
                ),
                reasons: consensus
                    .map(|c| c.rationale.trim().to_owned())
                    .unwrap_or_default(),
                actions: consensus
                    .map(|c| c.actions().map(str::to_owned).collect())
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// Escapes text for HTML, so names and notes are shown as written and never run.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Markdown with characters that would change the layout escaped.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            // A line break of any kind would start a new list item or table row.
            '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

pub fn to_markdown(report: &Report) -> String {
    let e = escape_markdown;
    let mut md = format!(
        "# {}\n\n{}\n\n## Summary\n\n",
        e(&report.title()),
        e(&report.date)
    );
    for paragraph in &report.summary {
        md.push_str(&format!("{}\n\n", e(paragraph)));
    }
    md.push_str("## Scores by principle\n\n| Principle | Score | Rated | Don't know | Not answered |\n| --- | --- | ---: | ---: | ---: |\n");
    for p in &report.principles {
        md.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            e(&p.title),
            e(&p.score),
            p.rated,
            p.dont_know,
            p.missing
        ));
    }
    for (heading, items) in [
        ("Strengths", &report.strengths),
        ("Areas for improvement", &report.areas),
    ] {
        md.push_str(&format!("\n## {heading}\n\n"));
        if items.is_empty() {
            md.push_str("None yet.\n");
        }
        for item in items.iter() {
            md.push_str(&format!("- {}\n", e(item)));
        }
    }
    if !report.decisions.is_empty() {
        md.push_str("\n## What the board agreed\n\n");
        for d in &report.decisions {
            md.push_str(&format!(
                "### {}\n\nAgreed rating: {}\n\n",
                e(&d.expectation),
                e(&d.agreed)
            ));
            if !d.reasons.is_empty() {
                md.push_str(&format!(
                    "Reasons: {}\n\n",
                    e(&d.reasons).replace('\n', " ")
                ));
            }
            for action in &d.actions {
                md.push_str(&format!("- Action: {}\n", e(action)));
            }
            if !d.actions.is_empty() {
                md.push('\n');
            }
        }
    }
    md.push_str("\n## Improvement plan\n\n");
    if let Some(review) = &report.review_date {
        md.push_str(&format!(
            "The board will review the plan on {}.\n\n",
            e(review)
        ));
    }
    if report.plan.is_empty() {
        md.push_str("The plan has no actions yet.\n");
    } else {
        md.push_str("| No. | Expectations | Action | Lead | Timescale | Due | Measure of success | Status |\n| ---: | --- | --- | --- | --- | --- | --- | --- |\n");
        for a in &report.plan {
            md.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
                a.number,
                e(&a.expectations),
                e(&a.action),
                e(&a.lead),
                e(&a.timescale),
                e(&a.due),
                e(&a.measure),
                e(&a.status)
            ));
        }
    }
    md.push_str("\n## About this assessment\n\n");
    for line in &report.method {
        md.push_str(&format!("- {}\n", e(line)));
    }
    md
}

/// A complete HTML document with its styles inline, so it opens on its own in a browser
/// or in Word. `chart_svg` is the principle profile as drawn on the page, if any.
pub fn to_html(report: &Report, chart_svg: Option<&str>) -> String {
    let h = escape_html;
    let mut body = format!(
        "<h1>{} <bdi>{}</bdi></h1>\n<p class=\"date\">{}</p>\n<h2>Summary</h2>\n",
        report.title_lead,
        h(&report.partnership),
        h(&report.date)
    );
    for paragraph in &report.summary {
        body.push_str(&format!("<p>{}</p>\n", h(paragraph)));
    }
    body.push_str("<h2>Scores by principle</h2>\n");
    if let Some(svg) = chart_svg.filter(|s| s.trim_start().starts_with("<svg")) {
        body.push_str(&format!("<div class=\"chart\" role=\"img\" aria-label=\"Chart of the score for each principle; the table below has the same scores\">{svg}</div>\n"));
    }
    body.push_str("<table><thead><tr><th>Principle</th><th>Score</th><th>Rated</th><th>Don't know</th><th>Not answered</th></tr></thead><tbody>\n");
    for p in &report.principles {
        body.push_str(&format!(
            "<tr><td>{}</td><td class=\"nowrap\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            h(&p.title),
            h(&p.score),
            p.rated,
            p.dont_know,
            p.missing
        ));
    }
    body.push_str("</tbody></table>\n");
    for (heading, items) in [
        ("Strengths", &report.strengths),
        ("Areas for improvement", &report.areas),
    ] {
        body.push_str(&format!("<h2>{heading}</h2>\n"));
        if items.is_empty() {
            body.push_str("<p>None yet.</p>\n");
        } else {
            body.push_str("<ul>\n");
            for item in items.iter() {
                body.push_str(&format!("<li>{}</li>\n", h(item)));
            }
            body.push_str("</ul>\n");
        }
    }
    if !report.decisions.is_empty() {
        body.push_str("<h2>What the board agreed</h2>\n<table><thead><tr><th>Expectation</th><th>Agreed rating</th><th>Reasons</th><th>Actions agreed</th></tr></thead><tbody>\n");
        for d in &report.decisions {
            let actions = d
                .actions
                .iter()
                .map(|a| format!("<li>{}</li>", h(a)))
                .collect::<String>();
            body.push_str(&format!(
                "<tr><td>{}</td><td class=\"nowrap\">{}</td><td class=\"pre-wrap\">{}</td><td>{}</td></tr>\n",
                h(&d.expectation),
                h(&d.agreed),
                h(&d.reasons),
                if actions.is_empty() { String::new() } else { format!("<ul>{actions}</ul>") }
            ));
        }
        body.push_str("</tbody></table>\n");
    }
    body.push_str("<h2 class=\"new-page\">Improvement plan</h2>\n");
    if let Some(review) = &report.review_date {
        body.push_str(&format!(
            "<p>The board will review the plan on {}.</p>\n",
            h(review)
        ));
    }
    if report.plan.is_empty() {
        body.push_str("<p>The plan has no actions yet.</p>\n");
    } else {
        body.push_str("<table><thead><tr><th>No.</th><th>Expectations</th><th>Action</th><th>Lead</th><th>Timescale</th><th>Due</th><th>Measure of success</th><th>Status</th></tr></thead><tbody>\n");
        for a in &report.plan {
            body.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}<br><small>Why: {}</small></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                a.number, h(&a.expectations), h(&a.action), h(&a.why), h(&a.lead), h(&a.timescale), h(&a.due), h(&a.measure), h(&a.status)
            ));
        }
        body.push_str("</tbody></table>\n");
    }
    body.push_str("<h2>About this assessment</h2>\n<ul>\n");
    for line in &report.method {
        body.push_str(&format!("<li>{}</li>\n", h(line)));
    }
    body.push_str("</ul>\n");
    format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{REPORT_CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        h(&report.title())
    )
}

const REPORT_CSS: &str = "body { font-family: Arial, sans-serif; color: #0b0c0c; max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.4; }
h1 { font-size: 2em; margin-bottom: 0.2em; }
h2 { font-size: 1.4em; margin-top: 1.5em; }
.date { color: #505a5f; font-size: 1.2em; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; font-size: 0.95em; }
th, td { border: 1px solid #b1b4b6; padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f3f2f1; }
small { color: #505a5f; }
.chart { position: relative; }
/* The drawing keeps the absolute position it had on the page; here it flows with the text. */
.chart svg { position: static !important; display: block; max-width: 100%; height: auto; }
.nowrap { white-space: nowrap; }
.pre-wrap { white-space: pre-wrap; }
@page { size: A4; margin: 18mm; }
@media print { .new-page { break-before: page; } table, .chart { break-inside: avoid; } }
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(
            escape_html("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(
            escape_markdown("a|b *c* [d](e)\n# f"),
            "a\\|b \\*c\\* \\[d\\](e) \\# f"
        );
    }
}
