"""Fill English translations from a JSON file of {msgid: msgstr} into the catalogue (empty entries only).

usage: .venv/bin/python scripts/fill_translations.py translations.json
"""

import json
import sys

from babel.messages.pofile import read_po, write_po

PATH = "penalties/translations/en/LC_MESSAGES/messages.po"


def main(source: str) -> int:
    with open(source, encoding="utf-8") as f:
        wanted = json.load(f)
    with open(PATH, "rb") as f:
        catalog = read_po(f)
    filled = 0
    for message in catalog:
        if message.id in wanted and not message.string:
            message.string = wanted[message.id]
            filled += 1
    with open(PATH, "wb") as f:
        write_po(f, catalog, sort_output=True, omit_header=False)
    print(f"{filled} filled")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
