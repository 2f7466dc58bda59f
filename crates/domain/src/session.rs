//! A facilitated board session: anonymous ballots (members' private ratings, from a turn on
//! the passed device or a member's response file), the turn being taken on this device, a
//! show of hands as its own public tally, who took part as counts by sector, the agreed
//! (consensus) rating of each expectation with its reasons, and the plan.
//!
//! Anonymity holds by construction:
//! - A ballot is ratings only: no label, sector, source or arrival order. Ballots are kept
//!   in an order fixed by their content, so neither memory, storage nor a file shows which
//!   came first. Attendance is counts by sector, with nothing linking it to a ballot.
//! - **The ballot box closes at the first reveal** (or when the facilitator closes it).
//!   Until then no figure derived from the ballots is shown, only how many there are; from
//!   then on no ballot can be added, replaced or withdrawn and the threshold cannot change.
//!   Every spread the app can ever show is therefore computed from one and the same set of
//!   ballots, so no two views or files differ by one member's rating.
//! - A show of hands is public and stays apart: never merged into the private spread, never
//!   counted towards the threshold.
//! - A turn in progress is not a ballot: only its own member, on its own pages, sees its
//!   answers; it is discarded unseen if it is not finished.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::group::Distribution;
use super::meeting::{MeetingAgenda, MeetingTime};
use super::plan::{Finding, FindingKind, Plan};
use super::questionnaire::Questionnaire;
use super::rating::Rating;
use super::scoring::Scores;
use super::sorting::{sort_by, sort_by_key};

/// Spreads are hidden below this many answers unless the facilitator sets otherwise.
pub const DEFAULT_ANONYMITY_THRESHOLD: usize = 5;
/// The facilitator can never set the threshold lower than this. A sector is named in
/// attendance figures only when at least this many members came from it.
pub const MIN_ANONYMITY_THRESHOLD: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    LocalAuthority,
    NhsBoard,
    PoliceScotland,
    FireAndRescue,
    EnterpriseAgency,
    ThirdSectorInterface,
    CommunityBody,
    Other,
}

impl Sector {
    pub const ALL: [Sector; 8] = [
        Sector::LocalAuthority,
        Sector::NhsBoard,
        Sector::PoliceScotland,
        Sector::FireAndRescue,
        Sector::EnterpriseAgency,
        Sector::ThirdSectorInterface,
        Sector::CommunityBody,
        Sector::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Sector::LocalAuthority => "Local authority",
            Sector::NhsBoard => "NHS board",
            Sector::PoliceScotland => "Police Scotland",
            Sector::FireAndRescue => "Scottish Fire and Rescue Service",
            Sector::EnterpriseAgency => "Enterprise agency",
            Sector::ThirdSectorInterface => "Third sector interface",
            Sector::CommunityBody => "Community body",
            Sector::Other => "Other",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sector::LocalAuthority => "local_authority",
            Sector::NhsBoard => "nhs_board",
            Sector::PoliceScotland => "police_scotland",
            Sector::FireAndRescue => "fire_and_rescue",
            Sector::EnterpriseAgency => "enterprise_agency",
            Sector::ThirdSectorInterface => "third_sector_interface",
            Sector::CommunityBody => "community_body",
            Sector::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Sector> {
        Sector::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionDetails {
    pub partnership: String,
    pub date: String,
}

/// One member's private ratings, and nothing else about them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ballot {
    /// Only for a ballot a member handed in from their own device (a response file or a
    /// ballot code): made from a random token of that device's, the same either way, so
    /// that the same response handed in twice is caught and a changed mind replaces the
    /// earlier one. It says nothing about who the member is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    pub ratings: BTreeMap<String, Rating>,
}

impl Ballot {
    /// The order ballots are kept in: by what they say, never by when they arrived.
    fn content_key(&self) -> (Vec<(&str, u16)>, Option<&str>) {
        let ratings = self
            .ratings
            .iter()
            .map(|(id, rating)| {
                let code = match rating {
                    Rating::DontKnow => 0,
                    Rating::Level(value) => u16::from(*value) + 1,
                };
                (id.as_str(), code)
            })
            .collect();
        (ratings, self.token.as_deref())
    }
}

/// The ballots, always in content order, whatever order they were added or read in.
/// Stored and written to files as `BallotColumns`.
#[derive(Debug, Clone, Default, PartialEq)]
struct BallotBox(Vec<Ballot>);

impl From<Vec<Ballot>> for BallotBox {
    fn from(ballots: Vec<Ballot>) -> BallotBox {
        // Each ballot's key made once, not once per comparison: boxes can hold thousands.
        let order = {
            let keys: Vec<_> = ballots.iter().map(Ballot::content_key).collect();
            let mut order: Vec<usize> = (0..ballots.len()).collect();
            sort_by_key(&mut order, |&i| &keys[i]);
            order
        };
        let mut slots: Vec<Option<Ballot>> = ballots.into_iter().map(Some).collect();
        BallotBox(order.into_iter().filter_map(|i| slots[i].take()).collect())
    }
}

impl Serialize for BallotBox {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        BallotColumns::from_ballots(&self.0)
            .map_err(serde::ser::Error::custom)?
            .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for BallotBox {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        BallotColumns::deserialize(deserializer)?
            .into_ballots()
            .map(BallotBox::from)
            .map_err(serde::de::Error::custom)
    }
}

/// The ballots as they are stored and written to files: the expectations any ballot rates,
/// each once, then each ballot's ratings as one character per expectation in that order
/// (the level as a base-36 digit, `1` to `9` then `a` for 10; `?` for "Don't know"; `-`
/// for not rated). Ids are not repeated in every ballot, so a session of thousands of
/// ballots still fits in the browser's storage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BallotColumns {
    pub expectations: Vec<String>,
    pub ballots: Vec<BallotRow>,
}

/// One ballot in `BallotColumns`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BallotRow {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    pub ratings: String,
}

const NOT_RATED: char = '-';
const DONT_KNOW: char = '?';
const LEVEL_RADIX: u32 = 36;

impl BallotColumns {
    /// The ballots in columns, in the order given. Fails only for a level no character
    /// stands for (0, or above 35; a scale's levels run from 1 to 10).
    pub fn from_ballots(ballots: &[Ballot]) -> Result<BallotColumns, String> {
        let expectations: Vec<String> = ballots
            .iter()
            .flat_map(|b| b.ratings.keys())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .cloned()
            .collect();
        let rows = ballots
            .iter()
            .map(|ballot| {
                let ratings = expectations
                    .iter()
                    .map(|id| match ballot.ratings.get(id) {
                        None => Ok(NOT_RATED),
                        Some(Rating::DontKnow) => Ok(DONT_KNOW),
                        Some(Rating::Level(level)) => char::from_digit(u32::from(*level), LEVEL_RADIX)
                            .filter(|_| *level > 0)
                            .ok_or_else(|| format!("a ballot's rating {level} for \"{id}\" is not a level any scale has")),
                    })
                    .collect::<Result<String, String>>()?;
                Ok(BallotRow { token: ballot.token.clone(), ratings })
            })
            .collect::<Result<_, String>>()?;
        Ok(BallotColumns {
            expectations,
            ballots: rows,
        })
    }

