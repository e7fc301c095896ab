from django import template

from community.models import MAX_PARTY, Profile
from community.selectors.events import event_signup_state

register = template.Library()


@register.inclusion_tag("components/event_signup.html", takes_context=True)
def event_signup_box(context, event) -> dict:
    """The sign-up box on an event page, for the visitor looking at it."""
    request = context["request"]
    user = getattr(request, "user", None)
    profile = None
    if user is not None and user.is_authenticated:
        profile = Profile.objects.filter(user=user, is_deleted=False).first()
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "event": event,
        "signed_in": profile is not None,
        "party_sizes": range(1, MAX_PARTY + 1),
        **event_signup_state(profile=profile, event=event),
    }
