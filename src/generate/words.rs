//! The vocabulary of generated dossiers: French first names and surnames, pole and organisation
//! names, streets, and sentence parts from which answers are written. Everything is picked with
//! the dossier's own random generator, so a seed always gives the same names and texts.

use rand::Rng;
use rand::rngs::SmallRng;
use rand::seq::IndexedRandom;

/// One entry of a list, or "" for an empty list (never the case for the lists below).
pub fn pick<'a>(rng: &mut SmallRng, list: &[&'a str]) -> &'a str {
    list.choose(rng).copied().unwrap_or_default()
}

/// First names, with whether the person is a woman (for the agreement of job titles).
pub const FIRST_NAMES: [(&str, bool); 64] = [
    ("Camille", true),
    ("Nathalie", true),
    ("Isabelle", true),
    ("Sylvie", true),
    ("Catherine", true),
    ("Anne-Claire", true),
    ("Laurence", true),
    ("Sophie", true),
    ("Claire", true),
    ("Élise", true),
    ("Hélène", true),
    ("Julie", true),
    ("Émilie", true),
    ("Aurélie", true),
    ("Marion", true),
    ("Léa", true),
    ("Manon", true),
    ("Chloé", true),
    ("Inès", true),
    ("Sarah", true),
    ("Fatima", true),
    ("Nadia", true),
    ("Amina", true),
    ("Agnès", true),
    ("Brigitte", true),
    ("Christine", true),
    ("Véronique", true),
    ("Marie", true),
    ("Anne-Laure", true),
    ("Odile", true),
    ("Solène", true),
    ("Maëlle", true),
    ("Christophe", false),
    ("Laurent", false),
    ("Philippe", false),
    ("Jean-Marc", false),
    ("François", false),
    ("Nicolas", false),
    ("Stéphane", false),
    ("Thierry", false),
    ("Olivier", false),
    ("Pascal", false),
    ("Frédéric", false),
    ("Sébastien", false),
    ("Julien", false),
    ("Mathieu", false),
    ("Antoine", false),
    ("Thomas", false),
    ("Hugo", false),
    ("Lucas", false),
    ("Karim", false),
    ("Mehdi", false),
    ("Youssef", false),
    ("Bernard", false),
    ("Gérard", false),
    ("Hervé", false),
    ("Jérôme", false),
    ("Benoît", false),
    ("Rémi", false),
    ("Loïc", false),
    ("Yannick", false),
    ("Gaël", false),
    ("Étienne", false),
    ("Bastien", false),
];

pub const SURNAMES: [&str; 80] = [
    "Martin",
    "Bernard",
    "Thomas",
    "Petit",
    "Robert",
    "Richard",
    "Durand",
    "Dubois",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Lefèvre",
    "Leroy",
    "Roux",
    "David",
    "Bertrand",
    "Morel",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Muller",
    "Lefebvre",
    "Faure",
    "André",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
    "François",
    "Legrand",
    "Gauthier",
    "Garcia",
    "Perrin",
    "Robin",
    "Clément",
    "Morin",
    "Nicolas",
    "Henry",
    "Roussel",
    "Mathieu",
    "Gautier",
    "Masson",
    "Marchand",
    "Duval",
    "Denis",
    "Dumont",
    "Marie",
    "Lemaire",
    "Noël",
    "Meyer",
    "Dufour",
    "Meunier",
    "Brun",
    "Blanchard",
    "Giraud",
    "Joly",
    "Rivière",
    "Lucas",
    "Brunet",
    "Gaillard",
    "Barbier",
    "Arnaud",
    "Martinez",
    "Gérard",
    "Roche",
    "Renard",
    "Schmitt",
    "Roy",
    "Leroux",
    "Colin",
    "Vidal",
    "Caron",
];

/// Job titles of the person in charge of a dossier: (feminine, masculine).
pub const ROLES: [(&str, &str); 10] = [
    ("Directrice", "Directeur"),
    ("Coordinatrice du pôle", "Coordinateur du pôle"),
    ("Chargée de mission", "Chargé de mission"),
    ("Présidente", "Président"),
    ("Animatrice du pôle", "Animateur du pôle"),
    ("Déléguée générale", "Délégué général"),
    ("Responsable du développement", "Responsable du développement"),
    ("Cogérante", "Cogérant"),
    ("Secrétaire générale", "Secrétaire général"),
    ("Chargée de projet", "Chargé de projet"),
];

