import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from consultation.webhooks.enums import DeliveryStatus
from consultation.webhooks.models import WebhookEndpoint
from consultation.webhooks.services import deliver_due, emit
from delegates.roles import ORGANISER, REGISTRATION_DESK
from tests.delegates.conftest import staff_with_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:webhooks_webhookendpoint_add")
ENDPOINTS = reverse("admin:webhooks_webhookendpoint_changelist")
DELIVERIES = reverse("admin:webhooks_webhookdelivery_changelist")
PUBLIC_URL = "https://93.184.215.14/hooks/consultation"


def endpoint_form(meeting, **fields):
    return {
        "meeting": meeting.pk,
        "name": "Pass office",
        "url": PUBLIC_URL,
        "events": ["registration.approved", "check_in.created"],
        **fields,
    }


def staff_with_permissions(username, *codenames):
    user = UserFactory(username=username, is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def test_an_organiser_adds_an_endpoint_and_is_shown_its_secret(client, meeting):
    organiser = staff_with_role("secretariat", ORGANISER)
    client.force_login(organiser)

    response = client.post(ADD, endpoint_form(meeting), follow=True)

    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["registration.approved", "check_in.created"]
    assert endpoint.created_by == organiser
    assert endpoint.secret.startswith("whsec_")
    assert len(endpoint.secret) > 40
    assert response.redirect_chain == [
        (reverse("admin:webhooks_webhookendpoint_change", args=[endpoint.pk]), 302)
    ]
    page = response.content.decode()
    assert "Give the receiving system the signing secret shown below" in page
    assert endpoint.secret in page


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hooks",
        "http://localhost/hooks",
        "http://[::ffff:10.0.0.1]/hooks",
        "http://169.254.169.254/latest/meta-data/",
    ],
)
def test_an_endpoint_on_a_private_address_is_refused_with_a_clear_error(
    organiser_client, meeting, settings, url
):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False

    response = organiser_client.post(ADD, endpoint_form(meeting, url=url))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["url"]
    assert "is not an address on the internet" in errors[0]
    assert WebhookEndpoint.objects.count() == 0


def test_an_endpoint_without_events_is_refused(organiser_client, meeting):
    response = organiser_client.post(ADD, endpoint_form(meeting, events=[]))

    assert response.context["adminform"].form.errors["events"]
    assert WebhookEndpoint.objects.count() == 0


def test_only_a_user_who_may_see_personal_data_can_include_it(client, meeting):
    without = staff_with_permissions(
        "integrations", "add_webhookendpoint", "change_webhookendpoint"
    )
    client.force_login(without)

    form = client.get(ADD).context["adminform"].form
    client.post(ADD, endpoint_form(meeting, include_personal_data="on"))

    assert "include_personal_data" not in form.fields
    assert WebhookEndpoint.objects.get().include_personal_data is False

    client.force_login(staff_with_role("secretariat", ORGANISER))
    client.post(ADD, endpoint_form(meeting, name="CRM", include_personal_data="on"))

    assert WebhookEndpoint.objects.get(name="CRM").include_personal_data is True


def test_without_the_permission_an_endpoints_personal_data_cannot_be_redirected(
    client, meeting, endpoint
):
    endpoint.include_personal_data = True
    endpoint.save()
    client.force_login(staff_with_permissions("integrations", "change_webhookendpoint"))
    change_url = reverse("admin:webhooks_webhookendpoint_change", args=[endpoint.pk])

    form = client.get(change_url).context["adminform"].form
    client.post(
        change_url,
        {
            "meeting": meeting.pk,
            "name": endpoint.name,
            "url": "https://93.184.215.14/collect",
            "events": endpoint.events,
            "is_active": "on",
        },
    )

    assert "url" not in form.fields
    endpoint.refresh_from_db()
    assert endpoint.url != "https://93.184.215.14/collect"
    assert endpoint.include_personal_data is True


def test_the_personal_data_flag_is_refused_by_the_form_itself_without_permission(
    meeting,
):
    from consultation.webhooks.forms import WebhookEndpointForm

    form = WebhookEndpointForm(data=endpoint_form(meeting, include_personal_data="on"))
    form.user = UserFactory(username="no-personal-data")

    assert form.errors["include_personal_data"] == [
        "Only a user who may see personal data can turn this on."
    ]


def test_the_desk_sees_no_webhooks(client):
    client.force_login(staff_with_role("desk", REGISTRATION_DESK))

    assert client.get(ENDPOINTS).status_code == 403
    assert client.get(DELIVERIES).status_code == 403


def test_an_endpoint_turned_off_is_announced_and_turning_it_on_starts_afresh(
    organiser_client, meeting, endpoint
):
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        is_active=False, disabled_at="2026-11-30T09:00Z", consecutive_failures=20
    )

    listing = organiser_client.get(ENDPOINTS).content.decode()
    change_url = reverse("admin:webhooks_webhookendpoint_change", args=[endpoint.pk])
    page = organiser_client.get(change_url)

    notice = "was turned off after 20 failures in a row"
    assert notice in listing
    assert "Turned off after 20 failures in a row" in listing
    assert notice in page.content.decode()

    form = page.context["adminform"].form
    data = {
        "meeting": meeting.pk,
        "name": endpoint.name,
        "url": endpoint.url,
        "events": form["events"].value(),
        "is_active": "on",
    }
    organiser_client.post(change_url, data)

    endpoint.refresh_from_db()
    assert endpoint.is_active is True
    assert endpoint.disabled_at is None
    assert endpoint.consecutive_failures == 0


def test_the_delivery_log_shows_response_codes_and_errors_and_resends(
    organiser_client, meeting, endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.script.statuses = [500]
    (delivery,) = emit(meeting=meeting, event="check_in.created", data={})
    deliver_due([delivery.pk])
    delivery.refresh_from_db()

    listing = organiser_client.get(DELIVERIES, {"endpoint__id__exact": endpoint.pk})
    page = organiser_client.get(
        reverse("admin:webhooks_webhookdelivery_change", args=[delivery.pk])
    ).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        resent = organiser_client.post(
            DELIVERIES,
            {"action": "resend", "_selected_action": [delivery.pk]},
            follow=True,
        )

    assert "The receiver answered 500." in listing.content.decode()
    assert "answered 500" in page  # the beginning of the receiver's answer
    assert str(delivery.webhook_id) in page
    assert "1 delivery will be sent again." in resent.content.decode()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert len(receiver.received) == 2


def test_the_delivery_list_reads_a_fixed_number_of_queries(
    organiser_client, meeting, endpoint
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    emit(meeting=meeting, event="check_in.created", data={})
    with CaptureQueriesContext(connection) as one:
        organiser_client.get(DELIVERIES)
    for _event in range(20):
        emit(meeting=meeting, event="check_in.created", data={})
    with CaptureQueriesContext(connection) as many:
        organiser_client.get(DELIVERIES)

    assert len(many) == len(one)
