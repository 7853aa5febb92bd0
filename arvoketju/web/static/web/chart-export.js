/* Download the map and the network as SVG or PNG, in the browser, from what is on screen.
   Buttons: <button data-export="svg|png" data-target="#id" data-filename="name">.
   An <svg> target is serialised with its computed styles; a <canvas> target gives PNG directly and
   SVG through its owner's toSvg() (the network draws the same scene into a recording context). */
(function () {
  "use strict";
  var STYLE = ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "opacity", "font-size",
    "font-family", "font-weight", "text-anchor", "dominant-baseline", "display", "visibility"];

  function save(blob, name) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  function inlineStyles(source, copy) {
    var computed = window.getComputedStyle(source);
    STYLE.forEach(function (name) { copy.style.setProperty(name, computed.getPropertyValue(name)); });
    for (var i = 0; i < source.children.length; i++) inlineStyles(source.children[i], copy.children[i]);
  }

  function svgText(svg) {
    var copy = svg.cloneNode(true);
    inlineStyles(svg, copy);
    var box = svg.viewBox && svg.viewBox.baseVal;
    copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
    if (box && box.width) { copy.setAttribute("width", box.width); copy.setAttribute("height", box.height); }
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy);
  }

  function svgToPng(text, width, height, done) {
    var image = new Image();  /* a data: address: the content security policy allows data: images only */
    image.onload = function () {
      var canvas = document.createElement("canvas");
      canvas.width = width * 2; canvas.height = height * 2;
      var ctx = canvas.getContext("2d");
      ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(done, "image/png");
    };
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(text);
  }

  /* A stand-in for CanvasRenderingContext2D that writes SVG: enough of the API for a drawing made
     of paths, arcs, rectangles and text. */
  function SvgContext(width, height) {
    this.width = width; this.height = height;
    this.parts = []; this.path = ""; this.matrix = [1, 0, 0, 1, 0, 0];
    this.lineWidth = 1; this.strokeStyle = "#000"; this.fillStyle = "#000"; this.globalAlpha = 1;
    this.font = "11px sans-serif";
  }
  SvgContext.prototype = {
    setTransform: function (a, b, c, d, e, f) { this.matrix = [a, b, c, d, e, f]; },
    clearRect: function () {},
    beginPath: function () { this.path = ""; },
    closePath: function () { this.path += "Z"; },
    moveTo: function (x, y) { this.path += "M" + x.toFixed(2) + " " + y.toFixed(2); },
    lineTo: function (x, y) { this.path += "L" + x.toFixed(2) + " " + y.toFixed(2); },
    rect: function (x, y, w, h) { this.path += "M" + x + " " + y + "h" + w + "v" + h + "h" + -w + "Z"; },
    arc: function (x, y, r) {
      this.path += "M" + (x - r) + " " + y + "a" + r + " " + r + " 0 1 0 " + 2 * r + " 0a" + r + " " + r + " 0 1 0 " + -2 * r + " 0";
    },
    transform: function () { return ' transform="matrix(' + this.matrix.join(" ") + ')"'; },
    emit: function (attributes) {
      if (!this.path) return;
      this.parts.push('<path d="' + this.path + '"' + this.transform() + ' opacity="' + this.globalAlpha + '" ' + attributes + "/>");
    },
    stroke: function () { this.emit('fill="none" stroke="' + this.strokeStyle + '" stroke-width="' + this.lineWidth + '"'); },
    fill: function () { this.emit('fill="' + this.fillStyle + '" stroke="none"'); },
    fillText: function (value, x, y) {
      var escaped = String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;");
      this.parts.push('<text x="' + x + '" y="' + y + '"' + this.transform() + ' style="font:' + this.font + '" fill="' + this.fillStyle + '">' + escaped + "</text>");
    },
    toString: function () {
      return '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="' + this.width + '" height="' + this.height +
        '" viewBox="0 0 ' + this.width + " " + this.height + '"><rect width="100%" height="100%" fill="#fff"/>' + this.parts.join("") + "</svg>";
    }
  };
  window.ArvoketjuSvgContext = SvgContext;

  function exportTarget(button) {
    var target = document.querySelector(button.getAttribute("data-target"));
    var format = button.getAttribute("data-export");
    var name = (button.getAttribute("data-filename") || "chart") + "." + format;
    if (!target) return;
    if (target.tagName.toLowerCase() === "canvas") {
      if (format === "png") target.toBlob(function (blob) { save(blob, name); }, "image/png");
      else if (target.toSvg) save(new Blob([target.toSvg()], { type: "image/svg+xml" }), name);
      return;
    }
    var text = svgText(target);
    if (format === "svg") { save(new Blob([text], { type: "image/svg+xml" }), name); return; }
    var box = target.viewBox.baseVal;
    svgToPng(text, box.width, box.height, function (blob) { save(blob, name); });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-export]");
    if (button) { event.preventDefault(); exportTarget(button); }
  });
})();
