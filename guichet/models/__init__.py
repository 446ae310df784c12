"""SQLAlchemy ORM classes, one module per aggregate. Importing this package registers them all."""

from guichet.models.audit import AuditEntry
from guichet.models.base import Base
from guichet.models.capability import Capability, Certification, Sector
from guichet.models.counsellor import Counsellor
from guichet.models.enums import (
    AnswerStatus,
    AuditAction,
    Channel,
    GroupementForm,
    InquiryStatus,
    LegalBasis,
    LetterKind,
    MembershipOrigin,
    MembershipStatus,
    NeedOutcome,
    OpportunityOutcome,
    OpportunitySource,
    OpportunityStatus,
    OrganizationKind,
    ReferralStatus,
    ResourceKind,
    Role,
    VisitStatus,
    label,
)
from guichet.models.implantation import (
    ImplantationProject,
    ProjectEvent,
    ProjectPartner,
    Proposition,
)
from guichet.models.implantation_enums import (
    BuildingType,
    Classification,
    ProjectSource,
    ProjectStage,
    PropositionStatus,
    SiteKind,
)
from guichet.models.inquiry import InformationGiven, Inquiry, InquiryNote, Need
from guichet.models.letter import Letter
from guichet.models.meeting import (
    Invitation,
    Meeting,
    MeetingPartner,
    MeetingSpeaker,
    Registration,
)
from guichet.models.meeting_enums import MeetingKind, MeetingStatus, RegistrationStatus
from guichet.models.membership import Membership
from guichet.models.opportunity import (
    Answer,
    Groupement,
    GroupementMember,
    Lot,
    Opportunity,
    OpportunityAward,
    OpportunityDocument,
    Relay,
)
from guichet.models.organization import Contact, Organization
from guichet.models.referral import Referral, ReferralEvent, RoutingRule
from guichet.models.resource import Resource
from guichet.models.setting import Setting
from guichet.models.sirene import ImportMapping, SireneEstablishment
from guichet.models.site import BusinessPark, Site, SiteAttachment
from guichet.models.taxonomy import Subject, Theme
from guichet.models.visit import QuestionnaireVersion, Visit, VisitAnswer, VisitPartner

__all__ = [
    "Answer",
    "AnswerStatus",
    "AuditAction",
    "AuditEntry",
    "Base",
    "BuildingType",
    "BusinessPark",
    "Capability",
    "Certification",
    "Channel",
    "Classification",
    "Contact",
    "Counsellor",
    "Groupement",
    "GroupementForm",
    "GroupementMember",
    "ImplantationProject",
    "ImportMapping",
    "InformationGiven",
    "Inquiry",
    "InquiryNote",
    "InquiryStatus",
    "Invitation",
    "LegalBasis",
    "Letter",
    "LetterKind",
    "Lot",
    "Meeting",
    "MeetingKind",
    "MeetingPartner",
    "MeetingSpeaker",
    "MeetingStatus",
    "Membership",
    "MembershipOrigin",
    "MembershipStatus",
    "Need",
    "NeedOutcome",
    "Opportunity",
    "OpportunityAward",
    "OpportunityDocument",
    "OpportunityOutcome",
    "OpportunitySource",
    "OpportunityStatus",
    "Organization",
    "OrganizationKind",
    "ProjectEvent",
    "ProjectPartner",
    "ProjectSource",
    "ProjectStage",
    "Proposition",
    "PropositionStatus",
    "QuestionnaireVersion",
    "Referral",
    "ReferralEvent",
    "ReferralStatus",
    "Registration",
    "RegistrationStatus",
    "Relay",
    "Resource",
    "ResourceKind",
    "Role",
    "RoutingRule",
    "Sector",
    "Setting",
    "SireneEstablishment",
    "Site",
    "SiteAttachment",
    "SiteKind",
    "Subject",
    "Theme",
    "Visit",
    "VisitAnswer",
    "VisitPartner",
    "VisitStatus",
    "label",
]
