// Starts Mirador in the record page's viewer element on the document's IIIF manifest. Without
// JavaScript the element keeps its text and a link to the manifest.
(function () {
  'use strict';
  var element = document.getElementById('viewer');
  if (!element || !window.Mirador) {
    return;
  }
  element.classList.add('viewer--active');
  element.textContent = '';
  window.Mirador.viewer({
    id: 'viewer',
    windows: [{ manifestId: element.getAttribute('data-manifest') }],
    window: {
      allowClose: false,
      allowMaximize: false,
      allowFullscreen: true,
      hideWindowTitle: true,
      sideBarOpen: false
    },
    workspace: { type: 'mosaic', allowNewWindows: false, showZoomControls: true },
    workspaceControlPanel: { enabled: false }
  });
})();
