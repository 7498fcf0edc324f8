(function () {
  var epoch = __EPOCH__, file = __FILE__, source = null, overlay = null;
  function show(message) {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = '__blogtool_overlay';
      overlay.setAttribute('role', 'alert');
      overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;' +
        'background:rgba(24,24,28,.96);color:#ffb4b4;padding:2em;margin:0;' +
        'font:15px/1.5 ui-monospace,Menlo,Consolas,monospace';
      var title = document.createElement('div');
      title.style.cssText = 'color:#fff;font-weight:bold;margin-bottom:1em';
      title.textContent = 'blogtool: the build failed; fix the file and save, this page reloads.';
      var pre = document.createElement('pre');
      pre.id = '__blogtool_error';
      pre.style.cssText = 'white-space:pre-wrap;margin:0';
      overlay.appendChild(title);
      overlay.appendChild(pre);
      (document.body || document.documentElement).appendChild(overlay);
    }
    overlay.querySelector('pre').textContent = message;
  }
  function open() {
    if (source) return;
    source = new EventSource('__PATH__?epoch=' + epoch);
    source.addEventListener('reload', function (e) {
      var data = JSON.parse(e.data);
      if (data.epoch === epoch) return;
      if (data.paths && file !== null && data.paths.indexOf(file) < 0) {
        epoch = data.epoch;   // other pages changed; this one is as it was
        return;
      }
      source.close(); location.reload();
    });
    source.addEventListener('build-error', function (e) {
      show(JSON.parse(e.data).message);
    });
  }
  function close() { if (source) { source.close(); source = null; } }
  document.addEventListener('visibilitychange', function () {
    if (document.hidden) { close(); } else { open(); }
  });
  window.addEventListener('pagehide', close);
  if (!document.hidden) open();
})();
