//! The board report: its content for an assessment and a session, and that the HTML and
//! Markdown files show people's text as written without running or reformatting it.

use cpp_domain::assessment::Assessment;
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::session::Session;
use cpp_format::report::{assessment_report, isolated, session_report, to_html, to_markdown};
use cpp_format::{questionnaire_file, record};

fn questionnaire() -> Questionnaire {
    questionnaire_file::bundled().unwrap().remove(0)
}

fn assessment() -> Assessment {
    let mut a: Assessment =
        record::decode(include_str!("fixtures/stored/assessment-v1.json")).unwrap();
    a.details.partnership = "Anytown <script>alert(1)</script> | CPP".into();
    a.plan.actions[0].text = "Map bodies *now* | report <b>back</b>".into();
    a.plan.actions[0].due_date = "2027-03-31".into();
    a.plan.review_date = "2027-11-23".into();
    a
}

#[test]
fn assessment_report_content() {
    let q = questionnaire();
    let report = assessment_report(&q, &assessment());
    assert_eq!(
        report.title(),
        "Self-assessment of Anytown <script>alert(1)</script> | CPP"
    );
    assert_eq!(report.date, "23 November 2026");
    assert_eq!(report.principles.len(), 9);
    assert_eq!(report.principles[0].score, "4.0 (Good)");
    assert_eq!(
        (
            report.principles[0].rated,
            report.principles[0].dont_know,
            report.principles[0].missing
        ),
        (1, 1, 3)
    );
    assert_eq!(report.strengths.len(), 1);
    assert!(report.strengths[0]
        .starts_with("1.1 Good (4): The CPP and community planning partners work with"));
    assert!(report.areas.is_empty());
    assert_eq!(report.plan.len(), 3);
    assert_eq!(report.plan[0].due, "31 March 2027");
    assert_eq!(report.plan[0].lead, "Police Scotland");
    assert_eq!(report.plan[1].due, "Not set");
    assert_eq!(report.review_date.as_deref(), Some("23 November 2027"));
    assert!(report.method[0].contains("one person (\u{2068}Board member\u{2069})"));
    // Made with an earlier release's version, shown with the one this browser has.
    assert!(report.method.iter().any(|m| m.contains(&format!(
        "answered with version 1.0.0 and shown with version {}, the version this browser has",
        q.version
    ))));
    assert!(report.summary[0]
        .starts_with("Overall score 4.0 (Good) on a scale of 1 to 6. 1 of 33 expectations rated"));
}

