//! The published call kept in memory for the public pages, read again from the database after
//! `CONTENT_CACHE_SECONDS`, so that a public page costs no query in the common case.

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use crate::db::Db;
use crate::domain::call::Call;
use crate::domain::lang::Lang;

use super::markdown;

/// The call with its Markdown sections already rendered to safe HTML in both languages.
#[derive(Debug)]
pub struct PublishedCall {
    pub call: Call,
    sections_fr: Vec<String>,
    sections_en: Vec<String>,
}

impl PublishedCall {
    pub fn new(call: Call) -> PublishedCall {
        let render = |lang: Lang| -> Vec<String> {
            call.sections
                .iter()
                .map(|s| markdown::render(s.body.get(lang), &format!("{}-{}", s.slug, lang.code())))
                .collect()
        };
        let sections_fr = render(Lang::Fr);
        let sections_en = render(Lang::En);
        PublishedCall { call, sections_fr, sections_en }
    }

    /// The safe HTML of section `index` in `lang`.
    pub fn section_html(&self, index: usize, lang: Lang) -> &str {
        let sections = match lang {
            Lang::Fr => &self.sections_fr,
            Lang::En => &self.sections_en,
        };
        sections.get(index).map(String::as_str).unwrap_or_default()
    }
}

#[derive(Debug)]
pub struct ContentCache {
    ttl: Duration,
    slot: RwLock<Option<(Instant, Option<Arc<PublishedCall>>)>>,
}

impl ContentCache {
    pub fn new(ttl: Duration) -> ContentCache {
        ContentCache { ttl, slot: RwLock::new(None) }
    }

    /// The published call, from memory if read less than `ttl` ago.
    pub async fn call(&self, db: &Db) -> Result<Option<Arc<PublishedCall>>, sqlx::Error> {
        if let Ok(slot) = self.slot.read()
            && let Some((read_at, call)) = slot.as_ref()
            && read_at.elapsed() < self.ttl
        {
            return Ok(call.clone());
        }
        let call = db.current_call().await?.map(|c| Arc::new(PublishedCall::new(c)));
        if let Ok(mut slot) = self.slot.write() {
            *slot = Some((Instant::now(), call.clone()));
        }
        Ok(call)
    }

    /// Forgets what is in memory, after this server changed the call.
    pub fn invalidate(&self) {
        if let Ok(mut slot) = self.slot.write() {
            *slot = None;
        }
    }
}
