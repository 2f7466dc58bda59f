//! The adviser file: what a partnership sends to an improvement adviser who collates
//! results from many partnerships. It carries ratings, counts and the agreed ratings, the
//! questionnaire id and version, the date, and only the coarse attributes the user chooses
//! (the partnership's name, the sectors that took part). It never carries participant
//! labels or any free text: no notes, reasons, roles or action wording.
//!
//! `{"format": "cpp-self-assessment.adviser", "schema_version": 1, "app_version": "…", "adviser": {…}}`

use std::collections::BTreeMap;

use super::import::MAX_COUNT;
use super::record::{self, updated_at_accessors, DecodeError, Migration, Record};
use cpp_domain::assessment::Assessment;
use cpp_domain::assessment::{is_real_iso_date, MAX_PARTNERSHIP_NAME_CHARS};
use cpp_domain::collation::{is_older_than, Filter, Representation, Source, Submission};
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::rating::Rating;
use cpp_domain::session::{HandCount, Sector, Session, MIN_ANONYMITY_THRESHOLD};
use cpp_domain::sorting::{sort_by, sort_by_key};

pub const MAX_CODE_CHARS: usize = 40;
/// The key under which sectors with too few members to name are counted together.
pub const OTHER_SECTORS: &str = "other_sectors";
/// Members who gave no sector, in files made before sectors were counted by attendance.
const NOT_GIVEN: &str = "not_given";

/// The file's body is the domain's `Submission`.
pub type AdviserFile = Submission;

impl Record for AdviserFile {
    const FORMAT_NAME: &'static str = "cpp-self-assessment.adviser";
    const SCHEMA_VERSION: u32 = 1;
    const KIND: &'static str = "adviser";
    const NOUN: &'static str = "adviser file";
    const FILE_SUFFIX: &'static str = "adviser";
    const MIGRATIONS: &'static [Migration] = &[];

    fn id(&self) -> &str {
        &self.partnership_code
    }
    fn updated_at(&self) -> &str {
        &self.date
    }
    fn set_updated_at(&mut self, _now: String) {}
    fn partnership(&self) -> &str {
        &self.partnership_code
    }
    fn date(&self) -> &str {
        &self.date
    }
    fn questionnaire(&self) -> (&str, &str) {
        (&self.questionnaire_id, &self.questionnaire_version)
    }
}

/// What the partnership chose to include.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdviserChoices {
    pub partnership_code: String,
    pub include_name: bool,
    pub include_sectors: bool,
}

/// Checks the partnership code (required, short, letters, digits, spaces and hyphens) and
/// gives it in its one normal form, so that "cpp-07", " CPP-07" and "CPP-07 " are one
/// partnership wherever codes are keyed, de-duplicated or collated.
pub fn validate_code(code: &str) -> Result<String, String> {
    let code = code.split_whitespace().collect::<Vec<_>>().join(" ");
    if code.is_empty() {
        return Err("Enter the partnership code your improvement adviser gave you".into());
    }
    if code.chars().count() > MAX_CODE_CHARS {
        return Err(format!(
            "Partnership code must be {MAX_CODE_CHARS} characters or fewer"
        ));
    }
    if !code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ' ')
    {
        return Err(
            "Partnership code can only contain letters, numbers, spaces and hyphens".into(),
        );
    }
    Ok(code.to_uppercase())
}

