//! The statutory community planning partners (Schedule 1 to the Community Empowerment
//! (Scotland) Act 2015), offered as owners of improvement actions.

pub const STATUTORY_PARTNERS: &[&str] = &[
    "Local authority",
    "Health Board (NHS)",
    "Scottish Enterprise / Highlands and Islands Enterprise",
    "Police Scotland",
    "Scottish Fire and Rescue Service",
    "Regional Transport Partnership",
    "Skills Development Scotland",
    "Integration Joint Board (health and social care)",
    "NatureScot (Scottish Natural Heritage)",
    "Scottish Environment Protection Agency",
    "Historic Environment Scotland",
    "National Park Authority",
    "sportscotland",
    "VisitScotland",
    "Regional college board of management",
    "Regional strategic body (further and higher education)",
];

#[cfg(test)]
mod tests {
    use super::STATUTORY_PARTNERS;
    use std::collections::BTreeSet;

    #[test]
    fn partner_names_are_unique_and_include_the_governance_partners() {
        let unique: BTreeSet<_> = STATUTORY_PARTNERS.iter().collect();
        assert_eq!(unique.len(), STATUTORY_PARTNERS.len());
        for governance_partner in [
            "Local authority",
            "Health Board (NHS)",
            "Police Scotland",
            "Scottish Fire and Rescue Service",
        ] {
            assert!(STATUTORY_PARTNERS.contains(&governance_partner));
        }
    }
}
