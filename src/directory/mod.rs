//! The public directory of poles and its map: the filters of `/annuaire`, `/carte` and their
//! embeds read from the query string, the published poles that match them, and the pages.
//!
//! The search runs in memory over the published poles of the call, with the back office's
//! terms (src/domain/search.rs: accents folded, French stems, prefixes): there are tens of
//! poles, a few thousand at most, so a database index would buy nothing, and what is searched
//! is the published content only — never a dossier's answers.

use crate::domain::pole::PoleContent;
use crate::domain::search::{self, Query as SearchQuery, QueryError};
use crate::domain::territory::{Department, Gazetteer, InseeCode, Region};

/// Poles per page of the directory.
pub const PAGE_SIZE: usize = 20;

/// The filter parameters as URLs carry them (the directory's GET form, the map, the embeds and
/// the snippet page share them), with their message keys in locales/*/directory.ftl.
pub const PARAMS: [(&str, &str); 9] = [
    ("q", "directory-search"),
    ("region2011", "directory-region-2011"),
    ("region", "directory-region"),
    ("departement", "directory-department"),
    ("secteur", "directory-sector"),
    ("profil", "directory-profile"),
    ("mutualisation", "directory-mutualisation"),
    ("parcours", "directory-track"),
    ("annee", "directory-year"),
];

/// The query string as typed or linked: every value is text, read by [`read`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectoryQuery {
    pub q: String,
    pub region2011: String,
    pub region: String,
    pub departement: String,
    pub secteur: String,
    pub profil: String,
    pub mutualisation: String,
    pub parcours: String,
    pub annee: String,
    pub page: String,
}

impl DirectoryQuery {
    /// Reads a raw query string (no `?`). Other parameters (`lang`…) are left to others; a
    /// parameter given twice keeps its first value. Never fails: what does not read is text
    /// that [`read`] ignores and says so.
    pub fn parse(raw: &str) -> DirectoryQuery {
        let mut query = DirectoryQuery::default();
        for (name, value) in url::form_urlencoded::parse(raw.as_bytes()) {
            let Some(slot) = query.slot(&name) else { continue };
            if slot.is_empty() {
                // A select's "all" is the empty value; spaces typed around a value do not count.
                value.trim().clone_into(slot);
            }
        }
        query
    }

    fn slot(&mut self, name: &str) -> Option<&mut String> {
        Some(match name {
            "q" => &mut self.q,
            "region2011" => &mut self.region2011,
            "region" => &mut self.region,
            "departement" => &mut self.departement,
            "secteur" => &mut self.secteur,
            "profil" => &mut self.profil,
            "mutualisation" => &mut self.mutualisation,
            "parcours" => &mut self.parcours,
            "annee" => &mut self.annee,
            "page" => &mut self.page,
            _ => return None,
        })
    }

    /// The value of a filter parameter of [`PARAMS`].
    pub fn get(&self, name: &str) -> &str {
        match name {
            "q" => &self.q,
            "region2011" => &self.region2011,
            "region" => &self.region,
            "departement" => &self.departement,
            "secteur" => &self.secteur,
            "profil" => &self.profil,
            "mutualisation" => &self.mutualisation,
            "parcours" => &self.parcours,
            "annee" => &self.annee,
            "page" => &self.page,
            _ => "",
        }
    }

    /// The filters in use as (name, value), in [`PARAMS`] order, without the page.
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        PARAMS
            .iter()
            .map(|(name, _)| (*name, self.get(name)))
            .filter(|(_, value)| !value.is_empty())
            .collect()
    }

    /// The query string of the filters (no `?`, empty without filters), `extra` pairs after.
    pub fn to_query_string(&self, extra: &[(&str, &str)]) -> String {
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in self.pairs().into_iter().chain(extra.iter().copied()) {
            out.append_pair(name, value);
        }
        out.finish()
    }

    /// `path` with the filters' query string, if any.
    pub fn link(&self, path: &str, extra: &[(&str, &str)]) -> String {
        let query = self.to_query_string(extra);
        if query.is_empty() { path.to_owned() } else { format!("{path}?{query}") }
    }
}

/// The codes the filters accept, with their labels in the reader's language: (code, label).
/// The sectors, profiles and mutualisations are the options of the tracks' forms.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    pub tracks: Vec<(String, String)>,
    pub sectors: Vec<(String, String)>,
    pub profiles: Vec<(String, String)>,
    pub mutualisations: Vec<(String, String)>,
}

fn label<'a>(list: &'a [(String, String)], code: &'a str) -> &'a str {
    list.iter().find(|(c, _)| c == code).map_or(code, |(_, label)| label.as_str())
}

