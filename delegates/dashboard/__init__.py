"""The meeting dashboard on the admin index: what needs doing, and where to do it."""
