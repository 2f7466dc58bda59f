//! The app's pages as a `Route`, read from and written to the URL's hash: the pages of one
//! assessment or one board session are nested under it (`AssessmentPage`, `SessionPage`),
//! and the quiz's under `QuizPage`.
//!
//! Hash routes need no server rewrite rules, so deep links and reloads work from any
//! static file server and from a single file opened as `file://`.

use cpp_format::ballot_code::read_session_code;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Start,
    NewAssessment,
    NewSession,
    /// Open a board session from a file.
    ImportSession,
    /// A member joining a board session by typing its code.
    JoinWithCode,
    /// A member joining a board session from its link: the session's code and the
    /// questionnaire it uses.
    Join {
        session_code: u32,
        questionnaire: String,
        version: String,
    },
    /// One assessment's page.
    Assessment {
        id: String,
        page: AssessmentPage,
    },
    /// One board session's page.
    Session {
        id: String,
        page: SessionPage,
    },
    Quiz(QuizPage),
    Adviser,
    Questionnaires,
    /// The accessibility statement.
    Accessibility,
    /// What the tool stores, where, and how to delete it.
    Privacy,
    /// Download a backup of everything, or restore from one.
    Backup,
    NotFound,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssessmentPage {
    /// The task list: the assessment's home.
    Tasks,
    Question {
        expectation: String,
        /// Reached from "Check your answers", so saving goes back there.
        from_check: bool,
    },
    CheckAnswers,
    Results,
    Plan,
    Report,
    Progress,
    AdviserExport,
    /// A member's response for a board session, made from their assessment.
    Response,
    /// The assessment beside a board's agreed ratings.
    CompareWithBoard,
    Delete,
    /// A member's ballot for a board session, one expectation per screen of their phone.
    Rate {
        expectation: String,
    },
    /// The ballot's ratings on one page, before handing it in.
    Review,
    /// The ballot shown as a code for the facilitator's laptop.
    HandIn,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionPage {
    /// The session's home, with the ballot box's state.
    Home,
    /// A member's turn on the passed device; `turn` is the turn's random id.
    Turn {
        turn: String,
        expectation: String,
    },
    /// Who took part, as counts by sector.
    Attendance,
    Handover,
    ImportResponses,
    /// Members' ballots typed in (or scanned) from the codes their devices show.
    BallotCodes,
    Hands {
        expectation: String,
    },
    Discuss {
        expectation: String,
    },
    /// The discussion as the projector shows it.
    Present {
        expectation: String,
    },
    Agenda,
    Results,
    Plan,
    Report,
    Progress,
    AdviserExport,
    Delete,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuizPage {
    Start,
    Question { question: String },
    Results,
    Topic { topic: String },
}

impl AssessmentPage {
    fn parse(segments: &[&str]) -> Option<AssessmentPage> {
        let question = |e: &str, from_check| AssessmentPage::Question {
            expectation: e.to_owned(),
            from_check,
        };
        Some(match segments {
            [] => AssessmentPage::Tasks,
            ["expectations", e] => question(e, false),
            ["expectations", e, "change"] => question(e, true),
            ["check"] => AssessmentPage::CheckAnswers,
            ["results"] => AssessmentPage::Results,
            ["plan"] => AssessmentPage::Plan,
            ["report"] => AssessmentPage::Report,
            ["progress"] => AssessmentPage::Progress,
            ["adviser"] => AssessmentPage::AdviserExport,
            ["response"] => AssessmentPage::Response,
            ["compare"] => AssessmentPage::CompareWithBoard,
            ["delete"] => AssessmentPage::Delete,
            ["rate", e] => AssessmentPage::Rate {
                expectation: (*e).to_owned(),
            },
            ["review"] => AssessmentPage::Review,
            ["hand-in"] => AssessmentPage::HandIn,
            _ => return None,
        })
    }

    /// The path after the assessment's own, starting `/` (empty for its home).
    fn path(&self) -> String {
        match self {
            AssessmentPage::Tasks => String::new(),
            AssessmentPage::Question {
                expectation,
                from_check,
            } => format!(
                "/expectations/{expectation}{}",
                if *from_check { "/change" } else { "" }
            ),
            AssessmentPage::CheckAnswers => "/check".into(),
            AssessmentPage::Results => "/results".into(),
            AssessmentPage::Plan => "/plan".into(),
            AssessmentPage::Report => "/report".into(),
            AssessmentPage::Progress => "/progress".into(),
            AssessmentPage::AdviserExport => "/adviser".into(),
            AssessmentPage::Response => "/response".into(),
            AssessmentPage::CompareWithBoard => "/compare".into(),
            AssessmentPage::Delete => "/delete".into(),
            AssessmentPage::Rate { expectation } => format!("/rate/{expectation}"),
            AssessmentPage::Review => "/review".into(),
            AssessmentPage::HandIn => "/hand-in".into(),
        }
    }
}

impl SessionPage {
    fn parse(segments: &[&str]) -> Option<SessionPage> {
        let owned = |s: &str| s.to_owned();
        Some(match segments {
            [] => SessionPage::Home,
            ["turns", turn, e] => SessionPage::Turn {
                turn: owned(turn),
                expectation: owned(e),
            },
            ["attendance"] => SessionPage::Attendance,
            ["handover"] => SessionPage::Handover,
            ["import"] => SessionPage::ImportResponses,
            ["codes"] => SessionPage::BallotCodes,
            ["hands", e] => SessionPage::Hands {
                expectation: owned(e),
            },
            ["discuss", e] => SessionPage::Discuss {
                expectation: owned(e),
            },
            ["present", e] => SessionPage::Present {
                expectation: owned(e),
            },
            ["agenda"] => SessionPage::Agenda,
            ["results"] => SessionPage::Results,
            ["plan"] => SessionPage::Plan,
            ["report"] => SessionPage::Report,
            ["progress"] => SessionPage::Progress,
            ["adviser"] => SessionPage::AdviserExport,
            ["delete"] => SessionPage::Delete,
            _ => return None,
        })
    }

    /// The path after the session's own, starting `/` (empty for its home).
    fn path(&self) -> String {
        match self {
            SessionPage::Home => String::new(),
            SessionPage::Turn { turn, expectation } => format!("/turns/{turn}/{expectation}"),
            SessionPage::Attendance => "/attendance".into(),
            SessionPage::Handover => "/handover".into(),
            SessionPage::ImportResponses => "/import".into(),
            SessionPage::BallotCodes => "/codes".into(),
            SessionPage::Hands { expectation } => format!("/hands/{expectation}"),
            SessionPage::Discuss { expectation } => format!("/discuss/{expectation}"),
            SessionPage::Present { expectation } => format!("/present/{expectation}"),
            SessionPage::Agenda => "/agenda".into(),
            SessionPage::Results => "/results".into(),
            SessionPage::Plan => "/plan".into(),
            SessionPage::Report => "/report".into(),
            SessionPage::Progress => "/progress".into(),
            SessionPage::AdviserExport => "/adviser".into(),
            SessionPage::Delete => "/delete".into(),
        }
    }
}

impl QuizPage {
    fn parse(segments: &[&str]) -> Option<QuizPage> {
        Some(match segments {
            [] => QuizPage::Start,
            ["questions", q] => QuizPage::Question {
                question: (*q).to_owned(),
            },
            ["results"] => QuizPage::Results,
            ["topics", t] => QuizPage::Topic {
                topic: (*t).to_owned(),
            },
            _ => return None,
        })
    }

    fn path(&self) -> String {
        match self {
            QuizPage::Start => String::new(),
            QuizPage::Question { question } => format!("/questions/{question}"),
            QuizPage::Results => "/results".into(),
            QuizPage::Topic { topic } => format!("/topics/{topic}"),
        }
    }
}

impl Route {
    pub fn assessment(id: String, page: AssessmentPage) -> Route {
        Route::Assessment { id, page }
    }

    pub fn session(id: String, page: SessionPage) -> Route {
        Route::Session { id, page }
    }

    /// Reads a location hash such as `#/assessments/abc/results`.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let route = match segments.as_slice() {
            [] => Some(Route::Start),
            ["new"] => Some(Route::NewAssessment),
            ["sessions", "new"] => Some(Route::NewSession),
            ["sessions", "import"] => Some(Route::ImportSession),
            ["join"] => Some(Route::JoinWithCode),
            ["join", code, questionnaire, version] => {
                read_session_code(code).map(|session_code| Route::Join {
                    session_code,
                    questionnaire: (*questionnaire).to_owned(),
                    version: (*version).to_owned(),
                })
            }
            ["assessments", id, page @ ..] => {
                AssessmentPage::parse(page).map(|page| Route::assessment((*id).to_owned(), page))
            }
            ["sessions", id, page @ ..] => {
                SessionPage::parse(page).map(|page| Route::session((*id).to_owned(), page))
            }
            ["quiz", page @ ..] => QuizPage::parse(page).map(Route::Quiz),
            ["adviser"] => Some(Route::Adviser),
            ["questionnaires"] => Some(Route::Questionnaires),
            ["accessibility"] => Some(Route::Accessibility),
            ["privacy"] => Some(Route::Privacy),
            ["backup"] => Some(Route::Backup),
            _ => None,
        };
        route.unwrap_or(Route::NotFound)
    }

    /// The link to this page, e.g. `#/assessments/abc/results`.
    pub fn href(&self) -> String {
        let path = match self {
            Route::Start => String::new(),
            Route::NewAssessment => "new".into(),
            Route::NewSession => "sessions/new".into(),
            Route::ImportSession => "sessions/import".into(),
            Route::JoinWithCode => "join".into(),
            Route::Join {
                session_code,
                questionnaire,
                version,
            } => format!("join/{session_code:06}/{questionnaire}/{version}"),
            Route::Assessment { id, page } => format!("assessments/{id}{}", page.path()),
            Route::Session { id, page } => format!("sessions/{id}{}", page.path()),
            Route::Quiz(page) => format!("quiz{}", page.path()),
            Route::Adviser => "adviser".into(),
            Route::Questionnaires => "questionnaires".into(),
            Route::Accessibility => "accessibility".into(),
            Route::Privacy => "privacy".into(),
            Route::Backup => "backup".into(),
            Route::NotFound => "not-found".into(),
        };
        format!("#/{path}")
    }
}

