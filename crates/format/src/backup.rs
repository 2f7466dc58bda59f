//! The backup file: everything this app keeps in one browser, as one file to keep safe or
//! move to another computer, and restoring from it (or from any single saved record).
//!
//! `{"format": "cpp-self-assessment.backup", "schema_version": 1, "app_version": "…",
//! "created_at": "…", "records": [<record envelope>, …]}`
//!
//! Each record keeps its own envelope, so restoring reads it with that kind's migrations.
//! A restore checks every record before it changes anything, never replaces a newer copy
//! with an older one, and reports what it did.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::adviser_file::{check_collection, Collection};
use super::import::{check_record, file_text};
use super::questionnaire_file::{self, LoadedQuestionnaire};
use super::record::{self, DecodeError, EncodeError, Record};
use super::APP_VERSION;
use cpp_domain::assessment::Assessment;
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::quiz::QuizProgress;
use cpp_domain::session::Session;

pub const FORMAT_NAME: &str = "cpp-self-assessment.backup";
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct BackupFile {
    format: String,
    schema_version: u32,
    app_version: String,
    created_at: String,
    records: Vec<Value>,
}

/// Everything kept in one browser.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Everything {
    pub assessments: Vec<Assessment>,
    pub sessions: Vec<Session>,
    pub collection: Option<Collection>,
    pub questionnaires: Vec<LoadedQuestionnaire>,
    pub quiz_progress: Vec<QuizProgress>,
}

impl Everything {
    pub fn is_empty(&self) -> bool {
        *self == Everything::default()
    }

    pub fn record_count(&self) -> usize {
        self.assessments.len()
            + self.sessions.len()
            + usize::from(self.collection.is_some())
            + self.questionnaires.len()
            + self.quiz_progress.len()
    }
}

fn envelope<T: Record>(record: &T) -> Result<Value, EncodeError> {
    record::envelope(&record.for_file())
}

/// The backup file's text.
pub fn encode(everything: &Everything, now: &str) -> Result<String, EncodeError> {
    let records = (everything.questionnaires.iter().map(envelope))
        .chain(everything.assessments.iter().map(envelope))
        .chain(everything.sessions.iter().map(envelope))
        .chain(everything.collection.iter().map(envelope))
        .chain(everything.quiz_progress.iter().map(envelope))
        .collect::<Result<Vec<Value>, EncodeError>>()?;
    let file = BackupFile {
        format: FORMAT_NAME.into(),
        schema_version: SCHEMA_VERSION,
        app_version: APP_VERSION.into(),
        created_at: now.into(),
        records,
    };
    Ok(serde_json::to_string_pretty(&file)?)
}

/// `cpp-self-assessment-backup-2026-11-23.json`
pub fn file_name(now: &str) -> String {
    format!(
        "cpp-self-assessment-backup-{}.json",
        now.get(..10).unwrap_or("")
    )
}

/// Reads a backup file, or a single saved assessment, session, collection or questionnaire
/// file, checking every record: none is returned unless all can be used.
pub fn read(bytes: &[u8], built_in: &[Questionnaire]) -> Result<Everything, String> {
    let text = file_text(bytes)?;
    let value: Value =
        serde_json::from_str(text).map_err(|e| format!("The file is not readable JSON ({e})"))?;
    let format = value.get("format").and_then(Value::as_str).unwrap_or("");
    let envelopes: Vec<Value> = if format == FORMAT_NAME {
        let file: BackupFile = serde_json::from_value(value)
            .map_err(|e| format!("The backup file is damaged or incomplete ({e})"))?;
        if file.schema_version > SCHEMA_VERSION {
            return Err(format!(
                "The backup was made by a newer version of this tool (backup version {}). Open it in the newer version",
                file.schema_version
            ));
        }
        file.records
    } else {
        vec![value]
    };
    let mut everything = Everything::default();
    for (index, envelope) in envelopes.into_iter().enumerate() {
        add(&mut everything, &envelope.to_string())
            .map_err(|e| format!("Record {} in the file cannot be restored: {e}", index + 1))?;
    }
    check_against_questionnaires(&mut everything, built_in)?;
    Ok(everything)
}

