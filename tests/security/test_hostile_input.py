from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.public_urls import KNOWN_PARAMETERS

pytestmark = pytest.mark.django_db
MIN_REQUESTS = 3_000

HOSTILE_QUERIES = {
    "NUL byte": "q=%00",
    "NUL byte in a filter": "tag=a%00b",
    "invalid UTF-8": "q=%FF%FE%FA",
    "overlong UTF-8": "q=%C0%AF",
    "10 kB value": "q=" + "a" * 10_240,
    "absurd page number": "page=99999999999999999999999",
    "repeated parameters": "page=1&page=2&page=x&tag=a&tag=b&tag=a",
    "many parameters": "&".join(f"x{i}=1" for i in range(200)),
    "unknown parameters": "utm_source=x&foo[]=1&__proto__=1",
    "script in a filter": "tag=%3Cscript%3Ealert(1)%3C/script%3E",
}


def status(client, url, query="", **headers):
    response = client.get(f"{url}?{query}" if query else url, **headers)
    return response.status_code, response


@pytest.mark.parametrize("name", HOSTILE_QUERIES)
def test_hostile_queries_get_a_page_or_a_4xx(name, public_urls, quiet_client):
    for url in public_urls:
        code, _ = status(quiet_client, url, HOSTILE_QUERIES[name])
        assert code < 500, f"{url}?{HOSTILE_QUERIES[name][:60]} answered {code}"


def test_garbage_is_refused_before_the_cache_with_a_bilingual_400(client, site_tree):
    code, response = status(client, "/", "q=%00")
    assert code == 400
    body = response.content.decode()
    assert "Adressen kunde inte tolkas" in body
    assert 'lang="en"' in body and "could not be understood" in body
    assert "X-Page-Cache" not in response


def test_a_page_with_ordinary_parameters_is_served(client, site_tree):
    code, _ = status(client, "/", "utm_source=newsletter&page=2")
    assert code == 200


def test_invalid_utf8_in_the_path_is_a_4xx(quiet_client, site_tree):
    for path in ("/%FF/", "/en/%C3%28/", "/%00/", "/documents/1/%FF.pdf"):
        assert quiet_client.get(path).status_code in {400, 404}


@pytest.mark.parametrize(
    "language",
    [
        "",
        "*",
        "sv;q=abc",
        "en-US,en;q=0.9" * 200,
        "xx-ÿÿ",
        "\x00",
        ";;;,,,;q=",
        "sv" + "-a" * 300,
    ],
)
def test_malformed_accept_language_still_serves_the_home_page(client, site_tree, language):
    code, response = status(client, "/", HTTP_ACCEPT_LANGUAGE=language)
    assert code == 200
    assert '<html lang="sv">' in response.content.decode()


# --- Property test --------------------------------------------------------------------------


def percent(raw):
    return quote(raw, safe="")


byte_values = st.binary(max_size=40).map(percent)
text_values = st.text(max_size=40).map(lambda text: percent(text.encode("utf-8", "surrogatepass")))
number_values = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["0", "-1", "1e99", "NaN", "Infinity", "0x10", "１２", "1.5", ""]),
)
huge_values = st.sampled_from(["a" * 10_240, "%FF" * 3_000, "%00" * 100, "ä" * 4_000])
values = st.one_of(text_values, byte_values, number_values, huge_values)
keys = st.one_of(st.sampled_from(KNOWN_PARAMETERS), text_values, st.just("page"))
queries = st.lists(st.tuples(keys, values), max_size=8).map(
    lambda pairs: "&".join(f"{key}={value}" for key, value in pairs)
)
accept_languages = st.one_of(
    st.none(),
    st.sampled_from(["sv", "en", "en-GB,en;q=0.8", "*;q=x", "q=;,;", "sv-SE" * 200]),
    st.text(max_size=60),
)
path_suffixes = st.one_of(
    st.just(""),
    st.sampled_from(["feed/", "rss/", "page/2/", "2025/", "%FF/", "..%2F..%2F", "x" * 300 + "/"]),
)


def test_zero_5xx_in_thousands_of_generated_hostile_requests(public_urls, quiet_client):
    sent = []
    failures = []

    @settings(
        max_examples=MIN_REQUESTS,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        url=st.sampled_from(public_urls),
        suffix=path_suffixes,
        query=queries,
        language=accept_languages,
    )
    def send(url, suffix, query, language):
        headers = {} if language is None else {"HTTP_ACCEPT_LANGUAGE": language}
        target = url + suffix if url.endswith("/") else url
        response = quiet_client.get(f"{target}?{query}" if query else target, **headers)
        sent.append(target)
        if response.status_code >= 500:
            failures.append((response.status_code, target, query[:200], language))

    send()
    assert len(sent) >= MIN_REQUESTS
    assert len(set(sent)) >= len(public_urls)
    assert failures == []