/// The one check of an adviser file's content, whichever way it arrives (a chosen file, a
/// collection file, a backup or this browser's storage). It gives the submission in its
/// normal form: the code normalised, the name trimmed, and, for a file made with another
/// version of the questionnaire, only the expectations this version has.
pub fn check_submission(
    mut submission: Submission,
    questionnaires: &[Questionnaire],
) -> Result<Submission, String> {
    submission.partnership_code = validate_code(&submission.partnership_code)
        .map_err(|_| "Its partnership code is missing or not valid".to_owned())?;
    submission.partnership_name = match submission.partnership_name.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(name) if name.chars().count() > MAX_PARTNERSHIP_NAME_CHARS => {
            return Err(format!(
                "Its partnership name is longer than {MAX_PARTNERSHIP_NAME_CHARS} characters"
            ))
        }
        Some(name) => Some(name.to_owned()),
    };
    if !is_real_iso_date(&submission.date) {
        return Err("Its date is not a real date written as YYYY-MM-DD".into());
    }
    // The same version if this browser has it, else any version of the same questionnaire:
    // collation matches expectations by id.
    let questionnaire = questionnaires
        .iter()
        .filter(|q| q.id == submission.questionnaire_id)
        .max_by_key(|q| q.version == submission.questionnaire_version)
        .ok_or_else(|| {
            format!(
                "It answers a questionnaire this browser does not have ({})",
                submission.questionnaire_id
            )
        })?;
    let same_version = questionnaire.version == submission.questionnaire_version;
    // An expectation this version lacks is an error in a file of the same version, and is
    // left out of one made with another version.
    let keep = |id: &str| -> Result<bool, String> {
        match questionnaire.expectation(id) {
            Some(_) => Ok(true),
            None if same_version => Err(format!(
                "The file cannot be used: it names \"{id}\", which is not an expectation of {} version {}",
                questionnaire.title, questionnaire.version
            )),
            None => Ok(false),
        }
    };
    let problem = |id: &str, rating: Rating| {
        questionnaire
            .rating_problem(id, rating)
            .map(|p| format!("The file cannot be used: {p}"))
    };
    let mut ratings = BTreeMap::new();
    for (id, rating) in std::mem::take(&mut submission.ratings) {
        if keep(&id)? {
            if let Some(p) = problem(&id, rating) {
                return Err(p);
            }
            ratings.insert(id, rating);
        }
    }
    submission.ratings = ratings;
    if submission.source == Source::Assessment
        && (!submission.counts.is_empty() || submission.sectors.is_some())
    {
        return Err("It is one person's assessment, yet it carries members' counts".into());
    }
    let mut counts = BTreeMap::new();
    for (id, count) in std::mem::take(&mut submission.counts) {
        if !keep(&id)? {
            continue;
        }
        for (&level, &n) in &count.levels {
            if let Some(p) = problem(&id, Rating::Level(level)) {
                return Err(p);
            }
            if n > MAX_COUNT {
                return Err(too_many(n));
            }
        }
        if count.dont_know > MAX_COUNT {
            return Err(too_many(count.dont_know));
        }
        counts.insert(id, count);
    }
    submission.counts = counts;
    if let Some(sectors) = &submission.sectors {
        for (sector, &n) in sectors {
            let known =
                Sector::parse(sector).is_some() || sector == OTHER_SECTORS || sector == NOT_GIVEN;
            if !known {
                return Err(format!(
                    "It counts members from \"{sector}\", which is not one of the sectors this tool uses"
                ));
            }
            if n > MAX_COUNT {
                return Err(too_many(n));
            }
        }
    }
    let mut planned = Vec::new();
    for id in std::mem::take(&mut submission.planned) {
        if keep(&id)? {
            planned.push(id);
        }
    }
    sort_by(&mut planned, Ord::cmp);
    planned.dedup();
    submission.planned = planned;
    Ok(submission)
}

fn too_many(n: usize) -> String {
    format!(
        "It counts {n} members for one expectation, more than any board has (at most {MAX_COUNT})"
    )
}

