"""The public programme's feeds: iCalendar, JSON, frab XML and the changelog.

Every view answers conditional GETs from the programme's last change (see
``consultation.page_cache``) and reads the programme in a constant number of
queries.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from agenda.preview import cached_programme_view, programme_for
from consultation.selectors import published_meeting

from .exports.frab import programme_frab_xml
from .exports.ical import programme_ical, session_ical
from .exports.programme import public_programme
from .exports.schedule_json import programme_json
from .exports.xml_text import xml_text
from .versions import programme_changelog

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"
CHANGELOG_FEED_LENGTH = 20


def _xml_safe(values):
    return {
        key: xml_text(value) if isinstance(value, str) else value
        for key, value in values.items()
    }


def _programme(request, meeting_slug, session_slug=None):
    meeting = published_meeting(request, meeting_slug)
    return public_programme(
        programme_for(request, meeting),
        base_url=request.build_absolute_uri("/"),
        session_slug=session_slug,
    )


@cached_programme_view
def agenda_ics(request, meeting_slug):
    programme = _programme(request, meeting_slug)
    return HttpResponse(
        programme_ical(programme),
        content_type=CALENDAR_CONTENT_TYPE,
        headers={"Content-Disposition": f'inline; filename="{meeting_slug}.ics"'},
    )


@cached_programme_view
def session_ics(request, meeting_slug, session_slug):
    programme = _programme(request, meeting_slug, session_slug=session_slug)
    if not programme.sessions:
        raise Http404(_("No published session has this address."))
    [session] = programme.sessions
    return HttpResponse(
        session_ical(programme, session),
        content_type=CALENDAR_CONTENT_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{session.slug}.ics"'},
    )


@cached_programme_view
def schedule_json(request, meeting_slug):
    programme = _programme(request, meeting_slug)
    return JsonResponse(
        programme_json(programme),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
        headers={"Access-Control-Allow-Origin": "*"},
    )


@cached_programme_view
def schedule_xml(request, meeting_slug):
    programme = _programme(request, meeting_slug)
    return HttpResponse(
        programme_frab_xml(programme), content_type="application/xml; charset=utf-8"
    )


@cached_programme_view
def changelog(request, meeting_slug):
    meeting = published_meeting(request, meeting_slug)
    return render(
        request,
        "agenda/changelog.html",
        {"meeting": meeting, "history": programme_changelog(meeting)},
    )


class ChangelogFeed(Feed):
    """The versions of a meeting's programme, newest first, each with its changes."""

    description_template = "agenda/feeds/changelog_item.html"

    def get_object(self, request, meeting_slug):
        return published_meeting(request, meeting_slug)

    def title(self, meeting):
        return _("Programme changes: %(meeting)s") % {"meeting": meeting.title}

    def link(self, meeting):
        return reverse("agenda:changelog", kwargs={"meeting_slug": meeting.slug})

    def description(self, meeting):
        return _("Each published version of the programme and what it changed.")

    def items(self, meeting):
        return programme_changelog(meeting, limit=CHANGELOG_FEED_LENGTH)

    def item_title(self, entry):
        return entry.version.name

    def item_link(self, entry):
        return entry.version.get_absolute_url()

    def item_pubdate(self, entry):
        return entry.version.published_at

    def get_feed(self, obj, request):
        """Build the feed with its text stripped of characters XML cannot hold."""
        feed = super().get_feed(obj, request)
        feed.feed = _xml_safe(feed.feed)
        feed.items = [_xml_safe(item) for item in feed.items]
        return feed

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        request = kwargs["request"]
        context.update(
            entry=kwargs["item"],
            meeting=kwargs["obj"],
            base_url=request.build_absolute_uri("/").rstrip("/"),
        )
        return context


class ChangelogAtomFeed(ChangelogFeed):
    feed_type = Atom1Feed

    def subtitle(self, meeting):
        return self.description(meeting)


changelog_rss = cached_programme_view(ChangelogFeed())
changelog_atom = cached_programme_view(ChangelogAtomFeed())
