#!/usr/bin/python3
"""AT-SPI walk of the running app (issue 17).

Starts the app on its embedded demo cloud with foreign entries mixed in (--fault mixup),
under Xvfb with Qt's AT-SPI bridge on, inside a private D-Bus session with its own AT-SPI
bus, and walks the accessible tree a screen reader would read, for desktop and phone sizes,
in English and French: the Events section (all, then blocked only), the player, a blocked
item's details, Cameras, Settings, the sign-out dialog and the sign-in page. It fails when:
  - a showing interactive control or event tile has no accessible name;
  - a blocked tile (its name starts with "Blocked item:", as translated) or anything read
    inside it carries something of an entry: a camera name (of any account), a username,
    a label, an event or device id, or a time;
  - a section cannot be reached through AT-SPI, or the walk finds no blocked tile or too
    few verified tiles (a walk that finds nothing proves nothing).

Run it with the system Python (pyatspi is a Debian package):
  /usr/bin/python3 tests/a11y/atspi_walk.py --app build/app/veriframe
Exit 0 pass, 1 failures, 77 when a tool it needs is missing (ctest SKIP_RETURN_CODE).
"""
import argparse, json, os, re, shutil, signal, sqlite3, subprocess, sys, tempfile, time
import xml.etree.ElementTree as ET

SKIP = 77
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
CONFIGS = [("desktop", "1280x800", "en"), ("phone", "390x844", "en"),
           ("desktop", "1280x800", "fr"), ("phone", "390x844", "fr")]
SECTIONS = ["Events", "Cameras", "Settings"]  # qml/Main.qml's section titles
MIN_VERIFIED = 3


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--app", required=True)
    p.add_argument("--timeout", type=int, default=240, help="seconds for the whole walk")
    p.add_argument("--keep", help="keep the app's data, logs and screenshots in this dir")
    p.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    return walk_all(args) if args.inside else outside(args)


def outside(args):
    """Checks the tools, then runs this script again in a private D-Bus session (so the
    walk never sees, nor disturbs, a desktop's AT-SPI bus), killing all of it at the end."""
    missing = [t for t in ("dbus-run-session", "Xvfb") if not shutil.which(t)]
    missing += [BUS_LAUNCHER] if not os.access(BUS_LAUNCHER, os.X_OK) else []
    if subprocess.run([sys.executable, "-c", "import pyatspi"], capture_output=True).returncode:
        missing.append("pyatspi (python3-pyatspi)")
    if missing:
        print("SKIP: missing " + ", ".join(missing) + " (scripts/install-deps.sh installs them)")
        return SKIP
    if not os.access(args.app, os.X_OK):
        print(f"FAIL: no app at {args.app}")
        return 1
    cmd = ["dbus-run-session", "--", sys.executable, os.path.abspath(__file__), "--inside",
           "--app", os.path.abspath(args.app), "--timeout", str(args.timeout)]
    cmd += ["--keep", os.path.abspath(args.keep)] if args.keep else []
    # Its own process group: whatever is left below it (daemons, the app) dies with it.
    proc = subprocess.Popen(cmd, start_new_session=True, stdin=subprocess.DEVNULL)
    try:
        return proc.wait(timeout=args.timeout + 15)
    except subprocess.TimeoutExpired:
        print(f"FAIL: the walk did not end within {args.timeout + 15} s")
        return 1
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


class Translations:
    """The app's own French strings (resources/translations), so the walk knows the blocked
    wording, the tile formats and the section titles in each language without copies."""

    def __init__(self):
        self.fr = {}
        for ctx in ET.parse(os.path.join(ROOT, "resources/translations/veriframe_fr.ts")).getroot():
            for m in ctx.iter("message"):
                t = m.find("translation")
                if t is not None and t.text and not t.get("type"):
                    self.fr[(ctx.findtext("name"), m.findtext("source"))] = t.text

    def tr(self, lang, context, source):
        return self.fr.get((context, source), source) if lang == "fr" else source


