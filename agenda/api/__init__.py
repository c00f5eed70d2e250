"""The meeting and its published programme in the REST API: public, no token."""
