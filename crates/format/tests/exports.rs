//! CSV and XLSX exports: the content of each table, Excel-friendly CSV (BOM, CRLF, quoting,
//! formulas neutralised), and a workbook read back with a spreadsheet reader.

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use cpp_domain::assessment::Assessment;
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::rating::Rating;
use cpp_domain::session::Session;
use cpp_format::export::{assessment_tables, session_tables, to_csv, to_xlsx, Cell, Table};
use cpp_format::{questionnaire_file, record};

fn questionnaire() -> Questionnaire {
    questionnaire_file::bundled().unwrap().remove(0)
}

fn assessment() -> Assessment {
    let mut a: Assessment =
        record::decode(include_str!("fixtures/stored/assessment-v1.json")).unwrap();
    a.details.partnership = "=HYPERLINK(\"http://example.invalid\")".into();
    a.set_note(
        "participation-1",
        "Minutes, \"quoted\", and a line\nbreak; café",
    );
    a.plan.actions[0].measure = "@SUM(1+1)".into();
    a
}

#[test]
fn ratings_csv_is_excel_friendly_and_formula_safe() {
    let q = questionnaire();
    let csv = to_csv(&assessment_tables(&q, &assessment()).ratings);
    assert!(csv.starts_with('\u{feff}'), "starts with a byte-order mark");
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "No.",
            "Principle",
            "Expectation",
            "Rating",
            "Rating label",
            "Evidence and comments"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 33);
    assert_eq!(&rows[0][0], "1.1");
    assert_eq!(&rows[0][3], "4");
    assert_eq!(&rows[0][4], "Good");
    assert_eq!(&rows[0][5], "Minutes, \"quoted\", and a line\nbreak; café");
    assert_eq!(&rows[1][4], "Don't know / not enough evidence");
    assert_eq!(&rows[5][4], "Not answered");
    assert!(csv.contains("\r\n"));
}

#[test]
fn plan_and_summary_csv_neutralise_formulas() {
    let q = questionnaire();
    let tables = assessment_tables(&q, &assessment());
    let plan = to_csv(&tables.plan);
    assert!(plan.contains(",'@SUM(1+1),"), "{plan}");
    let summary = to_csv(&tables.summary);
    assert!(summary.contains("'=HYPERLINK"), "{summary}");
    assert!(!summary.contains(",=HYPERLINK"));
    let mut reader = csv::Reader::from_reader(plan.trim_start_matches('\u{feff}').as_bytes());
    let first: Vec<String> = reader
        .records()
        .next()
        .unwrap()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(first[1], "1.1");
    assert_eq!(first[3], "Police Scotland");
    assert_eq!(first[6], "Short term (1 year)");
    assert_eq!(first[9], "Not started");
    assert_eq!(first[10], "Added by the board");
}

fn sheet(bytes: &[u8], name: &str) -> calamine::Range<Data> {
    let mut workbook: Xlsx<_> =
        open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("a readable workbook");
    workbook.worksheet_range(name).expect("the sheet exists")
}

#[test]
fn workbook_has_summary_ratings_and_plan_sheets() {
    let q = questionnaire();
    // The same path as the app: the tables as JSON into the workbook module's function.
    let bytes = to_xlsx(&assessment_tables(&q, &assessment()).all()).unwrap();
    let summary = sheet(&bytes, "Summary");
    assert_eq!(
        summary.get_value((1, 0)),
        Some(&Data::String("Partnership".into()))
    );
    // Text stays text in a workbook: never a formula.
    assert_eq!(
        summary.get_value((1, 1)),
        Some(&Data::String(
            "=HYPERLINK(\"http://example.invalid\")".into()
        ))
    );
    let overall = summary
        .rows()
        .find(|r| r[0] == Data::String("Overall".into()))
        .unwrap();
    assert_eq!(overall[1], Data::Float(4.0));
    assert_eq!(overall[2], Data::Float(1.0));
    let ratings = sheet(&bytes, "Ratings");
    assert_eq!(ratings.height(), 34);
    assert_eq!(ratings.get_value((1, 3)), Some(&Data::Float(4.0)));
    assert_eq!(
        ratings.get_value((2, 4)),
        Some(&Data::String("Don't know / not enough evidence".into()))
    );
    let plan = sheet(&bytes, "Plan");
    assert_eq!(plan.height(), 4);
    assert_eq!(
        plan.get_value((1, 8)),
        Some(&Data::String("@SUM(1+1)".into()))
    );
}

