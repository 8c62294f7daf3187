// Puts the editor's language in place of the few words Wagtail's and wagtail-localize's
// bundles write in fixed English (see pluginnovation/accounts/admin_language.py).
(function () {
    "use strict";
    const source = document.getElementById("admin-language-words");
    if (!source) return;
    const words = JSON.parse(source.textContent);
    const replace = new Map(Object.entries(words.replace));
    const monthNames = Object.keys(words.months).join("|");
    const englishDate = new RegExp("\\b(\\d{1,2}) (" + monthNames + ") (\\d{4})\\b", "g");

    const editor = document.querySelector(".js-translation-editor[data-props]");
    if (editor) {
        const props = JSON.parse(editor.dataset.props);
        const names = words.languages;
        const english = `${props.sourceLocale.displayName} to ${props.locale.displayName} translation`;
        replace.set(
            english,
            words.translationHeading
                .replace("%(source)s", names[props.sourceLocale.code] || props.sourceLocale.displayName)
                .replace("%(target)s", names[props.locale.code] || props.locale.displayName),
        );
    }

    function translateText(node) {
        const text = node.nodeValue;
        const trimmed = text.trim();
        let translated = text;
        if (replace.has(trimmed)) {
            translated = text.replace(trimmed, replace.get(trimmed));
        } else if (editor) {
            translated = text.replace(
                englishDate,
                (_all, day, month, year) => `${day} ${words.months[month]} ${year}`,
            );
        }
        // Writing the same text again would wake the observer below, forever.
        if (translated !== text) node.nodeValue = translated;
    }

    function translate(root) {
        if (root.nodeType === Node.TEXT_NODE) {
            translateText(root);
            return;
        }
        if (root.nodeType !== Node.ELEMENT_NODE) return;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) translateText(node);
        const buttons = root.querySelectorAll("input[type=submit], input[type=button]");
        for (const button of buttons) {
            const value = replace.get(button.value);
            if (value !== undefined && value !== button.value) button.value = value;
        }
    }

    translate(document.body);
    if (editor) {
        // The translation editor is drawn by React after the page has loaded, and redrawn.
        new MutationObserver((changes) => {
            for (const change of changes) {
                if (change.type === "characterData") translateText(change.target);
                for (const node of change.addedNodes) translate(node);
            }
        }).observe(editor, { childList: true, subtree: true, characterData: true });
    }
})();
