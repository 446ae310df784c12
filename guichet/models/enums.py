"""Closed vocabularies of the domain, stored as their English value, shown with a French label."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Enum


class OrganizationKind(StrEnum):
    COMPANY = "company"
    MEMBER = "member"
    PARTNER = "partner"
    AGENCY = "agency"
    NETWORK = "network"


class Channel(StrEnum):
    DESK = "desk"
    PHONE = "phone"
    EMAIL = "email"
    MEETING = "meeting"
    PARTNER = "partner"
    MAIL = "mail"
    VISIT = "visit"


class VisitStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"


class InquiryStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


class NeedOutcome(StrEnum):
    INFORMED = "informed"
    ORIENTED = "oriented"
    REFERRED = "referred"


class ReferralStatus(StrEnum):
    PROPOSED = "proposed"
    SENT = "sent"
    TAKEN_CARE = "taken_care"
    SUCCEEDED = "succeeded"
    CLOSED_NO_HELP = "closed_no_help"
    UNREACHABLE = "unreachable"
    REFUSED = "refused"
    EXPIRED = "expired"


class MembershipStatus(StrEnum):
    PROSPECT = "prospect"
    CANDIDATE = "candidate"
    MEMBER = "member"
    LEFT = "left"
    # Former names (before migration 0005), kept as aliases for code written against them.
    ACTIVE = "member"
    LAPSED = "left"


class MembershipOrigin(StrEnum):
    """What brought a membership: stored as a kind + an id (no foreign key: some of the
    records it points at live in tables other branches own)."""

    INQUIRY = "inquiry"
    REFERRAL = "referral"
    MEETING = "meeting"
    VISIT = "visit"
    OPPORTUNITY = "opportunity"
    COUNSELLOR = "counsellor"


class ResourceKind(StrEnum):
    SHEET = "sheet"
    AID_SCHEME = "aid_scheme"
    MEETING = "meeting"
    LINK = "link"
    DOCUMENT = "document"


class LegalBasis(StrEnum):
    CONSENT = "consent"
    LEGITIMATE_INTEREST = "legitimate_interest"
    PUBLIC_TASK = "public_task"
    CONTRACT = "contract"


class LetterKind(StrEnum):
    TO_COMPANY = "to_company"
    TO_PARTNER = "to_partner"
    FOLLOW_UP = "follow_up"
    INVITATION = "invitation"
    OPPORTUNITY = "opportunity"


class OpportunitySource(StrEnum):
    PUBLIC_TENDER = "public_tender"
    PRIVATE_CONSULTATION = "private_consultation"
    PARTNER_TIP = "partner_tip"


class OpportunityStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class OpportunityOutcome(StrEnum):
    AWARDED = "awarded"
    NO_FOLLOW_UP = "no_follow_up"


class AnswerStatus(StrEnum):
    INTERESTED = "interested"
    NOT_INTERESTED = "not_interested"
    SOLE_CANDIDATE = "sole_candidate"
    GROUP_CANDIDATE = "group_candidate"
    RETAINED = "retained"
    NOT_RETAINED = "not_retained"


class GroupementForm(StrEnum):
    JOINT = "joint"
    SEVERAL = "several"


class AuditAction(StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"
    MERGE = "merge"
    EXPORT = "export"
    READ = "read"
    ANONYMISE = "anonymise"


class Role(StrEnum):
    """What a counsellor's account may do (see guichet/services/permissions.py)."""

    CONSEILLER = "conseiller"
    RESPONSABLE = "responsable"
    ADMINISTRATEUR = "administrateur"


