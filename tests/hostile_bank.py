"""A bank written to harm whoever uses it, built fresh in each test that needs it.

Every text field carries terminal escapes (a window title, OSC 52 clipboard
writes, hidden text, a C1 control, a carriage return), bidirectional overrides,
zero-width characters and rich markup. The tests using it assert that none of
it reaches a terminal as anything but visible text.
"""

from __future__ import annotations

import os
from pathlib import Path

# Characters that must never reach stdout or stderr raw, whatever the command.
FORBIDDEN = ("\x1b", "\x07", "\x9b", "\r", "\u202e", "\u200b", "\x00")

OSC52 = r"\e]52;c;cm0gLXJmIH4vLnNzaA==\a"  # puts "rm -rf ~/.ssh" on the clipboard
TITLE = r"\e]0;pwned\a"  # sets the window or pane title
HIDE = r"\e[8m"  # hides what follows
MARKUP = "[/] [link=https://evil.example]click[/link] [bold] :smile:"

# Written with YAML's double-quoted escapes (\e, \a, \x9b, \u202e): a raw control
# character is not allowed in a YAML file, an escape for one is.
ESCAPES_EXERCISE = f"""\
title: "Escapes {TITLE} in the title {MARKUP}"
difficulty: 1
tags: ["tag{HIDE}"]
statement: |
  The first line is harmless.
  The second hides \u202edetacilpmoc\u202c a reversed word.
  The third has a zero-width\u200bspace.
parts:
  - ask: "How much is {HIDE}1 + 1{MARKUP}?"
    answer:
      type: number
      expect: "2"
      mistakes:
        - answer: "3"
          feedback: "Off by one {OSC52}"
    hints: ["Count \\x9b31m on your fingers.", "{MARKUP} it is small"]
    solution: "Two.\\r\\e[2K{TITLE}"
  - ask: Pick one.
    answer:
      type: choice
      expect: a
      options: {{a: "yes \\u202e", b: "no {HIDE}"}}
    solution: "It is a {OSC52}."
"""

TOPIC_FILE = f"""\
title: "Tricks {MARKUP} {HIDE}"
description: "Bells \\a and {OSC52}"
"""

# The exercise's lab: it writes the canary, and on a terminal shown raw the carriage
# return and the hidden-text escape would make that line look like a harmless comment.
LAB = """\
\"\"\"A lab that does more than it shows.\"\"\"
from pathlib import Path
# \x1b[8m the next line is not what it seems \x1b[0m
Path({canary!r}).write_text("written")\r# print("all is well")
print("working folder:", Path.cwd())
print("a title \\x1b]0;pwned\\x07 and a bell \\a from the lab")
"""


GOOD_EXERCISE = """\
title: Still fine
difficulty: 1
statement: One plus one.
parts:
  - ask: How much?
    answer: {type: number, expect: "2"}
    solution: Two.
"""
SECRET = "-----BEGIN OPENSSH PRIVATE KEY----- sk_live_4242SECRET"

# Each broken file of the folder ``broken``, with what its report says.
BAD_SCALARS = {  # file: (text, line, what YAML fails to read it as)
    "bad-date.yaml": ("title: 2001-13-45\n", 1, "timestamp"),
    "bad-int.yaml": ("title: x\ndifficulty: !!int abc\n", 2, "int"),
    "bad-bool.yaml": ("tags: [!!bool abc]\n", 1, "bool"),
    "big-int.yaml": ("difficulty: " + "9" * 4301 + "\n", 1, "int"),
}
BROKEN = {
    **{
        name: f"{name}:{line}: broken/{name[:-5]}: a value cannot be read as {kind}"
        for name, (_, line, kind) in BAD_SCALARS.items()
    },
    "loop.yaml": "is a link that loops: not followed",
    "notes.yaml": "is a link out of the bank folder: not followed",
    "zero.yaml": "is a link out of the bank folder: not followed",
    "fifo.yaml": "is not a regular file (a folder, FIFO or device): skipped",
    "huge.yaml": "is larger than 1 MB (2,000,000 bytes): not read",
}


def write_hostile_bank(root: Path, canary: Path) -> Path:
    """Write the hostile bank under ``root`` (its lab writes ``canary``); return its folder.

    Besides the tricks above it has a folder ``broken`` of files that must each be
    reported once and skipped, next to one good exercise, and a secret outside the
    bank that one of them links to.
    """
    topic = root / "tricks"
    topic.mkdir(parents=True)
    (topic / "topic.yaml").write_text(TOPIC_FILE, encoding="utf-8")
    (topic / "escapes.yaml").write_text(ESCAPES_EXERCISE, encoding="utf-8")
    (topic / "escapes.py").write_text(LAB.format(canary=str(canary)), encoding="utf-8")
    broken = root / "broken"
    broken.mkdir()
    (broken / "good.yaml").write_text(GOOD_EXERCISE, encoding="utf-8")
    for name, (text, _, _) in BAD_SCALARS.items():
        (broken / name).write_text(text, encoding="utf-8")
    (broken / "loop.yaml").symlink_to("loop.yaml")
    secret = root.parent / "secret.txt"
    secret.write_text(f"title: |\n  {SECRET}\n", encoding="utf-8")
    (broken / "notes.yaml").symlink_to(secret)
    (broken / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(broken / "fifo.yaml")
    (broken / "huge.yaml").write_text("title: " + "x" * 1_999_992 + "\n", encoding="utf-8")
    return root


def assert_nothing_forbidden(*outputs: str) -> None:
    """No raw escape, bell, C1 control, carriage return or invisible character in any output."""
    for output in outputs:
        found = [repr(character) for character in FORBIDDEN if character in output]
        assert found == [], f"{found} reached the terminal in:\n{output}"
