"""Pure data: the reference rows every database starts with, then the demo's vocabulary.

The first part (need taxonomy, capability thesaurus, certifications, strategic sectors) is written
by :mod:`guichet.services.seed`. Synonyms are what a counsellor or a company types instead of the
canonical name (« soudage » for « Soudure », « plastique » for « Plasturgie »); the directory
search expands queries with them.

The second part is the vocabulary of the fictional demonstration dataset built by
:mod:`guichet.services.demo`: names, streets, trades, partner institutions, text templates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class CapabilityNode:
    """One entry of the thesaurus, with its synonyms and narrower capabilities."""

    name: str
    synonyms: tuple[str, ...] = ()
    children: tuple[CapabilityNode, ...] = ()

    @property
    def synonyms_text(self) -> str | None:
        """Synonyms as stored in ``Capability.synonyms`` (``"a|b|c"``), None when there are none."""
        return "|".join(self.synonyms) or None


def _cap(name: str, synonyms: str = "", *children: CapabilityNode) -> CapabilityNode:
    return CapabilityNode(name, tuple(s for s in synonyms.split("|") if s), children)


#: Need taxonomy: ``(theme, subjects)`` in display order.
THEMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Financement",
        (
            "Prêt d'honneur",
            "Subvention régionale",
            "Prêt bancaire / garantie Bpifrance",
            "Levée de fonds",
            "Aides à l'investissement",
            "Trésorerie et difficultés passagères",
        ),
    ),
    (
        "Immobilier et foncier",
        (
            "Recherche de terrain",
            "Recherche de local d'activité",
            "Bureaux et pépinière d'entreprises",
            "Extension sur site",
            "Cession ou mise en location de locaux",
        ),
    ),
    (
        "Recrutement et formation",
        (
            "Recrutement",
            "Apprentissage et alternance",
            "Formation des salariés",
            "Aides à l'embauche",
            "Gestion des compétences (GPEC)",
        ),
    ),
    (
        "Sous-traitance et partenaires industriels",
        (
            "Recherche de sous-traitant",
            "Recherche de compétence",
            "Référencement donneurs d'ordre",
            "Recherche de partenaire industriel",
            "Adhésion au réseau Sotraban",
            "Mutualisation de moyens",
        ),
    ),
    (
        "Export et international",
        (
            "Premiers pas à l'export",
            "Prospection de marchés étrangers",
            "Salons et missions à l'étranger",
            "Financement export",
            "Formalités douanières",
        ),
    ),
    (
        "Innovation et R&D",
        (
            "Projet d'innovation",
            "Crédit d'impôt recherche / innovation",
            "Propriété industrielle",
            "Partenariat avec un laboratoire",
            "Industrie 4.0 et numérique",
        ),
    ),
    (
        "Transition énergétique et hydrogène",
        (
            "Projet hydrogène",
            "Qualification pour la filière hydrogène",
            "Décarbonation des procédés",
            "Efficacité énergétique",
            "Économie circulaire et déchets",
        ),
    ),
    (
        "Création et reprise",
        (
            "Création d'entreprise",
            "Reprise d'entreprise",
            "Transmission / cession",
            "Choix du statut juridique",
            "Accompagnement post-création",
        ),
    ),
    (
        "Implantation",
        (
            "Projet d'implantation",
            "Recherche de site industriel",
            "Accompagnement administratif de l'implantation",
            "Accueil des salariés (logement, mobilité)",
        ),
    ),
    (
        "Réglementation et normes",
        (
            "Installations classées (ICPE)",
            "Certification et normes qualité",
            "Santé et sécurité au travail",
            "Marchés publics",
            "Équipements sous pression",
        ),
    ),
)

#: Capability thesaurus: roots with their narrower capabilities and synonyms.
CAPABILITIES: tuple[CapabilityNode, ...] = (
    _cap(
        "Mécanique",
        "mécanique générale|construction mécanique",
        _cap(
            "Usinage",
            "tournage|fraisage|usinage CN|usinage commande numérique|décolletage",
            _cap("Tournage CN", "tour CN|tournage|décolletage"),
            _cap("Fraisage 5 axes", "fraisage|centre d'usinage|fraisage CN"),
            _cap("Rectification", "rectifieuse|rectification plane|rectification cylindrique"),
            _cap("Électroérosion", "EDM|électroérosion à fil|enfonçage"),
        ),
        _cap("Mécanique de précision", "micromécanique|pièces de précision"),
        _cap("Assemblage mécanique", "montage mécanique|intégration mécanique"),
    ),
    _cap(
        "Chaudronnerie",
        "tôlerie|chaudronnerie industrielle|construction métallique",
        _cap("Tôlerie fine", "pliage|poinçonnage|tôlerie"),
        _cap("Découpe laser", "découpe jet d'eau|découpe plasma|oxycoupage"),
        _cap("Chaudronnerie inox", "inox|acier inoxydable"),
        _cap("Tuyauterie industrielle", "tuyauteur|piping|préfabrication de tuyauterie"),
    ),
    _cap(
        "Soudure",
        "soudage",
        _cap("TIG", "soudage TIG|soudure TIG|GTAW|procédé 141"),
        _cap("MIG/MAG", "soudage MIG|soudage MAG|semi-automatique|GMAW|procédé 135"),
        _cap("Soudure orbitale", "soudage orbital|soudure de tubes"),
        _cap("Soudage laser", "soudure laser"),
    ),
    _cap(
        "Traitement de surface",
        "finition|revêtement",
        _cap("Peinture industrielle", "thermolaquage|peinture poudre|peinture liquide"),
        _cap("Galvanisation", "zingage|galvanisation à chaud"),
        _cap("Anodisation", "oxydation anodique"),
        _cap("Sablage et grenaillage", "sablage|grenaillage|décapage"),
    ),
    _cap(
        "Électronique",
        "électronique industrielle",
        _cap("Câblage", "câblage filaire|faisceaux électriques|harnais|cordons"),
        _cap("Assemblage de cartes", "CMS|report de composants|PCBA|SMT|cartes électroniques"),
        _cap("Test électronique", "banc de test|test in situ|ICT|test fonctionnel"),
        _cap("Armoires électriques", "tableautier|câblage d'armoires|coffrets électriques"),
    ),
    _cap(
        "Plasturgie",
        "plastique|matières plastiques|polymères",
        _cap("Injection", "injection plastique|moulage par injection"),
        _cap("Extrusion", "extrusion plastique|profilés|tubes plastiques"),
        _cap("Thermoformage", "formage sous vide"),
        _cap("Composites", "matériaux composites|fibre de carbone|stratification"),
    ),
    _cap(
        "Hydrogène",
        "H2|hydrogène vert|hydrogène bas carbone",
        _cap(
            "Réservoirs haute pression",
            "stockage hydrogène|réservoirs type IV|bouteilles composites|réservoirs H2",
        ),
        _cap("Électrolyseurs", "électrolyse|production d'hydrogène|stacks d'électrolyse"),
        _cap("Piles à combustible", "PAC|pile à combustible|fuel cell|PEMFC"),
        _cap("Tuyauterie haute pression", "tubing haute pression|raccords HP|tuyauterie HP"),
        _cap("Stations de distribution", "station hydrogène|station de recharge H2"),
    ),
    _cap(
        "Maintenance industrielle",
        "maintenance|MCO|dépannage industriel",
        _cap("Maintenance mécanique", "réparation de machines|révision"),
        _cap("Maintenance électrique", "dépannage électrique"),
        _cap("Arrêts techniques", "grands arrêts|arrêts de tranche|arrêts d'unité"),
    ),
    _cap(
        "Automatisme",
        "automatismes industriels|automates|contrôle-commande",
        _cap("Programmation d'automates", "automate|API|PLC"),
        _cap("Robotique", "robot|cobot|robotisation"),
        _cap("Supervision", "SCADA|supervision industrielle"),
    ),
    _cap(
        "Métrologie",
        "contrôle|mesure|contrôle qualité",
        _cap("Contrôle tridimensionnel", "MMT|contrôle 3D|machine à mesurer"),
        _cap("Contrôle non destructif", "CND|ressuage|ultrasons|radiographie"),
        _cap("Étalonnage", "vérification d'instruments"),
    ),
    _cap(
        "Bureau d'études",
        "ingénierie|conception|CAO",
        _cap("Conception mécanique", "CAO|dessin industriel|modélisation 3D"),
        _cap("Calcul de structures", "simulation|éléments finis|dimensionnement"),
    ),
    _cap("Fabrication additive", "impression 3D|prototypage rapide"),
)

#: ``(name, description)`` of the certifications a company may hold.
CERTIFICATIONS: tuple[tuple[str, str], ...] = (
    ("ISO 9001", "Système de management de la qualité"),
    ("EN 9100", "Qualité pour l'aéronautique, le spatial et la défense"),
    ("ISO 14001", "Système de management environnemental"),
    ("ISO 45001", "Santé et sécurité au travail"),
    ("ISO 50001", "Management de l'énergie"),
    ("MASE", "Manuel d'amélioration sécurité des entreprises (sites industriels à risques)"),
    ("ATEX", "Intervention en atmosphères explosives"),
    ("CEFRI", "Travail sous rayonnements ionisants (nucléaire)"),
    ("IATF 16949", "Qualité pour l'automobile"),
    ("ISO 3834", "Exigences de qualité en soudage"),
    ("Qualiopi", "Qualité des organismes de formation"),
)

#: Strategic sectors (filières).
SECTORS: tuple[str, ...] = (
    "Hydrogène",
    "Nucléaire",
    "Aéronautique",
    "Pétrochimie",
    "Automobile",
    "Agroalimentaire",
    "Énergies renouvelables",
    "Défense",
    "Ferroviaire",
    "Naval",
)


def iter_capabilities(
    nodes: tuple[CapabilityNode, ...] = CAPABILITIES, parent: str | None = None
) -> Iterator[tuple[CapabilityNode, str | None]]:
    """Every node of the thesaurus with its parent's name, parents before children."""
    for node in nodes:
        yield node, parent
        yield from iter_capabilities(node.children, node.name)