/// The theme of a pole by sector (a value of the forms' `sectors` list): how a name says it
/// ("Pôle du réemploi"), a short form for cluster names, and what its members make or do.
pub struct Theme {
    pub sector: &'static str,
    pub of: &'static str,
    pub short: &'static str,
    pub activity: &'static str,
}

pub const THEMES: [Theme; 16] = [
    Theme {
        sector: "iae",
        of: "de l’insertion",
        short: "Insertion",
        activity: "des chantiers d’insertion dans le maraîchage et les espaces verts",
    },
    Theme {
        sector: "batiment",
        of: "de l’éco-construction",
        short: "Éco-habitat",
        activity: "la rénovation thermique et la construction en paille et en bois local",
    },
    Theme {
        sector: "recyclage",
        of: "du réemploi",
        short: "Réemploi",
        activity: "la collecte, la réparation et la revente d’objets et de matériaux",
    },
    Theme {
        sector: "services-personne",
        of: "des services à la personne",
        short: "Services",
        activity: "l’aide à domicile, la garde d’enfants et l’accueil périscolaire",
    },
    Theme {
        sector: "culture",
        of: "des industries créatives",
        short: "Création",
        activity: "la production de spectacles, l’édition et les métiers d’art",
    },
    Theme {
        sector: "energies",
        of: "des énergies citoyennes",
        short: "Énergies",
        activity: "des centrales solaires villageoises et une chaufferie au bois",
    },
    Theme {
        sector: "alimentation",
        of: "de l’alimentation durable",
        short: "Alimentation",
        activity: "une légumerie, un magasin de producteurs et la restauration collective",
    },
    Theme {
        sector: "textile",
        of: "du textile",
        short: "Textile",
        activity: "la confection, la retouche et le recyclage des textiles",
    },
    Theme {
        sector: "numerique",
        of: "du numérique solidaire",
        short: "Numérique",
        activity: "le reconditionnement d’ordinateurs et la médiation numérique",
    },
    Theme {
        sector: "tourisme",
        of: "du tourisme solidaire",
        short: "Tourisme",
        activity: "des gîtes, des randonnées accompagnées et l’accueil de groupes",
    },
    Theme {
        sector: "mobilite",
        of: "des mobilités solidaires",
        short: "Mobilités",
        activity: "un garage solidaire, le covoiturage et la location de vélos",
    },
    Theme {
        sector: "renouveau-productif",
        of: "du renouveau productif",
        short: "Industrie",
        activity: "la sous-traitance industrielle et la reprise d’ateliers par leurs salariés",
    },
    Theme {
        sector: "services-entreprises",
        of: "des services aux entreprises",
        short: "Services",
        activity: "la comptabilité, la paie et l’entretien des locaux pour les petites entreprises",
    },
    Theme {
        sector: "education-formation",
        of: "de la formation",
        short: "Formation",
        activity: "la formation aux métiers en tension et l’apprentissage",
    },
    Theme {
        sector: "habitat",
        of: "de l’habitat partagé",
        short: "Habitat",
        activity: "l’habitat participatif, l’auto-réhabilitation et le logement des jeunes",
    },
    Theme {
        sector: "sante",
        of: "de la santé et du bien vieillir",
        short: "Silver économie",
        activity: "une maison de santé, le portage de repas et l’adaptation des logements",
    },
];

/// Heads of pole names, followed by a place ("La Fabrique coopérative de Castres").
pub const POLE_HEADS: [&str; 20] = [
    "La Fabrique coopérative",
    "Les Ateliers solidaires",
    "Le Chantier partagé",
    "La Coopérative de territoire",
    "La Maison de l’économie solidaire",
    "Le Pôle d’économie solidaire",
    "La Ressourcerie",
    "Le Tiers-lieu productif",
    "La Manufacture",
    "Le Village d’entreprises solidaires",
    "La Plateforme coopérative",
    "Le Réseau des entreprises solidaires",
    "L’Archipel des savoir-faire",
    "La Grange",
    "Le Moulin",
    "La Filature",
    "Les Communs",
    "La Ruche coopérative",
    "Le Quai des initiatives",
    "La Halle solidaire",
];

