"""Registrations, delegations, check-ins and outgoing email in the REST API.

Every endpoint here needs a token covering the meeting; personal data needs its
own scope (``delegates.personal_data``), and writes go through the services the
public form, the admin and the desk use.
"""