class Facts:
    """What an entry could leak, read from the run's own cloud world and automation log."""

    def __init__(self, data_dir, translations):
        db = sqlite3.connect(os.path.join(data_dir, "embedded-cloud", "cloud.sqlite"))
        self.cameras = sorted({r[0] for r in db.execute("SELECT name FROM cameras")})
        self.ids = {r[0] for r in db.execute("SELECT id FROM cameras")}
        self.ids |= {r[0] for r in db.execute("SELECT id FROM events")}
        # Labels: the kinds in any case ("person", the chip's "Person"), and the French chip
        # words as shown only ("Son" is a label, "son" is French prose).
        self.kinds = {r[0] for r in db.execute("SELECT DISTINCT kind FROM events")}
        self.chips = {translations.tr("fr", "LabelChip", k.capitalize()) for k in self.kinds}
        self.users = {r[0] for r in db.execute("SELECT username FROM users")}
        db.close()

    def leaks(self, text):
        found = [c for c in self.cameras if c.lower() in text.lower()]
        found += [i for i in self.ids if i in text]
        found += [w for w in self.kinds | self.users
                  if re.search(r"\b" + re.escape(w) + r"\b", text, re.I)]
        found += [w for w in self.chips if re.search(r"\b" + re.escape(w) + r"\b", text)]
        found += re.findall(r"\b\d{1,2} ?[:h] ?\d{2}\b", text)  # 15:57, 15 h 57
        found += re.findall(r"\b(?:evt|cam|usr)-[0-9a-f]{6,}\b", text)  # ids of other worlds
        return found


class Walker:
    """Walks one app's accessible tree and collects counts and failures."""

    def __init__(self, pyatspi, facts, tr, lang):
        self.pa = pyatspi
        self.facts = facts
        self.blocked_prefix = tr(lang, "EventTile", "Blocked item: %1").split("%1")[0]
        self.checking_prefix = tr(lang, "EventTile", "Event from %1, %2 at %3, checking").split("%1")[0]
        r = pyatspi
        self.controls = {r.ROLE_PUSH_BUTTON, r.ROLE_TOGGLE_BUTTON, r.ROLE_CHECK_BOX,
                         r.ROLE_RADIO_BUTTON, r.ROLE_COMBO_BOX, r.ROLE_ENTRY, r.ROLE_PASSWORD_TEXT,
                         r.ROLE_SPIN_BUTTON, r.ROLE_LIST_ITEM, r.ROLE_PAGE_TAB, r.ROLE_MENU_ITEM,
                         r.ROLE_CHECK_MENU_ITEM, r.ROLE_RADIO_MENU_ITEM, r.ROLE_SLIDER, r.ROLE_LINK}
        self.failures = []

    def start(self):
        """Counts are per walk: one walk per view."""
        self.n = dict(nodes=0, controls=0, tiles=0, verified=0, blocked=0)
        self.n["hidden unnamed"] = 0

    def children(self, node):
        for i in range(node.childCount):
            c = node.getChildAtIndex(i)
            if c is not None:
                yield c

    def showing(self, node):
        return node.getState().contains(self.pa.STATE_SHOWING)

    def label(self, node):
        if node.name:
            return f"{node.getRoleName()} '{node.name}'"
        # An unnamed node: the first text inside tells which one it is.
        inside = self.first_text(node)
        return f"{node.getRoleName()} ''" + (f" (holding '{inside}')" if inside else "")

    def first_text(self, node):
        for c in self.children(node):
            found = c.name or self.first_text(c)
            if found:
                return found
        return ""

    def walk(self, node, path=()):
        self.n["nodes"] += 1
        path = path + (node,)  # labels only for a failure: naming an unnamed node costs calls
        role, name = node.getRole(), (node.name or "").strip()
        editable = node.getState().contains(self.pa.STATE_EDITABLE)
        # A combo box's text is its own part: the combo box's name names it.
        in_combo = node.parent is not None and node.parent.getRole() == self.pa.ROLE_COMBO_BOX
        if role in self.controls or (role == self.pa.ROLE_TEXT and editable and not in_combo):
            if not self.showing(node):
                # Not reachable now (another section, a closed panel): counted, not judged.
                self.n["hidden unnamed"] += not name
            else:
                self.n["controls"] += 1
                # Qt 6.4 reports no name for a password edit, whatever the QML sets
                # (QQuickAccessibleAttached::name() returns "" once passwordEdit is on):
                # its description must then say what it is.
                if role == self.pa.ROLE_PASSWORD_TEXT and not name:
                    name = (node.description or "").strip()
                if not name:
                    self.fail("control without a name", path, node)
        if role == self.pa.ROLE_PUSH_BUTTON:
            # Every tile the view has made is judged, showing or scrolled out: both can be read.
            self.tile(node, name, path)
        for c in self.children(node):
            self.walk(c, path)

    def tile(self, node, name, path):
        """An event tile is a button named with the blocked wording, or after a camera."""
        if self.is_blocked(name):
            self.n["tiles"] += 1
            self.n["blocked"] += 1
            # A screen reader reads the name, the description and what is inside the tile.
            texts = [name, node.description or ""] + self.texts_inside(node)
            leaks = sorted({leak for t in texts for leak in self.facts.leaks(t)})
            if leaks:
                self.fail(f"blocked tile carries {leaks} in {texts}", path, node)
        elif name.startswith(self.checking_prefix):
            self.n["tiles"] += 1
        elif self.is_verified(name):
            self.n["tiles"] += 1
            self.n["verified"] += 1

    def texts_inside(self, node):
        out = []
        for c in self.children(node):
            out += [c.name or "", c.description or ""] + self.texts_inside(c)
        return [t for t in out if t]

    def fail(self, what, path, node):
        where = " > ".join(self.label(n) for n in path[1:])
        self.failures.append(f"{what}: {node.getRoleName()} at {where}")

    def is_blocked(self, name):
        return name.startswith(self.blocked_prefix)

    def is_verified(self, name):
        """A verified tile's name starts with its camera's ("%1, %2 at %3, %4%5")."""
        return any(name.startswith(c + ", ") for c in self.facts.cameras)

    def find_tile(self, node, pred):
        """The first showing tile whose name fits `pred`."""
        if node.getRole() == self.pa.ROLE_PUSH_BUTTON and self.showing(node):
            name = node.name or ""
            if self.is_blocked(name) or self.is_verified(name):
                return node if pred(name) else None
        for c in self.children(node):
            found = self.find_tile(c, pred)
            if found is not None:
                return found
        return None

    def find_all(self, node, role, name, out):
        if node.getRole() == role and node.name == name and self.showing(node):
            out.append(node)
        for c in self.children(node):
            self.find_all(c, role, name, out)

    def find(self, node, role, name):
        if node.getRole() == role and node.name == name and self.showing(node):
            return node
        for c in self.children(node):
            found = self.find(c, role, name)
            if found is not None:
                return found
        return None


