"""Imports write all rows or none (the dry run shows model errors), and records are imported
only for owners the importer may name."""

from __future__ import annotations

from karib.core.roles import Role
from karib.people import transfer
from karib.people.models import Person
from tests.factories import UserFactory


def _two_rows(world) -> bytes:
    name = world.organization.name
    return (
        f"full_name,organization,job_title\nValid Person,{name},x\n{'A' * 250},{name},y\n"
    ).encode()


def test_dry_run_shows_model_errors_with_line_and_field(world):
    # given
    raw = _two_rows(world)
    # when
    result = transfer.people_import(raw=raw, user=world.owner, commit=False)
    # then
    assert result.has_errors
    assert result.rows[0].errors == []
    assert result.rows[1].line == 3
    assert any(error.startswith("full_name:") for error in result.rows[1].errors)
    assert not Person.objects.filter(full_name="Valid Person").exists()


def test_committed_import_with_a_model_error_writes_nothing(world):
    # given
    raw = _two_rows(world)
    people_before = Person.objects.count()
    # when
    result = transfer.people_import(raw=raw, user=world.owner, commit=True)
    # then
    assert result.written == 0
    assert Person.objects.count() == people_before
    assert not Person.objects.filter(full_name="Valid Person").exists()


def test_dry_run_of_a_valid_file_writes_nothing(world):
    # given
    raw = f"full_name,organization\nValid Person,{world.organization.name}\n".encode()
    # when
    result = transfer.people_import(raw=raw, user=world.owner, commit=False)
    # then
    assert not result.has_errors
    assert result.written == 0
    assert not Person.objects.filter(full_name="Valid Person").exists()


def _owned_by(world, username: str) -> bytes:
    return f"full_name,organization,owner\nX,{world.organization.name},{username}\n".encode()


def test_manager_cannot_import_for_a_user_of_another_team(world):
    # given
    raw = _owned_by(world, world.other.username)
    # when
    result = transfer.people_import(raw=raw, user=world.manager, commit=True)
    # then
    assert result.written == 0
    assert any(error.startswith("owner:") for error in result.rows[0].errors)
    assert not Person.objects.filter(full_name="X").exists()


def test_manager_imports_for_a_member_of_their_team_and_admin_for_anyone(world):
    # given
    admin = UserFactory(username="admin3", role=Role.ADMIN)
    # when
    by_manager = transfer.people_import(
        raw=_owned_by(world, world.owner.username), user=world.manager, commit=True
    )
    by_admin = transfer.people_import(
        raw=_owned_by(world, world.other.username), user=admin, commit=True
    )
    # then
    assert by_manager.written == 1
    assert by_admin.written == 1
    assert sorted(p.owner.username for p in Person.objects.filter(full_name="X")) == [
        world.owner.username,
        world.other.username,
    ]


def test_sales_user_imports_only_for_themself(world):
    # when
    result = transfer.people_import(
        raw=_owned_by(world, world.manager.username), user=world.owner, commit=True
    )
    # then
    assert result.written == 0
    assert not Person.objects.filter(full_name="X").exists()
