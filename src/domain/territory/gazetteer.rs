//! The gazetteer: every current commune with its department, its regions (now and in 2011) and
//! its map point, read from the files of data/territory/ compiled into the binary, and found by
//! code or name.

use std::cmp::Reverse;
use std::fmt;
use std::sync::LazyLock;

use super::fold;
use super::insee::InseeCode;

/// The files the application ships (see data/README.md: source, version, licence, and the
/// script that regenerates them). Tab-separated, one header line, sorted by code.
const COMMUNES_TSV: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/territory/communes.tsv"));
const DEPARTMENTS_TSV: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/territory/departments.tsv"));
const REGIONS_TSV: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/territory/regions.tsv"));
const REGIONS_2011_TSV: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/territory/regions-2011.tsv"));
/// `code`, `lat`, `lon`: one map point per commune, in degrees with exactly 5 decimals.
const COMMUNE_POINTS_TSV: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/territory/commune-points.tsv"));

/// Points are kept as whole hundred-thousandths of a degree (about 1 m), as the file writes
/// them: 8 bytes a commune instead of 16, and read back exactly.
const POINT_SCALE: f64 = 100_000.0;

/// A commune without a row in commune-points.tsv (none today).
const NO_POINT: [i32; 2] = [i32::MIN, i32::MIN];

/// Longer texts are not looked up: the longest commune name has 45 characters, its label
/// about 80.
pub const MAX_QUERY_BYTES: usize = 200;

/// How many near names `resolve` suggests when it finds none.
const SUGGESTIONS: usize = 5;

// Built on first use only (they take about 2.8 MB, map points included), each borrowing from the one before and
// from the embedded text: names are never copied.
static REGIONS: LazyLock<Vec<Region>> = LazyLock::new(|| regions(REGIONS_TSV));
static REGIONS_2011: LazyLock<Vec<Region>> = LazyLock::new(|| regions(REGIONS_2011_TSV));
static DEPARTMENTS: LazyLock<Vec<Department>> = LazyLock::new(departments);
static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::load);

/// A region: one of the 18 since 2016, or one of the 27 of 2011.
#[derive(Debug, PartialEq, Eq)]
pub struct Region {
    code: &'static str,
    name: &'static str,
}

impl Region {
    /// The INSEE code: "76" (Occitanie) now, "73" (Midi-Pyrénées) in 2011.
    pub fn code(&self) -> &'static str {
        self.code
    }

    pub fn name(&self) -> &'static str {
        self.name
    }
}

/// A department, with the region it belongs to now and the one it belonged to in 2011.
pub struct Department {
    code: &'static str,
    name: &'static str,
    region: &'static Region,
    region_2011: &'static Region,
}

impl Department {
    /// "81", "2A", "974".
    pub fn code(&self) -> &'static str {
        self.code
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The region since 2016.
    pub fn region(&self) -> &'static Region {
        self.region
    }

    /// The region before the 2016 merger, as the 2011 call knew it.
    pub fn region_2011(&self) -> &'static Region {
        self.region_2011
    }
}

impl PartialEq for Department {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Eq for Department {}

impl fmt::Debug for Department {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Department({} {})", self.code, self.name)
    }
}

/// A current commune of metropolitan France or of an overseas department.
pub struct Commune {
    code: InseeCode,
    name: &'static str,
    department: &'static Department,
    population: Option<u32>,
    /// Latitude and longitude in hundred-thousandths of a degree, or `NO_POINT`.
    point: [i32; 2],
}

impl Commune {
    pub fn code(&self) -> &InseeCode {
        &self.code
    }

    /// The official name, e.g. "L'Île-Saint-Denis" (straight apostrophes, as INSEE writes it).
    pub fn name(&self) -> &'static str {
        self.name
    }

    pub fn department(&self) -> &'static Department {
        self.department
    }

    /// The region since 2016.
    pub fn region(&self) -> &'static Region {
        self.department.region
    }

    /// The region in 2011, before the 2016 merger.
    pub fn region_2011(&self) -> &'static Region {
        self.department.region_2011
    }

    /// The legal population, when the source gives one (it does for every commune shipped).
    pub fn population(&self) -> Option<u32> {
        self.population
    }

    /// Where to put the commune on a map: (latitude, longitude) in degrees (WGS84, 5 decimals).
    /// Its town hall when the source locates it inside the commune, else the centroid of its
    /// outline (data/README.md says which source and how: scripts/data/commune-points.py).
    pub fn point(&self) -> Option<(f64, f64)> {
        let [lat, lon] = self.point;
        (self.point != NO_POINT)
            .then(|| (f64::from(lat) / POINT_SCALE, f64::from(lon) / POINT_SCALE))
    }

    /// The name as lists and the picker show it, unique among communes: "Castres (81 — Tarn)".
    /// `Gazetteer::resolve` reads it back.
    pub fn label(&self) -> String {
        format!("{} ({} — {})", self.name, self.department.code, self.department.name)
    }
}

