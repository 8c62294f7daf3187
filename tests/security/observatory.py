"""The MDN HTTP Observatory's published scoring rules, applied to one response's headers.

Source: "HTTP Observatory Scoring Methodology" (developer.mozilla.org/en-US/observatory/docs/
tests_and_scoring, and httpobs/docs/scoring.md in mozilla/http-observatory). Every site starts
at 100; penalties are deducted first, and bonuses count only if the result is still 90 or more.
100+ is A+. Only the tests that headers decide are scored here; HSTS preloading (a list lookup)
earns nothing, and redirection is scored from the plain-HTTP response passed in.
"""

import re
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

GRADES = [
    (100, "A+"),
    (90, "A"),
    (85, "A-"),
    (80, "B+"),
    (70, "B"),
    (65, "B-"),
    (60, "C+"),
    (50, "C"),
    (45, "C-"),
    (40, "D+"),
    (30, "D"),
    (25, "D-"),
    (0, "F"),
]
SIX_MONTHS = 15_552_000
PRIVATE_REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}


@dataclass
class Result:
    score: int
    grade: str
    tests: dict = field(default_factory=dict)


def parse_csp(header):
    policy = {}
    for directive in header.split(";"):
        parts = directive.strip().split()
        if parts:
            policy.setdefault(parts[0].lower(), [source.lower() for source in parts[1:]])
    return policy


def csp_test(headers):
    header = headers.get("Content-Security-Policy")
    if not header:
        return "csp-not-implemented", -25
    policy = parse_csp(header)
    default = policy.get("default-src", [])

    def sources(name):
        return policy.get(name, default)

    script = sources("script-src")
    style = sources("style-src")
    object_src = sources("object-src")
    # A nonce or a hash makes browsers ignore 'unsafe-inline'.
    script_guarded = any(s.startswith(("'nonce-", "'sha")) for s in script)
    if "'unsafe-inline'" in script and not script_guarded:
        return "csp-implemented-with-unsafe-inline", -20
    if "data:" in script or "http:" in script or "*" in script or "https:" in script:
        return "csp-implemented-with-insecure-scheme", -20
    if "'unsafe-eval'" in script:
        return "csp-implemented-with-unsafe-eval", -10
    if not object_src or "*" in object_src:
        return "csp-implemented-with-unsafe-inline", -20
    style_guarded = any(s.startswith(("'nonce-", "'sha")) for s in style)
    if "'unsafe-inline'" in style and not style_guarded:
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if default == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def cookies_test(set_cookie_headers, hsts):
    if not set_cookie_headers:
        return "cookies-not-found", 0
    all_samesite = True
    for header in set_cookie_headers:
        jar = SimpleCookie()
        jar.load(header)
        for morsel in jar.values():
            if not morsel["secure"]:
                return (
                    ("cookies-without-secure-flag-but-protected-by-hsts", -5)
                    if hsts
                    else ("cookies-without-secure-flag", -20)
                )
            if not morsel["httponly"] and "session" in morsel.key.lower():
                return "cookies-session-without-httponly-flag", -30
            samesite = morsel["samesite"].lower()
            if samesite and samesite not in {"strict", "lax"}:
                return "cookies-samesite-flag-invalid", -20
            all_samesite &= bool(samesite)
    if all_samesite:
        return "cookies-secure-with-httponly-sessions-and-samesite", 5
    return "cookies-secure-with-httponly-sessions", 0


def cors_test(headers):
    if headers.get("Access-Control-Allow-Origin", "").strip() == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access", 0
    return "cross-origin-resource-sharing-not-implemented", 0


def redirection_test(http_status, http_location):
    if http_status not in (301, 302, 307, 308) or not http_location:
        return "redirection-missing", -20
    if not http_location.startswith("https://"):
        return "redirection-not-to-https", -20
    return "redirection-to-https", 0


def referrer_test(headers):
    value = headers.get("Referrer-Policy")
    if not value:
        return "referrer-policy-not-implemented", 0
    policies = [item.strip().lower() for item in value.split(",") if item.strip()]
    if policies and policies[-1] in PRIVATE_REFERRER_POLICIES:
        return "referrer-policy-private", 5
    if policies and policies[-1] in {"origin", "origin-when-cross-origin", "unsafe-url"}:
        return "referrer-policy-unsafe", -5
    return "referrer-policy-header-invalid", -5


def hsts_test(headers):
    value = headers.get("Strict-Transport-Security")
    if not value:
        return "hsts-not-implemented", -20
    match = re.search(r"max-age=(\d+)", value, re.I)
    if not match:
        return "hsts-header-invalid", -20
    if int(match.group(1)) < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-implemented-max-age-at-least-six-months", 0


def sri_test(body):
    external = re.findall(r"<script[^>]+src=[\"'](https?:)?//", body, re.I)
    if external:
        return "sri-not-implemented-and-external-scripts-loaded-securely", -5
    if re.search(r"<script[^>]+src=", body, re.I):
        return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0
    return "sri-not-implemented-but-no-scripts-loaded", 0


def nosniff_test(headers):
    if headers.get("X-Content-Type-Options", "").strip().lower() == "nosniff":
        return "x-content-type-options-nosniff", 0
    return "x-content-type-options-not-implemented", -5


def frame_options_test(headers):
    policy = parse_csp(headers.get("Content-Security-Policy", ""))
    ancestors = policy.get("frame-ancestors")
    if ancestors and "*" not in ancestors:
        return "x-frame-options-implemented-via-csp", 5
    if headers.get("X-Frame-Options", "").strip().upper() in {"DENY", "SAMEORIGIN"}:
        return "x-frame-options-sameorigin-or-deny", 0
    return "x-frame-options-not-implemented", -20


def score(headers, set_cookie_headers, body, http_status, http_location):
    tests = dict(
        [
            csp_test(headers),
            cookies_test(set_cookie_headers, "Strict-Transport-Security" in headers),
            cors_test(headers),
            redirection_test(http_status, http_location),
            referrer_test(headers),
            hsts_test(headers),
            sri_test(body),
            nosniff_test(headers),
            frame_options_test(headers),
        ]
    )
    total = 100 + sum(value for value in tests.values() if value < 0)
    if total >= 90:
        total += sum(value for value in tests.values() if value > 0)
    total = max(total, 0)
    grade = next(letter for floor, letter in GRADES if total >= floor)
    return Result(total, grade, tests)
