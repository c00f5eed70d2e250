"""The registration list on a 1,366 × 768 laptop: no sideways scrolling."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from delegates.enums import DelegationRole, ParticipantCategory, RegistrationStatus
from delegates.roles import ORGANISER
from tests.e2e.sessions import give_session
from tests.factories import DelegationFactory, RegistrationFactory, UserFactory
from tests.images import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)

LAPTOP = {"width": 1366, "height": 768}
CHANGELIST = "/admin/delegates/registration/"
# The widths of the page and of the list's own scrolling box (Django's .results).
OVERFLOW = """() => {
  const page = document.documentElement;
  const results = document.querySelector("#changelist .results");
  return {
    page: page.scrollWidth - page.clientWidth,
    list: results.scrollWidth - results.clientWidth,
  };
}"""

# Where the action menu is cut: by the window, by a scrolling or clipping box
# around it, or by its own width (a native select is as wide as its longest
# choice unless a style holds it narrower).
ACTION_SELECT_CLIPPED = """() => {
  const select = document.querySelector('#changelist .actions select[name="action"]');
  const box = select.getBoundingClientRect();
  const cut = [];
  if (box.left < 0 || box.right > window.innerWidth) cut.push("window");
  for (let node = select.parentElement; node; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.overflowX !== "visible" || style.overflowY !== "visible") {
      const frame = node.getBoundingClientRect();
      if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5 ||
          box.top < frame.top - 0.5 || box.bottom > frame.bottom + 0.5) {
        cut.push(node.id || node.className || node.tagName);
      }
    }
  }
  const probe = document.createElement("span");
  probe.style.font = getComputedStyle(select).font;
  probe.style.whiteSpace = "pre";
  probe.style.position = "absolute";
  document.body.append(probe);
  let widest = 0;
  for (const option of select.options) {
    probe.textContent = option.text;
    widest = Math.max(widest, probe.getBoundingClientRect().width);
  }
  probe.remove();
  if (widest > select.clientWidth) cut.push("its own width");
  return cut;
}"""


@pytest.fixture
def long_registrations():
    """Registrations with the longest texts a list row usually shows."""
    delegation = DelegationFactory(
        name="Lao People's Democratic Republic", country="LA"
    )
    meeting = delegation.meeting
    head = RegistrationFactory(
        meeting=meeting,
        delegation=delegation,
        role=DelegationRole.HEAD,
        given_name="Khamphoui Souvannaphouma",
        family_name="Vongsakoulvong-Phommachanh",
        organisation=(
            "Department of International Cooperation, Ministry of Planning and "
            "Investment"
        ),
        country="LA",
        category=ParticipantCategory.IGO,
        status=RegistrationStatus.WAITLISTED,
        needs_visa_letter=True,
    )
    head.photo.save("face.jpg", ContentFile(image_bytes()))
    RegistrationFactory.create_batch(
        20, meeting=meeting, country="FM", category=ParticipantCategory.THINK_TANK
    )
    organiser = UserFactory(username="secretariat", is_staff=True)
    organiser.groups.add(Group.objects.get(name=ORGANISER))
    return organiser


def test_registration_list_fits_a_laptop_without_scrolling_sideways(
    page, live_server, long_registrations
):
    page.set_viewport_size(LAPTOP)
    give_session(page, live_server.url, long_registrations)

    page.goto(CHANGELIST)

    assert page.locator("#result_list tbody tr").count() == 21
    assert page.locator("#nav-sidebar").is_visible()
    assert page.locator("#changelist-filter").is_visible()
    assert page.evaluate(OVERFLOW) == {"page": 0, "list": 0}


def test_action_menu_and_filters_are_not_clipped_on_a_laptop(
    page, live_server, long_registrations
):
    page.set_viewport_size(LAPTOP)
    give_session(page, live_server.url, long_registrations)

    page.goto(CHANGELIST)

    action = page.locator('#changelist .actions select[name="action"]')
    assert action.is_visible()
    assert action.locator("option").count() > 10
    assert page.evaluate(ACTION_SELECT_CLIPPED) == []
    filters = page.locator("#changelist-filter").bounding_box()
    assert filters["x"] + filters["width"] <= LAPTOP["width"]
    # Picking the longest action leaves its whole name readable and the button
    # beside it on the same line.
    longest = max(action.locator("option").all_inner_texts(), key=len)
    action.select_option(label=longest)
    assert page.evaluate(ACTION_SELECT_CLIPPED) == []
    go = page.locator("#changelist .actions button[name=index]").bounding_box()
    assert go["x"] + go["width"] <= LAPTOP["width"]


def test_organiser_adds_a_column_with_the_column_chooser(
    page, live_server, long_registrations
):
    page.set_viewport_size(LAPTOP)
    give_session(page, live_server.url, long_registrations)
    page.goto(CHANGELIST + "?status__exact=waitlisted")

    page.get_by_text("Columns", exact=True).click()
    page.get_by_label("delegation", exact=True).check()
    # The form posts and the list comes back: wait for it, not for the old page.
    with page.expect_navigation():
        page.get_by_role("button", name="Show these columns").click()
    page.locator("#result_list th.column-delegation").wait_for()

    assert page.url.endswith(CHANGELIST + "?status__exact=waitlisted")
    assert page.locator("#result_list td.field-delegation").all_inner_texts() == [
        "Lao People's Democratic Republic"
    ]