impl PartialEq for Commune {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Eq for Commune {}

impl fmt::Debug for Commune {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Commune({} {})", self.code, self.name)
    }
}

/// What a typed commune turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommuneResolution<'a> {
    /// Exactly one commune.
    Found(&'a Commune),
    /// Several communes bear that name (most populous first): the person must pick one.
    Ambiguous(Vec<&'a Commune>),
    /// No commune: maybe a typo; names that start the same way, most populous first.
    NotFound { suggestions: Vec<&'a Commune> },
}

/// Every current commune, department and region, looked up by code or name.
pub struct Gazetteer {
    /// Ordered by code.
    communes: Vec<Commune>,
    /// The search keys (see `fold::key`) of all communes, one after another.
    keys: String,
    /// Where each commune's key starts in `keys`, by commune index; one more for the end.
    starts: Vec<u32>,
    /// Commune indices ordered by key, then code: prefixes are found by binary search.
    by_key: Vec<u32>,
    /// Every word of a key but the first, as (commune index << 8 | offset of the word in the
    /// key), ordered by the key's rest from that word: later words are found by binary search
    /// too ("denis" in "saint denis").
    later_words: Vec<u32>,
}

impl Gazetteer {
    /// The gazetteer, built on first use.
    pub fn global() -> &'static Gazetteer {
        &GAZETTEER
    }

    fn load() -> Gazetteer {
        let mut communes: Vec<Commune> = rows(COMMUNES_TSV)
            .filter_map(|mut fields| {
                let code = InseeCode::parse(fields.next()?).ok()?;
                let name = fields.next()?;
                let department = find(&DEPARTMENTS, fields.next()?, |d| d.code)?;
                let population = fields.next().and_then(|p| p.parse().ok());
                Some(Commune { code, name, department, population, point: NO_POINT })
            })
            .collect();
        communes.shrink_to_fit();
        for mut fields in rows(COMMUNE_POINTS_TSV) {
            let Some(code) = fields.next().and_then(|c| InseeCode::parse(c).ok()) else { continue };
            let (Some(lat), Some(lon)) =
                (fields.next().and_then(scaled_degrees), fields.next().and_then(scaled_degrees))
            else {
                continue;
            };
            if let Ok(i) = communes.binary_search_by(|c| c.code.cmp(&code)) {
                communes[i].point = [lat, lon];
            }
        }
        let mut keys = String::with_capacity(COMMUNES_TSV.len() / 2);
        let mut starts = Vec::with_capacity(communes.len() + 1);
        for commune in &communes {
            starts.push(offset(keys.len()));
            keys.push_str(&fold::key(commune.name));
        }
        starts.push(offset(keys.len()));
        keys.shrink_to_fit();
        let mut by_key: Vec<u32> = (0..offset(communes.len())).collect();
        let key = |i: u32| &keys[starts[i as usize] as usize..starts[i as usize + 1] as usize];
        by_key.sort_by(|&a, &b| key(a).cmp(key(b)).then(a.cmp(&b)));
        let mut later_words: Vec<u32> = Vec::new();
        for i in 0..offset(communes.len()) {
            let key = key(i);
            for (at, _) in key.match_indices(' ') {
                // Keys are at most a few dozen bytes (the longest name has 45 characters).
                if let Ok(word) = u8::try_from(at + 1) {
                    later_words.push(i << 8 | u32::from(word));
                }
            }
        }
        let rest = |entry: u32| &key(entry >> 8)[(entry & 0xff) as usize..];
        later_words.sort_by(|&a, &b| rest(a).cmp(rest(b)).then(a.cmp(&b)));
        later_words.shrink_to_fit();
        Gazetteer { communes, keys, starts, by_key, later_words }
    }

    /// Every commune, ordered by code.
    pub fn communes(&self) -> &[Commune] {
        &self.communes
    }

    /// The commune of a code, if it is a current commune. Arrondissements of Paris, Lyon and
    /// Marseille are not communes: `resolve` maps them to theirs.
    pub fn commune(&self, code: &InseeCode) -> Option<&Commune> {
        self.communes.binary_search_by(|c| c.code.cmp(code)).ok().map(|i| &self.communes[i])
    }

    /// Every department, ordered by code ("01" … "2A", "2B" … "95", "971" … "976").
    pub fn departments(&self) -> &'static [Department] {
        &DEPARTMENTS
    }

    /// The department of a code: "81", "2A", "974".
    pub fn department(&self, code: &str) -> Option<&'static Department> {
        find(&DEPARTMENTS, code, |d| d.code)
    }

    /// The 18 regions since 2016, ordered by code.
    pub fn regions_current(&self) -> &'static [Region] {
        &REGIONS
    }

    /// The 27 regions of 2011, ordered by code.
    pub fn regions_2011(&self) -> &'static [Region] {
        &REGIONS_2011
    }

    /// A region since 2016: "76" is Occitanie.
    pub fn region_current(&self, code: &str) -> Option<&'static Region> {
        find(&REGIONS, code, |r| r.code)
    }

    /// A region of 2011: "73" is Midi-Pyrénées.
    pub fn region_2011(&self, code: &str) -> Option<&'static Region> {
        find(&REGIONS_2011, code, |r| r.code)
    }

    /// Communes whose name starts with the query, ignoring case, accents, hyphens and
    /// apostrophes, with "st"/"ste" read as "saint"/"sainte": the exact names first, then the
    /// most populous, then by name. When fewer than `limit` names start so, names with a later
    /// word starting so follow ("denis" finds Saint-Denis). An empty or over-long query finds
    /// nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&Commune> {
        if limit == 0 || query.len() > MAX_QUERY_BYTES {
            return Vec::new();
        }
        let variants: Vec<String> =
            fold::prefix_keys(query).into_iter().filter(|v| !v.is_empty()).collect();
        // (rank: 0 exact, 1 prefix, 2 later word; commune index)
        let mut hits: Vec<(u8, u32)> = Vec::new();
        for variant in variants.iter().map(String::as_str) {
            let start = self.by_key.partition_point(|&i| self.key(i) < variant);
            let prefixed =
                self.by_key[start..].iter().take_while(|&&i| self.key(i).starts_with(variant));
            hits.extend(prefixed.map(|&i| (u8::from(self.key(i) != variant), i)));
        }
        if hits.len() < limit {
            for variant in variants.iter().map(String::as_str) {
                let start = self.later_words.partition_point(|&e| self.rest(e) < variant);
                let words = self.later_words[start..]
                    .iter()
                    .take_while(|&&e| self.rest(e).starts_with(variant));
                hits.extend(words.map(|&e| (2, e >> 8)));
            }
        }
        // One hit per commune, with its best rank.
        hits.sort_unstable_by_key(|&(rank, i)| (i, rank));
        hits.dedup_by_key(|&mut (_, i)| i);
        let order = |&(rank_a, a): &(u8, u32), &(rank_b, b): &(u8, u32)| {
            let (ca, cb) = (&self.communes[a as usize], &self.communes[b as usize]);
            (rank_a, Reverse(ca.population), self.key(a), &ca.code).cmp(&(
                rank_b,
                Reverse(cb.population),
                self.key(b),
                &cb.code,
            ))
        };
        if hits.len() > limit {
            hits.select_nth_unstable_by(limit - 1, order);
            hits.truncate(limit);
        }
        hits.sort_unstable_by(order);
        hits.into_iter().take(limit).map(|(_, i)| &self.communes[i as usize]).collect()
    }

    /// Reads a commune as a form may receive it: an INSEE code ("81065"; an arrondissement of
    /// Paris, Lyon or Marseille gives its commune), a label as `Commune::label` writes it and
    /// the picker fills in ("Castres (81 — Tarn)"; also "Castres (81)" or "Castres (Tarn)"), or
    /// a bare name ("castres", "St-Étienne"), which may be ambiguous.
    pub fn resolve(&self, text: &str) -> CommuneResolution<'_> {
        let text = text.trim();
        if text.is_empty() || text.len() > MAX_QUERY_BYTES {
            return CommuneResolution::NotFound { suggestions: Vec::new() };
        }
        if let Ok(code) = InseeCode::parse(text) {
            return match self.commune(&code).or_else(|| self.commune_of_arrondissement(&code)) {
                Some(commune) => CommuneResolution::Found(commune),
                None => CommuneResolution::NotFound { suggestions: Vec::new() },
            };
        }
        if let Some((name, department)) = self.split_label(text) {
            let key = fold::key(name);
            // No department has two communes of one name (a test checks it).
            if let Some(commune) = self.named(&key).find(|c| c.department == department) {
                return CommuneResolution::Found(commune);
            }
        }
        let mut named: Vec<&Commune> = self.named(&fold::key(text)).collect();
        match named.len() {
            0 => CommuneResolution::NotFound { suggestions: self.search(text, SUGGESTIONS) },
            1 => CommuneResolution::Found(named[0]),
            _ => {
                named.sort_by_key(|c| (Reverse(c.population), c.code));
                CommuneResolution::Ambiguous(named)
            }
        }
    }

    /// `resolve`, then, if the text is ambiguous, the homonym the person picked (`choice`, an
    /// INSEE code from the radio group `<name>.choice` of the picker). A choice that is not
    /// one of the homonyms (left over after the text was changed) is ignored, and a text that
    /// resolves alone wins over any choice.
    pub fn resolve_choice(&self, text: &str, choice: Option<&str>) -> CommuneResolution<'_> {
        match self.resolve(text) {
            CommuneResolution::Ambiguous(homonyms) => {
                let chosen = choice
                    .and_then(|c| InseeCode::parse(c).ok())
                    .and_then(|code| homonyms.iter().copied().find(|c| c.code == code));
                match chosen {
                    Some(commune) => CommuneResolution::Found(commune),
                    None => CommuneResolution::Ambiguous(homonyms),
                }
            }
            other => other,
        }
    }

    fn key(&self, i: u32) -> &str {
        let i = i as usize;
        &self.keys[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// The rest of a key from one of its later words (an entry of `later_words`).
    fn rest(&self, entry: u32) -> &str {
        self.key(entry >> 8).get((entry & 0xff) as usize..).unwrap_or_default()
    }

    /// The communes whose key is exactly `key`.
    fn named(&self, key: &str) -> impl Iterator<Item = &Commune> {
        let start = self.by_key.partition_point(|&i| self.key(i) < key);
        self.by_key[start..]
            .iter()
            .take_while(move |&&i| self.key(i) == key)
            .map(|&i| &self.communes[i as usize])
    }

    /// Paris 75101–75120, Marseille 13201–13216 and Lyon 69381–69389 are arrondissements
    /// municipaux: SIRENE numbers establishments there by them, but the commune is the city.
    fn commune_of_arrondissement(&self, code: &InseeCode) -> Option<&Commune> {
        let number: u32 = code.as_str().parse().ok()?;
        let city = match number {
            75101..=75120 => "75056",
            13201..=13216 => "13055",
            69381..=69389 => "69123",
            _ => return None,
        };
        self.commune(&InseeCode::parse(city).ok()?)
    }

    /// "Name (81 — Tarn)", "Name (81)" or "Name (Tarn)": the name and the department, when the
    /// bracket names one.
    fn split_label<'t>(&self, text: &'t str) -> Option<(&'t str, &'static Department)> {
        let inner_end = text.strip_suffix(')')?;
        let open = inner_end.rfind('(')?;
        let name = inner_end[..open].trim();
        let inner = inner_end[open + 1..].trim();
        if name.is_empty() {
            return None;
        }
        let code = inner.split(['—', '–']).next().unwrap_or(inner);
        let code = code.split(" - ").next().unwrap_or(code).trim();
        let department = self.department(&code.to_ascii_uppercase()).or_else(|| {
            let wanted = fold::key(inner);
            DEPARTMENTS.iter().find(|d| fold::key(d.name) == wanted)
        })?;
        Some((name, department))
    }
}

