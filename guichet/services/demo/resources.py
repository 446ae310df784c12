"""Demo vocabulary: the library of aid schemes, sheets, documents, links and meetings."""

from __future__ import annotations

from dataclasses import dataclass

from guichet.services.demo.distributions import HYDROGEN_THEME


@dataclass(frozen=True)
class ResourceSpec:
    title: str
    kind: str  # a ResourceKind value
    theme: str
    description: str
    path: str | None = None  # under https://exemple.fr/


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
