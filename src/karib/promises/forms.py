"""Forms of the promise ledger: capture, and one form per transition (the filters are
`filters.PromiseFilter`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from karib.core.forms import UserChoiceField
from karib.core.types import AnyUser

from . import selectors
from .models import Promise, PromiseStatus


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class PersonChoiceField(forms.ModelMultipleChoiceField[Any]):
    def label_from_instance(self, obj: Any) -> str:
        """The person, and their organization when they have one."""
        if obj.organization_id is None:
            return str(obj)
        return f"{obj} — {obj.organization}"


class PromiseCreateForm(forms.Form):
    organization: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Organization"), queryset=None
    )
    people = PersonChoiceField(label=_("Promised to"), queryset=None, required=False)
    text = forms.CharField(label=_("What was promised"), widget=forms.Textarea(attrs={"rows": 3}))
    made_on = forms.DateField(label=_("Promised on"), widget=DateInput(), required=False)
    due_date = forms.DateField(
        label=_("Due date"),
        widget=DateInput(),
        required=False,
        help_text=_("A promise without a due date is shown as a risk."),
    )
    project: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Project"), queryset=None, required=False
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = selectors.organization_options(user=user)  # type: ignore[attr-defined]
        self.fields["people"].queryset = selectors.person_options(user=user)  # type: ignore[attr-defined]
        self.fields["project"].queryset = selectors.project_list(user=user)  # type: ignore[attr-defined]


class CaptureFromInteractionForm(forms.Form):
    """ "Promised in this meeting": organization, people and date come from the interaction."""

    text = forms.CharField(label=_("What was promised"), widget=forms.Textarea(attrs={"rows": 3}))
    due_date = forms.DateField(
        label=_("Due date"),
        widget=DateInput(),
        required=False,
        help_text=_("A promise without a due date is shown as a risk."),
    )
    project: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Project"), queryset=None, required=False
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = selectors.project_list(user=user)  # type: ignore[attr-defined]


class TransitionForm(forms.Form):
    """Base of the transition forms. Each carries the version of the promise it was opened at,
    so a save over someone else's change is refused as a conflict instead of overwriting it."""

    action: str = ""
    target: str = ""
    title: Any = ""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, promise: Promise, user: AnyUser, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", self.action)
        super().__init__(*args, **kwargs)
        self.promise = promise
        self.user = user
        self.fields["version"].initial = promise.version

    def rebound_at(self, promise: Promise) -> TransitionForm:
        """The same input, bound again at the promise's current version (after a conflict the
        user has now seen), so sending it again applies it."""
        data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict when bound
        data[self.add_prefix("version")] = str(promise.version)
        form = type(self)(data, promise=promise, user=self.user)
        form.is_valid()
        return form


class KeptForm(TransitionForm):
    action, target, title = "kept", PromiseStatus.KEPT, _("Mark kept")
    kept_on = forms.DateField(label=_("Kept on"), widget=DateInput(), required=False)
    reason = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kept_on"].initial = timezone.localdate()


class AtRiskForm(TransitionForm):
    action, target, title = "at-risk", PromiseStatus.AT_RISK, _("Mark at risk")
    reason = forms.CharField(
        label=_("Why is it at risk?"), widget=forms.Textarea(attrs={"rows": 2})
    )
    communication_message = forms.CharField(
        label=_("What we will tell the customer"), widget=forms.Textarea(attrs={"rows": 2})
    )
    communication_due = forms.DateField(label=_("Tell them by"), widget=DateInput())
    communication_owner = UserChoiceField(label=_("Who tells them"), queryset=None)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["communication_owner"].queryset = selectors.communication_owner_options(  # type: ignore[attr-defined]
            promise=self.promise
        )
        self.fields["communication_owner"].initial = self.promise.made_by_id


class RenegotiateForm(TransitionForm):
    action, target, title = "renegotiate", PromiseStatus.RENEGOTIATED, _("Renegotiate")
    new_text = forms.CharField(label=_("New terms"), widget=forms.Textarea(attrs={"rows": 2}))
    new_due_date = forms.DateField(label=_("New due date"), widget=DateInput())
    reason = forms.CharField(
        label=_("What was agreed with the customer"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_text"].initial = self.promise.text


class BrokenForm(TransitionForm):
    action, target, title = "broken", PromiseStatus.BROKEN, _("Mark broken")
    reason = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 2}))


class WithdrawForm(TransitionForm):
    action, target, title = "withdraw", PromiseStatus.WITHDRAWN, _("Withdraw")
    customer_agreement = forms.CharField(
        label=_("How the customer agreed"), widget=forms.Textarea(attrs={"rows": 2})
    )
    agreed_by: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Agreed by"), queryset=None, required=False
    )
    agreed_on = forms.DateField(label=_("Agreed on"), widget=DateInput(), required=False)
    reason = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreed_by"].queryset = selectors.agreed_by_options(  # type: ignore[attr-defined]
            user=self.user, promise=self.promise
        )


TRANSITION_FORMS: dict[str, type[TransitionForm]] = {
    form.action: form for form in (KeptForm, AtRiskForm, RenegotiateForm, BrokenForm, WithdrawForm)
}
