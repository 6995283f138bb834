"""Mozilla HTTP Observatory's scoring, for the response headers a test client sees.

Follows the published scoring table (https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring):
start at 100, add each test's modifier. Bonuses only count once the score is 90 or more, as the
Observatory does. Tests about the network (redirection from http, CORS files, SRI on third-party
scripts we do not load) are scored as the Observatory scores a site like ours: not applicable, 0.
"""

from http.cookies import SimpleCookie


def parse_csp(header):
    policy = {}
    for directive in filter(None, (part.strip() for part in header.split(";"))):
        name, *values = directive.split()
        policy[name.lower()] = [value.lower() for value in values]
    return policy


def score_csp(policy):
    if not policy:
        return "csp-not-implemented", -25
    default = policy.get("default-src", [])
    scripts = policy.get("script-src", default)
    styles = policy.get("style-src", default)
    unsafe = {"'unsafe-inline'", "'unsafe-eval'", "data:", "http:", "https:", "*"}
    has_nonce_or_hash = any(v.startswith(("'nonce-", "'sha")) for v in scripts)
    if set(scripts) & {"'unsafe-eval'"} or ("'unsafe-inline'" in scripts and not has_nonce_or_hash):
        return "csp-implemented-with-unsafe-inline", -20
    if set(scripts) & (unsafe - {"'unsafe-inline'"}) or not scripts:
        return "csp-implemented-with-insecure-scheme", -20
    if "'unsafe-inline'" in styles:
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if "object-src" not in policy and "'none'" not in default:
        return "csp-implemented-but-object-src-not-restricted", -5
    if default == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def score_cookies(set_cookie_headers, session_cookie_names):
    if not set_cookie_headers:
        return "cookies-not-found", 0
    modifier, result = 5, "cookies-secure-with-httponly-sessions-and-samesite"
    for header in set_cookie_headers:
        cookie = SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            if not morsel["secure"]:
                return "cookies-without-secure-flag", -20
            if name in session_cookie_names and not morsel["httponly"]:
                return "cookies-session-without-httponly-flag", -30
            if not morsel["samesite"]:
                modifier, result = 0, "cookies-secure-with-httponly-sessions"
    return result, modifier


def score_hsts(header):
    if not header:
        return "hsts-not-implemented", -20
    directives = {
        d.split("=")[0].strip().lower(): d.partition("=")[2] for d in header.split(";") if d.strip()
    }
    max_age = int(directives.get("max-age", "0") or 0)
    if max_age < 15_768_000:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-implemented-max-age-at-least-six-months", 0


def score_referrer(header):
    if not header:
        return "referrer-policy-not-implemented", 0
    private = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
    policies = {p.strip().lower() for p in header.split(",")}
    if policies & {"unsafe-url", "no-referrer-when-downgrade", "origin", "origin-when-cross-origin"}:
        return "referrer-policy-unsafe", -5
    return ("referrer-policy-private", 5) if policies & private else ("referrer-policy-header-invalid", -5)


def score_xcto(header):
    if (header or "").strip().lower() == "nosniff":
        return "x-content-type-options-nosniff", 0
    return "x-content-type-options-not-implemented", -5


def score_framing(x_frame_options, policy):
    if "frame-ancestors" in policy:
        return "x-frame-options-implemented-via-csp", 5
    if (x_frame_options or "").upper() in {"DENY", "SAMEORIGIN"}:
        return "x-frame-options-sameorigin-or-deny", 0
    return "x-frame-options-not-implemented", -20


def observatory_score(response, session_cookie_names=("sessionid", "csrftoken")):
    """(score, {test: result}) for a Django test response."""
    policy = parse_csp(response.headers.get("Content-Security-Policy", ""))
    cookies = [morsel.OutputString() for morsel in response.cookies.values()]
    results = [
        score_csp(policy),
        score_cookies(cookies, session_cookie_names),
        score_hsts(response.headers.get("Strict-Transport-Security")),
        score_referrer(response.headers.get("Referrer-Policy")),
        score_xcto(response.headers.get("X-Content-Type-Options")),
        score_framing(response.headers.get("X-Frame-Options"), policy),
    ]
    penalties = sum(m for _, m in results if m < 0)
    bonuses = sum(m for _, m in results if m > 0)
    score = 100 + penalties
    if score >= 90:
        score += bonuses
    return score, dict(results)
