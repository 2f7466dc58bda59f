//! A member's ballot as the code their phone shows the facilitator's laptop: a string of
//! digits for a QR code in numeric mode, and the same ballot as a typed code (Crockford
//! base 32, in groups) for when there is no camera. Both carry the format version, the
//! session's code, the questionnaire's fingerprint, the member's random token and every
//! rating, and both are checked: a mod-97 check over the digits (ISO 7064), and in the
//! typed code a check character closing every group (Damm's method over GF(32)), so any
//! one wrong or swapped character is caught and the group it is in is named. `read` is the
//! one way in for both.

use std::collections::BTreeMap;

use cpp_domain::assessment::Assessment;
use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::rating::Rating;
use cpp_domain::session::Ballot;

pub const FORMAT_VERSION: u8 = 1;

/// Crockford's base 32: no I, L, O or U, so nothing reads as something else.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Data characters in a typed group, before its check character.
const GROUP_DATA: usize = 4;
const SESSION_DIGITS: usize = 6;
const FINGERPRINT_DIGITS: usize = 4;
const TOKEN_DIGITS: usize = 8;
/// Tokens are below this: eight digits.
pub const TOKEN_LIMIT: u32 = 100_000_000;

/// One member's ballot as a code carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotCode {
    /// The session's code, from the join link (`session_code`).
    pub session: u32,
    /// The member's random token, below `TOKEN_LIMIT`: the same token handed in again
    /// replaces the earlier ballot, and it says nothing about who the member is.
    pub token: u32,
    /// One slot per expectation, in the questionnaire's order; `None` is unanswered.
    pub ratings: Vec<Option<Rating>>,
}

impl BallotCode {
    /// A member's ballot from their own assessment, for the session with this code. The
    /// token comes from the assessment's response token, so the same assessment handed in
    /// again (by code or changed) replaces its earlier ballot.
    pub fn from_assessment(
        questionnaire: &Questionnaire,
        assessment: &Assessment,
        session: u32,
        response_token: &str,
    ) -> BallotCode {
        BallotCode {
            session,
            token: code_token(response_token),
            ratings: questionnaire
                .expectations()
                .map(|e| assessment.rating(&e.id))
                .collect(),
        }
    }

    /// The ballot as it goes into the session's ballot box: its ratings by expectation, and
    /// its token, which says nothing about who the member is.
    pub fn into_ballot(self, questionnaire: &Questionnaire) -> Ballot {
        Ballot {
            token: Some(ballot_token_of(self.token)),
            ratings: questionnaire
                .expectations()
                .zip(self.ratings)
                .filter_map(|(e, rating)| rating.map(|r| (e.id.clone(), r)))
                .collect::<BTreeMap<_, _>>(),
        }
    }

    /// The last four characters a member and the facilitator both see, so a member can tell
    /// their ballot arrived without it naming them.
    pub fn receipt(&self) -> String {
        let digits: Vec<u8> = format!("{:08}", self.token)
            .bytes()
            .map(|b| b - b'0')
            .collect();
        let base32 = convert_fixed(&digits, 10, 32, 6).unwrap_or_default();
        base32[base32.len() - 4..]
            .iter()
            .map(|&v| char::from(ALPHABET[usize::from(v)]))
            .collect()
    }
}

/// The digits of a ballot code drawn as a QR code (numeric mode, medium error correction
/// for a phone's screen held to a camera): black on white with its quiet zone, as an SVG
/// that scales to whatever width the page gives it.
pub fn qr_svg(digits: &str) -> Option<String> {
    svg_of(digits, qrcode::EcLevel::M)
}

/// A session's join link drawn as a QR code for the projector. A projected code is clean,
/// so low error correction is enough, and it keeps the modules large enough to read from
/// across a room.
pub fn link_qr_svg(link: &str) -> Option<String> {
    svg_of(link, qrcode::EcLevel::L)
}

fn svg_of(text: &str, level: qrcode::EcLevel) -> Option<String> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::with_error_correction_level(text, level).ok()?;
    Some(
        code.render::<svg::Color>()
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .quiet_zone(true)
            .build(),
    )
}

