"""Organizations and people: who they are, their roles, their stage and attitude over time,
their envoys, and what links them to search and audit."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..querysets import OrganizationQuerySet, PersonQuerySet


class Organization(models.Model):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government institution")
        STATE_OWNED = "state_owned", _("State-owned enterprise")
        PRIVATE = "private", _("Private company")
        OTHER = "other", _("Other")

    #: Their staff are public officials for the gift rules (UU Tipikor Pasal 1).
    PUBLIC_SECTOR_KINDS = (Kind.GOVERNMENT, Kind.STATE_OWNED)

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PRIVATE)
    sector = models.CharField(_("sector"), max_length=120, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="units",
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    province = models.CharField(_("province"), max_length=120, blank=True)
    address = models.TextField(_("address"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("relationship owner"),
        on_delete=models.PROTECT,
        related_name="owned_organizations",
    )
    team = models.ForeignKey(
        "core.Team",
        verbose_name=_("team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organizations",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised by every save; a stale edit is refused.")
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        indexes = [models.Index(fields=["owner", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public_sector(self) -> bool:
        return self.kind in self.PUBLIC_SECTOR_KINDS


class Person(models.Model):
    class Honorific(models.TextChoices):
        BAPAK = "Bapak", "Bapak"
        IBU = "Ibu", "Ibu"
        KAK = "Kak", "Kak"
        MAS = "Mas", "Mas"
        MBAK = "Mbak", "Mbak"
        NONE = "", _("none")
        CUSTOM = "custom", _("custom")

    class Attitude(models.TextChoices):
        CHAMPION = "champion", _("champion")
        SUPPORTER = "supporter", _("supporter")
        NEUTRAL = "neutral", _("neutral")
        SKEPTIC = "skeptic", _("skeptic")
        BLOCKER = "blocker", _("blocker")

    class Stage(models.TextChoices):
        STRANGER = "stranger", _("stranger")
        ACQUAINTANCE = "acquaintance", _("acquaintance")
        CUSTOMER = "customer", _("customer")
        TRUSTED_ADVISOR = "trusted_advisor", _("trusted advisor")
        CLOSE_FRIEND = "close_friend", _("close friend")

    full_name = models.CharField(_("full name"), max_length=200)
    honorific = models.CharField(
        _("form of address"), max_length=10, choices=Honorific.choices, blank=True
    )
    custom_address = models.CharField(_("custom form of address"), max_length=60, blank=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    # Optional: a person quick-added by name alone gets an organization later (issue #15).
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="people",
        null=True,
        blank=True,
    )
    phones = models.JSONField(_("phones"), default=list, blank=True)
    emails = models.JSONField(_("emails"), default=list, blank=True)
    is_public_official = models.BooleanField(_("public official"), default=False)
    influence = models.PositiveSmallIntegerField(
        _("influence"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    attitude = models.CharField(
        _("attitude"), max_length=12, choices=Attitude.choices, default=Attitude.NEUTRAL
    )
    stage = models.CharField(
        _("relationship stage"), max_length=16, choices=Stage.choices, default=Stage.STRANGER
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("relationship owner"),
        on_delete=models.PROTECT,
        related_name="owned_people",
    )
    envoy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("envoy"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="envoy_for_people",
    )
    refuses_to_meet_owner = models.BooleanField(_("refuses to meet owner"), default=False)
    refusal_reason = models.TextField(_("reason"), blank=True)
    refusal_since = models.DateField(_("since"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised by every save; a stale edit is refused.")
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(influence__gte=1, influence__lte=5),
                name="people_person_influence_1_to_5",
            )
        ]
        indexes = [
            models.Index(fields=["owner", "full_name"]),
            models.Index(fields=["organization", "full_name"]),
        ]

    def __str__(self) -> str:
        return self.addressed_name

    @property
    def form_of_address(self) -> str:
        if self.honorific == self.Honorific.CUSTOM:
            return self.custom_address
        return self.honorific

    @property
    def addressed_name(self) -> str:
        address = self.form_of_address
        return f"{address} {self.full_name}" if address else self.full_name

    def clean(self) -> None:
        if self.honorific == self.Honorific.CUSTOM and not self.custom_address.strip():
            raise ValidationError({"custom_address": _("Enter the custom form of address.")})
        if self.refuses_to_meet_owner and not self.refusal_reason.strip():
            raise ValidationError({"refusal_reason": _("Say why the person refuses to meet.")})


class Membership(models.Model):
    """A person's role at an organization over time (people move; the history stays)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.person.full_name} — {self.organization}"

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})


class RelationshipChange(models.Model):
    """A dated change of a person's stage or attitude, with who and why."""

    class Field(models.TextChoices):
        STAGE = "stage", _("relationship stage")
        ATTITUDE = "attitude", _("attitude")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="changes")
    field = models.CharField(_("field"), max_length=10, choices=Field.choices)
    old_value = models.CharField(_("from"), max_length=20, blank=True)
    new_value = models.CharField(_("to"), max_length=20)
    reason = models.TextField(_("why"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    changed_on = models.DateField(_("on"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-created_at"]
        verbose_name = _("relationship change")
        verbose_name_plural = _("relationship changes")

    def __str__(self) -> str:
        return f"{self.person.full_name}: {self.field} {self.old_value} → {self.new_value}"

    def _label(self, value: str) -> str:
        choices = Person.Stage if self.field == self.Field.STAGE else Person.Attitude
        return str(dict(choices.choices).get(value, value)) if value else ""

    @property
    def old_label(self) -> str:
        return self._label(self.old_value)

    @property
    def new_label(self) -> str:
        return self._label(self.new_value)


class EnvoyAssignment(models.Model):
    """Who was sent to a person in the owner's place, when, by whom and why."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="envoy_assignments")
    envoy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("envoy"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    assigned_on = models.DateField(_("on"))
    reason = models.TextField(_("why"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assigned_on", "-created_at"]
        verbose_name = _("envoy assignment")
        verbose_name_plural = _("envoy assignments")

    def __str__(self) -> str:
        return f"{self.person.full_name} → {self.envoy}"


class PersonSearchDocument(models.Model):
    """The Sastrawi-stemmed text of everything we may search about a person.

    Built by the services on every write. SQLite indexes it with an FTS5 table kept in sync by
    triggers; PostgreSQL with a stored generated tsvector column and a GIN index. Sensitive facts
    are left out, so a search never reveals them.
    """

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    document = models.TextField(blank=True)
    # Copies of the person's scoping columns, so a search can narrow the matches to what the
    # user may see inside the index scan (the result still goes through visible_to).
    owner_id_copy = models.BigIntegerField(null=True, db_index=True)
    envoy_id_copy = models.BigIntegerField(null=True, db_index=True)
    organization_id_copy = models.BigIntegerField(null=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return f"search document of person {self.person_id}"


class PersonAuditEvent(models.Model):
    """Which person an audit event is about, so the person page shows the history of their
    facts, interactions and dates even after those are deleted. `is_sensitive` marks events
    about a sensitive fact (shown only to those who may see it)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="audit_links")
    event = models.ForeignKey("core.AuditEvent", on_delete=models.CASCADE, related_name="+")
    is_sensitive = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "event"], name="person_audit_event_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.event_id}"