/// Names given to organisations after their legal form ("Association Tremplin").
pub const ORGANISATION_CORES: [&str; 32] = [
    "Tremplin",
    "Passerelle",
    "Trait d’union",
    "Horizons",
    "Le Relais",
    "L’Escale",
    "Envol",
    "Alternatives",
    "Initiatives",
    "Solidarités",
    "Les Compagnons",
    "Ressources",
    "La Navette",
    "Le Lien",
    "Archipel",
    "Racines",
    "Les Jardins partagés",
    "Bâtir ensemble",
    "Le Fil d’Ariane",
    "Coup de pouce",
    "La Clé",
    "Atout",
    "Les Chemins",
    "Main-d’œuvre",
    "L’Outil en main",
    "Recyclerie",
    "Terre d’avenir",
    "La Source",
    "Sillon",
    "Élan",
    "Convergences",
    "Le Pont",
];

/// (form value, prefix of the name, weight) for the lead organisation's legal form.
pub const LEGAL_FORMS: [(&str, &str, u32); 13] = [
    ("association", "Association", 50),
    ("scic", "SCIC", 15),
    ("scop", "SCOP", 8),
    ("cae", "CAE", 4),
    ("cooperative", "Coopérative", 4),
    ("societe-ess", "SAS", 5),
    ("gie", "GIE", 3),
    ("fondation", "Fondation", 2),
    ("mutuelle", "Mutuelle", 1),
    ("fonds-de-dotation", "Fonds de dotation", 1),
    ("collectivite", "Communauté de communes", 3),
    ("societe", "SARL", 2),
    ("autre", "Groupement", 2),
];

pub const STREET_NAMES: [&str; 24] = [
    "rue Pierre Curie",
    "rue Jean Jaurès",
    "avenue de la République",
    "rue Victor Hugo",
    "rue des Écoles",
    "chemin du Moulin",
    "avenue de la Gare",
    "boulevard Pasteur",
    "place Gambetta",
    "avenue du Général de Gaulle",
    "rue des Tisserands",
    "rue de l’Industrie",
    "rue Louise Michel",
    "rue Jules Ferry",
    "allée des Lilas",
    "quai du Port",
    "place de la Liberté",
    "rue Émile Zola",
    "impasse des Artisans",
    "rue Olympe de Gouges",
    "route de la Vallée",
    "rue du Four",
    "cours de la Libération",
    "rue des Coopérateurs",
];

pub const DECISION_BODIES: [&str; 8] = [
    "Assemblée générale annuelle",
    "Conseil d’administration trimestriel",
    "Comité de pilotage mensuel",
    "Bureau hebdomadaire",
    "Comité technique",
    "Collège des membres",
    "Conseil coopératif",
    "Comité d’engagement",
];

pub const PRIVATE_BUSINESSES: [&str; 10] = [
    "Menuiserie",
    "Imprimerie",
    "Transports",
    "Boulangerie",
    "Garage",
    "Maçonnerie",
    "Électricité",
    "Scierie",
    "Conserverie",
    "Serrurerie",
];

pub const JOINT_PROJECTS: [&str; 16] = [
    "Atelier partagé",
    "Plateforme logistique commune",
    "Groupement d’employeurs",
    "Marque territoriale",
    "Boutique collective",
    "Achats groupés d’énergie",
    "Service de mobilité solidaire",
    "Recyclerie",
    "Légumerie",
    "Tiers-lieu",
    "Conciergerie d’entreprises",
    "Matériauthèque",
    "Cuisine centrale",
    "Espace de coworking",
    "Fonds d’amorçage local",
    "Centre de formation commun",
];

