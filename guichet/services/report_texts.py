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
    "reactivite.premiere_reponse": "Part des demandes ayant reçu une première réponse sous 72 h",
    "reactivite.premiere_reponse_objectif": "Objectif de première réponse sous 72 h",
    "reactivite.mise_en_relation": "Part des demandes mises en relation sous 72 h",
    "reactivite.mise_en_relation_objectif": "Objectif de mise en relation sous 72 h",
    "reactivite.prise_en_charge": "Part des mises en relation prises en charge sous 5 jours",
    "reactivite.prise_en_charge_objectif": "Objectif de prise en charge sous 5 jours",
    "reactivite.delai_median": "Délai médian jusqu'à la première action (heures ouvrées)",
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
        "{% fin %}.",
    ),
    SectionText(
        "reactivite",
        "Réactivité",
        "{reactivite.premiere_reponse} des demandes ont reçu une première réponse sous 72 h "
        "(objectif : {reactivite.premiere_reponse_objectif}). "
        "{reactivite.prise_en_charge} des mises en relation ont été prises en charge par le "
        "partenaire sous 5 jours (objectif : {reactivite.prise_en_charge_objectif})."
        "{% si reactivite.delai_median %} Délai médian jusqu'à la première action : "
        "{reactivite.delai_median} (heures ouvrées).{% fin %}",
    ),
    SectionText(
        "demandes",
        "Demandes par canal et par thématique",
        "{% si demandes.canal_principal %}Le canal le plus fréquent est « "
        "{demandes.canal_principal} » ; la thématique la plus demandée, « "
        "{demandes.thematique_principale} ».{% fin %}",
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
