//! Who may see or change what, as pure predicates over the account and the object: handlers
//! call them before acting, and the access tests exercise them through every route.

use crate::db::accounts::Account;
use crate::db::dossiers::Dossier;
use crate::domain::role::Role;

/// A member of the dossier's organisation: its candidates and co-editors (PRODUCT.md §1).
pub fn is_dossier_member(account: &Account, dossier: &Dossier) -> bool {
    account.organisation_id == Some(dossier.organisation_id)
}

/// Seeing a dossier: its organisation's members, the steering group and administrators, and
/// the referents of the network it is routed to. Reviewers see the dossiers assigned to them
/// (issue 5); until assignments exist, none.
pub fn can_view_dossier(account: &Account, dossier: &Dossier, network_slug: Option<&str>) -> bool {
    is_dossier_member(account, dossier)
        || account.has_role(Role::Steering)
        || account.has_role(Role::Admin)
        || account.roles.iter().any(|(role, network)| {
            *role == Role::Referent && network.is_some() && network.as_deref() == network_slug
        })
}

/// Changing a dossier's answers, submitting or withdrawing it: only its organisation's members,
/// in a state where the candidate may edit (the deadline is checked by the use case).
pub fn can_edit_dossier(account: &Account, dossier: &Dossier) -> bool {
    is_dossier_member(account, dossier) && dossier.state.candidate_may_edit()
}

/// Screening a dossier — taking it into screening, asking for a complement: the referents of
/// the network it is routed to, the steering group and administrators. Not its reviewers, nor
/// its candidates.
pub fn can_screen_dossier(account: &Account, network_slug: Option<&str>) -> bool {
    account.has_role(Role::Steering)
        || account.has_role(Role::Admin)
        || account.roles.iter().any(|(role, network)| {
            *role == Role::Referent && network.is_some() && network.as_deref() == network_slug
        })
}
