"""Pure data: the reference rows every database starts with.

The need taxonomy, the capability thesaurus, certifications and strategic sectors are written
by :mod:`guichet.services.seed`. Synonyms are what a counsellor or a company types instead of the
canonical name (« soudage » for « Soudure », « plastique » for « Plasturgie »); the directory
search expands queries with them.

The vocabulary of the fictional demonstration dataset lives in :mod:`guichet.services.demo`.
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
