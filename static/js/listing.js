// Listings (Kunskap, Fallstudier, Litteratur, Aktuellt, the search) update in place: when a
// facet changes, a chosen filter is removed, "Rensa alla" or another page of results is chosen,
// the same address is fetched and the parts marked `data-listing-swap` are replaced. The count
// (`data-listing-count`, a status message) keeps its element and changes its text, so screen
// readers announce it. The address bar follows, so every state can be shared and Back works.
// Progressive enhancement: without this script the form is sent with its button and every link
// loads a page (templates/components/facet_panel.html).
(function () {
    "use strict";

    var form = document.querySelector("form[data-listing-form]");
    if (!form || !window.fetch || !window.DOMParser || !window.URLSearchParams || !history.pushState) {
        return;
    }
    var listing = document.querySelector("[data-listing]");
    var pending = null;

    function formAddress() {
        var params = new URLSearchParams();
        new FormData(form).forEach(function (value, name) {
            if (value !== "") {
                params.append(name, value);
            }
        });
        var query = params.toString();
        return form.action.split("?")[0] + (query ? "?" + query : "");
    }

    function swap(fresh, focusCount) {
        var focusedId = document.activeElement && document.activeElement.id;
        document.querySelectorAll("[data-listing-swap]").forEach(function (part) {
            var name = part.getAttribute("data-listing-swap");
            var replacement = fresh.querySelector('[data-listing-swap="' + name + '"]');
            if (replacement) {
                part.replaceWith(document.importNode(replacement, true));
            }
        });
        var count = document.querySelector("[data-listing-count]");
        var freshCount = fresh.querySelector("[data-listing-count]");
        if (count && freshCount) {
            count.textContent = freshCount.textContent;
        }
        document.title = fresh.title;
        var focused = focusedId && document.getElementById(focusedId);
        if (focusCount && count) {
            count.focus();
            count.scrollIntoView({block: "nearest"});
        } else if (focused && focused !== document.activeElement) {
            focused.focus();
        }
    }

    function load(address, push, focusCount) {
        if (pending) {
            pending.abort();
        }
        var controller = window.AbortController ? new AbortController() : null;
        pending = controller;
        if (listing) {
            listing.setAttribute("aria-busy", "true");
        }
        fetch(address, {
            headers: {Accept: "text/html"},
            credentials: "same-origin",
            signal: controller ? controller.signal : undefined,
        })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error(String(response.status));
                }
                return response.text();
            })
            .then(function (html) {
                var fresh = new DOMParser().parseFromString(html, "text/html");
                if (!fresh.querySelector("[data-listing]")) {
                    throw new Error("not a listing");
                }
                if (push) {
                    history.pushState({listing: true}, "", address);
                }
                swap(fresh, focusCount);
            })
            .catch(function (error) {
                if (error.name !== "AbortError") {
                    // Whatever went wrong, the page itself still works: load it.
                    window.location.assign(address);
                }
            })
            .finally(function () {
                if (pending === controller) {
                    pending = null;
                    if (listing) {
                        listing.removeAttribute("aria-busy");
                    }
                }
            });
    }

    form.addEventListener("change", function () {
        load(formAddress(), true, false);
    });
    form.addEventListener("submit", function (event) {
        event.preventDefault();
        load(formAddress(), true, true);
    });
    // Chips, "Rensa alla", sorting and pagination: links to this same listing.
    document.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest("[data-listing-swap] a[href]");
        if (
            !link ||
            event.defaultPrevented ||
            event.button !== 0 ||
            event.metaKey || event.ctrlKey || event.shiftKey || event.altKey ||
            link.hasAttribute("download") ||
            link.origin !== window.location.origin ||
            link.pathname !== window.location.pathname
        ) {
            return;
        }
        event.preventDefault();
        load(link.href, true, true);
    });
    history.replaceState({listing: true}, "", window.location.href);
    window.addEventListener("popstate", function (event) {
        if (event.state && event.state.listing) {
            load(window.location.href, false, false);
        }
    });
}());
