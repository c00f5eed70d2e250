"""Names as their owners write them: which name comes first, and how they join.

Chinese, Japanese and Korean names put the family name first and, written in
their own script, take no space: 李伟 (family name 李) is "李伟", never "伟 李".
Anyone may say that their family name comes first (Vietnamese, Hungarian or a
Chinese name written in Latin letters: "Li Wei").
"""

import re

# Han ideographs (with extensions and compatibility forms), kana, Hangul.
CJK_SCRIPT = re.compile(
    "[\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u31a0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]"
)


def written_in_cjk(*names: str) -> bool:
    """Whether every non-empty name is written in Chinese, Japanese or Korean script."""
    written = [name for name in names if name.strip()]
    return bool(written) and all(CJK_SCRIPT.search(name) for name in written)


def full_name(*, given_name: str, family_name: str, family_name_first: bool) -> str:
    """The person's name in their own order: family name first when they say so
    or their names are in CJK script, joined without a space in that script."""
    if not (family_name_first or written_in_cjk(given_name, family_name)):
        return f"{given_name} {family_name}"
    separator = "" if written_in_cjk(given_name, family_name) else " "
    return f"{family_name}{separator}{given_name}"
