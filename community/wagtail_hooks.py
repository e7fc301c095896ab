"""Registrations only: the community's admin lives in community/coordination/.

One "Community" menu for coordinators (``coordination.menu``); a permission
policy for each model it shows (``coordination.permissions``), so only
coordinators see any of it and requests and matches can be looked at, never
changed; and a panel on the admin's home page."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from community.coordination.dashboard import dashboard_panel_add
from community.coordination.menu import CommunityAdminGroup
from community.coordination.permissions import CoordinatorPolicy
from community.coordination.tags import TAG_MODELS
from community.models import CheckIn, Match, MatchRequest, Profile, Programme, Report

# Registered before any viewset asks, so Wagtail never makes a fallback policy.
register_permission_policy(Report, CoordinatorPolicy(Report, {"change"}))
register_permission_policy(MatchRequest, CoordinatorPolicy(MatchRequest, {"view"}))
register_permission_policy(Match, CoordinatorPolicy(Match, {"view"}))
register_permission_policy(CheckIn, CoordinatorPolicy(CheckIn, {"view"}))
register_permission_policy(Profile, CoordinatorPolicy(Profile, {"view"}))
# Programme coordinators edit their own programme; only coordinators of the
# whole site start new ones. Nobody deletes one: it ends (``active_to``).
register_permission_policy(
    Programme,
    CoordinatorPolicy(Programme, {"view", "change", "add"}, site_wide_actions={"add"}),
)
for _tag_model in TAG_MODELS:
    # Renaming only: new tags get a ranking bit from the services, and deleting
    # one would leave members' bitmasks stale (merge instead).
    register_permission_policy(
        _tag_model, CoordinatorPolicy(_tag_model, {"change"}, site_wide=True)
    )


@hooks.register("register_admin_viewset")
def register_community_admin():
    return CommunityAdminGroup()


# Coordinators find what waits for them on the admin's home page.
hooks.register("construct_homepage_panels", dashboard_panel_add)
