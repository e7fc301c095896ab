"""The conversation wheel form: for each part of life, how much it matters and
a few words."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import MAX_WHEEL_NOTE, Importance, LifeArea


class WheelForm(forms.Form):
    def __init__(self, *args, answers: dict[str, tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for area in LifeArea:
            importance, note = answers.get(area.value, (0, ""))
            self.fields[f"{area.value}_importance"] = forms.TypedChoiceField(
                label=area.label,
                choices=Importance.choices,
                coerce=int,
                initial=importance,
                widget=forms.RadioSelect,
            )
            self.fields[f"{area.value}_note"] = forms.CharField(
                label=_("A few words about %(area)s (optional)")
                % {"area": str(area.label).lower()},
                max_length=MAX_WHEEL_NOTE,
                required=False,
                initial=note,
                widget=forms.TextInput(
                    attrs={"class": "form-input", "maxlength": MAX_WHEEL_NOTE}
                ),
            )
            self.rows.append(
                (
                    area,
                    self[f"{area.value}_importance"],
                    self[f"{area.value}_note"],
                )
            )

    def answers(self) -> dict[str, tuple[int, str]]:
        return {
            area.value: (
                self.cleaned_data[f"{area.value}_importance"],
                self.cleaned_data[f"{area.value}_note"],
            )
            for area in LifeArea
        }
