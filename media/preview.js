// @ts-check
/*
 * Improvekit preview webview script. Loaded with the page's nonce; never evaluates anything from
 * a document (the page is escaped HTML, and the CSP forbids inline scripts).
 *
 * To the extension:   {type:'reveal', path, ordinal?, doc?}  a click on an element with data-path
 *                     {type:'open', uri}                     a click on a link to another document
 *                     {type:'ready'}                         once loaded
 * From the extension: {type:'update', html, uri?}  new content for #ik-root (scroll and zoom kept)
 *                     {type:'highlight', path, ordinal?}  scroll to and briefly mark an element
 */
(function () {
  'use strict';

  // @ts-ignore: provided by the VS Code webview
  const vscode = acquireVsCodeApi();

  const MIN_ZOOM = 0.2;
  const MAX_ZOOM = 5;
  const STEP = 1.25;
  /** The least scale a diagram opens at: 70% keeps 14 px labels about 10 px on screen. */
  const MIN_INITIAL = 0.7;
  /** Pointer travel that turns a press into a drag (a click on a node still reveals). */
  const DRAG_THRESHOLD = 4;

  /** @typedef {{ z: number | null, left: number, top: number }} ZoomState */
  /** @type {{ scrollX: number, scrollY: number, zoom: Record<string, ZoomState>, uri?: string }} */
  const state = Object.assign({ scrollX: 0, scrollY: 0, zoom: {} }, vscode.getState() || {});
  if (!state.zoom || typeof state.zoom !== 'object') state.zoom = {};

  let saveTimer = 0;
  function save() {
    if (saveTimer) return;
    saveTimer = window.setTimeout(() => {
      saveTimer = 0;
      vscode.setState(state);
    }, 100);
  }

  function root() {
    return document.getElementById('ik-root') || document.body;
  }

  /** Set after a drag so that the click ending it does not reveal. */
  let suppressClick = false;

  // ---- click (and Enter) to reveal the source ----

  /** @param {Element} target */
  function activate(target) {
    if (target.closest('.ik-diagram-tools')) return false;
    const link = target.closest('[data-open-uri]');
    if (link) {
      vscode.postMessage({ type: 'open', uri: link.getAttribute('data-open-uri') });
      return true;
    }
    const element = target.closest('[data-path]');
    if (!element) return false;
    const article = element.closest('[data-ordinal]');
    /** @type {{ type: string, path: string | null, ordinal?: number, doc?: string }} */
    const message = { type: 'reveal', path: element.getAttribute('data-path') };
    if (article) {
      message.ordinal = Number(article.getAttribute('data-ordinal'));
      const doc = article.getAttribute('data-doc');
      if (doc) message.doc = doc;
    }
    vscode.postMessage(message);
    return true;
  }

  document.addEventListener('click', (event) => {
    if (suppressClick) {
      suppressClick = false;
      return;
    }
    if (event.target instanceof Element && window.getSelection()?.toString() === '') activate(event.target);
  });

  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const target = document.activeElement;
    if (target instanceof Element && target.matches('[data-path], [data-open-uri]') && activate(target)) event.preventDefault();
  });

  // ---- zoom and pan of diagrams ----

  /** What each set-up diagram does when the view is resized. @type {WeakMap<Element, () => void>} */
  const refreshers = new WeakMap();

  /** @param {number} z */
  function clamp(z) {
    return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));
  }

  /** @param {Element} diagram @param {number} index */
  function keyOf(diagram, index) {
    const article = diagram.closest('[data-ordinal]');
    return `${article ? article.getAttribute('data-ordinal') : '0'}:${index}`;
  }

  /** @param {string} label @param {string} title @param {() => void} action */
  function button(label, title, action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.title = title;
    b.setAttribute('aria-label', title);
    b.addEventListener('click', (event) => {
      event.stopPropagation();
      action();
    });
    return b;
  }

  /** @param {HTMLElement} diagram @param {number} index */
  function setupDiagram(diagram, index) {
    const svg = diagram.querySelector('svg');
    if (!svg || diagram.dataset.ikReady) return;
    diagram.dataset.ikReady = '1';
    const key = keyOf(diagram, index);
    const natural = Number(svg.getAttribute('width')) || svg.getBoundingClientRect().width || 1;
    /** @type {ZoomState} */
    const saved = state.zoom[key];
    const zoom = saved || { z: null, left: 0, top: 0 };
    state.zoom[key] = zoom;
    // A new diagram opens fitted only when fitting keeps it readable: below MIN_INITIAL its 14 px
    // text would be 5–6 px (a 38-node diagram in a side view), so it opens at MIN_INITIAL and scrolls.
    if (!saved) {
      const fitted = svg.getBoundingClientRect().width / natural;
      // A hidden view (width 0) tells nothing: it fits when shown.
      if (fitted > 0 && fitted < MIN_INITIAL) zoom.z = MIN_INITIAL;
    }

    // The level shows the scale the diagram is drawn at (fitted or chosen); clicking it shows the actual size.
    // Fitting to the width is the separate "Fit" button, pressed while the diagram is fitted.
    const level = button('100%', 'Actual size (100%)', () => apply(1));
    level.className = 'ik-zoom-level';
    const fit = button('Fit', 'Fit to width', () => apply(null));
    fit.className = 'ik-zoom-fit';
    const bar = document.createElement('div');
    bar.className = 'ik-zoom-bar';
    bar.setAttribute('role', 'toolbar');
    bar.setAttribute('aria-label', 'Zoom');
    bar.append(
      button('−', 'Zoom out (Ctrl+wheel)', () => zoomAround(1 / STEP)),
      level,
      button('+', 'Zoom in (Ctrl+wheel)', () => zoomAround(STEP)),
      fit,
    );
    // Beside the zoom, export: the file's diagram as the commands write it (a picker follows when it draws several).
    const exports = document.createElement('div');
    exports.className = 'ik-export-bar';
    exports.setAttribute('role', 'toolbar');
    exports.setAttribute('aria-label', 'Export');
    for (const format of ['svg', 'png']) {
      const name = format.toUpperCase();
      exports.append(button(name, `Export diagram as ${name}`, () => vscode.postMessage({ type: 'export', format })));
    }
    const tools = document.createElement('div');
    tools.className = 'ik-diagram-tools';
    tools.append(exports, bar);
    diagram.parentNode?.insertBefore(tools, diagram);

    function current() {
      return zoom.z ?? svg.getBoundingClientRect().width / natural;
    }

    function pannable() {
      diagram.classList.toggle('ik-pannable', diagram.scrollWidth > diagram.clientWidth + 1 || diagram.scrollHeight > diagram.clientHeight + 1);
    }

    /** The level's text: the scale drawn at, which for a fitted diagram follows the width of the view. */
    function showLevel() {
      const percent = Math.round(current() * 100);
      level.textContent = percent > 0 ? `${percent}%` : '100%';
      fit.setAttribute('aria-pressed', String(zoom.z === null));
    }
    refreshers.set(diagram, () => {
      pannable();
      showLevel();
    });

    /** @param {number | null} z */
    function apply(z) {
      zoom.z = z === null ? null : clamp(z);
      if (zoom.z === null) {
        svg.style.width = '';
        svg.style.height = '';
      } else {
        svg.style.width = `${Math.round(natural * zoom.z)}px`;
        svg.style.height = 'auto';
      }
      diagram.classList.toggle('ik-zoomed', zoom.z !== null);
      showLevel();
      pannable();
      save();
    }

    /** Zooms keeping the point under (clientX, clientY) in place; the centre when not given. */
    function zoomAround(/** @type {number} */ factor, clientX, clientY) {
      const rect = diagram.getBoundingClientRect();
      const ox = (clientX ?? rect.left + rect.width / 2) - rect.left;
      const oy = (clientY ?? rect.top + rect.height / 2) - rect.top;
      const before = current();
      const x = (diagram.scrollLeft + ox) / before;
      const y = (diagram.scrollTop + oy) / before;
      apply(before * factor);
      const after = current();
      diagram.scrollLeft = x * after - ox;
      diagram.scrollTop = y * after - oy;
    }

    diagram.addEventListener(
      'wheel',
      (event) => {
        if (!event.ctrlKey && !event.metaKey) return;
        event.preventDefault();
        zoomAround(event.deltaY < 0 ? STEP : 1 / STEP, event.clientX, event.clientY);
      },
      { passive: false },
    );

    /** @type {{ x: number, y: number, left: number, top: number, id: number, moved: boolean } | undefined} */
    let drag;
    diagram.addEventListener('pointerdown', (event) => {
      if (event.button !== 0 || !diagram.classList.contains('ik-pannable')) return;
      drag = { x: event.clientX, y: event.clientY, left: diagram.scrollLeft, top: diagram.scrollTop, id: event.pointerId, moved: false };
    });
    diagram.addEventListener('pointermove', (event) => {
      if (!drag || event.pointerId !== drag.id) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
      if (!drag.moved) {
        drag.moved = true;
        diagram.setPointerCapture(event.pointerId);
        diagram.classList.add('ik-panning');
      }
      diagram.scrollLeft = drag.left - dx;
      diagram.scrollTop = drag.top - dy;
    });
    /** @param {PointerEvent} event */
    const end = (event) => {
      if (!drag || event.pointerId !== drag.id) return;
      if (drag.moved) suppressClick = true;
      drag = undefined;
      diagram.classList.remove('ik-panning');
    };
    diagram.addEventListener('pointerup', end);
    diagram.addEventListener('pointercancel', end);
    diagram.addEventListener('scroll', () => {
      zoom.left = diagram.scrollLeft;
      zoom.top = diagram.scrollTop;
      save();
    });

    apply(zoom.z);
    diagram.scrollLeft = zoom.left;
    diagram.scrollTop = zoom.top;
  }

  function setup() {
    document.querySelectorAll('.ik-diagram[data-zoom]').forEach((diagram, index) => {
      if (diagram instanceof HTMLElement) setupDiagram(diagram, index);
    });
  }

  // ---- scroll position ----

  window.addEventListener(
    'scroll',
    () => {
      state.scrollX = window.scrollX;
      state.scrollY = window.scrollY;
      save();
    },
    { passive: true },
  );

  window.addEventListener('resize', () => {
    document.querySelectorAll('.ik-diagram[data-zoom]').forEach((diagram) => {
      const refresh = refreshers.get(diagram);
      if (refresh) refresh();
      else diagram.classList.toggle('ik-pannable', diagram.scrollWidth > diagram.clientWidth + 1 || diagram.scrollHeight > diagram.clientHeight + 1);
    });
  });

  // ---- messages from the extension ----

  /** @param {string} path @param {number | undefined} ordinal */
  function findPath(path, ordinal) {
    const scope = ordinal === undefined ? root() : root().querySelector(`[data-ordinal="${Number(ordinal)}"]`) || root();
    // The element for the path, else for its nearest ancestor path (`decisions.0.decide` → `decisions.0`).
    const parts = String(path).split('.');
    while (parts.length) {
      const wanted = parts.join('.');
      for (const element of scope.querySelectorAll('[data-path]')) {
        if (element.getAttribute('data-path') === wanted) return element;
      }
      parts.pop();
    }
    return undefined;
  }

  let highlightTimer = 0;
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'update' && typeof message.html === 'string') {
      // The file shown, kept in the webview's state so the preview reopens on it after a reload.
      // Another file than before starts at the top with its diagrams unzoomed.
      const switched = typeof message.uri === 'string' && typeof state.uri === 'string' && message.uri !== state.uri;
      if (typeof message.uri === 'string' && message.uri !== state.uri) {
        state.uri = message.uri;
        if (switched) {
          state.zoom = {};
          state.scrollX = 0;
          state.scrollY = 0;
        }
        save();
      }
      const x = switched ? 0 : window.scrollX;
      const y = switched ? 0 : window.scrollY;
      root().innerHTML = message.html;
      setup();
      window.scrollTo(x, y);
    } else if (message.type === 'highlight' && typeof message.path === 'string') {
      const element = findPath(message.path, typeof message.ordinal === 'number' ? message.ordinal : undefined);
      if (!element) return;
      document.querySelectorAll('.ik-highlight').forEach((e) => e.classList.remove('ik-highlight'));
      element.classList.add('ik-highlight');
      element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      window.clearTimeout(highlightTimer);
      highlightTimer = window.setTimeout(() => element.classList.remove('ik-highlight'), 1500);
    }
  });

  setup();
  window.scrollTo(state.scrollX || 0, state.scrollY || 0);
  vscode.postMessage({ type: 'ready' });
})();
