"""Relationship health: the policy versions, per-person cadence overrides, each person's
current health, its history (one row per change) and the dirty markers of the incremental
recompute."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .scoring import BANDS, Policy, PolicyError

BAND_CHOICES = [
    ("healthy", _("healthy")),
    ("attention", _("needs attention")),
    ("at_risk", _("at risk")),
]
assert tuple(value for value, _label in BAND_CHOICES) == BANDS  # noqa: S101  (kept in step)


class HealthPolicy(models.Model):
    """One version of the weights, half-lives and cadences (a JSON document laid over the
    shipped defaults). The highest version whose `effective_from` has come is in force; a new
    version makes the next run recompute everyone."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    rules = models.JSONField(_("rules"), default=dict, blank=True)
    effective_from = models.DateField(_("effective from"))
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    recomputed_at = models.DateTimeField(_("everyone recomputed at"), null=True, blank=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("health policy")
        verbose_name_plural = _("health policies")

    def __str__(self) -> str:
        return f"v{self.version}"

    def as_policy(self) -> Policy:
        return Policy.from_rules(self.version, self.rules)

    def clean(self) -> None:
        try:
            self.as_policy()
        except PolicyError as error:
            raise ValidationError(
                {
                    "rules": _("%(path)s: %(problem)s")
                    % {"path": error.path, "problem": error.problem}
                }
            ) from None


class PersonCadence(models.Model):
    """How often we expect to be in touch with one person, overriding the policy's cadence."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, primary_key=True, related_name="health_cadence"
    )
    days = models.PositiveSmallIntegerField(
        _("expected days between contacts"),
        validators=[MinValueValidator(1), MaxValueValidator(730)],
    )
    reason = models.CharField(_("why"), max_length=255, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contact cadence")
        verbose_name_plural = _("contact cadences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(days__gte=1, days__lte=730), name="health_cadence_days_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.days}"


class HealthFields(models.Model):
    """The computed health of a person on a day, and the features an organization needs."""

    on = models.DateField(_("on"))
    score = models.PositiveSmallIntegerField(_("score"))
    band = models.CharField(_("band"), max_length=10, choices=BAND_CHOICES)
    drivers = models.JSONField(_("drivers"), default=list)
    policy_version = models.PositiveIntegerField(_("policy version"))
    influence = models.PositiveSmallIntegerField(default=3)
    attitude = models.CharField(max_length=12, default="neutral")
    has_envoy = models.BooleanField(default=False)
    in_cadence = models.BooleanField(default=False)
    contacted_recently = models.BooleanField(default=False)

    class Meta:
        abstract = True


class PersonHealth(HealthFields):
    """The latest health of a person (one row each), for lists and the organization score."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, primary_key=True, related_name="health"
    )
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("person health")
        verbose_name_plural = _("person health")
        indexes = [models.Index(fields=["band", "score"])]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.score}"


class PersonHealthSnapshot(HealthFields):
    """History: the health from `on` until the next row (a row is written when it changes)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="health_snapshots"
    )

    class Meta:
        ordering = ["person", "on"]
        verbose_name = _("health snapshot")
        verbose_name_plural = _("health snapshots")
        constraints = [
            models.UniqueConstraint(fields=["person", "on"], name="health_snapshot_person_on")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.on}: {self.score}"


class HealthDirtyPerson(models.Model):
    """A person whose health must be recomputed (something about them changed)."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    marked_at = models.DateTimeField(_("marked at"), auto_now=True)

    class Meta:
        verbose_name = _("person to recompute")
        verbose_name_plural = _("people to recompute")

    def __str__(self) -> str:
        return str(self.person_id)
