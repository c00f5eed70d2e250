"""Date and time formats of our own, where Django's for a language do not fit a UN
secretariat (FORMAT_MODULE_PATH); anything not set here is Django's."""
