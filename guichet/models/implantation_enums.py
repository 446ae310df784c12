"""Closed vocabularies of implantation projects and sites, with their French labels.

Kept apart from ``enums.py`` (one module per aggregate); the labels join ``enums.LABELS`` so
``label()`` and the status chips know them.
"""

from __future__ import annotations

from enum import StrEnum

from guichet.models.enums import LABELS


class ProjectStage(StrEnum):
    FIRST_CONTACT = "first_contact"
    QUALIFICATION = "qualification"
    SITE_SEARCH = "site_search"
    PROPOSALS = "proposals"
    VISITS = "visits"
    DECISION = "decision"
    ESTABLISHED = "established"
    LOST = "lost"
    ABANDONED = "abandoned"


class ProjectSource(StrEnum):
    INQUIRY = "inquiry"
    PARTNER = "partner"
    DIRECT = "direct"


class BuildingType(StrEnum):
    INDUSTRIAL = "industrial"
    LOGISTICS = "logistics"
    WORKSHOP = "workshop"
    OFFICES = "offices"


class Classification(StrEnum):
    """Environmental classification of the planned activity (ICPE regime, Seveso status)."""

    NONE = "none"
    ICPE_DECLARATION = "icpe_declaration"
    ICPE_REGISTRATION = "icpe_registration"
    ICPE_AUTHORISATION = "icpe_authorisation"
    SEVESO_LOW = "seveso_low"
    SEVESO_HIGH = "seveso_high"


class SiteKind(StrEnum):
    PLOT = "plot"
    BUILDING = "building"


class SiteAvailability(StrEnum):
    """Computed, not stored: from a site's availability date and whether it is still offered."""

    AVAILABLE = "available"
    LATER = "later"
    UNAVAILABLE = "unavailable"


class PropositionStatus(StrEnum):
    PROPOSED = "proposed"
    VISITED = "visited"
    RETAINED = "retained"
    REJECTED = "rejected"


_PAIRS: tuple[tuple[StrEnum, str], ...] = (
    (ProjectStage.FIRST_CONTACT, "Premier contact"),
    (ProjectStage.QUALIFICATION, "Qualification"),
    (ProjectStage.SITE_SEARCH, "Recherche de sites"),
    (ProjectStage.PROPOSALS, "Propositions"),
    (ProjectStage.VISITS, "Visites"),
    (ProjectStage.DECISION, "Décision"),
    (ProjectStage.ESTABLISHED, "Implanté"),
    (ProjectStage.LOST, "Perdu"),
    (ProjectStage.ABANDONED, "Abandonné"),
    (ProjectSource.INQUIRY, "Demande du guichet"),
    (ProjectSource.PARTNER, "Partenaire"),
    (ProjectSource.DIRECT, "Contact direct"),
    (BuildingType.INDUSTRIAL, "Industriel"),
    (BuildingType.LOGISTICS, "Logistique"),
    (BuildingType.WORKSHOP, "Atelier"),
    (BuildingType.OFFICES, "Bureaux"),
    (Classification.NONE, "Non classé"),
    (Classification.ICPE_DECLARATION, "ICPE – déclaration"),
    (Classification.ICPE_REGISTRATION, "ICPE – enregistrement"),
    (Classification.ICPE_AUTHORISATION, "ICPE – autorisation"),
    (Classification.SEVESO_LOW, "Seveso seuil bas"),
    (Classification.SEVESO_HIGH, "Seveso seuil haut"),
    (SiteKind.PLOT, "Terrain"),
    (SiteKind.BUILDING, "Bâtiment"),
    (SiteAvailability.AVAILABLE, "Disponible"),
    (SiteAvailability.LATER, "Disponible plus tard"),
    (SiteAvailability.UNAVAILABLE, "Indisponible"),
    (PropositionStatus.PROPOSED, "Proposé"),
    (PropositionStatus.VISITED, "Visité"),
    (PropositionStatus.RETAINED, "Retenu"),
    (PropositionStatus.REJECTED, "Écarté"),
)
LABELS.update({(type(k), k.value): v for k, v in _PAIRS})

#: The stages in their pipeline order (the board's columns).
STAGE_ORDER: tuple[ProjectStage, ...] = tuple(ProjectStage)
#: Stages that end a project.
CLOSED_STAGES = frozenset({ProjectStage.ESTABLISHED, ProjectStage.LOST, ProjectStage.ABANDONED})