def leaf_capabilities(root: str | None = None) -> list[str]:
    """Names of the capabilities without children, under ``root`` (a name) or in the whole tree."""
    nodes = CAPABILITIES
    if root is not None:
        found = [node for node, _ in iter_capabilities() if node.name == root]
        nodes = tuple(found)
    return [node.name for node, _ in iter_capabilities(nodes) if not node.children]


# ============================================================================================
# Vocabulary of the fictional demonstration dataset (used by guichet.services.demo only).
# ============================================================================================


@dataclass(frozen=True)
class Family:
    """A trade of the network's members: name words, capabilities, NAF codes, sectors."""

    key: str
    count: int
    words: tuple[str, ...]
    roots: tuple[str, ...]  # capabilities (or their parents) the members draw from
    naf: tuple[str, ...]
    activity: str
    sectors: tuple[str, ...]
    hydrogen: tuple[str, ...] = ()  # hydrogen capabilities that fit the trade


@dataclass(frozen=True)
class Activity:
    """A trade of the other companies that come to the desk."""

    word: str
    naf: str
    label: str
    headcounts: tuple[tuple[str, float], ...] = (("01", 3), ("02", 3), ("03", 2), ("11", 2))


@dataclass(frozen=True)
class PartnerSpec:
    key: str
    name: str
    insee: str
    legal_form: str
    naf: str
    roles: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class ResourceSpec:
    title: str
    kind: str  # a ResourceKind value
    theme: str
    description: str
    path: str | None = None  # under https://exemple.fr/


AGENCY_NAME = "Caux Seine Développement (démo)"
COUNSELLORS: tuple[tuple[str, str], ...] = (
    ("Claire", "Lemonnier"),
    ("Sophie", "Delamare"),
    ("Julie", "Vauquelin"),
)
INQUIRY_COUNT = 300
COMPANY_COUNT = 60
PROJECT_HOLDER_COUNT = 8
OUTSIDE_COMPANY_COUNT = 12
INDIVIDUAL_COUNT = 10
ADHESION_SUBJECT = "Adhésion au réseau Sotraban"
HYDROGEN_THEME = "Transition énergétique et hydrogène"

FEMALE_FIRST_NAMES = (
    "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Sandrine", "Valérie", "Christine",
    "Stéphanie", "Céline", "Aurélie", "Émilie", "Julie", "Camille", "Laura", "Sarah", "Manon",
    "Pauline", "Caroline", "Anne", "Hélène", "Sophie", "Virginie", "Delphine", "Élodie",
    "Mélanie", "Audrey", "Chloé", "Léa", "Charlotte", "Laetitia", "Agnès", "Florence", "Martine",
    "Véronique", "Anaïs", "Justine", "Margaux", "Noémie", "Gaëlle",
)  # fmt: skip
MALE_FIRST_NAMES = (
    "Jean", "Pierre", "Michel", "Philippe", "Alain", "Nicolas", "Christophe", "Patrick",
    "Stéphane", "Laurent", "Frédéric", "Olivier", "David", "Sébastien", "Julien", "Thomas", "Éric",
    "Guillaume", "Jérôme", "Vincent", "François", "Antoine", "Maxime", "Alexandre", "Romain",
    "Benoît", "Mathieu", "Bruno", "Didier", "Thierry", "Hugo", "Lucas", "Kévin", "Damien",
    "Yannick", "Gilles", "Arnaud", "Cédric", "Fabrice", "Pascal", "Loïc", "Grégory",
)  # fmt: skip
LAST_NAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert",
    "Bonnet", "François", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller",
    "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont",
    "Fontaine", "Chevalier", "Robin", "Masson", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire",
    "Duval", "Joly", "Gautier", "Roger", "Roche", "Noël", "Meyer", "Lucas", "Meunier", "Perez",
    "Marchand", "Dufour", "Blanchard", "Marie", "Barbier", "Brun", "Dumas", "Brunet", "Leroux",
    "Colin", "Renard", "Arnaud", "Caron", "Aubert", "Giraud", "Leclerc", "Vidal", "Bourgeois",
    "Renaud", "Lemoine", "Picard", "Gaillard", "Lacroix", "Fabre", "Dupuis", "Olivier", "Hubert",
    "Guillot", "Rivière", "Le Gall", "Adam", "Moulin", "Berger", "Lecomte", "Fleury", "Deschamps",
    "Carpentier", "Benoit", "Maillard", "Aubry", "Vasseur", "Renault", "Jacquet", "Prévost",
    "Poirier", "Charpentier", "Huet", "Baron", "Carré", "Breton", "Rémy", "Lecanu", "Lemonnier",
    "Delamare", "Lebas", "Hébert", "Leconte", "Lesueur", "Vauquelin", "Anquetil", "Levasseur",
    "Quesnel", "Lecoq", "Delaunay", "Duboc", "Hauchecorne", "Lepiller", "Lemarchand", "Toutain",
    "Vimont", "Grenier", "Heuzé", "Osmont", "Leprince", "Cauchois",
)  # fmt: skip

