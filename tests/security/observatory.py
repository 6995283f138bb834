"""Mozilla HTTP Observatory's scoring, for the response headers a test client sees.

Follows the published scoring table (https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring)
and the rules of the Observatory's analyser (mozilla/http-observatory, `scanner/analyzer/headers.py`):
start at 100, add each test's modifier; bonuses only count once the score is 90 or more. Tests about the
network (redirection from http, CORS files, HSTS preload list, SRI on third-party scripts we do not load)
score 0 for a site like ours and are left out.

Results and modifiers, as published:

    csp-implemented-with-no-unsafe-default-src-none        +10
    csp-implemented-with-no-unsafe                          +5
    csp-implemented-with-unsafe-inline-in-style-src-only     0
    csp-implemented-with-insecure-scheme-in-passive-content-only  -10
    csp-implemented-with-unsafe-eval                       -10
    csp-implemented-with-unsafe-inline                     -20
    csp-implemented-with-insecure-scheme                   -20
    csp-header-invalid / csp-not-implemented               -25
    cookies-secure-with-httponly-sessions-and-samesite      +5
    cookies-secure-with-httponly-sessions / cookies-not-found  0
    cookies-without-secure-flag-but-protected-by-hsts       -5
    cookies-session-without-secure-flag-but-protected-by-hsts  -10
    cookies-without-secure-flag / cookies-samesite-flag-invalid / cookies-anticsrf-without-samesite-flag  -20
    cookies-session-without-httponly-flag                  -30
    cookies-session-without-secure-flag                    -40
    hsts-implemented-max-age-at-least-six-months             0
    hsts-implemented-max-age-less-than-six-months          -10
    hsts-not-implemented / hsts-header-invalid             -20
    referrer-policy-private                                 +5
    referrer-policy-no-referrer-when-downgrade / -not-implemented  0
    referrer-policy-unsafe / referrer-policy-header-invalid  -5
    x-content-type-options-nosniff                           0
    x-content-type-options-not-implemented / -header-invalid  -5
    x-frame-options-implemented-via-csp                     +5
    x-frame-options-sameorigin-or-deny                       0
    x-frame-options-not-implemented / -header-invalid      -20
    cross-origin-resource-policy-*                           0, header-invalid -5
"""

SIX_MONTHS = 15_768_000
DANGEROUSLY_BROAD = {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}
UNSAFE_INLINE = {"'unsafe-inline'", "data:"}
NONCES_HASHES = ("'sha256-", "'sha384-", "'sha512-", "'nonce-")


# --- Content Security Policy ---------------------------------------------------------------------------


def parse_csp(header):
    """{directive: set of sources}; None when the header is invalid (a directive given twice)."""
    policy = {}
    for directive in filter(None, (part.strip() for part in header.split(";"))):
        name, *values = directive.split()
        name = name.lower()
        if name in policy:
            return None
        # Source keywords are case-insensitive; nonces are not, but only their prefix matters here.
        policy[name] = {v.lower() if v.startswith("'") and not v.startswith("'nonce-") else v for v in values}
    return policy


def effective_sources(policy):
    """(script, object, style) sources as browsers apply them: falling back to default-src, a nonce or
    hash voiding 'unsafe-inline' (http-observatory issues 88 and 277), 'strict-dynamic' dropping hosts."""
    default = policy.get("default-src")
    object_src = set(policy.get("object-src") or default or {"*"})
    script_src = set(policy.get("script-src") or default or {"*"})
    style_src = set(policy.get("style-src") or default or {"*"})
    for sources in (script_src, style_src):
        if any(source.startswith(NONCES_HASHES) for source in sources):
            sources.discard("'unsafe-inline'")
    if "'strict-dynamic'" in script_src:
        script_src = {s for s in script_src if s.startswith("'") and s not in {"'self'", "'unsafe-inline'"}}
    return script_src, object_src, style_src


def insecure(sources):
    return any("http:" in s or "ftp:" in s for s in sources)


