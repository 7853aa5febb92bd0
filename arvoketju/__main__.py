"""The ``arvoketju`` command line: Django's management commands plus arvoketju's own.

``arvoketju migrate``, ``arvoketju serve``, ``arvoketju seed battery-fi``, ``arvoketju export`` …
Failures end with a one-line reason on stderr and a non-zero exit status.
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    """Run an arvoketju command; returns the process exit status."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arvoketju.settings")
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "arvoketju"
    if len(argv) == 1:
        argv.append("help")
    import django
    from django.core.management import execute_from_command_line
    from django.utils import translation

    try:
        django.setup()
        # messages in one language: ARVOKETJU_LANGUAGE (fi, sv, en), English by default
        translation.activate(os.environ.get("ARVOKETJU_LANGUAGE", "en"))
        execute_from_command_line(argv)
    except KeyboardInterrupt:
        print("arvoketju: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the one-line reason promised to CLI users
        print("arvoketju: error: " + " ".join(str(exc).split()), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