STREET_KINDS: tuple[tuple[str, float], ...] = (
    ("rue", 6), ("avenue", 2), ("allée", 1), ("impasse", 1), ("chemin", 1),
)  # fmt: skip
STREET_NAMES = (
    "des Forgerons", "de l'Industrie", "des Artisans", "Pierre Curie", "Gustave Eiffel",
    "Denis Papin", "des Tisserands", "du Commerce", "de la Libération", "Jean Jaurès",
    "des Chaudronniers", "des Métiers", "de la Seine", "du Stade", "Victor Hugo",
    "du Général de Gaulle", "Lavoisier", "André-Marie Ampère", "Nicéphore Niépce", "de la Mare",
    "des Pommiers", "du Manoir", "de la Gare", "des Tanneurs", "du Val", "des Tilleuls",
    "Jules Ferry", "de la République", "Louis Pasteur", "du Moulin", "de l'Europe",
    "de la Vallée", "des Frênes", "des Hêtres", "du Clos Masure", "des Marais",
)  # fmt: skip
ZONES = (
    "ZI de l'Estuaire", "ZA du Manoir", "ZA des Hauts de Caux", "Parc d'activités du Valasse",
    "ZA de la Briqueterie", "ZI des Ajoncs", "Parc d'activités Seine-Caux", "ZA du Moulin",
    "ZI du Bourvallon", "Pôle industriel des Marais", "ZA des Tisserands", "ZA du Clos Masure",
)  # fmt: skip
PLACE_WORDS = (
    "du Caux", "de la Seine", "de l'Estuaire", "du Pays de Caux", "Caux Seine", "de Normandie",
    "du Valasse", "de la Vallée", "des Deux Rives",
)  # fmt: skip
REGION_WORDS = ("Normandie", "Seine", "Estuaire", "Caux", "Néo")
#: Main communes of the territory weigh more when drawing an address (others weigh 1).
TERRITORY_WEIGHTS: dict[str, float] = {
    "76114": 14, "76476": 14, "76384": 12, "76258": 4, "76164": 4, "76329": 5, "76401": 2,
    "76281": 3, "76627": 3, "76557": 2, "76468": 2, "76684": 2, "76499": 2,
}  # fmt: skip
#: Towns outside the territory: Seine-Maritime INSEE codes, or others listed in OTHER_TOWNS.
OUTSIDE_TOWNS = (
    "76351", "76351", "76540", "76540", "76259", "76758", "76217", "76447", "76305",
    "14118", "69123", "44109", "59350",
)  # fmt: skip
OTHER_TOWNS: dict[str, tuple[str, str]] = {
    "14118": ("14000", "Caen"),
    "69123": ("69003", "Lyon"),
    "44109": ("44000", "Nantes"),
    "59350": ("59000", "Lille"),
}

MEMBER_NAME_PATTERNS: tuple[tuple[str, float], ...] = (
    ("{word} {last}", 5), ("{last} {word}", 3), ("{word} {place}", 3),
    ("{region} {word} Industrie", 2), ("{word} {last} & Fils", 2), ("Ateliers {last}", 1),
    ("{acronym} {word}", 1),
)  # fmt: skip
#: INSEE legal categories (level III, 2022 list: SASU and EURL are coded as SAS 5710 and SARL 5499).
MEMBER_LEGAL_FORMS: tuple[tuple[str, float], ...] = (
    ("5710", 55), ("5499", 31), ("5599", 8), ("5558", 3), ("5560", 2),
)  # fmt: skip
COMPANY_LEGAL_FORMS: tuple[tuple[str, float], ...] = (
    ("5710", 45), ("5499", 40), ("1000", 8), ("5599", 5), ("5485", 2),
)  # fmt: skip
MEMBER_HEADCOUNTS: tuple[tuple[str, float], ...] = (
    ("02", 5), ("03", 10), ("11", 25), ("12", 30), ("21", 15), ("22", 8), ("31", 3), ("32", 2),
)  # fmt: skip
MEMBER_HEAD_ROLES = ("Dirigeant(e)", "Gérant(e)", "Président(e)", "Directeur(rice) général(e)")
MEMBER_ROLES = (
    "Responsable commercial(e)", "Directeur(rice) technique", "Responsable qualité",
    "Responsable des achats", "Responsable de production", "Assistant(e) de direction",
    "Chargé(e) d'affaires", "Responsable bureau d'études",
)  # fmt: skip
DO_NOT_REFER_REASONS = (
    "Redressement judiciaire en cours : ne plus orienter de demandes pour l'instant.",
    "Délais non tenus sur deux mises en relation (signalé par les donneurs d'ordre).",
    "Demande du dirigeant : carnet de commandes complet jusqu'à la fin de l'année.",
    "Cessation d'activité annoncée pour la fin du trimestre.",
)

