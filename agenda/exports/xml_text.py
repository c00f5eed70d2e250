"""Text that XML 1.0 can hold, for the programme's XML exports and feeds."""

import re

# Everything outside XML 1.0's Char production (https://www.w3.org/TR/xml/#charsets):
# control characters but tab and line breaks, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML_CHAR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value):
    """Return ``value`` without the characters that XML 1.0 cannot represent.

    Organisers paste titles and abstracts from word processors and PDFs, which
    bring along stray control characters; a single one would make the whole
    document invalid (lxml and Django's feed generator refuse it outright).
    """
    return _NOT_XML_CHAR.sub("", value)
