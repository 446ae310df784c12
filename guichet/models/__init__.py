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
    MembershipStatus,
    NeedOutcome,
    OpportunityOutcome,
    OpportunitySource,
    OpportunityStatus,
    OrganizationKind,
    ReferralStatus,
    ResourceKind,
    label,
)
from guichet.models.inquiry import InformationGiven, Inquiry, InquiryNote, Need
from guichet.models.letter import Letter
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
from guichet.models.taxonomy import Subject, Theme

__all__ = [
    "Answer",
    "AnswerStatus",
    "AuditAction",
    "AuditEntry",
    "Base",
    "Capability",
    "Certification",
    "Channel",
    "Contact",
    "Counsellor",
    "Groupement",
    "GroupementForm",
    "GroupementMember",
    "ImportMapping",
    "InformationGiven",
    "Inquiry",
    "InquiryNote",
    "InquiryStatus",
    "LegalBasis",
    "Letter",
    "LetterKind",
    "Lot",
    "Membership",
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
    "Referral",
    "ReferralEvent",
    "ReferralStatus",
    "Relay",
    "Resource",
    "ResourceKind",
    "RoutingRule",
    "Sector",
    "Setting",
    "SireneEstablishment",
    "Subject",
    "Theme",
    "label",
]