_H2_ALL = (
    "Réservoirs haute pression", "Électrolyseurs", "Piles à combustible",
    "Tuyauterie haute pression", "Stations de distribution",
)  # fmt: skip
MEMBER_FAMILIES: tuple[Family, ...] = (
    Family(
        "usinage", 16, ("Usinage", "Mécanique", "Mécanique de Précision", "Tournage", "Décolletage"),
        ("Usinage", "Mécanique de précision", "Assemblage mécanique", "Contrôle tridimensionnel"),
        ("25.62B", "25.62A"), "l'usinage de pièces unitaires et de séries",
        ("Aéronautique", "Pétrochimie", "Automobile", "Nucléaire", "Ferroviaire", "Défense"),
        ("Électrolyseurs", "Piles à combustible"),
    ),
    Family(
        "chaudronnerie", 12, ("Chaudronnerie", "Tôlerie", "Métallerie", "Constructions Métalliques"),
        ("Tôlerie fine", "Découpe laser", "Chaudronnerie inox", "Tuyauterie industrielle", "TIG", "MIG/MAG"),
        ("25.11Z", "25.29Z", "33.11Z"), "la chaudronnerie et la tuyauterie industrielles",
        ("Pétrochimie", "Nucléaire", "Agroalimentaire", "Naval", "Énergies renouvelables"),
        ("Réservoirs haute pression", "Tuyauterie haute pression"),
    ),
    Family(
        "soudure", 8, ("Soudure", "Soudage"),
        ("Soudure", "Chaudronnerie inox", "Contrôle non destructif"),
        ("25.62B", "25.11Z", "33.11Z"), "le soudage en atelier et sur site",
        ("Pétrochimie", "Nucléaire", "Naval", "Énergies renouvelables"),
        ("Tuyauterie haute pression", "Réservoirs haute pression"),
    ),
    Family(
        "surface", 5, ("Traitement de Surface", "Peinture Industrielle", "Revêtements", "Thermolaquage"),
        ("Traitement de surface",), ("25.61Z",), "le traitement et la finition des surfaces",
        ("Automobile", "Aéronautique", "Ferroviaire", "Agroalimentaire"),
    ),
    Family(
        "electronique", 12, ("Électronique", "Câblage", "Électrotechnique", "Systèmes Électroniques"),
        ("Électronique",), ("26.12Z", "27.90Z", "27.12Z"), "l'électronique et le câblage industriels",
        ("Aéronautique", "Défense", "Ferroviaire", "Automobile", "Énergies renouvelables"),
        ("Piles à combustible", "Électrolyseurs"),
    ),
    Family(
        "plasturgie", 12, ("Plastiques", "Plasturgie", "Injection Plastique", "Composites", "Polymères"),
        ("Plasturgie",), ("22.29A", "22.21Z", "22.29B"),
        "la transformation des matières plastiques et composites",
        ("Automobile", "Agroalimentaire", "Aéronautique", "Énergies renouvelables"),
        ("Réservoirs haute pression",),
    ),
    Family(
        "maintenance", 10, ("Maintenance", "Services Industriels", "Maintenance Industrielle"),
        ("Maintenance industrielle", "Armoires électriques", "Tuyauterie industrielle"),
        ("33.12Z", "33.14Z", "33.20C"), "la maintenance des équipements industriels",
        ("Pétrochimie", "Agroalimentaire", "Nucléaire", "Énergies renouvelables"),
        ("Stations de distribution", "Électrolyseurs"),
    ),
    Family(
        "automatisme", 6, ("Automatismes", "Robotique", "Automation"),
        ("Automatisme", "Armoires électriques"), ("33.20C", "28.99B", "71.12B"),
        "l'automatisation et la robotisation des lignes de production",
        ("Agroalimentaire", "Automobile", "Pétrochimie"),
        ("Électrolyseurs", "Stations de distribution"),
    ),
    Family(
        "controle", 4, ("Contrôle", "Métrologie", "Inspection"), ("Métrologie",), ("71.20B",),
        "le contrôle, la mesure et l'inspection", ("Nucléaire", "Aéronautique", "Pétrochimie"),
        ("Réservoirs haute pression",),
    ),
    Family(
        "etudes", 3, ("Ingénierie", "Études", "Conception"), ("Bureau d'études", "Fabrication additive"),
        ("71.12B",), "les études et la conception de produits industriels",
        ("Nucléaire", "Énergies renouvelables", "Naval"), ("Électrolyseurs", "Stations de distribution"),
    ),
    Family(
        "hydrogene", 2, ("Hydrogène", "H2 Systèmes", "Énergies"), ("Hydrogène", "Tuyauterie industrielle"),
        ("28.29B", "25.29Z", "27.90Z"),
        "les équipements de production et de stockage d'hydrogène",
        ("Hydrogène", "Énergies renouvelables"), _H2_ALL,
    ),
)  # fmt: skip

_SMALL: tuple[tuple[str, float], ...] = (("00", 2), ("01", 4), ("02", 4), ("03", 3), ("11", 2))
_LARGE: tuple[tuple[str, float], ...] = (("21", 3), ("22", 3), ("31", 2), ("32", 2), ("41", 1))
COMPANY_ACTIVITIES: tuple[Activity, ...] = (
    Activity("Transports", "49.41A", "transport routier de marchandises", (("11", 3), ("12", 3), ("21", 1))),
    Activity("Logistique", "52.10B", "logistique et entreposage", (("12", 2), ("21", 2), ("22", 1))),
    Activity("Boulangerie", "10.71C", "boulangerie-pâtisserie", _SMALL),
    Activity("Biscuiterie", "10.72Z", "biscuiterie artisanale", _SMALL),
    Activity("Maçonnerie", "43.99C", "maçonnerie générale", _SMALL),
    Activity("Menuiserie", "43.32A", "menuiserie bois et PVC", _SMALL),
    Activity("Électricité", "43.21A", "installation électrique", _SMALL),
    Activity("Plomberie Chauffage", "43.22A", "plomberie et chauffage", _SMALL),
    Activity("Garage", "45.20A", "entretien et réparation automobile", _SMALL),
    Activity("Informatique", "62.02A", "conseil en systèmes informatiques", _SMALL),
    Activity("Conseil", "70.22Z", "conseil aux entreprises", _SMALL),
    Activity("Négoce", "46.69B", "négoce de fournitures industrielles", _SMALL),
    Activity("Chimie", "20.59Z", "chimie de spécialités", _LARGE),
    Activity("Polymères", "20.16Z", "production de polymères", _LARGE),
    Activity("Énergies", "35.11Z", "production d'énergie", _LARGE),
    Activity("Fonderie", "24.51Z", "fonderie de fonte", (("12", 2), ("21", 2))),
    Activity("Emballages", "17.21A", "fabrication d'emballages en carton", (("12", 2), ("21", 2))),
    Activity("Imprimerie", "18.12Z", "imprimerie", _SMALL),
    Activity("Nettoyage Industriel", "81.22Z", "nettoyage industriel", (("11", 2), ("12", 2))),
    Activity("Paysages", "81.30Z", "aménagement paysager", _SMALL),
    Activity("Restaurant", "56.10A", "restauration traditionnelle", _SMALL),
)  # fmt: skip