    /// The ballots again. Fails when an expectation is listed twice, or a ballot's ratings
    /// are not one character per expectation, each standing for a rating or none.
    pub fn into_ballots(self) -> Result<Vec<Ballot>, String> {
        let listed: BTreeSet<&String> = self.expectations.iter().collect();
        if listed.len() != self.expectations.len() {
            return Err("the ballots list an expectation twice".into());
        }
        self.ballots
            .into_iter()
            .map(|row| {
                if row.ratings.chars().count() != self.expectations.len() {
                    return Err(format!(
                        "a ballot has {} ratings for {} expectations",
                        row.ratings.chars().count(),
                        self.expectations.len()
                    ));
                }
                let mut ratings = BTreeMap::new();
                for (id, code) in self.expectations.iter().zip(row.ratings.chars()) {
                    let rating = match code {
                        NOT_RATED => continue,
                        DONT_KNOW => Rating::DontKnow,
                        digit => match digit.to_digit(LEVEL_RADIX).map(u8::try_from) {
                            Some(Ok(level)) if level > 0 && !digit.is_ascii_uppercase() => {
                                Rating::Level(level)
                            }
                            _ => {
                                return Err(format!(
                                    "a ballot's rating \"{digit}\" stands for no rating"
                                ))
                            }
                        },
                    };
                    ratings.insert(id.clone(), rating);
                }
                Ok(Ballot {
                    token: row.token,
                    ratings,
                })
            })
            .collect()
    }
}

impl BallotBox {
    fn insert(&mut self, ballot: Ballot) {
        let mut ballots = std::mem::take(&mut self.0);
        ballots.push(ballot);
        *self = BallotBox::from(ballots);
    }
}

/// A member's turn on the passed device, before it is finished.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Turn {
    /// A random id, known only to the pages of this turn.
    pub id: String,
    #[serde(default)]
    ratings: BTreeMap<String, Rating>,
}

/// Show-of-hands counts for one expectation: public, and never merged with the ballots.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandCount {
    #[serde(default)]
    pub levels: BTreeMap<u8, usize>,
    #[serde(default)]
    pub dont_know: usize,
}

impl HandCount {
    pub fn distribution(&self) -> Distribution {
        let mut distribution = Distribution::default();
        for (&value, &count) in &self.levels {
            distribution.add_many(Rating::Level(value), count);
        }
        distribution.add_many(Rating::DontKnow, self.dont_know);
        distribution
    }
}

/// What the board agreed for one expectation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Consensus {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<Rating>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rationale: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub actions_arising: String,
}

impl Consensus {
    /// The actions arising, one per line the board wrote, blank lines left out.
    pub fn actions(&self) -> impl Iterator<Item = &str> {
        self.actions_arising
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub id: String,
    pub questionnaire_id: String,
    pub questionnaire_version: String,
    pub details: SessionDetails,
    #[serde(default)]
    ballots: BallotBox,
    /// Kept on this device only: files leave it out (`without_turn_in_progress`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    turn: Option<Turn>,
    /// How many members took part from each sector, as the facilitator recorded it.
    #[serde(default)]
    attendance: BTreeMap<Sector, usize>,
    #[serde(default)]
    pub hands: BTreeMap<String, HandCount>,
    #[serde(default)]
    pub consensus: BTreeMap<String, Consensus>,
    /// Expectations whose spread the facilitator has revealed to the room.
    #[serde(default)]
    revealed: BTreeSet<String>,
    #[serde(default)]
    ballot_box_closed: bool,
    anonymity_threshold: usize,
    /// How many members the board has, when the facilitator gives it: no more ballots,
    /// hands or attendees than that are taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    board_size: Option<usize>,
    /// The order the facilitator chose for the agenda; questionnaire order when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    agenda_order: Option<AgendaOrder>,
    /// The time the board has for its discussion, when the facilitator gives it: the
    /// agenda then fits it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    meeting: Option<MeetingTime>,
    #[serde(default)]
    pub plan: Plan,
    pub updated_at: String,
}

/// The most members a board can be given.
pub const MAX_BOARD_SIZE: usize = 100;

/// The number of board members as typed: blank is "not given"; otherwise a whole number
/// from 1 to `MAX_BOARD_SIZE`.
pub fn read_board_size(text: &str) -> Result<Option<usize>, SessionRefusal> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<usize>()
        .ok()
        .filter(|n| (1..=MAX_BOARD_SIZE).contains(n))
        .map(Some)
        .ok_or(SessionRefusal::BoardSizeNotPossible)
}

/// Why a change to the session was refused; each says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionRefusal {
    BallotBoxClosed,
    TurnInProgress,
    NoTurn,
    NoRatings,
    AlreadyIn,
    NotInTheBox,
    /// Every member of the board has a ballot in the box (or a turn in progress).
    BoardFull,
    /// A count larger than the board.
    MoreThanTheBoard,
    /// A board size smaller than the ballots already in, or outside 1 to `MAX_BOARD_SIZE`.
    BoardSizeNotPossible,
}

impl std::fmt::Display for SessionRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SessionRefusal::BallotBoxClosed => "The ballot box closed when the first spread was shown. No ballot can be added, changed or withdrawn now: comparing the spreads before and after would show that member's ratings",
            SessionRefusal::TurnInProgress => "A member's turn is still in progress on this device. Finish it or discard it first",
            SessionRefusal::NoTurn => "This turn is finished or was discarded",
            SessionRefusal::NoRatings => "It has no ratings: ask the member to rate at least one expectation first",
            SessionRefusal::AlreadyIn => "This response is already in the ballot box, exactly as it is. Nothing was changed",
            SessionRefusal::NotInTheBox => "No ballot in this session came from this response, so there is nothing to withdraw",
            SessionRefusal::BoardFull => "Every member of the board has a ballot in the box already. If a member has not rated yet, check the number of board members on the session's home page",
            SessionRefusal::MoreThanTheBoard => "That is more than the number of board members. Check the counts, or the number of board members on the session's home page",
            SessionRefusal::BoardSizeNotPossible => "The number of board members must be a whole number from 1 to 100, and no fewer than the ballots already in the box",
        })
    }
}

/// What adding a ballot did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BallotAdded {
    New,
    /// The same member's earlier response (same token) was replaced.
    Replaced,
}

/// An expectation's place on the agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaPlace {
    pub previous: Option<String>,
    pub next: Option<String>,
    /// Counted from 1.
    pub position: usize,
    pub total: usize,
}

/// How the agenda orders expectations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgendaOrder {
    Disagreement,
    DontKnow,
    LowScore,
}

impl Session {
    /// The scores of the board's agreed ratings: never of members' ballots, which only
    /// `private_spread` shows.
    pub fn agreed_scores(&self, questionnaire: &Questionnaire) -> Scores {
        Scores::compute(questionnaire, |e| self.consensus_rating(e))
    }

    pub fn new(
        id: String,
        questionnaire: &Questionnaire,
        details: SessionDetails,
        now: String,
    ) -> Session {
        Session {
            id,
            questionnaire_id: questionnaire.id.clone(),
            questionnaire_version: questionnaire.version.clone(),
            details,
            ballots: BallotBox::default(),
            turn: None,
            attendance: BTreeMap::new(),
            hands: BTreeMap::new(),
            consensus: BTreeMap::new(),
            revealed: BTreeSet::new(),
            ballot_box_closed: false,
            anonymity_threshold: DEFAULT_ANONYMITY_THRESHOLD,
            board_size: None,
            agenda_order: None,
            meeting: None,
            plan: Plan::default(),
            updated_at: now,
        }
    }

    /// The session as it goes into a file: a turn in progress stays on this device.
    pub fn without_turn_in_progress(&self) -> Session {
        Session {
            turn: None,
            ..self.clone()
        }
    }

