"""The short text of each section of the activity report: a template per section, stored as a
setting (Paramètres › Rapport d'activité), written with the letters' template engine and filled
with the period's figures.

A template names figures as fields (``{demandes.total}``) and may keep a sentence only when a
figure exists (``{% si reactivite.delai_median %} … {% fin %}``). Every field is a text already
written the French way, with counts under 3 shown « < 3 ».
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial

from guichet.letters.template import parse_template, validate_template

#: Every field a section text may use, with its French description (listed beside the editor).
REPORT_FIELDS: dict[str, str] = {
    "periode": "La période du rapport (« 1er trimestre 2026 »)",
    "periode.precedente": "La même période un an plus tôt",
    "agence.nom": "Nom de l'agence",
    "demandes.total": "Demandes reçues sur la période",
    "demandes.precedente": "Demandes reçues un an plus tôt",
    "demandes.evolution": "Évolution du nombre de demandes (« +7 % »), vide sans comparaison",
    "demandes.canal_principal": "Canal le plus fréquent (« Téléphone »)",
    "demandes.thematique_principale": "Thématique la plus demandée",
    "sujets.principal": "Sujet le plus demandé",
    "reactivite.premiere_reponse": "Part des demandes ayant reçu une première réponse sous 72 h",
    "reactivite.premiere_reponse_objectif": "Objectif de première réponse sous 72 h",
    "reactivite.mise_en_relation": "Part des demandes mises en relation sous 72 h",
    "reactivite.mise_en_relation_objectif": "Objectif de mise en relation sous 72 h",
    "reactivite.prise_en_charge": "Part des mises en relation prises en charge sous 5 jours",
    "reactivite.prise_en_charge_objectif": "Objectif de prise en charge sous 5 jours",
    "reactivite.delai_median": "Délai médian jusqu'à la première action (heures ouvrées)",
    "mises_en_relation.envoyees": "Mises en relation envoyées sur la période",
    "mises_en_relation.boucle_fermee": "Part des mises en relation dont l'issue est connue",
    "mises_en_relation.partenaire_principal": "Partenaire le plus sollicité",
    "territoire.demandes": "Demandes d'entreprises des communes du territoire",
    "territoire.communes": "Communes du territoire d'où vient au moins une demande",
    "reunions.tenues": "Réunions d'information tenues",
    "reunions.presents": "Participants présents aux réunions",
    "reunions.taux_presence": "Taux de présence (présents parmi les inscrits)",
    "reseau.nom": "Nom du réseau (« Sotraban »)",
    "reseau.adherents": "Adhérents du réseau sur le territoire en fin de période",
    "reseau.objectif": "Objectif d'adhérents du réseau",
    "reseau.gagnes": "Adhérents gagnés sur la période",
    "implantation.ouverts": "Projets d'implantation ouverts sur la période",
    "opportunites.recues": "Opportunités d'affaires reçues",
    "opportunites.relayees": "Opportunités relayées aux adhérents",
}


@dataclass(frozen=True)
class SectionText:
    key: str  # the section, also the end of the setting's key
    title: str  # the section's title in the report and in the settings
    default: str


SECTIONS: tuple[SectionText, ...] = (
    SectionText(
        "synthese",
        "Chiffres clés",
        "Sur la période ({periode}), le guichet a reçu {demandes.total} demandes"
        "{% si demandes.evolution %} ({demandes.evolution} par rapport à {periode.precedente})"
        "{% fin %} et envoyé {mises_en_relation.envoyees} mises en relation.",
    ),
    SectionText(
        "reactivite",
        "Réactivité",
        "{reactivite.premiere_reponse} des demandes ont reçu une première réponse sous 72 h "
        "(objectif : {reactivite.premiere_reponse_objectif}) ; {reactivite.mise_en_relation} "
        "des demandes orientées vers un partenaire l'ont été sous 72 h (objectif : "
        "{reactivite.mise_en_relation_objectif}) ; {reactivite.prise_en_charge} des mises en "
        "relation ont été prises en charge par le partenaire sous 5 jours (objectif : "
        "{reactivite.prise_en_charge_objectif})."
        "{% si reactivite.delai_median %} Délai médian jusqu'à la première action : "
        "{reactivite.delai_median} (heures ouvrées).{% fin %}",
    ),
    SectionText(
        "demandes",
        "Demandes par canal et par thématique",
        "{% si demandes.canal_principal %}Le canal le plus fréquent est « "
        "{demandes.canal_principal} ».{% fin %}{% si demandes.thematique_principale %} La "
        "thématique la plus demandée est « {demandes.thematique_principale} ».{% fin %}",
    ),
    SectionText(
        "sujets",
        "Sujets les plus demandés",
        "{% si sujets.principal %}Le sujet le plus demandé est « {sujets.principal} ».{% fin %}",
    ),
    SectionText(
        "mises_en_relation",
        "Mises en relation : partenaires et issues",
        "{mises_en_relation.envoyees} mises en relation envoyées ; l'issue est connue pour "
        "{mises_en_relation.boucle_fermee} d'entre elles (boucle fermée).",
    ),
    SectionText(
        "conseillers",
        "Activité par conseiller",
        "Répartition des demandes entre les conseillers, sous des libellés neutres : le "
        "rapport ne nomme personne.",
    ),
    SectionText(
        "entreprises",
        "Entreprises accueillies : secteur et taille",
        "Les demandes par section de la nomenclature d'activités (NAF) et par tranche "
        "d'effectif de l'entreprise.",
    ),
    SectionText(
        "territoire",
        "Territoire",
        "{territoire.demandes} demandes viennent d'entreprises du territoire, réparties sur "
        "{territoire.communes} communes.",
    ),
    SectionText(
        "reunions",
        "Réunions d'information",
        "{reunions.tenues} réunions tenues, {reunions.presents} participants présents "
        "(taux de présence : {reunions.taux_presence}).",
    ),
    SectionText(
        "reseau",
        "Réseau",
        "{reseau.nom} compte {reseau.adherents} adhérents sur le territoire en fin de période "
        "(objectif : {reseau.objectif}) ; {reseau.gagnes} adhérents gagnés sur la période.",
    ),
    SectionText(
        "implantation",
        "Projets d'implantation",
        "{implantation.ouverts} projets d'implantation ouverts sur la période. Les projets "
        "sont confidentiels : le rapport n'en donne que le nombre par étape.",
    ),
    SectionText(
        "opportunites",
        "Opportunités d'affaires",
        "{opportunites.recues} opportunités d'affaires reçues, dont {opportunites.relayees} "
        "relayées aux adhérents.",
    ),
)
SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}
SETTING_PREFIX = "report.text."


def setting_key(section: str) -> str:
    return SETTING_PREFIX + section


validate_report_text = partial(validate_template, fields=REPORT_FIELDS)


def section_text(source: str, values: Mapping[str, str]) -> str:
    """The section's text with the figures merged in (plain text: the PDF escapes it)."""
    return parse_template(source, REPORT_FIELDS).render(values)