PARTNERS: tuple[PartnerSpec, ...] = (
    PartnerSpec("bpifrance", "Bpifrance Normandie", "76540", "5599", "64.92Z",
                ("Chargé(e) d'affaires", "Chargé(e) d'affaires innovation", "Responsable du pôle financement"),
                "Banque publique d'investissement : prêts, garanties, innovation, export."),
    PartnerSpec("cci", "CCI Seine Estuaire", "76351", "7381", "94.11Z",
                ("Conseiller(ère) création-transmission", "Conseiller(ère) industrie", "Chargé(e) d'apprentissage"),
                "Chambre de commerce et d'industrie : création, transmission, formalités, formation."),
    PartnerSpec("region", "Région Normandie — direction du développement économique", "14118", "7229", "84.11Z",
                ("Chargé(e) de mission industrie", "Chargé(e) de mission économie"),
                "Aides régionales aux entreprises."),
    PartnerSpec("ad", "AD Normandie", "76540", "9220", "84.13Z",
                ("Chargé(e) d'affaires", "Chargé(e) d'affaires export", "Responsable territorial(e)"),
                "Agence de développement pour la Normandie : dispositifs Impulsion."),
    PartnerSpec("france_travail", "France Travail Lillebonne", "76384", "7389", "84.13Z",
                ("Conseiller(ère) entreprises", "Responsable d'équipe entreprises"),
                "Recrutement, aides à l'embauche, méthode de recrutement par simulation."),
    PartnerSpec("initiative", "Initiative Caux Seine", "76384", "9220", "94.99Z",
                ("Chargé(e) de mission prêt d'honneur", "Président(e) du comité d'agrément"),
                "Prêts d'honneur et parrainage pour les créateurs et repreneurs du territoire."),
    PartnerSpec("cma", "Chambre de Métiers et de l'Artisanat de Seine-Maritime", "76540", "7381", "94.12Z",
                ("Conseiller(ère) création", "Conseiller(ère) développement"),
                "Accompagnement des entreprises artisanales."),
    PartnerSpec("urssaf", "URSSAF Normandie", "76540", "8110", "84.30A",
                ("Conseiller(ère) relation entreprises",),
                "Cotisations sociales, délais de paiement, aides à l'embauche."),
    PartnerSpec("dreets", "DREETS Normandie", "76540", "7171", "84.11Z",
                ("Chargé(e) de mission mutations économiques", "Inspecteur(rice) du travail"),
                "Emploi, travail, solidarités : mutations économiques et droit du travail."),
    PartnerSpec("tfe", "Team France Export Normandie", "76540", "7381", "94.11Z",
                ("Conseiller(ère) international(e)", "Conseiller(ère) international(e) industrie"),
                "Accompagnement à l'export : prospection, salons, financement."),
    PartnerSpec("cci_int", "CCI International Normandie", "76540", "7381", "94.11Z",
                ("Chargé(e) de formalités internationales",),
                "Formalités et réglementation du commerce international."),
    PartnerSpec("incubation", "Normandie Incubation", "14118", "9220", "70.22Z",
                ("Chargé(e) d'affaires",),
                "Incubateur de projets innovants issus de la recherche."),
    PartnerSpec("banque_pop", "Banque Populaire Grand Ouest — agence de Lillebonne", "76384", "5560", "64.19Z",
                ("Conseiller(ère) professionnels", "Directeur(rice) d'agence"),
                "Banque : financement des professionnels et des PME."),
    PartnerSpec("credit_agricole", "Crédit Agricole Normandie-Seine — agence de Bolbec", "76114", "6596", "64.19Z",
                ("Chargé(e) d'affaires entreprises",),
                "Banque : financement des entreprises et de l'agriculture."),
    PartnerSpec("cic", "CIC — agence entreprises du Havre", "76351", "5599", "64.19Z",
                ("Chargé(e) d'affaires entreprises",),
                "Banque : financement des PME et ETI."),
    PartnerSpec("novalog", "Pôle Nov@log", "76351", "9220", "94.99Z", ("Chargé(e) de mission",),
                "Pôle de compétitivité logistique."),
    PartnerSpec("nextmove", "NextMove", "76540", "9220", "94.99Z", ("Chef(fe) de projet innovation",),
                "Pôle de compétitivité des mobilités."),
    PartnerSpec("area", "AREA Normandie", "14118", "9220", "94.11Z",
                ("Chargé(e) de mission emploi-formation",),
                "Association régionale des entreprises alimentaires."),
    PartnerSpec("normandie_energies", "Normandie Énergies", "76351", "9220", "94.99Z",
                ("Chargé(e) de mission hydrogène", "Délégué(e) général(e)"),
                "Filière régionale de l'énergie : hydrogène, nucléaire, éolien en mer."),
    PartnerSpec("ademe", "ADEME Normandie", "14118", "4110", "84.13Z",
                ("Ingénieur(e) énergie", "Chargé(e) de mission économie circulaire"),
                "Transition écologique : efficacité énergétique, décarbonation, déchets."),
    PartnerSpec("inpi", "INPI Normandie", "76540", "7389", "84.13Z", ("Chargé(e) d'affaires PI",),
                "Propriété industrielle : brevets, marques, dessins et modèles."),
    PartnerSpec("agglo_foncier", "Caux Seine Agglo — service foncier et immobilier d'entreprise",
                "76384", "7348", "84.11Z",
                ("Chargé(e) de mission foncier", "Responsable immobilier d'entreprise"),
                "Terrains et locaux d'activités sur le territoire."),
    PartnerSpec("ville", "Ville de Lillebonne — développement économique", "76384", "7210", "84.11Z",
                ("Chargé(e) du commerce et de l'artisanat",), "Commerce, artisanat et locaux en centre-ville."),
    PartnerSpec("normandie_participations", "Normandie Participations", "14118", "5599", "64.30Z",
                ("Chargé(e) d'investissement",), "Fonds d'investissement régional."),
    PartnerSpec("opco", "OPCO 2i Normandie", "76540", "9220", "94.99Z",
                ("Conseiller(ère) emploi-formation",), "Financement de la formation et de l'alternance."),
    PartnerSpec("reseau_entreprendre", "Réseau Entreprendre Seine Estuaire", "76351", "9220", "94.99Z",
                ("Chargé(e) de mission",), "Prêts d'honneur et accompagnement de dirigeants."),
    PartnerSpec("uimm", "Pôle formation UIMM — site du Havre", "76351", "9220", "85.59A",
                ("Chargé(e) de relations entreprises",), "Formation aux métiers de l'industrie."),
    PartnerSpec("sotraban", "Sotraban — réseau des sous-traitants", "76384", "9220", "94.11Z",
                ("Animateur(rice) du réseau", "Président(e)"),
                "Réseau normand de PME sous-traitantes : mécanique, électronique, plasturgie."),
)  # fmt: skip

#: Partners for a subject (first ones preferred); also the routing rules of ROUTED_THEMES.
SUBJECT_PARTNERS: dict[str, tuple[str, ...]] = {
    "Prêt d'honneur": ("initiative", "reseau_entreprendre"),
    "Subvention régionale": ("ad", "region"),
    "Prêt bancaire / garantie Bpifrance": ("bpifrance", "banque_pop", "credit_agricole", "cic"),
    "Levée de fonds": ("normandie_participations", "bpifrance"),
    "Aides à l'investissement": ("ad", "bpifrance"),
    "Trésorerie et difficultés passagères": ("bpifrance", "urssaf", "banque_pop"),
    "Recherche de terrain": ("agglo_foncier",),
    "Recherche de local d'activité": ("agglo_foncier", "ville"),
    "Bureaux et pépinière d'entreprises": ("agglo_foncier", "ville"),
    "Extension sur site": ("agglo_foncier",),
    "Cession ou mise en location de locaux": ("agglo_foncier", "ville"),
    "Recrutement": ("france_travail",),
    "Apprentissage et alternance": ("cci", "cma", "uimm", "opco"),
    "Formation des salariés": ("opco", "uimm"),
    "Aides à l'embauche": ("france_travail", "urssaf"),
    "Gestion des compétences (GPEC)": ("dreets", "opco"),
    "Référencement donneurs d'ordre": ("sotraban", "cci"),
    "Adhésion au réseau Sotraban": ("sotraban",),
    "Premiers pas à l'export": ("tfe",),
    "Prospection de marchés étrangers": ("tfe", "ad"),
    "Salons et missions à l'étranger": ("tfe", "cci_int"),
    "Financement export": ("bpifrance", "ad"),
    "Formalités douanières": ("cci_int",),
    "Projet d'innovation": ("ad", "bpifrance", "incubation"),
    "Crédit d'impôt recherche / innovation": ("bpifrance",),
    "Propriété industrielle": ("inpi",),
    "Partenariat avec un laboratoire": ("incubation", "nextmove"),
    "Industrie 4.0 et numérique": ("ad", "nextmove"),
    "Projet hydrogène": ("normandie_energies", "ad"),
    "Qualification pour la filière hydrogène": ("normandie_energies",),
    "Décarbonation des procédés": ("ademe", "bpifrance"),
    "Efficacité énergétique": ("ademe",),
    "Économie circulaire et déchets": ("ademe", "cci"),
    "Création d'entreprise": ("cci", "cma", "initiative"),
    "Reprise d'entreprise": ("cci", "reseau_entreprendre", "initiative"),
    "Transmission / cession": ("cci", "cma"),
    "Choix du statut juridique": ("cci", "cma", "urssaf"),
    "Accompagnement post-création": ("initiative", "cci"),
    "Projet d'implantation": ("ad", "agglo_foncier", "region"),
    "Recherche de site industriel": ("agglo_foncier", "ad"),
    "Accompagnement administratif de l'implantation": ("agglo_foncier",),
    "Accueil des salariés (logement, mobilité)": ("ville", "agglo_foncier"),
    "Installations classées (ICPE)": ("cci",),
    "Certification et normes qualité": ("cci",),
    "Santé et sécurité au travail": ("dreets", "urssaf"),
    "Marchés publics": ("cci",),
    "Équipements sous pression": ("cci",),
}
ROUTED_THEMES = ("Financement", "Export et international", "Recrutement et formation")
#: Subjects whose need names a capability; MEMBER_SUBJECTS are referred to network members.
CAPABILITY_SUBJECTS = frozenset({
    "Recherche de sous-traitant", "Recherche de compétence", "Recherche de partenaire industriel",
    "Mutualisation de moyens", "Projet hydrogène", "Qualification pour la filière hydrogène",
    "Projet d'innovation", "Propriété industrielle", "Formation des salariés",
    "Installations classées (ICPE)",
})  # fmt: skip
MEMBER_SUBJECTS = frozenset({
    "Recherche de sous-traitant", "Recherche de compétence", "Recherche de partenaire industriel",
    "Mutualisation de moyens", "Projet hydrogène",
})  # fmt: skip

