"""POST data for the delegation nomination form, shared by its tests."""

from django.urls import reverse


def nominate_url(meeting):
    return reverse(
        "delegates:delegation_nominate", kwargs={"meeting_slug": meeting.slug}
    )


def member(index, **fields):
    """POST data for one member row of the formset."""
    values = {
        "role": "delegate",
        "honorific": "mr",
        "given_name": f"Given{index}",
        "family_name": f"Family{index}",
        "job_title": "Director",
        "organisation": "Ministry of Foreign Affairs",
        "email": f"member{index}@mfa.example.org",
        "gender": "undisclosed",
        **fields,
    }
    return {f"members-{index}-{name}": value for name, value in values.items()}
