"""Demo vocabulary: the trades of the network's members and of the other companies."""

from __future__ import annotations

from dataclasses import dataclass


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