    fn refuse_if_closed(&self) -> Result<(), SessionRefusal> {
        if self.ballot_box_closed {
            Err(SessionRefusal::BallotBoxClosed)
        } else {
            Ok(())
        }
    }

    // --- The ballot box -------------------------------------------------------------

    pub fn ballot_count(&self) -> usize {
        self.ballots.0.len()
    }

    /// How many members the board has, if the facilitator gave it.
    pub fn board_size(&self) -> Option<usize> {
        self.board_size
    }

    /// Sets how many members the board has (or forgets it); refused outside 1 to
    /// `MAX_BOARD_SIZE`, or below the ballots and turn already in.
    pub fn set_board_size(&mut self, size: Option<usize>) -> Result<(), SessionRefusal> {
        if let Some(size) = size {
            if !(1..=MAX_BOARD_SIZE).contains(&size) || size < self.members_in() {
                return Err(SessionRefusal::BoardSizeNotPossible);
            }
        }
        self.board_size = size;
        Ok(())
    }

    /// Members who have a ballot in the box or a turn in progress.
    fn members_in(&self) -> usize {
        self.ballot_count() + usize::from(self.turn.is_some())
    }

    /// Whether a new member's ballot or turn would be one more than the board has.
    fn board_is_full(&self) -> bool {
        self.board_size
            .is_some_and(|size| self.members_in() >= size)
    }

    /// Refuses a count larger than the board.
    fn refuse_above_board(&self, count: usize) -> Result<(), SessionRefusal> {
        match self.board_size {
            Some(size) if count > size => Err(SessionRefusal::MoreThanTheBoard),
            _ => Ok(()),
        }
    }

    pub fn ballot_box_is_closed(&self) -> bool {
        self.ballot_box_closed
    }

    /// Closes the ballot box: from now on the ballots and the threshold are fixed.
    pub fn close_ballot_box(&mut self) -> Result<(), SessionRefusal> {
        if self.turn.is_some() {
            return Err(SessionRefusal::TurnInProgress);
        }
        self.ballot_box_closed = true;
        Ok(())
    }

    /// Adds a member's ballot; one with the same token as a ballot already in replaces it.
    pub fn add_ballot(&mut self, ballot: Ballot) -> Result<BallotAdded, SessionRefusal> {
        self.refuse_if_closed()?;
        if ballot.ratings.is_empty() {
            return Err(SessionRefusal::NoRatings);
        }
        let same_member = ballot.token.as_ref().and_then(|token| {
            self.ballots
                .0
                .iter()
                .position(|b| b.token.as_ref() == Some(token))
        });
        if same_member.is_none() && self.board_is_full() {
            return Err(SessionRefusal::BoardFull);
        }
        match same_member {
            Some(at) if self.ballots.0[at] == ballot => Err(SessionRefusal::AlreadyIn),
            Some(at) => {
                self.ballots.0.remove(at);
                self.ballots.insert(ballot);
                Ok(BallotAdded::Replaced)
            }
            None => {
                self.ballots.insert(ballot);
                Ok(BallotAdded::New)
            }
        }
    }

    /// Takes a member's response out again, before the ballot box closes.
    pub fn withdraw_ballot(&mut self, token: &str) -> Result<(), SessionRefusal> {
        self.refuse_if_closed()?;
        let before = self.ballots.0.len();
        self.ballots.0.retain(|b| b.token.as_deref() != Some(token));
        if self.ballots.0.len() == before {
            return Err(SessionRefusal::NotInTheBox);
        }
        Ok(())
    }

    /// Every private rating and agreed rating in the session, with nothing saying which
    /// ballot it came from: for checking them against the questionnaire.
    pub fn every_rating(&self) -> impl Iterator<Item = (&str, Rating)> {
        let ballots = self.ballots.0.iter().flat_map(|b| &b.ratings);
        let turn = self.turn.iter().flat_map(|t| &t.ratings);
        let agreed = self
            .consensus
            .iter()
            .filter_map(|(id, c)| Some((id, c.rating?)));
        ballots
            .chain(turn)
            .map(|(id, r)| (id.as_str(), *r))
            .chain(agreed.map(|(id, r)| (id.as_str(), r)))
    }

    // --- A turn on the passed device ---------------------------------------------------

    /// Starts a member's turn with the id its pages will carry. Refused while another turn
    /// is in progress (the facilitator discards it first) or once the box is closed.
    pub fn start_turn(&mut self, turn_id: String) -> Result<(), SessionRefusal> {
        self.refuse_if_closed()?;
        if self.turn.is_some() {
            return Err(SessionRefusal::TurnInProgress);
        }
        if self.board_is_full() {
            return Err(SessionRefusal::BoardFull);
        }
        self.turn = Some(Turn {
            id: turn_id,
            ratings: BTreeMap::new(),
        });
        Ok(())
    }

    pub fn has_turn_in_progress(&self) -> bool {
        self.turn.is_some()
    }

    /// The turn in progress, only to the pages that know its id.
    fn turn_with_id(&self, turn_id: &str) -> Option<&Turn> {
        self.turn.as_ref().filter(|t| t.id == turn_id)
    }

    pub fn is_open_turn(&self, turn_id: &str) -> bool {
        self.turn_with_id(turn_id).is_some()
    }

    /// A rating the member has given so far in their own turn.
    pub fn turn_rating(&self, turn_id: &str, expectation_id: &str) -> Option<Rating> {
        self.turn_with_id(turn_id)?
            .ratings
            .get(expectation_id)
            .copied()
    }

    pub fn turn_rated_count(&self, turn_id: &str) -> usize {
        self.turn_with_id(turn_id).map_or(0, |t| t.ratings.len())
    }

    pub fn rate_in_turn(
        &mut self,
        turn_id: &str,
        expectation_id: &str,
        rating: Rating,
    ) -> Result<(), SessionRefusal> {
        match self.turn.as_mut().filter(|t| t.id == turn_id) {
            Some(turn) => {
                turn.ratings.insert(expectation_id.to_owned(), rating);
                Ok(())
            }
            None => Err(SessionRefusal::NoTurn),
        }
    }

    /// Puts the turn's ratings in the ballot box (what was left is "not answered"). A turn
    /// with no rating at all adds nothing.
    pub fn finish_turn(&mut self, turn_id: &str) -> Result<(), SessionRefusal> {
        if !self.is_open_turn(turn_id) {
            return Err(SessionRefusal::NoTurn);
        }
        self.refuse_if_closed()?;
        if let Some(turn) = self.turn.take() {
            if !turn.ratings.is_empty() {
                self.ballots.insert(Ballot {
                    token: None,
                    ratings: turn.ratings,
                });
            }
        }
        Ok(())
    }

    /// Throws away the turn in progress, unseen.
    pub fn discard_turn(&mut self) {
        self.turn = None;
    }

    // --- What the room may see ---------------------------------------------------------

    pub fn anonymity_threshold(&self) -> usize {
        self.anonymity_threshold.max(MIN_ANONYMITY_THRESHOLD)
    }

    /// Changes the threshold while the ballot box is open; never below the minimum.
    pub fn set_anonymity_threshold(&mut self, threshold: usize) -> Result<(), SessionRefusal> {
        self.refuse_if_closed()?;
        self.anonymity_threshold = threshold.max(MIN_ANONYMITY_THRESHOLD);
        Ok(())
    }

    fn ballot_distribution(&self, expectation_id: &str) -> Distribution {
        Distribution::from_ratings(
            self.ballots
                .0
                .iter()
                .filter_map(|b| b.ratings.get(expectation_id).copied()),
        )
    }