#[test]
fn session_exports_hide_small_spreads_and_keep_hands_apart() {
    use cpp_domain::session::{Ballot, Sector};
    let q = questionnaire();
    // Migrated from version 1: two private ballots, a threshold of 6, three hands for 5.
    let session: Session = record::decode(include_str!("fixtures/stored/session-v1.json")).unwrap();
    let tables = session_tables(&q, &session);
    let first = &tables.ratings.rows[0];
    assert_eq!(first[3], Cell::Number(4.0));
    assert_eq!(first[5], Cell::Text("Hidden: too few answers".into()));
    assert_eq!(
        first[9],
        Cell::Text("Very good (5): 3; Don't know / not enough evidence: 1".into()),
        "the show of hands is its own column, never counted as members' ratings"
    );
    assert_eq!(first[10], Cell::Text("Strong engagement plan".into()));
    let about = |label: &str| -> Vec<Cell> {
        tables
            .summary
            .rows
            .iter()
            .filter(|r| r[0] == Cell::Text(label.into()))
            .map(|r| r[1].clone())
            .collect()
    };
    assert_eq!(about("Members' private ballots"), [Cell::Number(2.0)]);
    assert_eq!(
        about("Members by sector"),
        [Cell::Text("Other sectors: 1".into())],
        "one NHS member is not named"
    );

    // Six private ballots on 1.1 with the box closed: shown, from the ballots only.
    let mut fresh = Session::new("s2".into(), &q, session.details.clone(), "t".into());
    for level in [3, 4, 4, 4, 5, 6] {
        fresh
            .add_ballot(Ballot {
                token: None,
                ratings: [("participation-1".to_owned(), Rating::Level(level))].into(),
            })
            .unwrap();
    }
    fresh
        .record_attendance(&[(Sector::LocalAuthority, 4)])
        .unwrap();
    fresh.set_anonymity_threshold(6).unwrap();
    fresh.hands = session.hands.clone();
    fresh.close_ballot_box().unwrap();
    let tables = session_tables(&q, &fresh);
    let first = &tables.ratings.rows[0];
    assert_eq!(first[5], Cell::Number(6.0));
    assert_eq!(first[6], Cell::Number(4.0));
    let by_sector: Vec<Cell> = tables
        .summary
        .rows
        .iter()
        .filter(|r| r[0] == Cell::Text("Members by sector".into()))
        .map(|r| r[1].clone())
        .collect();
    assert_eq!(by_sector, [Cell::Text("Local authority: 4".into())]);
    let bytes = to_xlsx(&tables.all()).unwrap();
    assert_eq!(sheet(&bytes, "Ratings").height(), 34);
}

#[test]
fn a_sheet_name_excel_refuses_is_reported_not_written() {
    // A sheet name Excel refuses is reported, not written.
    let refused = Table {
        name: "a/b".into(),
        note: None,
        headers: Vec::new(),
        rows: Vec::new(),
    };
    let error = to_xlsx(&[&refused]).unwrap_err();
    assert!(error.contains("a/b"), "{error:?}");
}

