"""The profile, in four parts: the set-up shows one part per step and the edit
page shows all four. Every text field has a maximum length, so a pasted novel is
a form error, never a database error."""

import unicodedata
from collections import defaultdict

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models import (
    HopeTag,
    InterestTag,
    LanguageLevel,
    LanguageTag,
    Municipality,
    ProfessionTag,
    Profile,
    Programme,
    Region,
    Role,
)
from community.models.profiles import MIN_INTERESTS
from community.services.photos import photo_clean
from community.services.profiles import iso_language_codes
from community.services.tags import MAX_TAG_LENGTH, clean_tag_name
from community.text import (
    MAX_PASSWORD_LENGTH,
    contact_details_in,
    is_visible,
    without_hidden,
)

MAX_INTERESTS = 20
MAX_LANGUAGES = 8
MORE_INTERESTS_MAX_LENGTH = 1000


def _trimmed(value: str) -> str:
    return " ".join(without_hidden(value).split())


class AboutYouForm(forms.ModelForm):
    """Step 1: who are you?"""

    class Meta:
        model = Profile
        fields = [
            "role",
            "display_name",
            "age_group",
            "household",
            "children_0_5",
            "children_6_12",
            "children_13_17",
        ]
        labels = {
            "role": _("I am joining as"),
            "display_name": _("Your first name or nickname"),
            "household": _("Your household"),
        }
        help_texts = {
            "display_name": _("Other members see this name."),
            "age_group": _("Used to suggest people of a similar age."),
        }
        widgets = {
            "role": forms.RadioSelect,
            "household": forms.RadioSelect,
        }

    programme = forms.ModelChoiceField(
        label=_("Your programme"),
        queryset=Programme.objects.none(),
        required=False,
        empty_label=_("None: I joined on my own"),
        help_text=_(
            "If your employer, club or university runs a host programme here, "
            "choose it: its coordinators will follow you up."
        ),
    )

    def __init__(self, *args, invited: Programme | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Listed programmes that run today, and the member's own or the one
        # whose invitation link they followed even if it is not listed.
        today = timezone.localdate()
        own = [p.pk for p in (self.instance.programme, invited) if p is not None]
        self.fields["programme"].queryset = Programme.objects.filter(
            Q(listed_at_signup=True) | Q(pk__in=own),
            Q(active_to__isnull=True) | Q(active_to__gte=today),
            active_from__lte=today,
        )
        self.fields["programme"].initial = self.instance.programme_id or (
            invited.pk if invited else None
        )
        if not self.fields["programme"].queryset.exists():
            del self.fields["programme"]
        self.fields["role"].required = True
        self.fields["role"].choices = list(Role.choices)
        self.fields["household"].choices = self.fields["household"].choices[1:]
        self.fields["age_group"].empty_label = _("Prefer not to say")
        self.fields["age_group"].choices = [("", _("Prefer not to say"))] + list(
            self.fields["age_group"].choices
        )[1:]

    def clean_display_name(self) -> str:
        name = _trimmed(self.cleaned_data["display_name"])
        if not is_visible(name):
            raise forms.ValidationError(_("Please tell us what to call you."))
        return name

    def clean(self):
        data = super().clean()
        if data.get("household") != "family":
            for field in ("children_0_5", "children_6_12", "children_13_17"):
                data[field] = False
        return data


def _municipality_choices() -> list:
    by_region: dict[str, list] = defaultdict(list)
    for pk, name, region in Municipality.objects.values_list("pk", "name", "region"):
        by_region[region].append((pk, name))
    labels = dict(Region.choices)
    groups = [
        (labels.get(region, region), rows)
        for region, rows in sorted(by_region.items(), key=lambda r: str(labels[r[0]]))
    ]
    return [("", _("Choose your municipality"))] + groups


class AreaForm(forms.ModelForm):
    """Step 2, first half: where do you live?"""

    class Meta:
        model = Profile
        fields = ["municipality"]
        help_texts = {
            "municipality": _(
                "Only the municipality is shown, never your address. It helps us "
                "suggest people who live nearby."
            )
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        field.required = True
        field.error_messages["required"] = _("Please choose your municipality.")
        field.widget.choices = _municipality_choices()


def language_choices() -> list:
    """Languages members choose from: the curated ones first, then every
    ISO 639-1 language (created as a tag only when someone chooses it)."""
    curated = sorted(
        (
            (tag.code, tag.label)
            for tag in LanguageTag.objects.filter(curated=True).only(
                "code", "name", "name_da"
            )
        ),
        key=lambda row: row[1].casefold(),
    )
    known = {code for code, _name in curated}
    others = [(code, name) for code, name in iso_language_codes() if code not in known]
    extra_tags = [
        (tag.code, tag.label)
        for tag in LanguageTag.objects.filter(curated=False).only(
            "code", "name", "name_da"
        )
        if tag.code not in known and tag.code not in {c for c, _n in others}
    ]
    choices: list = [("", _("Choose a language"))]
    if curated:
        choices.append((_("Common languages"), curated))
    choices.append(
        (_("All languages"), sorted(others + extra_tags, key=lambda row: row[1]))
    )
    return choices


class LanguageRowForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), required=False)
    level = forms.ChoiceField(
        label=_("Level"),
        choices=LanguageLevel.choices,
        initial=LanguageLevel.FLUENT,
        required=False,
    )

    def __init__(self, *args, language_choices=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices or []


class BaseLanguageFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs) -> None:
        self._choices = language_choices()
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "language_choices": self._choices}

    def clean(self) -> None:
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            code = form.cleaned_data.get("language")
            if not code:
                continue
            if code in seen:
                raise forms.ValidationError(
                    _("You listed the same language twice. Keep one of them.")
                )
            seen.add(code)
        if not seen:
            raise forms.ValidationError(
                _("Please add at least one language you speak or are learning.")
            )

    def languages(self) -> list[tuple[str, str]]:
        return [
            (form.cleaned_data["language"], form.cleaned_data.get("level") or "fluent")
            for form in self.forms
            if form.cleaned_data.get("language")
        ]


