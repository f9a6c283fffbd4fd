"""What we know about people and how we met them: interactions, personal facts, important
dates."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ..querysets import InteractionQuerySet, PersonalFactQuerySet
from .directory import Organization, Person


class Interaction(models.Model):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("meeting")
        CALL = "call", _("call")
        SITE_VISIT = "site_visit", _("site visit")
        MEAL = "meal", _("meal")
        TRIP = "trip", _("trip")
        MESSAGE = "message", _("message")
        EVENT = "event", _("event")

    class Mood(models.TextChoices):
        POSITIVE = "positive", _("positive")
        NEUTRAL = "neutral", _("neutral")
        NEGATIVE = "negative", _("negative")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("when"))
    location = models.CharField(_("where"), max_length=200, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interactions",
    )
    participants = models.ManyToManyField(
        Person, verbose_name=_("people"), related_name="interactions", blank=True
    )
    users: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("our team"),
        related_name="interactions",
        blank=True,
    )
    summary = models.TextField(_("summary"))
    mood = models.CharField(_("mood"), max_length=10, choices=Mood.choices, default=Mood.NEUTRAL)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised by every save; a stale edit is refused.")
    )

    objects = InteractionQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        indexes = [models.Index(fields=["organization", "-occurred_at"])]

    def __str__(self) -> str:
        # the local day, written as the pages write dates ("16 Okt 2024")
        day = date_format(timezone.localtime(self.occurred_at), "j M Y")
        return f"{self.get_kind_display()} {day}"


class PersonalFact(models.Model):
    class Category(models.TextChoices):
        INTEREST = "interest", _("interest")
        FAMILY = "family", _("family")
        IMPORTANT_DATE = "important_date", _("important date")
        PREFERENCE = "preference", _("preference")
        DISLIKE = "dislike", _("dislike")
        LIFE_EVENT = "life_event", _("life event")
        OTHER = "other", _("other")

    class Confidence(models.TextChoices):
        SURE = "sure", _("sure")
        LIKELY = "likely", _("likely")
        HEARD = "heard", _("heard")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="facts")
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    text = models.TextField(_("text"))
    topic = models.CharField(_("topic"), max_length=120, blank=True)
    specifics = models.CharField(_("specifics"), max_length=255, blank=True)
    relation = models.CharField(_("relation"), max_length=60, blank=True)
    member_name = models.CharField(_("name"), max_length=120, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    source_interaction = models.ForeignKey(
        Interaction,
        verbose_name=_("learned in"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facts",
    )
    told_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("told by (colleague)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    told_by_person = models.ForeignKey(
        Person,
        verbose_name=_("told by (contact)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    source_note = models.CharField(_("source"), max_length=255, blank=True)
    learned_on = models.DateField(_("learned on"))
    confidence = models.CharField(
        _("confidence"), max_length=8, choices=Confidence.choices, default=Confidence.SURE
    )
    is_sensitive = models.BooleanField(_("sensitive"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised by every save; a stale edit is refused.")
    )

    objects = PersonalFactQuerySet.as_manager()

    class Meta:
        ordering = ["category", "-learned_on"]
        verbose_name = _("personal fact")
        verbose_name_plural = _("personal facts")
        indexes = [models.Index(fields=["person", "category"])]

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self) -> None:
        current_year = self.learned_on.year if self.learned_on else None
        if self.birth_year and current_year and self.birth_year > current_year:
            raise ValidationError({"birth_year": _("The birth year is in the future.")})


class ImportantDate(models.Model):
    """A date that matters to a person: a birthday, an anniversary or a holiday they celebrate.

    Birthdays and anniversaries keep month and day (the year is optional). Religious holidays
    keep only which holiday; its date is computed each year with the `holidays` package.
    """

    class Kind(models.TextChoices):
        BIRTHDAY = "birthday", _("birthday")
        ANNIVERSARY = "anniversary", _("anniversary")
        HOLIDAY = "holiday", _("religious holiday")
        OTHER = "other", _("other date")

    class Holiday(models.TextChoices):
        IDUL_FITRI = "idul_fitri", "Idul Fitri"
        IDUL_ADHA = "idul_adha", "Idul Adha"
        NATAL = "natal", _("Christmas (Natal)")
        PASKAH = "paskah", _("Easter (Paskah)")
        NYEPI = "nyepi", "Nyepi"
        WAISAK = "waisak", "Waisak"
        IMLEK = "imlek", _("Lunar New Year (Imlek)")
        TAHUN_BARU_ISLAM = "tahun_baru_islam", _("Islamic New Year")
        MAULID = "maulid", _("Prophet's Birthday (Maulid)")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="important_dates")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    holiday = models.CharField(_("holiday"), max_length=20, choices=Holiday.choices, blank=True)
    month = models.PositiveSmallIntegerField(
        _("month"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    day = models.PositiveSmallIntegerField(
        _("day"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    label = models.CharField(_("label"), max_length=120, blank=True)
    remind_days_before = models.PositiveSmallIntegerField(
        _("remind days before"), default=7, validators=[MaxValueValidator(60)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["month", "day", "holiday"]
        verbose_name = _("important date")
        verbose_name_plural = _("important dates")

    def __str__(self) -> str:
        if self.kind == self.Kind.HOLIDAY:
            return str(self.get_holiday_display())
        return self.label or str(self.get_kind_display())

    def clean(self) -> None:
        import datetime

        if self.kind == self.Kind.HOLIDAY:
            if not self.holiday:
                raise ValidationError({"holiday": _("Choose the holiday the person celebrates.")})
            return
        if not self.month or not self.day:
            raise ValidationError({"day": _("Enter the day and the month.")})
        try:
            datetime.date(2000, self.month, self.day)  # 2000 is a leap year: 29 Feb is fine
        except ValueError:
            raise ValidationError({"day": _("This day does not exist in that month.")}) from None
