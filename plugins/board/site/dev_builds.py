"""What ``make devserver`` does when a file is saved.

An edit to listings alone is applied to the build kept in memory (``site/live.py``), so its page,
lists and feeds are served within seconds. A full build then runs in the background, into a folder
beside the site, and replaces the site when it ends, unless another edit came meanwhile: then it
is set aside and another one runs. Any other change (theme, settings, pages, organizations,
vocabulary, schemas) is a full build in this process. Changes to the board's own code in
``plugins/`` need a restart.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Collection
from pathlib import Path

import watchfiles
from pelican.log import init as init_logging
from pelican.settings import read_settings

from board.core.errors import BoardError
from board.render.credential import to_sign_folder
from board.site.live import LiveSite
from board.site.staging import replace
from board.site.up_to_date import record_path


class DevBuilds:
    """The builds of one dev server: the site in ``output``, by the settings in ``settings_file``."""

    def __init__(self, settings_file: Path, output: Path) -> None:
        settings = read_settings(str(settings_file))
        self.settings_file = settings_file
        self.output = output
        self.content = Path(settings["PATH"])
        self.watched = [self.content, Path(settings["THEME"]), settings_file, Path("schemas")]
        self.site = LiveSite(settings_file, output)
        self.next = output.parent / f".{output.name}.next"  # where background builds go
        self._lock = threading.Lock()  # held while the site's files change
        self._edits = 0
        self._background: subprocess.Popen[bytes] | None = None

    def run(self, stop: threading.Event) -> None:
        """A full build, then one update per batch of saved changes, until ``stop`` is set."""
        init_logging(level=logging.WARNING, name="pelican")
        self._full_build()
        try:
            for changes in watchfiles.watch(*self.watched, stop_event=stop, debounce=400):
                self.changed({Path(path) for _, path in changes})
        finally:
            self._stop_background()

    def changed(self, paths: Collection[Path]) -> None:
        # An editor's scratch files come and go; a listing that went is a change.
        paths = [path for path in paths if path.exists() or path.suffix == ".yaml"]
        if not paths:
            return
        with self._lock:
            self._edits += 1
        if self.site.ready and self._only_listings(paths):
            self._apply(paths)
        else:
            self._full_build()

    def _only_listings(self, paths: Collection[Path]) -> bool:
        folder = self.site.listings_folder.resolve()
        return all(path.parent.resolve() == folder and path.suffix == ".yaml" for path in paths)

    def _apply(self, paths: Collection[Path]) -> None:
        started = time.perf_counter()
        try:
            with self._lock:
                update = self.site.apply(paths)
        except BoardError as failure:
            print(failure, file=sys.stderr)
            return
        except Exception:  # a bug or a broken template must not stop the server: the next change builds in full
            traceback.print_exc()
            return
        names = ", ".join(sorted(path.stem for path in paths))
        print(f"Updated {names}: {len(update.written)} files in {time.perf_counter() - started:.1f} s; "
              "the search index and the rest follow with a full build in the background.", file=sys.stderr)
        self._start_background()

    def _full_build(self) -> None:
        started = time.perf_counter()
        print("Building the whole site…", file=sys.stderr)
        try:
            with self._lock:
                self.site.build()
        except BoardError as failure:
            print(failure, file=sys.stderr)
            return
        except Exception:
            traceback.print_exc()
            return
        print(f"Built the whole site in {time.perf_counter() - started:.1f} s.", file=sys.stderr)

    def _start_background(self) -> None:
        """A full build into ``self.next``, unless one runs: it starts again when that one ends."""
        with self._lock:
            if self._background is not None:
                return
            command = [sys.executable, "-m", "pelican", "--quiet", str(self.content), "-o", str(self.next),
                       "-s", str(self.settings_file)]
            self._background = subprocess.Popen(command)
            os.setpriority(os.PRIO_PROCESS, self._background.pid, 10)  # the dev server's own updates come first
            threading.Thread(target=self._finish, args=(self._background, self._edits, time.perf_counter()),
                             daemon=True).start()

    def _finish(self, build: subprocess.Popen[bytes], edits: int, started: float) -> None:
        build.wait()
        with self._lock:
            self._background = None
            current = edits == self._edits
            if build.returncode == 0 and current:
                replace(self.output, self.next)
                record_path(self.next).replace(record_path(self.output))
                print(f"The full build caught up ({time.perf_counter() - started:.0f} s): search and every page "
                      "are current.", file=sys.stderr)
            else:
                for leftover in self.next, to_sign_folder(self.next):
                    shutil.rmtree(leftover, ignore_errors=True)
                record_path(self.next).unlink(missing_ok=True)
        if not current:  # an edit came meanwhile, whether this one failed or not
            self._start_background()

    def _stop_background(self) -> None:
        with self._lock:
            if self._background is not None:
                self._background.terminate()
