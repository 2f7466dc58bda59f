//! Every paragraph a bundled questionnaire cites from the statutory guidance (on an
//! expectation or a suggested action) has a digest to show in place, and the bundled
//! digests file is read by the same checker the app uses.

use std::collections::BTreeSet;

use cpp_format::guidance_digests::{self, MAX_DIGEST_CHARS};
use cpp_format::questionnaire_file;

#[test]
fn the_bundled_digests_cover_every_numbered_paragraph_of_the_guidance() {
    let digests = guidance_digests::bundled().expect("the bundled digests are valid");
    let missing: Vec<u32> = (1..=170).filter(|n| digests.get(*n).is_none()).collect();
    assert_eq!(missing, Vec::<u32>::new(), "paragraphs without a digest");
    assert!(digests.url.starts_with("https://www.gov.scot/"));
    for n in 1..=170 {
        let digest = digests.get(n).unwrap();
        assert!(digest.text.chars().count() <= MAX_DIGEST_CHARS);
        assert!(
            digest.place.starts_with("Part 2 section "),
            "{n}: {}",
            digest.place
        );
    }
}

#[test]
fn every_paragraph_a_bundled_questionnaire_cites_has_a_digest() {
    let digests = guidance_digests::bundled().unwrap();
    let questionnaires = questionnaire_file::bundled().expect("the bundled questionnaires");
    let mut cited = BTreeSet::new();
    for q in questionnaires
        .iter()
        .filter(|q| q.cites_statutory_guidance())
    {
        for e in q.expectations() {
            cited.extend(
                e.guidance_paragraphs
                    .iter()
                    .map(|n| (q.id.clone(), e.id.clone(), *n)),
            );
            cited.extend(
                e.actions
                    .iter()
                    .filter_map(|a| a.guidance_paragraph)
                    .map(|n| (q.id.clone(), e.id.clone(), n)),
            );
        }
    }
    assert!(
        cited.len() > 100,
        "the national questionnaire cites many paragraphs"
    );
    let without: Vec<_> = cited
        .iter()
        .filter(|(_, _, n)| digests.get(*n).is_none())
        .collect();
    assert_eq!(without, Vec::<&(String, String, u32)>::new());
}