#[cfg(test)]
mod tests {
    use super::{AssessmentPage, QuizPage, Route, SessionPage};

    /// One example of every page that has a link.
    fn examples() -> Vec<Route> {
        let expectation = || "participation-1".to_string();
        let assessment_pages = [
            AssessmentPage::Tasks,
            AssessmentPage::Question {
                expectation: expectation(),
                from_check: false,
            },
            AssessmentPage::Question {
                expectation: expectation(),
                from_check: true,
            },
            AssessmentPage::CheckAnswers,
            AssessmentPage::Results,
            AssessmentPage::Plan,
            AssessmentPage::Report,
            AssessmentPage::Progress,
            AssessmentPage::AdviserExport,
            AssessmentPage::Response,
            AssessmentPage::CompareWithBoard,
            AssessmentPage::Delete,
            AssessmentPage::Rate {
                expectation: expectation(),
            },
            AssessmentPage::Review,
            AssessmentPage::HandIn,
        ];
        let session_pages = [
            SessionPage::Home,
            SessionPage::Turn {
                turn: "k3f9x2".into(),
                expectation: expectation(),
            },
            SessionPage::Attendance,
            SessionPage::Handover,
            SessionPage::ImportResponses,
            SessionPage::BallotCodes,
            SessionPage::Hands {
                expectation: "governance-2".into(),
            },
            SessionPage::Discuss {
                expectation: "governance-2".into(),
            },
            SessionPage::Present {
                expectation: "governance-2".into(),
            },
            SessionPage::Agenda,
            SessionPage::Results,
            SessionPage::Plan,
            SessionPage::Report,
            SessionPage::Progress,
            SessionPage::AdviserExport,
            SessionPage::Delete,
        ];
        let quiz_pages = [
            QuizPage::Start,
            QuizPage::Question {
                question: "loip-2".into(),
            },
            QuizPage::Results,
            QuizPage::Topic {
                topic: "localities".into(),
            },
        ];
        let mut routes = vec![
            Route::Start,
            Route::NewAssessment,
            Route::NewSession,
            Route::ImportSession,
            Route::Adviser,
            Route::Questionnaires,
            Route::Accessibility,
            Route::Privacy,
            Route::Backup,
            Route::JoinWithCode,
            Route::Join {
                session_code: 4_821,
                questionnaire: "principles-of-effective-community-planning".into(),
                version: "1.0.0".into(),
            },
        ];
        routes.extend(
            assessment_pages
                .into_iter()
                .map(|page| Route::assessment("a1b2".into(), page)),
        );
        routes.extend(
            session_pages
                .into_iter()
                .map(|page| Route::session("a1b2".into(), page)),
        );
        routes.extend(quiz_pages.into_iter().map(Route::Quiz));
        routes
    }

