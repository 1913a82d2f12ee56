"""The site's two languages: one MkDocs config each, built into one folder.

mkdocs.yml is the Korean site (the default language, at the root); mkdocs.LANG.yml inherits
it and changes only what differs (mkdocs.en.yml: English, at en/). A language's build empties
its site folder first, so the Korean site is built before the others, which land inside it.

    python -m tools.site build [--site-dir DIR]    strict build of every language: DIR, DIR/en/
    python -m tools.site serve [--lang en]         one language, rebuilt on every change

After each language's build, Pagefind indexes that language's folder (tools/search.py): the
default language first, before the others are built inside it.

`make build`, `make serve`, `make preview` and the tests' `built_site` fixture run these.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from tools.layout import LANGUAGES, ROOT, URL_PREFIX, config_of
from tools.search import SearchError, index

DEV_ADDR = "127.0.0.1:8000"


def configs() -> dict[str, Path]:
    """Language -> its config, the default language first: mkdocs.yml, then mkdocs.LANG.yml."""
    return {language: config_of(language) for language in LANGUAGES}


def mkdocs(args: list[str]) -> int:
    """Run one MkDocs command in this process (so a caller's import guards hold); its exit code."""
    import click
    from mkdocs.__main__ import cli

    try:
        cli.main(args=args, prog_name="mkdocs", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:  # mkdocs' Abort: strict-mode warnings, a hook's error
        exc.show()
        return exc.exit_code
    finally:
        # Each command adds its log handler; drop it, or the next language logs every line twice.
        logger = logging.getLogger("mkdocs")
        for handler in [h for h in logger.handlers if h.name == "MkDocsStreamHandler"]:
            logger.removeHandler(handler)
    return 0


def build(site_dir: Path | None = None) -> int:
    """Strict build of every language: the default into site_dir (default site/), LANG into
    site_dir/LANG/, each indexed for search once built. Stops at the first language that fails."""
    root = (site_dir or ROOT / "site").resolve()
    for lang, config in configs().items():
        target = root / URL_PREFIX[lang]  # the default language at the root, others in LANG/
        print(f"INFO    -  site: building {lang} from {config.name} into {target}", flush=True)
        code = mkdocs(["build", "--strict", "--config-file", str(config), "--site-dir", str(target)])
        if code:
            print(f"ERROR   -  site: the {lang} build ({config.name}) failed", file=sys.stderr, flush=True)
            return code
        try:
            index(target)
        except SearchError as exc:
            print(f"ERROR   -  {exc}", file=sys.stderr, flush=True)
            return 1
    return 0


def serve(lang: str, dev_addr: str = DEV_ADDR) -> int:
    """One language with live reload: the other language's pages are not served by it."""
    found = configs()
    if lang not in found:
        print(f"no config for language {lang!r}; there are: {', '.join(found)}", file=sys.stderr)
        return 2
    return mkdocs(["serve", "--config-file", str(found[lang]), "--dev-addr", dev_addr])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.site", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    build_cmd = sub.add_parser("build", help="strict build of every language")
    build_cmd.add_argument("--site-dir", type=Path, help="output folder (default: site/)")
    serve_cmd = sub.add_parser("serve", help="serve one language, rebuilt on every change")
    serve_cmd.add_argument("--lang", default=next(iter(configs())), help="language to serve (default: ko)")
    serve_cmd.add_argument("--dev-addr", default=DEV_ADDR)
    args = parser.parse_args(argv)
    if args.command == "build":
        return build(args.site_dir)
    return serve(args.lang, args.dev_addr)


if __name__ == "__main__":
    sys.exit(main())
