"""The documentation site: built from the notebooks with the README's command (Sphinx, warnings as errors) and
opened page by page in a real headless browser (Debian's chromium driven by playwright): every page loads without
a console error and without asking the network for anything, every local link and anchor resolves, math is typeset,
the plotly figure is drawn, images are present, search finds a page.

Needs the `docs` extra and a chromium (`apt-get install -y chromium`); without them these tests are skipped unless
CBLDM_REQUIRE_BROWSER=1 (as in CI), where they fail. CBLDM_DOCS_SCREENSHOTS=folder saves screenshots of the index
and the predict pages."""
import functools, html.parser, http.server, os, shutil, subprocess, sys, threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import need, open_page

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / '_build' / 'html'


@pytest.fixture(scope='module')
def site():
    "The site, built by `python -m sphinx nbs _build/html` with warnings as errors."
    for mod in ('sphinx', 'myst_nb', 'furo'):
        try: __import__(mod)
        except ImportError: need(False, f'{mod} is not installed: pip install -e ".[docs]"')
    shutil.rmtree(SITE, ignore_errors=True)   # from scratch: Sphinx keeps pages it did not rewrite
    r = subprocess.run([sys.executable, '-m', 'sphinx', '-q', '-E', '-W', '--keep-going', 'nbs', str(SITE)], cwd=ROOT,
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, f'the site did not build:\n{r.stdout[-4000:]}\n{r.stderr[-4000:]}'
    return SITE


def pages(site):
    "Every page of the site (the highlighted source pages of `_modules/` included)."
    return sorted(p.relative_to(site).as_posix() for p in site.rglob('*.html')
                  if not p.relative_to(site).as_posix().startswith(('_static/', '_sources/')))


class Anchors(html.parser.HTMLParser):
    "The ids and names a page defines, and the hrefs and srcs it uses."
    def __init__(self):
        super().__init__(); self.ids, self.refs = set(), []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k in ('id', 'name'):
            if a.get(k): self.ids.add(a[k])
        for k in ('href', 'src'):
            if a.get(k) and not (tag == 'link' and a.get('rel') in ('canonical',)): self.refs.append(a[k])


@functools.lru_cache(maxsize=None)
def parsed(path):
    p = Anchors(); p.feed(Path(path).read_text(encoding='utf-8')); return p


def test_site_pages_and_api(site):
    "Every notebook is a page, every module has an API page with its functions documented."
    names = set(pages(site))
    nbs = [p.relative_to(ROOT / 'nbs').with_suffix('.html').as_posix() for p in (ROOT / 'nbs').rglob('*.ipynb')
           if '.ipynb_checkpoints' not in p.parts and not p.name.startswith('_')]
    assert len(nbs) >= 25 and not set(nbs) - names, sorted(set(nbs) - names)
    mods = [p.stem for p in (ROOT / 'cbldm').glob('*.py') if not p.stem.startswith('_')]
    assert not {f'api/{m}.html' for m in mods} - names, sorted({f'api/{m}.html' for m in mods} - names)
    fit = (site / 'api' / 'fit.html').read_text()
    assert 'id="cbldm.fit.Fitter"' in fit and 'From the notebook' in fit
    # a parameter's comment (docments) shows in the reference
    assert 'the .html file to write' in (site / 'api' / 'plots.html').read_text()
    # nbdev's directives and hidden cells are not shown
    predict = (site / '11_predict.html').read_text()
    assert '#| export' not in predict and '#| hide' not in predict


def test_local_links_resolve(site):
    "Every local href/src points at a file of the site, and every #anchor at an id of its page."
    bad, external = [], set()
    for page in pages(site):
        path = site / page
        for ref in parsed(str(path)).refs:
            u = urlsplit(ref)
            if u.scheme in ('http', 'https', 'mailto'): external.add(ref); continue
            if u.scheme or ref.startswith('javascript:'): continue
            target = path if not u.path else (path.parent / unquote(u.path)).resolve()
            if target.is_dir(): target = target / 'index.html'
            if not target.exists(): bad.append(f'{page}: {ref}'); continue
            if u.fragment and target.suffix == '.html' and unquote(u.fragment) not in parsed(str(target)).ids:
                bad.append(f'{page}: {ref} (no such anchor)')
    assert not bad, '\n'.join(bad[:30])
    # the few external links are the repository's and the documentation generator's: not fetched by the test
    assert all(urlsplit(e).netloc.endswith(('github.com', 'sphinx-doc.org', 'furo.readthedocs.io', 'pradyunsg.me',
                                            'arxiv.org', 'doi.org', 'pypi.org')) for e in external), sorted(external)


@pytest.fixture(scope='module')
def browser(chromium, site):
    "The site served on localhost, and the browser."
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a): pass
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield chromium, f'http://127.0.0.1:{server.server_port}/'
    server.shutdown()


def test_every_page_loads_cleanly(browser, site):
    "No console error, no exception, no failed request and nothing from the network, on every page."
    b, base = browser
    bad = []
    for name in pages(site):
        page, log = open_page(b, base + name)
        page.wait_for_timeout(50)
        problems = {k: v for k, v in log.items() if v}
        if problems: bad.append(f'{name}: {problems}')
        page.close()
    assert not bad, '\n'.join(bad[:20])


def test_math_plots_images_search(browser, site):
    "Math is typeset by the site's own MathJax, the plotly figure is drawn, every image has pixels, search finds pages."
    b, base = browser
    shots = os.environ.get('CBLDM_DOCS_SCREENSHOTS')
    math_pages = [n for n in pages(site) if 'class="math' in (site / n).read_text()]
    assert len(math_pages) >= 3, math_pages
    for name in math_pages:
        page, _ = open_page(b, base + name)
        page.wait_for_function('window.MathJax && MathJax.startup && MathJax.startup.promise', timeout=20000)
        page.evaluate('MathJax.startup.promise')
        n_math = page.locator('.math').count()
        assert n_math and page.locator('.math mjx-container').count() == n_math, name
        page.close()
    plotly_pages = [n for n in pages(site) if 'plotly-graph-div' in (site / n).read_text()]
    assert plotly_pages, 'no page holds a plotly figure'
    for name in plotly_pages:
        page, log = open_page(b, base + name)
        page.wait_for_selector('.plotly-graph-div .main-svg', timeout=20000)
        assert page.locator('.plotly-graph-div .main-svg .scatterlayer .trace').count() >= 2, name
        page.close()
    n_img = 0
    for name in pages(site):
        if '<img' not in (site / name).read_text(): continue
        page, _ = open_page(b, base + name)
        sizes = page.eval_on_selector_all('img', 'els => els.map(e => [e.complete, e.naturalWidth, e.src])')
        assert all(done and w > 0 for done, w, _ in sizes), (name, [s for s in sizes if not s[1]])
        n_img += len(sizes)
        page.close()
    assert n_img >= 10, n_img
    page, _ = open_page(b, base + 'search.html?q=qdamp')
    page.wait_for_selector('#search-results ul.search li', timeout=20000)
    assert page.locator('#search-results ul.search li').count() >= 3
    page.close()
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        for name in ('index', '11_predict', 'tutorials/from_a_measured_pdf', 'api/fit'):
            page, _ = open_page(b, base + name + '.html')
            page.screenshot(path=str(Path(shots) / (name.replace('/', '_') + '.png')), full_page=False)
            page.close()
