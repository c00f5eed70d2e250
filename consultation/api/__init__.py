"""The REST API's shared plumbing: tokens, authentication, scopes, errors, paging.

The endpoints live with their apps (``agenda/api/``, ``delegates/api/``); this
package knows no app, as the rest of ``consultation`` does not.
"""
