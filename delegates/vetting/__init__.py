"""Vetting a registration on its own admin page: the decision buttons, and what the
organiser needs beside them (seats at side events, check-ins, documents, the next
registration waiting for a decision)."""