def score_csp(header, is_https=True):
    if not header:
        return "csp-not-implemented", -25
    policy = parse_csp(header)
    if not policy:
        return "csp-header-invalid", -25
    script_src, object_src, style_src = effective_sources(policy)
    active = script_src | object_src
    passive = style_src | set(policy.get("img-src", ())) | set(policy.get("media-src", ()))
    checks = [
        (active & (DANGEROUSLY_BROAD | UNSAFE_INLINE), "csp-implemented-with-unsafe-inline", -20),
        (is_https and insecure(active), "csp-implemented-with-insecure-scheme", -20),
        ("'unsafe-eval'" in active, "csp-implemented-with-unsafe-eval", -10),
        (is_https and insecure(passive), "csp-implemented-with-insecure-scheme-in-passive-content-only", -10),
        (
            style_src & (DANGEROUSLY_BROAD | UNSAFE_INLINE),
            "csp-implemented-with-unsafe-inline-in-style-src-only",
            0,
        ),
        (policy.get("default-src") == {"'none'"}, "csp-implemented-with-no-unsafe-default-src-none", 10),
    ]
    return next(
        ((result, score) for failed, result, score in checks if failed), ("csp-implemented-with-no-unsafe", 5)
    )


# --- Cookies -------------------------------------------------------------------------------------------

COOKIE_RESULTS = {  # from best to worst, as the Observatory ranks them
    "cookies-secure-with-httponly-sessions-and-samesite": 5,
    "cookies-secure-with-httponly-sessions": 0,
    "cookies-without-secure-flag-but-protected-by-hsts": -5,
    "cookies-session-without-secure-flag-but-protected-by-hsts": -10,
    "cookies-without-secure-flag": -20,
    "cookies-samesite-flag-invalid": -20,
    "cookies-anticsrf-without-samesite-flag": -20,
    "cookies-session-without-httponly-flag": -30,
    "cookies-session-without-secure-flag": -40,
}


def cookie_failures(morsel, samesite, has_hsts):
    """What the Observatory holds against one cookie, worst or not."""
    name = morsel.key.lower()
    # The Observatory's own guesses at what a cookie is for.
    is_session = "login" in name or "sess" in name
    is_anticsrf = "csrf" in name
    if samesite and samesite not in {"strict", "lax", "none"}:
        yield "cookies-samesite-flag-invalid"
    if not morsel["secure"]:
        yield (
            "cookies-without-secure-flag-but-protected-by-hsts" if has_hsts else "cookies-without-secure-flag"
        )
    if is_anticsrf and not samesite:
        yield "cookies-anticsrf-without-samesite-flag"
    if is_session and not morsel["secure"]:
        yield (
            "cookies-session-without-secure-flag-but-protected-by-hsts"
            if has_hsts
            else "cookies-session-without-secure-flag"
        )
    if is_session and not morsel["httponly"]:
        yield "cookies-session-without-httponly-flag"


def score_cookies(morsels, has_hsts):
    """`morsels`: the http.cookies.Morsel objects the response sets (Django's `response.cookies`)."""
    morsels = list(morsels)
    if not morsels:
        return "cookies-not-found", 0
    ranking = list(COOKIE_RESULTS)
    worst = None
    all_samesite = True

    def worse(result):
        nonlocal worst
        if worst is None or ranking.index(result) > ranking.index(worst):
            worst = result

    for morsel in morsels:
        samesite = (morsel["samesite"] or "").strip().lower()
        if not samesite:
            all_samesite = False
        for result in cookie_failures(morsel, samesite, has_hsts):
            worse(result)
    if worst is None:
        worst = (
            "cookies-secure-with-httponly-sessions-and-samesite"
            if all_samesite
            else "cookies-secure-with-httponly-sessions"
        )
    return worst, COOKIE_RESULTS[worst]


# --- The other headers ---------------------------------------------------------------------------------


