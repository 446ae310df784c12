"""A small activity report document, with markup in the names that must print as typed."""

from __future__ import annotations

from datetime import datetime

from guichet.letters.document import Letterhead
from guichet.letters.report_document import (
    ActivityReportDocument,
    BarChart,
    ChoroplethMap,
    Kind,
    LineChart,
    MapArea,
    ReportSection,
    ReportTable,
    Series,
)

MARKUP_SUBJECT = "<b>Export</b> & co"
MARKUP_COMMUNE = "Saint-<i>Truc</i>"
MONTHS = ("janv.", "févr.", "mars")


def sample_document() -> ActivityReportDocument:
    return ActivityReportDocument(
        letterhead=Letterhead("Caux Seine Développement", ("76170 LILLEBONNE",), "02 35 00 00 00"),
        title="Rapport d'activité",
        period_label="1er trimestre 2026",
        comparison_label="Comparé au 1er trimestre 2025.",
        notes=("Un effectif inférieur à 3 est écrit « < 3 ».",),
        created=datetime(2026, 4, 2, 9, 0),
        sections=(
            ReportSection(
                "Chiffres clés",
                "Le guichet a reçu 1312 demandes.\n\nUn texte <i>non</i> interprété.",
                (
                    ReportTable(
                        "Chiffres clés",
                        "Chiffres clés",
                        ("Indicateur", "Période", "Un an plus tôt", "Évolution"),
                        (Kind.TEXT, Kind.COUNT, Kind.COUNT, Kind.CHANGE),
                        (("Demandes", 1312, 1219, 7.6), ("Adhérents gagnés", "< 3", 4, None)),
                    ),
                ),
            ),
            ReportSection(
                "Réactivité",
                "",
                (
                    LineChart(
                        "Réactivité par mois",
                        MONTHS,
                        (Series("Première réponse sous 72 h", (81.0, None, 90.5)),),
                        (90.0,),
                    ),
                    ReportTable(
                        "Réactivité",
                        "Réactivité",
                        ("Indicateur", "Période", "Objectif"),
                        (Kind.TEXT, Kind.PERCENT, Kind.PERCENT),
                        (("Première réponse sous 72 h", 0.8425, 0.9),),
                    ),
                ),
            ),
            ReportSection(
                "Sujets",
                "",
                (
                    BarChart(
                        "Sujets",
                        (MARKUP_SUBJECT, "Prêt"),
                        (Series("Demandes", (7.0, None)),),
                        horizontal=True,
                    ),
                    ReportTable(
                        "Sujets",
                        "Sujets",
                        ("Sujet", "Demandes"),
                        (Kind.TEXT, Kind.COUNT),
                        ((MARKUP_SUBJECT, 7), ('=HYPERLINK("x")', "< 3")),
                    ),
                    ReportTable(
                        "Communes",
                        "Communes",
                        ("Commune", "Demandes"),
                        (Kind.TEXT, Kind.COUNT),
                        ((MARKUP_COMMUNE, 12),),
                    ),
                    ChoroplethMap(
                        "Demandes par commune",
                        (
                            MapArea("76341", 12),
                            MapArea("76384", 1, masked=True),
                            MapArea("76476", 0),
                        ),
                        "Demandes",
                        "Source : IGN",
                    ),
                ),
            ),
        ),
    )
