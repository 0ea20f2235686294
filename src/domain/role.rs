//! Who can do what: the back-office roles of PRODUCT.md §1.

/// A back-office role. Candidates hold none: they act through their organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Operator of the platform: users, calls, networks, settings.
    Admin,
    /// Comité de pilotage: sees all dossiers, selects, decides, publishes.
    Steering,
    /// Référent of one partner network: follows and screens its dossiers.
    Referent,
    /// Évaluateur: scores the dossiers assigned to them.
    Reviewer,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Steering, Role::Referent, Role::Reviewer];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Steering => "steering",
            Role::Referent => "referent",
            Role::Reviewer => "reviewer",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// A referent speaks for one partner network; the other roles for none.
    pub fn needs_network(self) -> bool {
        self == Role::Referent
    }
}