#[test]
fn html_is_self_contained_and_escaped() {
    let q = questionnaire();
    let html = to_html(
        &assessment_report(&q, &assessment()),
        Some("<svg viewBox=\"0 0 10 10\"><circle r=\"1\"/></svg>"),
    );
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<style>") && html.contains("@page { size: A4;"));
    assert!(!html.contains("<script"), "no script can enter the report");
    assert!(html.contains("Anytown &lt;script&gt;alert(1)&lt;/script&gt; | CPP"));
    assert!(html.contains("report &lt;b&gt;back&lt;/b&gt;"));
    assert!(html.contains("<svg viewBox"), "the chart is embedded");
    assert!(
        !html.contains("src=\"http") && !html.contains("href=\"http"),
        "nothing loads from elsewhere"
    );
    let without_chart = to_html(
        &assessment_report(&q, &assessment()),
        Some("<img src=x onerror=alert(1)>"),
    );
    assert!(
        !without_chart.contains("onerror"),
        "only an SVG is embedded as the chart"
    );
}

#[test]
fn text_someone_typed_cannot_reorder_the_words_around_it() {
    let mut q = questionnaire();
    q.title = "Local \u{202E}questionnaire".into();
    let mut a = assessment();
    a.details.partnership = "Anytown \u{202E}elif.exe".into();
    a.details.assessor_role = "Chair \u{202E}".into();
    let report = assessment_report(&q, &a);
    let html = to_html(&report, None);
    assert!(
        html.contains("<h1>Self-assessment of <bdi>Anytown \u{202E}elif.exe</bdi></h1>"),
        "{html}"
    );
    assert!(report.method[0].contains("one person (\u{2068}Chair \u{202E}\u{2069}), dated"));
    assert!(report.method.iter().any(|m| m.contains(
        "Questionnaire: \u{2068}Local \u{202E}questionnaire\u{2069}, answered with version"
    )));
    assert_eq!(isolated("\u{202E}x"), "\u{2068}\u{202E}x\u{2069}");
}

#[test]
fn markdown_keeps_tables_intact() {
    let q = questionnaire();
    let md = to_markdown(&assessment_report(&q, &assessment()));
    assert!(
        md.starts_with("# Self-assessment of Anytown \\<script\\>alert(1)\\</script\\> \\| CPP\n")
    );
    assert!(md.contains("| Community participation and co-production | 4.0 (Good) | 1 | 1 | 3 |"));
    assert!(md.contains("| 1 | 1.1 | Map bodies \\*now\\* \\| report \\<b\\>back\\</b\\> | Police Scotland | Short term (1 year) | 31 March 2027 |"));
    assert!(md.contains("The board will review the plan on 23 November 2027."));

    // A carriage return (alone, or as a Windows line end) cannot start a list item or row.
    let mut crafted = assessment();
    crafted.plan.actions[0].text = "Map bodies\r- injected item\r\n| x | y |".into();
    let md = to_markdown(&assessment_report(&q, &crafted));
    assert!(
        md.contains("| 1 | 1.1 | Map bodies - injected item  \\| x \\| y \\| |"),
        "{md}"
    );
    assert!(!md.lines().any(|line| line.starts_with("- injected")));
}

#[test]
fn session_report_counts_members_without_singling_anyone_out() {
    use cpp_domain::session::Sector;
    let q = questionnaire();
    let mut session: Session =
        record::decode(include_str!("fixtures/stored/session-v1.json")).unwrap();
    let report = session_report(&q, &session);
    assert_eq!(
        report.title(),
        "Board self-assessment of Anytown Community Planning Partnership"
    );
    let method = &report.method[0];
    for expected in [
        "2 members rated the expectations privately, and their ratings were counted without recording who gave which.",
        // The one NHS member is not named.
        " Members taking part by sector: other sectors 1.",
        " A show of hands was also taken for 1 expectation, and reported apart from the private ratings.",
    ] {
        assert!(method.contains(expected), "{method}");
    }
    session
        .record_attendance(&[(Sector::LocalAuthority, 3)])
        .unwrap();
    let method = session_report(&q, &session).method[0].clone();
    assert!(
        method.contains("by sector: Local authority 3, other sectors 1."),
        "{method}"
    );
    assert!(!to_html(&report, None).contains("Member 1"));
}

/// The board's own words reach its report: for each expectation it discussed, the agreed
/// rating, its reasons and the actions it agreed; and the method note says how many it
/// discussed and agreed, not that it agreed them all.
#[test]
fn a_session_report_carries_the_boards_reasons_and_actions() {
    use cpp_domain::rating::Rating;
    let q = questionnaire();
    let mut session: Session =
        record::decode(include_str!("fixtures/stored/session-v3.json")).unwrap();
    let c = session.consensus_mut("participation-2");
    c.rating = Some(Rating::Level(2));
    c.rationale = "No <b>record</b> of who was asked".into();
    c.actions_arising = "Map the community bodies\nAsk the TSI to help".into();
    let report = session_report(&q, &session);
    let numbers: Vec<&str> = report
        .decisions
        .iter()
        .map(|d| d.expectation.split(' ').next().unwrap())
        .collect();
    assert_eq!(
        numbers,
        ["1.1", "1.2"],
        "the two expectations with something recorded"
    );
    let second = &report.decisions[1];
    assert_eq!(second.agreed, "Weak (2)");
    assert_eq!(second.reasons, "No <b>record</b> of who was asked");
    assert_eq!(
        second.actions,
        ["Map the community bodies", "Ask the TSI to help"]
    );
    let total = q.expectation_count();
    assert!(
        report.method[0].contains(&format!(
            "The board then discussed 2 of the {total} expectations and agreed a rating for 2;"
        )),
        "{}",
        report.method[0]
    );
    let html = to_html(&report, None);
    assert!(html.contains("<h2>What the board agreed</h2>"));
    assert!(html.contains("No &lt;b&gt;record&lt;/b&gt; of who was asked"));
    assert!(html.contains("<li>Ask the TSI to help</li>"));
    let md = to_markdown(&report);
    assert!(md.contains("## What the board agreed"), "{md}");
    assert!(md.contains("- Action: Map the community bodies"), "{md}");
    // An individual's report has no such section.
    assert!(assessment_report(&q, &assessment()).decisions.is_empty());
}
