"""The form a member suggests a meeting with. It only parses what was typed (a
day and a time in the site's time zone, a place, one of the pair's ideas or
events, a note); the rules and their messages live in
community/services/meetings.py."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.forms.requests import _PARSE_LIMIT, _Text, _TextArea
from community.models import MAX_MEETING_NOTE, MAX_MEETING_PLACE
from community.selectors.meetings import PlanChoices
from community.services.meetings import MAX_AHEAD

# Where a button sends the member back to: their pair page, the conversation
# or their home.
RETURN_TO = ("pair", "chat", "home")


class MeetingForm(forms.Form):
    date = forms.DateField(
        label=_("Day"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    time = forms.TimeField(
        label=_("Time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    place = _Text(
        label=_("Where"),
        required=False,
        max_length=_PARSE_LIMIT,
        help_text=_(
            "A café, the library, a walk in the park: somewhere public is best for "
            "a first meeting. Leave it empty to meet where the idea or event is."
        ),
        widget=forms.TextInput(
            attrs={"maxlength": MAX_MEETING_PLACE, "autocomplete": "off"}
        ),
    )
    plan = forms.ChoiceField(
        label=_("What to do"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("An event gives the day, the time and the place."),
    )
    note = _Text(
        label=_("A note"),
        required=False,
        max_length=_PARSE_LIMIT,
        help_text=_(
            "For example how you will recognise each other. At most 500 characters."
        ),
        widget=_TextArea(rows=3, maxlength=MAX_MEETING_NOTE),
    )

    def __init__(self, *args, plans: PlanChoices, **kwargs):
        super().__init__(*args, **kwargs)
        self.plans = plans
        self.fields["plan"].choices = [
            ("", _("Just meet")),
            *[(value, page.title) for value, page in plans.ideas],
            *[
                (value, _("Event: %(title)s") % {"title": page.title})
                for value, page in plans.events
            ],
        ]
        today = timezone.localdate()
        self.fields["date"].widget.attrs.update(
            min=today.isoformat(), max=(today + MAX_AHEAD).isoformat()
        )

    @property
    def has_plans(self) -> bool:
        return bool(self.plans.ideas or self.plans.events)

    def clean(self):
        data = super().clean()
        day, time = data.get("date"), data.get("time")
        if "date" in self.errors or "time" in self.errors:
            return data
        if (day is None) != (time is None):
            self.add_error(
                "date" if day is None else "time",
                _("Choose both a day and a time."),
            )
        data["starts_at"] = (
            timezone.make_aware(datetime.combine(day, time))
            if day is not None and time is not None
            else None
        )
        plan = data.get("plan") or ""
        kind, _dash, pk = plan.partition("-")
        data["idea_id"] = int(pk) if kind == "idea" else None
        data["event_id"] = int(pk) if kind == "event" else None
        return data
