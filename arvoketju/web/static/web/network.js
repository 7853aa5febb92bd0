/* The collaboration network on a <canvas>: the server computes positions and centrality, this
   script only draws, pans, zooms and lists a selected node's neighbours and what joins them.
   Colours: Paul Tol's colour-blind-safe "muted" palette; beyond ten categories shapes vary too. */
(function () {
  "use strict";
  var canvas = document.getElementById("network-canvas");
  if (!canvas) return;
  var text = JSON.parse(document.getElementById("network-text").textContent);
  var panel = document.getElementById("network-panel");
  var legend = document.getElementById("network-legend");
  var form = document.getElementById("network-filters");
  var PALETTE = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499", "#BBBBBB"];
  var SHAPES = ["circle", "square", "triangle", "diamond"];
  var colourBy = canvas.getAttribute("data-colour") || "region";
  var sizeBy = canvas.getAttribute("data-size") || "betweenness";
  var ctx = canvas.getContext("2d");
  var view = { scale: 1, tx: 0, ty: 0 };
  var data = null, neighbours = [], radius = [], style = [], selected = -1, byKey = {};
  var pending = false;

  function el(tag, attrs, content) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function resize() {
    var ratio = window.devicePixelRatio || 1;
    var rect = canvas.getBoundingClientRect();
    canvas.width = Math.max(1, Math.round(rect.width * ratio));
    canvas.height = Math.max(1, Math.round(rect.height * ratio));
    request();
  }

  function fit() {
    var rect = canvas.getBoundingClientRect();
    var s = Math.min(rect.width, rect.height) / 1000;
    view = { scale: s, tx: (rect.width - 1000 * s) / 2, ty: (rect.height - 1000 * s) / 2 };
    request();
  }

  function toScreen(i) {
    var n = data.nodes[i];
    return { x: n.x * view.scale + view.tx, y: n.y * view.scale + view.ty };
  }

  function request() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(draw);
  }

  function shape(x, y, r, kind) {
    ctx.beginPath();
    if (kind === "square") ctx.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
    else if (kind === "triangle") { ctx.moveTo(x, y - r * 1.1); ctx.lineTo(x + r, y + r * 0.8); ctx.lineTo(x - r, y + r * 0.8); ctx.closePath(); }
    else if (kind === "diamond") { ctx.moveTo(x, y - r * 1.2); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r * 1.2); ctx.lineTo(x - r, y); ctx.closePath(); }
    else ctx.arc(x, y, r, 0, 2 * Math.PI);
  }

  function draw() {
    pending = false;
    if (!data) return;
    var ratio = window.devicePixelRatio || 1;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(ratio * view.scale, 0, 0, ratio * view.scale, ratio * view.tx, ratio * view.ty);
    var many = data.edges.length > 5000;
    ctx.lineWidth = 1 / view.scale;
    ctx.strokeStyle = many ? "rgba(75,85,99,0.12)" : "rgba(75,85,99,0.35)";
    ctx.beginPath();
    data.edges.forEach(function (e) {
      var a = data.nodes[e[0]], b = data.nodes[e[1]];
      ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y);
    });
    ctx.stroke();
    ctx.lineWidth = 2.5 / view.scale;
    ctx.strokeStyle = many ? "rgba(75,85,99,0.3)" : "rgba(75,85,99,0.6)";
    ctx.beginPath();
    data.edges.forEach(function (e) {
      if (e[2] < 2) return;
      var a = data.nodes[e[0]], b = data.nodes[e[1]];
      ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y);
    });
    ctx.stroke();
    var near = {};
    if (selected >= 0) {
      near[selected] = true;
      ctx.strokeStyle = "rgba(245,158,11,0.9)";
      ctx.lineWidth = 2 / view.scale;
      ctx.beginPath();
      neighbours[selected].forEach(function (item) {
        var a = data.nodes[selected], b = data.nodes[item.node];
        near[item.node] = true;
        ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y);
      });
      ctx.stroke();
    }
    var k = 1 / Math.sqrt(view.scale * 1.0);
    ctx.lineWidth = 0.8 / view.scale;
    ctx.strokeStyle = "#1b1f24";
    data.nodes.forEach(function (n, i) {
      ctx.globalAlpha = selected >= 0 && !near[i] ? 0.35 : 1;
      ctx.fillStyle = style[i].colour;
      shape(n.x, n.y, radius[i] * k, style[i].shape);
      ctx.fill();
      ctx.stroke();
    });
    ctx.globalAlpha = 1;
    if (selected >= 0) {
      var s = data.nodes[selected];
      ctx.lineWidth = 3 / view.scale;
      ctx.strokeStyle = "#f59e0b";
      shape(s.x, s.y, radius[selected] * k + 2 / view.scale, style[selected].shape);
      ctx.stroke();
    }
    if (view.scale > 1.5 || data.nodes.length <= 150) {
      ctx.fillStyle = "#1b1f24";
      ctx.font = 11 / view.scale + "px system-ui, sans-serif";
      data.nodes.forEach(function (n, i) {
        if (data.nodes.length > 150 && !near[i] && radius[i] < 6) return;
        ctx.fillText(n.label, n.x + radius[i] * k + 2 / view.scale, n.y + 4 / view.scale);
      });
    }
  }

  function prepare() {
    var categories = {}, order = [];
    data.nodes.forEach(function (n) {
      var key = colourBy === "type" ? n.type : n.region || "";
      var label = colourBy === "type" ? n.type_label : n.region_label || text.no_region;
      if (!(key in categories)) { categories[key] = { label: label, count: 0 }; order.push(key); }
      categories[key].count += 1;
    });
    order.sort(function (a, b) { return categories[b].count - categories[a].count || categories[a].label.localeCompare(categories[b].label); });
    order.forEach(function (key, i) {
      categories[key].colour = key === "" ? "#FFFFFF" : PALETTE[i % PALETTE.length];
      categories[key].shape = SHAPES[Math.floor(i / PALETTE.length) % SHAPES.length];
    });
    var max = 0;
    data.nodes.forEach(function (n) { max = Math.max(max, n[sizeBy]); });
    neighbours = data.nodes.map(function () { return []; });
    data.edges.forEach(function (e, index) {
      neighbours[e[0]].push({ node: e[1], edge: index });
      neighbours[e[1]].push({ node: e[0], edge: index });
    });
    data.nodes.forEach(function (n, i) {
      var c = categories[colourBy === "type" ? n.type : n.region || ""];
      style[i] = { colour: c.colour, shape: c.shape };
      radius[i] = max > 0 ? 3 + 12 * Math.sqrt(n[sizeBy] / max) : 4;
      byKey[n.key] = i;
    });
    legend.textContent = "";
    order.forEach(function (key) {
      var c = categories[key];
      var item = el("li");
      var swatch = el("canvas", { width: 28, height: 28, "aria-hidden": "true" });
      var sctx = swatch.getContext("2d");
      sctx.fillStyle = c.colour; sctx.strokeStyle = "#1b1f24"; sctx.lineWidth = 2;
      var saved = ctx; ctx = sctx; shape(14, 14, 10, c.shape); ctx = saved;
      sctx.fill(); sctx.stroke();
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(" " + c.label + " (" + c.count + ")"));
      legend.appendChild(item);
    });
  }

  function listOf(title, items, layer) {
    if (!items.length) return null;
    var p = el("p", { class: "edge-projects" });
    p.appendChild(document.createTextNode(title + ": "));
    items.forEach(function (idx, j) {
      var item = data[layer][idx];
      if (j) p.appendChild(document.createTextNode(", "));
      p.appendChild(item.url ? el("a", { href: item.url }, item.label) : el("span", {}, item.label));
    });
    return p;
  }

  function select(i, focus) {
    selected = i;
    request();
    var url = new URL(window.location.href);
    if (i < 0) { url.searchParams.delete("node"); history.replaceState(null, "", url); return; }
    url.searchParams.set("node", data.nodes[i].key);
    history.replaceState(null, "", url);
    var n = data.nodes[i];
    panel.textContent = "";
    var h = el("h2", { id: "network-panel-title" });
    h.appendChild(el("a", { href: n.url }, n.name));
    panel.appendChild(h);
    panel.appendChild(el("p", {}, [n.type_label, n.region_label || text.no_region].join(" · ")));
    panel.appendChild(el("p", {}, text.degree + ": " + n.degree + " · " + text.betweenness + ": " + n.betweenness.toFixed(4)));
    panel.appendChild(el("h3", {}, text.neighbours + " (" + neighbours[i].length + ")"));
    if (!neighbours[i].length) panel.appendChild(el("p", {}, text.none));
    var list = el("ul", { class: "neighbours" });
    neighbours[i].slice().sort(function (a, b) {
      return data.edges[b.edge][2] - data.edges[a.edge][2] || data.nodes[a.node].label.localeCompare(data.nodes[b.node].label);
    }).forEach(function (item) {
      var edge = data.edges[item.edge], other = data.nodes[item.node];
      var li = el("li", { "data-neighbour": other.key });
      var button = el("button", { type: "button", class: "link-button" }, other.label);
      button.addEventListener("click", function () { select(item.node, true); });
      li.appendChild(button);
      li.appendChild(document.createTextNode(" (" + edge[2] + ")"));
      [listOf(text.projects, edge[3], "projects"), listOf(text.events, edge[4], "events"), listOf(text.networks, edge[5], "networks")]
        .forEach(function (p) { if (p) li.appendChild(p); });
      list.appendChild(li);
    });
    panel.appendChild(list);
    if (focus) panel.focus();
  }

  function nodeAt(clientX, clientY) {
    var rect = canvas.getBoundingClientRect();
    var x = (clientX - rect.left - view.tx) / view.scale, y = (clientY - rect.top - view.ty) / view.scale;
    var best = -1, bestDistance = Infinity, k = 1 / Math.sqrt(view.scale);
    data.nodes.forEach(function (n, i) {
      var d = Math.hypot(n.x - x, n.y - y), reach = radius[i] * k + 4 / view.scale;
      if (d <= reach && d < bestDistance) { best = i; bestDistance = d; }
    });
    return best;
  }

  function zoomAt(factor, sx, sy) {
    var rect = canvas.getBoundingClientRect();
    if (sx === undefined) { sx = rect.width / 2; sy = rect.height / 2; }
    var scale = Math.max(0.05, Math.min(60, view.scale * factor));
    factor = scale / view.scale;
    view.tx = sx - (sx - view.tx) * factor;
    view.ty = sy - (sy - view.ty) * factor;
    view.scale = scale;
    request();
  }

  var drag = null;
  canvas.addEventListener("pointerdown", function (evt) {
    drag = { x: evt.clientX, y: evt.clientY, tx: view.tx, ty: view.ty, moved: false };
  });
  window.addEventListener("pointermove", function (evt) {
    if (!drag) return;
    var dx = evt.clientX - drag.x, dy = evt.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 4) drag.moved = true;
    if (drag.moved) { view.tx = drag.tx + dx; view.ty = drag.ty + dy; request(); }
  });
  window.addEventListener("pointerup", function (evt) {
    if (drag && !drag.moved && data && evt.target === canvas) select(nodeAt(evt.clientX, evt.clientY), false);
    drag = null;
  });
  canvas.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    var rect = canvas.getBoundingClientRect();
    zoomAt(evt.deltaY < 0 ? 1.2 : 1 / 1.2, evt.clientX - rect.left, evt.clientY - rect.top);
  }, { passive: false });
  document.querySelectorAll(".network-tools [data-zoom]").forEach(function (button) {
    button.addEventListener("click", function () {
      var how = button.getAttribute("data-zoom");
      if (how === "in") zoomAt(1.5); else if (how === "out") zoomAt(1 / 1.5); else fit();
    });
  });
  document.addEventListener("click", function (evt) {
    var link = evt.target.closest && evt.target.closest("a[data-node]");
    if (!link || !data) return;
    var i = byKey[link.getAttribute("data-node")];
    if (i === undefined) return;
    evt.preventDefault();
    select(i, true);
  });
  if (form) {
    form.querySelectorAll("select, input[type=checkbox]").forEach(function (input) {
      input.addEventListener("change", function () { form.submit(); });
    });
  }
  window.addEventListener("resize", function () { resize(); });

  var find = document.getElementById("network-find");
  var names = document.getElementById("network-names");
  var byName = {};

  function fillNames() {
    if (!names) return;
    names.textContent = "";
    byName = {};
    data.nodes.forEach(function (n, i) {
      byName[n.name] = i;
      byName[n.label] = i;
      names.appendChild(el("option", { value: n.name }));
    });
  }
  if (find) {
    find.addEventListener("change", function () {
      var i = byName[find.value.trim()];
      if (i !== undefined) select(i, true);
    });
  }

  function load(payload) {
    data = payload;
    selected = -1;
    byKey = {};
    style = [];
    radius = [];
    prepare();
    fillNames();
    resize();
    fit();
  }

  canvas.toSvg = function () {
    var saved = ctx;
    ctx = new window.ArvoketjuSvgContext(canvas.width, canvas.height);
    try { draw(); return ctx.toString(); } finally { ctx = saved; }
  };

  window.arvoketjuNetwork = {
    load: load,
    drawNow: function () { pending = false; draw(); },
    ready: false,
    select: function (key) { if (key in byKey) select(byKey[key], false); },
    screenPosition: function (key) {
      var i = byKey[key];
      if (i === undefined) return null;
      var p = toScreen(i), rect = canvas.getBoundingClientRect();
      return { x: rect.left + p.x, y: rect.top + p.y };
    },
    data: function () { return data; },
    zoomAt: zoomAt
  };

  panel.appendChild(el("p", { class: "source" }, text.loading));
  fetch(canvas.getAttribute("data-source"), { credentials: "same-origin" })
    .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
    .then(function (payload) {
      panel.removeChild(panel.lastChild);
      load(payload);
      var wanted = canvas.getAttribute("data-node");
      if (wanted && wanted in byKey) select(byKey[wanted], false);
      window.arvoketjuNetwork.ready = true;
      canvas.setAttribute("data-ready", "true");
    })
    .catch(function () { panel.appendChild(el("p", {}, text.failed)); });
})();
