"""What the browser tests share: a headless Debian chromium driven by playwright (tests/test_docs.py and
tests/test_report.py). Without playwright or chromium those tests are skipped, unless CBLDM_REQUIRE_BROWSER=1 (as in
CI), where they fail."""
import os, shutil
import pytest

REQUIRE_BROWSER = os.environ.get('CBLDM_REQUIRE_BROWSER') == '1'
CHROMIUM = shutil.which('chromium') or shutil.which('chromium-browser')
# as root, without a sandbox; no background connections (this machine's network is closed)
CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--enable-unsafe-swiftshader',
                  '--disable-background-networking', '--disable-component-update', '--disable-sync']


def need(ok, what):
    "Skip (or, under CBLDM_REQUIRE_BROWSER=1, fail) when `ok` is false."
    if ok: return
    if REQUIRE_BROWSER: pytest.fail(what)
    pytest.skip(what)


@pytest.fixture(scope='session')
def chromium():
    "A headless chromium (playwright's Browser), one per test session."
    need(CHROMIUM, 'no chromium: apt-get install -y chromium')
    try: from playwright.sync_api import sync_playwright
    except ImportError: need(False, 'playwright is not installed: pip install -e ".[docs]"')
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield b
        b.close()


def open_page(browser, url, allowed=('http://127.0.0.1', 'data:', 'blob:', 'about:')):
    "Load a page; return it with its console errors, uncaught exceptions, failed requests and requests off `allowed`."
    page = browser.new_page(viewport={'width': 1280, 'height': 900})
    log = {'console': [], 'exceptions': [], 'failed': [], 'offsite': []}
    page.on('console', lambda m: m.type == 'error' and log['console'].append(m.text))
    page.on('pageerror', lambda e: log['exceptions'].append(str(e)))
    page.on('requestfailed', lambda r: log['failed'].append(r.url))
    page.on('response', lambda r: r.status >= 400 and log['failed'].append(f'{r.status} {r.url}'))
    page.on('request', lambda r: not r.url.startswith(allowed) and log['offsite'].append(r.url))
    page.goto(url, wait_until='load')
    return page, log
