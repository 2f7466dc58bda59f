//! Data exports for Excel and other tools: the same tables written as CSV (UTF-8 with a
//! byte-order mark, so Excel reads accents and symbols correctly) and as an XLSX workbook
//! with Summary, Ratings and Plan sheets.
//!
//! The app calls [`to_xlsx`] from a code chunk of its own, fetched the first time someone
//! asks for a workbook: the XLSX writer is most of the weight of a download.
//!
//! Formula safety: a CSV cell beginning `=`, `+`, `-` or `@` (or a tab or carriage return)
//! is prefixed with an apostrophe so spreadsheet software shows it as text instead of
//! running it. XLSX cells are written as typed strings and numbers, never formulas.

use cpp_domain::assessment::long_date;
use cpp_domain::assessment::Assessment;
use cpp_domain::collation::{Collation, Filter, Representation, Shown, Suppression};
use cpp_domain::plan::Plan;
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::rating::Rating;
use cpp_domain::scoring::Scores;
use cpp_domain::session::MIN_ANONYMITY_THRESHOLD;
use cpp_domain::session::{HandCount, Session};

use super::adviser_file::Collection;
use super::catalogue;
use super::record::slug;
use super::APP_VERSION;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// `YYYY-MM-DD`: text in CSV, a real date in a workbook.
    Date(String),
    Empty,
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