    /// How many ballots answered this expectation ("Don't know" included), once the
    /// ballot box is closed; before that, nothing per expectation is told.
    pub fn answered(&self, expectation_id: &str) -> Option<usize> {
        self.ballot_box_closed
            .then(|| self.ballot_distribution(expectation_id).answered())
    }

    /// The members' private spread for an expectation, as counts, or `None` while it may
    /// not be shown: before the ballot box closes, or when fewer than the threshold
    /// answered. Every view and file of members' ratings goes through here.
    pub fn private_spread(&self, expectation_id: &str) -> Option<Distribution> {
        if !self.ballot_box_closed {
            return None;
        }
        let d = self.ballot_distribution(expectation_id);
        (d.answered() >= self.anonymity_threshold()).then_some(d)
    }

    pub fn is_revealed(&self, expectation_id: &str) -> bool {
        self.revealed.contains(expectation_id)
    }

    /// The spread as the room may see it: only once the facilitator has revealed it in the
    /// discussion. Pages that may be projected show members' ratings through here, so a
    /// wrong click never shows a spread the board has not reached.
    pub fn revealed_spread(&self, expectation_id: &str) -> Option<Distribution> {
        self.private_spread(expectation_id)
            .filter(|_| self.is_revealed(expectation_id))
    }

    /// How many of the questionnaire's expectations have had their spread revealed.
    pub fn revealed_count(&self, questionnaire: &Questionnaire) -> usize {
        questionnaire
            .expectations()
            .filter(|e| self.is_revealed(&e.id))
            .count()
    }

    /// Reveals every expectation's spread at once, as at the end of the discussion; closes
    /// the ballot box if it is open.
    pub fn reveal_all(&mut self, questionnaire: &Questionnaire) -> Result<(), SessionRefusal> {
        self.close_ballot_box()?;
        self.revealed
            .extend(questionnaire.expectations().map(|e| e.id.clone()));
        Ok(())
    }

    /// Shows an expectation's spread to the room, closing the ballot box if it is open.
    pub fn reveal(&mut self, expectation_id: &str) -> Result<(), SessionRefusal> {
        self.close_ballot_box()?;
        self.revealed.insert(expectation_id.to_owned());
        Ok(())
    }

    pub fn hide(&mut self, expectation_id: &str) {
        self.revealed.remove(expectation_id);
    }

    /// The show of hands for an expectation, public and apart from the ballots.
    /// Refused when more hands are counted than the board has members.
    pub fn set_hands(
        &mut self,
        expectation_id: &str,
        count: HandCount,
    ) -> Result<(), SessionRefusal> {
        self.refuse_above_board(count.distribution().answered())?;
        if count == HandCount::default() {
            self.hands.remove(expectation_id);
        } else {
            self.hands.insert(expectation_id.to_owned(), count);
        }
        Ok(())
    }

    // --- Who took part -----------------------------------------------------------------

    pub fn attendance(&self, sector: Sector) -> usize {
        self.attendance.get(&sector).copied().unwrap_or(0)
    }

    /// Records how many members came from each sector given (others keep theirs); refused,
    /// changing nothing, when the total would be more than the board has members.
    pub fn record_attendance(&mut self, counts: &[(Sector, usize)]) -> Result<(), SessionRefusal> {
        let mut attendance = self.attendance.clone();
        for &(sector, count) in counts {
            if count == 0 {
                attendance.remove(&sector);
            } else {
                attendance.insert(sector, count);
            }
        }
        self.refuse_above_board(attendance.values().sum())?;
        self.attendance = attendance;
        Ok(())
    }

    pub fn attendance_total(&self) -> usize {
        self.attendance.values().sum()
    }

    /// Attendance as it may be shown: a sector is named only when at least
    /// `MIN_ANONYMITY_THRESHOLD` members came from it; the rest are counted together under
    /// `None` ("other sectors"), so no small group is singled out.
    pub fn attendance_shown(&self) -> Vec<(Option<Sector>, usize)> {
        let mut shown: Vec<(Option<Sector>, usize)> = Vec::new();
        let mut others = 0;
        for (&sector, &count) in &self.attendance {
            if count >= MIN_ANONYMITY_THRESHOLD {
                shown.push((Some(sector), count));
            } else {
                others += count;
            }
        }
        if others > 0 {
            shown.push((None, others));
        }
        shown
    }

    // --- Consensus, agenda and findings ------------------------------------------------

    pub fn consensus_rating(&self, expectation_id: &str) -> Option<Rating> {
        self.consensus.get(expectation_id).and_then(|c| c.rating)
    }

    pub fn consensus_mut(&mut self, expectation_id: &str) -> &mut Consensus {
        self.consensus.entry(expectation_id.to_owned()).or_default()
    }

    pub fn agreed_count(&self, questionnaire: &Questionnaire) -> usize {
        questionnaire
            .expectations()
            .filter(|e| self.consensus_rating(&e.id).is_some())
            .count()
    }

    /// The actions the board agreed while discussing each expectation, in questionnaire
    /// order: each line of an expectation's "actions arising" is one action.
    pub fn actions_arising(&self, questionnaire: &Questionnaire) -> Vec<(String, String)> {
        questionnaire
            .expectations()
            .filter_map(|e| Some((e, self.consensus.get(&e.id)?)))
            .flat_map(|(e, consensus)| {
                consensus
                    .actions()
                    .map(move |line| (e.id.clone(), line.to_owned()))
            })
            .collect()
    }

    /// The actions arising that are not in the plan yet.
    pub fn actions_arising_to_add(&self, questionnaire: &Questionnaire) -> Vec<(String, String)> {
        self.actions_arising(questionnaire)
            .into_iter()
            .filter(|(e, text)| !self.plan.has_action(e, text))
            .collect()
    }

    /// The order the facilitator chose for the agenda, if any.
    pub fn agenda_order(&self) -> Option<AgendaOrder> {
        self.agenda_order
    }

    pub fn set_agenda_order(&mut self, order: Option<AgendaOrder>) {
        self.agenda_order = order;
    }

    /// The expectations in the agenda's chosen order (questionnaire order if none was
    /// chosen).
    fn in_chosen_order(&self, questionnaire: &Questionnaire) -> Vec<String> {
        match self.agenda_order {
            Some(order) => self.agenda(questionnaire, order),
            None => questionnaire.expectations().map(|e| e.id.clone()).collect(),
        }
    }

    /// What the discussion moves through: with a time given, the items that fit it and
    /// then those that wait for time left over; otherwise every expectation in the chosen
    /// order.
    pub fn agenda_in_order(&self, questionnaire: &Questionnaire) -> Vec<String> {
        match self.meeting_agenda(questionnaire) {
            Some(agenda) => agenda.walk(),
            None => self.in_chosen_order(questionnaire),
        }
    }

    pub fn meeting(&self) -> Option<&MeetingTime> {
        self.meeting.as_ref()
    }

    /// Gives (or, with `None`, takes away) the time for the discussion; a clock already
    /// started keeps running.
    pub fn set_meeting_minutes(&mut self, minutes: Option<u16>) {
        self.meeting = minutes.map(|minutes| MeetingTime {
            minutes,
            started_at: self.meeting.take().and_then(|m| m.started_at),
        });
    }

    /// Starts (or restarts) the meeting's clock; only once a time is given.
    pub fn start_clock(&mut self, now: String) {
        if let Some(meeting) = &mut self.meeting {
            meeting.started_at = Some(now);
        }
    }

