//! An institutional partner of the call (objective 5 of the call: partnerships with the
//! national institutions of spatial planning and local development): who it is, what kind of
//! body, its website and a short description, as the steering group types them.

use crate::domain::pole::{InputIssue, website};

/// Longest name, in characters.
pub const MAX_NAME: usize = 150;
/// Longest description, in characters.
pub const MAX_DESCRIPTION: usize = 600;

/// What kind of body a partner is; the public page groups partners in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartnerKind {
    /// A ministry or a State service (a délégation interministérielle…).
    State,
    /// A national public body or agency (Caisse des Dépôts…).
    PublicBody,
    /// A region, a department, an intercommunal body…
    LocalAuthority,
    /// A bank, a foundation, a mutual insurer funding the call.
    Funder,
    Other,
}

impl PartnerKind {
    pub const ALL: [PartnerKind; 5] = [
        PartnerKind::State,
        PartnerKind::PublicBody,
        PartnerKind::LocalAuthority,
        PartnerKind::Funder,
        PartnerKind::Other,
    ];

    /// The stored code, also the form's value and the end of its message key
    /// (`promotion-kind-…`).
    pub fn code(self) -> &'static str {
        match self {
            PartnerKind::State => "etat",
            PartnerKind::PublicBody => "etablissement-public",
            PartnerKind::LocalAuthority => "collectivite",
            PartnerKind::Funder => "financeur",
            PartnerKind::Other => "autre",
        }
    }

    pub fn parse(code: &str) -> Option<PartnerKind> {
        PartnerKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// What the steering group typed.
#[derive(Debug, Clone, Default)]
pub struct PartnerInput {
    pub name: String,
    pub kind: String,
    pub website: String,
    pub description: String,
}

/// A partner read from the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partner {
    pub name: String,
    pub kind: PartnerKind,
    /// A full http(s) address, or empty.
    pub website: String,
    pub description: String,
}

/// Reads the form: the partner, or the issues next to each field (`name`, `kind`, `website`,
/// `description`; messages in locales/*/promotion.ftl).
pub fn parse_partner(input: &PartnerInput) -> Result<Partner, Vec<InputIssue>> {
    let mut issues = Vec::new();
    let name = input.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        issues.push(InputIssue { field: "name", message: "promotion-partner-error-name" });
    } else if name.chars().count() > MAX_NAME {
        issues.push(InputIssue { field: "name", message: "promotion-partner-error-name-long" });
    }
    let kind = PartnerKind::parse(input.kind.trim());
    if kind.is_none() {
        issues.push(InputIssue { field: "kind", message: "promotion-partner-error-kind" });
    }
    let typed_site = input.website.trim();
    let site = if typed_site.is_empty() { Some(String::new()) } else { website(typed_site) };
    if site.is_none() {
        issues.push(InputIssue { field: "website", message: "promotion-partner-error-website" });
    }
    let description = input.description.trim().replace("\r\n", "\n");
    if description.chars().count() > MAX_DESCRIPTION {
        issues.push(InputIssue {
            field: "description",
            message: "promotion-partner-error-description",
        });
    }
    match (kind, site) {
        (Some(kind), Some(website)) if issues.is_empty() => {
            Ok(Partner { name, kind, website, description })
        }
        _ => Err(issues),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partner_is_read_with_its_website_made_a_full_address() {
        let input = PartnerInput {
            name: "  Caisse des  Dépôts ".into(),
            kind: "etablissement-public".into(),
            website: "www.caissedesdepots.fr".into(),
            description: "Soutient le développement des PTCE.\r\n".into(),
        };
        assert_eq!(
            parse_partner(&input),
            Ok(Partner {
                name: "Caisse des Dépôts".into(),
                kind: PartnerKind::PublicBody,
                website: "https://www.caissedesdepots.fr/".into(),
                description: "Soutient le développement des PTCE.".into(),
            })
        );
    }

    #[test]
    fn a_partner_without_a_name_or_with_a_bad_kind_or_website_is_refused_next_to_each_field() {
        let input = PartnerInput {
            name: "   ".into(),
            kind: "banque".into(),
            website: "javascript:alert(1)".into(),
            description: "x".repeat(MAX_DESCRIPTION + 1),
        };
        let issues = parse_partner(&input).expect_err("refused");
        assert_eq!(
            issues.iter().map(|i| (i.field, i.message)).collect::<Vec<_>>(),
            [
                ("name", "promotion-partner-error-name"),
                ("kind", "promotion-partner-error-kind"),
                ("website", "promotion-partner-error-website"),
                ("description", "promotion-partner-error-description"),
            ]
        );
    }

    #[test]
    fn every_kind_reads_back_from_its_code() {
        for kind in PartnerKind::ALL {
            assert_eq!(PartnerKind::parse(kind.code()), Some(kind));
        }
        assert_eq!(PartnerKind::parse(""), None);
    }
}
