//! The time a board has for its discussion: which expectations it discusses one by one in
//! that time (disagreements, "Don't know"s and anything the spread cannot settle, in the
//! agenda's order), which it takes as read with one vote (members broadly agree), and which
//! wait for any time left over; and the meeting's clock.

use serde::{Deserialize, Serialize};

use super::group::Distribution;

/// The time the agenda allows for discussing one expectation.
pub const MINUTES_PER_DISCUSSION: u16 = 8;
/// The time the agenda allows for reading out the clear agreements and taking one vote.
pub const MINUTES_TO_TAKE_AS_READ: u16 = 5;
/// A day's meeting; anything longer is a typing mistake.
pub const MAX_MEETING_MINUTES: u16 = 480;

/// The time given for the discussion, and when its clock was started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingTime {
    pub minutes: u16,
    /// When the facilitator started the clock, as an ISO 8601 time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
}

/// The minutes available as typed: blank is "not given"; otherwise a whole number from 1
/// to `MAX_MEETING_MINUTES`. `Err` says what to type instead.
pub fn read_meeting_minutes(text: &str) -> Result<Option<u16>, &'static str> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<u16>()
        .ok()
        .filter(|n| (1..=MAX_MEETING_MINUTES).contains(n))
        .map(Some)
        .ok_or("Enter the time available as a whole number of minutes, from 1 to 480")
}

/// Members broadly agree: ratings were given, they are not far apart, and few said
/// "Don't know". Such an expectation can be taken as read.
pub fn clear_agreement(spread: &Distribution) -> bool {
    spread.rated() > 0 && !spread.disagreement() && !spread.many_dont_know()
}

/// The discussion planned to fit the time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingAgenda {
    /// Discussed one by one, in the agenda's order, as many as the time allows.
    pub discuss: Vec<String>,
    /// Taken as read with one vote, at the members' middle rating.
    pub take_as_read: Vec<String>,
    /// Would be discussed, but the time runs out first.
    pub if_time_allows: Vec<String>,
}

impl MeetingAgenda {
    /// Plans `minutes` for the expectations in `ordered` (the agenda's order, each with the
    /// spread that may guide the plan, `None` where none may be used).
    pub fn plan(minutes: u16, ordered: Vec<(String, Option<Distribution>)>) -> MeetingAgenda {
        let mut agenda = MeetingAgenda::default();
        let mut to_discuss = Vec::new();
        for (id, spread) in ordered {
            if spread.as_ref().is_some_and(clear_agreement) {
                agenda.take_as_read.push(id);
            } else {
                to_discuss.push(id);
            }
        }
        let for_reading = if agenda.take_as_read.is_empty() {
            0
        } else {
            MINUTES_TO_TAKE_AS_READ
        };
        let fits = usize::from(minutes.saturating_sub(for_reading) / MINUTES_PER_DISCUSSION);
        let later = to_discuss.split_off(fits.min(to_discuss.len()));
        agenda.discuss = to_discuss;
        agenda.if_time_allows = later;
        agenda
    }

    /// What the discussion moves through, item by item: what fits, then what waits.
    pub fn walk(&self) -> Vec<String> {
        self.discuss
            .iter()
            .chain(&self.if_time_allows)
            .cloned()
            .collect()
    }
}

/// The meeting's clock in words: "25 minutes used, 95 left of 120".
pub fn clock_in_words(minutes_used: u32, available: u16) -> String {
    let available = u32::from(available);
    let minutes = |n: u32| {
        if n == 1 {
            "1 minute".to_owned()
        } else {
            format!("{n} minutes")
        }
    };
    if minutes_used <= available {
        format!(
            "{} used, {} left of {available}",
            minutes(minutes_used),
            minutes(available - minutes_used)
        )
    } else {
        format!(
            "{} used: {} over the {available} available",
            minutes(minutes_used),
            minutes(minutes_used - available)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rating::Rating;

    fn spread(ratings: &[u8], dont_know: usize) -> Distribution {
        let mut d = Distribution::default();
        for &r in ratings {
            d.add_many(Rating::Level(r), 1);
        }
        d.add_many(Rating::DontKnow, dont_know);
        d
    }

    fn items(
        prefix: &str,
        n: usize,
        spread: Option<Distribution>,
    ) -> Vec<(String, Option<Distribution>)> {
        (1..=n)
            .map(|i| (format!("{prefix}{i}"), spread.clone()))
            .collect()
    }

    #[test]
    fn minutes_as_typed() {
        let table: [(&str, Result<Option<u16>, ()>); 7] = [
            ("", Ok(None)),
            ("  ", Ok(None)),
            ("120", Ok(Some(120))),
            (" 90 ", Ok(Some(90))),
            ("0", Err(())),
            ("481", Err(())),
            ("two hours", Err(())),
        ];
        for (text, expected) in table {
            assert_eq!(
                read_meeting_minutes(text).map_err(|_| ()),
                expected,
                "{text:?}"
            );
        }
    }

    #[test]
    fn what_counts_as_a_clear_agreement() {
        assert!(clear_agreement(&spread(&[4, 4, 4, 3, 4], 0)));
        assert!(!clear_agreement(&spread(&[1, 5, 3, 2, 5], 0)), "far apart");
        assert!(!clear_agreement(&spread(&[4, 4], 5)), "many don't know");
        assert!(!clear_agreement(&spread(&[], 5)), "nobody rated");
    }

    #[test]
    fn the_time_fits_the_disagreements_first_and_takes_the_rest_as_read() {
        // 6 clear agreements, 10 to discuss; 60 minutes: 5 to read the agreements out and
        // vote, 55 left for 8-minute discussions: 6 fit, 4 wait.
        let mut ordered = items("split", 10, Some(spread(&[1, 5, 3, 2, 5], 0)));
        ordered.extend(items("clear", 6, Some(spread(&[4, 4, 4, 3, 4], 0))));
        let agenda = MeetingAgenda::plan(60, ordered);
        assert_eq!(
            agenda.discuss,
            ["split1", "split2", "split3", "split4", "split5", "split6"]
        );
        assert_eq!(
            agenda.if_time_allows,
            ["split7", "split8", "split9", "split10"]
        );
        assert_eq!(agenda.take_as_read.len(), 6);
        assert_eq!(
            agenda.walk().len(),
            10,
            "the walk leaves out what is taken as read"
        );
    }

    #[test]
    fn without_a_spread_to_go_on_everything_is_discussed_in_order() {
        let agenda = MeetingAgenda::plan(16, items("e", 3, None));
        assert_eq!(agenda.discuss, ["e1", "e2"], "no reading time is needed");
        assert_eq!(agenda.if_time_allows, ["e3"]);
        assert!(agenda.take_as_read.is_empty());
        assert!(MeetingAgenda::plan(4, items("e", 3, None))
            .discuss
            .is_empty());
    }

    #[test]
    fn the_clock_in_words() {
        assert_eq!(
            clock_in_words(0, 120),
            "0 minutes used, 120 minutes left of 120"
        );
        assert_eq!(
            clock_in_words(1, 90),
            "1 minute used, 89 minutes left of 90"
        );
        assert_eq!(
            clock_in_words(125, 120),
            "125 minutes used: 5 minutes over the 120 available"
        );
    }
}