    /// The discussion planned to fit the time given, if one is. The plan follows the
    /// spreads only as `private_spread` gives them, so it says nothing per member.
    pub fn meeting_agenda(&self, questionnaire: &Questionnaire) -> Option<MeetingAgenda> {
        let minutes = self.meeting.as_ref()?.minutes;
        let ordered = self
            .in_chosen_order(questionnaire)
            .into_iter()
            .map(|id| {
                let spread = self.private_spread(&id);
                (id, spread)
            })
            .collect();
        Some(MeetingAgenda::plan(minutes, ordered))
    }

    /// Takes the clear agreements as read with one vote: each one the board has not agreed
    /// yet is revealed and agreed at the members' middle rating (the lower one where the
    /// middle falls between two). Returns how many were agreed.
    pub fn take_as_read(&mut self, questionnaire: &Questionnaire) -> Result<usize, SessionRefusal> {
        let Some(agenda) = self.meeting_agenda(questionnaire) else {
            return Ok(0);
        };
        let mut agreed = 0;
        for id in agenda.take_as_read {
            let Some(middle) = self.private_spread(&id).and_then(|d| d.median()) else {
                continue;
            };
            if self.consensus_rating(&id).is_some() {
                continue;
            }
            self.reveal(&id)?;
            let consensus = self.consensus_mut(&id);
            consensus.rating = Some(Rating::Level(middle.floor() as u8));
            if consensus.rationale.is_empty() {
                consensus.rationale =
                    "Taken as read: members broadly agreed, and the board accepted their middle rating in one vote.".into();
            }
            agreed += 1;
        }
        Ok(agreed)
    }

    /// Where an expectation is on the agenda: the one before it, the one after it, and its
    /// place counted from 1.
    pub fn agenda_place(
        &self,
        questionnaire: &Questionnaire,
        expectation_id: &str,
    ) -> Option<AgendaPlace> {
        let agenda = self.agenda_in_order(questionnaire);
        let at = agenda.iter().position(|id| id == expectation_id)?;
        Some(AgendaPlace {
            previous: at.checked_sub(1).map(|i| agenda[i].clone()),
            next: agenda.get(at + 1).cloned(),
            position: at + 1,
            total: agenda.len(),
        })
    }

    /// Expectations in the order the board should spend its time on them; ties keep
    /// questionnaire order. Only spreads that may be shown count, so the order reveals
    /// nothing else.
    pub fn agenda(&self, questionnaire: &Questionnaire, order: AgendaOrder) -> Vec<String> {
        let mut items: Vec<(String, Distribution)> = questionnaire
            .expectations()
            .map(|e| (e.id.clone(), self.private_spread(&e.id).unwrap_or_default()))
            .collect();
        match order {
            AgendaOrder::Disagreement => {
                sort_by_key(&mut items, |(_, d)| std::cmp::Reverse(d.disagreement_key()))
            }
            AgendaOrder::DontKnow => {
                sort_by_key(&mut items, |(_, d)| std::cmp::Reverse(d.dont_know))
            }
            AgendaOrder::LowScore => sort_by(&mut items, |(_, a), (_, b)| {
                // Unrated expectations go last: there is nothing to discuss yet.
                let key = |d: &Distribution| d.median().unwrap_or(f64::INFINITY);
                key(a).total_cmp(&key(b))
            }),
        }
        items.into_iter().map(|(id, _)| id).collect()
    }

