// Draws the report dashboard's charts from the JSON blocks the page carries (data, not
// script: nothing inline runs). Hidden small cells arrive as null and are not drawn.
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;
  var colours = ["#0d6efd", "#6c757d", "#adb5bd"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) return;
    var data = JSON.parse(source.textContent);
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s, i) {
          return { label: s.label, data: s.data, backgroundColor: colours[i % colours.length] };
        })
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { ticks: { autoSkip: true, maxRotation: 60 } }, y: { beginAtZero: true } },
        locale: document.documentElement.lang || "vi"
      }
    });
  });
})();