pub const ACTIONS: [&str; 14] = [
    "Créer un atelier partagé",
    "Recruter une personne pour animer le pôle",
    "Structurer la gouvernance en SCIC",
    "Ouvrir une boutique de producteurs",
    "Lancer une étude de marché",
    "Former les salariés en parcours d’insertion",
    "Aménager la friche mise à disposition",
    "Développer les achats groupés",
    "Créer un groupement d’employeurs",
    "Organiser les rencontres annuelles du pôle",
    "Mettre en place un outil de suivi de l’impact",
    "Accueillir de nouvelles entreprises",
    "Conventionner avec la communauté de communes",
    "Rénover le bâtiment commun",
];

pub const OBJECTIVES: [&str; 12] = [
    "20 emplois créés en trois ans",
    "Doubler le chiffre d’affaires commun",
    "Accueillir 50 stagiaires par an",
    "Réduire de moitié les déchets enfouis",
    "Approvisionner 12 cantines en produits locaux",
    "Accompagner 30 personnes vers l’emploi durable",
    "Réunir 15 membres actifs",
    "Équilibrer le modèle économique sans subvention",
    "Mutualiser trois postes supports",
    "Ouvrir le lieu six jours sur sept",
    "Former 40 personnes par an",
    "Rénover 25 logements",
];

pub const MILESTONES: [&str; 10] = [
    "Étude de faisabilité",
    "Création de la structure porteuse",
    "Premier comité de pilotage",
    "Recrutement de la personne chargée de l’animation",
    "Ouverture du lieu",
    "Signature de la charte de coopération",
    "Premier bilan d’activité",
    "Recherche de financements",
    "Lancement du site internet",
    "Assemblée constitutive",
];

pub const RESEARCH_LINKS: [&str; 8] = [
    "Thèse en convention CIFRE",
    "Formation commune",
    "Étude d’impact social",
    "Recherche-action sur la gouvernance coopérative",
    "Accueil de stagiaires",
    "Diplôme universitaire en économie sociale",
    "Chaire partenariale",
    "Évaluation du programme",
];

pub const WITHDRAWAL_REASONS: [&str; 5] = [
    "Le projet est reporté à l’an prochain.",
    "Les membres ont choisi de candidater ensemble sous un autre dossier.",
    "Nous n’avons pas obtenu l’accord de notre conseil d’administration.",
    "Dossier déposé par erreur.",
    "La structure porteuse change : nous déposerons un nouveau dossier.",
];

/// What made the pole necessary ("… qui partageaient le même constat : {need}").
pub const NEEDS: [&str; 12] = [
    "les emplois disparaissaient du territoire",
    "les jeunes quittaient la vallée faute de formation",
    "les déchets du bâtiment n’étaient pas valorisés",
    "les producteurs locaux ne trouvaient pas de débouchés",
    "les services aux personnes âgées manquaient en milieu rural",
    "les friches industrielles restaient vides",
    "les petites entreprises peinaient à recruter",
    "les personnes éloignées de l’emploi n’avaient pas de solution près de chez elles",
    "les savoir-faire de l’industrie locale risquaient de se perdre",
    "les habitants devaient faire quarante kilomètres pour trouver un service",
    "les associations se faisaient concurrence pour les mêmes financements",
    "la fermeture de l’usine avait laissé trois cents personnes sans travail",
];

/// What the members set out to do ("… soucieuses de {goal}").
pub const GOALS: [&str; 10] = [
    "relocaliser la production",
    "créer des emplois non délocalisables",
    "mutualiser des locaux et des compétences",
    "valoriser les ressources du territoire",
    "accompagner les personnes éloignées de l’emploi",
    "développer les circuits courts",
    "maintenir des services de proximité",
    "reprendre des activités menacées de disparition",
    "former aux métiers de demain",
    "réduire l’empreinte écologique de leurs activités",
];

/// Steps a pole went through ("… : {step}, puis {step}").
pub const STEPS: [&str; 10] = [
    "un premier atelier partagé a ouvert",
    "un groupement d’employeurs a été créé",
    "une marque commune a été déposée",
    "la commune a mis une friche à disposition",
    "une SCIC a été constituée",
    "une étude de faisabilité a été menée avec l’université",
    "les premiers salariés mutualisés ont été recrutés",
    "une charte de coopération a été signée",
    "le pôle a remporté un appel à projets régional",
    "une boutique collective a ouvert en centre-bourg",
];

