//! Reading files people bring in: members' response files into a board session's ballot
//! box, and whole session files. Every file is checked on its own; a bad file is reported
//! by name with what is wrong, and never changes anything. Reports never name a ballot.

use cpp_domain::assessment::{is_real_iso_date, Assessment};
use cpp_domain::collation::{Source, Submission};
use cpp_domain::comparison::BoardView;
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::rating::Rating;
use cpp_domain::session::{BallotAdded, Session};

use super::adviser_file::AdviserFile;
use super::record::{self, DecodeError, Record};
use super::response_file::{ballot_for, Mismatch, Response};

/// Far larger than any real response or session file; bigger files are refused unread.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// A file as it arrived: its name, and its bytes or why they could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingFile {
    pub name: String,
    pub contents: Result<Vec<u8>, String>,
}

/// Refuses files too large to be ours before they are read.
pub fn check_size(len: usize) -> Result<(), String> {
    if len > MAX_FILE_BYTES {
        return Err(format!(
            "The file is too large ({:.1} MB). Files from this tool are well under {} MB",
            len as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        ));
    }
    Ok(())
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    pub file_name: String,
    /// What was done with it, or why it was refused.
    pub outcome: Result<String, String>,
}

/// The text of a file, or why it cannot be read as text. Every file the app accepts is
/// read through here first.
pub fn file_text(bytes: &[u8]) -> Result<&str, String> {
    check_size(bytes.len())?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("The file is empty".into());
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err("The file is saved as UTF-16 text. Save it as UTF-8 (the usual setting in most editors) and try again".into());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| {
        "The file is not a text file saved by this tool: it may be a document, a spreadsheet or a damaged file".to_owned()
    })?;
    if text.contains('\0') {
        return Err("The file holds binary data, not text saved by this tool".into());
    }
    Ok(text)
}

/// Every rating a record holds, with the expectation it is for.
pub trait HoldsRatings {
    fn all_ratings(&self) -> Vec<(&str, Rating)>;

    /// The largest count of people it claims for one rating (a show of hands, members'
    /// counts); none by default.
    fn largest_count(&self) -> usize {
        0
    }
}

impl HoldsRatings for Assessment {
    fn all_ratings(&self) -> Vec<(&str, Rating)> {
        self.responses
            .iter()
            .filter_map(|(id, response)| Some((id.as_str(), response.rating?)))
            .collect()
    }
}

impl HoldsRatings for Session {
    fn all_ratings(&self) -> Vec<(&str, Rating)> {
        let hands = self.hands.iter().flat_map(|(id, count)| {
            count
                .levels
                .keys()
                .map(move |level| (id.as_str(), Rating::Level(*level)))
        });
        self.every_rating().chain(hands).collect()
    }

    fn largest_count(&self) -> usize {
        self.hands
            .values()
            .flat_map(|count| count.levels.values().chain([&count.dont_know]))
            .copied()
            .max()
            .unwrap_or(0)
    }
}

impl HoldsRatings for Response {
    fn all_ratings(&self) -> Vec<(&str, Rating)> {
        self.ratings
            .iter()
            .map(|(id, r)| (id.as_str(), *r))
            .collect()
    }
}

impl HoldsRatings for Submission {
    fn all_ratings(&self) -> Vec<(&str, Rating)> {
        let counted = self.counts.iter().flat_map(|(id, count)| {
            count
                .levels
                .keys()
                .map(move |level| (id.as_str(), Rating::Level(*level)))
        });
        self.ratings
            .iter()
            .map(|(id, r)| (id.as_str(), *r))
            .chain(counted)
            .collect()
    }
}

impl HoldsRatings for BoardView {
    fn all_ratings(&self) -> Vec<(&str, Rating)> {
        self.ratings
            .iter()
            .map(|(id, r)| (id.as_str(), *r))
            .collect()
    }
}

/// Checks that every rating in a record belongs to the questionnaire it says it answers.
pub fn check_ratings(
    questionnaire: &Questionnaire,
    record: &impl HoldsRatings,
) -> Result<(), String> {
    first_problem(questionnaire, record, |_| true)
}

/// Far more people than any board has: a count above this is refused, never summed.
pub const MAX_COUNT: usize = 999;

fn check_counts(record: &impl HoldsRatings) -> Result<(), String> {
    match record.largest_count() {
        n if n > MAX_COUNT => Err(format!(
            "The file cannot be used: it counts {n} people for one rating, more than any board has (at most {MAX_COUNT})"
        )),
        _ => Ok(()),
    }
}

