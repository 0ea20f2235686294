//! Bulk actions on the dossiers ticked in the back office's list: add or remove a label, take
//! into screening, assign to a network (steering group). Two steps: `POST /gestion/dossiers/lot`
//! shows what will change and for which dossiers (and which are left alone, with the reason);
//! `POST /gestion/dossiers/lot/confirmation` does it, checking each dossier again.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use fluent_templates::fluent_bundle::FluentValue;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::session::CurrentUser;
use crate::db::accounts::Account;
use crate::db::dossier_list::{Actor, Label};
use crate::domain::dossier::DossierState;
use crate::domain::lang::Lang;
use crate::i18n;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::handlers::backoffice::dossiers::scope;
use crate::web::page::Page;

/// Most dossiers one bulk action takes (the list shows 50 per page).
const MAX_DOSSIERS: usize = 500;
/// Longest label name.
pub const MAX_LABEL: usize = 60;

/// What to do to the ticked dossiers.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Action {
    Label(String),
    Unlabel(String),
    Screening,
    Network(String),
}

impl Action {
    fn describe(&self, lang: Lang, network_name: &str) -> String {
        match self {
            Action::Label(name) => format!("{} « {name} »", i18n::t(lang, "bulk-action-label")),
            Action::Unlabel(name) => {
                format!("{} « {name} »", i18n::t(lang, "bulk-action-unlabel"))
            }
            Action::Screening => i18n::t(lang, "bulk-action-screening"),
            Action::Network(_) => {
                format!("{} : {network_name}", i18n::t(lang, "bulk-action-network"))
            }
        }
    }
}

/// The form of both steps, read from repeated fields.
#[derive(Debug, Default)]
struct BulkInput {
    dossiers: Vec<Uuid>,
    action: String,
    label: String,
    network: String,
    /// The list's query string, to go back to the same list.
    filter: String,
    /// Ids that did not read (a tampered form): refused as a whole.
    malformed: bool,
}

impl BulkInput {
    fn read(pairs: Vec<(String, String)>) -> BulkInput {
        let mut input = BulkInput::default();
        for (name, value) in pairs {
            match name.as_str() {
                "dossiers" => match Uuid::parse_str(&value) {
                    Ok(id) if !input.dossiers.contains(&id) => input.dossiers.push(id),
                    Ok(_) => {}
                    Err(_) => input.malformed = true,
                },
                "action" => input.action = value,
                "etiquette" => input.label = value.trim().to_owned(),
                "reseau" => input.network = value,
                "filtre" => input.filter = value,
                _ => {}
            }
        }
        input
    }

    /// The action, or the message that says what is missing.
    fn action(&self, account: &Account, networks: &[String]) -> Result<Action, &'static str> {
        if self.dossiers.is_empty() || self.malformed {
            return Err("bulk-none-selected");
        }
        let label = || {
            if self.label.is_empty() {
                Err("bulk-label-required")
            } else if self.label.chars().count() > MAX_LABEL {
                Err("labels-name-too-long")
            } else {
                Ok(self.label.clone())
            }
        };
        match self.action.as_str() {
            "etiqueter" => label().map(Action::Label),
            "desetiqueter" => label().map(Action::Unlabel),
            "reperage" => Ok(Action::Screening),
            "reseau" if scope(account).is_none() => {
                if networks.contains(&self.network) {
                    Ok(Action::Network(self.network.clone()))
                } else {
                    Err("bulk-network-required")
                }
            }
            _ => Err("bulk-unknown-action"),
        }
    }
}

/// A ticked dossier and whether the action changes it.
struct Planned {
    id: Uuid,
    reference: String,
    title: String,
    /// Why nothing changes for it; None: the action applies.
    skip: Option<String>,
}