impl From<Option<f64>> for Cell {
    fn from(value: Option<f64>) -> Cell {
        value
            .map(|v| Cell::Number((v * 100.0).round() / 100.0))
            .unwrap_or(Cell::Empty)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Also the sheet's name in a workbook.
    pub name: String,
    /// A line above the headers saying what the figures are of, where the table alone
    /// would not.
    pub note: Option<String>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// The three tables every export has.
#[derive(Debug, Clone, PartialEq)]
pub struct Tables {
    pub summary: Table,
    pub ratings: Table,
    pub plan: Table,
}

fn headers(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

/// Makes a text cell safe to open in a spreadsheet.
pub fn neutralise(text: &str) -> String {
    // Spreadsheets skip leading spaces (a no-break space too) before reading a formula, and
    // some take the full-width forms of the signs for the signs themselves.
    let first_sign = text
        .chars()
        .find(|c| !matches!(c, ' ' | '\u{a0}' | '\u{3000}'));
    let runs = text.starts_with(['\t', '\r', '\n'])
        || matches!(
            first_sign,
            Some('=' | '+' | '-' | '@' | '\u{ff1d}' | '\u{ff0b}' | '\u{ff0d}' | '\u{ff20}')
        );
    if runs {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

fn rating_cells(questionnaire: &Questionnaire, rating: Option<Rating>) -> [Cell; 2] {
    match rating {
        Some(Rating::Level(value)) => [
            Cell::Number(f64::from(value)),
            questionnaire
                .scale
                .level(value)
                .map(|l| l.label.clone())
                .unwrap_or_default()
                .into(),
        ],
        Some(Rating::DontKnow) => [
            Cell::Empty,
            questionnaire.scale.dont_know.label.clone().into(),
        ],
        None => [Cell::Empty, "Not answered".into()],
    }
}

fn plan_table(questionnaire: &Questionnaire, plan: &Plan) -> Table {
    let rows = plan
        .actions
        .iter()
        .enumerate()
        .map(|(index, a)| {
            let numbers: Vec<String> = a
                .expectation_ids
                .iter()
                .map(|e| questionnaire.number_of(e))
                .collect();
            vec![
                Cell::Number((index + 1) as f64),
                numbers.join(", ").into(),
                a.text.clone().into(),
                a.owner.display().into(),
                a.resources.clone().into(),
                a.risks.clone().into(),
                a.timescale.label().into(),
                a.due_date.clone().into(),
                a.measure.clone().into(),
                a.status.label().into(),
                a.reason.describe(questionnaire).into(),
            ]
        })
        .collect();
    Table {
        name: "Plan".into(),
        note: None,
        headers: headers(&[
            "Action",
            "Expectations",
            "What will be done",
            "Lead",
            "Resources",
            "Risks",
            "Timescale",
            "Due date",
            "Measure of success",
            "Status",
            "Why this is here",
        ]),
        rows,
    }
}

fn summary_table(
    questionnaire: &Questionnaire,
    about: Vec<(&str, Cell)>,
    scores: &Scores,
) -> Table {
    let mut rows: Vec<Vec<Cell>> = about
        .into_iter()
        .map(|(k, v)| vec![k.into(), v, Cell::Empty, Cell::Empty, Cell::Empty])
        .collect();
    rows.push(vec![
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
    ]);
    rows.push(vec![
        "Principle".into(),
        "Score".into(),
        "Rated".into(),
        "Don't know".into(),
        "Not answered".into(),
    ]);
    for (principle, score) in questionnaire.principles.iter().zip(&scores.principles) {
        rows.push(vec![
            principle.title.clone().into(),
            score.mean().into(),
            Cell::Number(score.tally.rated() as f64),
            Cell::Number(score.tally.dont_know as f64),
            Cell::Number(score.tally.missing as f64),
        ]);
    }
    rows.push(vec![
        "Overall".into(),
        scores.overall.mean().into(),
        Cell::Number(scores.overall.rated() as f64),
        Cell::Number(scores.overall.dont_know as f64),
        Cell::Number(scores.overall.missing as f64),
    ]);
    Table {
        name: "Summary".into(),
        note: None,
        headers: headers(&["Item", "Value", "", "", ""]),
        rows,
    }
}

fn common_about(
    questionnaire: &Questionnaire,
    partnership: &str,
    date: &str,
) -> Vec<(&'static str, Cell)> {
    vec![
        ("Partnership", partnership.into()),
        ("Date", date.into()),
        (
            "Questionnaire",
            format!(
                "{} (version {})",
                questionnaire.title, questionnaire.version
            )
            .into(),
        ),
        (
            "Made with",
            format!("Community planning self-assessment {APP_VERSION}").into(),
        ),
    ]
}

/// The Ratings sheet: each expectation's number, principle, statement and rating, then the
/// columns `extra` adds for it.
fn ratings_table(
    questionnaire: &Questionnaire,
    rating_headers: [&str; 2],
    extra_headers: &[&str],
    rating_of: &dyn Fn(&str) -> Option<Rating>,
    extra: impl Fn(&str) -> Vec<Cell>,
) -> Table {
    let rows = questionnaire
        .principles
        .iter()
        .flat_map(|p| p.expectations.iter().map(move |e| (p, e)))
        .map(|(p, e)| {
            let [value, label] = rating_cells(questionnaire, rating_of(&e.id));
            let mut row = vec![
                questionnaire.number_of(&e.id).into(),
                p.title.clone().into(),
                e.statement.clone().into(),
                value,
                label,
            ];
            row.extend(extra(&e.id));
            row
        })
        .collect();
    let mut all_headers = headers(&["No.", "Principle", "Expectation"]);
    all_headers.extend(headers(&rating_headers));
    all_headers.extend(headers(extra_headers));
    Table {
        name: "Ratings".into(),
        note: None,
        headers: all_headers,
        rows,
    }
}

pub fn assessment_tables(questionnaire: &Questionnaire, assessment: &Assessment) -> Tables {
    let mut about = common_about(
        questionnaire,
        &assessment.details.partnership,
        &assessment.details.date,
    );
    if !assessment.details.assessor_role.is_empty() {
        about.push((
            "Assessor's role",
            assessment.details.assessor_role.clone().into(),
        ));
    }
    let rating_of = |e: &str| assessment.rating(e);
    Tables {
        summary: summary_table(questionnaire, about, &assessment.scores(questionnaire)),
        ratings: ratings_table(
            questionnaire,
            ["Rating", "Rating label"],
            &["Evidence and comments"],
            &rating_of,
            |e| {
                vec![assessment
                    .response(e)
                    .map(|r| r.note.clone())
                    .unwrap_or_default()
                    .into()]
            },
        ),
        plan: plan_table(questionnaire, &assessment.plan),
    }
}

pub fn session_tables(questionnaire: &Questionnaire, session: &Session) -> Tables {
    let mut about = common_about(
        questionnaire,
        &session.details.partnership,
        &session.details.date,
    );
    about.push((
        "Members' private ballots",
        Cell::Number(session.ballot_count() as f64),
    ));
    // Sectors with too few members to name are counted together, so nobody is singled out.
    for (sector, count) in session.attendance_shown() {
        let label = sector.map_or("Other sectors", |s| s.label());
        about.push(("Members by sector", format!("{label}: {count}").into()));
    }
    let rating_of = |e: &str| session.consensus_rating(e);
    let members_and_reasons = |e: &str| {
        let consensus = session.consensus.get(e).cloned().unwrap_or_default();
        // Members' figures only where the room could see them: small groups stay anonymous.
        let mut cells: Vec<Cell> = match session.private_spread(e) {
            Some(d) => vec![
                Cell::Number(d.rated() as f64),
                d.median().into(),
                Cell::Number(d.dont_know as f64),
                if d.disagreement() { "Yes" } else { "No" }.into(),
            ],
            None => vec![
                "Hidden: too few answers".into(),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
            ],
        };
        // The show of hands is public and counted apart, never added to the ballots.
        cells.push(
            session
                .hands
                .get(e)
                .map(|hands| hands_text(questionnaire, hands))
                .unwrap_or_default()
                .into(),
        );
        cells.push(consensus.rationale.into());
        cells.push(consensus.actions_arising.into());
        cells
    };
    Tables {
        summary: summary_table(questionnaire, about, &session.agreed_scores(questionnaire)),
        ratings: ratings_table(
            questionnaire,
            ["Agreed rating", "Agreed rating label"],
            &[
                "Members rating (n)",
                "Members' median",
                "Don't know",
                "Disagreement",
                "Show of hands (counted apart)",
                "Reasons and evidence",
                "Actions arising",
            ],
            &rating_of,
            members_and_reasons,
        ),
        plan: plan_table(questionnaire, &session.plan),
    }
}

/// A show of hands in words: "Good (4): 3; Don't know: 1".
fn hands_text(questionnaire: &Questionnaire, hands: &HandCount) -> String {
    let levels = questionnaire.scale.levels.iter().filter_map(|level| {
        let count = hands.levels.get(&level.value).copied().unwrap_or(0);
        (count > 0).then(|| format!("{} ({}): {count}", level.label, level.value))
    });
    let dont_know = (hands.dont_know > 0).then(|| {
        format!(
            "{}: {}",
            questionnaire.scale.dont_know.label, hands.dont_know
        )
    });
    levels.chain(dont_know).collect::<Vec<_>>().join("; ")
}

/// A table as CSV text: UTF-8 with a byte-order mark, every text cell neutralised.
pub fn to_csv(table: &Table) -> String {
    // Flexible: a note row, or a suppressed figure's one cell, is shorter than the headers.
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail; a failed record would only drop that row.
    // Header cells can carry a loaded questionnaire's own titles: neutralised like any cell.
    if let Some(note) = &table.note {
        let _ = writer.write_record([neutralise(note)]);
    }
    let headers: Vec<String> = table.headers.iter().map(|h| neutralise(h)).collect();
    let _ = writer.write_record(&headers);
    for row in &table.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                Cell::Text(text) | Cell::Date(text) => neutralise(text),
                Cell::Number(n) => n.to_string(),
                Cell::Empty => String::new(),
            })
            .collect();
        let _ = writer.write_record(&cells);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8(bytes).unwrap_or_default())
}

impl Tables {
    pub fn all(&self) -> [&Table; 3] {
        [&self.summary, &self.ratings, &self.plan]
    }
}

/// A collated view as its exports describe it: the questionnaire, the view, the rule for
/// which file represents each partnership, the threshold and the day it was made. Every
/// collation export carries this in its first row and its name.
pub struct CollationView<'a> {
    pub questionnaire: &'a Questionnaire,
    pub filter: &'a Filter,
    pub representation: &'a Representation,
    pub threshold: usize,
    /// `YYYY-MM-DD`.
    pub today: &'a str,
}

impl CollationView<'_> {
    /// The first row of each export: what the figures are of.
    pub fn note(&self) -> String {
        let q = self.questionnaire;
        let chosen = self
            .representation
            .chosen
            .iter()
            .filter(|k| k.questionnaire_id == q.id)
            .count();
        let by_hand = match chosen {
            0 => String::new(),
            1 => ", except 1 file chosen by hand".into(),
            n => format!(", except {n} files chosen by hand"),
        };
        format!(
            "{} (version {} used to collate). Files: {}. Each partnership is represented by {}{by_hand}. Figures across fewer than {} partnerships are suppressed. Made {}.",
            q.title,
            q.version,
            self.filter.describe(),
            self.representation.rule.describe(),
            self.threshold.max(MIN_ANONYMITY_THRESHOLD),
            long_date(self.today),
        )
    }