fn known(list: &[(String, String)], code: &str) -> Option<String> {
    list.iter().any(|(c, _)| c == code).then(|| code.to_owned())
}

/// The filters read: each `None` when not used (or ignored).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub text: Option<SearchQuery>,
    pub region_2011: Option<&'static Region>,
    pub region: Option<&'static Region>,
    pub department: Option<&'static Department>,
    pub sector: Option<String>,
    pub profile: Option<String>,
    pub mutualisation: Option<String>,
    pub track: Option<String>,
    pub year: Option<i32>,
}

/// A parameter whose value was not used, to be said on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored {
    /// The parameter's name (`secteur`, `page`…).
    pub param: &'static str,
    pub value: String,
    /// For the search only: why the text could not be searched.
    pub search: Option<QueryError>,
}

/// What a query string asks: the filters, the page (from 1) and what was ignored.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    pub filter: Filter,
    pub page: usize,
    pub ignored: Vec<Ignored>,
}

/// Oldest and latest year a pole's call may have: beyond, a year is not a year of the call.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Reads the filters of a query: a value the vocabulary (or the gazetteer) does not know is
/// ignored and listed, never an error.
pub fn read(query: &DirectoryQuery, vocabulary: &Vocabulary) -> Reading {
    let places = Gazetteer::global();
    let mut ignored = Vec::new();
    let mut check = |param: &'static str, value: &str, found: bool| {
        if !value.is_empty() && !found {
            ignored.push(Ignored { param, value: value.to_owned(), search: None });
        }
    };
    let region_2011 = places.region_2011(&query.region2011);
    check("region2011", &query.region2011, region_2011.is_some());
    let region = places.region_current(&query.region);
    check("region", &query.region, region.is_some());
    let department = places.department(&query.departement);
    check("departement", &query.departement, department.is_some());
    let sector = known(&vocabulary.sectors, &query.secteur);
    check("secteur", &query.secteur, sector.is_some());
    let profile = known(&vocabulary.profiles, &query.profil);
    check("profil", &query.profil, profile.is_some());
    let mutualisation = known(&vocabulary.mutualisations, &query.mutualisation);
    check("mutualisation", &query.mutualisation, mutualisation.is_some());
    let track = known(&vocabulary.tracks, &query.parcours);
    check("parcours", &query.parcours, track.is_some());
    let year = query.annee.parse::<i32>().ok().filter(|y| YEARS.contains(y));
    check("annee", &query.annee, year.is_some());
    let page = query.page.parse::<usize>().ok().filter(|p| *p >= 1);
    check("page", &query.page, page.is_some());
    let text = match SearchQuery::parse(&query.q) {
        Ok(text) => text,
        Err(error) => {
            ignored.push(Ignored { param: "q", value: query.q.clone(), search: Some(error) });
            None
        }
    };
    Reading {
        filter: Filter {
            text,
            region_2011,
            region,
            department,
            sector,
            profile,
            mutualisation,
            track,
            year,
        },
        page: page.unwrap_or(1),
        ignored,
    }
}

/// A published pole as the directory searches it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub slug: String,
    /// The published content: public groups only.
    pub content: PoleContent,
    /// Where its marker goes: the point the pole placed itself, else its lead commune's.
    pub point: Option<(f64, f64)>,
    /// The departments of its lead commune and of the communes where it works.
    departments: Vec<&'static Department>,
    /// Its search terms, sorted, without repeats.
    terms: Vec<String>,
    /// The folded name, for the order of the lists.
    sort_key: String,
}

impl Entry {
    /// The entry of a published pole; `own_point` is the (latitude, longitude) it placed
    /// itself, if any. Its terms come from its public content and the labels of its codes.
    pub fn new(
        slug: String,
        content: PoleContent,
        own_point: Option<(f64, f64)>,
        vocabulary: &Vocabulary,
    ) -> Entry {
        let places = Gazetteer::global();
        let commune = |code: &str| InseeCode::parse(code).ok().and_then(|c| places.commune(&c));
        let lead = commune(&content.lead_commune);
        let point = own_point.or_else(|| lead.and_then(|c| c.point()));
        let communes: Vec<_> = std::iter::once(content.lead_commune.as_str())
            .chain(content.communes.iter().map(String::as_str))
            .filter_map(commune)
            .collect();
        let mut departments: Vec<&'static Department> = Vec::new();
        for c in &communes {
            if !departments.contains(&c.department()) {
                departments.push(c.department());
            }
        }
        let mut texts: Vec<&str> = vec![&content.name, &content.acronym, &content.description];
        texts.extend(content.members.iter().map(|m| m.name.as_str()));
        texts.extend(communes.iter().map(|c| c.name()));
        for d in &departments {
            texts.extend([d.name(), d.region().name(), d.region_2011().name()]);
        }
        texts.extend(content.sectors.iter().map(|s| label(&vocabulary.sectors, s)));
        texts.extend(content.mutualisations.iter().map(|m| label(&vocabulary.mutualisations, m)));
        texts.push(label(&vocabulary.profiles, &content.profile));
        texts.push(label(&vocabulary.tracks, &content.track));
        let mut terms: Vec<String> = texts.into_iter().flat_map(search::terms).collect();
        terms.sort();
        terms.dedup();
        let sort_key = crate::domain::territory::fold_text(&content.name);
        Entry { slug, content, point, departments, terms, sort_key }
    }

