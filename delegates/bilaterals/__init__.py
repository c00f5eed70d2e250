"""Bilateral meeting rooms: a delegation asks for a room to meet another.

The organiser marks the rooms that take bilaterals and their daily hours
(``Room.takes_bilaterals``, ``bilaterals_from``, ``bilaterals_until``) and the
longest booking (``Meeting.bilateral_max_minutes``). A focal point (or a head of
delegation) requests a slot; the organiser confirms it, proposes another, or
declines. A confirmed booking holds its room through a private, unpublished
session (``BilateralRequest.booking``), so PostgreSQL's room rule for sessions
(``session_room_not_double_booked``) keeps it from overlapping any session or
other booking, under concurrency too.
"""
