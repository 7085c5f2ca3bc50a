// The dashboard page: reads initData (Telegram's, or the #tgWebAppData of a signed link), asks
// /app/api/dashboard with it, and draws what comes back. Every piece of data goes in as text,
// never as HTML.
(function () {
  'use strict';
  var T = {
    vi: {
      updated: 'Cập nhật lúc %s', from: 'Từ ngày', to: 'Đến ngày', apply: 'Xem',
      overall: 'Tiến độ chung', acts: '%d hoạt động', act1: '%d hoạt động', areas: 'Theo nội dung', units: 'Theo đơn vị',
      targets: 'Chỉ tiêu và kết quả', timeline: 'Sắp tới và quá hạn', reports: 'Báo cáo mới nhất',
      doneOf: '%d/%d hoàn thành', none: 'Không có gì trong khoảng thời gian này.', photo: 'có ảnh',
      denied401: 'Không xác thực được. Hãy mở bảng điều khiển từ nút “Bảng điều khiển” trong Telegram.',
      denied403: 'Bảng điều khiển chỉ dành cho cán bộ điều phối và người được xem.',
      failed: 'Không tải được dữ liệu.', period: 'Kỳ: %s – %s',
      overdueN: 'quá hạn %d', staleN: 'chưa báo cáo %d', span: '%s – %s',
      quarter: 'Quý này', all: 'Toàn chương trình'
    },
    en: {
      updated: 'Updated %s', from: 'From', to: 'To', apply: 'Show',
      overall: 'Overall progress', acts: '%d activities', act1: '%d activity', areas: 'By content area', units: 'By unit',
      targets: 'Targets and results', timeline: 'Upcoming and overdue', reports: 'Latest reports',
      doneOf: '%d/%d done', none: 'Nothing in this period.', photo: 'photo attached',
      denied401: 'Could not verify you. Open the dashboard from the “Dashboard” button in Telegram.',
      denied403: 'The dashboard is for coordinators and viewers only.',
      failed: 'Could not load the data.', period: 'Period: %s – %s',
      overdueN: 'overdue %d', staleN: 'not reported %d', span: '%s – %s',
      quarter: 'This quarter', all: 'Whole programme'
    }
  };
  var lang = 'vi';
  function t(key) {
    var s = T[lang][key], args = Array.prototype.slice.call(arguments, 1);
    return s.replace(/%[sd]/g, function () { return String(args.shift()); });
  }
  function acts(n) { return t(n === 1 ? 'act1' : 'acts', n); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  var SVG = 'http://www.w3.org/2000/svg';
  function bar(pct, done) {
    var s = document.createElementNS(SVG, 'svg');
    s.setAttribute('class', 'bar');
    s.setAttribute('viewBox', '0 0 100 10');
    s.setAttribute('preserveAspectRatio', 'none');
    s.setAttribute('role', 'img');
    s.setAttribute('aria-label', pct + '%');
    var bg = document.createElementNS(SVG, 'rect');
    bg.setAttribute('class', 'bg'); bg.setAttribute('width', '100'); bg.setAttribute('height', '10'); bg.setAttribute('rx', '3');
    var fg = document.createElementNS(SVG, 'rect');
    fg.setAttribute('class', done ? 'fg done' : 'fg');
    fg.setAttribute('width', String(Math.max(0, Math.min(100, pct))));
    fg.setAttribute('height', '10'); fg.setAttribute('rx', '3');
    s.appendChild(bg); s.appendChild(fg);
    return s;
  }

  function initData() {
    var d = new URLSearchParams(location.hash.slice(1)).get('tgWebAppData');
    if (d) return d;
    var tg = window.Telegram && window.Telegram.WebApp;
    return (tg && tg.initData) || '';
  }
  // The language before the server answers (for the refusal page): a display hint only.
  function guessLang(raw) {
    try {
      var u = JSON.parse(new URLSearchParams(raw).get('user') || '{}');
      if (String(u.language_code || '').toLowerCase().indexOf('en') === 0) return 'en';
    } catch (e) { /* no user: Vietnamese */ }
    return 'vi';
  }

  var raw = '';
  function show(id) {
    ['loading', 'denied', 'dash'].forEach(function (x) { document.getElementById(x).hidden = x !== id; });
  }
  function deny(status) {
    document.documentElement.lang = lang;
    document.getElementById('denied-code').textContent = String(status);
    document.getElementById('denied-text').textContent = status === 403 ? t('denied403') : t('denied401');
    show('denied');
  }

  function load(from, to) {
    var url = 'api/dashboard';
    if (from === 'all') url += '?period=all';
    else if (from && to) url += '?from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to);
    return fetch(url, { headers: { Authorization: 'tma ' + raw }, cache: 'no-store' }).then(function (r) {
      if (r.status === 401 || r.status === 403) { deny(r.status); return null; }
      return r.json().then(function (body) {
        if (!r.ok) {
          var pe = document.getElementById('period-error');
          pe.textContent = body.error || t('failed');
          pe.hidden = false;
          if (document.getElementById('dash').hidden) deny(r.status);
          return null;
        }
        render(body);
        return body;
      });
    }).catch(function () {
      var pe = document.getElementById('period-error');
      pe.textContent = t('failed');
      pe.hidden = false;
    });
  }

  function section(id, title, items, draw) {
    var s = document.getElementById(id);
    s.textContent = '';
    s.appendChild(el('h2', null, title));
    if (!items || !items.length) { s.appendChild(el('p', 'muted', t('none'))); return s; }
    items.forEach(function (x) { s.appendChild(draw(x)); });
    return s;
  }
  function barRow(b) {
    var row = el('div', 'row');
    row.dataset.key = b.key;
    if (b.depth > 0) row.style.paddingLeft = Math.min(b.depth, 4) * 14 + 'px'; // a unit under its parent
    var head = el('div', 'head');
    head.appendChild(el('span', 'label', b.label));
    head.appendChild(el('span', 'pct', b.percent + '%'));
    row.appendChild(head);
    row.appendChild(bar(b.percent, b.percent >= 100));
    row.appendChild(el('div', 'muted count', acts(b.activities) + ' · ' + t('doneOf', b.done, b.activities) +
      ' · ' + t('overdueN', b.overdue || 0) + ' · ' + t('staleN', b.not_reported || 0)));
    return row;
  }
  // span is the period every figure covers, written beside each section's title.
  var span = '';
  // The status's name comes from the server's one table of status names, as in chat.
  function chip(status, name) { return el('span', 'chip st-' + status, name || status); }

  function render(d) {
    lang = d.lang === 'en' ? 'en' : 'vi';
    document.documentElement.lang = lang;
    document.title = d.title;
    document.getElementById('title').textContent = d.title;
    document.getElementById('updated').textContent = t('updated', d.now_text) + ' · ' +
      (d.all ? d.from_text : t('period', d.from_text, d.to_text));
    document.getElementById('quarter').textContent = t('quarter');
    document.getElementById('whole').textContent = t('all');
    document.getElementById('l-from').textContent = t('from');
    document.getElementById('l-to').textContent = t('to');
    document.getElementById('apply').textContent = t('apply');
    document.getElementById('from').value = d.all ? '' : d.from_text; // dd/mm/yyyy, whatever the device's locale
    document.getElementById('to').value = d.all ? '' : d.to_text;
    document.getElementById('period-error').hidden = true;
    span = ' (' + (d.all ? d.from_text : t('span', d.from_text, d.to_text)) + ')';

    var o = d.overall, ov = document.getElementById('overall');
    ov.textContent = '';
    ov.appendChild(el('h2', null, t('overall') + span));
    var big = el('div', 'big', o.percent + '%');
    big.id = 'overall-percent';
    ov.appendChild(big);
    ov.appendChild(bar(o.percent, o.percent >= 100));
    var counts = el('p', 'muted', acts(o.activities) + ' · ' + t('doneOf', o.done, o.activities) + ' · ' + t('staleN', o.not_reported || 0));
    counts.id = 'overall-count';
    ov.appendChild(counts);
    var chips = el('div', 'chips');
    ['done', 'underway', 'overdue', 'planned'].forEach(function (k) {
      var c = chip(k, (d.status_names || {})[k]);
      c.textContent += ': ' + o[k];
      c.dataset.status = k;
      chips.appendChild(c);
    });
    ov.appendChild(chips);

    section('areas', t('areas') + span, d.areas, barRow);
    // Units and targets show when the programme has them; otherwise their sections stay hidden.
    document.getElementById('units').hidden = !(d.units && d.units.length);
    if (d.units && d.units.length) section('units', t('units') + span, d.units, barRow);
    document.getElementById('targets').hidden = !(d.targets && d.targets.length);
    if (d.targets && d.targets.length) {
      section('targets', t('targets') + span, d.targets, function (x) {
        var pct = x.percent || 0;
        var row = el('div', 'row target');
        var head = el('div', 'head');
        head.appendChild(el('span', 'label', x.code + ' · ' + x.label + (x.unit ? ' · ' + x.unit : '')));
        head.appendChild(el('span', 'pct', x.text + (x.target > 0 ? ' (' + pct + '%)' : '')));
        row.appendChild(head);
        row.appendChild(bar(pct, pct >= 100));
        return row;
      });
    }

    var ul = el('ul', 'list');
    (d.timeline || []).forEach(function (e) {
      var li = el('li');
      li.dataset.code = e.code;
      var l1 = el('div', 'line');
      l1.appendChild(el('span', 'when', e.when));
      l1.appendChild(chip(e.status, e.statusName));
      l1.appendChild(el('span', 'pct', e.percent + '%'));
      li.appendChild(l1);
      var l2 = el('div', 'line');
      l2.appendChild(el('span', 'code', e.code));
      l2.appendChild(el('span', null, e.title));
      if (e.owner) l2.appendChild(el('span', 'muted', e.owner));
      li.appendChild(l2);
      ul.appendChild(li);
    });
    var tl = section('timeline', t('timeline'), d.timeline && d.timeline.length ? [1] : [], function () { return ul; });
    tl.dataset.count = String((d.timeline || []).length);

    var rl = el('ul', 'list');
    (d.reports || []).forEach(function (r) {
      var li = el('li');
      li.dataset.code = r.code;
      var l1 = el('div', 'line');
      l1.appendChild(el('span', 'code', r.code));
      l1.appendChild(el('span', null, r.title));
      l1.appendChild(el('span', 'pct', r.percent + '%'));
      li.appendChild(l1);
      var l2 = el('div', 'line muted');
      l2.appendChild(el('span', 'who', r.name));
      if (r.unit) l2.appendChild(el('span', 'unit', r.unit));
      l2.appendChild(el('span', 'when', r.when));
      if (r.has_file) l2.appendChild(el('span', 'chip file', t('photo')));
      li.appendChild(l2);
      if (r.note) li.appendChild(el('p', 'note', r.note));
      rl.appendChild(li);
    });
    var rs = section('reports', t('reports'), d.reports && d.reports.length ? [1] : [], function () { return rl; });
    rs.dataset.count = String((d.reports || []).length);
    show('dash');
    document.body.dataset.ready = '1';
  }

  // Tells Telegram the page is ready and may fill the screen, once its script has loaded.
  function telegramReady() {
    var tg = window.Telegram && window.Telegram.WebApp;
    if (tg && tg.ready) { tg.ready(); if (tg.expand) tg.expand(); }
  }
  window.addEventListener('load', telegramReady);

  function start() {
    raw = initData();
    lang = guessLang(raw);
    telegramReady();
    if (!raw) { deny(401); document.body.dataset.ready = '1'; return; }
    load().then(function () { document.body.dataset.ready = '1'; });
  }
  document.getElementById('quarter').addEventListener('click', function () { load(); });
  document.getElementById('whole').addEventListener('click', function () { load('all'); });
  document.getElementById('period').addEventListener('submit', function (ev) {
    ev.preventDefault();
    load(document.getElementById('from').value, document.getElementById('to').value);
  });
  // Telegram's script loads asynchronously; initData in the address needs no wait for it.
  if (new URLSearchParams(location.hash.slice(1)).get('tgWebAppData') || document.readyState === 'complete') start();
  else window.addEventListener('load', start);
})();