#: Where requests come from, by kind of requester: theme weights.
THEME_WEIGHTS: dict[str, tuple[tuple[str, float], ...]] = {
    "member": (
        ("Sous-traitance et partenaires industriels", 25), (HYDROGEN_THEME, 18),
        ("Recrutement et formation", 15), ("Financement", 12), ("Export et international", 10),
        ("Innovation et R&D", 8), ("Réglementation et normes", 7), ("Immobilier et foncier", 5),
    ),
    "territory": (
        ("Financement", 18), ("Recrutement et formation", 14),
        ("Sous-traitance et partenaires industriels", 14), ("Immobilier et foncier", 12),
        ("Export et international", 8), (HYDROGEN_THEME, 8), ("Réglementation et normes", 8),
        ("Innovation et R&D", 7), ("Création et reprise", 5), ("Implantation", 2),
    ),
    "outside": (
        ("Implantation", 35), ("Immobilier et foncier", 25),
        ("Sous-traitance et partenaires industriels", 15), ("Financement", 10),
        ("Recrutement et formation", 10), (HYDROGEN_THEME, 5),
    ),
    "holder": (("Création et reprise", 45), ("Financement", 35), ("Immobilier et foncier", 15),
               ("Recrutement et formation", 5)),
    "individual": (("Création et reprise", 60), ("Financement", 25), ("Recrutement et formation", 15)),
}  # fmt: skip
CHANNEL_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("desk", 30), ("phone", 28), ("email", 22), ("meeting", 8), ("partner", 8), ("mail", 4),
)  # fmt: skip
#: Delay before the first action, in minutes (low, high), by channel.
FIRST_ACTION_MINUTES: dict[str, tuple[float, float]] = {
    "desk": (2, 30), "phone": (5, 240), "email": (30, 3 * 1440), "meeting": (1440, 5 * 1440),
    "partner": (60, 3 * 1440), "mail": (1440, 5 * 1440),
}  # fmt: skip
#: Need outcomes by theme: (informed, oriented, referred) weights.
OUTCOME_WEIGHTS: dict[str, tuple[tuple[str, float], ...]] = {
    theme: (("informed", i), ("oriented", o), ("referred", r))
    for theme, (i, o, r) in {
        "Financement": (25, 20, 55), "Immobilier et foncier": (35, 25, 40),
        "Recrutement et formation": (30, 25, 45),
        "Sous-traitance et partenaires industriels": (10, 15, 75),
        "Export et international": (30, 20, 50), "Innovation et R&D": (35, 25, 40),
        HYDROGEN_THEME: (30, 20, 50), "Création et reprise": (35, 20, 45),
        "Implantation": (20, 20, 60), "Réglementation et normes": (60, 30, 10),
    }.items()
}  # fmt: skip
DEFAULT_OUTCOMES: tuple[tuple[str, float], ...] = (
    ("informed", 1),
    ("oriented", 1),
    ("referred", 1),
)
OLD_REFERRAL_STATUSES: tuple[tuple[str, float], ...] = (
    ("succeeded", 45), ("closed_no_help", 13), ("unreachable", 8), ("refused", 10),
    ("expired", 10), ("taken_care", 14),
)  # fmt: skip
RECENT_REFERRAL_STATUSES: tuple[tuple[str, float], ...] = (
    ("sent", 45), ("taken_care", 30), ("succeeded", 10), ("refused", 8), ("closed_no_help", 5),
    ("unreachable", 5),
)  # fmt: skip

