"""The one email builder renders every message in its recipient's language."""

from django.utils import translation

from consultation.emails import build_email


def test_email_is_rendered_in_the_recipients_language_whatever_the_current_one():
    with translation.override("en"):
        message = build_email(
            to="amina@example.org",
            subject=translation.gettext_lazy("Side events"),
            template="delegates/email/announcement",
            context={"announcement": {"body": "—"}, "meeting": {"title": "RCSSC"}},
            language="fr",
        )

    html, _mimetype = message.alternatives[0]
    assert message.subject == "Manifestations parallèles"
    assert "Secrétariat de la réunion « RCSSC »" in message.body
    assert "Secrétariat de la réunion « RCSSC »" in html
    assert translation.get_language() == "en"


def test_email_without_a_language_is_rendered_in_the_current_one():
    with translation.override("es"):
        message = build_email(
            to="amina@example.org",
            subject="RCSSC",
            template="delegates/email/announcement",
            context={"announcement": {"body": "—"}, "meeting": {"title": "RCSSC"}},
        )

    assert "Secretaría de la reunión «RCSSC»" in message.body
