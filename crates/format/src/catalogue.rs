//! The questionnaires available in a browser, and the rules for which one a record or a
//! collation uses: the built-in questionnaires first, then those loaded from files; no two
//! with the same id and version; a record opens with the version it answers.

use cpp_domain::questionnaire::Questionnaire;
use cpp_domain::sorting::sort_by_key;

use super::questionnaire_file::{self, LoadedQuestionnaire};

/// The built-in questionnaires followed by those loaded from files that still read
/// correctly, and a sentence for each loaded one that is not offered (its file is kept).
/// The rule that no two share an id and version holds on what each file says, whatever its
/// stored record is called: the first one available stays.
pub fn available(
    built_in: Vec<Questionnaire>,
    loaded: &[LoadedQuestionnaire],
) -> (Vec<Questionnaire>, Vec<String>) {
    let mut questionnaires = built_in;
    let mut problems = Vec::new();
    // In the order they were loaded, whatever order storage gives: the last one loaded is
    // the one collation uses (`latest_version`), in every visit.
    let mut loaded: Vec<&LoadedQuestionnaire> = loaded.iter().collect();
    sort_by_key(&mut loaded, |file| file.loaded_at.clone());
    for file in loaded {
        match questionnaire_file::parse_known(&file.text) {
            Ok(questionnaire)
                if questionnaires
                    .iter()
                    .any(|q| q.id == questionnaire.id && q.version == questionnaire.version) =>
            {
                problems.push(format!(
                    "The questionnaire loaded from {} has the same id and version as one already available ({} version {}), so it is not offered. It is still kept on this device.",
                    file.file_name, questionnaire.id, questionnaire.version
                ))
            }
            Ok(questionnaire) => questionnaires.push(questionnaire),
            Err(error) => problems.push(format!(
                "The questionnaire loaded from {} can no longer be read, so it is not offered. It is still kept on this device. The problem: {error}",
                file.file_name
            )),
        }
    }
    (questionnaires, problems)
}

/// The questionnaire a record answering `id` at `version` opens with: that version if it
/// is available. Otherwise the latest available version of the same questionnaire, so a
/// record made with a version this browser no longer has (an older release's) still opens;
/// its ratings are checked against the version used before any page shows them, and a
/// record whose ratings do not fit is not opened.
pub fn version_for<'a>(
    available: &'a [Questionnaire],
    id: &str,
    version: &str,
) -> Option<&'a Questionnaire> {
    available
        .iter()
        .find(|q| q.id == id && q.version == version)
        .or_else(|| latest_version(available, id))
}

/// The version of a questionnaire that collation uses: the last one loaded from a file if
/// any (loaded ones follow the built-in ones), else the built-in one.
pub fn latest_version<'a>(available: &'a [Questionnaire], id: &str) -> Option<&'a Questionnaire> {
    available.iter().rev().find(|q| q.id == id)
}

/// The title a list shows for a questionnaire's id: the first available questionnaire with
/// that id (the built-in one, when there is one), or the id itself when none is available.
pub fn title_of(available: &[Questionnaire], id: &str) -> String {
    available
        .iter()
        .find(|q| q.id == id)
        .map_or_else(|| id.to_owned(), |q| q.title.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded(file_name: &str, text: String) -> LoadedQuestionnaire {
        loaded_at(file_name, text, "2026-11-23T10:00:00.000Z")
    }

    fn loaded_at(file_name: &str, text: String, when: &str) -> LoadedQuestionnaire {
        LoadedQuestionnaire {
            id: format!("{file_name}@record"),
            file_name: file_name.into(),
            text,
            loaded_at: when.into(),
            updated_at: when.into(),
        }
    }

    #[test]
    fn loaded_questionnaires_follow_the_built_in_ones_and_never_share_an_id_and_version() {
        let built_in = questionnaire_file::bundled().unwrap();
        let national = questionnaire_file::BUNDLED[0].1;
        let shipped = built_in[0].version.clone();
        let v2 = national.replacen(
            &format!("\"version\": \"{shipped}\""),
            "\"version\": \"2.0.0\"",
            1,
        );
        assert_ne!(v2, national);
        let (list, problems) = available(
            built_in.clone(),
            &[
                loaded("copy.json", national.to_owned()),
                loaded("broken.json", "{}".into()),
                loaded("v2.json", v2),
            ],
        );
        assert_eq!(list.len(), built_in.len() + 1);
        assert_eq!(list[..built_in.len()], built_in[..]);
        assert_eq!(problems.len(), 2);
        assert!(problems[0].contains("copy.json has the same id and version"));
        assert!(problems[1].contains("broken.json can no longer be read"));

        let id = &built_in[0].id;
        // Each record opens with its own version; one this browser lacks, with the latest.
        assert_eq!(version_for(&list, id, &shipped).unwrap().version, shipped);
        assert_eq!(version_for(&list, id, "2.0.0").unwrap().version, "2.0.0");
        assert_eq!(version_for(&list, id, "0.9.0").unwrap().version, "2.0.0");
        assert_eq!(latest_version(&list, id).unwrap().version, "2.0.0");
        assert!(version_for(&list, "no-such-questionnaire", "1.0.0").is_none());
        // A list names a questionnaire by the built-in one's title, or by its id if none.
        assert_eq!(title_of(&list, id), built_in[0].title);
        assert_eq!(
            title_of(&list, "no-such-questionnaire"),
            "no-such-questionnaire"
        );
    }

    #[test]
    fn collation_uses_the_version_loaded_last_whatever_order_storage_gives() {
        let built_in = questionnaire_file::bundled().unwrap();
        let national = questionnaire_file::BUNDLED[0].1;
        let shipped = format!("\"version\": \"{}\"", built_in[0].version);
        let version = |v: &str| national.replacen(&shipped, &format!("\"version\": \"{v}\""), 1);
        // Storage gives records newest change first; these were loaded in the other order.
        let from_storage = [
            loaded_at("v3.json", version("3.0.0"), "2026-11-25T10:00:00.000Z"),
            loaded_at("v2.json", version("2.0.0"), "2026-11-24T10:00:00.000Z"),
        ];
        let (list, problems) = available(built_in.clone(), &from_storage);
        assert!(problems.is_empty(), "{problems:?}");
        let id = built_in[0].id.clone();
        assert_eq!(latest_version(&list, &id).unwrap().version, "3.0.0");
        let mut reversed = from_storage.clone();
        reversed.reverse();
        let (list, _) = available(built_in, &reversed);
        assert_eq!(latest_version(&list, &id).unwrap().version, "3.0.0");
    }
}