    /// Whether the pole is found by every filter in use.
    pub fn matches(&self, filter: &Filter) -> bool {
        let c = &self.content;
        let in_area = |test: &dyn Fn(&Department) -> bool| self.departments.iter().any(|d| test(d));
        filter.text.as_ref().is_none_or(|q| q.terms().iter().all(|t| self.has_term(t)))
            && filter
                .region_2011
                .is_none_or(|r| in_area(&|d: &Department| d.region_2011().code() == r.code()))
            && filter
                .region
                .is_none_or(|r| in_area(&|d: &Department| d.region().code() == r.code()))
            && filter.department.is_none_or(|dep| in_area(&|d: &Department| d == dep))
            && filter.sector.as_ref().is_none_or(|s| c.sectors.contains(s))
            && filter.profile.as_ref().is_none_or(|p| &c.profile == p)
            && filter.mutualisation.as_ref().is_none_or(|m| c.mutualisations.contains(m))
            && filter.track.as_ref().is_none_or(|t| &c.track == t)
            && filter.year.is_none_or(|y| c.year == y)
    }

    /// Whether a query term starts one of the pole's terms ("coop" finds "coopérative").
    fn has_term(&self, term: &str) -> bool {
        let from = self.terms.partition_point(|t| t.as_str() < term);
        self.terms.get(from).is_some_and(|t| t.starts_with(term))
    }
}

/// The entries that match, by name.
pub fn find<'a>(entries: &'a [Entry], filter: &Filter) -> Vec<&'a Entry> {
    let mut found: Vec<&Entry> = entries.iter().filter(|e| e.matches(filter)).collect();
    found.sort_by(|a, b| a.sort_key.cmp(&b.sort_key).then_with(|| a.slug.cmp(&b.slug)));
    found
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct Paged<T> {
    pub items: Vec<T>,
    /// The page shown, from 1 (a page past the last shows the last).
    pub page: usize,
    /// How many pages (1 for an empty list).
    pub pages: usize,
    pub total: usize,
}

/// The `page`-th page (from 1) of [`PAGE_SIZE`] items.
pub fn paginate<T>(items: Vec<T>, page: usize) -> Paged<T> {
    let total = items.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let items = items.into_iter().skip((page - 1) * PAGE_SIZE).take(PAGE_SIZE).collect();
    Paged { items, page, pages, total }
}

#[cfg(test)]
mod tests {
    use crate::domain::pole::PublicMember;

    use super::*;

    fn vocabulary() -> Vocabulary {
        let pairs = |items: &[(&str, &str)]| {
            items.iter().map(|(c, l)| ((*c).to_owned(), (*l).to_owned())).collect()
        };
        Vocabulary {
            tracks: pairs(&[("established", "Pôles établis"), ("emerging", "Pôles émergents")]),
            sectors: pairs(&[
                ("iae", "Insertion par l’activité économique"),
                ("textile", "Textile"),
            ]),
            profiles: pairs(&[("multi-activites", "Multi-activités"), ("filiere", "Filière")]),
            mutualisations: pairs(&[("locaux", "Locaux partagés"), ("emplois", "Emplois")]),
        }
    }

    fn pole(name: &str, commune: &str, track: &str, sectors: &[&str]) -> PoleContent {
        PoleContent {
            name: name.to_owned(),
            track: track.to_owned(),
            year: 2011,
            lead_commune: commune.to_owned(),
            description: "Une coopérative de production de chaussures.".to_owned(),
            members: vec![PublicMember { name: "Groupe Archer".into(), category: String::new() }],
            sectors: sectors.iter().map(|s| (*s).to_owned()).collect(),
            profile: "multi-activites".to_owned(),
            mutualisations: vec!["locaux".to_owned()],
            ..PoleContent::default()
        }
    }

    fn entries() -> Vec<Entry> {
        let v = vocabulary();
        vec![
            Entry::new(
                "archer".into(),
                pole("Pôle Sud Archer", "26281", "established", &["iae", "textile"]),
                None,
                &v,
            ),
            Entry::new(
                "albi".into(),
                pole("Albi Coop", "81004", "emerging", &["iae"]),
                Some((43.9, 2.1)),
                &v,
            ),
        ]
    }