/// What the action would do, dossier by dossier. Dossiers the account may not see are counted
/// apart, without their reference.
async fn plan(
    app: &AppState,
    account: &Account,
    lang: Lang,
    call_id: Uuid,
    action: &Action,
    ids: &[Uuid],
    labels: &[Label],
) -> Result<(Vec<Planned>, usize), AppError> {
    let label = match action {
        Action::Label(name) | Action::Unlabel(name) => labels.iter().find(|l| &l.name == name),
        _ => None,
    };
    let current_labels = app.db.labels_of(ids).await?;
    let mut planned = Vec::new();
    let mut hidden = 0;
    for id in ids.iter().take(MAX_DOSSIERS) {
        let Some(dossier) = app.db.dossier(*id).await? else {
            hidden += 1;
            continue;
        };
        let network = app.db.dossier_network(*id).await?;
        // The list's scope: steering sees all, a referent their networks' dossiers.
        let visible = account.is_back_office()
            && scope(account).is_none_or(|mine| network.as_ref().is_some_and(|n| mine.contains(n)));
        if dossier.state == DossierState::Draft || dossier.call_id != call_id || !visible {
            hidden += 1;
            continue;
        }
        let has = |l: &Label| current_labels.iter().any(|(d, x)| d == id && x.id == l.id);
        let skip = match action {
            Action::Label(_) => label.filter(|l| has(l)).map(|_| "bulk-skip-has-label"),
            Action::Unlabel(_) => match label {
                Some(l) if has(l) => None,
                _ => Some("bulk-skip-no-label"),
            },
            Action::Screening => {
                dossier.state.take_into_screening().err().map(|_| "bulk-skip-state")
            }
            Action::Network(slug) => {
                (network.as_deref() == Some(slug.as_str())).then_some("bulk-skip-same-network")
            }
        };
        planned.push(Planned {
            id: *id,
            reference: dossier.reference.clone(),
            title: dossier.title.clone(),
            skip: skip.map(|key| {
                i18n::t_args(
                    lang,
                    key,
                    &[("state", FluentValue::from(dossier.state.label(lang).to_owned()))],
                )
            }),
        });
    }
    Ok((planned, hidden))
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/bulk.html")]
pub struct BulkPage {
    page: Page,
    title: String,
    action_text: String,
    error: Option<String>,
    applies: Vec<(Uuid, String, String)>,
    skipped: Vec<(String, String, String)>,
    hidden: usize,
    hidden_text: String,
    back: String,
    /// The fields to send again on confirmation.
    action: String,
    label: String,
    network: String,
    filter: String,
}

/// The form of either step, the current call and its networks' slugs.
async fn read(
    app: &AppState,
    pairs: Vec<(String, String)>,
) -> Result<(BulkInput, std::sync::Arc<crate::web::content::PublishedCall>, Vec<String>), AppError>
{
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let networks = call.call.networks.iter().map(|n| n.slug.clone()).collect();
    Ok((BulkInput::read(pairs), call, networks))
}

/// `POST /gestion/dossiers/lot`: what the action would do, to confirm.
pub async fn prepare(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (input, call, networks) = read(&app, pairs).await?;
    let call = &call.call;
    let lang = page.lang;
    let back = format!("/gestion/dossiers?{}", input.filter);
    let mut rendered = BulkPage {
        title: i18n::t_args(lang, "bulk-confirm-title", &[("count", FluentValue::from(0))]),
        action_text: String::new(),
        error: None,
        applies: Vec::new(),
        skipped: Vec::new(),
        hidden: 0,
        hidden_text: String::new(),
        back,
        action: input.action.clone(),
        label: input.label.clone(),
        network: input.network.clone(),
        filter: input.filter.clone(),
        page,
    };
    let action = match input.action(&account, &networks) {
        Ok(action) => action,
        Err(key) => {
            rendered.error = Some(i18n::t(lang, key));
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response());
        }
    };
    let labels = app.db.labels(call.id).await?;
    let (planned, hidden) =
        plan(&app, &account, lang, call.id, &action, &input.dossiers, &labels).await?;
    let network_name = call
        .networks
        .iter()
        .find(|n| Action::Network(n.slug.clone()) == action)
        .map(|n| n.name.get(lang).to_owned())
        .unwrap_or_default();
    rendered.action_text = i18n::t_args(
        lang,
        "bulk-confirm-what",
        &[("action", FluentValue::from(action.describe(lang, &network_name)))],
    );
    for line in planned {
        match line.skip {
            None => rendered.applies.push((line.id, line.reference, line.title)),
            Some(reason) => rendered.skipped.push((line.reference, line.title, reason)),
        }
    }
    rendered.hidden = hidden;
    rendered.hidden_text = format!("{hidden} — {}", i18n::t(lang, "bulk-skip-not-visible"));
    rendered.title = i18n::t_args(
        lang,
        "bulk-confirm-title",
        &[("count", FluentValue::from(rendered.applies.len()))],
    );
    if rendered.applies.is_empty() {
        rendered.error = Some(i18n::t(lang, "bulk-nothing-applies"));
    }
    Ok(rendered.into_response())
}