def language_formset(*, profile: Profile, data=None, prefix: str = "languages"):
    """Rows for the member's languages plus empty rows to add more (no script
    needed: an empty row is ignored)."""
    initial = [
        {"language": code, "level": level}
        for code, level in profile.language_items.order_by("pk").values_list(
            "tag__code", "level"
        )
    ]
    rows = min(MAX_LANGUAGES, max(3, len(initial) + 2))
    formset_class = forms.formset_factory(
        LanguageRowForm,
        formset=BaseLanguageFormSet,
        extra=rows - len(initial),
        max_num=MAX_LANGUAGES,
        validate_max=True,
        absolute_max=MAX_LANGUAGES,
    )
    return formset_class(data=data, initial=initial, prefix=prefix)


class TagChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def clean(self, value):
        # Tag ids are whole numbers; anything else (or one too large for the
        # database, which SQLite refuses with OverflowError) is no tag.
        for pk in value if isinstance(value, (list, tuple)) else ():
            text = str(pk)
            if not (text.isascii() and text.isdigit() and len(text) <= 18):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super().clean(value)

    def label_from_instance(self, obj) -> str:
        return obj.label


def _offered(model, profile: Profile, items_attr: str):
    """Curated tags plus the ones the member already has."""
    mine = getattr(profile, items_attr).values("tag_id")
    return model.objects.filter(curated=True) | model.objects.filter(pk__in=mine)


class InterestsForm(forms.Form):
    """Step 3: what do you enjoy?"""

    interests = TagChoiceField(
        label=_("Leisure interests"),
        queryset=InterestTag.objects.none(),
        required=False,
        help_text=_(
            "Choose at least three. Shared interests make a first meeting easy."
        ),
    )
    more_interests = forms.CharField(
        label=_("More interests"),
        required=False,
        max_length=MORE_INTERESTS_MAX_LENGTH,
        help_text=_(
            "Anything else you enjoy, separated by commas, e.g. "
            '"sailing, jazz, bird watching".'
        ),
    )
    professions = TagChoiceField(
        label=_("Professional background"),
        queryset=ProfessionTag.objects.none(),
        required=False,
    )
    hopes = TagChoiceField(
        label=_("What I hope for"),
        queryset=HopeTag.objects.none(),
        required=False,
    )

    def __init__(self, *args, profile: Profile, **kwargs) -> None:
        self.profile = profile
        if "initial" not in kwargs and profile.pk:
            kwargs["initial"] = {
                "interests": list(
                    profile.interest_items.values_list("tag_id", flat=True)
                ),
                "professions": list(
                    profile.profession_items.values_list("tag_id", flat=True)
                ),
                "hopes": list(profile.hope_items.values_list("tag_id", flat=True)),
            }
        super().__init__(*args, **kwargs)
        self.fields["interests"].queryset = _offered(
            InterestTag, profile, "interest_items"
        ).order_by("name")
        self.fields["professions"].queryset = _offered(
            ProfessionTag, profile, "profession_items"
        ).order_by("name")
        self.fields["hopes"].queryset = _offered(
            HopeTag, profile, "hope_items"
        ).order_by("name")

    def clean_more_interests(self) -> list[str]:
        names, seen = [], set()
        for raw in self.cleaned_data["more_interests"].split(","):
            if len(" ".join(raw.split())) > MAX_TAG_LENGTH:
                raise forms.ValidationError(
                    _("Please keep each interest under %(max)d characters.")
                    % {"max": MAX_TAG_LENGTH}
                )
            # Full-width letters and other compatibility forms are the plain
            # ones: "Ｈｉｋｉｎｇ" is the tag Hiking, not a look-alike of it.
            name = clean_tag_name(unicodedata.normalize("NFKC", _trimmed(raw)))
            if is_visible(name) and name.lower() not in seen:
                seen.add(name.lower())
                names.append(name)
        return names

    def clean(self):
        data = super().clean()
        chosen = list(data.get("interests") or [])
        chosen_names = {tag.name.lower() for tag in chosen}
        typed = [
            name
            for name in data.get("more_interests") or []
            if name.lower() not in chosen_names
        ]
        total = len(chosen) + len(typed)
        if "interests" in data and "more_interests" in data:
            if total < MIN_INTERESTS:
                self.add_error(
                    "interests",
                    _(
                        "Please choose or add at least three interests (you have "
                        "%(count)d)."
                    )
                    % {"count": total},
                )
            elif total > MAX_INTERESTS:
                self.add_error(
                    "more_interests",
                    _("Please keep to %(max)d interests at most (you have %(count)d).")
                    % {"max": MAX_INTERESTS, "count": total},
                )
        data["all_interests"] = chosen + typed
        return data