/// For a file from any version of the same questionnaire, compared by expectation id: the
/// ratings of expectations this version has must be on its scale; the rest are not used.
pub fn check_shared_ratings(
    questionnaire: &Questionnaire,
    record: &impl HoldsRatings,
) -> Result<(), String> {
    first_problem(questionnaire, record, |id| {
        questionnaire.expectation(id).is_some()
    })
}

fn first_problem(
    questionnaire: &Questionnaire,
    record: &impl HoldsRatings,
    applies: impl Fn(&str) -> bool,
) -> Result<(), String> {
    check_counts(record)?;
    match record
        .all_ratings()
        .into_iter()
        .filter(|(id, _)| applies(id))
        .find_map(|(id, rating)| questionnaire.rating_problem(id, rating))
    {
        Some(problem) => Err(format!("The file cannot be used: {problem}")),
        None => Ok(()),
    }
}

/// Reads an assessment or session file: readable text, this app's record of the right kind
/// (older versions upgraded, newer refused), for a questionnaire this app has, and every
/// rating on that questionnaire's scale.
pub fn read_record<T: Record + HoldsRatings>(
    bytes: &[u8],
    questionnaires: &[Questionnaire],
) -> Result<T, String> {
    let record = record::decode::<T>(file_text(bytes)?).map_err(|e| e.to_string())?;
    check_record(&record, questionnaires)?;
    Ok(record)
}

/// What can be checked of a saved assessment or session without its questionnaire: an id
/// its pages' addresses can carry, a real date and a real time of last change. Records in
/// this browser's storage go through it at start; files and backups through `check_record`,
/// which begins with it.
pub fn check_shape<T: Record>(record: &T) -> Result<(), String> {
    if !record::is_route_safe_id(record.id()) {
        return Err(format!(
            "The {} has an id this tool does not make, so its pages could not be opened",
            T::NOUN
        ));
    }
    if !is_real_iso_date(record.date()) {
        return Err(format!("The {}'s date is not a real date", T::NOUN));
    }
    if record::timestamp(record.updated_at()).is_none() {
        return Err(format!(
            "The {}'s time of last change is not a real time",
            T::NOUN
        ));
    }
    Ok(())
}

/// Checks that a record answers one of these questionnaires, with every rating on it: the
/// version it was made with, or, where this browser has only another version of the same
/// questionnaire (an earlier release's file), that one, as when a stored record opens
/// (`catalogue::version_for`).
pub fn check_record<T: Record + HoldsRatings>(
    record: &T,
    questionnaires: &[Questionnaire],
) -> Result<(), String> {
    check_shape(record)?;
    let (id, version) = record.questionnaire();
    let questionnaire = crate::catalogue::version_for(questionnaires, id, version)
        .ok_or_else(|| {
            format!(
                "The {} of {} uses a questionnaire this browser does not have ({id} version {version}). If it is your partnership's own, load it on the questionnaires page first",
                T::NOUN,
                record.partnership()
            )
        })?;
    check_ratings(questionnaire, record)
}

/// Reads one incoming file as a record of type `T`, or says why it cannot.
pub fn decode_file<T: Record>(file: &IncomingFile) -> Result<T, String> {
    let bytes = file.contents.as_deref().map_err(Clone::clone)?;
    record::decode::<T>(file_text(bytes)?).map_err(|e| e.to_string())
}

/// What happened to a batch of members' response files.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResponseImport {
    pub reports: Vec<FileReport>,
    /// Files made for another partnership or date: not added until the facilitator says so.
    pub held: Vec<IncomingFile>,
}

/// A member's whole assessment is not a response: it holds their notes and role.
const WHOLE_ASSESSMENT: &str = "This is a member's whole saved assessment, with their private notes. Ask them to open their assessment, choose \u{201c}Save my response for the board session\u{201d} and send you that file instead";

fn read_response(file: &IncomingFile) -> Result<Response, String> {
    let bytes = file.contents.as_deref().map_err(Clone::clone)?;
    match record::decode::<Response>(file_text(bytes)?) {
        Err(DecodeError::WrongKind {
            found: Some(kind), ..
        }) if kind == Assessment::NOUN => Err(WHOLE_ASSESSMENT.into()),
        other => other.map_err(|e| e.to_string()),
    }
}