/// `POST /gestion/dossiers/lot/confirmation`: does the action on the dossiers it applies to
/// now (each is checked again), then back to the list with how many changed. Side effects:
/// per action, label rows and one audit entry; or each dossier's state / network with its
/// history row and audit entry (as from the dossier's page).
pub async fn confirm(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (input, call, networks) = read(&app, pairs).await?;
    let call = &call.call;
    let lang = page.lang;
    let Ok(action) = input.action(&account, &networks) else {
        // The confirmation page only offers valid forms: start again from the list.
        return Ok(Redirect::to(&format!("/gestion/dossiers?{}", input.filter)).into_response());
    };
    let labels = app.db.labels(call.id).await?;
    let (planned, _) =
        plan(&app, &account, lang, call.id, &action, &input.dossiers, &labels).await?;
    let ids: Vec<Uuid> = planned.iter().filter(|p| p.skip.is_none()).map(|p| p.id).collect();
    let now = OffsetDateTime::now_utc();
    let actor = Actor { id: account.id, client: &client };
    let mut done = 0u64;
    match &action {
        Action::Label(name) | Action::Unlabel(name) => {
            let on = matches!(action, Action::Label(_));
            let label = match labels.iter().find(|l| &l.name == name) {
                Some(label) => label.clone(),
                None if on => app.db.label_named(call.id, name, account.id, now).await?,
                None => Label { id: Uuid::nil(), name: name.clone() },
            };
            done = app.db.set_label(&ids, &label, on, &actor, now).await?;
            crate::search::refresh(&app, &ids).await;
        }
        Action::Screening => {
            for id in &ids {
                let Some(dossier) = app.db.dossier(*id).await? else { continue };
                let moved = crate::exchanges::complements::take_into_screening(
                    &app, &account, &dossier, &client, now,
                )
                .await?;
                if moved.is_ok() {
                    done += 1;
                }
            }
        }
        Action::Network(slug) => {
            for id in &ids {
                if crate::exchanges::reassign(&app, &account, *id, Some(slug), &client, now).await?
                {
                    done += 1;
                }
            }
        }
    }
    let separator = if input.filter.is_empty() { "" } else { "&" };
    Ok(Redirect::to(&format!(
        "/gestion/dossiers?{}{separator}fait=lot&n={done}#count",
        input.filter
    ))
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_ticks_are_read_once_and_a_tampered_id_refuses_the_whole_form() {
        let id = Uuid::now_v7();
        let input = BulkInput::read(vec![
            ("dossiers".into(), id.to_string()),
            ("dossiers".into(), id.to_string()),
            ("action".into(), "etiqueter".into()),
            ("etiquette".into(), "  à relancer ".into()),
        ]);
        assert_eq!(input.dossiers, vec![id]);
        assert_eq!(input.label, "à relancer");
        assert!(!input.malformed);
        let tampered = BulkInput::read(vec![("dossiers".into(), "1 OR 1=1".into())]);
        assert!(tampered.malformed);
    }
}
