"""Shared by the e2e checkers (docx_check.py, odt_check.py, pdf_check.py,
sysdoc_check.py): problems are collected, then printed one a line; the exit
status is 1 when there is any, 2 on a usage error."""
import sys

problems = []


def problem(f, msg):
    problems.append("%s: %s" % (f, msg))


def run(doc, commands):
    """Runs the command named by the first argument (commands: name -> function of
    the remaining arguments), then reports."""
    if len(sys.argv) < 3 or sys.argv[1] not in commands:
        print(doc)
        sys.exit(2)
    commands[sys.argv[1]](sys.argv[2:])
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)