    fn names(found: &[&Entry]) -> Vec<String> {
        found.iter().map(|e| e.content.name.clone()).collect()
    }

    fn search(raw: &str) -> (Vec<String>, Vec<Ignored>) {
        let all = entries();
        let reading = read(&DirectoryQuery::parse(raw), &vocabulary());
        (names(&find(&all, &reading.filter)), reading.ignored)
    }

    #[test]
    fn a_pole_in_romans_is_found_by_rhone_alpes_in_2011_and_auvergne_rhone_alpes_now() {
        assert_eq!(search("region2011=82").0, ["Pôle Sud Archer"]);
        assert_eq!(search("region=84").0, ["Pôle Sud Archer"]);
        assert_eq!(search("departement=26").0, ["Pôle Sud Archer"]);
        assert_eq!(search("region=76").0, ["Albi Coop"]);
        assert!(search("region2011=83").0.is_empty(), "Auvergne (2011) holds neither");
    }

    #[test]
    fn the_search_folds_accents_stems_words_and_matches_prefixes_of_every_term() {
        assert_eq!(search("q=COOPERATIVES").0, ["Albi Coop", "Pôle Sud Archer"]);
        assert_eq!(search("q=archer+drome").0, ["Pôle Sud Archer"]);
        assert_eq!(search("q=textil").0, ["Pôle Sud Archer"], "a sector's label is searched");
        assert_eq!(search("q=tarn").0, ["Albi Coop"], "the department's name is searched");
        assert!(search("q=sud+tarn").0.is_empty(), "every term must be found");
    }

    #[test]
    fn the_other_filters_keep_the_poles_holding_the_code() {
        assert_eq!(search("secteur=textile").0, ["Pôle Sud Archer"]);
        assert_eq!(search("parcours=emerging").0, ["Albi Coop"]);
        assert_eq!(search("profil=multi-activites&mutualisation=locaux&annee=2011").0.len(), 2);
        assert!(search("profil=filiere").0.is_empty());
        assert!(search("annee=2012").0.is_empty());
    }

    #[test]
    fn unknown_values_are_ignored_and_listed_with_their_parameter() {
        let (found, ignored) = search("secteur=peche&region=99&annee=deux-mille&page=0&lang=en");
        assert_eq!(found, ["Albi Coop", "Pôle Sud Archer"]);
        let listed: Vec<(&str, &str)> =
            ignored.iter().map(|i| (i.param, i.value.as_str())).collect();
        assert_eq!(
            listed,
            [("region", "99"), ("secteur", "peche"), ("annee", "deux-mille"), ("page", "0")]
        );
        let (found, ignored) = search("q=de+la");
        assert_eq!(found.len(), 2);
        assert_eq!(ignored[0].search, Some(QueryError::NoTerm));
    }

    #[test]
    fn a_pole_is_marked_at_its_own_point_else_at_its_lead_communes() {
        let all = entries();
        assert_eq!(all[1].point, Some((43.9, 2.1)));
        let romans = Gazetteer::global()
            .commune(&InseeCode::parse("26281").expect("code"))
            .and_then(|c| c.point());
        assert!(romans.is_some());
        assert_eq!(all[0].point, romans);
    }

    #[test]
    fn the_query_string_keeps_the_filters_in_order_without_empty_ones() {
        let query = DirectoryQuery::parse("annee=2011&q=p%C3%B4le+sud&secteur=&x=1&q=ignored");
        assert_eq!(query.q, "pôle sud");
        assert_eq!(query.to_query_string(&[("page", "2")]), "q=p%C3%B4le+sud&annee=2011&page=2");
        assert_eq!(query.link("/carte", &[]), "/carte?q=p%C3%B4le+sud&annee=2011");
        assert_eq!(DirectoryQuery::default().link("/carte", &[]), "/carte");
    }

    #[test]
    fn pages_hold_twenty_poles_and_a_page_past_the_last_shows_the_last() {
        let items: Vec<usize> = (1..=45).collect();
        let second = paginate(items.clone(), 2);
        assert_eq!((second.items.first(), second.items.len()), (Some(&21), 20));
        assert_eq!((second.page, second.pages, second.total), (2, 3, 45));
        let past = paginate(items, 9);
        assert_eq!((past.page, past.items), (3, vec![41, 42, 43, 44, 45]));
        let empty = paginate(Vec::<usize>::new(), 1);
        assert_eq!((empty.page, empty.pages, empty.total), (1, 1, 0));
    }
}
