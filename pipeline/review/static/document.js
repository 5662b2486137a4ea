// The review page's behaviour: select an item (text, row and page box together), record
// decisions (correct / wrong / edited / added entity), keep them in localStorage and export
// them as the JSON `python -m pipeline apply-review` reads. Text from the document is only ever
// set through textContent or form values, never parsed as HTML.
"use strict";
(function () {
  var data = JSON.parse(document.getElementById("review-data").textContent);
  var storeKey = "newspaper-review:" + data.source.sha256;
  var decisions = new Map(); // key -> {ref, decision}; re-setting a key moves it last: last wins

  function codePoints(s) { return Array.from(s).length; }

  function parseRef(ref) { // "a0-f3" -> article 0, fact
    var m = /^a(\d+)-([fe])\d+$/.exec(ref);
    if (!m) return null;
    var article = data.articles[Number(m[1])];
    var kind = m[2] === "f" ? "fact" : "entity";
    var item = (kind === "fact" ? article.facts : article.entities)[ref];
    return { n: Number(m[1]), article: article, kind: kind, item: item };
  }

  function decisionFor(info, verdict, fields, added) {
    return {
      item: info.kind, article: { id: info.article.id, headline: info.article.headline },
      start: info.item.start, end: info.item.end, text: info.item.text,
      verdict: verdict, fields: fields, added: !!added
    };
  }

  function keyOf(d) { return [d.item, d.article.id, d.article.headline, d.start, d.end, d.text].join("\u0001"); }

  // --- selection -------------------------------------------------------------------------
  function select(ref, scrollTo) {
    document.querySelectorAll(".selected").forEach(function (el) { el.classList.remove("selected"); });
    var row = document.getElementById(ref + "-row");
    var box = document.getElementById("box-" + ref);
    var runs = document.querySelectorAll('.run[data-items~="' + ref + '"]');
    if (row) row.classList.add("selected");
    if (box) box.classList.add("selected");
    runs.forEach(function (el) { el.classList.add("selected"); });
    var target = scrollTo === "row" ? row : runs[0] || row;
    if (target && target.scrollIntoView) target.scrollIntoView({ block: "center" });
    if (box) reveal(box);
  }

  // Scroll the page pane (not the window) so the box is in sight beside the text.
  function reveal(box) {
    var pane = box.closest("aside");
    if (!pane) return;
    var paneRect = pane.getBoundingClientRect(), boxRect = box.getBoundingClientRect();
    pane.scrollTop += boxRect.top - paneRect.top - pane.clientHeight / 2;
    pane.scrollLeft += boxRect.left - paneRect.left - pane.clientWidth / 2;
  }

  document.querySelectorAll("tr.item").forEach(function (row) {
    row.addEventListener("click", function (event) {
      if (event.target.closest("button, select, input, .editor")) return;
      select(row.getAttribute("data-ref"), "text");
    });
  });
  document.querySelectorAll(".page svg rect[data-ref]").forEach(function (box) {
    box.addEventListener("click", function (event) {
      event.preventDefault();
      select(box.getAttribute("data-ref"), "row");
    });
  });
  document.querySelectorAll(".text").forEach(function (text) {
    text.addEventListener("click", function (event) {
      var run = event.target.closest(".run");
      var selection = window.getSelection();
      if (!run || (selection && !selection.isCollapsed)) return;
      select(run.getAttribute("data-items").split(" ")[0], "row");
    });
  });

  // --- decisions -------------------------------------------------------------------------
  function describe(d) {
    if (d.verdict === "rejected") return "wrong";
    if (d.added) return "added " + d.fields.label;
    if (d.verdict === "confirmed") return "correct";
    return "corrected: " + Object.keys(d.fields).map(function (k) {
      return k + "=" + (d.fields[k] === null ? "∅" : d.fields[k]);
    }).join(", ");
  }

  function showDecision(ref, d) {
    var row = document.getElementById(ref + "-row");
    if (!row) return;
    row.classList.remove("decided-confirmed", "decided-corrected", "decided-rejected");
    row.classList.add("decided-" + d.verdict);
    row.setAttribute("data-decision", d.verdict);
    var label = row.querySelector(".decision");
    if (label) label.textContent = describe(d);
  }

  function record(ref, d) {
    var key = keyOf(d);
    decisions.delete(key);
    decisions.set(key, { ref: ref, decision: d });
    if (ref) showDecision(ref, d);
    save();
  }

  function exported() {
    var list = [];
    decisions.forEach(function (entry) { list.push(entry.decision); });
    return { format: "newspaper-review-decisions", version: 1, source: data.source, decisions: list };
  }

  function save() {
    var json = JSON.stringify(exported(), null, 1);
    document.getElementById("decisions-json").value = json;
    document.getElementById("decision-count").textContent = String(decisions.size);
    try {
      var kept = [];
      decisions.forEach(function (entry) { kept.push(entry); });
      window.localStorage.setItem(storeKey, JSON.stringify(kept));
    } catch (e) { /* storage off: the decisions stay on the page until exported */ }
  }

  function factFields(item) { return { value: item.value, unit: item.unit, subject: item.subject }; }

  function parseValue(text) {
    var t = text.trim();
    if (t === "") return null;
    if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
    return t;
  }

  function openEditor(row, ref, info) {
    var old = row.nextElementSibling;
    if (old && old.classList.contains("editor")) { old.remove(); return; }
    var editor = document.createElement("tr");
    editor.className = "editor";
    var cell = document.createElement("td");
    cell.colSpan = row.cells.length;
    var inputs = {};
    ["value", "unit", "subject"].forEach(function (name) {
      var label = document.createElement("label");
      label.textContent = name + " ";
      var input = document.createElement("input");
      input.name = name;
      input.value = info.item[name] === null || info.item[name] === undefined ? "" : String(info.item[name]);
      input.size = name === "subject" ? 30 : 12;
      label.appendChild(input);
      cell.appendChild(label);
      cell.appendChild(document.createTextNode(" "));
      inputs[name] = input;
    });
    var saveButton = document.createElement("button");
    saveButton.type = "button";
    saveButton.textContent = "Save correction";
    saveButton.className = "save-correction";
    saveButton.addEventListener("click", function () {
      var fields = {
        value: parseValue(inputs.value.value),
        unit: inputs.unit.value.trim() || null,
        subject: inputs.subject.value.trim() || null
      };
      record(ref, decisionFor(info, "corrected", fields));
      editor.remove();
    });
    cell.appendChild(saveButton);
    editor.appendChild(cell);
    row.parentNode.insertBefore(editor, row.nextSibling);
    inputs.value.focus();
  }

  document.querySelectorAll("td.decide").forEach(function (cell) {
    var row = cell.parentNode;
    var ref = row.getAttribute("data-ref");
    var info = parseRef(ref);
    if (!info || !info.item) return;
    cell.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-verdict]");
      if (!button) return;
      var verdict = button.getAttribute("data-verdict");
      if (verdict === "edit") return openEditor(row, ref, info);
      var fields = verdict === "rejected" ? {} :
        info.kind === "fact" ? factFields(info.item) : { label: info.item.label };
      record(ref, decisionFor(info, verdict, fields));
    });
    var relabel = cell.querySelector("select.relabel");
    if (relabel) relabel.addEventListener("change", function () {
      if (!relabel.value) return;
      record(ref, decisionFor(info, relabel.value === info.item.label ? "confirmed" : "corrected",
                              { label: relabel.value }));
    });
  });

  // --- a missed entity, from the selected text -------------------------------------------
  function offsetIn(container, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(container);
    range.setEnd(node, offset);
    return codePoints(range.toString());
  }

  function addRow(n, d) {
    var table = document.getElementById("a" + n + "-entities");
    if (!table) return;
    var row = table.tBodies[0].insertRow(-1);
    row.className = "added decided-corrected";
    ["+", d.text, "added " + d.fields.label, d.fields.label, "", ""].forEach(function (value) {
      row.insertCell(-1).textContent = value;
    });
  }

  document.querySelectorAll("button.add-entity").forEach(function (button) {
    var n = Number(button.getAttribute("data-article"));
    var toolbar = button.parentNode;
    var status = toolbar.querySelector(".add-status");
    button.addEventListener("click", function () {
      var container = document.getElementById("a" + n + "-text");
      var selection = window.getSelection();
      if (!selection || selection.isCollapsed || !selection.rangeCount) {
        status.textContent = "select the entity's text in this article first";
        return;
      }
      var range = selection.getRangeAt(0);
      if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) {
        status.textContent = "the selection must lie inside this article's text";
        return;
      }
      var raw = range.toString();
      var text = raw.trim();
      if (!text) { status.textContent = "the selection is blank"; return; }
      var start = offsetIn(container, range.startContainer, range.startOffset) +
        codePoints(raw) - codePoints(raw.replace(/^\s+/, ""));
      var end = start + codePoints(text);
      var whole = Array.from(container.textContent);
      if (whole.slice(start, end).join("") !== text) { status.textContent = "could not place the selection"; return; }
      var label = toolbar.querySelector("select.new-entity-label").value;
      var article = data.articles[n];
      var d = { item: "entity", article: { id: article.id, headline: article.headline },
                start: start, end: end, text: text, verdict: "corrected", fields: { label: label },
                added: true };
      record(null, d);
      decisions.get(keyOf(d)).article = n;
      addRow(n, d);
      save();
      status.textContent = "added " + label + " " + text + " at " + start + "–" + end;
      selection.removeAllRanges();
    });
  });

  // --- export --------------------------------------------------------------------------
  var box = document.getElementById("decisions-json");
  document.getElementById("download-decisions").addEventListener("click", function () {
    var blob = new Blob([box.value + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    var name = data.source.path.split("/").pop().replace(/\.[^.]*$/, "");
    link.download = "review-" + name + "-" + data.source.sha256.slice(0, 12) + ".json";
    link.href = URL.createObjectURL(blob);
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  });
  document.getElementById("copy-decisions").addEventListener("click", function () {
    var status = document.getElementById("copy-status");
    function fallback() {
      box.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      status.textContent = ok ? "copied" : "select the text below and copy it";
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(box.value).then(function () { status.textContent = "copied"; }, fallback);
    } else {
      fallback();
    }
  });
  document.getElementById("clear-decisions").addEventListener("click", function () {
    decisions.clear();
    try { window.localStorage.removeItem(storeKey); } catch (e) { /* nothing kept */ }
    window.location.reload();
  });

  // --- decisions kept from an earlier visit --------------------------------------------------
  // One the output already shows (applied by apply-review and a rerun) is done with.
  function alreadyApplied(d) {
    var article = data.articles.filter(function (a) { return a.id === d.article.id; })[0];
    if (!article) return false;
    var items = d.item === "fact" ? article.facts : article.entities;
    return Object.keys(items).some(function (ref) {
      var item = items[ref];
      if (item.start !== d.start || item.end !== d.end || !item.reviewed) return false;
      if (d.verdict === "rejected") return item.reviewed === "rejected";
      return Object.keys(d.fields).every(function (k) { return item[k] === d.fields[k]; }) &&
        (d.verdict === "confirmed" ? item.reviewed === "confirmed" : item.reviewed !== "rejected");
    });
  }
  try {
    var kept = JSON.parse(window.localStorage.getItem(storeKey) || "[]");
    kept.forEach(function (entry) {
      var d = entry.decision;
      if (alreadyApplied(d)) return;
      decisions.set(keyOf(d), entry);
      if (entry.ref) showDecision(entry.ref, d);
      else if (typeof entry.article === "number") addRow(entry.article, d);
    });
  } catch (e) { /* nothing kept, or storage off */ }
  save();
})();
