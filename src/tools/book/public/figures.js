// Draws every stored figure of the page with plotly, from the JSON beside it (a script element, so
// the page works from file:// too). The figure takes the column's width and follows resizes.
(function drawFigures() {
  for (const spec of document.querySelectorAll("script.figure-spec")) {
    const area = document.querySelector(`.plot-area[data-figure="${spec.dataset.figure}"]`);
    const figure = JSON.parse(spec.textContent);
    const layout = Object.assign({}, figure.layout, { autosize: true });
    delete layout.width;
    window.Plotly.newPlot(area, figure.data, layout, { responsive: true, displaylogo: false });
  }
})();