/// The one check of an adviser's collection, whichever way it arrives: a threshold of at
/// least the minimum, and every submission checked as a single file would be. Submissions
/// that become the same one once normalised are kept once.
pub fn check_collection(
    mut collection: Collection,
    questionnaires: &[Questionnaire],
) -> Result<Collection, String> {
    if collection.threshold < MIN_ANONYMITY_THRESHOLD {
        return Err(format!(
            "Its threshold is {}, below the least this tool allows ({MIN_ANONYMITY_THRESHOLD})",
            collection.threshold
        ));
    }
    let mut checked: Vec<Submission> = Vec::new();
    for (index, submission) in std::mem::take(&mut collection.submissions)
        .into_iter()
        .enumerate()
    {
        let submission = check_submission(submission, questionnaires)
            .map_err(|e| format!("Its file number {} cannot be used. {e}", index + 1))?;
        if !checked.iter().any(|s| s.key() == submission.key()) {
            checked.push(submission);
        }
    }
    collection.submissions = checked;
    if !(1..=MAX_STALE_AFTER_MONTHS).contains(&collection.stale_after_months) {
        return Err(format!(
            "Its period for flagging old files is {} months; it must be from 1 to {MAX_STALE_AFTER_MONTHS}",
            collection.stale_after_months
        ));
    }
    // A file chosen by hand is kept as a choice only while the collection holds it, once
    // per partnership and questionnaire, in the normal form of its code.
    let chosen = std::mem::take(&mut collection.representation.chosen);
    for mut key in chosen {
        key.partnership_code = validate_code(&key.partnership_code)
            .map_err(|_| "A file it chose has a partnership code that is not valid".to_owned())?;
        if collection.submissions.iter().any(|s| s.key() == key) {
            collection.representation.choose(key);
        }
    }
    Ok(collection)
}

fn planned(plan: &cpp_domain::plan::Plan) -> Vec<String> {
    let mut ids: Vec<String> = plan
        .actions
        .iter()
        .flat_map(|a| a.expectation_ids.iter().cloned())
        .collect();
    sort_by(&mut ids, Ord::cmp);
    ids.dedup();
    ids
}

pub fn from_assessment(
    questionnaire: &Questionnaire,
    assessment: &Assessment,
    choices: &AdviserChoices,
) -> AdviserFile {
    AdviserFile {
        partnership_code: choices.partnership_code.clone(),
        partnership_name: choices
            .include_name
            .then(|| assessment.details.partnership.clone()),
        questionnaire_id: assessment.questionnaire_id.clone(),
        questionnaire_version: assessment.questionnaire_version.clone(),
        date: assessment.details.date.clone(),
        source: Source::Assessment,
        ratings: questionnaire
            .expectations()
            .filter_map(|e| assessment.rating(&e.id).map(|r| (e.id.clone(), r)))
            .collect(),
        counts: BTreeMap::new(),
        sectors: None,
        planned: planned(&assessment.plan),
    }
}

pub fn from_session(
    questionnaire: &Questionnaire,
    session: &Session,
    choices: &AdviserChoices,
) -> AdviserFile {
    // Members' counts come from the private ballots only, and only where the room could
    // see them: a show of hands is never passed off as private ratings.
    let counts = questionnaire
        .expectations()
        .filter_map(|e| {
            let d = session.private_spread(&e.id)?;
            Some((
                e.id.clone(),
                HandCount {
                    levels: d.counts,
                    dont_know: d.dont_know,
                },
            ))
        })
        .collect();
    let sectors = choices.include_sectors.then(|| {
        session
            .attendance_shown()
            .into_iter()
            .map(|(sector, n)| (sector.map_or(OTHER_SECTORS, |s| s.as_str()).to_owned(), n))
            .collect()
    });
    AdviserFile {
        partnership_code: choices.partnership_code.clone(),
        partnership_name: choices
            .include_name
            .then(|| session.details.partnership.clone()),
        questionnaire_id: session.questionnaire_id.clone(),
        questionnaire_version: session.questionnaire_version.clone(),
        date: session.details.date.clone(),
        source: Source::Session,
        ratings: questionnaire
            .expectations()
            .filter_map(|e| session.consensus_rating(&e.id).map(|r| (e.id.clone(), r)))
            .collect(),
        counts,
        sectors,
        planned: planned(&session.plan),
    }
}

pub fn decode(text: &str) -> Result<AdviserFile, DecodeError> {
    record::decode::<AdviserFile>(text)
}

/// An adviser's collection of submissions, kept in browser storage as one record and
/// exported or imported as one file.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Collection {
    pub submissions: Vec<Submission>,
    /// Figures across fewer partnerships than this are suppressed (never below 3).
    pub threshold: usize,
    /// Which file represents each partnership: the rule, and files chosen by hand.
    pub representation: Representation,
    /// Files older than this many months are flagged as perhaps out of date.
    pub stale_after_months: u32,
    pub updated_at: String,
}

