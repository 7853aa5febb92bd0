/* The map of Finland: zoom and pan the server-drawn SVG, switch from regional circles to actors
   when zoomed in, and list the actors of a clicked region or place in the side panel.
   Without JavaScript every circle and point is a link that the server answers with the same panel. */
(function () {
  "use strict";
  var svg = document.getElementById("map-svg");
  if (!svg) return;
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var text = JSON.parse(document.getElementById("map-text").textContent);
  var panel = document.getElementById("map-panel");
  var form = document.getElementById("map-filters");
  var full = svg.viewBox.baseVal;
  var home = { x: full.x, y: full.y, w: full.width, h: full.height };
  var box = { x: home.x, y: home.y, w: home.w, h: home.h };
  var forced = svg.getAttribute("data-view") === "actors";
  var ACTORS_FROM_ZOOM = 2.2;

  var byKey = {};
  data.regions.forEach(function (r) { byKey[r.key] = { name: r.name, actors: r.actors }; });
  data.places.forEach(function (p) { if (!byKey[p.key]) byKey[p.key] = { name: p.name, actors: p.actors }; });

  function zoom() { return home.w / box.w; }

  function apply() {
    svg.setAttribute("viewBox", [box.x, box.y, box.w, box.h].join(" "));
    var actors = forced || zoom() >= ACTORS_FROM_ZOOM;
    svg.classList.toggle("view-actors", actors);
    svg.classList.toggle("view-regions", !actors);
    svg.style.setProperty("--zoom", zoom());
    var r = 4 / Math.sqrt(zoom());
    svg.querySelectorAll(".layer-actors circle").forEach(function (c) { c.setAttribute("r", r.toFixed(2)); });
  }

  function zoomAt(factor, cx, cy) {
    var w = Math.min(home.w, Math.max(home.w / 12, box.w / factor));
    var h = w * home.h / home.w;
    if (cx === undefined) { cx = box.x + box.w / 2; cy = box.y + box.h / 2; }
    box.x = cx - (cx - box.x) * (w / box.w);
    box.y = cy - (cy - box.y) * (h / box.h);
    box.w = w; box.h = h;
    if (box.w >= home.w) { box.x = home.x; box.y = home.y; }
    apply();
  }

  function svgPoint(evt) {
    var rect = svg.getBoundingClientRect();
    return { x: box.x + (evt.clientX - rect.left) / rect.width * box.w, y: box.y + (evt.clientY - rect.top) / rect.height * box.h };
  }

  document.querySelectorAll("[data-zoom]").forEach(function (button) {
    button.addEventListener("click", function () {
      var how = button.getAttribute("data-zoom");
      if (how === "in") zoomAt(1.6);
      else if (how === "out") zoomAt(1 / 1.6);
      else { box = { x: home.x, y: home.y, w: home.w, h: home.h }; apply(); }
    });
  });
  svg.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    var p = svgPoint(evt);
    zoomAt(evt.deltaY < 0 ? 1.25 : 0.8, p.x, p.y);
  }, { passive: false });

  var drag = null;
  svg.addEventListener("pointerdown", function (evt) {
    if (evt.button !== 0) return;
    drag = { x: evt.clientX, y: evt.clientY, box: { x: box.x, y: box.y }, moved: false };
  });
  window.addEventListener("pointermove", function (evt) {
    if (!drag) return;
    var rect = svg.getBoundingClientRect();
    var dx = (evt.clientX - drag.x) / rect.width * box.w, dy = (evt.clientY - drag.y) / rect.height * box.h;
    if (Math.abs(evt.clientX - drag.x) + Math.abs(evt.clientY - drag.y) > 4) drag.moved = true;
    if (drag.moved && zoom() > 1) { box.x = drag.box.x - dx; box.y = drag.box.y - dy; apply(); }
  });
  window.addEventListener("pointerup", function () { setTimeout(function () { drag = null; }, 0); });

  function showPanel(key) {
    var entry = byKey[key];
    if (!entry) return false;
    panel.textContent = "";
    var h = document.createElement("h2");
    h.id = "map-panel-title";
    h.textContent = entry.name;
    panel.appendChild(h);
    var count = document.createElement("p");
    count.textContent = (entry.actors.length === 1 ? text.one : text.many).replace("%(count)s", entry.actors.length);
    panel.appendChild(count);
    var list = document.createElement("ul");
    list.className = "actor-list";
    entry.actors.forEach(function (actor) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = actor.url;
      a.textContent = actor.name;
      var note = document.createElement("span");
      note.className = "source";
      note.textContent = " " + actor.type_label + (actor.place ? " · " + actor.place : "");
      li.appendChild(a);
      li.appendChild(note);
      list.appendChild(li);
    });
    panel.appendChild(list);
    svg.querySelectorAll(".selected").forEach(function (el) { el.classList.remove("selected"); });
    svg.querySelectorAll('[data-place="' + CSS.escape(key) + '"]').forEach(function (el) { el.classList.add("selected"); });
    var url = new URL(window.location.href);
    url.searchParams.set("place", key);
    history.replaceState(null, "", url);
    return true;
  }

  document.addEventListener("click", function (evt) {
    var link = evt.target.closest && evt.target.closest("[data-place]");
    if (!link) return;
    if (drag && drag.moved) { evt.preventDefault(); return; }
    if (showPanel(link.getAttribute("data-place"))) {
      evt.preventDefault();
      if (!svg.contains(link)) panel.focus();
    }
  });

  if (form) {
    form.querySelectorAll("select, input[type=checkbox]").forEach(function (el) {
      el.addEventListener("change", function () { form.submit(); });
    });
  }
  window.arvoketjuMap = { zoomAt: zoomAt, zoom: zoom, showPanel: showPanel };
  apply();
})();
