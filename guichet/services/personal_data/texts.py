"""Default texts of the personal-data settings: the information notice and the register.

Placeholders in the notice: ``{agence}``, ``{adresse}``, ``{email}``, ``{telephone}``,
``{conservation}`` (the retention, in years), ``{responsable}``.
"""

from __future__ import annotations

NOTICE_TITLE = "Vos données personnelles"

NOTICE_TEXT = """\
{agence} enregistre les coordonnées professionnelles que vous lui donnez (nom, fonction, \
téléphone, e-mail, entreprise) et le contenu de vos demandes, pour vous orienter, vous informer \
et vous mettre en relation avec les partenaires qui peuvent vous aider.

Base légale : l'intérêt légitime de l'agence à accompagner les entreprises de son territoire \
(article 6.1.f du RGPD) ; votre consentement lorsque nous vous le demandons (transmission de \
votre demande à un partenaire, invitations).

Destinataires : les conseillers de l'agence et, lorsque vous l'acceptez, les partenaires \
auxquels votre demande est transmise. Vos données ne sont ni vendues ni transférées hors de \
l'Union européenne.

Durée de conservation : {conservation} ans après votre dernier contact avec nous ; elles sont \
ensuite anonymisées.

Vos droits : vous pouvez accéder à vos données, les faire rectifier ou effacer, vous opposer à \
recevoir nos invitations et envois, en écrivant à {responsable} — {adresse} — {email}. \
Vous pouvez aussi adresser une réclamation à la CNIL (www.cnil.fr)."""

PURPOSES = """\
Accueil et orientation des entreprises et porteurs de projet (guichet unique)
Information sur les dispositifs et les ressources de l'agence
Mise en relation avec les partenaires et suivi des mises en relation
Organisation des réunions d'information et visites d'entreprises
Relais des opportunités d'affaires aux membres du réseau
Statistiques d'activité (données agrégées)"""

DATA_CATEGORIES = """\
Identité : civilité, nom, prénom, fonction
Coordonnées professionnelles : téléphone, e-mail, adresse
Vie professionnelle : entreprise, besoins exprimés, suites données
Participation aux réunions et visites"""

PEOPLE_CATEGORIES = """\
Dirigeants et salariés d'entreprises du territoire
Porteurs de projet
Interlocuteurs des partenaires et des membres du réseau"""

SECURITY_MEASURES = """\
Comptes nominatifs par conseiller, rôles (conseiller, responsable, administrateur)
Journal des modifications, des consultations et des exports (traçabilité)
Sauvegardes automatiques à chaque fermeture, contrôle de leur intégrité
Anonymisation à l'issue de la durée de conservation
Chiffrement du disque du poste recommandé (BitLocker, FileVault, LUKS)"""

#: An archived letter whose PDF was erased with the personal data it held.
ERASED_LETTER = (
    "Ce courrier a été effacé le {day} avec les données personnelles qu'il contenait : "
    "seuls son envoi et sa date restent."
)