_LABEL_PAIRS: tuple[tuple[StrEnum, str], ...] = (
    (OrganizationKind.COMPANY, "Entreprise"),
    (OrganizationKind.MEMBER, "Adhérent"),
    (OrganizationKind.PARTNER, "Partenaire"),
    (OrganizationKind.AGENCY, "Agence"),
    (OrganizationKind.NETWORK, "Réseau"),
    (Channel.DESK, "Accueil"),
    (Channel.PHONE, "Téléphone"),
    (Channel.EMAIL, "E-mail"),
    (Channel.MEETING, "Réunion"),
    (Channel.PARTNER, "Partenaire"),
    (Channel.MAIL, "Courrier"),
    (Channel.VISIT, "Visite"),
    (VisitStatus.PLANNED, "Prévue"),
    (VisitStatus.DONE, "Faite"),
    (VisitStatus.CANCELLED, "Annulée"),
    (InquiryStatus.NEW, "Nouvelle"),
    (InquiryStatus.IN_PROGRESS, "En cours"),
    (InquiryStatus.CLOSED, "Close"),
    (NeedOutcome.INFORMED, "Informé"),
    (NeedOutcome.ORIENTED, "Orienté"),
    (NeedOutcome.REFERRED, "Mis en relation"),
    (ReferralStatus.PROPOSED, "Proposée"),
    (ReferralStatus.SENT, "Envoyée"),
    (ReferralStatus.TAKEN_CARE, "Prise en charge"),
    (ReferralStatus.SUCCEEDED, "Aboutie"),
    (ReferralStatus.CLOSED_NO_HELP, "Close sans aide"),
    (ReferralStatus.UNREACHABLE, "Injoignable"),
    (ReferralStatus.REFUSED, "Refusée"),
    (ReferralStatus.EXPIRED, "Expirée"),
    (MembershipStatus.PROSPECT, "Prospect"),
    (MembershipStatus.CANDIDATE, "Candidat"),
    (MembershipStatus.MEMBER, "Adhérent"),
    (MembershipStatus.LEFT, "Sorti"),
    (MembershipOrigin.INQUIRY, "Demande au guichet"),
    (MembershipOrigin.REFERRAL, "Mise en relation"),
    (MembershipOrigin.MEETING, "Réunion"),
    (MembershipOrigin.VISIT, "Visite d'entreprise"),
    (MembershipOrigin.OPPORTUNITY, "Opportunité"),
    (MembershipOrigin.COUNSELLOR, "Conseiller"),
    (ResourceKind.SHEET, "Fiche d'information"),
    (ResourceKind.AID_SCHEME, "Dispositif d'aide"),
    (ResourceKind.MEETING, "Réunion à venir"),
    (ResourceKind.LINK, "Lien"),
    (ResourceKind.DOCUMENT, "Document"),
    (LegalBasis.CONSENT, "Consentement"),
    (LegalBasis.LEGITIMATE_INTEREST, "Intérêt légitime"),
    (LegalBasis.PUBLIC_TASK, "Mission d'intérêt public"),
    (LegalBasis.CONTRACT, "Contrat"),
    (LetterKind.TO_COMPANY, "Lettre à l'entreprise"),
    (LetterKind.TO_PARTNER, "Lettre au partenaire"),
    (LetterKind.FOLLOW_UP, "Relance"),
    (LetterKind.INVITATION, "Invitation"),
    (LetterKind.OPPORTUNITY, "Opportunité d'affaires"),
    (OpportunitySource.PUBLIC_TENDER, "Appel d'offres public"),
    (OpportunitySource.PRIVATE_CONSULTATION, "Consultation privée"),
    (OpportunitySource.PARTNER_TIP, "Signalement d'un partenaire"),
    (OpportunityStatus.OPEN, "Ouverte"),
    (OpportunityStatus.CLOSED, "Close"),
    (OpportunityOutcome.AWARDED, "Attribuée"),
    (OpportunityOutcome.NO_FOLLOW_UP, "Sans suite"),
    (AnswerStatus.INTERESTED, "Intéressé"),
    (AnswerStatus.NOT_INTERESTED, "Pas intéressé"),
    (AnswerStatus.SOLE_CANDIDATE, "Candidat seul"),
    (AnswerStatus.GROUP_CANDIDATE, "Candidat en groupement"),
    (AnswerStatus.RETAINED, "Retenu"),
    (AnswerStatus.NOT_RETAINED, "Non retenu"),
    (GroupementForm.JOINT, "Conjoint"),
    (GroupementForm.SEVERAL, "Solidaire"),
    (Role.CONSEILLER, "Conseiller"),
    (Role.RESPONSABLE, "Responsable"),
    (Role.ADMINISTRATEUR, "Administrateur"),
    (AuditAction.INSERT, "Création"),
    (AuditAction.UPDATE, "Modification"),
    (AuditAction.DELETE, "Suppression"),
    (AuditAction.MERGE, "Fusion"),
    (AuditAction.EXPORT, "Export"),
    (AuditAction.READ, "Consultation"),
    (AuditAction.ANONYMISE, "Anonymisation"),
)
#: Keyed by (enum class, value): Channel.MEETING and ResourceKind.MEETING share the value
#: "meeting" and would otherwise collide in a dict keyed by the members themselves.
LABELS: dict[tuple[type, str], str] = {(type(k), k.value): v for k, v in _LABEL_PAIRS}


def label(value: StrEnum | str) -> str:
    """French label of an enum value (the UI passes it through ``tr`` as well).

    A plain string (a value not yet loaded back as its enum) gets the label only when every
    enum having that value gives it the same label (« closed » is « Close » for both, « member »
    is Adhérent either way).
    """
    if isinstance(value, StrEnum):
        return LABELS.get((type(value), value.value), str(value))
    matches = {text for (_, raw), text in LABELS.items() if raw == value}
    return matches.pop() if len(matches) == 1 else str(value)


def enum_column(enum_cls: type[StrEnum]) -> Enum:
    """A portable VARCHAR column storing the enum's value, checked by a CHECK constraint."""
    return Enum(
        enum_cls,
        native_enum=False,
        length=24,
        values_callable=lambda cls: [member.value for member in cls],
        validate_strings=True,
        create_constraint=True,
        name=enum_cls.__name__.lower(),
    )