/// Decodes one record envelope of any kind this app keeps.
fn add(everything: &mut Everything, text: &str) -> Result<(), String> {
    fn try_kind<T: Record>(text: &str, into: &mut Vec<T>) -> Result<bool, String> {
        match record::decode::<T>(text) {
            Ok(record) => {
                into.push(record);
                Ok(true)
            }
            Err(DecodeError::WrongKind { .. }) => Ok(false),
            Err(other) => Err(other.to_string()),
        }
    }
    let mut collections = Vec::new();
    let found = try_kind(text, &mut everything.assessments)?
        || try_kind(text, &mut everything.sessions)?
        || try_kind(text, &mut everything.questionnaires)?
        || try_kind(text, &mut everything.quiz_progress)?
        || try_kind(text, &mut collections)?;
    if let Some(collection) = collections.pop() {
        everything.collection = Some(collection);
    }
    if !found {
        return Err(
            "it is not a backup, assessment, board session, collection or questionnaire file from this tool"
                .into(),
        );
    }
    Ok(())
}

/// Every assessment and session must answer a questionnaire that is built in or restored
/// with it, with every rating on that questionnaire's scale; a collection goes through the
/// collection's own checker.
fn check_against_questionnaires(
    everything: &mut Everything,
    built_in: &[Questionnaire],
) -> Result<(), String> {
    let mut questionnaires = built_in.to_vec();
    for loaded in &everything.questionnaires {
        let questionnaire = questionnaire_file::parse_known(&loaded.text).map_err(|e| {
            format!(
                "The questionnaire from {} in the file cannot be read: {e}",
                loaded.file_name
            )
        })?;
        questionnaires.push(questionnaire);
    }
    for assessment in &everything.assessments {
        check_record(assessment, &questionnaires)?;
    }
    for session in &everything.sessions {
        check_record(session, &questionnaires)?;
    }
    if !everything.quiz_progress.is_empty() {
        let quiz = super::quiz_file::bundled()
            .map_err(|e| format!("This tool's own quiz cannot be read ({e})"))?;
        for progress in std::mem::take(&mut everything.quiz_progress) {
            everything.quiz_progress.push(
                super::quiz_file::check_progress(progress, &quiz)
                    .map_err(|e| format!("The quiz progress in the file cannot be used: {e}"))?,
            );
        }
    }
    if let Some(collection) = everything.collection.take() {
        everything.collection = Some(
            check_collection(collection, &questionnaires)
                .map_err(|e| format!("The adviser collection in the file cannot be used: {e}"))?,
        );
    }
    Ok(())
}

/// What restoring did with each record.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct RestoreReport {
    /// Records not in this browser before, now added.
    pub added: usize,
    /// Records this browser had in an older version, replaced by the file's newer one.
    pub updated: usize,
    /// Records this browser already had as they are in the file.
    pub unchanged: usize,
    /// Records this browser has in a newer version than the file's: kept as they are.
    pub kept_newer: usize,
}

/// What to do with one restored record, given the copy already in this browser.
#[derive(Debug, PartialEq, Eq)]
pub enum Merge {
    Add,
    Replace,
    Same,
    KeepOurs,
}

pub fn merge<T: Record + PartialEq>(ours: Option<&T>, theirs: &T) -> Merge {
    match ours {
        None => Merge::Add,
        Some(ours) if ours == theirs => Merge::Same,
        Some(ours)
            if record::timestamp(theirs.updated_at()) > record::timestamp(ours.updated_at()) =>
        {
            Merge::Replace
        }
        Some(_) => Merge::KeepOurs,
    }
}

/// What to do with a questionnaire file in a backup. A questionnaire version never changes
/// once available: a file whose content names the id and version of one already here
/// (built in or loaded, whatever its stored record is called) is not taken, so a backup
/// cannot put another questionnaire in the national one's place.
pub fn questionnaire_merge(
    restored: &LoadedQuestionnaire,
    ours: Option<&LoadedQuestionnaire>,
    available: &[Questionnaire],
) -> Merge {
    if ours.is_some_and(|ours| ours.text == restored.text) {
        return Merge::Same;
    }
    let Ok(parsed) = questionnaire_file::parse_known(&restored.text) else {
        return Merge::KeepOurs;
    };
    let taken = ours.is_some()
        || available
            .iter()
            .any(|q| q.id == parsed.id && q.version == parsed.version);
    if taken {
        Merge::KeepOurs
    } else {
        Merge::Add
    }
}

