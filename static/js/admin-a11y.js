/* The admin's widgets made readable to assistive technology (WCAG 2.1 AA, axe), without
   changing what they do. Django's and django-modeltranslation's scripts build parts of the
   page that axe finds fault with; this file mends them after they are built, and again when
   a script adds more (an inline's "Add another", the tabs of a new row). Nothing here is
   needed without JavaScript: those widgets only exist with it. docs/content.md "Admin". */
(function () {
  "use strict";

  function text(node) {
    return (node && node.textContent || "").replace(/\s+/g, " ").replace(/[:*]\s*$/, "").trim();
  }

  function labelled(field) {
    if (field.getAttribute("aria-label") || field.getAttribute("aria-labelledby")) return true;
    if (field.closest("label")) return true;
    return Boolean(field.id && document.querySelector('label[for="' + CSS.escape(field.id) + '"]'));
  }

  // modeltranslation's "all languages" switch above the form has no label.
  function mainSwitch(root) {
    root.querySelectorAll("#modeltranslation-main-switch:not([aria-label])").forEach(function (select) {
      select.setAttribute("aria-label", document.documentElement.lang === "da"
        ? "Sprog for alle felter" : "Language of all fields");
    });
  }

  // jQuery UI's language tabs: the tab (li) holds a link, an interactive element inside an
  // interactive one. The link's address is read only when the tabs are built; the tab itself
  // takes the focus and the arrow keys, so the link need not be focusable after that.
  function tabs(root) {
    root.querySelectorAll('[role="tab"] a[href]').forEach(function (link) {
      link.removeAttribute("href");
      link.removeAttribute("tabindex");
    });
  }

  // A tabular inline's or an editable list's inputs stand under a column heading, not beside
  // a label: each gets its column's heading (and the row's first cell) as its name.
  function tableCells(root) {
    root.querySelectorAll("table td input, table td select, table td textarea").forEach(function (field) {
      if (field.type === "hidden" || labelled(field)) return;
      var cell = field.closest("td"), table = field.closest("table");
      var index = Array.prototype.indexOf.call(cell.parentNode.children, cell);
      var heads = table.querySelectorAll("thead tr:last-child th");
      var head = text(heads[index]);
      if (!head && field.name && /-DELETE$/.test(field.name)) head = text(heads[heads.length - 1]);
      var row = text(cell.parentNode.querySelector("th, td.original p, td.field-__str__"));
      if (head) field.setAttribute("aria-label", row ? head + " – " + row : head);
    });
  }

  // A split date and time (p.datetime) writes "Dato:" and "Tid:" as plain text.
  function dateTimes(root) {
    root.querySelectorAll("p.datetime input").forEach(function (field) {
      if (labelled(field)) return;
      var before = field.previousSibling;
      while (before && before.nodeType === Node.ELEMENT_NODE && before.tagName === "BR") before = before.previousSibling;
      var words = before && before.nodeType === Node.TEXT_NODE ? text(before) : "";
      var label = field.closest(".form-row, .fieldBox, div") && field.closest(".form-row, .fieldBox, div").querySelector("label, legend");
      var name = [text(label), words].filter(Boolean).join(" – ");
      if (name) field.setAttribute("aria-label", name);
    });
  }

  // The filter boxes of a two-list selector: the magnifier carries an aria-label on a bare
  // span, which may not have one; as an image it may.
  function tooltips(root) {
    root.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  // Select2 (autocomplete fields): the box a reader operates has no name of its own.
  function autocompletes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = select.id && document.querySelector('label[for="' + CSS.escape(select.id) + '"]');
      var container = select.nextElementSibling;
      if (!label || !container) return;
      if (!label.id) label.id = select.id + "_label";
      container.querySelectorAll('[role="combobox"], [role="textbox"]').forEach(function (box) {
        if (!box.getAttribute("aria-labelledby") || !document.getElementById(box.getAttribute("aria-labelledby"))) {
          box.setAttribute("aria-labelledby", label.id);
        } else if (box.getAttribute("aria-labelledby").indexOf(label.id) === -1) {
          box.setAttribute("aria-labelledby", label.id + " " + box.getAttribute("aria-labelledby"));
        }
      });
    });
  }

  function mend() {
    var root = document;
    mainSwitch(root);
    tabs(root);
    tableCells(root);
    dateTimes(root);
    tooltips(root);
    autocompletes(root);
  }

  function start() {
    mend();
    // Scripts that run after this one (modeltranslation's tabs on jQuery's ready, Select2,
    // the inlines) add elements: mend again after each change to the page's structure, at once
    // (an observer runs before the browser paints or handles input; waiting for an animation
    // frame left the page unmended for a moment). Mending changes attributes only, which this
    // observer does not watch.
    new MutationObserver(mend).observe(document.body, {childList: true, subtree: true});
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