    /// Disagreement and "many don't know" findings, for the plan's draft: only from spreads
    /// revealed in the discussion (the plan may be projected, and shows nothing the board
    /// has not seen), and none for an expectation the board went on to agree a rating for
    /// (the discussion settled it).
    pub fn findings(&self, questionnaire: &Questionnaire) -> Vec<Finding> {
        let mut findings = Vec::new();
        for e in questionnaire.expectations() {
            if self.consensus_rating(&e.id).is_some() {
                continue;
            }
            let Some(d) = self.revealed_spread(&e.id) else {
                continue;
            };
            for (found, kind) in [
                (d.disagreement(), FindingKind::Disagreement),
                (d.many_dont_know(), FindingKind::ManyDontKnow),
            ] {
                if found {
                    findings.push(Finding {
                        expectation_id: e.id.clone(),
                        kind,
                    });
                }
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::test_support::questionnaire;

    fn session(q: &Questionnaire) -> Session {
        Session::new(
            "s".into(),
            q,
            SessionDetails {
                partnership: "Anytown CPP".into(),
                date: "2026-11-23".into(),
            },
            "t".into(),
        )
    }

    fn ballot(token: Option<&str>, ratings: &[(&str, Rating)]) -> Ballot {
        Ballot {
            token: token.map(str::to_owned),
            ratings: ratings.iter().map(|(e, r)| ((*e).to_owned(), *r)).collect(),
        }
    }

    fn five_ballots(s: &mut Session) {
        for level in [2, 3, 4, 4, 5] {
            s.add_ballot(ballot(None, &[("p1-1", Rating::Level(level))]))
                .unwrap();
        }
    }

    #[test]
    fn the_agreed_scores_are_the_boards_ratings_never_the_members() {
        let q = questionnaire(&[2]);
        let mut s = session(&q);
        five_ballots(&mut s);
        assert_eq!(
            s.agreed_scores(&q).overall.rated(),
            0,
            "no ballot counts as agreed"
        );
        s.consensus_mut("p1-1").rating = Some(Rating::Level(6));
        let scores = s.agreed_scores(&q);
        assert_eq!(scores.overall.mean(), Some(6.0));
        assert_eq!((scores.overall.rated(), scores.overall.missing), (1, 1));
    }

    #[test]
    fn nothing_per_expectation_is_shown_until_the_ballot_box_closes() {
        let q = questionnaire(&[2]);
        let mut s = session(&q);
        five_ballots(&mut s);
        assert_eq!(s.ballot_count(), 5);
        assert_eq!(s.answered("p1-1"), None);
        assert_eq!(s.private_spread("p1-1"), None);
        s.reveal("p1-1").unwrap();
        assert!(s.ballot_box_is_closed());
        assert_eq!(s.answered("p1-1"), Some(5));
        let d = s.private_spread("p1-1").unwrap();
        assert_eq!((d.count(2), d.count(4), d.rated()), (1, 2, 5));
        assert_eq!(s.answered("p1-2"), Some(0));
        assert_eq!(s.private_spread("p1-2"), None, "below the threshold");
    }

    #[test]
    fn a_spread_the_room_has_not_reached_is_not_shown_until_revealed() {
        let q = questionnaire(&[2]);
        let mut s = session(&q);
        five_ballots(&mut s);
        s.reveal("p1-2").unwrap();
        assert!(s.private_spread("p1-1").is_some(), "it may be shown");
        assert_eq!(s.revealed_spread("p1-1"), None, "but it is not revealed");
        assert_eq!(s.revealed_count(&q), 1);
        s.reveal("p1-1").unwrap();
        assert_eq!(s.revealed_spread("p1-1"), s.private_spread("p1-1"));
        s.hide("p1-1");
        assert_eq!(s.revealed_spread("p1-1"), None);
        s.reveal_all(&q).unwrap();
        assert_eq!(s.revealed_count(&q), 2);
        assert!(s.revealed_spread("p1-1").is_some());
        assert_eq!(s.revealed_spread("p1-2"), None, "below the threshold");
    }

    #[test]
    fn no_more_ballots_hands_or_attendees_than_the_board_has_members() {
        let q = questionnaire(&[2]);
        let mut s = session(&q);
        assert_eq!(s.board_size(), None);
        s.set_board_size(Some(6)).unwrap();
        five_ballots(&mut s);
        s.start_turn("t1".into()).unwrap();
        // Five ballots and a turn in progress: the board of six is full.
        let late = ballot(Some("late"), &[("p1-1", Rating::Level(3))]);
        assert_eq!(s.add_ballot(late.clone()), Err(SessionRefusal::BoardFull));
        assert_eq!(
            s.set_board_size(Some(5)),
            Err(SessionRefusal::BoardSizeNotPossible)
        );
        s.discard_turn();
        assert_eq!(s.add_ballot(late.clone()), Ok(BallotAdded::New));
        assert_eq!(s.start_turn("t2".into()), Err(SessionRefusal::BoardFull));
        // The same member changing their mind is not one more.
        let changed = ballot(Some("late"), &[("p1-1", Rating::Level(4))]);
        assert_eq!(s.add_ballot(changed), Ok(BallotAdded::Replaced));
        assert_eq!(s.ballot_count(), 6);
        for refused in [Some(0), Some(MAX_BOARD_SIZE + 1)] {
            assert_eq!(
                s.set_board_size(refused),
                Err(SessionRefusal::BoardSizeNotPossible)
            );
        }
        assert_eq!(s.board_size(), Some(6));

        let mut hands = HandCount::default();
        hands.levels.insert(4, 5);
        hands.dont_know = 2;
        assert_eq!(
            s.set_hands("p1-1", hands.clone()),
            Err(SessionRefusal::MoreThanTheBoard)
        );
        assert!(s.hands.is_empty());
        hands.dont_know = 1;
        assert_eq!(s.set_hands("p1-1", hands), Ok(()));

        s.record_attendance(&[(Sector::LocalAuthority, 4)]).unwrap();
        assert_eq!(
            s.record_attendance(&[(Sector::NhsBoard, 3)]),
            Err(SessionRefusal::MoreThanTheBoard)
        );
        assert_eq!(s.attendance_total(), 4, "a refused count changes nothing");
        s.record_attendance(&[(Sector::LocalAuthority, 3), (Sector::NhsBoard, 3)])
            .unwrap();
        assert_eq!(s.attendance_total(), 6);
        // Without a board size, any count is taken.
        s.set_board_size(None).unwrap();
        assert_eq!(
            s.add_ballot(ballot(None, &[("p1-2", Rating::Level(2))])),
            Ok(BallotAdded::New)
        );
    }

    #[test]
    fn the_board_size_is_read_as_people_type_it() {
        for (typed, read) in [
            ("", Ok(None)),
            ("  ", Ok(None)),
            ("7", Ok(Some(7))),
            (" 12 ", Ok(Some(12))),
            ("100", Ok(Some(100))),
            ("0", Err(SessionRefusal::BoardSizeNotPossible)),
            ("101", Err(SessionRefusal::BoardSizeNotPossible)),
            ("7.5", Err(SessionRefusal::BoardSizeNotPossible)),
            ("seven", Err(SessionRefusal::BoardSizeNotPossible)),
            ("-3", Err(SessionRefusal::BoardSizeNotPossible)),
        ] {
            assert_eq!(read_board_size(typed), read, "{typed:?}");
        }
    }

    #[test]
    fn the_discussion_follows_the_agenda_the_facilitator_chose() {
        let q = questionnaire(&[3]);
        let mut s = session(&q);
        for ratings in [[1, 6, 3], [6, 1, 3], [2, 5, 3], [5, 2, 3], [3, 4, 3]] {
            let rated: Vec<(&str, Rating)> = ["p1-1", "p1-2", "p1-3"]
                .into_iter()
                .zip(ratings.map(Rating::Level))
                .collect();
            s.add_ballot(ballot(None, &rated)).unwrap();
        }
        let place = s.agenda_place(&q, "p1-1").unwrap();
        assert_eq!(
            (
                place.previous,
                place.next.as_deref(),
                place.position,
                place.total
            ),
            (None, Some("p1-2"), 1, 3)
        );
        s.close_ballot_box().unwrap();
        s.set_agenda_order(Some(AgendaOrder::LowScore));
        assert_eq!(s.agenda_order(), Some(AgendaOrder::LowScore));
        // Medians 3, 3 and 3 tie: questionnaire order. Disagreement puts 1 and 2 (spread
        // from 1 to 6) before 3 (no spread).
        s.set_agenda_order(Some(AgendaOrder::Disagreement));
        let agenda = s.agenda_in_order(&q);
        assert_eq!(agenda.last().map(String::as_str), Some("p1-3"));
        let place = s.agenda_place(&q, "p1-3").unwrap();
        assert_eq!((place.next, place.position), (None, 3));
        assert_eq!(place.previous.as_deref(), Some(agenda[1].as_str()));
        assert_eq!(s.agenda_place(&q, "p9-9"), None);
        s.set_agenda_order(None);
        assert_eq!(s.agenda_in_order(&q), ["p1-1", "p1-2", "p1-3"]);
    }

    #[test]
    fn the_agenda_fits_the_time_and_takes_clear_agreements_as_read_in_one_vote() {
        let q = questionnaire(&[4]);
        let mut s = session(&q);
        // p1-1 and p1-2 far apart, p1-3 clear at 3 or 4 (middle 3.5), p1-4 clear at 5.
        for ratings in [
            [1, 6, 3, 5],
            [6, 1, 4, 5],
            [2, 5, 3, 5],
            [5, 2, 4, 5],
            [3, 4, 4, 5],
        ] {
            let rated: Vec<(&str, Rating)> = ["p1-1", "p1-2", "p1-3", "p1-4"]
                .into_iter()
                .zip(ratings.map(Rating::Level))
                .collect();
            s.add_ballot(ballot(None, &rated)).unwrap();
        }
        s.add_ballot(ballot(None, &[("p1-3", Rating::Level(3))]))
            .unwrap();
        s.close_ballot_box().unwrap();
        s.consensus_mut("p1-4").rating = Some(Rating::Level(6));
        s.start_clock("09:00".into());
        assert_eq!(s.meeting(), None, "no clock without a time");
        // 13 minutes: 5 to take two as read, 8 for one discussion.
        s.set_meeting_minutes(Some(13));
        let agenda = s.meeting_agenda(&q).unwrap();
        assert_eq!(
            (agenda.discuss, agenda.if_time_allows, agenda.take_as_read),
            (
                vec!["p1-1".to_owned()],
                vec!["p1-2".to_owned()],
                vec!["p1-3".to_owned(), "p1-4".to_owned()]
            )
        );
        assert_eq!(s.agenda_in_order(&q), ["p1-1", "p1-2"]);
        let place = s.agenda_place(&q, "p1-2").unwrap();
        assert_eq!((place.position, place.total), (2, 2));
        assert_eq!(
            s.agenda_place(&q, "p1-3"),
            None,
            "taken as read, not walked"
        );

        s.start_clock("2026-11-23T10:00:00Z".into());
        s.set_meeting_minutes(Some(90));
        assert_eq!(
            s.meeting().and_then(|m| m.started_at.as_deref()),
            Some("2026-11-23T10:00:00Z"),
            "a new time keeps the clock running"
        );
        assert_eq!(s.take_as_read(&q), Ok(1), "p1-4 was agreed already");
        assert_eq!(
            s.consensus_rating("p1-3"),
            Some(Rating::Level(3)),
            "the lower middle"
        );
        assert_eq!(
            s.consensus_rating("p1-4"),
            Some(Rating::Level(6)),
            "left as agreed"
        );
        assert!(s.is_revealed("p1-3") && !s.is_revealed("p1-4"));
        assert!(s.consensus["p1-3"].rationale.starts_with("Taken as read"));
        s.set_meeting_minutes(None);
        assert_eq!(s.agenda_in_order(&q).len(), 4);
        assert_eq!(s.take_as_read(&q), Ok(0));
    }

    #[test]
    fn the_boards_actions_arising_go_into_the_plan_once_in_its_own_words() {
        let q = questionnaire(&[2]);
        let mut s = session(&q);
        s.consensus_mut("p1-2").actions_arising =
            "Ask the health board for its locality data\n\n  Bring it to March's meeting  ".into();
        s.consensus_mut("p1-1").actions_arising = "   ".into();
        let arising = s.actions_arising(&q);
        assert_eq!(
            arising,
            [
                (
                    "p1-2".to_owned(),
                    "Ask the health board for its locality data".to_owned()
                ),
                ("p1-2".to_owned(), "Bring it to March's meeting".to_owned()),
            ]
        );
        let to_add = s.actions_arising_to_add(&q);
        assert_eq!(s.plan.add_actions_arising(&to_add), 2);
        assert!(s.actions_arising_to_add(&q).is_empty());
        assert_eq!(s.plan.add_actions_arising(&arising), 0, "never twice");
        let action = &s.plan.actions[0];
        assert_eq!(action.reason, crate::plan::Reason::AgreedAtSession);
        assert_eq!(action.expectation_ids, ["p1-2"]);
        // A line changed in the discussion afterwards is a new action; the old one stays
        // for the board to remove.
        s.consensus_mut("p1-2").actions_arising = "Ask the health board for its data".into();
        assert_eq!(s.actions_arising_to_add(&q).len(), 1);
    }

    #[test]
    fn revealing_everything_waits_for_a_turn_in_progress() {
        let q = questionnaire(&[2]);
        let mut s = session(&q);
        s.start_turn("t1".into()).unwrap();
        assert_eq!(s.reveal_all(&q), Err(SessionRefusal::TurnInProgress));
        assert_eq!(s.revealed_count(&q), 0);
    }

    #[test]
    fn after_the_first_reveal_the_ballots_and_threshold_are_fixed() {
        let q = questionnaire(&[1]);
        let mut s = session(&q);
        five_ballots(&mut s);
        s.add_ballot(ballot(Some("tok"), &[("p1-1", Rating::Level(6))]))
            .unwrap();
        s.reveal("p1-1").unwrap();
        let before = s.clone();
        let late = ballot(None, &[("p1-1", Rating::Level(1))]);
        for (what, refused) in [
            ("add", s.add_ballot(late).err()),
            ("withdraw", s.withdraw_ballot("tok").err()),
            ("threshold", s.set_anonymity_threshold(3).err()),
            ("turn", s.start_turn("t1".into()).err()),
        ] {
            assert_eq!(refused, Some(SessionRefusal::BallotBoxClosed), "{what}");
        }
        assert_eq!(s, before, "refused changes change nothing");
    }

    #[test]
    fn a_show_of_hands_is_never_merged_into_the_private_spread() {
        let q = questionnaire(&[1]);
        let mut s = session(&q);
        s.add_ballot(ballot(None, &[("p1-1", Rating::Level(2))]))
            .unwrap();
        s.set_hands(
            "p1-1",
            HandCount {
                levels: [(5, 4)].into(),
                dont_know: 0,
            },
        )
        .unwrap();
        s.close_ballot_box().unwrap();
        assert_eq!(s.answered("p1-1"), Some(1), "hands do not count");
        assert_eq!(
            s.private_spread("p1-1"),
            None,
            "1 private rating is too few"
        );
        assert_eq!(s.hands["p1-1"].distribution().count(5), 4);
        s.set_hands("p1-1", HandCount::default()).unwrap();
        assert!(s.hands.is_empty());
    }

    #[test]
    fn ballots_keep_no_arrival_order() {
        let q = questionnaire(&[2]);
        let ballots = [
            ballot(None, &[("p1-1", Rating::Level(5))]),
            ballot(Some("b"), &[("p1-2", Rating::DontKnow)]),
            ballot(
                None,
                &[("p1-1", Rating::Level(1)), ("p1-2", Rating::Level(6))],
            ),
        ];
        let mut forwards = session(&q);
        let mut backwards = session(&q);
        for b in &ballots {
            forwards.add_ballot(b.clone()).unwrap();
        }
        for b in ballots.iter().rev() {
            backwards.add_ballot(b.clone()).unwrap();
        }
        assert_eq!(forwards, backwards);
    }

    #[test]
    fn the_same_response_again_replaces_or_changes_nothing() {
        let q = questionnaire(&[1]);
        let mut s = session(&q);
        let first = ballot(Some("tok"), &[("p1-1", Rating::Level(2))]);
        assert_eq!(s.add_ballot(first.clone()), Ok(BallotAdded::New));
        assert_eq!(s.add_ballot(first), Err(SessionRefusal::AlreadyIn));
        let changed = ballot(Some("tok"), &[("p1-1", Rating::Level(5))]);
        assert_eq!(s.add_ballot(changed), Ok(BallotAdded::Replaced));
        assert_eq!(s.ballot_count(), 1);
        assert_eq!(
            s.add_ballot(ballot(Some("x"), &[])),
            Err(SessionRefusal::NoRatings)
        );
        assert_eq!(s.withdraw_ballot("x"), Err(SessionRefusal::NotInTheBox));
        s.withdraw_ballot("tok").unwrap();
        assert_eq!(s.ballot_count(), 0);
    }

    #[test]
    fn a_turn_is_private_to_its_own_pages_and_discarded_unseen() {
        let q = questionnaire(&[2]);
        let mut s = session(&q);
        s.start_turn("turn-a".into()).unwrap();
        s.rate_in_turn("turn-a", "p1-1", Rating::Level(4)).unwrap();
        assert_eq!(s.turn_rating("turn-a", "p1-1"), Some(Rating::Level(4)));
        assert_eq!(
            s.turn_rating("turn-b", "p1-1"),
            None,
            "another id sees nothing"
        );
        assert_eq!(
            s.start_turn("turn-b".into()),
            Err(SessionRefusal::TurnInProgress),
            "the next member never inherits an unfinished turn"
        );
        assert_eq!(s.close_ballot_box(), Err(SessionRefusal::TurnInProgress));
        assert!(s.without_turn_in_progress().turn.is_none());
        s.discard_turn();
        assert_eq!(s.ballot_count(), 0);
        s.start_turn("turn-b".into()).unwrap();
        assert_eq!(s.turn_rating("turn-b", "p1-1"), None, "a fresh turn");
        assert_eq!(
            s.rate_in_turn("turn-a", "p1-1", Rating::Level(1)),
            Err(SessionRefusal::NoTurn)
        );
        s.rate_in_turn("turn-b", "p1-2", Rating::DontKnow).unwrap();
        assert_eq!(s.turn_rated_count("turn-b"), 1);
        s.finish_turn("turn-b").unwrap();
        assert!(!s.has_turn_in_progress());
        assert_eq!(s.ballot_count(), 1);
        assert_eq!(s.finish_turn("turn-b"), Err(SessionRefusal::NoTurn));
        // A turn finished with nothing rated adds no ballot.
        s.start_turn("turn-c".into()).unwrap();
        s.finish_turn("turn-c").unwrap();
        assert_eq!(s.ballot_count(), 1);
    }

    #[test]
    fn threshold_never_goes_below_the_minimum() {
        let q = questionnaire(&[1]);
        let mut s = session(&q);
        assert_eq!(s.anonymity_threshold(), DEFAULT_ANONYMITY_THRESHOLD);
        s.set_anonymity_threshold(1).unwrap();
        assert_eq!(s.anonymity_threshold(), MIN_ANONYMITY_THRESHOLD);
        s.set_anonymity_threshold(8).unwrap();
        assert_eq!(s.anonymity_threshold(), 8);
    }

    #[test]
    fn attendance_names_only_sectors_with_enough_members() {
        let q = questionnaire(&[1]);
        let mut s = session(&q);
        s.record_attendance(&[
            (Sector::LocalAuthority, 3),
            (Sector::PoliceScotland, 1),
            (Sector::NhsBoard, 2),
        ])
        .unwrap();
        assert_eq!(s.attendance_total(), 6);
        assert_eq!(
            s.attendance_shown(),
            [(Some(Sector::LocalAuthority), 3), (None, 3)]
        );
        s.record_attendance(&[(Sector::NhsBoard, 0)]).unwrap();
        assert_eq!(s.attendance(Sector::NhsBoard), 0);
        assert_eq!(s.attendance_total(), 4);
    }

    #[test]
    fn agenda_orders_by_shown_spreads_only() {
        let q = questionnaire(&[3]);
        let mut s = session(&q);
        let split = [1, 6, 1, 6, 3];
        let unsure = [0, 0, 0, 4, 4];
        let low = [2, 2, 2, 2, 2];
        for i in 0..5 {
            let r = |v: u8| {
                if v == 0 {
                    Rating::DontKnow
                } else {
                    Rating::Level(v)
                }
            };
            s.add_ballot(ballot(
                None,
                &[
                    ("p1-1", r(split[i])),
                    ("p1-2", r(unsure[i])),
                    ("p1-3", r(low[i])),
                ],
            ))
            .unwrap();
        }
        assert_eq!(
            s.agenda(&q, AgendaOrder::Disagreement),
            ["p1-1", "p1-2", "p1-3"],
            "an open ballot box orders nothing"
        );
        s.close_ballot_box().unwrap();
        assert_eq!(s.agenda(&q, AgendaOrder::Disagreement)[0], "p1-1");
        assert_eq!(s.agenda(&q, AgendaOrder::DontKnow)[0], "p1-2");
        assert_eq!(s.agenda(&q, AgendaOrder::LowScore)[0], "p1-3");
        assert!(s.findings(&q).is_empty(), "nothing is revealed yet");
        s.reveal_all(&q).unwrap();
        let findings = s.findings(&q);
        assert!(findings.contains(&Finding {
            expectation_id: "p1-1".into(),
            kind: FindingKind::Disagreement
        }));
        assert!(findings.contains(&Finding {
            expectation_id: "p1-2".into(),
            kind: FindingKind::ManyDontKnow
        }));
        // Once the board agrees a rating, the disagreement is settled.
        s.consensus_mut("p1-1").rating = Some(Rating::Level(3));
        assert!(s.findings(&q).iter().all(|f| f.expectation_id != "p1-1"));
        s.hide("p1-2");
        assert!(
            s.findings(&q).is_empty(),
            "a hidden spread is not a finding"
        );
    }

    #[test]
    fn refusals_say_what_to_do() {
        for refusal in [
            SessionRefusal::BallotBoxClosed,
            SessionRefusal::TurnInProgress,
            SessionRefusal::NoTurn,
            SessionRefusal::NoRatings,
            SessionRefusal::AlreadyIn,
            SessionRefusal::NotInTheBox,
        ] {
            assert!(refusal.to_string().len() > 20, "{refusal:?}");
        }
    }
}

#[cfg(test)]
mod ballot_columns_tests {
    use super::*;
    use proptest::prelude::*;

    fn any_rating() -> impl Strategy<Value = Option<Rating>> {
        prop_oneof![
            Just(None),
            Just(Some(Rating::DontKnow)),
            (1u8..=10).prop_map(|l| Some(Rating::Level(l)))
        ]
    }

    fn any_ballot() -> impl Strategy<Value = Ballot> {
        (
            prop::option::of("[a-z0-9]{6}"),
            prop::collection::vec(any_rating(), 0..6),
        )
            .prop_map(|(token, ratings)| Ballot {
                token,
                ratings: ratings
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, r)| r.map(|r| (format!("e-{i}"), r)))
                    .collect(),
            })
    }

    proptest! {
        /// Every ballot a scale can give comes back from its columns as it went in.
        #[test]
        fn ballots_come_back_from_their_columns(ballots in prop::collection::vec(any_ballot(), 0..12)) {
            let columns = BallotColumns::from_ballots(&ballots).unwrap();
            prop_assert!(columns.ballots.iter().all(|row| row.ratings.chars().count() == columns.expectations.len()));
            prop_assert_eq!(columns.into_ballots().unwrap(), ballots);
        }
    }

    #[test]
    fn columns_that_do_not_add_up_are_refused() {
        let columns = |expectations: &[&str], ratings: &str| BallotColumns {
            expectations: expectations.iter().map(|e| e.to_string()).collect(),
            ballots: vec![BallotRow {
                token: None,
                ratings: ratings.into(),
            }],
        };
        for (expectations, ratings, problem) in [
            (&["a", "a"][..], "12", "an expectation twice"),
            (&["a", "b"][..], "1", "1 ratings for 2 expectations"),
            (&["a", "b"][..], "123", "3 ratings for 2 expectations"),
            (&["a"][..], "0", "stands for no rating"),
            (&["a"][..], "A", "stands for no rating"),
            (&["a"][..], "!", "stands for no rating"),
            (&["a"][..], "é", "stands for no rating"),
        ] {
            let refused = columns(expectations, ratings).into_ballots().unwrap_err();
            assert!(
                refused.contains(problem),
                "{expectations:?} {ratings:?}: {refused}"
            );
        }
        assert_eq!(
            columns(&["a", "b"], "?-").into_ballots().unwrap()[0].ratings,
            BTreeMap::from([("a".to_string(), Rating::DontKnow)])
        );
        assert_eq!(
            columns(&["a"], "a").into_ballots().unwrap()[0].ratings["a"],
            Rating::Level(10)
        );
        for level in [0, 36, 255] {
            let ballot = Ballot {
                token: None,
                ratings: BTreeMap::from([("a".to_string(), Rating::Level(level))]),
            };
            assert!(
                BallotColumns::from_ballots(&[ballot]).is_err(),
                "level {level}"
            );
        }
    }

    #[test]
    fn ten_thousand_ballots_of_thirty_three_ratings_take_under_a_megabyte() {
        // As a list of ratings by id each, they took about 9 MB: more than a browser stores.
        let ballots: Vec<Ballot> = (0..10_000)
            .map(|b| Ballot {
                token: None,
                ratings: (0..33)
                    .map(|e| {
                        (
                            format!("participation-{e}"),
                            Rating::Level(1 + ((b + e) % 6) as u8),
                        )
                    })
                    .collect(),
            })
            .collect();
        // Each row as JSON: `{"ratings":"…"},` around its characters.
        let bytes: usize = BallotColumns::from_ballots(&ballots)
            .unwrap()
            .ballots
            .iter()
            .map(|r| r.ratings.len() + 16)
            .sum();
        assert!(bytes < 1_000_000, "{bytes} bytes");
    }
}
