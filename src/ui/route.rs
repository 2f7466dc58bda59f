//! The app's pages as a `Route` enum, read from and written to the URL's hash.
//!
//! Hash routes need no server rewrite rules, so deep links and reloads work from any
//! static file server and from a single file opened as `file://`.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Start,
    NewAssessment,
    TaskList {
        assessment: String,
    },
    Question {
        assessment: String,
        expectation: String,
        from_check: bool,
    },
    CheckAnswers {
        assessment: String,
    },
    Results {
        assessment: String,
    },
    Plan {
        assessment: String,
    },
    Delete {
        assessment: String,
    },
    Report {
        assessment: String,
    },
    SessionReport {
        session: String,
    },
    Progress {
        assessment: String,
    },
    AdviserExport {
        assessment: String,
    },
    /// A member's response for a board session, made from their assessment.
    SessionResponse {
        assessment: String,
    },
    SessionAdviserExport {
        session: String,
    },
    SessionProgress {
        session: String,
    },
    Adviser,
    NewSession,
    ImportSession,
    Session {
        session: String,
    },
    /// A member's turn on the passed device; `turn` is the turn's random id.
    Turn {
        session: String,
        turn: String,
        expectation: String,
    },
    /// Who took part, as counts by sector.
    Attendance {
        session: String,
    },
    Handover {
        session: String,
    },
    ImportResponses {
        session: String,
    },
    Hands {
        session: String,
        expectation: String,
    },
    Discuss {
        session: String,
        expectation: String,
    },
    Agenda {
        session: String,
    },
    SessionResults {
        session: String,
    },
    SessionPlan {
        session: String,
    },
    DeleteSession {
        session: String,
    },
    /// An individual's assessment beside a board's agreed ratings.
    CompareWithBoard {
        assessment: String,
    },
    Questionnaires,
    Quiz,
    QuizQuestion {
        question: String,
    },
    QuizResults,
    QuizTopic {
        topic: String,
    },
    /// The accessibility statement.
    Accessibility,
    /// What the tool stores, where, and how to delete it.
    Privacy,
    /// Download a backup of everything, or restore from one.
    Backup,
    NotFound,
}

