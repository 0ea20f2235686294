// Dossier pages, progressive enhancement only (every page works without it):
// - autosave of a section while typing (POST with X-Autosave: 1, the same route as the button);
// - a copy of unsaved input in this browser (sessionStorage) until the server has it;
// - character counters under long text fields;
// - a submit form sends once (double clicks are also refused by the server).
(function () {
  "use strict";

  var form = document.querySelector("form[data-autosave]");
  var status = document.getElementById("autosave-status");
  var DELAY_MS = 2500;

  function say(text) {
    if (status) status.textContent = text;
  }

  function message(name) {
    return (form && form.getAttribute("data-msg-" + name)) || "";
  }

  if (form) {
    var storageKey = "ptce-draft:" + form.getAttribute("action");
    var timer = null;
    var saving = false;
    var dirty = false;
    var stopped = false;

    function body() {
      var data = new FormData(form);
      var params = new URLSearchParams();
      data.forEach(function (value, key) {
        if (typeof value === "string" && key !== "_action") params.append(key, value);
      });
      return params;
    }

    // `via`: "typing" (not sent yet) or "submit" (sent by a button: the server has it, kept
    // for the session-expired path, where the server keeps it too).
    function keepCopy(via) {
      try {
        sessionStorage.setItem(storageKey, JSON.stringify({ via: via, body: body().toString() }));
      } catch (e) { /* full or off */ }
    }

    function dropCopy() {
      try { sessionStorage.removeItem(storageKey); } catch (e) { /* off */ }
    }

    function save() {
      timer = null;
      if (saving || stopped || !dirty) return;
      saving = true;
      dirty = false;
      say(message("saving"));
      fetch(form.getAttribute("action"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-Autosave": "1", "Content-Type": "application/x-www-form-urlencoded" },
        body: body().toString()
      }).then(function (response) {
        return response.json().then(function (answer) { return [response.status, answer]; });
      }).then(function (result) {
        var code = result[0], answer = result[1];
        if (code === 200 && answer.status === "saved") {
          var version = form.querySelector("input[name=_version]");
          if (version) version.value = String(answer.version);
          if (!dirty) dropCopy();
          var now = new Date();
          say(message("saved").replace("{time}", now.toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" })));
        } else if (answer.status === "conflict") {
          stopped = true;
          say(message("conflict"));
        } else if (answer.status === "logged-out") {
          stopped = true;
          say(message("logged-out"));
        } else {
          stopped = true;
          say(message("failed"));
        }
      }).catch(function () {
        dirty = true;
        say(message("offline"));
      }).then(function () {
        saving = false;
        if (dirty && !stopped) schedule();
      });
    }

    function schedule() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, DELAY_MS);
    }

    function changed(event) {
      if (event.target && event.target.type === "file") return;
      dirty = true;
      keepCopy("typing");
      schedule();
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function () {
      if (timer) clearTimeout(timer);
      stopped = true;
      keepCopy("submit");
    });

    // Input typed here but never saved (tab closed, network lost): offer it back.
    try {
      var stored = JSON.parse(sessionStorage.getItem(storageKey) || "null");
      var copy = stored && stored.via === "typing" ? stored.body : null;
      if (copy && copy !== body().toString() && status) {
        var restore = document.createElement("button");
        restore.type = "button";
        restore.className = "button button--secondary button--small";
        restore.textContent = message("restore");
        restore.addEventListener("click", function () {
          var params = new URLSearchParams(copy);
          params.forEach(function (value, key) {
            if (key === "_version") return;
            var fields = form.querySelectorAll("[name='" + key.replace(/'/g, "\\'") + "']");
            fields.forEach(function (field) {
              if (field.type === "checkbox" || field.type === "radio") {
                field.checked = params.getAll(key).indexOf(field.value) !== -1;
              } else {
                field.value = value;
              }
            });
          });
          restore.remove();
          dirty = true;
          schedule();
        });
        status.parentNode.insertBefore(restore, status);
      } else {
        dropCopy();
      }
    } catch (e) { /* storage off */ }
  }

  // Counters under long text fields: "1 234 / 3 000".
  document.querySelectorAll("textarea[data-count]").forEach(function (area) {
    var counter = document.querySelector("[data-counter-for='" + area.id + "']");
    if (!counter) return;
    var max = Number(area.getAttribute("data-count"));
    var base = counter.textContent;
    function update() {
      counter.textContent = base + " " + area.value.length.toLocaleString(document.documentElement.lang) + " / " + max.toLocaleString(document.documentElement.lang);
    }
    area.addEventListener("input", update);
    update();
  });

  // A submission sends once.
  document.querySelectorAll("form[data-submit-once]").forEach(function (submitForm) {
    submitForm.addEventListener("submit", function (event) {
      if (submitForm.getAttribute("data-sent")) {
        event.preventDefault();
        return;
      }
      submitForm.setAttribute("data-sent", "1");
    });
  });

  // On a phone, the list of steps is folded under its summary so that the form comes first
  // (open without this script, and beside the form on a wide screen).
  var steps = document.querySelector("details.steps__all");
  var narrow = window.matchMedia && window.matchMedia("(max-width: 61.99rem)");
  if (steps && narrow) {
    steps.open = !narrow.matches;
    // Widened (a tablet turned): the summary is hidden there, so the list must show.
    narrow.addEventListener("change", function (event) {
      if (!event.matches) steps.open = true;
    });
  }
})();
