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
