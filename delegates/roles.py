"""The organisers' roles, as groups of Django permissions.

- Organiser: everything on meetings, the programme and registrations, including
  passport and personal data, the outbox, the webhooks and the API tokens; the
  audit trail is read-only even for them.
- Registration desk: sees meetings, the programme and registrations, and checks
  participants in; never passport or personal data.
- Viewer: sees meetings, the programme and registrations, read-only; never passport
  or personal data.

The roles are declared here and nowhere else: `sync_roles()` gives each group
exactly these permissions. It runs in a data migration, after every `migrate`
(so models added later join the roles) and on demand with `manage.py setup_roles`.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS
from django.db.models import F, Q, Value
from django.db.models.functions import Concat

ORGANISER = "Organiser"
REGISTRATION_DESK = "Registration desk"
VIEWER = "Viewer"

# Meetings, the programme and registrations; not user accounts.
MANAGED_MODELS = Q(content_type__app_label__in=["agenda", "delegates"]) | Q(
    content_type__app_label="consultation", content_type__model="meeting"
)
# Django's own "view_<model>" permission, never a custom one such as
# view_passport_data.
DEFAULT_VIEW = Q(codename=Concat(Value("view_"), F("content_type__model")))
CHECK_IN = Q(content_type__app_label="delegates", codename="check_in_registration")
# The audit trail is read, never written or deleted, by anyone's role.
AUDIT_TRAIL = Q(content_type__model__startswith="historical")

# The outbox holds every email with its private link: organisers only.
OUTBOX = Q(content_type__app_label="outbox") & ~Q(codename__startswith="delete_")

# Webhook endpoints hold their signing secrets and send registrations elsewhere:
# organisers only.
WEBHOOKS = Q(content_type__app_label="webhooks")
# API tokens can read personal data, which organisers alone may see.
API_TOKENS = Q(content_type__app_label="api")

ROLES = {
    ORGANISER: MANAGED_MODELS & (~AUDIT_TRAIL | DEFAULT_VIEW)
    | OUTBOX
    | WEBHOOKS
    | API_TOKENS,
    REGISTRATION_DESK: MANAGED_MODELS & (DEFAULT_VIEW | CHECK_IN),
    VIEWER: MANAGED_MODELS & DEFAULT_VIEW,
}


def sync_roles(*, apps=global_apps, using=DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Create the role groups and give each exactly its declared permissions.

    Works with the historical `apps` of a migration as with the real ones. Side
    effects: creates any missing content types and permissions (as `migrate` does),
    creates missing groups, replaces the permissions of the role groups. Returns
    the number of permissions of each role.
    """
    for app_config in apps.get_app_configs():
        _create_permissions(app_config, apps=apps, using=using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    counts = {}
    for name, condition in ROLES.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        permissions = list(Permission.objects.using(using).filter(condition))
        group.permissions.set(permissions)
        counts[name] = len(permissions)
    return counts


def _create_permissions(app_config, *, apps, using):
    # A migration's app configs carry no models module, and Django's own
    # create_permissions() skips those; lend them one so that it does its work.
    if getattr(app_config, "models_module", None):
        create_permissions(app_config, verbosity=0, apps=apps, using=using)
        return
    app_config.models_module = True
    try:
        create_permissions(app_config, verbosity=0, apps=apps, using=using)
    finally:
        app_config.models_module = None


def sync_roles_after_migrate(
    sender, *, apps=global_apps, using=DEFAULT_DB_ALIAS, **kwargs
):
    """Keep the roles in step with the models after each migrate (and test flush)."""
    try:
        apps.get_model("auth", "Group")
        apps.get_model("delegates", "Registration")
    except LookupError:
        return
    sync_roles(apps=apps, using=using)