class GiveAndExpectForm(forms.ModelForm):
    """Step 4: what can you give and what do you expect? Hosts and newcomers
    answer different questions; visibility and the photo are for both."""

    photo_upload = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        help_text=_(
            "JPEG, PNG or WebP, at most 5 MB. We remove the photo's hidden "
            "details (such as where it was taken) and make it smaller."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp"}
        ),
    )
    photo_remove = forms.BooleanField(label=_("Remove my photo"), required=False)

    host_fields = ("time_per_month", "capacity")
    newcomer_fields = ("arrival_date", "expectations")

    class Meta:
        model = Profile
        fields = [
            "time_per_month",
            "capacity",
            "arrival_date",
            "expectations",
            "about",
            "employer",
            "show_age_group",
            "show_household",
            "show_employer",
            "show_photo",
            "is_available",
        ]
        labels = {
            "capacity": _("How many newcomers can you host at the same time?"),
            "time_per_month": _("How much time can you give?"),
            "arrival_date": _("When did you (or will you) arrive in Denmark?"),
            "expectations": _("What do you hope a host can help with?"),
            "about": _("About me"),
        }
        help_texts = {
            "about": _(
                "A few friendly lines: your family, what you do, what you like to "
                "talk about. Please do not share your phone number or address here."
            ),
            "employer": _('Optional. Only shown if you tick "show my employer".'),
        }
        widgets = {
            "time_per_month": forms.RadioSelect,
            "capacity": forms.Select(
                choices=[(1, "1"), (2, "2"), (3, "3")],
            ),
            "arrival_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "about": forms.Textarea(attrs={"rows": 5}),
            "expectations": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, role: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.role = role
        drop = self.newcomer_fields if role == Role.HOST else self.host_fields
        if role not in (Role.HOST, Role.NEWCOMER):
            drop = self.host_fields + self.newcomer_fields
        for name in drop:
            del self.fields[name]
        if "time_per_month" in self.fields:
            self.fields["time_per_month"].required = True
            self.fields["time_per_month"].choices = list(
                self.fields["time_per_month"].choices
            )[1:]
            self.fields["time_per_month"].error_messages["required"] = _(
                "Please say how much time you can give."
            )
        if not (self.instance and self.instance.photo):
            del self.fields["photo_remove"]

    def clean_about(self) -> str:
        about = self.cleaned_data.get("about", "")
        if contact_details_in(about):
            raise forms.ValidationError(
                _(
                    "Please leave out phone numbers and e-mail addresses. Once you "
                    "are matched, you can write to each other here."
                )
            )
        return about

    def clean_photo_upload(self):
        upload = self.cleaned_data.get("photo_upload")
        if not upload:
            return None
        return photo_clean(upload=upload, size=upload.size)

    def profile_data(self) -> dict:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name in self._meta.fields and name in self.fields
        }


class ExpectationsConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have read the expectations and I will do my part."),
        error_messages={"required": _("Please tick the box to confirm.")},
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        max_length=MAX_PASSWORD_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To make sure it is really you."),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password