    /// `collation-<questionnaire>-<view>.<table>.<extension>`, for example
    /// `collation-board-member-checklist-2026-all-versions.partnerships.csv`.
    pub fn file_name(&self, table: &str, extension: &str) -> String {
        format!(
            "collation-{}-{}.{}.{extension}",
            slug(&self.questionnaire.id),
            slug(&self.filter.slug()),
            slug(table)
        )
    }

    /// The adviser's collated tables: partnerships by principle, the national profile,
    /// each expectation across partnerships, hot spots and planned themes, each headed by
    /// the view's note. Suppressed figures say so.
    pub fn tables(&self, collation: &Collation) -> Vec<Table> {
        let questionnaire = self.questionnaire;
        let note = Some(self.note());
        let suppressed = |why: &Suppression| Cell::Text(why.describe());
        let mut principle_headers = headers(&[
            "Partnership code",
            "Partnership name",
            "Source",
            "Date",
            "Chosen by hand",
        ]);
        principle_headers.extend(questionnaire.principles.iter().map(|p| p.title.clone()));
        let partnerships = Table {
            name: "Partnerships".into(),
            note: note.clone(),
            headers: principle_headers,
            rows: collation
                .heatmap
                .iter()
                .map(|row| {
                    let mut cells: Vec<Cell> = vec![
                        row.code.clone().into(),
                        row.name.clone().unwrap_or_default().into(),
                        row.source.label().into(),
                        Cell::Date(row.date.clone()),
                        if row.chosen { "Yes" } else { "No" }.into(),
                    ];
                    cells.extend(row.principle_means.iter().map(|m| Cell::from(*m)));
                    cells
                })
                .collect(),
        };
        let profile = Table {
            name: "Profile".into(),
            note: note.clone(),
            headers: headers(&["Principle", "Median of partnerships"]),
            rows: questionnaire
                .principles
                .iter()
                .zip(&collation.profile)
                .map(|(p, shown)| {
                    vec![
                        p.title.clone().into(),
                        match shown {
                            Shown::Value(v) => Cell::Number(*v),
                            Shown::Suppressed(why) => suppressed(why),
                        },
                    ]
                })
                .collect(),
        };
        let expectations = Table {
            name: "Expectations".into(),
            note: note.clone(),
            headers: headers(&[
                "No.",
                "Expectation",
                "Partnerships rating",
                "Median",
                "Lowest",
                "Highest",
                "Don't know",
            ]),
            rows: collation
                .distributions
                .iter()
                .filter_map(|(id, shown)| questionnaire.expectation(id).map(|e| (id, e, shown)))
                .map(|(id, e, shown)| {
                    let mut row = vec![
                        questionnaire.number_of(id).into(),
                        e.statement.clone().into(),
                    ];
                    match shown {
                        Shown::Value(d) => row.extend([
                            Cell::Number(d.rated() as f64),
                            d.median().into(),
                            d.min()
                                .map(|v| Cell::Number(f64::from(v)))
                                .unwrap_or(Cell::Empty),
                            d.max()
                                .map(|v| Cell::Number(f64::from(v)))
                                .unwrap_or(Cell::Empty),
                            Cell::Number(d.dont_know as f64),
                        ]),
                        Shown::Suppressed(why) => row.push(suppressed(why)),
                    }
                    row
                })
                .collect(),
        };
        let ranked = |name: &str, count: &str, list: &Shown<Vec<(String, usize)>>| Table {
            name: name.into(),
            note: note.clone(),
            headers: headers(&["No.", "Expectation", count]),
            rows: match list {
                Shown::Value(list) => list
                    .iter()
                    .filter_map(|(id, n)| {
                        questionnaire.expectation(id).map(|e| {
                            vec![
                                questionnaire.number_of(id).into(),
                                e.statement.clone().into(),
                                Cell::Number(*n as f64),
                            ]
                        })
                    })
                    .collect(),
                Shown::Suppressed(why) => vec![vec![suppressed(why)]],
            },
        };
        let hot_spots = ranked(
            "Hot spots",
            "Partnerships whose members disagreed",
            &collation.hot_spots,
        );
        let themes = ranked("Themes", "Partnerships planning action", &collation.themes);
        vec![partnerships, profile, expectations, hot_spots, themes]
    }
}

