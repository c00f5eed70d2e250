import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from delegates.roles import ORGANISER, REGISTRATION_DESK, VIEWER, sync_roles

pytestmark = pytest.mark.django_db


def codenames(role):
    group = Group.objects.get(name=role)
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def test_organiser_role_has_everything_on_meetings_programme_and_registrations():
    permissions = codenames(ORGANISER)

    assert {
        "consultation.change_meeting",
        "agenda.add_session",
        "agenda.delete_room",
        "delegates.change_registration",
        "delegates.delete_delegation",
        "delegates.view_passport_data",
        "delegates.check_in_registration",
    } <= permissions
    assert not any(p.startswith("consultation.") and "user" in p for p in permissions)


def test_organiser_role_reads_but_cannot_rewrite_the_audit_trail():
    permissions = codenames(ORGANISER)

    assert "delegates.view_historicalregistration" in permissions
    assert "delegates.change_historicalregistration" not in permissions
    assert "delegates.delete_historicalregistration" not in permissions


def test_registration_desk_role_views_and_checks_in_without_passport_data():
    permissions = codenames(REGISTRATION_DESK)

    assert {
        "delegates.view_registration",
        "delegates.check_in_registration",
    } <= permissions
    assert "delegates.view_passport_data" not in permissions
    assert "delegates.change_registration" not in permissions


def test_viewer_role_is_read_only():
    permissions = codenames(VIEWER)

    assert "delegates.view_registration" in permissions
    assert "agenda.view_session" in permissions
    assert all(p.split(".")[1].startswith("view_") for p in permissions)
    assert "delegates.view_passport_data" not in permissions


def test_setup_roles_command_is_idempotent(capsys):
    before = {role: codenames(role) for role in (ORGANISER, REGISTRATION_DESK, VIEWER)}

    call_command("setup_roles")
    call_command("setup_roles")

    assert Group.objects.filter(name__in=before).count() == 3
    assert {role: codenames(role) for role in before} == before
    assert "Roles are up to date." in capsys.readouterr().out


def test_setup_roles_restores_a_role_changed_by_hand():
    desk = Group.objects.get(name=REGISTRATION_DESK)
    desk.permissions.add(Permission.objects.get(codename="view_passport_data"))
    Group.objects.get(name=VIEWER).delete()

    call_command("setup_roles")

    assert "delegates.view_passport_data" not in codenames(REGISTRATION_DESK)
    assert "delegates.view_registration" in codenames(VIEWER)


def test_roles_are_created_with_the_historical_models_of_a_migration():
    Group.objects.all().delete()
    state = MigrationExecutor(connection).loader.project_state(
        ("delegates", "0005_roles")
    )

    sync_roles(apps=state.apps)

    assert "delegates.view_passport_data" in codenames(ORGANISER)
    assert "delegates.check_in_registration" in codenames(REGISTRATION_DESK)


@pytest.mark.django_db(transaction=True)
def test_roles_come_back_after_the_database_is_flushed():
    call_command("flush", interactive=False, verbosity=0)

    assert "delegates.view_passport_data" in codenames(ORGANISER)
    assert "delegates.view_registration" in codenames(VIEWER)
