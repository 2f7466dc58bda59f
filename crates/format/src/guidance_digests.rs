//! Digests of the statutory guidance's numbered paragraphs, in this project's own words:
//! the `cpp-guidance-digests` file (`questionnaires/guidance/paragraph-digests.json`), shipped with
//! the app and shown where a questionnaire cites a paragraph. Each digest is a summary,
//! checked against the guidance by a reviewer before it ships; the official text is a link
//! away.

use std::collections::BTreeMap;

use serde::Deserialize;

pub const FORMAT_NAME: &str = "cpp-guidance-digests";
pub const FORMAT_VERSION: u32 = 1;
/// Long enough for three plain sentences; a digest is not a copy of the paragraph.
pub const MAX_DIGEST_CHARS: usize = 400;

/// The digests that ship with the app.
pub const BUNDLED: &str = include_str!("../../../questionnaires/guidance/paragraph-digests.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    format: String,
    format_version: u32,
    source: RawSource,
    paragraphs: Vec<RawDigest>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    title: String,
    publisher: String,
    url: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDigest {
    number: u32,
    #[serde(rename = "where")]
    place: String,
    digest: String,
}

/// What one paragraph says, in brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    pub number: u32,
    /// The part, section and heading it sits under.
    pub place: String,
    pub text: String,
}

/// Every digest, by paragraph number, and where the official text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digests {
    pub source_title: String,
    pub publisher: String,
    /// The official text, online.
    pub url: String,
    by_number: BTreeMap<u32, Digest>,
}

impl Digests {
    pub fn get(&self, number: u32) -> Option<&Digest> {
        self.by_number.get(&number)
    }

    /// The digests of these paragraphs that there are, in the order asked.
    pub fn of(&self, numbers: &[u32]) -> Vec<Digest> {
        numbers
            .iter()
            .filter_map(|n| self.get(*n).cloned())
            .collect()
    }
}

/// Reads a digests file: the format and version, an `https` link to the official text, and
/// for each paragraph a number used once, where it sits and a digest of at most
/// `MAX_DIGEST_CHARS` characters. `Err` says what is wrong.
pub fn parse(text: &str) -> Result<Digests, String> {
    let raw: RawFile =
        serde_json::from_str(text).map_err(|e| format!("not a digests file: {e}"))?;
    if raw.format != FORMAT_NAME || raw.format_version != FORMAT_VERSION {
        return Err(format!(
            "the format must be {FORMAT_NAME}, version {FORMAT_VERSION}"
        ));
    }
    if !raw.source.url.starts_with("https://") || raw.source.title.trim().is_empty() {
        return Err("the source needs a title and an https link to the official text".into());
    }
    let mut by_number = BTreeMap::new();
    for d in raw.paragraphs {
        let text = d.digest.trim().to_owned();
        if text.is_empty() || text.chars().count() > MAX_DIGEST_CHARS || d.place.trim().is_empty() {
            return Err(format!(
                "paragraph {} needs where it sits and a digest of 1 to {MAX_DIGEST_CHARS} characters",
                d.number
            ));
        }
        let digest = Digest {
            number: d.number,
            place: d.place.trim().to_owned(),
            text,
        };
        if by_number.insert(d.number, digest).is_some() {
            return Err(format!("paragraph {} has two digests", d.number));
        }
    }
    Ok(Digests {
        source_title: raw.source.title,
        publisher: raw.source.publisher,
        url: raw.source.url,
        by_number,
    })
}

/// The digests that ship with the app.
pub fn bundled() -> Result<Digests, String> {
    parse(BUNDLED)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(paragraphs: &str) -> String {
        format!(
            r#"{{"format": "cpp-guidance-digests", "format_version": 1,
               "source": {{"title": "Guidance", "publisher": "Scottish Government", "url": "https://www.gov.scot/x/"}},
               "paragraphs": [{paragraphs}]}}"#
        )
    }

    #[test]
    fn a_good_file_is_read_by_number() {
        let digests = parse(&file(
            r#"{"number": 5, "where": "Part 2 section A", "digest": "Partners should do this."},
               {"number": 3, "where": "Part 2 section A", "digest": "CPPs must do that."}"#,
        ))
        .unwrap();
        assert_eq!(digests.get(3).unwrap().text, "CPPs must do that.");
        assert_eq!(
            digests
                .of(&[5, 4, 3])
                .iter()
                .map(|d| d.number)
                .collect::<Vec<_>>(),
            [5, 3],
            "only those there are, in the order asked"
        );
    }

    #[test]
    fn a_bad_file_is_refused_with_what_is_wrong() {
        let long = "x".repeat(MAX_DIGEST_CHARS + 1);
        let table = [
            (
                file(
                    r#"{"number": 1, "where": "A", "digest": "One."}, {"number": 1, "where": "A", "digest": "Two."}"#,
                ),
                "two digests",
            ),
            (
                file(r#"{"number": 1, "where": "A", "digest": "  "}"#),
                "needs where it sits",
            ),
            (
                file(&format!(
                    r#"{{"number": 1, "where": "A", "digest": "{long}"}}"#
                )),
                "needs where it sits",
            ),
            (
                file(r#"{"number": 1, "where": "", "digest": "One."}"#),
                "needs where it sits",
            ),
            (
                file("").replace("https://www.gov.scot/x/", "http://example.com"),
                "https link",
            ),
            (
                file("").replace("cpp-guidance-digests", "cpp-questionnaire"),
                "the format must be",
            ),
            ("[]".to_owned(), "not a digests file"),
        ];
        for (text, expected) in table {
            let error = parse(&text).unwrap_err();
            assert!(error.contains(expected), "{error}");
        }
    }
}
