// The report dashboard: charts and trends drawn from the JSON blocks the page carries (data,
// not script: nothing inline runs), and the per-unit table sorted by a click on a heading.
// Hidden small cells arrive as null and are not drawn.
(function () {
  "use strict";
  var locale = document.documentElement.lang || "vi";
  var number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });

  function readData(id) {
    var source = document.getElementById(id);
    return source ? JSON.parse(source.textContent) : null;
  }

  // Counts take whole-number ticks only; long unit names get horizontal bars, and the
  // chart is as tall as its bars need (it stays readable on a phone).
  function drawCharts() {
    var colours = ["#0b4fa8", "#6c757d", "#c7cdd3"];
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var data = readData(canvas.dataset.chart);
      if (!data) return;
      var frame = canvas.parentElement;
      var perBar = 10 * data.series.length + 8;
      frame.style.height = Math.max(220, data.labels.length * perBar + 90) + "px";
      new Chart(canvas, {
        type: "bar",
        data: {
          labels: data.labels,
          datasets: data.series.map(function (s, i) {
            return { label: s.label, data: s.data, backgroundColor: colours[i % colours.length] };
          })
        },
        options: {
          indexAxis: "y",
          maintainAspectRatio: false,
          animation: false,
          locale: locale,
          plugins: { legend: { position: "bottom" } },
          scales: {
            x: {
              beginAtZero: true,
              ticks: {
                precision: 0,
                callback: function (value) {
                  return Number.isInteger(value) ? number.format(value) : null;
                }
              }
            },
            y: { ticks: { autoSkip: false } }
          }
        }
      });
    });
  }

  function drawSparklines() {
    document.querySelectorAll("canvas[data-sparkline]").forEach(function (canvas) {
      var data = readData(canvas.dataset.sparkline);
      if (!data) return;
      new Chart(canvas, {
        type: "line",
        data: {
          labels: data.labels,
          datasets: [{
            data: data.data, borderColor: "#0b4fa8", backgroundColor: "#0b4fa8",
            pointRadius: 2, borderWidth: 2, spanGaps: false, tension: 0.2
          }]
        },
        options: {
          maintainAspectRatio: false,
          animation: false,
          locale: locale,
          plugins: {
            legend: { display: false },
            tooltip: {
              callbacks: {
                label: function (item) {
                  return number.format(item.parsed.y) + (data.share ? " %" : "");
                }
              }
            }
          },
          scales: {
            x: { display: false },
            y: { display: true, beginAtZero: true, ticks: { precision: 0, maxTicksLimit: 3 } }
          }
        }
      });
    });
  }

  // Sorting a table by a column: numbers from data-sort-value (a hidden cell is empty and
  // sorts lowest), the first column back to the page's own (Vietnamese) order.
  function sortable(table) {
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, column) {
      var button = th.querySelector("button.sort-button");
      if (!button) return;
      button.addEventListener("click", function () {
        var descending = th.getAttribute("aria-sort") !== "descending" && column > 0;
        if (column === 0) descending = th.getAttribute("aria-sort") === "ascending";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column].dataset.sortValue, y = b.cells[column].dataset.sortValue;
          var nx = x === "" ? -1 : Number(x), ny = y === "" ? -1 : Number(y);
          if (nx !== ny) return descending ? ny - nx : nx - ny;
          return Number(a.cells[0].dataset.sortValue) - Number(b.cells[0].dataset.sortValue);
        });
        rows.forEach(function (row) { body.appendChild(row); });
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      });
    });
  }

  document.querySelectorAll("table.sortable-table").forEach(sortable);
  if (typeof Chart === "undefined") return;
  drawCharts();
  drawSparklines();
})();
