// The dashboard's only script (the CSP allows no inline ones).
// htmx sends the antiforgery token as a header on every request it makes.
document.addEventListener('htmx:configRequest', (event) => {
  const token = document.querySelector('meta[name="csrf-token"]');
  if (token) event.detail.headers['RequestVerificationToken'] = token.content;
});

// Copy buttons: <button data-copy="#element-id">.
document.addEventListener('click', async (event) => {
  const button = event.target.closest('[data-copy]');
  if (!button) return;
  const source = document.querySelector(button.dataset.copy);
  if (!source) return;
  try {
    await navigator.clipboard.writeText(source.textContent.trim());
    button.textContent = 'Copied';
  } catch {
    // No clipboard permission (e.g. plain http): select the text so the user can copy it.
    const range = document.createRange();
    range.selectNodeContents(source);
    window.getSelection().removeAllRanges();
    window.getSelection().addRange(range);
    button.textContent = 'Selected: press Ctrl+C';
  }
});

// Analytics: the charts read the page's data-analytics (GET /v1/analytics's JSON). A chart already on
// a canvas is destroyed before it is drawn again, so redraws never stack instances.
const palette = ['#1f4fd1', '#c2410c', '#17663a', '#7e22ce', '#a16207', '#0e7490', '#be123c', '#4d7c0f'];

function bucketLabel(at, interval) {
  const d = new Date(at);
  const day = d.toISOString().slice(5, 10);
  return interval === 'hour' ? `${day} ${d.toISOString().slice(11, 16)}` : day;
}

function draw(id, config) {
  const canvas = document.getElementById(id);
  if (!canvas) return;
  const existing = window.Chart.getChart(canvas);
  if (existing) existing.destroy();
  config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false }, config.options || {});
  new window.Chart(canvas, config);
}

function drawAnalytics() {
  const host = document.getElementById('analytics');
  if (!host || !window.Chart) return;
  const data = JSON.parse(host.dataset.analytics || 'null');
  if (!data) return;
  const labels = data.series.map((p) => bucketLabel(p.at, data.interval));
  const sources = Object.keys(data.by_source);
  const stacked = { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } };
  draw('chart-mentions', {
    type: 'bar',
    data: { labels, datasets: sources.map((s, i) => ({ label: s, data: data.series.map((p) => p.by_source[s] || 0), backgroundColor: palette[i % palette.length] })) },
    options: { scales: stacked },
  });
  draw('chart-users', {
    type: 'line',
    data: { labels, datasets: [{ label: 'unique users', data: data.series.map((p) => p.unique_users), borderColor: palette[0], backgroundColor: palette[0] }] },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  draw('chart-sentiment', {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: 'positive', data: data.series.map((p) => p.positive_count), backgroundColor: '#17663a' },
        { label: 'negative', data: data.series.map((p) => p.negative_count), backgroundColor: '#b3261e' },
        { label: 'neutral', data: data.series.map((p) => p.neutral_count), backgroundColor: '#6b7280' },
      ],
    },
    options: { scales: stacked },
  });
  draw('chart-sources', {
    type: 'bar',
    data: { labels: sources, datasets: [{ label: 'mentions', data: sources.map((s) => data.by_source[s].mentions), backgroundColor: sources.map((_, i) => palette[i % palette.length]) }] },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
}

document.addEventListener('DOMContentLoaded', drawAnalytics);
document.addEventListener('htmx:afterSettle', drawAnalytics);
