"""The data subject's rights under UU PDP (Law 27/2022): lawful basis, requests, erasures.

Nothing here stores personal data of an erased person: a request keeps a reference that is not
the person's name, and an erasure keeps counts of what was removed or anonymised.
"""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

RESPONSE_TIME = datetime.timedelta(hours=3 * 24)  # UU PDP: answer a request within 3 x 24 hours

_STORED_REFERENCE = re.compile(r"Person #(\d+)")


def stored_reference(pk: int) -> str:
    """How a request or an erasure names its person when stored: "Person #123", the same in
    every language (it stays after an erasure and carries no personal data)."""
    return f"Person #{pk}"


def reference_text(reference: str) -> str:
    """A stored reference in the active language ("Person #4" reads "Kontak #4" in
    Indonesian); any other reference as stored."""
    found = _STORED_REFERENCE.fullmatch(reference)
    if found is None:
        return reference
    return gettext("Person #%(number)s") % {"number": found.group(1)}


class LawfulBasis(models.TextChoices):
    """The bases of UU PDP art. 20(2)."""

    CONSENT = "consent", _("consent")
    CONTRACT = "contract", _("contract")
    LEGAL_OBLIGATION = "legal_obligation", _("legal obligation")
    VITAL_INTEREST = "vital_interest", _("vital interest")
    PUBLIC_TASK = "public_task", _("public task")
    LEGITIMATE_INTEREST = "legitimate_interest", _("legitimate interest")


class ProcessingBasis(models.Model):
    """Why the team may hold this person's data, and for what purpose."""

    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="processing_basis",
    )
    basis = models.CharField(_("lawful basis"), max_length=24, choices=LawfulBasis.choices)
    purpose = models.TextField(_("purpose"))
    consent_obtained_on = models.DateField(_("consent obtained on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("lawful basis")
        verbose_name_plural = _("lawful bases")

    def __str__(self) -> str:
        return f"{self.person_id}: {self.basis}"


class SubjectRequest(models.Model):
    """A request from a data subject: access (a copy of their data), correction or erasure."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("access to their data")
        CORRECTION = "correction", _("correction")
        ERASURE = "erasure", _("erasure")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        COMPLETED = "completed", _("completed")
        REFUSED = "refused", _("refused")

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subject_requests",
    )
    # "Person #123" (`stored_reference`): kept after an erasure so the request stays traceable
    # without personal data; shown in the reader's language (`reference_text`).
    reference = models.CharField(_("reference"), max_length=40)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    received_at = models.DateTimeField(_("received at"))
    due_at = models.DateTimeField(_("answer due"))
    note = models.TextField(_("note"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("completed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["status", "due_at"]
        verbose_name = _("data subject request")
        verbose_name_plural = _("data subject requests")

    def __str__(self) -> str:
        return f"{self.reference}: {self.kind}"

    @property
    def reference_text(self) -> str:
        """The reference in the reader's language."""
        return reference_text(self.reference)


class Erasure(models.Model):
    """The record that an erasure happened: who, when, and what was removed, anonymised or kept
    for a legal obligation (counts per kind of record; no personal data)."""

    reference = models.CharField(_("reference"), max_length=40)
    request = models.OneToOneField(
        SubjectRequest,
        verbose_name=_("request"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="erasure",
    )
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erased by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    erased_at = models.DateTimeField(_("erased at"), auto_now_add=True)
    removed = models.JSONField(_("removed"), default=dict)
    anonymised = models.JSONField(_("anonymised"), default=dict)
    # The gift register rows kept for KPK reporting, by gift id.
    retained = models.JSONField(_("kept for a legal obligation"), default=dict)

    class Meta:
        ordering = ["-erased_at"]
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")

    def __str__(self) -> str:
        return self.reference

    @property
    def reference_text(self) -> str:
        """The reference in the reader's language."""
        return reference_text(self.reference)


class LegalHold(models.Model):
    """A person kept only because a law requires it: the recipient of gifts that stay in the
    register for KPK gratification reporting (UU 31/1999 jo. 20/2001, Pasal 12B-12C). The person
    row keeps only their name and position; everything else is erased, and they are hidden from
    every list."""

    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="legal_hold",
    )
    erasure = models.ForeignKey(Erasure, on_delete=models.CASCADE, related_name="holds")
    reason = models.CharField(_("reason"), max_length=40, default="kpk_gift_register")
    held_since = models.DateTimeField(_("held since"), auto_now_add=True)

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")

    def __str__(self) -> str:
        return f"{self.person_id}: {self.reason}"