/// Every file in the adviser's collection: whose, which questionnaire, when, what kind,
/// whether it represents its partnership, and whether it is older than the period set.
pub fn collection_files_table(
    collection: &Collection,
    questionnaires: &[Questionnaire],
    today: &str,
) -> Table {
    let months = collection.stale_after_months;
    let title = |id: &str| catalogue::title_of(questionnaires, id);
    Table {
        name: "Files".into(),
        note: Some(format!(
            "Files in the adviser collection. Each partnership is represented by {}. Made {}.",
            collection.representation.rule.describe(),
            long_date(today)
        )),
        headers: vec![
            "Partnership code".into(),
            "Partnership name".into(),
            "Questionnaire".into(),
            "Version".into(),
            "Date".into(),
            "Source".into(),
            "Represents its partnership".into(),
            "Chosen by hand".into(),
            format!("Older than {months} months"),
        ],
        rows: collection
            .files_with_status(today)
            .into_iter()
            .map(|file| {
                let s = file.submission;
                let yes_no = |b: bool| Cell::from(if b { "Yes" } else { "No" });
                vec![
                    s.partnership_code.clone().into(),
                    s.partnership_name.clone().unwrap_or_default().into(),
                    title(&s.questionnaire_id).into(),
                    s.questionnaire_version.clone().into(),
                    Cell::Date(s.date.clone()),
                    s.source.label().into(),
                    yes_no(file.in_use),
                    yes_no(file.chosen),
                    yes_no(file.old),
                ]
            })
            .collect(),
    }
}

