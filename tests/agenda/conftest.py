import pytest


@pytest.fixture
def session_admin_data():
    """Build the POST data of the session admin form, with empty inlines."""

    def build(meeting, **overrides):
        data = {
            "meeting": meeting.pk,
            "title": "Session 5: Resource mobilisation",
            "slug": "resource-mobilisation",
            "kind": "panel",
            "start_0": meeting.start_date.isoformat(),
            "start_1": "09:30",
            "end_0": meeting.start_date.isoformat(),
            "end_1": "10:30",
            "position": "0",
            "language": "en",
            "published": "on",
        }
        for prefix in ("roles", "AgendaItem_sessions", "documents"):
            data[f"{prefix}-TOTAL_FORMS"] = "0"
            data[f"{prefix}-INITIAL_FORMS"] = "0"
        data.update(overrides)
        return data

    return build