/// The digits of every ballot code's QR code in a camera frame (RGBA rows, as a canvas
/// gives them). The frame is read as it is, then, if nothing was found, once more after a
/// light 3×3 smoothing, which helps with a screen's pixel grid and sensor noise. Mirrored
/// frames are read too (the decoder tries both ways). Anything that is not all digits is
/// not a ballot code and is left out; `read` checks the rest.
pub fn digits_in_frame(width: usize, height: usize, rgba: &[u8]) -> Vec<String> {
    if width == 0 || height == 0 || rgba.len() < width * height * 4 {
        return Vec::new();
    }
    let grey: Vec<u8> = rgba
        .chunks_exact(4)
        .take(width * height)
        // Rec. 601 luma, in integers.
        .map(|p| {
            ((299 * u32::from(p[0]) + 587 * u32::from(p[1]) + 114 * u32::from(p[2])) / 1000) as u8
        })
        .collect();
    let found = digits_in_grey(width, height, &grey);
    if !found.is_empty() {
        return found;
    }
    digits_in_grey(width, height, &box_blur(width, height, &grey))
}

fn digits_in_grey(width: usize, height: usize, grey: &[u8]) -> Vec<String> {
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| grey[y * width + x]);
    image
        .detect_grids()
        .into_iter()
        .filter_map(|grid| grid.decode().ok())
        .map(|(_, text)| text)
        .filter(|text| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
        .collect()
}

