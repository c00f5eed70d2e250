"""Lists of speakers on agenda items: inscriptions in protocol order, the chair's view.

The organiser opens and closes a list in the admin and may move a speaker (each
move recorded); heads of delegation, alternates and focal points inscribe their
delegation's speakers from their private links; the chair's view gives the floor.
"""