/// Adds each member's response file to the session's ballot box, in order, so a file
/// repeated in the same batch is caught too. Files for another partnership or date are
/// held unless `accept_other_session`; every other problem refuses the file.
pub fn import_responses(
    session: &mut Session,
    questionnaire: &Questionnaire,
    files: &[IncomingFile],
    accept_other_session: bool,
) -> ResponseImport {
    let mut import = ResponseImport::default();
    for file in files {
        let outcome = read_response(file).and_then(|response| {
            match ballot_for(&response, session, questionnaire, accept_other_session) {
                Ok(ballot) => session
                    .add_ballot(ballot)
                    .map(|added| match added {
                        BallotAdded::New => "Added to the ballot box".to_owned(),
                        BallotAdded::Replaced => {
                            "Added: it replaces an earlier response from the same member".to_owned()
                        }
                    })
                    .map_err(|refusal| refusal.to_string()),
                Err(Mismatch::Refused(reason)) => Err(reason),
                Err(Mismatch::OtherSession(reason)) => {
                    import.held.push(file.clone());
                    Err(reason)
                }
            }
        });
        import.reports.push(FileReport {
            file_name: file.name.clone(),
            outcome,
        });
    }
    import
}

/// Takes members' responses out of the ballot box again, before it closes: each file is
/// the response the member handed in.
pub fn withdraw_responses(session: &mut Session, files: &[IncomingFile]) -> Vec<FileReport> {
    files
        .iter()
        .map(|file| FileReport {
            file_name: file.name.clone(),
            outcome: read_response(file).and_then(|response| {
                // Ballots added before file and code tokens were made the same carry the
                // file's own token.
                session
                    .withdraw_ballot(&crate::ballot_code::ballot_token(&response.token))
                    .or_else(|_| session.withdraw_ballot(&response.token))
                    .map(|()| "Withdrawn from the ballot box".to_owned())
                    .map_err(|refusal| refusal.to_string())
            }),
        })
        .collect()
}

/// Reads a whole session file, checking it belongs to a questionnaire this app has.
pub fn read_session(bytes: &[u8], questionnaires: &[Questionnaire]) -> Result<Session, String> {
    read_record(bytes, questionnaires)
}

/// An earlier assessment or session, from a file, to see progress since.
#[derive(Debug, Clone, PartialEq)]
pub enum EarlierRecord {
    Assessment(Assessment),
    Session(Session),
}

/// Reads an earlier assessment or session file to compare with: of this tool's kinds, on
/// the same questionnaire, with ratings that fit it (any version's ratings are checked
/// against the expectations both share).
pub fn read_earlier(bytes: &[u8], questionnaire: &Questionnaire) -> Result<EarlierRecord, String> {
    let text = file_text(bytes)?;
    let earlier = match record::decode::<Assessment>(text) {
        Ok(assessment) => {
            check_shared_ratings(questionnaire, &assessment)?;
            EarlierRecord::Assessment(assessment)
        }
        Err(record::DecodeError::WrongKind { .. }) => {
            let session = record::decode::<Session>(text).map_err(|_| {
                "This is not an assessment or board session file from this tool".to_owned()
            })?;
            check_shared_ratings(questionnaire, &session)?;
            EarlierRecord::Session(session)
        }
        Err(other) => return Err(other.to_string()),
    };
    let answers = match &earlier {
        EarlierRecord::Assessment(a) => &a.questionnaire_id,
        EarlierRecord::Session(s) => &s.questionnaire_id,
    };
    if *answers != questionnaire.id {
        return Err("It answers a different questionnaire, so it cannot be compared".into());
    }
    Ok(earlier)
}

/// Reads a board's agreed ratings to compare with, from a session file or from the adviser
/// file a board session produced. The questionnaire must be the same one (any version).
pub fn read_board_view(bytes: &[u8], questionnaire: &Questionnaire) -> Result<BoardView, String> {
    let text = file_text(bytes)?;
    let view = match record::decode::<Session>(text) {
        Ok(session) => BoardView::from_session(&session),
        Err(record::DecodeError::WrongKind { .. }) => {
            let file = record::decode::<AdviserFile>(text).map_err(|_| {
                "This is not a board session file or a board's adviser file from this tool"
                    .to_owned()
            })?;
            if file.source != Source::Session {
                return Err(
                    "This adviser file holds one person's assessment, not a board's agreed ratings"
                        .into(),
                );
            }
            BoardView {
                partnership: file
                    .partnership_name
                    .clone()
                    .unwrap_or_else(|| file.partnership_code.clone()),
                date: file.date.clone(),
                questionnaire_id: file.questionnaire_id.clone(),
                questionnaire_version: file.questionnaire_version.clone(),
                ratings: file.ratings,
            }
        }
        Err(other) => return Err(other.to_string()),
    };
    if view.questionnaire_id != questionnaire.id {
        return Err(format!(
            "The board answered a different questionnaire ({}), so the two cannot be compared",
            view.questionnaire_id
        ));
    }
    if view.ratings.is_empty() {
        return Err("The board has not agreed any ratings in this file yet".into());
    }
    check_shared_ratings(questionnaire, &view)?;
    Ok(view)
}
