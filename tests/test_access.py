"""Issue 11: roles, their pages and panels, access markers on queries, sign-in with
local accounts (argon2, rate-limited), the demo switch on the sample, and the
publishing log recording the signed-in account."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cnnt import access, accounts, db
from cnnt.store import SamePerson, Store
from tests.conftest import PROJECT, SAMPLE_ROOT, shown_tables

PASSWORD = "mat-khau-thu-nghiem"
USERS = {"congchung": "public", "kehoach": "planner", "dulieu": "data_officer", "lanhdao": "leadership"}
PAGE_FILES = {p.stem: p.relative_to(PROJECT).as_posix() for p in PROJECT.glob("pages/*.py")}
EXPECTED = {
    "public": {"overview", "participation", "pass_rates", "revenue"},
    "planner": {"overview", "participation", "pass_rates", "revenue", "localities", "locality_profile", "lookup"},
    "data_officer": set(PAGE_FILES),
    "leadership": set(PAGE_FILES) - {"data"},
}


# ---- queries: markers and the one door to DuckDB ----------------------------------------
def _views_over(tables: set[str]) -> set[str]:
    """Names defined in queries/views/ whose definition reads any of ``tables`` (transitively)."""
    defined = {}
    for view in sorted(db.VIEWS_DIR.glob("*.sql")):
        text = view.read_text("utf-8")
        for m in re.finditer(
            r"create\s+or\s+replace\s+(?:view|macro)\s+(\w+)(.*?)(?=create\s+or\s+replace|\Z)", text, re.I | re.S
        ):
            defined[m.group(1).lower()] = m.group(2).lower()
    found = set(tables)
    while True:
        more = {n for n, body in defined.items() if n not in found and any(re.search(rf"\b{x}\b", body) for x in found)}
        if not more:
            return found - set(tables)
        found |= more


MONEY = {"financials"}  # establishment-level revenue, jobs and income


def test_every_query_reading_establishment_money_carries_an_access_marker():
    readers = MONEY | _views_over(MONEY)
    assert "metric_values" in readers
    marked = {}
    for name in db.query_names():
        sql = db.load_sql(name)
        body = sql.lower()
        if any(re.search(rf"\b{r}\b", body) for r in readers) or "revenue_vnd" in body:
            marked[name] = access.query_marker(sql)
    assert {"establishment_financials", "prospect_revenue_bands", "event_study_panel"} <= set(marked)
    missing = {n: m for n, m in marked.items() if m not in ("confidential", "aggregated")}
    assert not missing, f"queries reading establishments' money without '-- Access: confidential|aggregated': {missing}"
    # The two that return one establishment's own figures are confidential.
    assert marked["establishment_financials"] == marked["prospect_revenue_bands"] == "confidential"


def test_every_marker_is_known():
    for name in db.query_names():
        access.query_right(db.load_sql(name))  # raises on an unknown marker


def test_the_database_refuses_confidential_queries_for_roles_without_the_right(fixture_db, fixture_id):
    params = {"establishment_id": "E1"}
    for role in ("public", "planner", "data_officer"):
        with pytest.raises(access.AccessRefused):
            fixture_db.query(fixture_id, "establishment_financials", params, role=role)
    assert len(fixture_db.query(fixture_id, "establishment_financials", params, role="leadership")) > 0
    with pytest.raises(access.AccessRefused):
        fixture_db.query(fixture_id, "lookup_search", {"q": "ca phe", "limit": 5}, role="public")
    # aggregated inputs run for everybody; the page shows medians only
    assert fixture_db.query(
        fixture_id,
        "event_study_panel",
        {"metric": "revenue", "groups": None, "districts": None, "scope": None},
        role="public",
    ).shape[1]


def test_the_cached_entry_point_checks_before_the_cache(fixture_root, fixture_id):
    db.run("establishment_financials", fixture_id, fixture_root, role="leadership", establishment_id="E1")
    with pytest.raises(access.AccessRefused):  # a cached result is not handed out to a lesser role
        db.run("establishment_financials", fixture_id, fixture_root, role="planner", establishment_id="E1")
    with pytest.raises(access.AccessRefused):  # no role given outside a session: the open role
        db.run("prospect_revenue_bands", fixture_id, fixture_root, role="nobody", establishment_ids=["E1"])


def test_an_unknown_or_conflicting_marker_fails_closed():
    with pytest.raises(ValueError):
        access.query_right("-- Question: x\n-- Access: secret\nwith a as (select 1) select * from a")
    with pytest.raises(ValueError):
        access.query_right("-- Access: detail\n-- Access: aggregated\nselect 1")
    assert access.query_right("-- Question: x\nselect 1") == access.AGGREGATES


def test_roles_and_settings():
    assert access.valid_role("root") == "public"
    assert access.page_allowed("leadership", "lookup") and not access.page_allowed("leadership", "data")
    assert not access.page_allowed("data_officer", "unknown_page")


def test_open_role_defaults_to_public_and_the_old_setting_means_leadership(monkeypatch):
    monkeypatch.delenv("CNNT_OPEN_ROLE", raising=False)
    assert access.open_role() == "public"
    monkeypatch.setenv("CNNT_OPEN_ROLE", "superuser")
    assert access.open_role() == "public"
    monkeypatch.setenv("CNNT_SHOW_CONFIDENTIAL", "1")
    assert access.open_role() == "leadership"


# ---- accounts ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def accounts_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("secrets") / "accounts.toml"
    for name, role in USERS.items():
        accounts.add(name, role, PASSWORD, path=path)
    return path


def test_accounts_file_holds_only_salted_argon2_hashes_and_is_private(accounts_path):
    text = accounts_path.read_text("utf-8")
    assert PASSWORD not in text
    hashes = re.findall(r'hash = "(\$argon2id\$[^"]+)"', text)
    assert len(hashes) == 4 and len(set(hashes)) == 4  # salted: same password, different hashes
    assert accounts_path.stat().st_mode & 0o777 == 0o600


def test_accounts_file_inside_the_repository_is_refused_and_ignored(tmp_path):
    inside = PROJECT / "data" / "accounts-test.toml"
    with pytest.raises(accounts.AccountError):
        accounts.add("x1", "planner", PASSWORD, path=inside)
    assert not inside.exists() and accounts.load(inside) == {}


def test_verify_and_disable(tmp_path):
    path = tmp_path / "a.toml"
    accounts.add("an", "planner", PASSWORD, path=path)
    assert accounts.verify("AN", PASSWORD, path).role == "planner"
    assert accounts.verify("an", PASSWORD + "x", path) is None
    assert accounts.verify("nobody", PASSWORD, path) is None
    accounts.disable("an", path)
    assert accounts.verify("an", PASSWORD, path) is None and accounts.active("an", path) is None
    accounts.enable("an", path)
    assert accounts.active("an", path) is not None
    with pytest.raises(accounts.AccountError):
        accounts.add("b", "planner", "short", path=path)
    with pytest.raises(accounts.AccountError):
        accounts.add("c", "admin", PASSWORD, path=path)


def test_failed_sign_ins_are_limited_per_account_and_per_session():
    th = accounts.Throttle(per_account=3, per_session=5, window_s=60)
    for _ in range(3):
        th.failed("an", "s1", now=0)
    assert th.blocked("an", "s2", now=1) and th.blocked("AN ", "s3", now=1)  # whoever tries that account
    assert not th.blocked("other", "s2", now=1)
    assert not th.blocked("an", "s2", now=61)  # the window passes
    for i in range(5):
        th.failed(f"name{i}", "s9", now=100)
    assert th.blocked("fresh", "s9", now=101)  # one session trying many names


def test_users_command_line(tmp_path):
    path = tmp_path / "cli.toml"
    env = {"CNNT_ACCOUNTS_FILE": str(path), "PATH": "/usr/bin:/bin"}

    def cli(*args, stdin=""):
        return subprocess.run(
            [sys.executable, "-m", "cnnt", "users", *args],
            cwd=PROJECT,
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
        )

    added = cli("add", "nguyenvana", "--role", "data_officer", "--password-stdin", stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    assert (
        cli(
            "add", "ba@sct.daklak.gov.vn", "--role", "leadership", "--email", "ba@sct.daklak.gov.vn", "--no-password"
        ).returncode
        == 0
    )
    assert cli("disable", "nguyenvana").returncode == 0
    listed = cli("list").stdout
    assert re.search(r"nguyenvana\tdata_officer\t-\tpassword\tdisabled", listed)
    assert re.search(r"ba@sct.daklak.gov.vn\tleadership\tba@sct.daklak.gov.vn\tprovider\tactive", listed)
    dup = cli("add", "nguyenvana", "--role", "planner", "--password-stdin", stdin=PASSWORD + "\n")
    assert dup.returncode == 2 and "Traceback" not in dup.stderr and "exists" in dup.stderr


# ---- the dashboard, per role ---------------------------------------------------------------
def _app(monkeypatch, root, accounts_file=None, **query) -> AppTest:
    monkeypatch.setenv("CNNT_DATA_DIR", str(root))
    monkeypatch.setenv("CNNT_OPEN_ROLE", "public")
    if accounts_file is not None:
        monkeypatch.setenv("CNNT_ACCOUNTS_FILE", str(accounts_file))
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    return at


def _sign_in(at: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    from streamlit.navigation.page import calc_hash

    at._page_hash = calc_hash("dang-nhap")  # the sign-in page is a function page: no file to name
    at.run()
    at.text_input(key="auth_name").input(name)
    at.text_input(key="auth_password").input(password)
    next(b for b in at.button if b.label == "Đăng nhập").click()
    at.run()
    return at


def _visible(at: AppTest, page: str) -> bool:
    at.switch_page(PAGE_FILES[page])
    at.run()
    assert not at.exception, (page, at.exception)
    return not (at.title and at.title[0].value == "Không có quyền truy cập")


@pytest.mark.parametrize("role", list(access.ROLES))
def test_each_role_sees_its_pages_and_is_refused_the_others(monkeypatch, fixture_root, accounts_path, role):
    at = _app(monkeypatch, fixture_root, accounts_path)
    if role != "public":
        _sign_in(at, next(n for n, r in USERS.items() if r == role))
        assert at.session_state["_cnnt_identity"].role == role
    seen = {page for page in PAGE_FILES if _visible(at, page)}
    assert seen == EXPECTED[role]


def test_nothing_configured_real_data_open_in_the_public_role_only(monkeypatch, fixture_root, tmp_path):
    at = _app(monkeypatch, fixture_root, tmp_path / "none.toml")
    assert at.session_state["_cnnt_identity"].role == "public"
    assert not any(s.key == "demo_role" for s in at.selectbox)  # no demo switch on real data
    at.switch_page("pages/data.py").run()
    assert at.title[0].value == "Không có quyền truy cập"
    assert "Tải mẫu Excel" not in str([b.label for b in at.get("download_button")])
    at.switch_page("pages/participation.py").run()
    assert any("chỉ dành cho cán bộ đã đăng nhập" in c.value for c in at.caption)  # entries behind the bars
    assert not at.get("multiselect") or all(m.key != "part_drill_rounds" for m in at.multiselect)


def test_an_open_data_officer_role_is_told_how_to_get_an_account(monkeypatch, fixture_root, tmp_path, accounts_path):
    """CNNT_OPEN_ROLE=data_officer shows the Data page, but loading needs an account: with
    none configured the page says who makes one and how; with accounts, where to sign in."""
    monkeypatch.setenv("CNNT_DATA_DIR", str(fixture_root))
    monkeypatch.setenv("CNNT_OPEN_ROLE", "data_officer")
    for accounts_file, shown, absent in (
        (tmp_path / "none.toml", "python -m cnnt users add TÊN --role data_officer", "Cần đăng nhập"),
        (accounts_path, "Cần đăng nhập bằng tài khoản cán bộ dữ liệu", "users add"),
    ):
        monkeypatch.setenv("CNNT_ACCOUNTS_FILE", str(accounts_file))
        at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60)
        at.run()
        at.switch_page("pages/data.py").run()
        assert not at.exception and at.title[0].value == "Dữ liệu và đối chiếu"
        warnings = " ".join(w.value for w in at.warning)
        assert shown in warnings and absent not in warnings, warnings
    assert [e.proto.label for e in at.get("page_link")].count("Đăng nhập") == 1  # the sidebar's
    from streamlit.navigation.page import calc_hash

    at._page_hash = calc_hash("dang-nhap")  # the sign-in page names the role a visitor has without an account
    at.run()
    assert any("vai trò “Cán bộ dữ liệu”" in c.value for c in at.caption), [c.value for c in at.caption]


def test_confidential_panels_only_for_leadership(monkeypatch, fixture_root, accounts_path):
    for name, shown in (("kehoach", False), ("lanhdao", True)):
        at = _app(monkeypatch, fixture_root, accounts_path)
        _sign_in(at, name)
        at.switch_page("pages/lookup.py").run()
        at.text_input(key="lookup_q").input("ca phe thu").run()
        assert any("Doanh thu (đồng)" in d.columns for d in shown_tables(at)) is shown
        at.switch_page("pages/localities.py").run()
        assert ("Quy mô doanh thu (tỷ đồng)" in shown_tables(at)[-1].columns) is shown


def test_a_wrong_password_gives_no_hint_and_the_throttle_holds(monkeypatch, fixture_root, accounts_path):
    accounts.THROTTLE._failures.clear()
    at = _app(monkeypatch, fixture_root, accounts_path)
    _sign_in(at, "dulieu", "wrong-password-1")
    wrong_password = at.error[0].value
    _sign_in(at, "nobody-here", PASSWORD)
    assert at.error[0].value == wrong_password  # the same words whichever part was wrong
    for _ in range(5):
        _sign_in(at, "lanhdao", "wrong-password-2")
    _sign_in(at, "lanhdao", PASSWORD)  # the right password, but the account is held for now
    assert at.error and at.session_state["_cnnt_identity"].role == "public"
    accounts.THROTTLE._failures.clear()


def test_a_disabled_account_loses_its_role_on_the_next_run(monkeypatch, fixture_root, tmp_path):
    path = tmp_path / "acc.toml"
    accounts.add("tam", "data_officer", PASSWORD, path=path)
    at = _app(monkeypatch, fixture_root, path)
    _sign_in(at, "tam")
    assert at.session_state["_cnnt_identity"].role == "data_officer"
    time.sleep(0.01)
    accounts.disable("tam", path)
    at.switch_page("pages/data.py").run()
    assert at.session_state["_cnnt_identity"].role == "public" and at.title[0].value == "Không có quyền truy cập"


def test_demo_switch_on_the_sample_shows_every_role_with_a_banner(monkeypatch, tmp_path):
    at = _app(monkeypatch, SAMPLE_ROOT, tmp_path / "none.toml")
    assert at.session_state["_cnnt_identity"].account == "demo:public"
    assert any("Chế độ thử trên dữ liệu mẫu" in w.value for w in at.warning)
    at.selectbox(key="demo_role").set_value("data_officer")
    at.switch_page("pages/data.py").run()  # (a plain AppTest rerun of the default page skips dashboard.py)
    assert at.title[0].value == "Dữ liệu và đối chiếu"
    assert any("demo:data_officer" in c.value for c in at.caption)
    at = _app(monkeypatch, SAMPLE_ROOT, tmp_path / "none.toml", demo_role="leadership")
    assert at.session_state["_cnnt_identity"].role == "leadership"


def test_the_log_records_the_signed_in_account_and_two_person_rule(monkeypatch, tmp_path, fixture_root, accounts_path):
    import shutil

    from tests.import_examples import good_workbook

    root = tmp_path / "data"
    shutil.copytree(fixture_root, root)
    monkeypatch.setenv("CNNT_TWO_PERSON_RULE", "1")
    at = _app(monkeypatch, root, accounts_path)
    _sign_in(at, "dulieu")
    at.switch_page("pages/data.py").run()
    assert not any(ti.label == "Người thực hiện" for ti in at.text_input)  # no typed name
    from cnnt import importer

    # Stage as "dulieu" through the importer (what the page's check does), publish on the page.
    result = importer.run_import(Store(root), [("ket-qua.xlsx", good_workbook())], by="dulieu")
    assert result.staged is not None and not result.errors
    store = Store(root)
    with pytest.raises(SamePerson):
        store.publish_staged(result.staged.id, by="dulieu", two_person=True)
    store.publish_staged(result.staged.id, by="dulieu2", two_person=True)
    store.set_current(Store(fixture_root).current_id(), by="dulieu", action="rollback")
    assert [e["by"] for e in store.history()][-2:] == ["dulieu2", "dulieu"]


def test_cli_records_the_os_user_and_refuses_without_one(tmp_path, fixture_root):
    import shutil

    root = tmp_path / "data"
    shutil.copytree(fixture_root, root)
    current = Store(root).current_id()
    base = [sys.executable, "-c", "import sys; from cnnt.__main__ import run; sys.exit(run())"]

    def cli(*args, user):
        env = {"PATH": "/usr/bin:/bin", "CNNT_DATA_DIR": str(root), "HOME": str(tmp_path)}
        if user:
            env["USER"] = env["LOGNAME"] = user
        # getpass.getuser() falls back to the password database; a uid without an entry has no user.
        pre = [] if user else ["setpriv", "--reuid=54321", "--regid=54321", "--clear-groups"]
        return subprocess.run([*pre, *base, *args], cwd=PROJECT, env=env, capture_output=True, text=True)

    ok = cli("use", current, user="")
    if shutil.which("setpriv") is None or "setpriv" in ok.stderr:
        pytest.skip("setpriv is not available")
    assert ok.returncode == 2 and "Traceback" not in ok.stderr and "operating-system user" in ok.stderr
    done = cli("use", current, user="officer1")  # $USER is not trusted: the real uid's account is recorded
    assert done.returncode == 0, done.stderr
    import pwd

    assert Store(root).history()[-1]["by"] == pwd.getpwuid(os.getuid()).pw_name


def test_identity_provider_sign_in_maps_the_email_to_a_role(monkeypatch, fixture_root, tmp_path):
    """With [auth] in the secrets, st.login's e-mail address is mapped through the accounts file."""
    path = tmp_path / "acc.toml"
    accounts.add("ba.lanhdao", "leadership", None, email="Ba@SCT.daklak.gov.vn", path=path)
    monkeypatch.setenv("CNNT_DATA_DIR", str(fixture_root))
    monkeypatch.setenv("CNNT_OPEN_ROLE", "public")
    monkeypatch.setenv("CNNT_ACCOUNTS_FILE", str(path))
    auth_section = {
        "redirect_uri": "https://cnnt.example/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "cnnt",
        "client_secret": "s",
        "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
    }
    for user, role, account in (
        ({"is_logged_in": True, "email": "ba@sct.daklak.gov.vn"}, "leadership", "ba@sct.daklak.gov.vn"),
        ({"is_logged_in": True, "email": "ai.do@example.com"}, "public", None),  # no role assigned
        ({"is_logged_in": True, "email": "ba@sct.daklak.gov.vn", "email_verified": False}, "public", None),
        ({"is_logged_in": False}, "public", None),
    ):
        at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60)
        at.secrets["auth"] = auth_section
        at.user = user
        at.run()
        assert not at.exception
        ident = at.session_state["_cnnt_identity"]
        assert (ident.role, ident.account) == (role, account), user
    accounts.disable("ba.lanhdao", path)
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60)
    at.secrets["auth"] = auth_section
    at.user = {"is_logged_in": True, "email": "ba@sct.daklak.gov.vn"}
    at.run()
    assert at.session_state["_cnnt_identity"].role == "public"


def test_cli_publish_under_the_two_person_rule(tmp_path, fixture_root):
    import pwd
    import shutil

    from cnnt import importer
    from tests.import_examples import good_workbook

    root = tmp_path / "data"
    shutil.copytree(fixture_root, root)
    me = pwd.getpwuid(os.getuid()).pw_name
    env = {**os.environ, "CNNT_TWO_PERSON_RULE": "1"}
    mine = importer.run_import(Store(root), [("a.xlsx", good_workbook())], by=me).staged.id
    cli = [sys.executable, "-m", "cnnt", "--data", str(root), "publish"]
    refused = subprocess.run([*cli, mine], cwd=PROJECT, env=env, capture_output=True, text=True)
    assert refused.returncode == 1 and "two-person" in refused.stderr and Store(root).current_id() != mine
    other = importer.run_import(Store(root), [("b.xlsx", good_workbook())], by="someone-else").staged.id
    done = subprocess.run([*cli, other], cwd=PROJECT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert Store(root).current_id() == other and Store(root).history()[-1]["by"] == me