impl Route {
    /// Reads a location hash such as `#/assessments/abc/results`.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let owned = |s: &str| s.to_owned();
        match segments.as_slice() {
            [] => Route::Start,
            ["new"] => Route::NewAssessment,
            ["assessments", id] => Route::TaskList {
                assessment: owned(id),
            },
            ["assessments", id, "expectations", e] => Route::Question {
                assessment: owned(id),
                expectation: owned(e),
                from_check: false,
            },
            ["assessments", id, "expectations", e, "change"] => Route::Question {
                assessment: owned(id),
                expectation: owned(e),
                from_check: true,
            },
            ["assessments", id, "check"] => Route::CheckAnswers {
                assessment: owned(id),
            },
            ["assessments", id, "results"] => Route::Results {
                assessment: owned(id),
            },
            ["assessments", id, "plan"] => Route::Plan {
                assessment: owned(id),
            },
            ["assessments", id, "delete"] => Route::Delete {
                assessment: owned(id),
            },
            ["assessments", id, "report"] => Route::Report {
                assessment: owned(id),
            },
            ["sessions", id, "report"] => Route::SessionReport { session: owned(id) },
            ["assessments", id, "progress"] => Route::Progress {
                assessment: owned(id),
            },
            ["sessions", id, "progress"] => Route::SessionProgress { session: owned(id) },
            ["assessments", id, "adviser"] => Route::AdviserExport {
                assessment: owned(id),
            },
            ["sessions", id, "adviser"] => Route::SessionAdviserExport { session: owned(id) },
            ["adviser"] => Route::Adviser,
            ["assessments", id, "compare"] => Route::CompareWithBoard {
                assessment: owned(id),
            },
            ["questionnaires"] => Route::Questionnaires,
            ["quiz"] => Route::Quiz,
            ["quiz", "questions", q] => Route::QuizQuestion { question: owned(q) },
            ["quiz", "results"] => Route::QuizResults,
            ["quiz", "topics", t] => Route::QuizTopic { topic: owned(t) },
            ["accessibility"] => Route::Accessibility,
            ["privacy"] => Route::Privacy,
            ["backup"] => Route::Backup,
            ["sessions", "new"] => Route::NewSession,
            ["sessions", "import"] => Route::ImportSession,
            ["sessions", id] => Route::Session { session: owned(id) },
            ["assessments", id, "response"] => Route::SessionResponse {
                assessment: owned(id),
            },
            ["sessions", id, "attendance"] => Route::Attendance { session: owned(id) },
            ["sessions", id, "turns", p, e] => Route::Turn {
                session: owned(id),
                turn: owned(p),
                expectation: owned(e),
            },
            ["sessions", id, "handover"] => Route::Handover { session: owned(id) },
            ["sessions", id, "import"] => Route::ImportResponses { session: owned(id) },
            ["sessions", id, "hands", e] => Route::Hands {
                session: owned(id),
                expectation: owned(e),
            },
            ["sessions", id, "discuss", e] => Route::Discuss {
                session: owned(id),
                expectation: owned(e),
            },
            ["sessions", id, "agenda"] => Route::Agenda { session: owned(id) },
            ["sessions", id, "results"] => Route::SessionResults { session: owned(id) },
            ["sessions", id, "plan"] => Route::SessionPlan { session: owned(id) },
            ["sessions", id, "delete"] => Route::DeleteSession { session: owned(id) },
            _ => Route::NotFound,
        }
    }

    /// The link to this page, e.g. `#/assessments/abc/results`.
    pub fn href(&self) -> String {
        let path = match self {
            Route::Start => String::new(),
            Route::NewAssessment => "new".into(),
            Route::TaskList { assessment } => format!("assessments/{assessment}"),
            Route::Question {
                assessment,
                expectation,
                from_check,
            } => format!(
                "assessments/{assessment}/expectations/{expectation}{}",
                if *from_check { "/change" } else { "" }
            ),
            Route::CheckAnswers { assessment } => format!("assessments/{assessment}/check"),
            Route::Results { assessment } => format!("assessments/{assessment}/results"),
            Route::Plan { assessment } => format!("assessments/{assessment}/plan"),
            Route::Delete { assessment } => format!("assessments/{assessment}/delete"),
            Route::Report { assessment } => format!("assessments/{assessment}/report"),
            Route::SessionReport { session } => format!("sessions/{session}/report"),
            Route::Progress { assessment } => format!("assessments/{assessment}/progress"),
            Route::AdviserExport { assessment } => format!("assessments/{assessment}/adviser"),
            Route::SessionAdviserExport { session } => format!("sessions/{session}/adviser"),
            Route::SessionProgress { session } => format!("sessions/{session}/progress"),
            Route::Adviser => "adviser".into(),
            Route::NewSession => "sessions/new".into(),
            Route::ImportSession => "sessions/import".into(),
            Route::Session { session } => format!("sessions/{session}"),
            Route::SessionResponse { assessment } => format!("assessments/{assessment}/response"),
            Route::Attendance { session } => format!("sessions/{session}/attendance"),
            Route::Turn {
                session,
                turn,
                expectation,
            } => {
                format!("sessions/{session}/turns/{turn}/{expectation}")
            }
            Route::Handover { session } => format!("sessions/{session}/handover"),
            Route::ImportResponses { session } => format!("sessions/{session}/import"),
            Route::Hands {
                session,
                expectation,
            } => format!("sessions/{session}/hands/{expectation}"),
            Route::Discuss {
                session,
                expectation,
            } => format!("sessions/{session}/discuss/{expectation}"),
            Route::Agenda { session } => format!("sessions/{session}/agenda"),
            Route::SessionResults { session } => format!("sessions/{session}/results"),
            Route::SessionPlan { session } => format!("sessions/{session}/plan"),
            Route::DeleteSession { session } => format!("sessions/{session}/delete"),
            Route::CompareWithBoard { assessment } => format!("assessments/{assessment}/compare"),
            Route::Questionnaires => "questionnaires".into(),
            Route::Quiz => "quiz".into(),
            Route::QuizQuestion { question } => format!("quiz/questions/{question}"),
            Route::QuizResults => "quiz/results".into(),
            Route::QuizTopic { topic } => format!("quiz/topics/{topic}"),
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
    use super::Route;

    #[test]
    fn every_route_round_trips_through_its_href() {
        let a = || "a1b2".to_string();
        let routes = [
            Route::Start,
            Route::NewAssessment,
            Route::TaskList { assessment: a() },
            Route::Question {
                assessment: a(),
                expectation: "participation-1".into(),
                from_check: false,
            },
            Route::Question {
                assessment: a(),
                expectation: "participation-1".into(),
                from_check: true,
            },
            Route::CheckAnswers { assessment: a() },
            Route::Results { assessment: a() },
            Route::Plan { assessment: a() },
            Route::Delete { assessment: a() },
            Route::Report { assessment: a() },
            Route::SessionReport { session: a() },
            Route::Progress { assessment: a() },
            Route::AdviserExport { assessment: a() },
            Route::SessionAdviserExport { session: a() },
            Route::SessionResponse { assessment: a() },
            Route::Attendance { session: a() },
            Route::SessionProgress { session: a() },
            Route::Adviser,
            Route::NewSession,
            Route::ImportSession,
            Route::Session { session: a() },
            Route::Turn {
                session: a(),
                turn: "k3f9x2".into(),
                expectation: "participation-1".into(),
            },
            Route::Handover { session: a() },
            Route::ImportResponses { session: a() },
            Route::Hands {
                session: a(),
                expectation: "governance-2".into(),
            },
            Route::Discuss {
                session: a(),
                expectation: "governance-2".into(),
            },
            Route::Agenda { session: a() },
            Route::SessionResults { session: a() },
            Route::SessionPlan { session: a() },
            Route::DeleteSession { session: a() },
            Route::CompareWithBoard { assessment: a() },
            Route::Questionnaires,
            Route::Quiz,
            Route::QuizQuestion {
                question: "loip-2".into(),
            },
            Route::QuizResults,
            Route::QuizTopic {
                topic: "localities".into(),
            },
            Route::Accessibility,
            Route::Privacy,
            Route::Backup,
        ];
        for route in routes {
            assert_eq!(Route::parse(&route.href()), route, "{}", route.href());
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
            ("#/nonsense/here", Route::NotFound),
            ("#/not-found", Route::NotFound),
        ] {
            assert_eq!(Route::parse(hash), route, "{hash}");
        }
    }
}