/// The rows of an embedded file, header skipped, as field iterators.
fn rows(tsv: &'static str) -> impl Iterator<Item = std::str::Split<'static, char>> {
    tsv.lines().skip(1).filter(|l| !l.is_empty()).map(|l| l.split('\t'))
}

fn regions(tsv: &'static str) -> Vec<Region> {
    rows(tsv)
        .filter_map(|mut fields| Some(Region { code: fields.next()?, name: fields.next()? }))
        .collect()
}

fn departments() -> Vec<Department> {
    rows(DEPARTMENTS_TSV)
        .filter_map(|mut fields| {
            Some(Department {
                code: fields.next()?,
                name: fields.next()?,
                region: find(&REGIONS, fields.next()?, |r| r.code)?,
                region_2011: find(&REGIONS_2011, fields.next()?, |r| r.code)?,
            })
        })
        .collect()
}

/// Binary search in a list ordered by code (byte order, as the script writes it).
fn find<'a, T>(items: &'a [T], code: &str, code_of: impl Fn(&T) -> &str) -> Option<&'a T> {
    items.binary_search_by(|item| code_of(item).cmp(code)).ok().map(|i| &items[i])
}

/// "45.04421" → 4504421, "-0.71735" → -71735: degrees written with exactly 5 decimals, read
/// without going through a float.
fn scaled_degrees(text: &str) -> Option<i32> {
    let (whole, fraction) = text.split_once('.')?;
    if fraction.len() != 5 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (negative, magnitude) = match whole.strip_prefix('-') {
        Some(magnitude) => (true, magnitude),
        None => (false, whole),
    };
    if magnitude.is_empty() || !magnitude.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value =
        magnitude.parse::<i32>().ok()?.checked_mul(100_000)?.checked_add(fraction.parse().ok()?)?;
    Some(if negative { -value } else { value })
}

