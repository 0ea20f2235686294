//! Writes a sample receipt to the path given as first argument (default /tmp/ptce-sample.pdf).

use ptce_pdf::{Block, Document, Lang, render};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| "/tmp/ptce-sample.pdf".into());
    let s = |t: &str| t.to_owned();
    let mut rows = Vec::new();
    for (i, (poste, montant)) in [
        ("Salaires et charges (coordination, 0,5\u{a0}ETP)", "21\u{202f}500\u{a0}€"),
        ("Locaux partagés — loyer et charges de l’atelier de Saint-Étienne", "6\u{202f}000\u{a0}€"),
        ("Études préalables, accompagnement juridique et comptable", "4\u{202f}750\u{a0}€"),
        ("Communication", "1\u{202f}200\u{a0}€"),
    ]
    .iter()
    .enumerate()
    {
        rows.push(vec![format!("{}", i + 1), s(poste), s(montant)]);
    }
    let doc = Document {
        lang: Lang::Fr,
        title: s("Accusé de réception de votre dossier"),
        subtitle: Some(s(
            "Appel «\u{a0}Valoriser et développer les Pôles Territoriaux de Coopération Économique\u{a0}» — 2011",
        )),
        meta: vec![
            (s("Dossier n°"), s("PTCE-2011-0042")),
            (s("Pôle"), s("Pôle d’économie solidaire du Pays de Saint-Étienne")),
            (s("Déposé le"), s("12 octobre 2011 à 14\u{a0}h\u{a0}32 (heure de Paris)")),
            (
                s("Empreinte SHA-256"),
                s("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
            ),
        ],
        blocks: vec![
            Block::Notice(s(
                "Ce reçu atteste que votre dossier a été déposé. Conservez-le\u{a0}: l’empreinte \
                 ci-dessus permet de vérifier que le dossier n’a pas été modifié depuis.",
            )),
            Block::Heading(s("Le pôle")),
            Block::Field {
                label: s("Nom du pôle"),
                value: s("Pôle d’économie solidaire du Pays de Saint-Étienne"),
            },
            Block::Field {
                label: s("Présentation"),
                value: s(
                    "Le pôle réunit douze structures de l’économie sociale et solidaire, deux \
                     collectivités et un lycée professionnel autour d’une filière de réemploi.\n\n\
                     Ses objectifs pour 2012\u{a0}: mutualiser un atelier, créer 8 emplois en \
                     insertion et ouvrir une ressourcerie à Firminy. Les œuvres sociales et le \
                     cœur de métier restent portés par chaque structure.",
                ),
            },
            Block::Field { label: s("Site web"), value: s("") },
            Block::SubHeading(s("Budget prévisionnel")),
            Block::Table { columns: vec![s("N°"), s("Poste de dépense"), s("Montant")], rows },
            Block::Paragraph(s(
                "Montant total demandé\u{a0}: 33\u{202f}450\u{a0}€. Les montants sont exprimés \
                 toutes taxes comprises.",
            )),
            Block::Heading(s("Calendrier des actions")),
            Block::Table {
                columns: vec![s("Mois"), s("Action"), s("Partenaires associés"), s("Coût")],
                rows: (1..=40)
                    .map(|i| {
                        vec![
                            format!("{:02}/2012", (i - 1) % 12 + 1),
                            format!("Action n°\u{a0}{i} : atelier de réemploi et formation"),
                            if i % 7 == 0 {
                                s("Réseau des ressourceries, collectivités du territoire, \
                                   lycée professionnel, structures d’insertion par l’activité économique")
                            } else {
                                s("Réseau local")
                            },
                            format!("{}\u{202f}{:03}\u{a0}€", i, (i * 37) % 1000),
                        ]
                    })
                    .collect(),
            },
            Block::Field {
                label: s("Référence du marché (identifiant sans espace)"),
                value: "https://example.org/".to_owned() + &"ressourcerie-du-pays-de-saint-etienne/".repeat(5),
            },
            Block::Heading(s("Engagements")),
            Block::Paragraph(s(
                "Le porteur certifie l’exactitude des informations fournies et s’engage à \
                 informer les co-porteurs de l’appel de tout changement.",
            )),
        ],
        footer: s("PTCE 2011 — accusé de réception du dossier PTCE-2011-0042"),
        created_at: None,
    };
    let pdf = render(&doc)?;
    std::fs::write(&path, &pdf)?;
    println!("{path}: {} bytes", pdf.len());
    Ok(())
}
