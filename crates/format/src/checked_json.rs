//! Reading hand-written JSON files (questionnaires and quizzes) so that every problem is
//! reported in words a person editing the file can act on: the field, the line where the
//! file allows, and what to change.
//!
//! Two ways in, with the same rules: [`parse_checked`] for a file a person has just
//! chosen, tracking every field's path and line; [`parse_trusted`] for files that were
//! checked before (bundled with the app, or stored after passing the check), which skips
//! that tracking. The tracking is heavy, so the app's first load only holds the trusted
//! way, and the full check is a code chunk of its own (`ui::extras`).

use std::collections::BTreeSet;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum FileError {
    /// The text is not valid JSON, or a field has the wrong type or is missing.
    Syntax {
        line: usize,
        column: usize,
        /// The field the problem is in, e.g. `principles[0].expectations[2]`; empty when
        /// the problem is with the file as a whole.
        path: String,
        message: String,
    },
    /// The JSON is well formed but breaks one or more rules; each names its field.
    Invalid(Vec<FieldProblem>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldProblem {
    /// Where the problem is, e.g. `principles[2].expectations[0].actions[1].timescale`.
    pub path: String,
    /// The line of the file the field is on, or of the nearest enclosing field when the
    /// field itself is missing.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "Line {line}, ")?;
        }
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::Syntax {
                line,
                column,
                path,
                message,
            } => {
                write!(f, "Line {line}, column {column}: ")?;
                if !path.is_empty() {
                    write!(f, "{path}: ")?;
                }
                write!(f, "{message}")
            }
            FileError::Invalid(problems) => {
                let lines: Vec<String> = problems.iter().map(FieldProblem::to_string).collect();
                write!(f, "{}", lines.join("\n"))
            }
        }
    }
}

/// Reads a file into its raw serde form, then checks and converts it with `build`; any
/// problem `build` records makes the whole file fail, each problem with its line.
pub fn parse_checked<Raw: serde::de::DeserializeOwned, Checked>(
    text: &str,
    build: impl FnOnce(&mut Checker, Raw) -> Checked,
) -> Result<Checked, FileError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let raw = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        syntax_error(
            if path == "." { String::new() } else { path },
            &error.into_inner(),
        )
    })?;
    check(raw, build).map_err(|problems| FileError::Invalid(with_lines(text, problems)))
}

/// The same rules as [`parse_checked`] for a file checked before: a problem names no
/// field path or line (there should be none).
pub fn parse_trusted<Raw: serde::de::DeserializeOwned, Checked>(
    text: &str,
    build: impl FnOnce(&mut Checker, Raw) -> Checked,
) -> Result<Checked, FileError> {
    let raw = serde_json::from_str(text).map_err(|error| syntax_error(String::new(), &error))?;
    check(raw, build).map_err(FileError::Invalid)
}

fn check<Raw, Checked>(
    raw: Raw,
    build: impl FnOnce(&mut Checker, Raw) -> Checked,
) -> Result<Checked, Vec<FieldProblem>> {
    let mut checker = Checker::default();
    let checked = build(&mut checker, raw);
    if checker.problems.is_empty() {
        Ok(checked)
    } else {
        Err(checker.problems)
    }
}

fn syntax_error(path: String, error: &serde_json::Error) -> FileError {
    FileError::Syntax {
        line: error.line(),
        column: error.column(),
        path,
        message: plain_syntax_message(error),
    }
}

/// Rewrites serde's wording (which names Rust types and ends with a position we report
/// separately) into advice about the file.
fn plain_syntax_message(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    let message = full.strip_suffix(&position).unwrap_or(&full);
    let quoted = |m: &str| m.replace('`', "\"");
    if let Some(field) = message.strip_prefix("missing field ") {
        return format!("the field {} is missing: add it", quoted(field));
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let field = rest.split(',').next().unwrap_or(rest);
        return format!(
            "{} is not a field of this format: remove it or correct its spelling",
            quoted(field)
        );
    }
    if message.starts_with("invalid type") || message.starts_with("invalid value") {
        let expected = message
            .rsplit_once(", expected ")
            .map(|(_, expected)| match expected {
                "u8" | "u32" | "usize" => "a whole number",
                "a string" => "text in double quotes",
                "a sequence" => "a list in square brackets",
                "a boolean" => "true or false",
                other if other.starts_with("struct") || other.starts_with("a map") => {
                    "an object in curly brackets"
                }
                other => other,
            })
            .unwrap_or("a different kind of value");
        return format!("the value has the wrong type: it should be {expected}");
    }
    if error.is_eof() {
        return "the file ends too soon: it may have been cut off, or a closing bracket is missing"
            .into();
    }
    if error.is_syntax() {
        return format!("this is not valid JSON ({message}): check for a missing comma, quote or bracket just before this point");
    }
    message.to_owned()
}

/// Adds the line each problem's field is on. A field that is missing has no line of its
/// own, so the nearest enclosing field's line is used.
fn with_lines(text: &str, problems: Vec<FieldProblem>) -> Vec<FieldProblem> {
    let Ok(document) = json_spanned_value::from_str::<json_spanned_value::spanned::Value>(text)
    else {
        return problems;
    };
    problems
        .into_iter()
        .map(|problem| {
            let mut pointer = json_pointer(&problem.path);
            let line = loop {
                if let Some(value) = document.pointer(&pointer) {
                    break Some(text[..value.start()].matches('\n').count() + 1);
                }
                match pointer.rfind('/') {
                    Some(parent) => pointer.truncate(parent),
                    None => break None,
                }
            };
            FieldProblem { line, ..problem }
        })
        .collect()
}

/// `principles[2].expectations[0].id` as a JSON pointer, `/principles/2/expectations/0/id`.
fn json_pointer(path: &str) -> String {
    path.split(['.', '['])
        .filter(|part| !part.is_empty())
        .map(|part| format!("/{}", part.trim_end_matches(']')))
        .collect()
}

/// Ids that would clash with a page address's own words (a member's turn ends at
/// `…/turns/<turn>/finish`).
const RESERVED_IDS: &[&str] = &["finish"];

#[derive(Default)]
pub struct Checker {
    pub problems: Vec<FieldProblem>,
    ids: BTreeSet<String>,
}

impl Checker {
    pub fn problem(&mut self, path: &str, message: impl Into<String>) {
        self.problems.push(FieldProblem {
            path: path.to_owned(),
            line: None,
            message: message.into(),
        });
    }

    pub fn text(&mut self, path: &str, value: String) -> String {
        let trimmed = value.trim();
        if trimmed.is_empty() {
            self.problem(path, "is empty: write the text between the quotes");
        }
        trimmed.to_owned()
    }

    pub fn identifier(&mut self, path: &str, value: String) -> String {
        let valid = !value.is_empty()
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if valid && RESERVED_IDS.contains(&value.as_str()) {
            self.problem(
                path,
                format!(
                    "\"{value}\" is a word this tool uses in its page addresses: choose another id"
                ),
            );
        } else if !valid {
            self.problem(
                path,
                format!(
                    "\"{value}\" is not a valid id: use only lower-case letters, digits and hyphens, for example \"our-principle-1\""
                ),
            );
        }
        value
    }

    pub fn unique_identifier(&mut self, path: &str, value: String) -> String {
        let value = self.identifier(path, value);
        if !self.ids.insert(value.clone()) {
            self.problem(
                path,
                format!("the id \"{value}\" is used more than once: give each one a different id"),
            );
        }
        value
    }
}