#: One-line inquiry summaries by subject (of the inquiry's first need).
SUBJECT_SUMMARIES: dict[str, tuple[str, ...]] = {
    "Prêt d'honneur": ("Recherche de financement pour le démarrage de l'activité.",),
    "Subvention régionale": ("Projet d'investissement : quelles aides régionales ?",),
    "Prêt bancaire / garantie Bpifrance": ("Projet d'achat d'une machine à commande numérique.",
                                           "Besoin de financement pour un nouvel investissement productif."),
    "Levée de fonds": ("Croissance rapide : ouverture du capital envisagée.",),
    "Aides à l'investissement": ("Besoin de financement pour un nouvel investissement productif.",),
    "Trésorerie et difficultés passagères": ("Tension de trésorerie après la perte d'un client important.",),
    "Recherche de terrain": ("Cherche un terrain en zone d'activités.",),
    "Recherche de local d'activité": ("Recherche de locaux pour accompagner la croissance de l'activité.",),
    "Bureaux et pépinière d'entreprises": ("Jeune entreprise à la recherche de bureaux.",),
    "Extension sur site": ("Projet d'extension du bâtiment actuel.",),
    "Cession ou mise en location de locaux": ("Souhaite céder ou louer un bâtiment devenu trop grand.",),
    "Recrutement": ("Difficultés à recruter sur des postes techniques.", "Recrutements liés à un nouveau contrat."),
    "Apprentissage et alternance": ("Souhaite accueillir des apprentis à la rentrée.",),
    "Formation des salariés": ("Besoin de former l'équipe à une nouvelle technologie.",),
    "Aides à l'embauche": ("Premier recrutement envisagé : quelles aides ?",),
    "Gestion des compétences (GPEC)": ("Plusieurs départs en retraite à anticiper.",),
    "Recherche de sous-traitant": ("Recherche d'un sous-traitant local pour une pièce technique.",),
    "Recherche de compétence": ("Cherche une compétence absente en interne.",),
    "Référencement donneurs d'ordre": ("Souhaite se faire référencer auprès des donneurs d'ordre du territoire.",),
    "Recherche de partenaire industriel": ("Cherche un partenaire pour répondre à un appel d'offres.",),
    "Adhésion au réseau Sotraban": ("Intérêt pour le réseau Sotraban.",),
    "Mutualisation de moyens": ("Souhaite partager un équipement avec une entreprise voisine.",),
    "Premiers pas à l'export": ("Premier contrat à l'étranger en vue.",),
    "Prospection de marchés étrangers": ("Souhaite prospecter un nouveau marché européen.",),
    "Salons et missions à l'étranger": ("Participation envisagée à un salon international.",),
    "Financement export": ("Programme de prospection à financer.",),
    "Formalités douanières": ("Questions sur les formalités d'exportation.",),
    "Projet d'innovation": ("Projet de nouveau produit à financer.",),
    "Crédit d'impôt recherche / innovation": ("Questions sur le crédit d'impôt recherche.",),
    "Propriété industrielle": ("Souhaite protéger une innovation.",),
    "Partenariat avec un laboratoire": ("Cherche un laboratoire pour des essais.",),
    "Industrie 4.0 et numérique": ("Modernisation de l'atelier (industrie 4.0).",),
    "Projet hydrogène": ("Souhaite se positionner sur la filière hydrogène.",),
    "Qualification pour la filière hydrogène": ("Se qualifier pour les marchés de l'hydrogène.",),
    "Décarbonation des procédés": ("Démarche de décarbonation demandée par un client.",),
    "Efficacité énergétique": ("Projet de réduction de la facture énergétique.",),
    "Économie circulaire et déchets": ("Valorisation des déchets de production.",),
    "Création d'entreprise": ("Projet de création d'entreprise.",),
    "Reprise d'entreprise": ("Projet de reprise d'une entreprise locale.",),
    "Transmission / cession": ("Dirigeant préparant son départ en retraite.",),
    "Choix du statut juridique": ("Questions sur le choix du statut juridique.",),
    "Accompagnement post-création": ("Entreprise créée l'an dernier : point d'étape.",),
    "Projet d'implantation": ("Projet d'implantation d'un site de production.",),
    "Recherche de site industriel": ("Recherche d'un site industriel bord à voie d'eau.",),
    "Accompagnement administratif de l'implantation": ("Accompagnement administratif d'une implantation.",),
    "Accueil des salariés (logement, mobilité)": ("Arrivée de salariés sur le territoire.",),
    "Installations classées (ICPE)": ("Questions sur la réglementation ICPE.",),
    "Certification et normes qualité": ("Projet de certification qualité.",),
    "Santé et sécurité au travail": ("Mise en conformité santé et sécurité.",),
    "Marchés publics": ("Candidature à un marché public.",),
    "Équipements sous pression": ("Questions sur les équipements sous pression.",),
}  # fmt: skip
#: Need descriptions by subject; placeholders: capability, amount (k€), surface (m²), count,
#: country (with its preposition), job.
SUBJECT_DESCRIPTIONS: dict[str, tuple[str, ...]] = {
    "Prêt d'honneur": ("Apport personnel de {amount} k€ à compléter pour obtenir le prêt bancaire.",
                       "Prêt d'honneur pour financer le besoin en fonds de roulement du démarrage."),
    "Subvention régionale": ("Aides régionales mobilisables pour un programme de {amount} k€ ?",),
    "Prêt bancaire / garantie Bpifrance": ("Financement d'une nouvelle machine (environ {amount} k€).",
                                           "Garantie recherchée pour un prêt de {amount} k€."),
    "Levée de fonds": ("Ouverture du capital envisagée pour financer la croissance ({amount} k€).",),
    "Aides à l'investissement": ("Investissement de {amount} k€ dans un équipement de {capability}.",),
    "Trésorerie et difficultés passagères": ("Trésorerie tendue : {amount} k€ à trouver d'ici trois mois.",),
    "Recherche de terrain": ("Terrain de {surface} m² en zone d'activités, accès poids lourds indispensable.",),
    "Recherche de local d'activité": ("Bâtiment d'environ {surface} m² avec pont roulant recherché.",
                                      "Atelier de {surface} m² à louer rapidement."),
    "Bureaux et pépinière d'entreprises": ("Bureaux pour une équipe de {count} personnes, en pépinière si possible.",),
    "Extension sur site": ("Extension de {surface} m² sur la parcelle voisine : PLU et délais ?",),
    "Cession ou mise en location de locaux": ("Mise en location d'un atelier de {surface} m² libéré.",),
    "Recrutement": ("Recrutement en CDI : {job} ({count} postes).",
                    "Poste de {job} non pourvu depuis six mois."),
    "Apprentissage et alternance": ("Accueil d'un apprenti {job} à la rentrée.",),
    "Formation des salariés": ("Former {count} salariés en {capability} pour un nouveau marché.",),
    "Aides à l'embauche": ("Aides mobilisables pour l'embauche d'un premier salarié.",),
    "Gestion des compétences (GPEC)": ("Anticiper {count} départs en retraite de techniciens.",),
    "Recherche de sous-traitant": ("Sous-traitant recherché en {capability} pour une série de pièces.",
                                   "Besoin ponctuel en {capability} pour un chantier à Port-Jérôme-sur-Seine."),
    "Recherche de compétence": ("Compétence en {capability} recherchée, délai de {count} semaines.",),
    "Référencement donneurs d'ordre": ("Présentation de l'entreprise aux acheteurs des sites industriels de l'estuaire.",),
    "Recherche de partenaire industriel": ("Partenaire maîtrisant {capability} pour répondre ensemble à un appel d'offres.",),
    "Adhésion au réseau Sotraban": ("Conditions et démarche d'adhésion au réseau Sotraban.",),
    "Mutualisation de moyens": ("Partage d'un équipement de {capability} avec une entreprise voisine.",),
    "Premiers pas à l'export": ("Premier devis à l'export {country} : incoterms et assurance-crédit.",),
    "Prospection de marchés étrangers": ("Prospection {country} : distributeurs et premiers clients.",),
    "Salons et missions à l'étranger": ("Stand sur un salon professionnel {country} : financement ?",),
    "Financement export": ("Assurance prospection pour un programme {country}.",),
    "Formalités douanières": ("Formalités douanières pour des envois réguliers {country}.",),
    "Projet d'innovation": ("Prototype en {capability} : financement et partenaires.",),
    "Crédit d'impôt recherche / innovation": ("Éligibilité des dépenses de développement au crédit d'impôt.",),
    "Propriété industrielle": ("Dépôt de brevet envisagé pour un procédé de {capability}.",),
    "Partenariat avec un laboratoire": ("Laboratoire recherché pour des essais de matériaux.",),
    "Industrie 4.0 et numérique": ("Connexion des machines et suivi de production en temps réel.",),
    "Projet hydrogène": ("Se positionner en {capability} sur les projets hydrogène de l'estuaire.",
                         "Recherche d'un partenaire en {capability} pour un démonstrateur hydrogène."),
    "Qualification pour la filière hydrogène": ("Exigences de qualification hydrogène en {capability}.",),
    "Décarbonation des procédés": ("Bilan carbone exigé par un donneur d'ordre avant la fin de l'année.",),
    "Efficacité énergétique": ("Remplacement des compresseurs et récupération de chaleur.",),
    "Économie circulaire et déchets": ("Repreneur recherché pour {count} tonnes de chutes plastiques par an.",),
    "Création d'entreprise": ("Création d'une entreprise de services à l'industrie, démarrage dans {count} mois.",),
    "Reprise d'entreprise": ("Reprise d'une PME industrielle du territoire ({count}0 salariés).",),
    "Transmission / cession": ("Transmission de l'entreprise d'ici {count} ans : recherche d'un repreneur.",),
    "Choix du statut juridique": ("Choix entre SAS et SARL, régime social du dirigeant.",),
    "Accompagnement post-création": ("Première année d'activité : point d'étape et besoins.",),
    "Projet d'implantation": ("Unité de production de {count}0 emplois, besoin de {surface} m².",),
    "Recherche de site industriel": ("Terrain viabilisé de {surface} m² proche de la Seine.",),
    "Accompagnement administratif de l'implantation": ("Dossier ICPE et permis de construire : calendrier.",),
    "Accueil des salariés (logement, mobilité)": ("Logement et mobilité pour {count} salariés mutés.",),
    "Installations classées (ICPE)": ("Seuils ICPE pour un nouvel atelier de {capability}.",),
    "Certification et normes qualité": ("Démarche ISO 9001 : étapes, durée et coût.",),
    "Santé et sécurité au travail": ("Mise à jour du document unique et prévention des risques.",),
    "Marchés publics": ("Réponse à un appel d'offres public : dossier de candidature.",),
    "Équipements sous pression": ("Réglementation des équipements sous pression pour des réservoirs.",),
}  # fmt: skip
COUNTRIES = (
    "en Allemagne", "en Belgique", "aux Pays-Bas", "en Norvège", "au Royaume-Uni", "en Espagne",
    "au Canada", "au Maroc",
)  # fmt: skip
JOBS = (
    "soudeur TIG", "tourneur-fraiseur", "technicien de maintenance", "chaudronnier",
    "électrotechnicien", "régleur en plasturgie", "dessinateur projeteur", "technicien qualité",
)  # fmt: skip
SUCCESS_NOTES_PARTNER = (
    "Dossier accepté.", "Accompagnement engagé par le partenaire.",
    "Rendez-vous tenu, plan d'action engagé.", "Solution trouvée avec le partenaire.",
)  # fmt: skip
SUCCESS_NOTES_MEMBER = (
    "Devis accepté : première commande passée.", "Échantillons validés, commande en cours.",
    "Partenariat signé pour la durée du projet.",
)  # fmt: skip
NO_HELP_NOTES = (
    "Projet reporté par l'entreprise.", "Besoin couvert autrement.",
    "Le partenaire n'a pas pu répondre au besoin.",
)  # fmt: skip
REFUSALS_PARTNER = (
    "Hors critères d'éligibilité du dispositif.", "Hors de notre zone d'intervention.",
    "Projet trop peu avancé : à représenter dans six mois.",
)  # fmt: skip
REFUSALS_MEMBER = (
    "Plan de charge complet sur la période.", "Hors de notre cœur de métier.",
    "Volumes trop faibles pour notre outil de production.", "Délais incompatibles avec la demande.",
)  # fmt: skip
FOLLOW_UP_NOTES = ("Relance téléphonique.", "Relance par e-mail.", "Courrier de relance envoyé.")