/// Sentences that fit any answer about the pole; `{…}` are filled by the dossier's own words.
pub const GENERIC_SENTENCES: [&str; 12] = [
    "{pole} réunit des entreprises de l’économie sociale et solidaire, des entreprises \
     classiques et des collectivités {place}.",
    "Ses membres développent ensemble {activity}.",
    "Le constat de départ était simple : {need}.",
    "Les membres ont choisi de {goal} plutôt que d’agir chacun de leur côté.",
    "En {year}, {step}.",
    "Le pôle s’appuie sur {member}, qui en a porté l’idée dès le début.",
    "La coopération permet à chacun de {goal}, ce qu’aucun membre ne pourrait faire seul.",
    "Le territoire {place} compte de nombreuses petites structures qui gagnent à travailler \
     ensemble.",
    "Les décisions sont prises collectivement, en associant les salariés et les habitants.",
    "Les résultats sont suivis chaque année avec les partenaires publics.",
    "Depuis, {step}, puis {step2}.",
    "L’enjeu des prochaines années est de {goal} tout en consolidant le modèle économique.",
];

/// Sentences for some answers in particular, by field key.
pub fn sentences_for(key: &str) -> &'static [&'static str] {
    match key {
        "genesis" | "origin" => &[
            "{pole} a vu le jour en {year} à l’initiative de {member} et de {member2}, qui \
             partageaient le même constat : {need}.",
            "L’idée est venue d’un groupe de structures de l’économie sociale et solidaire \
             {place}, soucieuses de {goal}.",
            "Les premières réunions se sont tenues à la mairie, avec le soutien de la \
             communauté de communes.",
            "Depuis, {step}, puis {step2}.",
        ],
        "shared_strategy" | "planned_cooperation" => &[
            "Les membres mutualisent leurs locaux, leurs achats et une partie de leurs \
             fonctions supports.",
            "Ensemble, ils développent {activity}.",
            "Chaque décision importante est prise en comité de pilotage, où chaque collège \
             dispose d’une voix.",
            "La coopération permet à chacun de {goal}, ce qu’aucun membre ne pourrait faire \
             seul.",
        ],
        "innovation_description" => &[
            "{pole} expérimente une organisation où les entreprises classiques et les \
             structures d’insertion partagent les mêmes chantiers.",
            "L’innovation tient moins à la technique qu’à la manière de coopérer : {goal}.",
            "Un outil commun de suivi permet de mesurer l’impact social de chaque activité.",
        ],
        "local_needs" | "needs_and_market" => &[
            "Le territoire {place} a perdu une part importante de ses emplois industriels : \
             {need}.",
            "Les habitants, les collectivités et les entreprises locales sont les premiers \
             clients des services du pôle.",
            "La demande est forte pour {activity}.",
        ],
        "local_partners" => &[
            "Le pôle travaille avec la commune, la communauté de communes et le département, \
             qui soutiennent ses projets.",
            "Il est en lien avec {member} et avec les chambres consulaires.",
            "Les services de l’État et Pôle emploi orientent vers lui les personnes en \
             recherche d’emploi.",
        ],
        "governance" => &[
            "La gouvernance repose sur une assemblée générale où chaque membre dispose d’une \
             voix, et sur un comité de pilotage mensuel.",
            "Les salariés et les usagers y sont représentés par un collège dédié.",
            "Les désaccords sont d’abord discutés en bureau, puis tranchés en assemblée.",
        ],
        _ => &GENERIC_SENTENCES,
    }
}

/// French preposition and article before a place name: "de Castres", "d’Arles",
/// "du Havre", "des Mureaux", "de La Rochelle".
pub fn of_place(name: &str) -> String {
    let name = name.replace('\'', "’");
    if let Some(rest) = name.strip_prefix("Le ") {
        return format!("du {rest}");
    }
    if let Some(rest) = name.strip_prefix("Les ") {
        return format!("des {rest}");
    }
    let first = name.chars().next().unwrap_or('x');
    if "AEIOUYÂÊÎÔÛÉÈÀ".contains(first) {
        format!("d’{name}")
    } else {
        format!("de {name}")
    }
}

