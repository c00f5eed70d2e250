"""Template tags for side events shown on other apps' pages."""

from django import template

from delegates.tokens import make_registration_token

from ..side_events.selectors import side_event_fill, side_event_offers

register = template.Library()


@register.simple_tag
def side_event_offers_for(registration):
    """The side events the delegate holds a place at or may still join."""
    return side_event_offers(registration)


@register.simple_tag
def private_link_token(registration):
    """The token of the delegate's private link, to build its side event addresses."""
    return make_registration_token(registration)


@register.simple_tag
def side_event_fill_for(meeting):
    """Seats taken against capacity per side event, for the statistics page."""
    return side_event_fill(meeting)
