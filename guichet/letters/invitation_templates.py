"""The meeting invitation's templates: its merge fields and default French text.

Same template language as the referral letters (:mod:`guichet.letters.template`); the fields
are the meeting's (``{reunion.titre}``, ``{reunion.date}``, ``{reunion.lieu}``…), the invited
person's and the agency's. The e-mail draft of an invitation has its own pair (object, text).
"""

from __future__ import annotations

from guichet.letters.template import LETTER_FIELDS, validate_template

INVITATION_FIELDS: dict[str, str] = {
    "reunion.titre": "Titre de la réunion",
    "reunion.type": "Type, en minuscules (réunion d'information, atelier…)",
    "reunion.date": "Date de la réunion (forme longue, avec le jour)",
    "reunion.heure": "Heure de début",
    "reunion.fin": "Heure de fin",
    "reunion.lieu": "Lieu (nom et adresse, sur une ligne)",
    "reunion.description": "Présentation de la réunion",
    "reunion.thematique": "Thématique de la réunion",
    "reunion.partenaires": "Partenaires co-organisateurs",
    "reunion.intervenants": "Intervenants",
    "destinataire.nom": "Organisation invitée (ou la personne, sans organisation)",
    "destinataire.contact": "Personne invitée (civilité, prénom, nom)",
    "destinataire.formule": "« Madame », « Monsieur » ou « Madame, Monsieur » selon la personne",
    **{
        name: text
        for name, text in LETTER_FIELDS.items()
        if name.startswith(("conseiller.", "agence."))
    },
}

INVITATION_OBJECT = "Invitation : « {reunion.titre} », {reunion.date}"

INVITATION_BODY = """\
{destinataire.formule},

{agence.nom}{% si reunion.partenaires %}, avec {reunion.partenaires},{% fin %} a le plaisir \
de vous inviter à notre {% si reunion.type %}{reunion.type}{% sinon %}réunion{% fin %} \
« {reunion.titre} », le {reunion.date}{% si reunion.heure %} à {reunion.heure}{% fin %}\
{% si reunion.lieu %}, {reunion.lieu}{% fin %}.

{% si reunion.description %}
{reunion.description}

{% fin %}
{% si reunion.intervenants %}
Interviendront : {reunion.intervenants}.

{% fin %}
Le nombre de places étant limité, merci de confirmer votre présence auprès de \
{% si conseiller.nom %}{conseiller.nom}{% sinon %}{agence.nom}{% fin %}\
{% si conseiller.telephone %} ({conseiller.telephone}){% fin %}\
{% si conseiller.email %}, {conseiller.email}{% fin %}.

Dans l'attente de vous y accueillir, nous vous prions d'agréer, {destinataire.formule}, \
l'expression de nos salutations distinguées.
"""

INVITATION_EMAIL_OBJECT = "Invitation : {reunion.titre} — {reunion.date}"

INVITATION_EMAIL_BODY = """\
{destinataire.formule},

{agence.nom} vous invite à « {reunion.titre} », le {reunion.date}\
{% si reunion.heure %} à {reunion.heure}{% fin %}{% si reunion.lieu %}, {reunion.lieu}{% fin %}.

{% si reunion.description %}
{reunion.description}

{% fin %}
Vous trouverez ci-joint le rendez-vous à ajouter à votre agenda. Merci de nous confirmer \
votre présence en répondant à ce message.

Bien cordialement,

{% si conseiller.nom %}
{conseiller.nom}
{% fin %}
{agence.nom}
{% si conseiller.telephone %}
Tél. : {conseiller.telephone}
{% fin %}
"""

#: Setting key → default text, for the invitation templates.
INVITATION_TEMPLATES: dict[str, str] = {
    "letters.invitation_object": INVITATION_OBJECT,
    "letters.invitation_body": INVITATION_BODY,
    "letters.invitation_email_object": INVITATION_EMAIL_OBJECT,
    "letters.invitation_email_body": INVITATION_EMAIL_BODY,
}


def validate_invitation_template(source: str) -> None:
    """Raises ValidationError (French, with the line) when ``source`` is not a valid template."""
    validate_template(source, INVITATION_FIELDS)
