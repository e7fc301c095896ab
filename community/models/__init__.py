"""Members and what happens between them, one module per idea."""

from community.models.announcements import Announcement, AnnouncementDelivery
from community.models.approvals import ApprovalPolicy, ApprovalStatus
from community.models.checkins import CheckIn
from community.models.events import MAX_PARTY, EventSignup
from community.models.geography import Municipality, Region
from community.models.matches import Match, MatchRequest
from community.models.meetings import MAX_MEETING_NOTE, MAX_MEETING_PLACE, Meeting
from community.models.messaging import (
    MAX_MESSAGE_LENGTH,
    Conversation,
    Message,
    Participant,
)
from community.models.profiles import (
    AgeGroup,
    Household,
    Profile,
    Role,
    TimePerMonth,
)
from community.models.programme_texts import ProgrammeTexts
from community.models.programmes import Programme
from community.models.safety import Block, Report
from community.models.suggestions import MemberSuggestions
from community.models.tags import (
    HopeTag,
    InterestTag,
    LanguageLevel,
    LanguageTag,
    ProfessionTag,
    ProfileHope,
    ProfileInterest,
    ProfileLanguage,
    ProfileProfession,
)
from community.models.wheel import (
    MAX_WHEEL_NOTE,
    Importance,
    LifeArea,
    WheelArea,
)

__all__ = [
    "Announcement",
    "AnnouncementDelivery",
    "ApprovalPolicy",
    "ApprovalStatus",
    "CheckIn",
    "MAX_PARTY",
    "EventSignup",
    "MAX_WHEEL_NOTE",
    "Importance",
    "LifeArea",
    "WheelArea",
    "MAX_MESSAGE_LENGTH",
    "Conversation",
    "AgeGroup",
    "Block",
    "HopeTag",
    "Household",
    "InterestTag",
    "LanguageLevel",
    "LanguageTag",
    "Match",
    "MatchRequest",
    "MAX_MEETING_NOTE",
    "MAX_MEETING_PLACE",
    "Meeting",
    "MemberSuggestions",
    "Message",
    "Municipality",
    "Participant",
    "ProfessionTag",
    "Profile",
    "ProfileHope",
    "ProfileInterest",
    "ProfileLanguage",
    "ProfileProfession",
    "Programme",
    "ProgrammeTexts",
    "Region",
    "Report",
    "Role",
    "TimePerMonth",
]