RESOURCES: tuple[ResourceSpec, ...] = (
    ResourceSpec("Prêt d'honneur Initiative Caux Seine", "aid_scheme", "Financement",
                 "Prêt personnel à taux zéro pour les créateurs et repreneurs du territoire.", "pret-honneur-initiative"),
    ResourceSpec("Impulsion Développement", "aid_scheme", "Financement",
                 "Aide régionale aux investissements des PME (AD Normandie).", "impulsion-developpement"),
    ResourceSpec("Prêts et garanties Bpifrance", "aid_scheme", "Financement",
                 "Prêt de développement, garantie des prêts bancaires.", "bpifrance-prets-garanties"),
    ResourceSpec("Préparer son dossier de financement", "sheet", "Financement",
                 "Les pièces à réunir avant un rendez-vous bancaire."),
    ResourceSpec("Offre foncière des zones d'activités", "document", "Immobilier et foncier",
                 "Terrains et bâtiments disponibles sur le territoire de Caux Seine Agglo.", "offre-fonciere"),
    ResourceSpec("Pépinière et hôtel d'entreprises", "sheet", "Immobilier et foncier",
                 "Bureaux et ateliers à loyer modéré pour les jeunes entreprises."),
    ResourceSpec("Recruter avec France Travail", "sheet", "Recrutement et formation",
                 "Offres d'emploi, méthode de recrutement par simulation, aides."),
    ResourceSpec("Aide à l'embauche d'un apprenti", "aid_scheme", "Recrutement et formation",
                 "Aide de l'État pour la première année d'un contrat d'apprentissage.", "aide-apprentissage"),
    ResourceSpec("Matinale recrutement et alternance", "meeting", "Recrutement et formation",
                 "Petit-déjeuner avec France Travail et les centres de formation.", "matinale-recrutement"),
    ResourceSpec("Annuaire des adhérents Sotraban", "link", "Sous-traitance et partenaires industriels",
                 "Les savoir-faire des entreprises du réseau.", "annuaire-sotraban"),
    ResourceSpec("Réunion d'information : rejoindre le réseau Sotraban", "meeting",
                 "Sous-traitance et partenaires industriels",
                 "Présentation du réseau et témoignages d'adhérents.", "reunion-sotraban"),
    ResourceSpec("Rédiger un cahier des charges de sous-traitance", "sheet",
                 "Sous-traitance et partenaires industriels",
                 "Les points à préciser avant de consulter un sous-traitant."),
    ResourceSpec("Impulsion Export", "aid_scheme", "Export et international",
                 "Aide régionale à la prospection internationale (AD Normandie).", "impulsion-export"),
    ResourceSpec("Assurance prospection Bpifrance", "aid_scheme", "Export et international",
                 "Avance sur les dépenses de prospection à l'étranger.", "assurance-prospection"),
    ResourceSpec("Petit-déjeuner export : cap sur l'Europe du Nord", "meeting", "Export et international",
                 "Rencontre avec les conseillers internationaux.", "petit-dejeuner-export"),
    ResourceSpec("Crédit d'impôt recherche : mode d'emploi", "sheet", "Innovation et R&D",
                 "Dépenses éligibles, calcul, justificatifs."),
    ResourceSpec("Pré-diagnostic propriété industrielle", "aid_scheme", "Innovation et R&D",
                 "Un premier bilan de la propriété industrielle de l'entreprise (INPI).", "prediagnostic-pi"),
    ResourceSpec("Feuille de route hydrogène de l'estuaire", "document", HYDROGEN_THEME,
                 "Les projets hydrogène de la vallée de la Seine et leurs besoins en sous-traitance.",
                 "feuille-de-route-hydrogene"),
    ResourceSpec("Atelier : se qualifier pour la filière hydrogène", "meeting", HYDROGEN_THEME,
                 "Exigences des donneurs d'ordre, soudage, équipements sous pression.", "atelier-hydrogene"),
    ResourceSpec("Diagnostic décarbonation", "aid_scheme", HYDROGEN_THEME,
                 "Diagnostic des émissions et plan d'action, cofinancé (Bpifrance, ADEME).", "diag-decarbonation"),
    ResourceSpec("Les étapes de la création d'entreprise", "sheet", "Création et reprise",
                 "Du projet à l'immatriculation : les étapes et les interlocuteurs."),
    ResourceSpec("Atelier créateurs : choisir son statut", "meeting", "Création et reprise",
                 "Atelier collectif avec la CCI et l'URSSAF.", "atelier-createurs"),
    ResourceSpec("Guide de l'implantation sur le territoire", "document", "Implantation",
                 "Foncier, accès, services, interlocuteurs.", "guide-implantation"),
    ResourceSpec("ICPE : déclaration, enregistrement ou autorisation ?", "sheet", "Réglementation et normes",
                 "Les régimes des installations classées et leurs seuils."),
    ResourceSpec("Document unique d'évaluation des risques", "sheet", "Réglementation et normes",
                 "Obligations de l'employeur et trame de document."),
    ResourceSpec("Plateforme des marchés publics", "link", "Réglementation et normes",
                 "Consulter les avis d'appels d'offres.", "marches-publics"),
)  # fmt: skip
