/* Markdown editor for the admin: formatting buttons and a live preview rendered by the server.
   Loaded as a file (no inline script), so it runs under the strict Content Security Policy. */
(function () {
  "use strict";

  function csrfToken(element) {
    var form = element.closest("form");
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function surround(textarea, before, after, placeholder) {
    var start = textarea.selectionStart, end = textarea.selectionEnd;
    var selected = textarea.value.slice(start, end) || placeholder;
    textarea.setRangeText(before + selected + after, start, end, "end");
  }

  function prefixLines(textarea, prefix) {
    var value = textarea.value;
    var start = value.lastIndexOf("\n", textarea.selectionStart - 1) + 1;
    var end = textarea.selectionEnd;
    var lines = value.slice(start, end).split("\n").map(function (line, index) {
      return (typeof prefix === "function" ? prefix(index) : prefix) + line;
    });
    textarea.setRangeText(lines.join("\n"), start, end, "end");
  }

  var ACTIONS = {
    heading: function (t) { prefixLines(t, "## "); },
    bold: function (t, word) { surround(t, "**", "**", word); },
    list: function (t) { prefixLines(t, "- "); },
    numbered: function (t) { prefixLines(t, function (i) { return (i + 1) + ". "; }); },
    link: function (t, word) { surround(t, "[", "](https://)", word); }
  };

  /* The rule picker: inserts [[regel:…]], [[værdi:…]] or [[udsagn:…]] at the cursor, so
     editors do not type slugs by hand. The rules are fetched once from the admin and searched
     here by slug and statement; an unknown slug still fails on save. */
  var rulesPromise = null;
  function loadRules(url) {
    if (!rulesPromise) {
      rulesPromise = fetch(url, {credentials: "same-origin"}).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      }).then(function (data) { return data.rules; });
      rulesPromise.catch(function () { rulesPromise = null; });
    }
    return rulesPromise;
  }

  function fold(text) {
    return text.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa");
  }

  function setupPicker(editor, textarea) {
    var toggle = editor.querySelector("button[data-md-picker]");
    var panel = editor.querySelector(".md-editor__picker");
    if (!toggle || !panel) { return; }
    var search = panel.querySelector(".md-editor__picker-search");
    var list = panel.querySelector(".md-editor__picker-list");
    var count = panel.querySelector(".md-editor__picker-count");
    var rules = [];
    var selection = {start: 0, end: 0};

    function show() {
      var words = fold(search.value).split(/\s+/).filter(Boolean);
      var matches = rules.filter(function (rule) {
        var text = fold(rule.slug + " " + rule.statement);
        return words.every(function (word) { return text.indexOf(word) !== -1; });
      });
      list.textContent = "";
      matches.slice(0, 30).forEach(function (rule) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.setAttribute("data-slug", rule.slug);
        var code = document.createElement("code");
        code.textContent = rule.slug;
        button.appendChild(code);
        button.appendChild(document.createTextNode(" – " + rule.statement));
        item.appendChild(button);
        list.appendChild(item);
      });
      count.textContent = matches.length ? matches.length + " " + editor.getAttribute("data-count")
        : editor.getAttribute("data-no-rules");
    }

    function makeLabels() {
      // The labels are spans in the page: modeltranslation's tabs overwrite every <label> in
      // a translated field with the field's own label when the page loads.
      panel.querySelectorAll("span.md-editor__picker-label").forEach(function (span) {
        var label = document.createElement("label");
        if (span.getAttribute("data-for")) { label.htmlFor = span.getAttribute("data-for"); }
        while (span.firstChild) { label.appendChild(span.firstChild); }
        span.replaceWith(label);
      });
    }

    toggle.addEventListener("click", function () {
      var open = panel.hidden;
      makeLabels();
      selection = {start: textarea.selectionStart, end: textarea.selectionEnd};
      panel.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      if (!open) { return; }
      loadRules(editor.getAttribute("data-rules-url")).then(function (loaded) {
        rules = loaded;
        show();
      }).catch(function () {
        count.textContent = editor.getAttribute("data-rules-error");
      });
      search.focus();
    });
    search.addEventListener("input", show);
    search.addEventListener("keydown", function (event) {
      // Enter in the search box must not send the admin form.
      if (event.key === "Enter") { event.preventDefault(); }
    });
    list.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-slug]");
      if (!button) { return; }
      var kind = panel.querySelector("input[type=radio]:checked");
      var token = "[[" + (kind ? kind.value : "regel") + ":" + button.getAttribute("data-slug") + "]]";
      textarea.setRangeText(token, selection.start, selection.end, "end");
      panel.hidden = true;
      toggle.setAttribute("aria-expanded", "false");
      textarea.focus();
      textarea.dispatchEvent(new Event("input"));
    });
  }

  function setup(editor) {
    var textarea = editor.querySelector("textarea");
    var preview = editor.querySelector(".md-editor__preview");
    var url = editor.getAttribute("data-preview-url");
    var timer = null, last = null;
    editor.querySelector(".md-editor__toolbar").hidden = false;
    editor.querySelector(".md-editor__preview-wrap").hidden = false;

    function refresh() {
      if (textarea.value === last) { return; }
      last = textarea.value;
      var body = new URLSearchParams();
      body.append("text", last);
      fetch(url, {
        method: "POST", body: body, credentials: "same-origin",
        headers: {"X-CSRFToken": csrfToken(editor)}
      }).then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      }).then(function (html) {
        preview.innerHTML = html;  // sanitised by the server (portal.markdown, nh3)
      }).catch(function () {
        preview.textContent = editor.getAttribute("data-error");
      });
    }

    textarea.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 400);
    });
    setupPicker(editor, textarea);
    editor.querySelector(".md-editor__toolbar").addEventListener("click", function (event) {
      var button = event.target.closest("button[data-md]");
      if (!button || !ACTIONS[button.getAttribute("data-md")]) { return; }
      ACTIONS[button.getAttribute("data-md")](textarea, editor.getAttribute("data-placeholder"));
      textarea.focus();
      refresh();
    });
    refresh();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".md-editor[data-preview-url]").forEach(setup);
  });
})();