/// A restored collection joins the one here, as opening a collection file does: every
/// submission this browser lacks is added and none is lost; this browser's threshold is
/// kept unless it has no collection yet.
pub fn merge_collections(ours: &Collection, theirs: &Collection) -> (Collection, Merge) {
    if ours.submissions.is_empty() {
        let decision = if ours == theirs {
            Merge::Same
        } else {
            Merge::Add
        };
        return (theirs.clone(), decision);
    }
    let mut merged = ours.clone();
    for submission in &theirs.submissions {
        if !merged
            .submissions
            .iter()
            .any(|s| s.key() == submission.key())
        {
            merged.submissions.push(submission.clone());
        }
    }
    let decision = if merged.submissions.len() > ours.submissions.len() {
        Merge::Replace
    } else {
        Merge::Same
    };
    (merged, decision)
}

/// What restoring a backup changes in this browser: each record to write (added, or
/// replacing an older copy), in the backup's order, and the report to show.
#[derive(Debug, Default, PartialEq)]
pub struct Restore {
    /// Loaded questionnaires to add, each with its parsed content.
    pub questionnaires: Vec<(LoadedQuestionnaire, Questionnaire)>,
    pub assessments: Vec<Assessment>,
    pub sessions: Vec<Session>,
    /// The collection here with the backup's submissions joined to it.
    pub collection: Option<Collection>,
    pub quiz_progress: Option<QuizProgress>,
    pub report: RestoreReport,
}

/// The restore rule as one pure function of what is here (`here`, and every questionnaire
/// available, built in or loaded) and what the backup holds: a record is added if it is
/// new, replaces ours only if it is really newer, and otherwise leaves ours alone; a
/// questionnaire never takes the id and version of one already available; collections
/// join; quiz progress counts only for this tool's quiz. A record the backup holds twice
/// is judged against its own earlier copy.
pub fn restore(here: &Everything, available: &[Questionnaire], backup: Everything) -> Restore {
    let mut restore = Restore::default();
    let mut available = available.to_vec();
    for loaded in backup.questionnaires {
        let ours = (restore.questionnaires.iter().map(|(l, _)| l))
            .chain(&here.questionnaires)
            .find(|l| l.id == loaded.id);
        let mut decision = questionnaire_merge(&loaded, ours, &available);
        if decision == Merge::Add {
            match questionnaire_file::parse_known(&loaded.text) {
                Ok(questionnaire) => {
                    available.push(questionnaire.clone());
                    restore.questionnaires.push((loaded, questionnaire));
                }
                Err(_) => decision = Merge::KeepOurs,
            }
        }
        restore.report.count(&decision);
    }
    restore.assessments = newer_records(&here.assessments, backup.assessments, &mut restore.report);
    restore.sessions = newer_records(&here.sessions, backup.sessions, &mut restore.report);
    if let Some(theirs) = backup.collection {
        let ours = here.collection.clone().unwrap_or_default();
        let (merged, decision) = merge_collections(&ours, &theirs);
        if matches!(decision, Merge::Add | Merge::Replace) {
            restore.collection = Some(merged);
        }
        restore.report.count(&decision);
    }
    let quiz = backup
        .quiz_progress
        .into_iter()
        .filter(|p| p.quiz_id == super::quiz_file::BUNDLED_ID)
        .collect();
    restore.quiz_progress = newer_records(&here.quiz_progress, quiz, &mut restore.report).pop();
    restore
}

/// The backup's records that are new here or newer than ours, counted in `report`.
fn newer_records<T: Record + PartialEq>(
    here: &[T],
    backup: Vec<T>,
    report: &mut RestoreReport,
) -> Vec<T> {
    let mut written: Vec<T> = Vec::new();
    for record in backup {
        let ours = (written.iter().rev())
            .chain(here)
            .find(|r| r.id() == record.id());
        let decision = merge(ours, &record);
        report.count(&decision);
        if matches!(decision, Merge::Add | Merge::Replace) {
            written.push(record);
        }
    }
    written
}

impl RestoreReport {
    pub fn count(&mut self, merge: &Merge) {
        match merge {
            Merge::Add => self.added += 1,
            Merge::Replace => self.updated += 1,
            Merge::Same => self.unchanged += 1,
            Merge::KeepOurs => self.kept_newer += 1,
        }
    }

    /// "Restored 3 records: 2 added, 1 updated. 4 were already here. 1 is newer in this
    /// browser and was kept."
    pub fn summary(&self) -> String {
        let mut parts = vec![format!("{} added, {} updated.", self.added, self.updated)];
        if self.unchanged > 0 {
            parts.push(format!("{} already here as in the file.", self.unchanged));
        }
        if self.kept_newer > 0 {
            parts.push(format!(
                "{} newer in this browser than in the file, so this browser's copy was kept.",
                self.kept_newer
            ));
        }
        parts.join(" ")
    }
}
