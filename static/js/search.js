// Suggestions while typing in a search box: the ARIA 1.2 combobox pattern with a listbox.
// Progressive enhancement: without this script the box is a plain form that submits to /sok/.
(function () {
    "use strict";

    var DELAY_MS = 200;
    var counter = 0;

    function setUp(input) {
        counter += 1;
        var listId = "search-suggestions-" + counter;
        var list = document.createElement("ul");
        list.id = listId;
        list.className = "search-suggestions";
        list.setAttribute("role", "listbox");
        list.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent : "");
        list.hidden = true;
        var status = document.createElement("div");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        input.parentNode.appendChild(list);
        input.parentNode.appendChild(status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listId);

        var timer = null;
        var active = -1;
        var latest = 0;

        function options() {
            return list.querySelectorAll("[role=option]");
        }

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function activate(index) {
            var items = options();
            if (!items.length) {
                return;
            }
            active = (index + items.length) % items.length;
            items.forEach(function (item, i) {
                item.setAttribute("aria-selected", i === active ? "true" : "false");
            });
            input.setAttribute("aria-activedescendant", items[active].id);
            items[active].scrollIntoView({block: "nearest"});
        }

        function render(suggestions) {
            list.textContent = "";
            suggestions.forEach(function (suggestion, i) {
                var item = document.createElement("li");
                item.id = listId + "-" + i;
                item.setAttribute("role", "option");
                item.setAttribute("aria-selected", "false");
                item.dataset.url = suggestion.url;
                var title = document.createElement("span");
                title.textContent = suggestion.title;
                var kind = document.createElement("span");
                kind.className = "search-suggestions__kind";
                kind.textContent = suggestion.kind;
                item.appendChild(title);
                item.appendChild(kind);
                item.addEventListener("mousedown", function (event) {
                    event.preventDefault();
                });
                item.addEventListener("click", function () {
                    window.location.assign(suggestion.url);
                });
                list.appendChild(item);
            });
            active = -1;
            input.removeAttribute("aria-activedescendant");
            if (suggestions.length) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
                status.textContent = input.dataset.suggestStatus.replace("{count}", suggestions.length);
            } else {
                close();
                status.textContent = input.value.trim() ? input.dataset.suggestNone : "";
            }
        }

        function fetchSuggestions() {
            var query = input.value.trim();
            if (query.length < 2) {
                render([]);
                return;
            }
            latest += 1;
            var request = latest;
            fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(query), {
                headers: {Accept: "application/json"},
                credentials: "same-origin"
            })
                .then(function (response) {
                    return response.ok ? response.json() : {suggestions: []};
                })
                .then(function (data) {
                    if (request === latest) {
                        render(data.suggestions || []);
                    }
                })
                .catch(function () {
                    close();
                });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(fetchSuggestions, DELAY_MS);
        });

        input.addEventListener("keydown", function (event) {
            var open = !list.hidden;
            if (event.key === "ArrowDown") {
                event.preventDefault();
                if (open) {
                    activate(active + 1);
                } else {
                    fetchSuggestions();
                }
            } else if (event.key === "ArrowUp" && open) {
                event.preventDefault();
                activate(active - 1);
            } else if (event.key === "Enter" && open && active >= 0) {
                event.preventDefault();
                window.location.assign(options()[active].dataset.url);
            } else if (event.key === "Escape" && open) {
                event.preventDefault();
                close();
            }
        });

        input.addEventListener("blur", close);
    }

    function start() {
        if (!window.fetch) {
            return;
        }
        document.querySelectorAll("input[data-suggest-url]").forEach(setUp);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