/// The period after which a file is flagged, unless the adviser sets another: a year, as
/// partnerships assess themselves about once a year.
pub const DEFAULT_STALE_AFTER_MONTHS: u32 = 12;
/// The longest period an adviser can set: ten years.
pub const MAX_STALE_AFTER_MONTHS: u32 = 120;

impl Default for Collection {
    fn default() -> Collection {
        Collection {
            submissions: Vec::new(),
            threshold: cpp_domain::session::DEFAULT_ANONYMITY_THRESHOLD,
            representation: Representation::default(),
            stale_after_months: DEFAULT_STALE_AFTER_MONTHS,
            updated_at: String::new(),
        }
    }
}

impl Collection {
    /// Takes a file out, with its choice by hand if it had one; `restore_file` puts both
    /// back where they were.
    pub fn remove_file(&mut self, key: &cpp_domain::collation::FileKey) -> Option<RemovedFile> {
        let index = self.submissions.iter().position(|s| s.key() == *key)?;
        let was_chosen = self.representation.is_chosen(key);
        self.representation.unchoose(key);
        Some(RemovedFile {
            index,
            submission: self.submissions.remove(index),
            was_chosen,
        })
    }

    /// Undoes `remove_file`, unless the file has come back another way meanwhile.
    pub fn restore_file(&mut self, removed: RemovedFile) {
        let key = removed.submission.key();
        if self.submissions.iter().any(|s| s.key() == key) {
            return;
        }
        if removed.was_chosen {
            self.representation.choose(key);
        }
        let index = removed.index.min(self.submissions.len());
        self.submissions.insert(index, removed.submission);
    }
}

impl Collection {
    /// Every file as the collection's list shows it: by partnership code, then newest
    /// first, then questionnaire; with whether it represents its partnership (with all
    /// files in view), whether the adviser chose it, and whether it is older than the
    /// period set, on `today` (`YYYY-MM-DD`).
    pub fn files_with_status(&self, today: &str) -> Vec<FileStatus<'_>> {
        let in_use = self.files_in_use();
        let mut order: Vec<usize> = (0..self.submissions.len()).collect();
        sort_by_key(&mut order, |&i| {
            let s = &self.submissions[i];
            (
                s.partnership_code.clone(),
                std::cmp::Reverse(s.date.clone()),
                s.questionnaire_id.clone(),
                s.source,
            )
        });
        order
            .into_iter()
            .map(|i| {
                let submission = &self.submissions[i];
                FileStatus {
                    submission,
                    in_use: in_use.contains(&i),
                    chosen: self.representation.is_chosen(&submission.key()),
                    old: is_older_than(&submission.date, today, self.stale_after_months),
                }
            })
            .collect()
    }

    /// The files that represent their partnerships with all files in view: for each
    /// questionnaire, the rule's choice or the adviser's.
    fn files_in_use(&self) -> std::collections::BTreeSet<usize> {
        let mut questionnaires: Vec<&str> = self
            .submissions
            .iter()
            .map(|s| s.questionnaire_id.as_str())
            .collect();
        sort_by(&mut questionnaires, Ord::cmp);
        questionnaires.dedup();
        questionnaires
            .into_iter()
            .flat_map(|id| {
                self.representation
                    .representatives(id, &self.submissions, &Filter::default())
                    .into_values()
            })
            .collect()
    }
}

/// One file of the collection and what became of it.
#[derive(Debug, Clone, PartialEq)]
pub struct FileStatus<'a> {
    pub submission: &'a Submission,
    /// It represents its partnership, by the rule or the adviser's choice.
    pub in_use: bool,
    /// The adviser chose it over the rule.
    pub chosen: bool,
    /// It is older than the collection's period for old files.
    pub old: bool,
}

/// A file taken out of the collection, kept so it can be put back.
#[derive(Debug, Clone, PartialEq)]
pub struct RemovedFile {
    index: usize,
    pub submission: Submission,
    was_chosen: bool,
}

/// The collection has one fixed id: an adviser keeps one collection per browser.
pub const COLLECTION_ID: &str = "adviser-collection";

