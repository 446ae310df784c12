"""Pure data: the words a company uses for each subject of the seeded need taxonomy.

The need type-ahead of the intake form matches them as well as « Thème › Sujet » (« embauche »
finds « Recrutement », « brevet » finds « Propriété industrielle »). They are keyed by the
subject's seeded name: a subject renamed in Paramètres › Thématiques keeps its name's words
only. The subjects of :data:`SKILL_SUBJECTS` also match the capability thesaurus, names and
synonyms (« usinage », « soudage TIG »), as it is stored in the database: a skill named is a
skill sought.
"""

from __future__ import annotations

#: Subjects about finding a skill: any capability of the thesaurus names what is sought.
SKILL_SUBJECTS: tuple[str, ...] = (
    "Recherche de sous-traitant",
    "Recherche de compétence",
    "Recherche de partenaire industriel",
)

# fmt: off
#: Subject name → ``|``-separated words and phrases a company uses for it.
SUBJECT_SYNONYMS: dict[str, str] = {
    "Prêt d'honneur": "prêt à taux zéro|Initiative|Réseau Entreprendre|apport personnel",
    "Subvention régionale": "aide régionale|Région Normandie|AD Normandie|Impulsion",
    "Prêt bancaire / garantie Bpifrance": "banque|emprunt|crédit bancaire|BPI|caution",
    "Levée de fonds": "investisseurs|capital|business angels|capital-risque|fonds propres",
    "Aides à l'investissement": "investissement|machine|équipement|matériel",
    "Trésorerie et difficultés passagères":
        "difficultés|impayés|redressement|sauvegarde|URSSAF|délais de paiement",
    "Recherche de terrain": "foncier|parcelle|zone d'activité",
    "Recherche de local d'activité": "atelier|entrepôt|bâtiment|hangar|local",
    "Bureaux et pépinière d'entreprises": "bureau|coworking|hôtel d'entreprises|incubateur",
    "Extension sur site": "agrandissement|permis de construire",
    "Cession ou mise en location de locaux": "vendre des locaux|louer|bail",
    "Recrutement": "embauche|emploi|candidats|CDI|intérim|offre d'emploi|main-d'œuvre",
    "Apprentissage et alternance": "apprenti|contrat de professionnalisation|alternant",
    "Formation des salariés": "OPCO|CPF|qualification|plan de formation",
    "Aides à l'embauche": "aide à l'emploi|contrat aidé|emploi franc",
    "Gestion des compétences (GPEC)": "pyramide des âges|plan de compétences",
    "Recherche de sous-traitant": "prestataire|fabrication|pièces",
    "Recherche de compétence": "savoir-faire|expertise",
    "Référencement donneurs d'ordre": "donneur d'ordres|achats|grands comptes|fournisseur",
    "Recherche de partenaire industriel": "partenariat|co-traitance|consortium",
    "Adhésion au réseau Sotraban": "adhérer|adhésion|cotisation",
    "Mutualisation de moyens": "mutualiser|partage d'équipements",
    "Premiers pas à l'export": "international|exporter|étranger",
    "Prospection de marchés étrangers": "distributeur|agent commercial|Team France Export",
    "Salons et missions à l'étranger": "salon|foire|délégation",
    "Financement export": "assurance prospection|crédit export",
    "Formalités douanières": "douane|incoterms|EORI|dédouanement",
    "Projet d'innovation": "prototype|R&D|nouveau produit",
    "Crédit d'impôt recherche / innovation": "CIR|CII|JEI|crédit d'impôt",
    "Propriété industrielle": "brevet|marque|INPI|dépôt de brevet",
    "Partenariat avec un laboratoire": "université|recherche|thèse|CIFRE",
    "Industrie 4.0 et numérique":
        "numérique|digitalisation|automatisation|robotique|ERP|cybersécurité",
    "Projet hydrogène": "H2|électrolyseur|pile à combustible",
    "Qualification pour la filière hydrogène": "qualification hydrogène|certification hydrogène",
    "Décarbonation des procédés": "CO2|carbone|émissions|bilan carbone",
    "Efficacité énergétique": "énergie|consommation d'énergie|audit énergétique|chaleur fatale",
    "Économie circulaire et déchets": "recyclage|valorisation|réemploi|écologie industrielle",
    "Création d'entreprise":
        "créer|créateur|porteur de projet|micro-entreprise|auto-entrepreneur|business plan",
    "Reprise d'entreprise": "repreneur|racheter|rachat|fonds de commerce",
    "Transmission / cession": "cédant|vendre son entreprise|départ en retraite|succession",
    "Choix du statut juridique": "SARL|SAS|EURL|statuts|forme juridique",
    "Accompagnement post-création": "suivi|parrainage|jeune entreprise",
    "Projet d'implantation": "s'implanter|installation|relocalisation|déménagement",
    "Recherche de site industriel": "usine|friche|terrain industriel",
    "Accompagnement administratif de l'implantation": "autorisations|démarches",
    "Accueil des salariés (logement, mobilité)": "logement|transport|mobilité",
    "Installations classées (ICPE)": "DREAL|autorisation environnementale|installation classée",
    "Certification et normes qualité": "ISO 9001|ISO 14001|MASE|qualité|EN 9100|norme",
    "Santé et sécurité au travail": "sécurité|accident du travail|DUERP|prévention|CARSAT",
    "Marchés publics": "appel d'offres|commande publique|DCE",
    "Équipements sous pression": "ESP|DESP|appareils à pression",
}
# fmt: on