    /// Which page a route is, by name. No arm is a wildcard, so a page added to any of the
    /// enums does not compile until it is named here; then `EVERY_PAGE` counts it, and the
    /// test fails until it has an example.
    fn page_name(route: &Route) -> &'static str {
        match route {
            Route::Start => "start",
            Route::NewAssessment => "new assessment",
            Route::NewSession => "new session",
            Route::ImportSession => "import session",
            Route::Adviser => "adviser",
            Route::Questionnaires => "questionnaires",
            Route::Accessibility => "accessibility",
            Route::Privacy => "privacy",
            Route::Backup => "backup",
            Route::NotFound => "not found",
            Route::JoinWithCode => "join with code",
            Route::Join { .. } => "join",
            Route::Assessment { page, .. } => match page {
                AssessmentPage::Tasks => "assessment tasks",
                AssessmentPage::Question { .. } => "assessment question",
                AssessmentPage::CheckAnswers => "assessment check answers",
                AssessmentPage::Results => "assessment results",
                AssessmentPage::Plan => "assessment plan",
                AssessmentPage::Report => "assessment report",
                AssessmentPage::Progress => "assessment progress",
                AssessmentPage::AdviserExport => "assessment adviser export",
                AssessmentPage::Response => "assessment response",
                AssessmentPage::CompareWithBoard => "assessment compare",
                AssessmentPage::Delete => "assessment delete",
                AssessmentPage::Rate { .. } => "ballot rate",
                AssessmentPage::Review => "ballot review",
                AssessmentPage::HandIn => "ballot hand in",
            },
            Route::Session { page, .. } => match page {
                SessionPage::Home => "session home",
                SessionPage::Turn { .. } => "session turn",
                SessionPage::Attendance => "session attendance",
                SessionPage::Handover => "session handover",
                SessionPage::ImportResponses => "session import responses",
                SessionPage::BallotCodes => "session ballot codes",
                SessionPage::Hands { .. } => "session hands",
                SessionPage::Discuss { .. } => "session discuss",
                SessionPage::Present { .. } => "session present",
                SessionPage::Agenda => "session agenda",
                SessionPage::Results => "session results",
                SessionPage::Plan => "session plan",
                SessionPage::Report => "session report",
                SessionPage::Progress => "session progress",
                SessionPage::AdviserExport => "session adviser export",
                SessionPage::Delete => "session delete",
            },
            Route::Quiz(page) => match page {
                QuizPage::Start => "quiz start",
                QuizPage::Question { .. } => "quiz question",
                QuizPage::Results => "quiz results",
                QuizPage::Topic { .. } => "quiz topic",
            },
        }
    }

    /// How many names `page_name` gives.
    const EVERY_PAGE: usize = 46;

    #[test]
    fn every_route_round_trips_through_its_href() {
        for route in examples() {
            assert_eq!(Route::parse(&route.href()), route, "{}", route.href());
        }
    }

    #[test]
    fn every_page_has_an_example_and_a_link_of_its_own() {
        let examples = examples();
        let names: std::collections::BTreeSet<&str> = examples.iter().map(page_name).collect();
        // Every page but "not found" (which no link goes to) has an example.
        assert_eq!(names.len(), EVERY_PAGE - 1, "{names:?}");
        let links: std::collections::BTreeSet<String> = examples.iter().map(Route::href).collect();
        assert_eq!(links.len(), examples.len(), "two pages share a link");
    }

    #[test]
    fn the_old_flat_links_still_open_the_same_pages() {
        // Links people may have bookmarked or left in an open tab.
        for (hash, route) in [
            (
                "#/assessments/a1/expectations/governance-1/change",
                Route::assessment(
                    "a1".into(),
                    AssessmentPage::Question {
                        expectation: "governance-1".into(),
                        from_check: true,
                    },
                ),
            ),
            (
                "#/sessions/s1/results",
                Route::session("s1".into(), SessionPage::Results),
            ),
            (
                "#/sessions/s1",
                Route::session("s1".into(), SessionPage::Home),
            ),
            (
                "#/assessments/a1",
                Route::assessment("a1".into(), AssessmentPage::Tasks),
            ),
            ("#/quiz", Route::Quiz(QuizPage::Start)),
        ] {
            assert_eq!(Route::parse(hash), route, "{hash}");
        }
    }

    #[test]
    fn unusual_hashes() {
        for (hash, route) in [
            ("", Route::Start),
            ("#", Route::Start),
            ("#/", Route::Start),
            ("#/new/", Route::NewAssessment),
            ("#/assessments", Route::NotFound),
            ("#/assessments/a1/nonsense", Route::NotFound),
            ("#/sessions/s1/turns/t1", Route::NotFound),
            ("#/join/12345/q/1.0.0", Route::NotFound),
            ("#/join/123456/q", Route::NotFound),
            (
                "#/join/004821/q/1.0.0",
                Route::Join {
                    session_code: 4_821,
                    questionnaire: "q".into(),
                    version: "1.0.0".into(),
                },
            ),
            ("#/quiz/questions", Route::NotFound),
            ("#/nonsense/here", Route::NotFound),
            ("#/not-found", Route::NotFound),
        ] {
            assert_eq!(Route::parse(hash), route, "{hash}");
        }
    }
}
