// The record form: look the violator up by ID number, filter the acts, preview evidence, hide what does not apply.
(function () {
  var form = document.getElementById("case-form");
  if (!form) return;

  function fold(text) {
    return (text || "").replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // Acts: keep the rows whose text holds every typed word (diacritics ignored).
  var filter = document.getElementById("act-filter");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#act-picker li"));
  rows.forEach(function (li) { li.dataset.folded = fold(li.dataset.text + " " + li.textContent); });
  var sector = document.getElementById("act-sector");
  function filterActs() {
    var words = fold(filter.value).split(/\s+/).filter(Boolean);
    rows.forEach(function (li) {
      var hit = words.every(function (w) { return li.dataset.folded.indexOf(w) >= 0; });
      hit = hit && (!sector.value || li.dataset.sector === sector.value);
      li.hidden = !hit && !li.querySelector("input").checked;
    });
  }
  filter.addEventListener("input", filterActs);
  sector.addEventListener("change", filterActs);

  // Organisation or person: the representative applies to organisations, the birth date to people.
  function kind() { var k = form.querySelector("input[name=kind]:checked"); return k ? k.value : "individual"; }
  function toggleKind() {
    document.getElementById("representative-row").hidden = kind() !== "organization";
    var birth = document.getElementById("birth_date");
    if (birth) birth.closest(".mb-3").hidden = kind() === "organization";
  }
  form.querySelectorAll("input[name=kind]").forEach(function (r) { r.addEventListener("change", toggleKind); });
  toggleKind();

  // Ongoing violation: no end date.
  var ongoing = document.getElementById("ongoing"), ended = document.getElementById("ended_on");
  function toggleOngoing() { ended.disabled = ongoing.checked; }
  ongoing.addEventListener("change", toggleOngoing);
  toggleOngoing();

  // Lookup by ID number.
  var idInput = document.getElementById("id_number"), result = document.getElementById("lookup-result");
  var template = document.getElementById("history-template");
  function fill(name, value) { var el = document.getElementById(name); if (el && !el.value && value) el.value = value; }
  function lookup() {
    var id = idInput.value.trim();
    if (!id) return;
    var url = form.dataset.lookupUrl + "?kind=" + encodeURIComponent(kind()) + "&id_number=" + encodeURIComponent(id);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : { found: false }; })
      .then(function (h) {
        result.innerHTML = "";
        document.getElementById("repeat-hint").classList.toggle("d-none", !h.repeat_offender);
        if (h.elsewhere) {
          var note = document.getElementById("elsewhere-template").content.cloneNode(true);
          note.querySelector("[data-slot=unit]").textContent = h.elsewhere.unit;
          note.querySelector("[data-slot=day]").textContent = h.elsewhere.issued_on;
          result.appendChild(note);
        }
        if (!h.found) return;
        fill("name", h.name); fill("address", h.address); fill("birth_date", h.birth_date); fill("representative", h.representative);
        var box = template.content.cloneNode(true);
        box.querySelector("[data-slot=who]").textContent = h.name + " — " + h.address;
        var list = box.querySelector("[data-slot=cases]");
        h.cases.forEach(function (c, i) {
          var a = document.createElement("a");
          a.href = form.dataset.caseUrl.replace(/0$/, c.id); a.textContent = c.number + " (" + c.recorded_on + ")";
          if (i) list.appendChild(document.createTextNode(", "));
          list.appendChild(a);
        });
        if (!h.cases.length) box.querySelector("[data-slot=cases-row]").remove();
        var decisions = h.decisions.map(function (d) { return d.issued_on; }).join(", ");
        if (decisions) box.querySelector("[data-slot=decisions]").textContent = decisions;
        else box.querySelector("[data-slot=decisions-row]").remove();
        result.appendChild(box);
      });
  }
  document.getElementById("lookup-button").addEventListener("click", lookup);
  idInput.addEventListener("change", lookup);

  // Evidence preview.
  var files = document.getElementById("evidence"), preview = document.getElementById("evidence-preview");
  files.addEventListener("change", function () {
    preview.innerHTML = "";
    Array.prototype.forEach.call(files.files, function (f) {
      var box = document.createElement("div");
      box.className = "evidence-thumb small";
      if (f.type.indexOf("image/") === 0) {
        var img = document.createElement("img"); img.src = URL.createObjectURL(f); img.alt = f.name; box.appendChild(img);
      }
      var name = document.createElement("div"); name.className = "text-truncate";
      name.textContent = f.name + " · " + Math.round(f.size / 1024) + " KB" + (f.size > 10 * 1024 * 1024 ? " ⚠ > 10 MB" : "");
      box.appendChild(name);
      preview.appendChild(box);
    });
  });
})();
