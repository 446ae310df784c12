"""The letters' default French text, used until the agency edits it in the settings."""

from __future__ import annotations

COMPANY_OBJECT = "Votre demande {demande.reference} : mise en relation avec {partenaire.nom}"

COMPANY_BODY = """\
{entreprise.formule},

Suite à votre demande du {demande.date} concernant « {besoin.sujet} », nous avons le plaisir \
de vous mettre en relation avec {partenaire.nom}, qui est en mesure de vous accompagner.

{% si besoin.description %}
Votre besoin, tel que nous l'avons noté : {besoin.description}

{% fin %}
Pour prendre contact :
{% si partenaire.contact %}
– votre interlocuteur : {partenaire.contact}{% si partenaire.fonction %}, {partenaire.fonction}{% fin %}
{% fin %}
{% si partenaire.telephone %}
– téléphone : {partenaire.telephone}
{% fin %}
{% si partenaire.email %}
– e-mail : {partenaire.email}
{% fin %}
{% si partenaire.adresse %}
– adresse : {partenaire.adresse}
{% fin %}
{% si partenaire.site %}
– site : {partenaire.site}
{% fin %}

Prochaine étape : nous transmettons aujourd'hui votre demande à {partenaire.nom}, qui prendra \
contact avec vous. Vous pouvez aussi le joindre directement en rappelant la référence \
{mise_en_relation.reference}. Nous reviendrons vers vous dans quelques jours pour savoir si \
ce contact a bien eu lieu.

Nous restons à votre disposition pour toute question.

Veuillez agréer, {entreprise.formule}, l'expression de nos salutations distinguées.
"""

PARTNER_OBJECT = "Demande de prise en charge : {entreprise.nom} (réf. {mise_en_relation.reference})"

PARTNER_BODY = """\
{% si partenaire.contact %}
À l'attention de {partenaire.contact}

{% fin %}
{partenaire.formule},

Le guichet unique des entreprises de {agence.nom} a été sollicité le {demande.date} par \
l'entreprise {entreprise.nom}. Son besoin relève de votre champ d'intervention : \
{besoin.thematique} › {besoin.sujet}.

L'entreprise :
– raison sociale : {entreprise.nom}
{% si entreprise.siret %}
– SIRET : {entreprise.siret}
{% fin %}
{% si entreprise.activite %}
– activité : {entreprise.activite}
{% fin %}
{% si entreprise.effectif %}
– effectif : {entreprise.effectif}
{% fin %}
{% si entreprise.adresse %}
– adresse : {entreprise.adresse}
{% fin %}
{% si entreprise.contact %}
– personne à contacter : {entreprise.contact}
{% fin %}
{% si entreprise.telephone %}
– téléphone : {entreprise.telephone}
{% fin %}
{% si entreprise.email %}
– e-mail : {entreprise.email}
{% fin %}

Son besoin : {% si besoin.description %}{besoin.description}{% sinon %}{besoin.sujet}.{% fin %}

L'entreprise a donné son accord pour que ces informations vous soient transmises.

Pourriez-vous nous confirmer que vous prenez en charge cette demande, en rappelant la référence \
{mise_en_relation.reference}, auprès de {conseiller.nom}\
{% si conseiller.telephone %} ({conseiller.telephone}){% fin %}\
{% si conseiller.email %}, {conseiller.email}{% fin %} ? Sans nouvelles de votre part, nous nous \
permettrons de vous relancer.

Nous vous remercions de votre collaboration et vous prions d'agréer, {partenaire.formule}, \
l'expression de nos salutations distinguées.
"""

EMAIL_OBJECT = "Mise en relation {mise_en_relation.reference} — {agence.nom}"

EMAIL_BODY = """\
{destinataire.formule},

Veuillez trouver ci-joint notre courrier au sujet de la mise en relation \
{mise_en_relation.reference} ({besoin.sujet}).

Nous restons à votre disposition pour toute question.

Bien cordialement,

{% si conseiller.nom %}
{conseiller.nom}
{% fin %}
{% si conseiller.fonction %}
{conseiller.fonction}
{% fin %}
{agence.nom}
{% si conseiller.telephone %}
Tél. : {conseiller.telephone}
{% fin %}
"""

#: Setting key → default text.
DEFAULT_TEMPLATES: dict[str, str] = {
    "letters.company_object": COMPANY_OBJECT,
    "letters.company_body": COMPANY_BODY,
    "letters.partner_object": PARTNER_OBJECT,
    "letters.partner_body": PARTNER_BODY,
    "letters.email_object": EMAIL_OBJECT,
    "letters.email_body": EMAIL_BODY,
}