def parse_hsts(header):
    """max-age in seconds, or None when the header is missing or invalid."""
    if not header:
        return None
    directives = {}
    for part in filter(None, (p.strip() for p in header.split(";"))):
        name, _, value = part.partition("=")
        directives[name.strip().lower()] = value.strip().strip('"')
    try:
        return int(directives["max-age"])
    except (KeyError, ValueError):
        return -1


def score_hsts(header):
    max_age = parse_hsts(header)
    if max_age is None:
        return "hsts-not-implemented", -20
    if max_age < 0:
        return "hsts-header-invalid", -20
    if max_age < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-implemented-max-age-at-least-six-months", 0


REFERRER_POLICIES = {
    "no-referrer": ("referrer-policy-private", 5),
    "same-origin": ("referrer-policy-private", 5),
    "strict-origin": ("referrer-policy-private", 5),
    "strict-origin-when-cross-origin": ("referrer-policy-private", 5),
    "no-referrer-when-downgrade": ("referrer-policy-no-referrer-when-downgrade", 0),
    "origin": ("referrer-policy-unsafe", -5),
    "origin-when-cross-origin": ("referrer-policy-unsafe", -5),
    "unsafe-url": ("referrer-policy-unsafe", -5),
}


def score_referrer(header):
    if not header:
        return "referrer-policy-not-implemented", 0
    # Browsers use the last policy they understand.
    known = [p.strip().lower() for p in header.split(",") if p.strip().lower() in REFERRER_POLICIES]
    return REFERRER_POLICIES[known[-1]] if known else ("referrer-policy-header-invalid", -5)


def score_xcto(header):
    if header is None:
        return "x-content-type-options-not-implemented", -5
    if header.strip().lower() == "nosniff":
        return "x-content-type-options-nosniff", 0
    return "x-content-type-options-header-invalid", -5


def score_framing(x_frame_options, csp_header):
    policy = parse_csp(csp_header or "") or {}
    frame_ancestors = policy.get("frame-ancestors")
    if frame_ancestors and "*" not in frame_ancestors:
        return "x-frame-options-implemented-via-csp", 5
    if x_frame_options is None:
        return "x-frame-options-not-implemented", -20
    value = x_frame_options.strip().upper()
    if value in {"DENY", "SAMEORIGIN"}:
        return "x-frame-options-sameorigin-or-deny", 0
    if value.startswith("ALLOW-FROM"):
        return "x-frame-options-allow-from-origin", 0
    return "x-frame-options-header-invalid", -20


def score_corp(header):
    if header is None:
        return "cross-origin-resource-policy-not-implemented", 0
    value = header.strip().lower()
    if value in {"same-origin", "same-site", "cross-origin"}:
        return f"cross-origin-resource-policy-implemented-with-{value}", 0
    return "cross-origin-resource-policy-header-invalid", -5


def observatory_score(response, is_https=True):
    """(score, {test: result}) for a Django test response, as the Observatory would score it."""
    headers = response.headers
    hsts = score_hsts(headers.get("Strict-Transport-Security"))
    results = {
        "content-security-policy": score_csp(headers.get("Content-Security-Policy", ""), is_https),
        "cookies": score_cookies(response.cookies.values(), has_hsts=hsts[1] == 0),
        "strict-transport-security": hsts,
        "referrer-policy": score_referrer(headers.get("Referrer-Policy")),
        "x-content-type-options": score_xcto(headers.get("X-Content-Type-Options")),
        "x-frame-options": score_framing(
            headers.get("X-Frame-Options"), headers.get("Content-Security-Policy")
        ),
        "cross-origin-resource-policy": score_corp(headers.get("Cross-Origin-Resource-Policy")),
    }
    penalties = sum(modifier for _, modifier in results.values() if modifier < 0)
    bonuses = sum(modifier for _, modifier in results.values() if modifier > 0)
    score = 100 + penalties
    if score >= 90:
        score += bonuses
    return score, {test: result for test, (result, _) in results.items()}