#[test]
fn text_longer_than_a_cell_is_cut_with_a_note_not_fatal() {
    let q = questionnaire();
    let mut a = assessment();
    a.details.partnership = "N".repeat(1_000_000);
    a.set_note("participation-1", &"x".repeat(40_000));
    let bytes = to_xlsx(&assessment_tables(&q, &a).all()).expect("the workbook is still made");
    let summary = sheet(&bytes, "Summary");
    let name = summary
        .rows()
        .find_map(|row| match &row[1] {
            Data::String(text) if text.starts_with("NNN") => Some(text.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(name.chars().count(), 32_767);
    assert!(name.ends_with("The full text is in the CSV download.]"));
    // The CSV keeps every character.
    let csv = to_csv(&assessment_tables(&q, &a).summary);
    assert!(csv.contains(&"N".repeat(1_000_000)));
}

/// Six partnerships' files: CPP-1 to CPP-6 dated 2026, and CPP-1 again from 2024.
fn collection() -> cpp_format::adviser_file::Collection {
    use cpp_domain::collation::{Source, Submission};
    let q = questionnaire();
    let file = |code: &str, date: &str, level: u8, source: Source| Submission {
        partnership_code: code.into(),
        partnership_name: (code == "CPP-2").then(|| "Anytown".to_owned()),
        questionnaire_id: q.id.clone(),
        questionnaire_version: q.version.clone(),
        date: date.into(),
        source,
        ratings: q
            .expectations()
            .map(|e| (e.id.clone(), Rating::Level(level)))
            .collect(),
        counts: Default::default(),
        sectors: None,
        planned: vec![q.expectations().next().unwrap().id.clone()],
    };
    let mut submissions: Vec<Submission> = (1..=6)
        .map(|i| {
            file(
                &format!("CPP-{i}"),
                &format!("2026-05-0{i}"),
                i as u8,
                Source::Session,
            )
        })
        .collect();
    submissions.push(file("CPP-1", "2024-03-01", 2, Source::Assessment));
    cpp_format::adviser_file::Collection {
        submissions,
        ..Default::default()
    }
}

#[test]
fn each_collation_table_says_what_it_is_of_and_is_named_for_its_view() {
    use cpp_domain::collation::{collate, Filter};
    use cpp_format::export::CollationView;
    let q = questionnaire();
    let mut c = collection();
    c.representation.choose(c.submissions[6].key());
    let filter = Filter {
        year: Some(2026),
        questionnaire_version: None,
    };
    let view = CollationView {
        questionnaire: &q,
        filter: &filter,
        representation: &c.representation,
        threshold: c.threshold,
        today: "2026-11-30",
    };
    let collation = collate(&q, &c.submissions, &c.representation, &filter, c.threshold);
    let tables = view.tables(&collation);
    let names: Vec<String> = tables
        .iter()
        .map(|t| view.file_name(&t.name, "csv"))
        .collect();
    let stem = "collation-principles-of-effective-community-planning-2026-all-versions";
    assert_eq!(
        names,
        [
            "partnerships",
            "profile",
            "expectations",
            "hot-spots",
            "themes"
        ]
        .map(|t| format!("{stem}.{t}.csv"))
    );
    let note = format!(
        "{} (version {} used to collate). Files: dated 2026, all versions. Each partnership is represented by its latest board session, or its latest individual assessment if it sent no board session, except 1 file chosen by hand. Figures across fewer than 5 partnerships are suppressed. Made 30 November 2026.",
        q.title, q.version
    );
    for table in &tables {
        assert_eq!(table.note.as_deref(), Some(note.as_str()), "{}", table.name);
        let csv = to_csv(table);
        let mut lines = csv.trim_start_matches('\u{feff}').lines();
        assert!(lines.next().unwrap().contains("Made 30 November 2026"));
        assert_eq!(
            lines.next().unwrap().split(',').next(),
            table.headers.first().map(String::as_str)
        );
    }
    let partnerships = to_csv(&tables[0]);
    assert!(
        partnerships.contains("\r\nPartnership code,Partnership name,Source,Date,Chosen by hand,"),
        "{partnerships}"
    );
    assert!(partnerships.contains("\r\nCPP-2,Anytown,Board session,2026-05-02,No,2,"));
    // In 2026, CPP-1's chosen 2024 file is out of view, so the rule decides for it; the
    // view of all files shows the 2024 file: five partnerships differ, none too few.
    assert!(partnerships.contains("\r\nCPP-1,,Board session,2026-05-01,No,1,"));
    // Suppressed figures keep their row, with the reason in place of the figures.
    let expectations = to_csv(&tables[2]);
    assert_eq!(
        expectations.lines().count(),
        2 + q.expectations().count(),
        "a note, headers and every expectation"
    );

    // In the workbook: the note above bold headers, and dates as real dates.
    let refs: Vec<&Table> = tables.iter().collect();
    let bytes = to_xlsx(&refs).unwrap();
    let sheet = sheet(&bytes, "Partnerships");
    assert_eq!(sheet.get_value((0, 0)), Some(&Data::String(note.clone())));
    assert_eq!(
        sheet.get_value((1, 0)),
        Some(&Data::String("Partnership code".into()))
    );
    match sheet.get_value((2, 3)) {
        // 1 May 2026 as Excel counts days.
        Some(Data::DateTime(day)) => assert_eq!(day.as_f64(), 46143.0),
        other => panic!("a date cell, not {other:?}"),
    }
}

#[test]
fn the_files_table_lists_every_file_and_what_became_of_it() {
    use cpp_format::export::collection_files_table;
    let mut c = collection();
    c.stale_after_months = 24;
    let table = collection_files_table(&c, &[questionnaire()], "2026-11-30");
    assert_eq!(
        table.headers[6..],
        [
            "Represents its partnership",
            "Chosen by hand",
            "Older than 24 months"
        ]
    );
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Cell::Text(t) | Cell::Date(t) => t.clone(),
                    Cell::Number(n) => n.to_string(),
                    Cell::Empty => String::new(),
                })
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 7);
    assert_eq!(rows[0][..2], ["CPP-1", ""]);
    assert_eq!(
        rows[0][4..],
        ["2026-05-01", "Board session", "Yes", "No", "No"]
    );
    assert_eq!(
        rows[1][4..],
        ["2024-03-01", "Individual assessment", "No", "No", "Yes"]
    );
    assert!(table.note.unwrap().contains("latest board session"));
}
