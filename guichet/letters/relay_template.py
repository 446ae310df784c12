"""The relay letter (« Relais d'une opportunité d'affaires »): its merge fields and default text.

Same template language as the referral letters (:mod:`guichet.letters.template`); the fields
are the opportunity's and the member's. ``{opportunite.lots}`` and ``{destinataire.lots}`` are
multi-line lists (one lot a line).
"""

from __future__ import annotations

RELAY_FIELDS: dict[str, str] = {
    "destinataire.nom": "Adhérent à qui l'opportunité est relayée",
    "destinataire.contact": "Interlocuteur chez l'adhérent",
    "destinataire.formule": "« Madame », « Monsieur » ou « Madame, Monsieur » selon l'interlocuteur",
    "destinataire.lots": "Lots pour lesquels l'adhérent a été retenu (un par ligne)",
    "opportunite.reference": "Référence de l'opportunité",
    "opportunite.titre": "Intitulé de l'opportunité",
    "opportunite.acheteur": "Acheteur (donneur d'ordres)",
    "opportunite.source": "Source (appel d'offres public, consultation privée…)",
    "opportunite.description": "Description",
    "opportunite.lieu": "Lieu d'exécution",
    "opportunite.filiere": "Filière",
    "opportunite.valeur": "Montant estimé",
    "opportunite.date_limite": "Date limite de réponse (forme longue)",
    "opportunite.date_questions": "Date limite des questions (forme longue)",
    "opportunite.lots": "Tous les lots (un par ligne)",
    "opportunite.documents": "Documents joints (un par ligne)",
    "conseiller.nom": "Conseiller qui signe",
    "conseiller.fonction": "Fonction du conseiller",
    "conseiller.telephone": "Téléphone du conseiller",
    "conseiller.email": "E-mail du conseiller",
    "agence.nom": "Nom de l'agence",
    "agence.telephone": "Téléphone de l'agence",
    "agence.email": "E-mail de l'agence",
    "agence.site": "Site web de l'agence",
}

RELAY_OBJECT = (
    "Opportunité d'affaires : {opportunite.titre} — réponse avant le {opportunite.date_limite}"
)

RELAY_BODY = """\
{% si destinataire.contact %}
À l'attention de {destinataire.contact}

{% fin %}
{destinataire.formule},

{opportunite.acheteur} lance une consultation qui correspond à votre savoir-faire : \
« {opportunite.titre} ».
{% si opportunite.description %}

{opportunite.description}
{% fin %}

{% si destinataire.lots %}
Nous vous la relayons pour :
{destinataire.lots}
{% sinon %}
Lots de la consultation :
{opportunite.lots}
{% fin %}

{% si opportunite.lieu %}
Lieu d'exécution : {opportunite.lieu}.
{% fin %}
{% si opportunite.valeur %}
Montant estimé : {opportunite.valeur}.
{% fin %}
Date limite de réponse : {opportunite.date_limite}.
{% si opportunite.date_questions %}
Questions jusqu'au {opportunite.date_questions}.
{% fin %}

{% si opportunite.documents %}
Documents de la consultation (joints au courriel) :
{opportunite.documents}

{% fin %}
Si vous ne couvrez qu'une partie des besoins, nous pouvons vous mettre en relation avec \
d'autres adhérents du réseau pour répondre en groupement. Merci de nous dire rapidement si \
vous êtes intéressé, auprès de {conseiller.nom}\
{% si conseiller.telephone %} ({conseiller.telephone}){% fin %}\
{% si conseiller.email %}, {conseiller.email}{% fin %}.

Veuillez agréer, {destinataire.formule}, l'expression de nos salutations distinguées.
"""

RELAY_EMAIL_OBJECT = (
    "[Opportunité] {opportunite.titre} — réponse avant le {opportunite.date_limite}"
)

RELAY_EMAIL_BODY = """\
{destinataire.formule},

{opportunite.acheteur} lance la consultation « {opportunite.titre} », qui correspond à votre \
savoir-faire. Date limite de réponse : {opportunite.date_limite}.

{% si destinataire.lots %}
Lots concernés :
{destinataire.lots}

{% fin %}
Vous trouverez ci-joint notre courrier et les documents de la consultation. Dites-nous si \
vous êtes intéressé : nous pouvons aussi vous aider à constituer un groupement.

Bien cordialement,

{% si conseiller.nom %}
{conseiller.nom}
{% fin %}
{agence.nom}
{% si conseiller.telephone %}
Tél. : {conseiller.telephone}
{% fin %}
"""

#: Setting key → default text.
RELAY_TEMPLATES: dict[str, str] = {
    "relay.letter_object": RELAY_OBJECT,
    "relay.letter_body": RELAY_BODY,
    "relay.email_object": RELAY_EMAIL_OBJECT,
    "relay.email_body": RELAY_EMAIL_BODY,
}
