"""SQLAlchemy ORM classes, one module per aggregate. Importing this package registers them all."""

from guichet.models.audit import AuditEntry
from guichet.models.base import Base
from guichet.models.capability import Capability, Certification, Sector
from guichet.models.counsellor import Counsellor
from guichet.models.enums import (
    AuditAction,
    Channel,
    InquiryStatus,
    LegalBasis,
    LetterKind,
    MembershipOrigin,
    MembershipStatus,
    NeedOutcome,
    OrganizationKind,
    ReferralStatus,
    ResourceKind,
    label,
)
from guichet.models.inquiry import InformationGiven, Inquiry, InquiryNote, Need
from guichet.models.letter import Letter
from guichet.models.membership import Membership
from guichet.models.organization import Contact, Organization
from guichet.models.referral import Referral, ReferralEvent, RoutingRule
from guichet.models.resource import Resource
from guichet.models.setting import Setting
from guichet.models.sirene import ImportMapping, SireneEstablishment
from guichet.models.taxonomy import Subject, Theme

__all__ = [
    "AuditAction",
    "AuditEntry",
    "Base",
    "Capability",
    "Certification",
    "Channel",
    "Contact",
    "Counsellor",
    "ImportMapping",
    "InformationGiven",
    "Inquiry",
    "InquiryNote",
    "InquiryStatus",
    "LegalBasis",
    "Letter",
    "LetterKind",
    "Membership",
    "MembershipOrigin",
    "MembershipStatus",
    "Need",
    "NeedOutcome",
    "Organization",
    "OrganizationKind",
    "Referral",
    "ReferralEvent",
    "ReferralStatus",
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