class Session:
    """Xvfb and the AT-SPI bus for the whole walk; one app run per configuration."""

    def __init__(self, work, deadline):
        self.work, self.deadline, self.procs = work, deadline, []
        # A private runtime dir: the AT-SPI bus socket goes there, not in a shared ~/.cache.
        os.environ["XDG_RUNTIME_DIR"] = self.mkdir("runtime", 0o700)
        os.environ["HOME"] = self.mkdir("home")  # the app's QSettings (language) start empty
        r, w = os.pipe()
        # -displayfd: Xvfb picks a free display and tells us which.
        self.spawn(["Xvfb", "-displayfd", str(w), "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
                   "xvfb.log", pass_fds=(w,))
        os.close(w)
        display = self.read_display(r)
        # DISPLAY before the bus: the registry daemon it starts needs it to synthesize clicks.
        os.environ["DISPLAY"] = ":" + display
        self.spawn([BUS_LAUNCHER, "--launch-immediately"], "at-spi-bus.log")

    def mkdir(self, name, mode=0o755):
        path = os.path.join(self.work, name)
        os.makedirs(path, mode=mode, exist_ok=True)
        return path

    def read_display(self, fd):
        with os.fdopen(fd) as f:
            return f.readline().strip() or sys.exit("FAIL: Xvfb did not start")

    def spawn(self, cmd, log, env=None, pass_fds=()):
        out = open(os.path.join(self.work, log), "ab")
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=out, env=env,
                                pass_fds=pass_fds)
        self.procs.append(proc)
        return proc

    def start_app(self, app, name, size, lang, cloud_from):
        """Starts the app and returns (process, data dir) once it is idle (--screenshot is
        written by the automation driver after the --quit-when-idle conditions have held)."""
        data = self.mkdir(name)
        if cloud_from:  # reuse the first run's demo world: building one takes ~20 s
            shutil.copytree(os.path.join(cloud_from, "embedded-cloud"),
                            os.path.join(data, "embedded-cloud"))
        shot = os.path.join(data, "idle.png")
        env = dict(os.environ, QT_QPA_PLATFORM="xcb", QT_ACCESSIBILITY="1",
                   QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1")
        proc = self.spawn([app, "--data-dir", data, "--fault", "mixup:0.3", "--size", size,
                           "--language", lang, "--automation-log", os.path.join(data, "log.jsonl"),
                           "--screenshot", shot], name + ".log", env)
        while not os.path.exists(shot):
            if proc.poll() is not None:
                raise RuntimeError(f"the app exited ({proc.returncode}) before idle, see {name}.log")
            if time.time() > self.deadline:
                raise RuntimeError(f"the app was not idle in time, see {name}.log")
            time.sleep(0.2)
        return proc, data

    def stop(self, proc):
        proc.kill()
        proc.wait()

    def close(self):
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.kill()


def app_node(pyatspi, pid, deadline):
    """The app's accessible, found by its pid (it registers shortly after starting)."""
    desktop = pyatspi.Registry.getDesktop(0)
    while time.time() < deadline:
        for i in range(desktop.childCount):
            a = desktop.getChildAtIndex(i)
            if a is not None and a.get_process_id() == pid:
                return a
        time.sleep(0.2)
    raise RuntimeError("the app never appeared on the AT-SPI bus")


def wait_for(app, done, deadline, seconds=3):
    end = min(deadline, time.time() + seconds)
    while time.time() < end:
        app.clear_cache()  # pyatspi caches states and children: the old ones would answer
        if done():
            return True
        time.sleep(0.2)
    return False


def activate(w, app, node, done, deadline):
    """Activates `node` as a screen reader would, with its AT-SPI Press action, and waits
    for `done()`. A node without that action, or one whose action does nothing, is a
    failure; a click synthesized at its centre (also through AT-SPI) then lets the walk go
    on. Returns whether `done()` came true."""
    actions = node.queryAction()
    names = [actions.getName(i) for i in range(actions.nActions)]
    press = [i for i, n in enumerate(names) if n.lower() in ("press", "click", "activate")]
    if not press:
        w.failures.append(f"{w.label(node)} has no press action (only {names}): "
                          "a screen reader cannot activate it")
    elif actions.doAction(press[0]) and wait_for(app, done, deadline):
        return True
    else:
        w.failures.append(f"the press action of {w.label(node)} did nothing")
    e = node.queryComponent().getExtents(w.pa.DESKTOP_COORDS)
    w.pa.Registry.generateMouseEvent(e.x + e.width // 2, e.y + e.height // 2, "b1c")
    if wait_for(app, done, deadline):
        return True
    w.failures.append(f"even a click on {w.label(node)} did nothing")
    return False


def open_section(w, app, title, deadline):
    """Opens a section with its navigation item: the desktop rail's list item or the phone
    bar's tab, both named with the section's title, which the page's heading shows."""
    pa = w.pa
    nav = w.find(app, pa.ROLE_LIST_ITEM, title) or w.find(app, pa.ROLE_PAGE_TAB, title)
    if nav is None:
        w.failures.append(f"no showing navigation item named '{title}'")
        return False
    return activate(w, app, nav, lambda: w.find(app, pa.ROLE_LABEL, title) is not None, deadline)


class View:
    def __init__(self, name, open, walk=True):
        self.name, self.open, self.walk = name, open, walk  # walk=False: a step between views


def views(trs, lang):
    """What is walked in each run: the Events page as it opens, then its blocked items
    only (the blocked banner's Show button: every refused entry of the page as a tile),
    then the other sections through the navigation."""
    def blocked_only(w, app, deadline):
        show = w.find(app, w.pa.ROLE_PUSH_BUTTON, trs.tr(lang, "BlockedBanner", "Show"))
        if show is None:
            w.failures.append("no blocked banner with a Show button on the Events page")
            return False
        # Done when no verified tile shows any more.
        return activate(w, app, show, lambda: w.find_tile(app, lambda n: not w.is_blocked(n)) is None,
                        deadline)

    def section(title):
        return lambda w, app, deadline: open_section(w, app, trs.tr(lang, "Main", title), deadline)

    def button(name):
        return lambda w, app: w.find(app, w.pa.ROLE_PUSH_BUTTON, name)

    def open_tile(blocked, shows, context):
        """Presses a showing tile (blocked or verified) and waits for the button `shows`
        of what it opens: the player, or a blocked item's details."""
        def step(w, app, deadline):
            tile = w.find_tile(app, lambda n: w.is_blocked(n) == blocked)
            if tile is None:
                w.failures.append(f"no showing {'blocked' if blocked else 'verified'} tile to open")
                return False
            shown = button(trs.tr(lang, context, shows))
            return activate(w, app, tile, lambda: shown(w, app) is not None, deadline)
        return step

    def close_with(name, context):
        """Presses the button `name` and waits until it is gone with what it closes."""
        def step(w, app, deadline):
            close = button(trs.tr(lang, context, name))
            found = close(w, app)
            return found is not None and activate(w, app, found, lambda: close(w, app) is None, deadline)
        return step

    def sign_out_dialog(w, app, deadline):
        """Settings' Sign out: the confirm dialog, its buttons named after the action."""
        sign_out = button(trs.tr(lang, "SettingsPage", "Sign out"))(w, app)
        if sign_out is None:
            w.failures.append("no Sign out button in Settings")
            return False
        cancel = button(trs.tr(lang, "ConfirmDialog", "Cancel"))
        return activate(w, app, sign_out, lambda: cancel(w, app) is not None, deadline)

    def sign_in_page(w, app, deadline):
        """The dialog's own Sign out (the last button of that name: the dialog's is over the
        page's), then the sign-in page."""
        name = trs.tr(lang, "SettingsPage", "Sign out")
        found = []
        w.find_all(app, w.pa.ROLE_PUSH_BUTTON, name, found)
        if len(found) < 2:
            w.failures.append(f"the sign-out dialog has no button named '{name}'")
            return False
        signing_in = button(trs.tr(lang, "SignInPage", "Sign in"))
        return activate(w, app, found[-1], lambda: signing_in(w, app) is not None, deadline)

    return [View("Events", lambda *_: True),
            View("Player", open_tile(False, "Close player", "PlayerView")),
            View("Events again", close_with("Close player", "PlayerView"), walk=False),
            View("Events, blocked only", blocked_only),
            View("Blocked item's details", open_tile(True, "Copy details for support", "EventDetails")),
            View("Blocked only again", close_with("Close", "EventDetails"), walk=False)] + \
        [View(t, section(t)) for t in SECTIONS[1:]] + \
        [View("Sign-out dialog", sign_out_dialog), View("Sign-in page", sign_in_page)]


def walk_all(args):
    deadline = time.time() + args.timeout
    signal.signal(signal.SIGALRM, lambda *_: sys.exit("FAIL: the walk timed out"))
    signal.alarm(args.timeout + 5)  # D-Bus calls into a stuck app must not hang us
    work = args.keep or tempfile.mkdtemp(prefix="atspi-walk-")
    os.makedirs(work, exist_ok=True)
    session = Session(work, deadline)
    import pyatspi  # only now: it connects to the session bus of dbus-run-session

    trs = Translations()
    failures, totals, first_data = [], {}, None
    try:
        only = os.environ.get("VF_WALK_ONLY")  # e.g. "desktop-en": one run, while working on it
        for form, size, lang in CONFIGS:
            run = f"{form}-{lang}"
            if only and run != only:
                continue
            proc, data = session.start_app(args.app, run, size, lang, first_data)
            first_data = first_data or data
            facts = Facts(data, trs)
            w = Walker(pyatspi, facts, trs.tr, lang)
            app = app_node(pyatspi, proc.pid, deadline)
            refused = sum(json.loads(l).get("type") == "refused"
                          for l in open(os.path.join(data, "log.jsonl")))
            print(f"{run} ({size}): {refused} entries refused in the automation log")
            found = dict(verified=0, blocked=0)
            for view in views(trs, lang):
                if not view.open(w, app, deadline) or not view.walk:
                    continue
                w.start()
                app.clear_cache()
                w.walk(app)
                print(f"  {view.name:20} " + "  ".join(f"{k} {v}" for k, v in w.n.items()))
                for k, v in w.n.items():
                    totals[k] = totals.get(k, 0) + v
                    found[k] = found.get(k, 0) + v
            session.stop(proc)
            if found["blocked"] < 1 or found["verified"] < MIN_VERIFIED:
                w.failures.append(f"found {found['blocked']} blocked and {found['verified']} verified "
                                  f"tiles: at least 1 and {MIN_VERIFIED} are needed to prove anything")
            # The same defect shows in every section walked: report it once per run.
            failures += [f"[{run}] {f}" for f in dict.fromkeys(w.failures)]
    except RuntimeError as e:
        failures.append(f"FAIL: {e} (in {work})")
    finally:
        session.close()
    print("total: " + ", ".join(f"{k} {v}" for k, v in totals.items()))
    for f in failures:
        print("FAIL " + f)
    print(f"{len(failures)} failure(s)" + (f"; files in {work}" if args.keep else ""))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