impl Record for Collection {
    const FORMAT_NAME: &'static str = "cpp-self-assessment.collection";
    const SCHEMA_VERSION: u32 = 2;
    const KIND: &'static str = "collection";
    const NOUN: &'static str = "adviser collection";
    const FILE_SUFFIX: &'static str = "adviser-collection";
    const MIGRATIONS: &'static [Migration] = &[collection_rule_and_staleness];

    fn id(&self) -> &str {
        COLLECTION_ID
    }
    updated_at_accessors!();
    fn partnership(&self) -> &str {
        "adviser-collection"
    }
    fn questionnaire(&self) -> (&str, &str) {
        ("", "")
    }
}

/// Collection version 1 to 2: a collection made before the adviser could choose which file
/// represents a partnership used the latest file of either kind, and flagged nothing.
/// It keeps that rule, so its figures stay as they were; the default period applies.
fn collection_rule_and_staleness(
    mut envelope: serde_json::Value,
) -> Result<serde_json::Value, String> {
    let collection = envelope
        .get_mut("collection")
        .and_then(serde_json::Value::as_object_mut)
        .ok_or("missing collection")?;
    collection.insert(
        "representation".into(),
        serde_json::json!({ "rule": "latest_file" }),
    );
    collection.insert(
        "stale_after_months".into(),
        DEFAULT_STALE_AFTER_MONTHS.into(),
    );
    Ok(record::with_schema_version(envelope, 2))
}

/// Adds one checked submission, unless the collection has it already (the same
/// partnership code, date, kind and questionnaire version).
fn add_submission(collection: &mut Collection, submission: Submission) -> Result<String, String> {
    if collection
        .submissions
        .iter()
        .any(|s| s.key() == submission.key())
    {
        return Err(format!(
            "A file from {} dated {} is already in the collection",
            submission.partnership_code, submission.date
        ));
    }
    let name = submission.display_name();
    collection.submissions.push(submission);
    Ok(format!("Added as {name}"))
}

/// Adds the submissions of another collection (a collection file, or one restored from a
/// backup), each checked as a single file would be, with one report each.
fn merge_collection(
    collection: &mut Collection,
    other: Collection,
    questionnaires: &[Questionnaire],
    file_name: &str,
) -> Vec<super::import::FileReport> {
    other
        .submissions
        .into_iter()
        .map(|submission| super::import::FileReport {
            file_name: format!("{file_name} ({})", submission.partnership_code),
            outcome: check_submission(submission, questionnaires)
                .and_then(|submission| add_submission(collection, submission)),
        })
        .collect()
}

/// Adds the submissions of collection files (another adviser's, or one kept earlier) to
/// the collection, each checked as a single file would be, with a report for each
/// submission or for a file that cannot be read. This collection's threshold is kept.
pub fn open_collection_files(
    collection: &mut Collection,
    questionnaires: &[Questionnaire],
    files: &[super::import::IncomingFile],
) -> Vec<super::import::FileReport> {
    let mut reports = Vec::new();
    for file in files {
        match super::import::decode_file::<Collection>(file) {
            Ok(other) => reports.extend(merge_collection(
                collection,
                other,
                questionnaires,
                &file.name,
            )),
            Err(reason) => reports.push(super::import::FileReport {
                file_name: file.name.clone(),
                outcome: Err(reason),
            }),
        }
    }
    reports
}

/// Adds each adviser file to the collection in order. A file repeated (same partnership
/// code, date, kind and questionnaire version), a file for a questionnaire this tool does
/// not have, or an unreadable file is reported and changes nothing.
pub fn import_files(
    collection: &mut Collection,
    questionnaires: &[Questionnaire],
    files: &[super::import::IncomingFile],
) -> Vec<super::import::FileReport> {
    files
        .iter()
        .map(|file| {
            let outcome = super::import::decode_file::<AdviserFile>(file).and_then(|submission| {
                let submission = check_submission(submission, questionnaires)?;
                add_submission(collection, submission)
            });
            super::import::FileReport {
                file_name: file.name.clone(),
                outcome,
            }
        })
        .collect()
}