/// Lower-case ASCII letters, digits and dashes, for e-mail addresses and web addresses.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let mapped = match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' => 'e',
            'î' | 'ï' | 'Î' => 'i',
            'ô' | 'ö' | 'Ô' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'œ' => 'o',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            _ => '-',
        };
        if mapped != '-' || !out.ends_with('-') {
            out.push(mapped);
        }
    }
    out.trim_matches('-').to_owned()
}

/// The capital letters of the significant words: "Pôle du réemploi de Castres" → "PRC".
pub fn acronym(name: &str) -> String {
    const SMALL: [&str; 10] = ["de", "du", "des", "la", "le", "les", "et", "en", "d’", "l’"];
    name.split([' ', '-'])
        .map(|w| w.trim_start_matches("d’").trim_start_matches("l’").trim_start_matches("L’"))
        .filter(|w| !w.is_empty() && !SMALL.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .take(8)
        .collect()
}

/// A paragraph of sentences from `bank`, with the dossier's words in place of `{…}`, of
/// roughly `target` characters and at most `max`.
pub fn paragraph(
    rng: &mut SmallRng,
    bank: &[&str],
    fill: &dyn Fn(&mut SmallRng, &str) -> String,
    target: usize,
    max: usize,
) -> String {
    let mut out = String::new();
    // The field's own sentences first, in their order (they tell a story), then generic ones
    // in a random order when more text is wanted; none twice.
    let mut generic: Vec<&str> = GENERIC_SENTENCES.to_vec();
    rand::seq::SliceRandom::shuffle(generic.as_mut_slice(), rng);
    let mut used: Vec<&str> = Vec::new();
    for template in bank.iter().copied().chain(generic) {
        if used.contains(&template) {
            continue;
        }
        used.push(template);
        let sentence = expand(rng, template, fill);
        let added = out.chars().count() + 1 + sentence.chars().count();
        if added > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&sentence);
        if out.chars().count() >= target {
            break;
        }
    }
    if out.is_empty() {
        // Only when `max` is shorter than every sentence.
        out = expand(rng, bank.first().copied().unwrap_or("…"), fill).chars().take(max).collect();
    }
    out
}

fn expand(
    rng: &mut SmallRng,
    template: &str,
    fill: &dyn Fn(&mut SmallRng, &str) -> String,
) -> String {
    let mut out = String::with_capacity(template.len() + 40);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push_str(&fill(rng, &rest[open + 1..open + close]));
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    // A sentence starting with a filled-in lower-case word gets its capital.
    let mut chars = out.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => out,
    }
}

/// A number of picks in `[low, high]`, the lower ones more likely.
pub fn small_count(rng: &mut SmallRng, low: usize, high: usize) -> usize {
    if high <= low {
        return low;
    }
    let a = rng.random_range(low..=high);
    let b = rng.random_range(low..=high);
    a.min(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_take_the_right_preposition() {
        assert_eq!(of_place("Castres"), "de Castres");
        assert_eq!(of_place("Arles"), "d’Arles");
        assert_eq!(of_place("Le Havre"), "du Havre");
        assert_eq!(of_place("Les Mureaux"), "des Mureaux");
        assert_eq!(of_place("La Rochelle"), "de La Rochelle");
        assert_eq!(of_place("L'Île-Saint-Denis"), "de L’Île-Saint-Denis");
        assert_eq!(of_place("Évreux"), "d’Évreux");
    }

    #[test]
    fn slugs_and_acronyms_keep_the_significant_letters() {
        assert_eq!(slug("Anne-Claire Lefèvre"), "anne-claire-lefevre");
        assert_eq!(slug("Trait d’union"), "trait-d-union");
        assert_eq!(acronym("Pôle du réemploi de Castres"), "PRC");
        assert_eq!(acronym("La Fabrique coopérative d’Arles"), "FCA");
    }
}