/// Positions in the key text and commune indices fit in u32 (under a million of either).
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gazetteer() -> &'static Gazetteer {
        Gazetteer::global()
    }

    fn code(text: &str) -> InseeCode {
        InseeCode::parse(text).expect("valid code")
    }

    fn codes(communes: &[&Commune]) -> Vec<String> {
        communes.iter().map(|c| c.code().to_string()).collect()
    }

    #[test]
    fn every_shipped_row_is_read() {
        let g = gazetteer();
        assert_eq!(g.communes().len(), 34_875);
        assert_eq!(g.departments().len(), 101);
        assert_eq!(g.regions_current().len(), 18);
        assert_eq!(g.regions_2011().len(), 27);
        assert_eq!(COMMUNES_TSV.lines().count(), 34_876, "one header line");
        assert!(g.communes().iter().all(|c| c.population().is_some()));
    }

    #[test]
    fn the_files_are_ordered_by_code_for_binary_search() {
        let g = gazetteer();
        assert!(g.communes().windows(2).all(|w| w[0].code < w[1].code));
        assert!(g.departments().windows(2).all(|w| w[0].code < w[1].code));
        assert!(g.regions_current().windows(2).all(|w| w[0].code < w[1].code));
        assert!(g.regions_2011().windows(2).all(|w| w[0].code < w[1].code));
    }

    #[test]
    fn every_commune_is_numbered_within_its_department() {
        for commune in gazetteer().communes() {
            assert_eq!(
                commune.code().department_code(),
                commune.department().code(),
                "{commune:?}"
            );
        }
    }

    #[test]
    fn no_department_has_two_communes_of_the_same_name_so_labels_are_unique() {
        let mut labels: Vec<String> = gazetteer().communes().iter().map(Commune::label).collect();
        labels.sort();
        let before = labels.len();
        labels.dedup();
        assert_eq!(labels.len(), before);
    }

    #[test]
    fn castres_in_the_tarn_has_its_department_and_both_regions() {
        let castres = gazetteer().commune(&code("81065")).expect("Castres");
        assert_eq!(castres.name(), "Castres");
        assert_eq!(castres.department().code(), "81");
        assert_eq!(castres.department().name(), "Tarn");
        assert_eq!((castres.region().code(), castres.region().name()), ("76", "Occitanie"));
        assert_eq!(
            (castres.region_2011().code(), castres.region_2011().name()),
            ("73", "Midi-Pyrénées")
        );
        assert_eq!(castres.population(), Some(42_505));
        assert_eq!(castres.label(), "Castres (81 — Tarn)");
    }

    #[test]
    fn castres_in_the_aisne_is_another_commune() {
        let castres = gazetteer().commune(&code("02142")).expect("Castres, Aisne");
        assert_eq!(castres.label(), "Castres (02 — Aisne)");
        assert_eq!(castres.region().name(), "Hauts-de-France");
        assert_eq!(castres.region_2011().name(), "Picardie");
    }

    #[test]
    fn regions_are_known_now_and_as_in_2011() {
        let g = gazetteer();
        assert_eq!(g.region_current("84").map(Region::name), Some("Auvergne-Rhône-Alpes"));
        assert_eq!(g.region_2011("82").map(Region::name), Some("Rhône-Alpes"));
        assert_eq!(g.region_2011("24").map(Region::name), Some("Centre"));
        assert_eq!(g.region_current("24").map(Region::name), Some("Centre-Val de Loire"));
        assert_eq!(g.region_2011("06").map(Region::name), Some("Mayotte"));
        assert_eq!(g.region_current("73"), None, "Midi-Pyrénées is no region since 2016");
        let lyon = g.commune(&code("69123")).expect("Lyon");
        assert_eq!(lyon.region_2011().name(), "Rhône-Alpes");
        let ajaccio = g.commune(&code("2A004")).expect("Ajaccio");
        assert_eq!(
            (ajaccio.department().name(), ajaccio.region().name()),
            ("Corse-du-Sud", "Corse")
        );
        let saint_denis = g.commune(&code("97411")).expect("Saint-Denis, La Réunion");
        assert_eq!(saint_denis.label(), "Saint-Denis (974 — La Réunion)");
        assert_eq!(saint_denis.region_2011().code(), "04");
    }

    #[test]
    fn departments_are_found_by_code() {
        let g = gazetteer();
        assert_eq!(g.department("2B").map(Department::name), Some("Haute-Corse"));
        assert_eq!(g.department("976").map(|d| d.region_2011().name()), Some("Mayotte"));
        assert_eq!(g.department("20"), None);
    }

    #[test]
    fn a_search_puts_exact_names_first_then_the_most_populous() {
        let found = gazetteer().search("castres", 20);
        assert_eq!(codes(&found), ["81065", "02142", "33109"]);
        assert_eq!(found[2].name(), "Castres-Gironde");
    }

    #[test]
    fn a_search_ignores_case_accents_hyphens_and_apostrophes() {
        let g = gazetteer();
        for query in ["SAINT ETIENNE", "saint-étienne", "St Etienne", "st-ETIENNE"] {
            let found = g.search(query, 1);
            assert_eq!(codes(&found), ["42218"], "{query}");
        }
        assert_eq!(codes(&g.search("l ile saint denis", 3)), ["93039"]);
        assert_eq!(codes(&g.search("L’Île-Saint-Denis", 3)), ["93039"]);
    }

    #[test]
    fn st_still_being_typed_also_finds_names_starting_with_st() {
        let found = gazetteer().search("St", 50);
        let names: Vec<&str> = found.iter().map(|c| c.name()).collect();
        assert!(names.contains(&"Strasbourg"), "{names:?}");
        assert!(names.contains(&"Saint-Étienne"), "{names:?}");
    }

    #[test]
    fn a_later_word_is_found_when_few_names_start_so() {
        let found = gazetteer().search("Denis", 40);
        let names: Vec<String> = found.iter().map(|c| c.label()).collect();
        assert!(names.contains(&"Saint-Denis (93 — Seine-Saint-Denis)".to_owned()), "{names:?}");
    }

    #[test]
    fn an_empty_or_overlong_query_finds_nothing() {
        let g = gazetteer();
        assert!(g.search("", 20).is_empty());
        assert!(g.search(" - ' ", 20).is_empty());
        assert!(g.search(&"a".repeat(MAX_QUERY_BYTES + 1), 20).is_empty());
        assert!(g.search("castres", 0).is_empty());
        assert!(g.search("zzzzqx", 20).is_empty());
    }

    #[test]
    fn a_search_gives_at_most_the_limit() {
        assert_eq!(gazetteer().search("saint", 20).len(), 20);
        // Most populous Saint- first.
        assert_eq!(gazetteer().search("saint", 1)[0].label(), "Saint-Étienne (42 — Loire)");
    }

    #[test]
    fn a_code_resolves_to_its_commune() {
        let g = gazetteer();
        let found = g.resolve("81065");
        assert_eq!(found, CommuneResolution::Found(g.commune(&code("81065")).expect("Castres")));
        assert_eq!(
            g.resolve("2a004"),
            CommuneResolution::Found(g.commune(&code("2A004")).expect("Ajaccio"))
        );
        // Not a current commune (valid shape, nothing there).
        assert_eq!(g.resolve("81999"), CommuneResolution::NotFound { suggestions: vec![] });
    }

    #[test]
    fn an_arrondissement_resolves_to_its_city() {
        let g = gazetteer();
        for (arrondissement, city) in [("75108", "75056"), ("13201", "13055"), ("69389", "69123")] {
            let CommuneResolution::Found(commune) = g.resolve(arrondissement) else {
                panic!("{arrondissement}")
            };
            assert_eq!(commune.code().as_str(), city);
        }
    }

    #[test]
    fn a_bare_name_shared_by_two_communes_is_ambiguous() {
        let CommuneResolution::Ambiguous(homonyms) = gazetteer().resolve("castres") else {
            panic!("ambiguous")
        };
        assert_eq!(codes(&homonyms), ["81065", "02142"]);
        let labels: Vec<String> = homonyms.iter().map(|c| c.label()).collect();
        assert_eq!(labels, ["Castres (81 — Tarn)", "Castres (02 — Aisne)"]);
    }

    #[test]
    fn a_label_resolves_uniquely() {
        let g = gazetteer();
        for (label, expected) in [
            ("Castres (81 — Tarn)", "81065"),
            ("Castres (02 — Aisne)", "02142"),
            ("castres (02 - aisne)", "02142"),
            ("Castres (81)", "81065"),
            ("Castres (Aisne)", "02142"),
            ("Saint-Denis (974 — La Réunion)", "97411"),
            ("Bors (Canton de Charente-Sud) (16 — Charente)", "16053"),
        ] {
            let resolved = g.resolve(label);
            let CommuneResolution::Found(commune) = resolved else {
                panic!("{label}: {resolved:?}")
            };
            assert_eq!(commune.code().as_str(), expected, "{label}");
        }
        // Every label, read back, is its commune.
        for commune in g.communes().iter().step_by(97) {
            assert_eq!(g.resolve(&commune.label()), CommuneResolution::Found(commune));
        }
    }

    #[test]
    fn a_name_with_a_bracket_of_its_own_resolves_without_a_department() {
        let resolved = gazetteer().resolve("Bors (Canton de Charente-Sud)");
        let CommuneResolution::Found(commune) = resolved else { panic!("{resolved:?}") };
        assert_eq!(commune.code().as_str(), "16053");
    }

    #[test]
    fn a_unique_name_resolves_whatever_its_spelling() {
        let g = gazetteer();
        for text in ["Saint-Étienne", "st etienne", "SAINT ETIENNE "] {
            let resolved = g.resolve(text);
            let CommuneResolution::Found(commune) = resolved else {
                panic!("{text}: {resolved:?}")
            };
            assert_eq!(commune.code().as_str(), "42218");
        }
    }

    #[test]
    fn an_unknown_name_comes_with_suggestions() {
        let CommuneResolution::NotFound { suggestions } = gazetteer().resolve("Castr") else {
            panic!("not found")
        };
        // Castres, Castries, Castres-Gironde, Castres (Aisne), then a later word:
        // La Vacquerie-et-Saint-Martin-de-Castries.
        assert_eq!(codes(&suggestions), ["81065", "34058", "33109", "02142", "34317"]);
        assert_eq!(gazetteer().resolve("   "), CommuneResolution::NotFound { suggestions: vec![] });
    }

    #[test]
    fn the_homonym_picked_in_the_radio_group_settles_an_ambiguous_name() {
        let g = gazetteer();
        let aisne = g.commune(&code("02142")).expect("Castres, Aisne");
        assert_eq!(g.resolve_choice("Castres", Some("02142")), CommuneResolution::Found(aisne));
        // A choice that is no homonym is ignored.
        assert!(matches!(
            g.resolve_choice("Castres", Some("75056")),
            CommuneResolution::Ambiguous(_)
        ));
        assert!(matches!(
            g.resolve_choice("Castres", Some("nonsense")),
            CommuneResolution::Ambiguous(_)
        ));
        // A label chosen later wins over a choice left checked.
        let tarn = g.commune(&code("81065")).expect("Castres, Tarn");
        assert_eq!(
            g.resolve_choice("Castres (81 — Tarn)", Some("02142")),
            CommuneResolution::Found(tarn)
        );
    }

    #[test]
    fn a_commune_has_its_town_hall_as_map_point() {
        let g = gazetteer();
        // Place Jules-Nadi, Romans-sur-Isère; rue de l'Hôtel-de-Ville, Castres.
        let romans = g.commune(&code("26281")).expect("Romans-sur-Isère");
        assert_eq!(romans.point(), Some((45.04421, 5.05232)));
        let castres = g.commune(&code("81065")).expect("Castres");
        assert_eq!(castres.point(), Some((43.60392, 2.24136)));
        let saint_denis = g.commune(&code("97411")).expect("Saint-Denis, La Réunion");
        assert_eq!(saint_denis.point(), Some((-20.87897, 55.44863)));
    }

    #[test]
    fn a_commune_the_source_lacks_gets_the_point_the_script_chose() {
        let g = gazetteer();
        // Aurseulles: no town hall of its own, its seat Saint-Germain-d'Ectot's.
        assert_eq!(g.commune(&code("14581")).and_then(Commune::point), Some((49.12322, -0.71735)));
        // Celles, re-created out of Neussargues en Pinatelle: the centroid of the former
        // commune nouvelle, whose town hall Neussargues-Moissac keeps.
        assert_eq!(g.commune(&code("15031")).and_then(Commune::point), Some((45.15008, 2.94304)));
        assert_eq!(g.commune(&code("15141")).and_then(Commune::point), Some((45.12631, 2.97836)));
    }

    #[test]
    fn every_commune_has_a_point_in_its_part_of_the_world() {
        let points: Vec<&str> = COMMUNE_POINTS_TSV
            .lines()
            .skip(1)
            .map(|l| l.split('\t').next().unwrap_or(""))
            .collect();
        let codes: Vec<String> =
            gazetteer().communes().iter().map(|c| c.code().to_string()).collect();
        assert_eq!(points, codes, "one row per commune, in the same order");
        for commune in gazetteer().communes() {
            let (lat, lon) = commune.point().unwrap_or_else(|| panic!("{commune:?} has no point"));
            // Bounding boxes, with a margin, of metropolitan France and of each overseas
            // department.
            let (lat_range, lon_range) = match commune.department().code() {
                "971" => (15.8..16.6, -61.9..-61.0),
                "972" => (14.3..14.9, -61.3..-60.8),
                "973" => (2.1..5.8, -54.6..-51.6),
                "974" => (-21.4..-20.8, 55.2..55.9),
                "976" => (-13.1..-12.6, 45.0..45.4),
                _ => (41.3..51.1, -5.2..9.6),
            };
            assert!(
                lat_range.contains(&lat) && lon_range.contains(&lon),
                "{commune:?} {lat} {lon}"
            );
        }
    }

    #[test]
    fn degrees_are_read_exactly_from_their_five_decimals() {
        assert_eq!(scaled_degrees("45.04421"), Some(4_504_421));
        assert_eq!(scaled_degrees("-0.71735"), Some(-71_735));
        assert_eq!(scaled_degrees("-61.71055"), Some(-6_171_055));
        for bad in [
            "45.0442",
            "45.044210",
            "45,04421",
            "",
            ".04421",
            "-.04421",
            "4a.04421",
            "45.0442x",
            "--45.04421",
        ] {
            assert_eq!(scaled_degrees(bad), None, "{bad}");
        }
        assert_eq!(f64::from(4_504_421) / POINT_SCALE, 45.04421);
    }

    /// The outlines the map draws when no tile server answers (scripts/data/region-outlines.py).
    fn outline_features(geojson: &str) -> Vec<(String, String, serde_json::Value)> {
        let collection: serde_json::Value = serde_json::from_str(geojson).expect("valid JSON");
        assert_eq!(collection["type"], "FeatureCollection");
        let features = collection["features"].as_array().expect("features");
        features
            .iter()
            .map(|f| {
                assert_eq!(f["type"], "Feature");
                let text = |key: &str| f["properties"][key].as_str().expect(key).to_owned();
                (text("code"), text("name"), f["geometry"].clone())
            })
            .collect()
    }

    /// Every ring closed, counterclockwise outside and clockwise inside (RFC 7946 §3.1.6),
    /// every position a longitude and a latitude in range; gives the number of positions.
    fn check_multipolygon(code: &str, geometry: &serde_json::Value) -> usize {
        assert_eq!(geometry["type"], "MultiPolygon", "{code}");
        let mut positions = 0;
        for polygon in geometry["coordinates"].as_array().expect("polygons") {
            for (i, ring) in polygon.as_array().expect("rings").iter().enumerate() {
                let ring: Vec<(f64, f64)> = ring
                    .as_array()
                    .expect("positions")
                    .iter()
                    .map(|p| (p[0].as_f64().expect("lon"), p[1].as_f64().expect("lat")))
                    .collect();
                assert!(ring.len() >= 4 && ring.first() == ring.last(), "{code}: ring not closed");
                assert!(ring.iter().all(|&(lon, lat)| lon.abs() <= 180.0 && lat.abs() <= 90.0));
                let twice_area: f64 =
                    ring.windows(2).map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1).sum();
                assert_eq!(twice_area > 0.0, i == 0, "{code}: ring {i} wrongly oriented");
                positions += ring.len();
            }
        }
        positions
    }

    #[test]
    fn the_region_outlines_hold_every_region_with_its_code_and_name() {
        let g = gazetteer();
        for (geojson, regions) in [
            (
                include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/data/territory/regions.geojson"
                )),
                g.regions_current(),
            ),
            (
                include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/data/territory/regions-2011.geojson"
                )),
                g.regions_2011(),
            ),
        ] {
            let features = outline_features(geojson);
            let found: Vec<(&str, &str)> =
                features.iter().map(|(c, n, _)| (c.as_str(), n.as_str())).collect();
            let expected: Vec<(&str, &str)> =
                regions.iter().map(|r| (r.code(), r.name())).collect();
            assert_eq!(found, expected);
            for (code, _, geometry) in &features {
                assert!(check_multipolygon(code, geometry) > 20, "{code}: too coarse");
            }
        }
        let current = outline_features(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/territory/regions.geojson"
        )));
        assert_eq!(current.len(), 18);
        assert_eq!(
            (current[15].0.as_str(), current[15].1.as_str()),
            ("84", "Auvergne-Rhône-Alpes")
        );
        assert_eq!(g.regions_2011().len(), 27);
    }
}