/// The most characters Excel keeps in one cell.
const EXCEL_CELL_CHARS: usize = 32_767;
const CUT_NOTE: &str =
    " [Cut short: longer than a spreadsheet cell can hold. The full text is in the CSV download.]";

/// Text as a workbook cell can hold it: text longer than a cell is cut, with a note saying
/// so, rather than making the whole workbook fail.
fn fit_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().count() <= EXCEL_CELL_CHARS {
        return text.into();
    }
    let keep = EXCEL_CELL_CHARS - CUT_NOTE.chars().count();
    let mut cut: String = text.chars().take(keep).collect();
    cut.push_str(CUT_NOTE);
    cut.into()
}

/// Tables as an XLSX workbook, one sheet each.
pub fn to_xlsx(tables: &[&Table]) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let date = Format::new().set_num_format("d mmm yyyy");
    for table in tables {
        let sheet = workbook.add_worksheet();
        sheet.set_name(&table.name).map_err(|e| e.to_string())?;
        let header_row = u32::from(table.note.is_some());
        if let Some(note) = &table.note {
            sheet
                .write_string(0, 0, fit_cell(note))
                .map_err(|e| e.to_string())?;
        }
        for (col, header) in table.headers.iter().enumerate() {
            sheet
                .write_string_with_format(header_row, col as u16, fit_cell(header), &bold)
                .map_err(|e| e.to_string())?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = header_row + 1 + r as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(text) => sheet
                        .write_string_with_format(r, c, fit_cell(text), &wrap)
                        .map(|_| ()),
                    Cell::Number(n) => sheet.write_number(r, c, *n).map(|_| ()),
                    // A date the checkers let through is real; anything else stays text.
                    Cell::Date(text) => match ExcelDateTime::parse_from_str(text) {
                        Ok(day) => sheet
                            .write_datetime_with_format(r, c, day, &date)
                            .map(|_| ()),
                        Err(_) => sheet.write_string(r, c, fit_cell(text)).map(|_| ()),
                    },
                    Cell::Empty => Ok(()),
                }
                .map_err(|e| e.to_string())?;
            }
        }
        for (col, header) in table.headers.iter().enumerate() {
            let longest = table
                .rows
                .iter()
                .filter_map(|row| match row.get(col) {
                    Some(Cell::Text(t)) => Some(t.chars().count()),
                    Some(Cell::Date(_)) => Some(11),
                    _ => None,
                })
                .chain([header.chars().count()])
                .max()
                .unwrap_or(8);
            sheet
                .set_column_width(col as u16, (longest.clamp(8, 60) + 2) as f64)
                .map_err(|e| e.to_string())?;
        }
        sheet
            .set_freeze_panes(header_row + 1, 0)
            .map_err(|e| e.to_string())?;
    }
    workbook.save_to_buffer().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::{neutralise, to_csv, Cell, Table};

    #[test]
    fn header_cells_are_neutralised_too() {
        let table = Table {
            name: "Partnerships".into(),
            note: None,
            headers: vec![
                "Partnership".into(),
                "=HYPERLINK(\"http://x.invalid\")".into(),
            ],
            rows: vec![vec![Cell::Text("CPP-01".into()), Cell::Number(4.0)]],
        };
        let csv = to_csv(&table);
        assert!(
            csv.starts_with("\u{feff}Partnership,\"'=HYPERLINK(\"\"http://x.invalid\"\")\"\r\n"),
            "{csv}"
        );
    }

    #[test]
    fn formulas_are_neutralised() {
        for (input, output) in [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+44 131", "'+44 131"),
            ("-1", "'-1"),
            ("@cmd", "'@cmd"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("\nx", "'\nx"),
            ("  =1+1", "'  =1+1"),
            ("\u{a0}=1+1", "'\u{a0}=1+1"),
            ("\u{ff1d}HYPERLINK(\"x\")", "'\u{ff1d}HYPERLINK(\"x\")"),
            ("\u{ff0b}1", "'\u{ff0b}1"),
            ("\u{ff0d}1", "'\u{ff0d}1"),
            ("\u{ff20}cmd", "'\u{ff20}cmd"),
            ("  plain", "  plain"),
            ("Plain text", "Plain text"),
            ("", ""),
            ("a=b", "a=b"),
        ] {
            assert_eq!(neutralise(input), output, "{input:?}");
        }
    }
}
