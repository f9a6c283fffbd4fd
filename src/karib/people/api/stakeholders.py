"""The stakeholder map of an organization in the API: what the organization page shows.

The same selector as the page builds it, so the API shows exactly the people the page shows
(those the caller may see); an organization the caller may not see is 404, as on the page.
"""

from django.http import HttpRequest
from ninja import Schema

from .. import selectors
from ..models import Person
from .common import Id, errors, router, user_of


class AttitudeOut(Schema):
    value: str
    label: str


class StakeholderOut(Schema):
    person_id: int
    name: str
    job_title: str
    influence: int
    attitude: str
    attitude_label: str
    owner_id: int
    owner_name: str
    envoy_id: int | None
    envoy_name: str | None
    refuses_to_meet_owner: bool
    is_blocker: bool


class StakeholderMapOut(Schema):
    organization_id: int
    attitudes: list[AttitudeOut]
    stakeholders: list[StakeholderOut]
    blocker_ids: list[int]
    refusing_ids: list[int]


def _user_name(user: object) -> str:
    full_name: str = user.get_full_name()  # type: ignore[attr-defined]
    return full_name or str(user.get_username())  # type: ignore[attr-defined]


def _stakeholder(person: Person) -> StakeholderOut:
    envoy = person.envoy
    return StakeholderOut(
        person_id=person.pk,
        name=person.addressed_name,
        job_title=person.job_title,
        influence=person.influence,
        attitude=person.attitude,
        attitude_label=str(person.get_attitude_display()),
        owner_id=person.owner_id,
        owner_name=_user_name(person.owner),
        envoy_id=person.envoy_id,
        envoy_name=_user_name(envoy) if envoy is not None else None,
        refuses_to_meet_owner=person.refuses_to_meet_owner,
        is_blocker=person.attitude == Person.Attitude.BLOCKER,
    )


@router.get(
    "/organizations/{pk}/stakeholders",
    response={200: StakeholderMapOut, **errors(404)},
    operation_id="organization_stakeholder_map",
)
def organization_stakeholder_map(request: HttpRequest, pk: Id) -> StakeholderMapOut:
    """The stakeholder map: every person of the organization you may see, highest influence
    first and in the order of the attitude columns, with owner, envoy and refusal to meet."""
    user = user_of(request)
    organization = selectors.organization_get_for_user(user=user, pk=pk)
    stakeholder_map = selectors.organization_stakeholder_map(user=user, organization=organization)
    people = [
        person for _influence, cells in stakeholder_map.rows for cell in cells for person in cell
    ]
    return StakeholderMapOut(
        organization_id=organization.pk,
        attitudes=[
            AttitudeOut(value=value, label=label) for value, label in stakeholder_map.attitudes
        ],
        stakeholders=[_stakeholder(person) for person in people],
        blocker_ids=[person.pk for person in stakeholder_map.blockers],
        refusing_ids=[person.pk for person in stakeholder_map.refusing],
    )