/// Each pixel as the mean of its 3×3 neighbourhood (edges use what is there).
fn box_blur(width: usize, height: usize, grey: &[u8]) -> Vec<u8> {
    let mut out = vec![0; grey.len()];
    for y in 0..height {
        for x in 0..width {
            let (mut sum, mut count) = (0u32, 0u32);
            for ny in y.saturating_sub(1)..=(y + 1).min(height - 1) {
                for nx in x.saturating_sub(1)..=(x + 1).min(width - 1) {
                    sum += u32::from(grey[ny * width + nx]);
                    count += 1;
                }
            }
            out[y * width + x] = (sum / count) as u8;
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BallotCodeError {
    /// Not a ballot code of this tool's, or one for a different number of expectations.
    NotABallot,
    /// The digits do not add up: the code was misread.
    Damaged,
    /// Typed groups whose check character does not match (numbered from 1).
    MistypedGroups(Vec<usize>),
    /// A typed code with the wrong number of characters.
    WrongLength {
        expected: usize,
        found: usize,
    },
    /// Made with a later format of this tool.
    NewerFormat,
    OtherSession,
    OtherQuestionnaire,
    /// A rating the questionnaire's scale does not have, or a ballot with no rating.
    Unusable,
}

impl std::fmt::Display for BallotCodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BallotCodeError::NotABallot => write!(f, "This is not a ballot code from this tool"),
            BallotCodeError::Damaged => {
                write!(f, "The code did not read correctly. Try again")
            }
            BallotCodeError::MistypedGroups(groups) => {
                let names: Vec<String> = groups.iter().map(|g| format!("group {g}")).collect();
                let (one, many) = ("has a mistake", "have mistakes");
                write!(
                    f,
                    "{} {}: check {} against the phone",
                    capitalised(&list(&names)),
                    if groups.len() == 1 { one } else { many },
                    if groups.len() == 1 { "it" } else { "them" }
                )
            }
            BallotCodeError::WrongLength { expected, found } => write!(
                f,
                "The code has {found} letters and digits; a ballot code has {expected}. Check for a missing or extra character"
            ),
            BallotCodeError::NewerFormat => write!(
                f,
                "This ballot was made with a newer version of this tool. Open the newer version to collect it"
            ),
            BallotCodeError::OtherSession => write!(
                f,
                "This ballot is for a different board session. The member should enter this session's code (shown on this page) and show the new code"
            ),
            BallotCodeError::OtherQuestionnaire => write!(
                f,
                "This ballot answers a different questionnaire, or another version of it"
            ),
            BallotCodeError::Unusable => {
                write!(f, "This ballot has a rating this questionnaire does not have, or none at all")
            }
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The token a code carries for a member's response token.
fn code_token(response_token: &str) -> u32 {
    fnv1a(response_token) % TOKEN_LIMIT
}

fn ballot_token_of(code_token: u32) -> String {
    format!("code-{code_token:08}")
}

/// The token in the ballot box of a member's response, whether it came as a code or as a
/// response file: the same, so one member's file and code replace each other instead of
/// counting twice.
pub fn ballot_token(response_token: &str) -> String {
    ballot_token_of(code_token(response_token))
}

/// FNV-1a: a stable hash, the same in every build and browser.
fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |hash: u32, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// The six-digit code that ties ballots to one session, made from its id.
pub fn session_code(session_id: &str) -> u32 {
    fnv1a(session_id) % 10u32.pow(SESSION_DIGITS as u32)
}

/// A session code as people read it aloud or copy it: `123 456`.
pub fn spaced_session_code(code: u32) -> String {
    let digits = format!("{code:0SESSION_DIGITS$}");
    format!("{} {}", &digits[..3], &digits[3..])
}

/// A session code as a member types it: six digits, spaces and hyphens aside.
pub fn read_session_code(text: &str) -> Option<u32> {
    let digits: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    (digits.len() == SESSION_DIGITS && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// Four digits that tell one questionnaire and version from another.
fn fingerprint(questionnaire: &Questionnaire) -> u32 {
    fnv1a(&format!("{}\n{}", questionnaire.id, questionnaire.version))
        % 10u32.pow(FINGERPRINT_DIGITS as u32)
}

/// Where everything sits in a ballot code for one questionnaire, worked out once per code
/// made or read.
struct Layout {
    fingerprint: u32,
    /// The scale's level values, lowest first: slot 2 is the first.
    levels: Vec<u8>,
    /// The rating slots' base: unanswered, don't know, then each level of the scale.
    slot_base: u32,
    expectations: usize,
    /// Digits the ratings take.
    ratings_width: usize,
    /// All the digits a QR code carries.
    digit_count: usize,
    /// Data characters in the typed code: enough for the digits, in whole groups.
    typed_data_width: usize,
}

impl Layout {
    fn of(questionnaire: &Questionnaire) -> Layout {
        let mut levels: Vec<u8> = questionnaire.scale.levels.iter().map(|l| l.value).collect();
        levels.sort_unstable();
        let slot_base = levels.len() as u32 + 2;
        let expectations = questionnaire.expectation_count();
        let ratings_width = width_for(expectations, slot_base, 10);
        let digit_count =
            1 + SESSION_DIGITS + FINGERPRINT_DIGITS + TOKEN_DIGITS + ratings_width + 2;
        Layout {
            fingerprint: fingerprint(questionnaire),
            levels,
            slot_base,
            expectations,
            ratings_width,
            digit_count,
            typed_data_width: width_for(digit_count, 10, 32).div_ceil(GROUP_DATA) * GROUP_DATA,
        }
    }

    /// Characters a person types, check characters included, hyphens not.
    fn typed_length(&self) -> usize {
        self.typed_data_width / GROUP_DATA * (GROUP_DATA + 1)
    }
}

/// Converts a number written in base `from` (most significant digit first) to base `to`.
fn convert_base(digits: &[u8], from: u32, to: u32) -> Vec<u8> {
    let mut number: Vec<u32> = digits.iter().map(|&d| u32::from(d)).collect();
    let mut out = Vec::new();
    while number.iter().any(|&d| d != 0) {
        let mut remainder = 0;
        for digit in number.iter_mut() {
            let value = remainder * from + *digit;
            *digit = value / to;
            remainder = value % to;
        }
        out.push(remainder as u8);
    }
    out.reverse();
    out
}

/// `digits` in base `from` as exactly `width` digits in base `to`, or `None` if it needs
/// more.
fn convert_fixed(digits: &[u8], from: u32, to: u32, width: usize) -> Option<Vec<u8>> {
    let converted = convert_base(digits, from, to);
    let padding = width.checked_sub(converted.len())?;
    Some(std::iter::repeat_n(0, padding).chain(converted).collect())
}

/// How many base-`to` digits the largest `count`-digit number in base `from` needs.
fn width_for(count: usize, from: u32, to: u32) -> usize {
    convert_base(&vec![(from - 1) as u8; count], from, to).len()
}

/// All the digits a QR code carries for this questionnaire.
pub fn digit_count(questionnaire: &Questionnaire) -> usize {
    Layout::of(questionnaire).digit_count
}

/// ISO 7064 MOD 97-10 over decimal digits: the remainder of the number they write.
fn mod97(digits: &[u8]) -> u32 {
    digits
        .iter()
        .fold(0, |rest, &d| (rest * 10 + u32::from(d)) % 97)
}

fn push_number(digits: &mut Vec<u8>, value: u32, width: usize) {
    let text = format!("{value:0width$}");
    digits.extend(text.bytes().map(|b| b - b'0'));
}

fn read_number(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |n, &d| n * 10 + u32::from(d))
}

/// The ballot as the digits of its QR code. `None` if it does not fit the questionnaire
/// (a slot for each expectation, every level on its scale) or a number is out of range.
pub fn to_digits(ballot: &BallotCode, questionnaire: &Questionnaire) -> Option<String> {
    let digits = encode(ballot, &Layout::of(questionnaire))?;
    Some(digits.iter().map(|d| char::from(b'0' + d)).collect())
}

fn encode(ballot: &BallotCode, layout: &Layout) -> Option<Vec<u8>> {
    if ballot.ratings.len() != layout.expectations
        || ballot.session >= 10u32.pow(SESSION_DIGITS as u32)
        || ballot.token >= TOKEN_LIMIT
    {
        return None;
    }
    let slots = ballot
        .ratings
        .iter()
        .map(|rating| match rating {
            None => Some(0),
            Some(Rating::DontKnow) => Some(1),
            Some(Rating::Level(value)) => layout
                .levels
                .iter()
                .position(|level| level == value)
                .map(|index| index as u8 + 2),
        })
        .collect::<Option<Vec<u8>>>()?;
    let mut digits = vec![FORMAT_VERSION];
    push_number(&mut digits, ballot.session, SESSION_DIGITS);
    push_number(&mut digits, layout.fingerprint, FINGERPRINT_DIGITS);
    push_number(&mut digits, ballot.token, TOKEN_DIGITS);
    digits.extend(convert_fixed(
        &slots,
        layout.slot_base,
        10,
        layout.ratings_width,
    )?);
    let check = 98 - mod97(&[digits.as_slice(), &[0, 0]].concat());
    push_number(&mut digits, check, 2);
    Some(digits)
}

/// The ballot as a typed code: groups of four characters and a check character, joined by
/// hyphens.
pub fn to_typed(ballot: &BallotCode, questionnaire: &Questionnaire) -> Option<String> {
    let layout = Layout::of(questionnaire);
    let digits = encode(ballot, &layout)?;
    let data = convert_fixed(&digits, 10, 32, layout.typed_data_width)?;
    let groups: Vec<String> = data
        .chunks(GROUP_DATA)
        .map(|group| {
            group
                .iter()
                .chain(std::iter::once(&damm_check(group)))
                .map(|&v| char::from(ALPHABET[usize::from(v)]))
                .collect()
        })
        .collect();
    Some(groups.join("-"))
}

/// Characters a person types, check characters included, hyphens not.
pub fn typed_length(questionnaire: &Questionnaire) -> usize {
    Layout::of(questionnaire).typed_length()
}

/// Multiplication by x in GF(32) (x⁵ + x² + 1): the step of Damm's method, whose table
/// x ∗ y = 2x + y catches every single wrong character and every swap of neighbours.
fn times_x(value: u8) -> u8 {
    let shifted = value << 1;
    if shifted & 0b10_0000 != 0 {
        (shifted ^ 0b10_0101) & 0b1_1111
    } else {
        shifted
    }
}

fn damm_fold(values: &[u8]) -> u8 {
    values.iter().fold(0, |interim, &v| times_x(interim) ^ v)
}

fn damm_check(values: &[u8]) -> u8 {
    times_x(damm_fold(values))
}

/// A typed character's value: case and hyphens do not matter, and the letters Crockford's
/// alphabet leaves out read as the digits they look like.
fn typed_value(c: char) -> Option<u8> {
    let c = match c.to_ascii_uppercase() {
        'I' | 'L' => '1',
        'O' => '0',
        other => other,
    };
    ALPHABET
        .iter()
        .position(|&a| char::from(a) == c)
        .map(|i| i as u8)
}

/// Reads a ballot code, scanned (digits) or typed, for the session with this id and its
/// questionnaire: the one checker every ballot code goes through.
pub fn read(
    text: &str,
    session_id: &str,
    questionnaire: &Questionnaire,
) -> Result<BallotCode, BallotCodeError> {
    let text = text.trim();
    let layout = Layout::of(questionnaire);
    let digits = if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        text.bytes().map(|b| b - b'0').collect()
    } else {
        typed_digits(text, &layout)?
    };
    decode(&digits, session_id, &layout)
}

fn typed_digits(text: &str, layout: &Layout) -> Result<Vec<u8>, BallotCodeError> {
    let characters: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    let values = characters
        .iter()
        .map(|&c| typed_value(c))
        .collect::<Option<Vec<u8>>>()
        .ok_or(BallotCodeError::NotABallot)?;
    let expected = layout.typed_length();
    if values.len() != expected {
        return Err(BallotCodeError::WrongLength {
            expected,
            found: values.len(),
        });
    }
    let groups: Vec<&[u8]> = values.chunks(GROUP_DATA + 1).collect();
    let mistyped: Vec<usize> = groups
        .iter()
        .enumerate()
        .filter(|(_, group)| damm_fold(group) != 0)
        .map(|(index, _)| index + 1)
        .collect();
    if !mistyped.is_empty() {
        return Err(BallotCodeError::MistypedGroups(mistyped));
    }
    let data: Vec<u8> = groups
        .iter()
        .flat_map(|group| group[..GROUP_DATA].iter().copied())
        .collect();
    convert_fixed(&data, 32, 10, layout.digit_count).ok_or(BallotCodeError::Damaged)
}

fn decode(digits: &[u8], session_id: &str, layout: &Layout) -> Result<BallotCode, BallotCodeError> {
    let Some((&version, _)) = digits.split_first() else {
        return Err(BallotCodeError::NotABallot);
    };
    if version > FORMAT_VERSION {
        return Err(BallotCodeError::NewerFormat);
    }
    if version != FORMAT_VERSION || digits.len() != layout.digit_count {
        return Err(BallotCodeError::NotABallot);
    }
    if mod97(digits) != 1 {
        return Err(BallotCodeError::Damaged);
    }
    let (session, rest) = digits[1..].split_at(SESSION_DIGITS);
    let (print, rest) = rest.split_at(FINGERPRINT_DIGITS);
    let (token, rest) = rest.split_at(TOKEN_DIGITS);
    let ratings = &rest[..rest.len() - 2];
    if read_number(session) != session_code(session_id) {
        return Err(BallotCodeError::OtherSession);
    }
    if read_number(print) != layout.fingerprint {
        return Err(BallotCodeError::OtherQuestionnaire);
    }
    let slots = convert_fixed(ratings, 10, layout.slot_base, layout.expectations)
        .ok_or(BallotCodeError::Unusable)?;
    let ratings = slots
        .iter()
        .map(|&slot| match slot {
            0 => Some(None),
            1 => Some(Some(Rating::DontKnow)),
            level => layout
                .levels
                .get(usize::from(level - 2))
                .map(|&value| Some(Rating::Level(value))),
        })
        .collect::<Option<Vec<Option<Rating>>>>()
        .ok_or(BallotCodeError::Unusable)?;
    if ratings.iter().all(Option::is_none) {
        return Err(BallotCodeError::Unusable);
    }
    Ok(BallotCode {
        session: read_number(session),
        token: read_number(token),
        ratings,
    })
}
